"""Speakers: link each source to an entity (through pronouns, titles, roles and "who"), name and type it.

Every speaker carries a confidence in [0, 1] and is `resolved` only when it names a person or
organisation the article identifies and the confidence reaches RESOLVE_AT; anything less keeps
the source's own words ("he", "the spokesman", "senior officials") with `resolved` false, so a
reader who keeps resolved speakers never sees words put in the wrong mouth.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from ..entities import doc_text as _doc_text
from ..entities import ROLE_HEADS, TITLE_WORDS, name_gender, name_words, title_gender
from ..ingest.text import dateline_length
from ..model import Entity, Span, Speaker, SpeakerType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .quotes import QuoteIndex

_PERSON_PRONOUNS = frozenset("he she him her i me".split())
_PLURAL_PRONOUNS = frozenset("they them we us".split())
_RELATIVES = frozenset("who whom which that".split())
_MEDIA = re.compile(
    r"\b(?:Times|Post|Journal|Tribune|Herald|Gazette|Guardian|Telegraph|Economist|CNN|Fox News|MSNBC|NBC|ABC|"
    r"CBS|NPR|PBS|BBC|Reuters|Associated Press|AP|AFP|UPI|Bloomberg|Politico|Axios|Breitbart|Daily Caller|"
    r"Huffington Post|HuffPost|BuzzFeed|Slate|Vox|Atlantic|Newsweek|Time magazine|Press TV|RT|Sputnik|"
    r"Al Jazeera|TASS|Xinhua|Interfax|Yonhap|Kyodo|Haaretz|Le Monde|Der Spiegel|"
    # Words outlets are named with, and large outlets whose names carry none of them.
    r"News|Daily|Magazine|Radio|Television|TV|Broadcasting|Chronicle|Observer|Weekly|Examiner|Inquirer|"
    r"Dispatch|Courier|Insider|Forbes|CNBC|C-SPAN|Mother Jones|National Review|Yahoo|Univision|Telemundo|"
    r"ProPublica|Intercept|NHK|Al Arabiya|Le Figaro|Deutsche Welle|Euronews|Agence France-Presse|Anadolu|"
    r"IRNA|KCNA|Global Times)\b")
_MEDIA_NOUNS = frozenset("newspaper paper daily magazine network broadcaster channel outlet station website "
                         "publication agency's tabloid".split())
_ANON_NOUNS = frozenset("official officials source sources person people aide aides adviser advisers advisor "
                        "diplomat diplomats insider insiders someone spokesman spokeswoman spokesperson "
                        "witness witnesses observer observers expert experts analyst analysts critic "
                        "critics supporter supporters resident residents voter voters member members "
                        "lawmaker lawmakers staffer staffers employee employees".split())
_DOCUMENT_NOUNS = frozenset("report reports letter letters filing filings memo memos document documents "
                            "study studies poll polls survey surveys statement statements analysis data "
                            "email emails e-mail record records audit indictment complaint lawsuit ruling "
                            "order bill book ad advertisement video tweet tweets post release transcript "
                            "research review investigation assessment estimate estimates".split())
_ORG_NOUNS = frozenset("community agency department committee campaign government administration ministry "
                       "party company group council court commission office police army military "
                       "organization organisation union board bureau firm administration's white house "
                       "congress senate house team foundation institute center centre coalition".split())


# People nouns: a source headed by one of these is people, even when an outlet or a party
# modifies it ("several former RT journalists", "Republicans on the committee" are anonymous).
_PEOPLE_NOUNS = _ANON_NOUNS | frozenset(
    "journalist journalists reporter reporters economist economists researcher researchers lawyer lawyers "
    "attorney attorneys democrat democrats republican republicans conservative conservatives liberal "
    "liberals activist activists protester protesters investigator investigators prosecutor prosecutors "
    "scientist scientists doctor doctors scholar scholars historian historians reader readers viewer "
    "viewers executive executives leader leaders candidate candidates politician politicians strategist "
    "strategists operative operatives ally allies opponent opponents surrogate surrogates friend friends "
    "relative relatives neighbor neighbors neighbour neighbours student students teacher teachers worker "
    "workers citizen citizens host hosts anchor anchors commentator commentators pundit pundits author "
    "authors economist aide aides lawmaker lawmakers senators officers agents negotiators donors".split())
# Role nouns: one person the article may name elsewhere ("the spokesman" -> the person it calls
# spokesman); never the possessor ("Putin's press secretary" is not Putin).
_ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson secretary adviser advisor aide lawyer attorney counsel "
    "deputy assistant chief director manager chairman chairwoman head ambassador envoy minister "
    "wife husband son daughter brother sister father mother ex-wife ex-husband widow "
    "representative negotiator strategist official executive lawmaker legislator".split()) | ROLE_HEADS
# Modifiers that say when, not which ("the former senator" may be titled plain "Sen.").
_TITLE_NEUTRAL = frozenset("former then current new longtime veteran top".split())
_GROUP_HEADS = frozenset("campaign administration government team staff office family".split())
_DETERMINERS = frozenset("the a an this that these those".split())

# How sure each way of naming a source is (measured on the tune half of the speaker sample).
RESOLVE_AT = 0.65
_CONF_FULL = 0.97        # the source is a full name
_CONF_ALIAS = 0.92       # a surname, title or misspelling the entity stage tied to one full name
_CONF_PARTIAL = 0.85     # a name the article only ever gives in part
_CONF_ORG = 0.93         # a named organisation or outlet
_CONF_APPOS = 0.95       # "the host, Nora Vale,": the name in apposition
_CONF_DESCRIPTIVE = 0.8  # the source's own words (anonymous, documents): right, but nobody named


def entity_gender(ent: Entity, text: str) -> str | None:
    """'f', 'm' or None (unknown) for a PERSON entity: a title before a mention, else the first name."""
    for s, _ in ent.mentions[:12]:
        if (g := title_gender(text[max(0, s - 20):s])) is not None:
            return g
    return name_gender(ent.name)


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we", "my": "i"}


def _mention_index(entities: list[Entity]) -> tuple[list[tuple[int, int, Entity]], list[int]]:
    mentions = sorted(((s, e, ent) for ent in entities for s, e in ent.mentions), key=lambda m: (m[0], m[1]))
    return mentions, [m[0] for m in mentions]


def _hits(index, span: Span) -> list[tuple[int, int, Entity]]:  # noqa: ANN001
    mentions, starts = index
    i = bisect_right(starts, span[1])
    return [(s, e, ent) for s, e, ent in mentions[max(0, i - 50):i] if s < span[1] and span[0] < e]


def _entity_at(index, span: Span, anchor: Span | None = None) -> Entity | None:  # noqa: ANN001
    """The entity with a mention over the anchor token (else any inside the span), people first."""
    hits = _hits(index, span)
    if not hits:
        return None
    if anchor is not None:
        over = [h for h in hits if h[0] < anchor[1] and anchor[0] < h[1]]
        if over:
            hits = over
    people = [h for h in hits if h[2].type == "PERSON"]
    return (people or hits)[-1][2]


def _named(ent: Entity, confidence: float, surface: str) -> Speaker:
    """A speaker naming an entity, or its surface words when the naming is unsure."""
    kind = type_of_entity(ent)
    if confidence >= RESOLVE_AT:
        return Speaker(entity=ent.id, name=ent.name, type=kind, resolved=True, confidence=round(confidence, 3))
    return Speaker(entity=None, name=surface, type=kind, resolved=False, confidence=round(confidence, 3))


def _words(name: str | None, kind: SpeakerType, confidence: float) -> Speaker:
    """An unresolved speaker: the source's own words and a type."""
    return Speaker(entity=None, name=name, type=kind, resolved=False, confidence=round(confidence, 3))


