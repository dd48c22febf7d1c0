"""Speakers: link each source to an entity (through pronouns, titles and "who"), name and type it."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..entities import doc_text as _doc_text
from ..model import Entity, Span, Speaker, SpeakerType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PERSON_PRONOUNS = frozenset("he she him her i me".split())
_PLURAL_PRONOUNS = frozenset("they them we us".split())
_RELATIVES = frozenset("who whom which that".split())
_MEDIA = re.compile(
    r"\b(?:Times|Post|Journal|Tribune|Herald|Gazette|Guardian|Telegraph|Economist|CNN|Fox News|MSNBC|NBC|ABC|"
    r"CBS|NPR|PBS|BBC|Reuters|Associated Press|AP|AFP|Bloomberg|Politico|Axios|Breitbart|Daily Caller|"
    r"Huffington Post|HuffPost|BuzzFeed|Slate|Vox|Atlantic|Newsweek|Time magazine|Press TV|RT|Sputnik|"
    r"Al Jazeera|TASS|Xinhua|Interfax|Yonhap|Kyodo|Haaretz|Le Monde|Der Spiegel)\b")
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


# Gender for pronoun agreement ("she" never resolves to a man the article calls Mr.): titles
# before a mention, else common first names of US political news.
_FEMALE_NAMES = frozenset(
    "hillary melania ivanka kellyanne nancy elizabeth michelle huma sarah jill hope katrina susan "
    "mary patricia jennifer linda barbara margaret lisa karen betty helen sandra donna carol ruth "
    "sharon laura kimberly deborah jessica shirley cynthia angela melissa brenda amy anna rebecca "
    "virginia kathleen pamela martha debra amanda stephanie carolyn christine marie janet catherine "
    "frances ann joyce diane alice julie heather teresa doris gloria evelyn jean cheryl mildred "
    "katherine joan ashley judith rose janice kelly nicole judy christina kathy theresa beverly "
    "denise tammy irene jane lori rachel marilyn andrea kathryn louise sara anne jacqueline wanda "
    "bonnie julia ruby lois tina phyllis norma paula diana annie lillian emily robin peggy crystal "
    "gladys rita dawn connie florence tracy edna tiffany carmen rosa cindy grace wendy victoria "
    "kirsten tammy dianne debbie loretta kamala condoleezza madeleine sheryl oprah megyn dana "
    "gennifer alicia chelsea meghan claire hannah olivia emma sophia theresa angela marine".split())
_MALE_NAMES = frozenset(
    "donald barack bill bernie ted marco jeb john james robert michael william david richard joseph "
    "thomas charles christopher daniel matthew anthony mark paul steven andrew kenneth joshua kevin "
    "brian george edward ronald timothy jason jeffrey jeff ryan jacob gary nicholas eric jonathan "
    "stephen larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick "
    "jack dennis jerry tyler aaron jose henry adam douglas nathan peter zachary kyle walter harold "
    "jeremy ethan carl keith roger gerald christian terry sean arthur austin noah lawrence jesse "
    "joe bryan billy jordan albert dylan bruce willie gabriel alan juan logan wayne ralph roy "
    "eugene randy vincent russell louis philip bobby johnny bradley mike mitch chris tim tom dan "
    "newt rudy rudolph reince sean chuck harry mitt rand rick lindsey jim ben vladimir sergey "
    "sergei xi kim bashar recep benjamin francois emmanuel boris hugh corey stephen steve "
    "reid marc kellogg chris hank al jared eric barron".split())
_FEMALE_TITLES = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|First Lady|Congresswoman|Spokeswoman|Chairwoman|Queen)\.?\s*$")
_MALE_TITLES = re.compile(r"\b(?:Mr|Sir|Congressman|Spokesman|Chairman|King)\.?\s*$")


def entity_gender(ent: Entity, text: str) -> str | None:
    """'f', 'm' or None (unknown) for a PERSON entity."""
    for s, _ in ent.mentions[:12]:
        before = text[max(0, s - 16):s]
        if _FEMALE_TITLES.search(before):
            return "f"
        if _MALE_TITLES.search(before):
            return "m"
    first = ent.name.split()[0].lower().strip(".") if ent.name.split() else ""
    if first in _FEMALE_NAMES:
        return "f"
    if first in _MALE_NAMES:
        return "m"
    return None


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _mention_index(entities: list[Entity]) -> tuple[list[tuple[int, int, Entity]], list[int]]:
    mentions = sorted(((s, e, ent) for ent in entities for s, e in ent.mentions), key=lambda m: (m[0], m[1]))
    return mentions, [m[0] for m in mentions]


def _entity_at(index, span: Span, anchor: Span | None = None) -> Entity | None:  # noqa: ANN001
    """The entity with a mention over the anchor token (else any inside the span), people first."""
    mentions, starts = index
    hits: list[tuple[int, int, Entity]] = []
    i = bisect_right(starts, span[1])
    for s, e, ent in mentions[max(0, i - 50):i]:
        if s < span[1] and span[0] < e:
            hits.append((s, e, ent))
    if not hits:
        return None
    if anchor is not None:
        over = [h for h in hits if h[0] < anchor[1] and anchor[0] < h[1]]
        if over:
            hits = over
    people = [h for h in hits if h[2].type == "PERSON"]
    return (people or hits)[-1][2]


def _recent_person(doc: "Doc", index, before: int, history: list[tuple[int, Speaker]],  # noqa: ANN001
                   gender: str | None = None, genders: dict[str, str | None] | None = None) -> Speaker | None:
    """The person a pronoun most likely means: the subject of a recent sentence or attribution
    whose gender, where known, agrees with the pronoun's."""
    mentions, starts = index
    window = max(0, before - 1500)
    genders = genders or {}

    def agrees(entity_id: str | None) -> bool:
        known = genders.get(entity_id) if entity_id else None
        return gender is None or known is None or known == gender

    candidates: list[tuple[int, int, Entity]] = []
    for s, e, ent in mentions[:bisect_right(starts, before)]:
        if ent.type == "PERSON" and window <= s and e <= before and agrees(ent.id):
            candidates.append((s, e, ent))
    history = [(pos, sp) for pos, sp in history if agrees(sp.entity)]
    for s, e, ent in reversed(candidates):
        tok = doc.char_span(s, e, alignment_mode="expand")
        if tok is not None and tok.root.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            recent_attr = next((sp for pos, sp in reversed(history) if pos > s and sp.type == "person"), None)
            if recent_attr is not None:
                return recent_attr
            return Speaker(entity=ent.id, name=ent.name, type="person")
    for pos, sp in reversed(history):
        if sp.type == "person" and pos >= window:
            return sp
    if candidates:
        ent = candidates[-1][2]
        return Speaker(entity=ent.id, name=ent.name, type="person")
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
    """A source that is no entity, typed by its words."""
    lemma = head.lemma_.lower()
    words = {t.lower_ for t in head.subtree}
    has_name = any(t.pos_ == "PROPN" for t in head.subtree)
    if _MEDIA.search(text) or lemma in _MEDIA_NOUNS:
        return "media"
    if lemma in _DOCUMENT_NOUNS or head.lower_ in _DOCUMENT_NOUNS:
        return "document"
    if (lemma in _ANON_NOUNS or head.lower_ in _ANON_NOUNS) and not head.ent_type_ == "PERSON":
        return "anonymous" if not has_name or words & {"a", "an", "one", "two", "some", "several"} else "person"
    if lemma in _ORG_NOUNS or head.ent_type_ in ("ORG", "GPE", "NORP"):
        return "organization"
    if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and has_name):
        return "person"
    if head.pos_ == "NOUN":
        return "other"
    return "unknown"


