"""Derive src/onrecord/data/events/cameo2plover.tsv from the PLOVER CAMEO->PLOVER table.

The source is openeventdata/PLOVER (cameo2plover-2021.tsv, CC BY-SA 4.0, edited by Philip
Schrodt); the derived table keeps its licence and credit in its header.

    python scripts/build_event_tables.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "onrecord" / "data" / "events" / "cameo2plover.tsv"
_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,?([^,#]*),?([^#]*)#?\s*(.*)$")
_HEADER = (
    "# CAMEO code -> PLOVER type, mode, context (derived by scripts/build_event_tables.py)\n"
    "# Source: openeventdata/PLOVER cameo2plover-2021.tsv (PLOVER manual draft 0.8, 2021,\n"
    "# edited by Philip Schrodt). Licence: CC BY-SA 4.0; this derived table is CC BY-SA 4.0 too.\n"
    "code\ttype\tmode\tcontext\tdescription\n"
)


def convert(src: Path) -> list[tuple[str, str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str, str]] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if not m:
            continue
        code, ptype, mode, context, desc = (g.strip() for g in m.groups())
        contexts = ";".join(c.strip() for c in context.split(";") if c.strip())
        rows.setdefault(code, (code, ptype, mode.replace(" ", ""), contexts, desc))
    return sorted(rows.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    rows = convert(args.shared / "data" / "events" / "cameo2plover-2021.tsv")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(_HEADER + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