class _Context:
    """What resolving one article's sources reads: the doc, its text, mentions, genders, earlier speakers."""

    def __init__(self, doc: "Doc", entities: list[Entity], quotes: "QuoteIndex | None" = None) -> None:
        self.doc = doc
        self.quotes = quotes
        self.text = _doc_text(doc)
        self.entities = entities
        self.index = _mention_index(entities)
        self.genders = {ent.id: entity_gender(ent, self.text) for ent in entities if ent.type == "PERSON"}
        self.history: list[tuple[int, Speaker]] = []
        self.by_id = {ent.id: ent for ent in entities}
        # Surnames several people of the article share ("Donald Trump", "Ivana Trump").
        lasts: dict[str, int] = {}
        for ent in entities:
            if ent.type == "PERSON" and len(ent.name.split()) > 1:
                last = name_words(ent.name)[-1].lower()
                lasts[last] = lasts.get(last, 0) + 1
        self.shared_surnames = {k for k, n in lasts.items() if n > 1}

    def agrees(self, entity_id: str | None, gender: str | None) -> bool:
        known = self.genders.get(entity_id) if entity_id else None
        return gender is None or known is None or known == gender


def _person_for_pronoun(ctx: _Context, before: int, gender: str | None) -> tuple[Entity | None, float]:
    """The person a pronoun most likely means, and how sure: the subject of a recent sentence, or
    the speaker of the attribution just before (a run of quotes), whose gender agrees."""
    mentions, starts = ctx.index
    doc = ctx.doc
    window = max(0, before - 1500)
    quotes = ctx.quotes
    outside = quotes is None or not quotes.inside(before)
    # A name inside someone's quotation does not antecede a pronoun outside it ("Twitter is
    # down the list," he said): the quote's speaker does, through the history below.
    candidates = [(s, e, ent) for s, e, ent in mentions[:bisect_right(starts, before)]
                  if ent.type == "PERSON" and window <= s and e <= before and ctx.agrees(ent.id, gender)
                  and not (outside and quotes is not None and quotes.inside(s))]
    history = [(pos, sp) for pos, sp in ctx.history
               if sp.type == "person" and sp.entity and pos >= window and ctx.agrees(sp.entity, gender)]
    chosen: Entity | None = None
    how = "subject"
    topic = _topic_person(ctx, before, candidates)
    if topic is not None:
        return topic, 0.85
    for s, e, ent in reversed(candidates):
        tok = doc.char_span(s, e, alignment_mode="expand")
        if tok is not None and tok.root.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            later = next((sp for pos, sp in reversed(history) if pos > s), None)
            chosen = ctx.by_id.get(later.entity) if later is not None else ent
            break
    if chosen is None and history:
        chosen, how = ctx.by_id.get(history[-1][1].entity or ""), "speaker"
    if chosen is None and candidates:
        chosen, how = candidates[-1][2], "mention"   # only named as an object: weak
    if chosen is None:
        return None, 0.0
    subject = how == "subject"
    # Competition: other people of a fitting gender named in the last stretch of text.
    near = max(0, before - 700)
    rivals = {ent.id for s, _, ent in candidates if s >= near and ent.id != chosen.id}
    rivals.discard(None)
    known = ctx.genders.get(chosen.id)
    last_speaker = history[-1][1].entity if history else None
    if how == "mention":
        conf = 0.65 if not rivals else 0.35
    elif not rivals:
        conf = 0.9
    elif last_speaker == chosen.id and subject:
        conf = 0.8
    elif gender is not None and known == gender and all(ctx.genders.get(r) not in (None, gender) for r in rivals):
        conf = 0.85  # the only one of that gender
    elif subject and all(len(chosen.mentions) >= 2 * len(ctx.by_id[r].mentions) for r in rivals if r in ctx.by_id):
        conf = 0.7   # the subject, and far more salient in the article than any rival
    elif subject:
        conf = 0.6
    else:
        conf = 0.45
    return chosen, conf


