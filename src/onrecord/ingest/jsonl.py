"""JSONL dumps: one article per line with `text` or `html`; `id`, `url`, `title`, `published`
(or `date`), `outlet` optional; other fields ignored."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError, error_article
from ..model import Article, Meta, outlet_from_url
from ..settings import DEFAULT, Settings
from .dates import normalise_published
from .text import article_from_text


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def article_from_obj(obj: Any, *, default_id: str, settings: Settings = DEFAULT) -> Article:
    """One JSONL object as an Article; raises InputError when it carries no article."""
    if not isinstance(obj, dict):
        raise InputError(f"{default_id}: line is JSON but not an object", "malformed")
    id_ = _str(obj.get("id")) or _str(obj.get("url")) or default_id
    meta = Meta(url=_str(obj.get("url")), title=_str(obj.get("title")),
                published=_str(obj.get("published") or obj.get("date")),
                outlet=_str(obj.get("outlet")) or outlet_from_url(_str(obj.get("url"))))
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text:
        return normalise_published(article_from_text(text, id=id_, meta=meta))
    if isinstance(html, str) and html:
        from .html import article_from_html

        article = article_from_html(html, id=id_, url=meta.url, settings=settings)
        # The line's own fields win over what the page says.
        for name in ("url", "title", "published", "outlet"):
            if getattr(meta, name):
                setattr(article.meta, name, getattr(meta, name))
        article.id = id_
        return normalise_published(article)
    raise InputError(f"{id_}: line has no `text` or `html` field", "no_text")


def _lines(stream: IO[bytes], cap: int) -> Iterator[bytes | None]:
    """The stream's lines, read at most `cap` bytes at a time: a longer line is skipped (never
    held in memory whole) and stands as None."""
    while raw := stream.readline(cap + 1):
        if len(raw) > cap and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def read_jsonl(stream: IO[bytes], *, name: str, settings: Settings = DEFAULT) -> Iterator[Article]:
    """Articles of a JSONL stream, one per non-blank line; bad lines become error Articles.

    A line over `settings.max_line_bytes` is an error Article (kind too_large), not read."""
    for n, raw in enumerate(_lines(stream, settings.max_line_bytes), 1):
        default_id = f"{name}:{n}"
        if raw is None:
            yield error_article(default_id, InputError(
                f"{default_id}: line is over the {settings.max_line_bytes:,}-byte limit (max_line_bytes)",
                "too_large"))
            continue
        if not raw.strip():
            continue
        id_ = default_id
        try:
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(f"{default_id}: not valid JSON ({exc})", "malformed") from exc
            if isinstance(obj, dict):
                id_ = _str(obj.get("id")) or _str(obj.get("url")) or default_id
            yield article_from_obj(obj, default_id=default_id, settings=settings)
        except Exception as exc:
            yield error_article(id_, exc)
