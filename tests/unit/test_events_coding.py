"""CAMEO -> PLOVER coding, Goldstein and quad class: tables only, no model."""
from __future__ import annotations

import pytest

from onrecord.events.coding import cameo_table, goldstein, plover, quad_class


@pytest.mark.parametrize(("cameo", "ptype", "mode"), [
    ("040", "CONSULT", None), ("041", "CONSULT", "phone"), ("042", "CONSULT", "visit"),
    ("090", "ACCUSE", "investigate"), ("112", "ACCUSE", "disapprove"), ("173", "COERCE", "arrest"),
    ("120", "REJECT", None), ("1823", "ASSAULT", None),
])
def test_coding_plover_follows_table(cameo: str, ptype: str, mode: str | None) -> None:
    coding = plover(cameo)
    assert (coding.type, coding.mode) == (ptype, mode)


def test_coding_extensions_statement_and_deny() -> None:
    assert plover("010").type == "STATEMENT"
    assert plover("016").type == "DENY"


def test_coding_unknown_code_falls_back_to_parent() -> None:
    assert plover("0469").type == "CONSULT"


def test_coding_table_is_complete() -> None:
    assert len(cameo_table()) > 250


@pytest.mark.parametrize(("cameo", "quad"), [("040", 1), ("071", 2), ("112", 3), ("190", 4), ("0841", 2)])
def test_coding_quad_class(cameo: str, quad: int) -> None:
    assert quad_class(cameo) == quad


def test_coding_goldstein_signs() -> None:
    assert goldstein("057") > 0 > goldstein("190")
    assert goldstein("1999") == goldstein("190")  # unknown code: the base code's value