_PLACE_WORDS = frozenset("hill city town state country campus street capital region district".split())


def _antecedent(head: "Token") -> "Token | None":
    """The noun a relative pronoun stands for ("the report, which notes" -> report)."""
    verb = head.head
    if verb.dep_ in ("relcl", "acl") and verb.head is not head:
        noun = verb.head
        # "McConnell, now the majority leader, who said": the clause hangs on the appositive.
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.pos_ != "PROPN":
            return noun.head
        # "Democrats on Capitol Hill, who said": "who" means people, not the place the
        # parser hung the clause on.
        if head.lower_ in ("who", "whom") and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
                and noun.head.head.pos_ in ("NOUN", "PROPN") and (noun.ent_type_ in ("GPE", "LOC", "FAC", "ORG")
                                                                 or noun.lower_ in _PLACE_WORDS):
            return noun.head.head
        return noun
    for tok in reversed(list(head.sent[: head.i - head.sent.start])):
        if tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def _conjuncts(head: "Token") -> list["Token"]:
    """The members of a coordinated source ("Ms. Vale and Mr. Ruiz"), head first."""
    out = [head]
    for tok in head.subtree:
        if tok.head not in out or tok.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        # "A, B and C" is often parsed as B in apposition to A, and C conjoined to B.
        if tok.dep_ == "conj" or (tok.dep_ == "appos" and tok.pos_ == "PROPN" == head.pos_
                                  and any(c.dep_ == "conj" for c in tok.children)):
            out.append(tok)
    return out


_BREAKS = frozenset({",", "(", "—", "–", "--", ";", ":"})


def _phrase(head: "Token", text: str) -> str:
    """A noun phrase as a descriptive name: determiner lower-cased, non-restrictive material
    (after a comma, a dash or a parenthesis; a relative clause or an appositive) left out."""
    stop = head.right_edge.i + 1
    for child in head.rights:
        # A participle right after the noun restricts it ("research conducted by the Harbor
        # Institute") and stays; a relative clause, an appositive or anything after a comma goes.
        restrictive = child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and child.left_edge.i == head.i + 1
        if child.dep_ in ("relcl", "appos", "acl") and not restrictive or child.text in _BREAKS:
            stop = min(stop, child.left_edge.i)
    for tok in head.doc[head.i + 1:stop]:
        if tok.text in _BREAKS:
            stop = tok.i
            break
    start = head.left_edge
    end = head.doc[max(head.i, stop - 1)]
    name = _clean(text[start.idx:end.idx + len(end.text)])
    for ch in "—–":
        name = name.split(ch)[0].strip()
    words = name.split()
    if words and words[0].lower() in _DETERMINERS:
        words[0] = words[0].lower()
    return " ".join(words).strip(" ,;:")


# Document nouns that also name an act: "citing the release of prisoners" cites an event,
# "citing a release" a document; "a poll of voters" is always a document.
_EVENT_OR_DOCUMENT = frozenset("release investigation review ruling order record".split())


