"""Regenerate the README's output blocks from the real commands (run `make readme`).

Blocks sit between `<!-- BEGIN name -->` and `<!-- END name -->`; tests/test_docs.py checks
that the demo block still matches what the pipeline prints on the seed article.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ONRECORD = [sys.executable, "-m", "onrecord"]


def run(*args: str) -> str:
    return subprocess.run([*ONRECORD, *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def blocks() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.duckdb")
        subprocess.run([*ONRECORD, "ingest", "--quiet", "examples/", "--db", db], cwd=ROOT, check=True)
        return {
            "demo": run("show", "--db", db, "--article", "presstv-sessions-kislyak"),
            "conflicts": _try("conflicts", "--db", db),
            "quotes": run("quotes", "--db", db, "--speaker", "Jeff Sessions"),
            "person": run("person", "Jeff Sessions", "--db", db),
        }


def _try(*args: str) -> str:
    try:
        return run(*args)
    except subprocess.CalledProcessError as exc:
        return exc.stdout + exc.stderr


def main() -> None:
    text = README.read_text(encoding="utf-8")
    for name, output in blocks().items():
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n```text\n).*?(```\n<!-- END {name} -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + output.rstrip() + "\n" + m.group(2), text)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
