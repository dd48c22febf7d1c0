"""Deferred pages: HTML whose text is extracted by the worker that analyses it.

Extracting an article from HTML (trafilatura) costs ~45 ms a page, about 15% of analysing
it. Done by the reader, it all happens in the one driver process, which then feeds at most
~5 workers' worth of WARC pages. A reader that yields `HtmlPage`s instead of Articles moves
the extraction into the workers (`run.local.analyse_chunk` calls `to_article` there), so it
scales with them. A page looks like an unread Article to `article_key` and `--resume`
(its key is its URL).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import error_article
from ..model import Article, ErrorRecord, Meta, Span
from ..settings import DEFAULT, Settings


@dataclass(slots=True)
class HtmlPage:
    id: str
    body: bytes
    meta: Meta = field(default_factory=Meta)
    encoding: str | None = None          # the charset the HTTP header gave
    text: str = ""                        # not extracted yet
    ignored: list[Span] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    def to_article(self, settings: Settings = DEFAULT) -> Article:
        """The Article of this page (an error Article when it cannot be extracted)."""
        from .html import article_from_html

        try:
            return article_from_html(self.body, id=self.id, url=self.meta.url, encoding=self.encoding,
                                     settings=settings)
        except Exception as exc:
            return error_article(self.id, exc, meta=Meta(url=self.meta.url))


def materialise(items: list, settings: Settings = DEFAULT) -> list[Article]:  # noqa: ANN001
    """Articles for a chunk that may hold deferred pages."""
    return [item.to_article(settings) if hasattr(item, "to_article") else item for item in items]


__all__ = ["HtmlPage", "materialise"]