def _clean(text: str) -> str:
    return " ".join(text.split())


def resolve_one(doc: "Doc", spans: list[Span], head: "Token | None", index, history,  # noqa: ANN001
                doc_text: str | None = None, genders: dict[str, str | None] | None = None) -> Speaker:
    if not spans or head is None:
        return Speaker(entity=None, name=None, type="unknown")
    doc_text = _doc_text(doc) if doc_text is None else doc_text  # Doc.text rebuilds the string: read it once
    text = _clean(" ".join(doc_text[s:e] for s, e in spans))
    low = head.lower_
    if low in _RELATIVES and head.head.dep_ in ("relcl", "acl") and head.head.head is not head:
        antecedent = head.head.head
        return resolve_one(doc, [(antecedent.left_edge.idx, antecedent.idx + len(antecedent.text))],
                           antecedent, index, history, doc_text, genders)
    if low in _PERSON_PRONOUNS:
        found = _recent_person(doc, index, spans[0][0], history, _PRONOUN_GENDER.get(low), genders)
        return found or Speaker(entity=None, name=None, type="person")
    if low in _PLURAL_PRONOUNS:
        # "they"/"we": the latest group that spoke (an organisation, unnamed officials) nearby.
        window = spans[0][0] - 1500
        for pos, sp in reversed(history):
            if pos < window:
                break
            if sp.name and (sp.type == "organization" or (sp.type == "anonymous" and sp.name.endswith("s"))):
                return sp
        return Speaker(entity=None, name=None, type="unknown")
    if low in ("it", "you"):
        return Speaker(entity=None, name=None, type="unknown")
    anchor = (head.idx, head.idx + len(head.text))
    ent = _entity_at(index, spans[0], anchor)
    # A person named after a common-noun head ("criticism of Sessions") is what the phrase is
    # about, not who speaks; one named before it ("Trump's campaign") is kept.
    if ent is not None and head.pos_ != "PROPN" and not head.ent_type_ and not any(
            spans[0][0] <= s < anchor[1] for s, _ in ent.mentions):
        ent = None
    if ent is not None and (ent.type == "PERSON" or head.pos_ == "PROPN" or head.ent_type_):
        return Speaker(entity=ent.id, name=ent.name, type=type_of_entity(ent))
    kind = type_of_phrase(head, text)
    if kind == "media" and head.lemma_.lower() in _MEDIA_NOUNS and head.pos_ == "NOUN" and any(
            t.lower_ == "the" for t in head.lefts):
        # "the newspaper" is the outlet the story last named as a source.
        for _pos, earlier in reversed(history):
            if earlier.type == "media" and earlier.name and earlier.name.lower() != text.lower():
                return earlier
    name = text
    if head.ent_type_ or head.pos_ == "PROPN":
        name = _clean(doc_text[head.left_edge.idx:head.idx + len(head.text)])
    return Speaker(entity=None, name=name, type=kind)


def resolve_speakers(doc: "Doc", sources: list[tuple[list[Span], "Token | None"]],
                     entities: list[Entity]) -> list[Speaker]:
    """One Speaker per (source spans, source head token), in text order."""
    index = _mention_index(entities)
    history: list[tuple[int, Speaker]] = []
    out: list[Speaker] = []
    text = _doc_text(doc)
    genders = {ent.id: entity_gender(ent, text) for ent in entities if ent.type == "PERSON"}
    for spans, head in sources:
        speaker = resolve_one(doc, spans, head, index, history, text, genders)
        if spans:
            history.append((spans[0][0], speaker))
        out.append(speaker)
    return out
