"""Per-document values the stages share, kept on the Doc itself (`doc.user_data`).

spaCy rebuilds `Doc.text` and `Doc.ents` on each access, and several stages read the same
arrays; each is computed once per document and dies with it. Keeping them on the Doc, not in
module globals, makes them safe when threads analyse different documents (the web does).
"""
from __future__ import annotations

from typing import Any

_KEY = "onrecord"


def doc_cache(doc) -> dict[str, Any]:  # noqa: ANN001 - spaCy Doc
    """The dict of values derived from DOC, created on first use."""
    values = doc.user_data.get(_KEY)
    if values is None:
        values = doc.user_data[_KEY] = {}
    return values
