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
from .model import Article, Entity, ErrorRecord, Record
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


_CUT_AT = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"”’')\]]*\s"), re.compile(r"\s"))


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) pieces of `text`, each at most `limit` characters, together covering it.

    A piece ends at its last paragraph break, else line break, else sentence end, else space
    (one in its second half, so no piece is tiny); a text without any is cut at `limit`.
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        for pattern in _CUT_AT:
            cuts = [m.end() for m in pattern.finditer(text, start + limit // 2, end)]
            if cuts:
                end = cuts[-1]
                break
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _piece(article: Article, start: int, end: int) -> Article:
    ignored = [(max(s, start) - start, min(e, end) - start) for s, e in article.ignored if s < end and e > start]
    return Article(id=article.id, text=article.text[start:end], meta=article.meta, ignored=ignored)


def merge_pieces(article: Article, parts: list[tuple[int, Record]]) -> Record:
    """One Record from the Records of an article's pieces (each with its start offset).

    Spans move to the article's offsets; ids are renumbered E1.., A1.., V1.. in text order;
    entities with the same name and type are one entity across pieces.
    """
    record = Record(id=article.id, text=article.text, meta=article.meta, ignored=list(article.ignored),
                    errors=list(article.errors))
    by_name: dict[tuple[str, str], Entity] = {}
    for offset, part in parts:
        def move(spans):  # noqa: ANN001, ANN202
            return tuple((s + offset, e + offset) for s, e in spans)

        entity_ids: dict[str, str] = {}
        for e in part.entities:
            merged = by_name.get((e.name, e.type))
            if merged is None:
                merged = by_name[(e.name, e.type)] = Entity(id=f"E{len(by_name) + 1}", name=e.name, type=e.type)
                record.entities.append(merged)
            merged.mentions.extend(move(e.mentions))
            merged.titles.extend(t for t in e.titles if t not in merged.titles)
            entity_ids[e.id] = merged.id
        attribution_ids: dict[str, str] = {}
        for a in part.attributions:
            attribution_ids[a.id] = a.id = f"A{len(record.attributions) + 1}"
            a.source, a.cue, a.content = move(a.source), move(a.cue), move(a.content)
            a.speaker.entity = entity_ids.get(a.speaker.entity) if a.speaker.entity else None
            record.attributions.append(a)
        for v in part.events:
            v.id = f"V{len(record.events) + 1}"
            v.trigger, (v.sentence,) = move(v.trigger), move([v.sentence])
            for p in (*v.actor, *v.recipient):
                (p.span,) = move([p.span])
                p.entity = entity_ids.get(p.entity) if p.entity else None
            if v.location is not None and v.location.span:
                (v.location.span,) = move([v.location.span])
            v.attributed_to = attribution_ids.get(v.attributed_to) if v.attributed_to else None
            record.events.append(v)
        record.errors.extend(e for e in part.errors if e not in record.errors)
    for e in record.entities:
        e.mentions = sorted(set(e.mentions))
    return record


def _parse_each(texts: list[str], settings: Settings, on_error: OnError) -> Iterator[object]:
    """A Doc per text, in order; when the batch fails, the texts are parsed one by one and a
    text the parser refuses yields its exception instead of a Doc."""
    done = 0
    try:
        for doc in nlp.parse(texts, batch_size=settings.batch_size):
            yield doc
            done += 1
        return
    except Exception:
        if on_error == "raise":
            raise
    for text in texts[done:]:
        try:
            yield next(nlp.parse([text], batch_size=1))
        except Exception as exc:
            yield exc


def analyse_long(article: Article, *, settings: Settings = DEFAULT, on_error: OnError = "record") -> Record:
    """An article over `settings.chunk_chars`, analysed piece by piece (one Doc in memory at a
    time, so cost grows with length, not faster) and merged into one Record."""
    parts: list[tuple[int, Record]] = []
    errors: list[ErrorRecord] = []
    for start, end in split_text(article.text, settings.chunk_chars):
        piece = _piece(article, start, end)
        if not piece.text.strip():
            continue
        (doc,) = _parse_each([nlp.mask(piece.text, piece.ignored)], settings, on_error)
        if isinstance(doc, Exception):
            errors.append(error_record("nlp", doc))
            continue
        try:
            parts.append((start, analyse_doc(piece, doc, on_error=on_error)))
        except Exception as exc:
            if on_error == "raise":
                raise
            errors.append(error_record("pipeline", exc))
    record = merge_pieces(article, parts)
    record.meta.language = record.meta.language or "en"
    record.errors.extend(e for e in errors if e not in record.errors)
    return record


def analyse_batch(articles: Iterable[Article], *, settings: Settings = DEFAULT,
                  on_error: OnError = "record") -> Iterator[Record]:
    """Analyse articles in input order; a bad article yields a Record with `errors`, never an
    exception (with on_error="raise", a failing stage raises instead). A text over
    `settings.chunk_chars` is analysed in pieces (`analyse_long`)."""
    pending: list[Article] = []
    pending_chars = 0

    def flush() -> Iterator[Record]:
        nonlocal pending_chars
        texts = [nlp.mask(a.text, a.ignored) for a in pending]
        for article, doc in zip(pending, _parse_each(texts, settings, on_error)):
            if isinstance(doc, Exception):
                yield Record.failed(article, error_record("nlp", doc))
                continue
            try:
                record = analyse_doc(article, doc, on_error=on_error)
            except Exception as exc:
                if on_error == "raise":
                    raise
                record = Record.failed(article, error_record("pipeline", exc))
            yield record
        pending.clear()
        pending_chars = 0

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
        if len(article.text) > settings.chunk_chars:
            yield from flush()
            yield analyse_long(article, settings=settings, on_error=on_error)
            continue
        pending.append(article)
        pending_chars += len(article.text)
        if len(pending) >= settings.batch_size or pending_chars >= settings.batch_chars:
            yield from flush()
    yield from flush()


def analyse(text: str, *, id: str = "text", published: str | None = None, on_error: OnError = "record") -> Record:
    """Analyse one plain text (boilerplate detection included)."""
    article = article_from_text(text, id=id)
    article.meta.published = published
    return next(analyse_batch([article], on_error=on_error))
