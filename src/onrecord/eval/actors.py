"""Score actor coding on NGEC-derived cases (../shared/data/events/actor_cases_dev.jsonl).

Only `agent_to_code` and `short_text_to_agent` cases with a text are scored (the others test
Wikipedia look-ups, which we do without). Country accuracy counts every case with an expected
country (an empty one means "none expected"; CAMEO's UNO/EUR count as IGO); sector accuracy
counts cases with an expected sector (`In` lists accept any member; "????" cases are skipped).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..events.actors import code_text
from .plover import norm_country

_METHODS = frozenset({"agent_to_code", "short_text_to_agent"})


def _expect_ok(expected: Any, got: str | None) -> bool | None:
    """True/False for a scorable expectation, None for one we skip."""
    if isinstance(expected, dict):
        if "In" in expected:
            return got in expected["In"]
        if "NotEq" in expected:
            return got != expected["NotEq"]
        return None
    if expected == "????":
        return None
    if expected in ("UNK", "JNK"):  # "unknown" / "junk": the right answer is no sector
        expected = None
    return (expected or None) == got


def evaluate(path: str | Path, *, sources: str = "all") -> dict[str, Any]:
    """Country and sector accuracy, with the misses.

    sources: "all" (ours, then Phoenix), "ours", or "phoenix": pycountry and the Phoenix
    dictionaries alone, which were written by others for news in general, so every dev name is
    one that coder never saw chosen for it.
    """
    country = [0, 0]
    sector = [0, 0]
    misses: list[dict[str, Any]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case.get("method") not in _METHODS or not case["args"] or not case["args"][0]:
            continue
        text = case["args"][0]
        context = case["args"][1] if len(case["args"]) > 1 else ""
        exp = case.get("expected", {})
        code = code_text(text, sources=sources)  # type: ignore[arg-type]
        got_country = code.country or (code_text(context, sources=sources).country if context else None)
        if "_value" in exp:  # "not an actor": nothing may be coded
            ok = got_country is None and code.sector is None
            country[0] += ok
            country[1] += 1
            if not ok:
                misses.append({"text": text, "expected": None, "got": [got_country, code.sector]})
            continue
        if "country" in exp:
            want = exp["country"]
            want = {k: norm_country(v) for k, v in want.items()} if isinstance(want, dict) else norm_country(want)
            ok = _expect_ok(want, norm_country(got_country))
            if ok is not None:
                country[0] += ok
                country[1] += 1
                if not ok:
                    misses.append({"text": text, "field": "country", "expected": exp["country"], "got": got_country})
        if "code_1" in exp and exp["code_1"]:
            ok = _expect_ok(exp["code_1"], code.sector)
            if ok is not None:
                sector[0] += ok
                sector[1] += 1
                if not ok:
                    misses.append({"text": text, "field": "sector", "expected": exp["code_1"], "got": code.sector})
    return {
        "country_accuracy": round(country[0] / country[1], 4) if country[1] else 0.0,
        "country_cases": country[1],
        "sector_accuracy": round(sector[0] / sector[1], 4) if sector[1] else 0.0,
        "sector_cases": sector[1],
        "misses": misses,
    }


def report(result: dict[str, Any]) -> str:
    lines = [f"Actor coding: country accuracy {result['country_accuracy']:.3f} ({result['country_cases']} cases), "
             f"sector accuracy {result['sector_accuracy']:.3f} ({result['sector_cases']} cases)"]
    for m in result["misses"]:
        lines.append(f"  miss {m.get('field', 'actor')}: {m['text']!r} expected {m['expected']!r} got {m['got']!r}")
    return "\n".join(lines)
