"""Article in, Record out: runs the stages over each parsed article, catching per-article failures."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Literal

from .attribution import find_attributions
from .entities import find_entities
from .errors import error_record
from .events import find_events
from .ingest.text import article_from_text
from .model import Article, ErrorRecord, Record
from .settings import DEFAULT, Settings
from .text import nlp

_WORD = re.compile(r"[A-Za-z']+")
# Frequent English function words: a cheap, dependency-free language check.
_ENGLISH = frozenset(
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or "
    "have an they which one you were her all she there would their we him been has when who will more "
    "no if out so said what up its about into than them can only other new some could time these two "
    "may then do first any my now such like our over man me even most made after also did many before "
    "must through back years where much your way well down should because each just those people".split()
)


def check_article(article: Article, settings: Settings = DEFAULT) -> ErrorRecord | None:
    """Refuse texts no stage can use: empty, too large, not English."""
    text = article.text
    if not text or not text.strip():
        return ErrorRecord("ingest", "empty", "the article has no text")
    if len(text) > settings.max_text_chars:
        return ErrorRecord("ingest", "too_large",
                           f"text has {len(text):,} characters; the limit is {settings.max_text_chars:,}")
    words = _WORD.findall(text[:20000].lower())
    if len(words) >= 8:
        ratio = sum(w in _ENGLISH for w in words) / len(words)
        if ratio < settings.min_english_ratio:
            return ErrorRecord("ingest", "not_english",
                               f"text does not look like English ({ratio:.0%} common English words)")
    elif not words:
        return ErrorRecord("ingest", "not_english", "text has no English words")
    return None


OnError = Literal["record", "raise"]


def analyse_doc(article: Article, doc, *, on_error: OnError = "record") -> Record:  # noqa: ANN001 - spaCy Doc
    """Run every stage over one parsed article.

    on_error="record" (runs over real input): a stage that fails costs that stage, not the
    article, and its error is kept in `errors`. on_error="raise" (tests, debugging): it raises.
    """
    record = Record(id=article.id, text=article.text, meta=article.meta,
                    ignored=list(article.ignored), errors=list(article.errors))
    record.meta.language = record.meta.language or "en"

    def stage(name: str, run: Callable[[], None]) -> None:
        try:
            run()
        except Exception as exc:
            if on_error == "raise":
                raise
            record.errors.append(error_record(name, exc))

    def entities() -> None:
        record.entities = find_entities(doc)

    def attributions() -> None:
        record.attributions = find_attributions(doc, record.entities)
        if record.ignored:
            _keep_out_of_ignored(record)

    def events() -> None:
        record.events = find_events(doc, record.entities, record.attributions, published=record.meta.published)

    stage("entities", entities)
    stage("attribution", attributions)
    stage("events", events)
    return record


def outside(spans, ignored, text: str) -> tuple[tuple[int, int], ...]:  # noqa: ANN001
    """Spans with the ignored regions cut out (a span across a caption becomes two), blanks dropped."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        pieces = [(s, e)]
        for a, b in ignored:
            pieces = [p for ps, pe in pieces for p in ((ps, min(pe, a)), (max(ps, b), pe)) if p[0] < p[1]]
        for ps, pe in pieces:
            chunk = text[ps:pe]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                out.append((ps + lead, ps + len(chunk.rstrip())))
    return tuple(out)


def _keep_out_of_ignored(record: Record) -> None:
    """No attribution may quote boilerplate: every stage reads the masked text, but a span can
    still run across a blanked caption between two story lines."""
    kept = []
    for a in record.attributions:
        a.content = outside(a.content, record.ignored, record.text)
        a.source = outside(a.source, record.ignored, record.text)
        a.cue = outside(a.cue, record.ignored, record.text)
        if a.content and a.cue:
            kept.append(a)
    record.attributions = kept


def analyse_batch(articles: Iterable[Article], *, settings: Settings = DEFAULT,
                  on_error: OnError = "record") -> Iterator[Record]:
    """Analyse articles in input order; a bad article yields a Record with `errors`, never an
    exception (with on_error="raise", a failing stage raises instead)."""
    pending: list[Article] = []

    def flush() -> Iterator[Record]:
        texts = [nlp.mask(a.text, a.ignored) for a in pending]
        for article, doc in zip(pending, nlp.parse(texts, batch_size=settings.batch_size)):
            try:
                record = analyse_doc(article, doc, on_error=on_error)
            except Exception as exc:
                if on_error == "raise":
                    raise
                record = Record.failed(article, error_record("pipeline", exc))
            yield record
        pending.clear()

    for article in articles:
        if article.errors and not article.text:
            yield from flush()
            yield Record(id=article.id, text=article.text, meta=article.meta, errors=list(article.errors))
            continue
        problem = check_article(article, settings)
        if problem:
            # Keep input order: everything queued before this article goes out first.
            yield from flush()
            yield Record(id=article.id, text=article.text, meta=article.meta,
                         ignored=list(article.ignored), errors=[*article.errors, problem])
            continue
        pending.append(article)
        if len(pending) >= settings.batch_size:
            yield from flush()
    yield from flush()


def analyse(text: str, *, id: str = "text", published: str | None = None, on_error: OnError = "record") -> Record:
    """Analyse one plain text (boilerplate detection included)."""
    article = article_from_text(text, id=id)
    article.meta.published = published
    return next(analyse_batch([article], on_error=on_error))