def can_speak(tok: "Token") -> bool:
    """Whether a noun can be a source: a name, or a noun for people, outlets, bodies or documents
    ("citing two officials", not "citing security concerns")."""
    lemma = tok.lemma_.lower()
    if tok.ent_type_ == "NORP":
        return False  # "citing the many Americans who ...": a population given as evidence
    if lemma in _EVENT_OR_DOCUMENT and not tok.ent_type_ and any(
            c.dep_ == "prep" and c.lower_ in ("of", "into") and any(
                g.dep_ == "pobj" and g.ent_type_ not in ("PERSON", "ORG") for g in c.children)
            for c in tok.children):
        return False  # "citing the release of prisoners", "the investigation into X": an event
    return bool(tok.ent_type_ in ("PERSON", "ORG", "GPE") or lemma in _PEOPLE_NOUNS
                or lemma in _DOCUMENT_NOUNS or lemma in _MEDIA_NOUNS or lemma in _ORG_NOUNS)


_GROUP_WORDS = frozenset("people staff police personnel crowd public".split())


def _plural(name: str) -> bool:
    """Whether a descriptive name speaks for several ("people briefed on the talks", "aides")."""
    words = name.lower().split()
    return any(w in _GROUP_WORDS or (w.endswith("s") and not w.endswith("ss") and w in _PEOPLE_NOUNS)
               for w in words) or name.endswith("s")


def _descriptive(sp: Speaker) -> bool:
    """A speaker whose name is its own words, and rightly so ("the report", "senior officials")."""
    return not sp.resolved and sp.confidence >= RESOLVE_AT


def _pronoun_of(antecedent: Speaker, surface: str, confidence: float) -> Speaker:
    """A pronoun takes its antecedent's name: resolved when the antecedent was and we are sure,
    its phrase when the antecedent was a description, else the pronoun itself."""
    if antecedent.resolved and confidence >= RESOLVE_AT:
        return Speaker(entity=antecedent.entity, name=antecedent.name, type=antecedent.type, resolved=True,
                       confidence=round(min(confidence, antecedent.confidence), 3))
    if _descriptive(antecedent):
        return _words(antecedent.name, antecedent.type, min(confidence, antecedent.confidence))
    return _words(surface, antecedent.type, confidence * 0.8)


def _group(ctx: _Context, head: "Token", members: list["Token"], surface: str) -> Speaker:
    """A coordinated source: named members joined in text order ("Nora Vale and Tom Ruiz"),
    resolved when every member is and they are of one kind; a partly named group keeps its words."""
    parts = [resolve_one(ctx, [(m.idx, m.idx + len(m.text))], m, depth=1) for m in members]
    if all(p.resolved for p in parts):
        name = _join([p.name or "" for p in parts])
        if len({p.type for p in parts}) == 1:
            return Speaker(entity=None, name=name, type=parts[0].type, resolved=True,
                           confidence=min(p.confidence for p in parts))
        return _words(name, parts[0].type, 0.6)
    named = [p for p in parts if p.resolved]
    kind = named[0].type if named else type_of_phrase(head, surface)
    return _words(_phrase(head, ctx.text) if not named else surface, kind, 0.5)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# Title words that name the same role as a noun a writer uses for it later ("Rep. Adam Ward"
# ... "the congressman"; "Justice Ana Ruiz" ... "the judge").
_TOPIC = re.compile(r"\s*(?:As for|As to|And as for)\s+$")


def _topic_person(ctx: _Context, before: int, candidates) -> Entity | None:  # noqa: ANN001
    """ "As for Ward, he said ...": the person the sentence opens by naming as its topic."""
    line = max(ctx.text.rfind("\n", 0, before), ctx.text.rfind(". ", 0, before)) + 1
    for s, e, ent in reversed(candidates):
        if s < line:
            break
        if _TOPIC.fullmatch(ctx.text[line:s]) and ctx.text[e:before].lstrip().startswith(","):
            return ent
    return None


_LEGISLATOR = frozenset("rep. rep representative congressman congresswoman".split())
_SENATOR = frozenset("sen. sen senator".split())
_ROLE_TITLES = {
    "judge": frozenset({"judge", "justice"}), "justice": frozenset({"judge", "justice"}),
    "congressman": _LEGISLATOR, "congresswoman": _LEGISLATOR, "representative": _LEGISLATOR,
    "senator": _SENATOR, "lawmaker": _LEGISLATOR | _SENATOR, "legislator": _LEGISLATOR | _SENATOR,
    "governor": frozenset({"gov.", "gov", "governor"}),
}


