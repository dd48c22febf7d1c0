"""HTML extraction benchmark: our reader against plain trafilatura on shared/data/html-bench.

Data: `html/<hash>.html.gz` pages and `ground-truth.json` ({hash: {"articleBody": ...}}),
from scrapinghub/article-extraction-benchmark.

Scoring, per page: the extracted text and the true `articleBody` each become a bag
(multiset) of lower-cased `\\w+` tokens; the overlap is the multiset intersection
(`Counter & Counter`), so a word counts as often as it appears in both.

    precision = |overlap| / |extracted tokens|   (0 when nothing was extracted)
    recall    = |overlap| / |true tokens|

P and R are averaged over pages (each page weighs the same), and F1 is computed once
from the averaged P and R: F1 = 2PR / (P + R). It is not the mean of per-page F1s.

The baseline is `trafilatura.extract(page_bytes)` with its defaults; ours is
`onrecord.ingest.html.extract_text(page_bytes)`, the same code path as `onrecord extract`.
"""
from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .metrics import f1

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """The bag of lower-cased word tokens the benchmark compares."""
    return Counter(_TOKEN.findall(text.lower()))


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) of one page's extraction, by multiset token overlap."""
    pred, gold = tokens(predicted), tokens(truth)
    overlap = sum((pred & gold).values())
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    return (overlap / n_pred if n_pred else 0.0, overlap / n_gold if n_gold else 0.0)


@dataclass(slots=True)
class _Tally:
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, p: float, r: float) -> None:
        self.precisions.append(p)
        self.recalls.append(r)

    def summary(self) -> dict[str, float]:
        n = len(self.precisions)
        p = sum(self.precisions) / n if n else 0.0
        r = sum(self.recalls) / n if n else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1(p, r), 4),
                "pages_per_s": round(n / self.seconds, 1) if self.seconds else 0.0}


def load(path: str | Path) -> list[tuple[str, bytes, str]]:
    """(hash, page bytes, true article text) for every page with a ground truth, sorted by hash."""
    root = Path(path)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        file = root / "html" / f"{key}.html.gz"
        if file.exists():
            pages.append((key, gzip.decompress(file.read_bytes()), truth[key]["articleBody"]))
    return pages


def _baseline(page: bytes) -> str:
    import trafilatura

    return trafilatura.extract(page) or ""


def _timed(fn: Callable[[bytes], str], page: bytes, tally: _Tally) -> str:
    start = time.perf_counter()
    out = fn(page)
    tally.seconds += time.perf_counter() - start
    return out


def evaluate(path: str | Path, *, limit: int | None = None, baseline: bool = True,
             worst: int = 5) -> dict[str, Any]:
    """Score our extractor (and, unless baseline=False, trafilatura's defaults) on the benchmark.

    Returns {"pages", "ours": {p, r, f1, pages_per_s}, "baseline": {...} or None,
    "worst": [(hash, f1) of our `worst` lowest-scoring pages]}.
    """
    from ..ingest.html import extract_text

    pages = load(path)[:limit]
    ours, base = _Tally(), _Tally()
    per_page: list[tuple[str, float]] = []
    for key, page, truth in pages:
        p, r = page_scores(_timed(extract_text, page, ours), truth)
        ours.add(p, r)
        per_page.append((key, round(f1(p, r), 4)))
        if baseline:
            base.add(*page_scores(_timed(_baseline, page, base), truth))
    per_page.sort(key=lambda kv: kv[1])
    return {"pages": len(pages), "ours": ours.summary(),
            "baseline": base.summary() if baseline else None, "worst": per_page[:worst]}


def report(result: dict[str, Any]) -> str:
    """A side-by-side table of ours and the trafilatura-defaults baseline."""
    rows = [("onrecord", result["ours"])]
    if result.get("baseline"):
        rows.append(("trafilatura defaults", result["baseline"]))
    lines = [f"html-bench: {result['pages']} pages; token P/R averaged over pages, F1 from those averages",
             f"{'extractor':<22}{'P':>8}{'R':>8}{'F1':>8}{'pages/s':>10}"]
    for name, s in rows:
        lines.append(f"{name:<22}{s['p']:>8.4f}{s['r']:>8.4f}{s['f1']:>8.4f}{s['pages_per_s']:>10.1f}")
    return "\n".join(lines)


__all__ = ["evaluate", "report", "page_scores", "tokens", "load"]
