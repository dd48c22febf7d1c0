"""CAMEO codes -> PLOVER type, mode and context; Goldstein scale and quad class for export.

The CAMEO->PLOVER table is derived from openeventdata/PLOVER (CC BY-SA 4.0) by
scripts/build_event_tables.py. STATEMENT and DENY are our extensions (CAMEO 01 and 016).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_DATA = "onrecord.data.events"

# Our extensions: CAMEO's "make public statement" root and "deny responsibility" code.
_EXTENSIONS = {"01": "STATEMENT", "010": "STATEMENT", "012": "STATEMENT", "013": "STATEMENT",
               "015": "STATEMENT", "016": "DENY", "02": "REQUEST", "020": "REQUEST"}

# Goldstein (1992) conflict-cooperation weights per CAMEO root, as published with CAMEO and used
# by GDELT; a few well-known code-level values below refine them.
GOLDSTEIN_ROOT: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}
GOLDSTEIN_CODE: dict[str, float] = {
    "010": 0.0, "016": -2.0, "030": 4.0, "036": 4.0, "040": 1.0, "041": 1.0, "042": 1.9,
    "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0, "051": 3.4, "052": 3.5, "054": 6.0,
    "055": 3.5, "057": 8.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0, "071": 7.4,
    "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0, "0841": 7.0, "087": 9.0, "090": -2.0,
    "100": -5.0, "112": -2.0, "115": -2.0, "120": -4.0, "125": -5.0, "128": -4.0,
    "130": -4.4, "138": -7.0, "139": -7.0, "141": -6.5, "145": -7.5, "161": -4.0,
    "163": -8.0, "166": -5.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0,
    "181": -9.0, "182": -9.5, "183": -10.0, "186": -10.0, "190": -10.0, "193": -10.0,
    "194": -10.0, "195": -10.0, "202": -10.0,
}


@dataclass(frozen=True, slots=True)
class Coding:
    type: str
    mode: str | None
    context: tuple[str, ...]


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, Coding]:
    text = resources.files(_DATA).joinpath("cameo2plover.tsv").read_text(encoding="utf-8")
    out: dict[str, Coding] = {}
    for line in text.splitlines()[1:]:
        if not line or line.startswith(("#", "code\t")):
            continue
        code, ptype, mode, context, *_ = (line.split("\t") + ["", "", ""])[:5]
        out[code] = Coding(ptype, mode or None, tuple(c for c in context.split(";") if c))
    return out


def plover(cameo: str) -> Coding:
    """PLOVER type, mode and context of a CAMEO code (falling back to its parent codes)."""
    if cameo in _EXTENSIONS:
        return Coding(_EXTENSIONS[cameo], None, ())
    table = cameo_table()
    for n in range(len(cameo), 1, -1):
        hit = table.get(cameo[:n])
        if hit:
            return hit
    if cameo[:2] in _EXTENSIONS:
        return Coding(_EXTENSIONS[cameo[:2]], None, ())
    raise KeyError(f"unknown CAMEO code {cameo!r}")


def root(cameo: str) -> str:
    return cameo[:2]


def base(cameo: str) -> str:
    return cameo[:3]


def goldstein(cameo: str) -> float:
    for key in (cameo, cameo[:3]):
        if key in GOLDSTEIN_CODE:
            return GOLDSTEIN_CODE[key]
    return GOLDSTEIN_ROOT.get(cameo[:2], 0.0)


def quad_class(cameo: str) -> int:
    """GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    r = int(cameo[:2])
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4