def _role_holder(ctx: _Context, head: "Token") -> Entity | None:
    """The one person the article names in the role a noun gives ("the spokesman", "the
    California congressman" for "Rep. Adam Ward" when no other congressman's title names
    another state). Lower-case modifiers must be in the title ("press secretary" is not
    "Secretary of State"); capitalised ones (places, bodies) must not clash with it."""
    role = head.lemma_.lower()
    if role not in _ROLE_NOUNS:
        return None
    equiv = _ROLE_TITLES.get(role, frozenset({role}))
    mods = [t for c in head.lefts if c.dep_ not in ("det", "poss", "predet", "nummod")
            for t in c.subtree if t.pos_ in ("NOUN", "ADJ", "PROPN")]
    lower = {t.lower_ for t in mods if not t.text[:1].isupper() and t.lower_ not in _TITLE_NEUTRAL}
    capital = {t.lower_ for t in mods if t.text[:1].isupper()}
    holders = []
    for ent in ctx.entities:
        if ent.type != "PERSON":
            continue
        for title in ent.titles:
            words = title.lower().split()
            if not equiv & set(words) or not lower <= set(words):
                continue
            own = {w for w, raw in zip(words, title.split()) if raw[:1].isupper() and w not in TITLE_WORDS}
            if capital and own and not own <= capital:
                continue  # "the California congressman" is not the "Florida Rep."
            holders.append(ent)
            break
    if len(holders) == 1:
        return holders[0]
    # Several hold the role: the one the article is about (named far more often) when named before.
    headline = head.idx < ctx.text.find("\n")  # a headline's role noun: the body names the holder
    before = [h for h in holders if h.mentions and (headline or h.mentions[0][0] < head.idx)]
    if before:
        top = max(before, key=lambda h: len(h.mentions))
        if len(top.mentions) >= 3 and all(len(top.mentions) >= 2 * len(h.mentions) for h in holders if h is not top):
            return top
    return None


def _named_by_head(ctx: _Context, head: "Token") -> Entity | None:
    """ "the fund" -> "Harbor Relief Fund", "the committee" -> "House Intelligence Committee":
    a bare definite noun that ends the name of exactly one organisation the article named before."""
    if head.tag_ != "NN" or [t.lower_ for t in head.lefts] != ["the"] or list(head.rights)[:1] and \
            list(head.rights)[0].dep_ == "prep":
        return None
    word = head.lower_
    fits = [ent for ent in ctx.entities if ent.type in ("ORG", "FAC") and len(ent.name.split()) > 1
            and ent.name.lower().split()[-1] == word and ent.mentions and ent.mentions[0][0] < head.idx]
    return fits[0] if len(fits) == 1 else None


_COMPANY_NOUNS = frozenset("bank company firm corporation business retailer automaker carmaker airline "
                           "insurer lender manufacturer conglomerate startup giant chain".split())


def _main_org(ctx: _Context, pos: int) -> Entity | None:
    """The business a definite "the company" means: the nearest organisation named as the subject
    of a clause in the stretch before it (about two sentences); none when nothing is."""
    mentions, starts = ctx.index
    doc = ctx.doc
    for s, e, ent in reversed(mentions[:bisect_right(starts, pos)]):
        if s < pos - 400:
            break
        if e > pos or ent.type not in ("ORG", "FAC") or _MEDIA.search(ent.name):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
            return ent
    return None


def _media_before(ctx: _Context, pos: int) -> Entity | None:
    """The outlet named last before `pos` ("the network" after "RT")."""
    mentions, starts = ctx.index
    for s, _, ent in reversed(mentions[:bisect_right(starts, pos)]):
        if s < pos and ent.type != "PERSON" and _MEDIA.search(ent.name):
            return ent
    return None


def type_of_entity(ent: Entity) -> SpeakerType:
    if ent.type == "PERSON":
        return "person"
    if _MEDIA.search(ent.name):
        return "media"
    if ent.type in ("ORG", "GPE", "NORP"):
        return "organization"
    if ent.type in ("WORK_OF_ART", "LAW"):
        return "document"
    return "other"


def type_of_phrase(head: "Token", text: str) -> SpeakerType:
    """A source that is no entity, typed by its head noun first ("several former RT journalists"
    are people, "the transcript ... published by The Post" is a document), then by its words."""
    lemma = head.lemma_.lower()
    low = head.lower_
    own = _clean(text[:text.find(head.text) + len(head.text)]) if head.text in text else text
    if lemma in _DOCUMENT_NOUNS or low in _DOCUMENT_NOUNS:
        return "document"
    if (lemma in _PEOPLE_NOUNS or low in _PEOPLE_NOUNS) and head.ent_type_ != "PERSON":
        return "anonymous"
    if lemma in _MEDIA_NOUNS or _MEDIA.search(own):
        return "media"
    if lemma in _ORG_NOUNS or head.ent_type_ in ("ORG", "GPE", "NORP"):
        return "organization"
    if head.ent_type_ == "PERSON" or head.pos_ == "PROPN":
        return "person"
    if head.pos_ == "NOUN":
        return "other"
    return "unknown"


def _clean(text: str) -> str:
    return " ".join(text.split())


_PLACE_DASH = re.compile(r"(?:,\s*[A-Z][\w.]*\.?)?\s*(?:-|–|—|--)\s")


def _place_dateline(ctx: _Context, line: int) -> int:
    """Characters of a place-name dateline in title case ("Springfield – Teachers rallied"):
    a paragraph that opens with a place the entity stage found, then a dash."""
    hits = _hits(ctx.index, (line, line + 1))
    place = next((e for s, e, ent in hits if s == line and ent.type in ("GPE", "LOC")), None)
    if place is None:
        return 0
    m = _PLACE_DASH.match(ctx.text, place)
    return m.end() - line if m else 0


