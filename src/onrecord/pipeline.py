"""Article in, Record out: runs the stages over each parsed article, catching per-article failures."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .text import nlp
from .errors import error_record
from .model import Article, ErrorRecord, Record
from .settings import DEFAULT, Settings

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


def analyse_doc(article: Article, doc) -> Record:  # noqa: ANN001 - spaCy Doc
    """Run every stage over one parsed article."""
    from .attribution import find_attributions
    from .entities import find_entities
    from .events import find_events

    record = Record(id=article.id, text=article.text, meta=article.meta,
                    ignored=list(article.ignored), errors=list(article.errors))
    record.meta.language = record.meta.language or "en"
    try:
        record.entities = find_entities(doc)
    except Exception as exc:  # a stage failure costs that stage, not the article
        record.errors.append(error_record("entities", exc))
    try:
        record.attributions = find_attributions(doc, record.entities)
        if record.ignored:
            _keep_out_of_ignored(record)
    except Exception as exc:
        record.errors.append(error_record("attribution", exc))
    try:
        record.events = find_events(doc, record.entities, record.attributions,
                                    published=record.meta.published)
    except Exception as exc:
        record.errors.append(error_record("events", exc))
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


def analyse_batch(articles: Iterable[Article], *, settings: Settings = DEFAULT) -> Iterator[Record]:
    """Analyse articles in input order; a bad article yields a Record with `errors`, never an exception."""
    pending: list[Article] = []

    def flush() -> Iterator[Record]:
        texts = [nlp.mask(a.text, a.ignored) for a in pending]
        for article, doc in zip(pending, nlp.parse(texts, batch_size=settings.batch_size)):
            try:
                yield analyse_doc(article, doc)
            except Exception as exc:
                yield Record.failed(article, error_record("pipeline", exc))
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


def analyse(text: str, *, id: str = "text", published: str | None = None) -> Record:
    """Analyse one plain text (boilerplate detection included)."""
    from .ingest.text import article_from_text

    article = article_from_text(text, id=id)
    article.meta.published = published
    return next(analyse_batch([article]))
