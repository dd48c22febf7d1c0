"""`onrecord extract`: one contract line per article on stdout."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click

from ..ingest import read
from ..run.local import Progress, run
from ..settings import DEFAULT
from ._options import echo_err, private_option, quiet_option, workers_option


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "brat"]), default="jsonl", show_default=True,
              help="jsonl: the contract's lines; brat: a .txt/.ann pair per article (needs --output DIR).")
@click.option("--output", "-o", type=click.Path(), help="A file (jsonl) or folder (brat); default stdout.")
@workers_option
@quiet_option
@private_option
def extract_cmd(paths: tuple[str, ...], fmt: str, output: str | None, workers: int, quiet: bool,
                allow_private: bool) -> None:
    """Analyse articles and print one JSON line per article.

    PATHS are .txt, .html, .jsonl or .warc(.gz) files, folders (read recursively), URLs, or -
    for standard input. Bad articles get a line with `errors` filled and the run goes on; the
    exit code is 1 only when nothing at all could be read.

    \b
    Example:
        onrecord extract ../shared/seed/presstv-sessions-kislyak.txt > seed.jsonl
        onrecord extract news/ --format brat --output brat/
    """
    settings = replace(DEFAULT, allow_private=allow_private)
    if fmt == "brat" and not output:
        raise click.UsageError("--format brat writes files: give --output DIR")
    out = sys.stdout if fmt == "jsonl" and not output else None
    fh = open(output, "w", encoding="utf-8") if fmt == "jsonl" and output else out
    read_ok = total = 0
    with Progress(enabled=None if not quiet else False, label="extracting") as progress:
        for record in run(read(paths, settings=settings), workers=workers, settings=settings):
            total += 1
            read_ok += bool(record.text)
            progress.advance(record)
            if fmt == "jsonl":
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")  # type: ignore[union-attr]
                fh.flush()  # type: ignore[union-attr]
            else:
                _write_brat(record, Path(output))  # type: ignore[arg-type]
    if fh is not None and fh is not sys.stdout:
        fh.close()
    if not quiet:
        echo_err(f"{total} articles, {total - read_ok} unreadable")
    if read_ok == 0:
        sys.exit(1)


def _write_brat(record, folder: Path) -> None:  # noqa: ANN001
    from ..attribution.brat import to_brat

    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in record.id)[:150] or "article"
    (folder / f"{safe}.txt").write_text(record.text, encoding="utf-8", newline="")
    (folder / f"{safe}.ann").write_text(to_brat(record), encoding="utf-8")