def resolve_one(ctx: _Context, spans: list[Span], head: "Token | None", *, depth: int = 0) -> Speaker:
    """One source's speaker (see the module docstring)."""
    if not spans or head is None:
        return Speaker(entity=None, name=None, type="unknown")
    text = ctx.text
    surface = _clean(" ".join(text[s:e] for s, e in spans))
    line = text.rfind("\n", 0, head.idx) + 1
    if depth == 0 and head.idx < line + (dateline_length(text[line:text.find("\n", line) % (len(text) + 1)])
                                         or _place_dateline(ctx, line)):
        # "DENVER, May 3 (UPI) — Former Governor Ann Roe said": the parser
        # took the dateline for the subject; the speaker is the one named after it, if anyone.
        after = [(s, e, ent) for s, e, ent in _hits(ctx.index, spans[0]) if s > head.idx + len(head.text)]
        people = [h for h in after if h[2].type == "PERSON"] or after
        if people:
            return _named(people[0][2], 0.8, surface)
        return _words(surface, "unknown", 0.2)
    low = head.lower_
    hits = _hits(ctx.index, spans[0])
    lead = next((h for h in hits if h[0] == spans[0][0] and h[2].type == "PERSON"), None)
    if depth == 0 and lead is not None and len(text[lead[0]:lead[1]].split()) >= 2 \
            and text[lead[1]:lead[1] + 1] == "," and spans[0][1] > lead[1] + 2 \
            and not any(h[2].type == "PERSON" and h[2] is not lead[2] for h in hits):
        # "Ann Roe, chief executive and founder of Roe Robotics": a full name, then what she is,
        # however the parser hung the titles (one person, not a group).
        return _named(lead[2], _CONF_APPOS, surface)
    if depth == 0:
        members = _conjuncts(head)
        if len(members) > 1 and all(spans[0][0] <= m.idx < spans[-1][1] for m in members):
            return _group(ctx, head, members, surface)
    if low in _RELATIVES and depth < 2:
        ante = _antecedent(head)
        if ante is not None:
            found = resolve_one(ctx, [(ante.left_edge.idx, ante.idx + len(ante.text))], ante, depth=depth + 1)
            conf = round(found.confidence * 0.95, 3)
            return replace(found, confidence=conf, resolved=found.resolved and conf >= RESOLVE_AT)
        return _words(surface, "unknown", 0.2)
    low = _POSSESSIVE_PRONOUNS.get(low, low) if head.dep_ == "poss" else low
    if low == "it" and _expletive(head):
        return _words(surface, "unknown", 0.2)   # "it appears that ...": nobody is named
    if low in _ALL_PRONOUNS:
        return _pronoun_speaker(ctx, low, spans[0][0], surface)
    # An appositive name: "another station host, Nora Vale," is Nora Vale.
    for child in head.children:
        if child.dep_ == "appos" and head.pos_ != "PROPN":
            ents = [_entity_at(ctx.index, (m.idx, m.idx + len(m.text)), (m.idx, m.idx + len(m.text)))
                    for m in _conjuncts(child)]
            if ents and all(e is not None and e.type == "PERSON" for e in ents):
                if len(ents) == 1:
                    return _named(ents[0], _CONF_APPOS, surface)
                # "the two witnesses, Ann Roe and Tom Ward": the people named, in text order.
                return Speaker(entity=None, name=_join([e.name for e in ents]), type="person",  # type: ignore[union-attr]
                               resolved=True, confidence=0.9)
    anchor = (head.idx, head.idx + len(head.text))
    ent = _entity_at(ctx.index, spans[0], anchor)
    at_head = ent is not None and any(s < anchor[1] and anchor[0] < e for s, e in ent.mentions)
    if ent is not None and at_head and (ent.type == "PERSON" or head.pos_ == "PROPN" or head.ent_type_):
        return _entity_speaker(ctx, ent, head, anchor, surface)
    lemma = head.lemma_.lower()
    # "the spokesman"; a headline's capitalised "Judge" is the same role noun when the article
    # names its one holder.
    if head.pos_ == "PROPN" and not head.ent_type_ and head.lower_ in _ROLE_NOUNS:
        holder = _role_holder(ctx, head)
        if holder is not None:
            return _named(holder, 0.75, surface)
    if head.tag_ == "NN" and lemma in _ROLE_NOUNS:
        holder = _role_holder(ctx, head)
        if holder is not None:
            return _named(holder, 0.8, surface)
        # A role nobody is named in: its own words, never the possessor ("his spokesman" is
        # "Ivan Morozov's spokesman", not Ivan Morozov).
        return _words(_owned(ctx, head, _phrase(head, text)), "anonymous", 0.7)
    kind = type_of_phrase(head, surface)
    named = _named_by_head(ctx, head) if head.pos_ == "NOUN" else None
    if named is not None:
        return _named(named, 0.8, surface)
    if lemma in _COMPANY_NOUNS and head.tag_ == "NN" and [t.lower_ for t in head.lefts] == ["the"]:
        # "the bank", "the company": the one business the article is about.
        firm = _main_org(ctx, spans[0][0])
        if firm is not None:
            return replace(_named(firm, 0.7, surface), type="organization")
    if (kind == "media" or lemma in _MEDIA_NOUNS) and head.pos_ == "NOUN" and any(t.lower_ == "the" for t in head.lefts):
        # "the newspaper", "the network": the outlet named last before it, or the body that spoke
        # just before, when nearer (an outlet the name list does not know: "the website").
        outlet = _media_before(ctx, spans[0][0])
        at = spans[0][0]
        last = ctx.history[-1] if ctx.history else None
        # Only the speaker just before, and not a public body ("the paper" after "the Senate").
        spoke = last[1] if last is not None and last[0] >= at - 800 and last[1].resolved and last[1].entity \
            and (last[1].type == "media" or last[1].type == "organization" and not any(
                w in _ORG_NOUNS for w in (last[1].name or "").lower().split())) else None
        said_at = max((s for s, _ in ctx.by_id[spoke.entity].mentions if s < at), default=-1) \
            if spoke is not None and spoke.entity in ctx.by_id else -1
        named_at = max((s for s, _ in outlet.mentions if s < at), default=-1) if outlet is not None else -1
        if spoke is not None and said_at > named_at:
            return replace(spoke, type="media", confidence=min(spoke.confidence, 0.75))
        if outlet is not None:
            return _named(outlet, 0.75, surface)
        for _pos, earlier in reversed(ctx.history):
            if earlier.type == "media" and earlier.name and earlier.name.lower() != surface.lower():
                return replace(earlier)   # a copy: speakers are per attribution
    if ent is not None and not at_head and head.pos_ != "PROPN" and not head.ent_type_ and lemma in _GROUP_HEADS:
        # "Trump's campaign": a group the named person leads, named with their fullest name.
        name = _phrase(head, text)
        for s, e, other in _hits(ctx.index, spans[0]):
            if other.type == "PERSON" and s < anchor[0] and text[e:e + 2] in ("'s", "’s") \
                    and other.name.split()[-1].lower() not in ctx.shared_surnames:
                name = name.replace(text[s:e], other.name, 1)
        return _words(name, "organization", _CONF_DESCRIPTIVE)
    if head.pos_ == "PROPN" and kind == "person":
        # A headline the entity stage refused as a name ("Nora Vale Blasts Harbor Bank
        # CEO") that starts with a person the article names in full.
        for other in ctx.entities:
            if other.type == "PERSON" and len(other.name.split()) > 1 and surface.startswith(other.name):
                return _named(other, 0.8, surface)
    if head.pos_ == "PROPN" and not head.ent_type_ and head.i == head.sent.start and any(
            c.dep_ == "prep" for c in head.children):
        # "Plenty of companies ...": a capitalised sentence opener, not a name.
        return _words(_phrase(head, text), _of_type(head, surface), _CONF_DESCRIPTIVE)
    if head.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or head.pos_ == "PROPN":
        name = _clean(text[head.left_edge.idx:head.idx + len(head.text)])
        if head.ent_type_ == "NORP" and head.tag_ == "NNPS" or lemma in _PEOPLE_NOUNS:
            return _words(name, "anonymous", _CONF_DESCRIPTIVE)
        return _words(name, kind, 0.5)
    return _words(_full_names(ctx, spans[0], _owned(ctx, head, _phrase(head, text))),
                  _of_type(head, surface) if kind in ("other", "unknown") else kind, _CONF_DESCRIPTIVE)


_IMPERSONAL = frozenset("appear seem look sound turn emerge transpire".split())


def _expletive(it: "Token") -> bool:
    """An "it" that stands for no one: "it appears that", "it is clear that", "it is implied"."""
    verb = it.head
    if it.dep_ == "expl":
        return True
    if it.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lemma_.lower() in _IMPERSONAL:
        return True
    if it.dep_ == "nsubjpass":
        return any(c.dep_ == "ccomp" for c in verb.children)      # "it is implied that"
    # "it is important to note", "it is not an unreasonable assumption that"
    return verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children) and any(
        g.dep_ in ("ccomp", "xcomp", "acl", "relcl") for c in verb.children for g in (c, *c.children))


_ALL_PRONOUNS = _PERSON_PRONOUNS | _PLURAL_PRONOUNS | {"his", "hers", "it", "you"}


def _pronoun_speaker(ctx: _Context, low: str, at: int, surface: str) -> Speaker:
    """A pronoun source: "he"/"she" by gender, role and quote runs; "they"/"we" the group that
    spoke last; "it" the document or body that did; anything else its own word, unresolved."""
    if low in ("i", "me"):
        return _words(surface, "person", 0.3)  # a first person outside quotes: the author or a transcript
    if low in _PERSON_PRONOUNS or low in ("his", "hers"):
        ent, conf = _person_for_pronoun(ctx, at, _PRONOUN_GENDER.get(low))
        return _named(ent, conf, surface) if ent is not None else _words(surface, "person", 0.2)
    if low == "you":
        return _words("you", "other", 0.5)
    if ctx.quotes is not None and ctx.quotes.inside(at):
        return _words(surface, "unknown", 0.2)  # "They know we will find them," he said: someone in his story
    if low in _PLURAL_PRONOUNS:
        groups = [sp for pos, sp in ctx.history if pos >= at - 1500 and sp.name and (
            sp.type in ("organization", "media") or (sp.type == "anonymous" and _plural(sp.name)))]
        if groups:
            return _pronoun_of(groups[-1], surface, 0.7 if len({g.name for g in groups}) == 1 else 0.55)
        return _words(surface, "unknown", 0.2)
    things = [sp for pos, sp in ctx.history if pos >= at - 800 and sp.name
              and sp.type in ("document", "organization", "media")
              and (sp.entity is not None or not _plural(sp.name))]   # "The Times" is one, "the reports" many
    if things:
        return _pronoun_of(things[-1], surface, 0.65 if len({t.name for t in things}) == 1 else 0.5)
    return _words(surface, "unknown", 0.2)


def _of_type(head: "Token", surface: str) -> SpeakerType:
    """A quantity or part of something ("two-thirds of voters", "some of the companies") is typed
    by what it counts."""
    if head.pos_ in ("NUM", "PRON", "ADJ", "DET", "PROPN", "NOUN"):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    kind = type_of_phrase(obj, surface)
                    return "anonymous" if kind == "person" else kind
    return type_of_phrase(head, surface) if head.pos_ != "PROPN" else "other"


def _full_names(ctx: _Context, span: Span, name: str) -> str:
    """A description with the people inside it named in full ("Ward aides" -> "Adam Ward aides"),
    unless their surname is shared in the article."""
    for s, e, ent in _hits(ctx.index, span):
        said = ctx.text[s:e]
        if ent.type == "PERSON" and said != ent.name and ent.name.endswith(" " + said) \
                and said.lower() not in ctx.shared_surnames and said in name and ent.name not in name:
            name = name.replace(said, ent.name, 1)
    return name


def _owned(ctx: _Context, head: "Token", name: str) -> str:
    """ "His surrogates" -> "Donald J. Trump's surrogates": a possessive pronoun takes its person."""
    poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")), None)
    if poss is None or not name.lower().startswith(poss.lower_ + " "):
        return name
    if poss.lower_ == "their":
        return name
    ent, conf = _person_for_pronoun(ctx, poss.idx, _PRONOUN_GENDER.get(poss.lower_))
    if ent is None or conf < RESOLVE_AT:
        return name
    return f"{ent.name}'s{name[len(poss.text):]}"


def _entity_speaker(ctx: _Context, ent: Entity, head: "Token", anchor: Span, surface: str) -> Speaker:
    """A source whose head word is a mention of `ent`: how sure is the name?"""
    mention = next(((s, e) for s, e in ent.mentions if s < anchor[1] and anchor[0] < e), anchor)
    said = ctx.text[mention[0]:mention[1]]
    if ent.type == "NORP" and (head.tag_ == "NNPS" or said.endswith("s")):
        # "Democrats", "Republicans on the committee": members, not the party.
        return _words(_phrase(head, ctx.text), "anonymous", _CONF_DESCRIPTIVE)
    if ent.type != "PERSON" and ent.name.lower() in ctx.shared_surnames:
        # "Novak" read as an organisation where the article names several Novaks.
        return _words(surface, "person", 0.4)
    if ent.type != "PERSON":
        return _named(ent, _CONF_ORG, surface)
    parts = ent.name.split()
    if len(parts) < 2 and ent.name.lower() in ctx.shared_surnames:
        return _named(ent, 0.4, surface)   # "Novak" where the article names several Novaks
    if len(said.split()) >= 2 or len(parts) < 2 and said.lower() == ent.name.lower():
        conf = _CONF_FULL if len(parts) >= 2 else _CONF_PARTIAL
    elif parts[-1].lower() in ctx.shared_surnames:
        # A bare surname in a family: the entity stage tied it only where a title or the
        # paragraph said which; still less sure than a full name.
        conf = 0.7
    else:
        conf = _CONF_ALIAS
    return _named(ent, conf, surface)


def resolve_speakers(doc: "Doc", sources: list[tuple[list[Span], "Token | None"]],
                     entities: list[Entity], *, quotes: "QuoteIndex | None" = None) -> list[Speaker]:
    """One Speaker per (source spans, source head token), in text order; `quotes` (the article's
    quotations) keeps names inside quotes from anteceding pronouns outside them."""
    ctx = _Context(doc, entities, quotes)
    out: list[Speaker] = []
    for spans, head in sources:
        speaker = resolve_one(ctx, spans, head)
        if spans:
            ctx.history.append((spans[0][0], speaker))
        out.append(speaker)
    return out
