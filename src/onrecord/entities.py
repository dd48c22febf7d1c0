"""Named entities from the model, consolidated within one article.

"US Attorney General Jeff Sessions", "Sessions", the misspelt "Session" and "the attorney
general" become one entity named "Jeff Sessions"; the titles are kept apart from the name.
The small English model often labels a bare surname ORG or NORP ("Trump", "Sessions"), so
once a full name is known every capitalised use of its surname is taken as that person.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .model import Entity, Span
from .text.words import FEMALE_FIRST_NAMES, FEMALE_TITLES, MALE_FIRST_NAMES, MALE_TITLES
from .text.doc import doc_cache

# Labels worth an entity; dates, numbers and the like are not actors.
KEEP = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})

# Words that make up titles before a name. Lower-cased; "former"/"then-candidate" are kept too.
TITLE_WORDS = frozenset("""
president vice prime minister attorney general secretary senator sen. rep. representative
congressman congresswoman ambassador governor gov. director chairman chairwoman chair judge
justice speaker mayor chancellor king queen prince princess foreign defense defence state
deputy special counsel leader chief gen. col. lt. sgt. capt. adm. dr. mr. mrs. ms. miss
candidate spokesman spokeswoman spokesperson pope commissioner ceo former then-candidate
then-senator embattled majority minority treasury
national adviser advisor officer agent lawyer attorney-general lady sheikh ayatollah
premier commander lieutenant colonel major sir lord dame professor prof. rev. reverend
mr mrs ms dr sen rep gov press first
""".split())

# The word a title ends in when it names a role ("the attorney general", "the senator").
ROLE_HEADS = frozenset("""
president minister general secretary senator ambassador governor director chairman chairwoman
judge justice speaker mayor chancellor counsel leader spokesman spokeswoman commissioner
congressman congresswoman representative premier commander king queen pope
""".split())

_POSSESSIVE = re.compile(r"(?:\s*['’]s?)+$")
# Lower-case particles inside names ("Ursula von der Leyen", "Bashar al-Assad").
_NAME_PARTICLES = frozenset("al el bin ibn de da di du del della van von der den la le ter dos das".split())
_NAME_PUNCT = frozenset("'’.-")
# Words no personal name is made of: the model reads title-case headlines as names
# ("Vale Had Second", "Nora Vale Blasts Harbor Bank CEO").
_NOT_NAME_WORDS = frozenset("""
a an the and or but of in on at to for from by with as is are was were be been has have had do does did
will would can could should may might must not no yes says said say tells told calls called hammers slams
blasts rips urges warns wins loses first second third new old after before over under about against
this that these those his her its their our my your who what when where why how all more most
""".split())

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_WS = re.compile(r"\s+")
# Aliases of one country that should be one entity.
_ALIASES = {"u.s.": "united states", "us": "united states", "u.s": "united states",
            "america": "united states", "usa": "united states", "u.s.a.": "united states",
            "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
            "great britain": "united kingdom"}


def doc_text(doc) -> str:  # noqa: ANN001
    """doc.text, built once per doc."""
    values = doc_cache(doc)
    text = values.get("text")
    if text is None:
        cols = columns(doc)  # Doc.text is "".join(t.text_with_ws for t in doc), made without Tokens
        text = values["text"] = "".join([t + " " if s else t for t, s in zip(cols.text, cols.space)])
    return text


def doc_ents(doc) -> tuple:  # noqa: ANN001
    """doc.ents, built once per doc."""
    values = doc_cache(doc)
    ents = values.get("ents")
    if ents is None:
        ents = values["ents"] = tuple(doc.ents)
        values["ent_starts"] = [e.start for e in ents]
    return ents


# String-store ids -> strings, shared by all docs: an id is the hash of its string (or a fixed
# symbol), so it names the same string in every doc and vocab.
_STRINGS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}   # lemma id -> the lemma lower-cased


def _names(ids: list[int], strings) -> list[str]:  # noqa: ANN001 - spaCy StringStore
    names = _STRINGS
    try:
        return [names[k] for k in ids]
    except KeyError:
        for k in set(ids).difference(names):
            names[k] = strings[k]
        return [names[k] for k in ids]


class Columns:
    """Per-token attributes of one doc as plain lists (Token objects are slow to make)."""

    __slots__ = ("_kids", "dep", "ent_type", "head", "idx", "is_space", "lemma", "lower", "pos", "space", "tag", "text")

    def __init__(self, doc) -> None:  # noqa: ANN001 - spaCy Doc
        from spacy.attrs import (
            DEP,
            ENT_TYPE,
            HEAD,
            IDX,
            IS_SPACE,
            LEMMA,
            LOWER,
            ORTH,
            POS,
            SPACY,
            TAG,
        )

        arr = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, IDX, SPACY, IS_SPACE, ENT_TYPE])
        orth, lower, lemma, pos, tag, dep, _, self.idx, space, is_space, ent_type = arr.T.tolist()
        if len(_STRINGS) > 50_000:  # bounded: memory zones drop new strings from the vocab
            _STRINGS.clear()
            _LOWERED.clear()
        strings = doc.vocab.strings
        self.ent_type = _names(ent_type, strings)
        self._kids: list[list[int]] | None = None
        self.text = _names(orth, strings)
        self.lower = _names(lower, strings)
        lowered = _LOWERED
        try:
            self.lemma = [lowered[k] for k in lemma]   # lemma_.lower()
        except KeyError:
            for k, name in zip(lemma, _names(lemma, strings)):
                lowered[k] = name.lower()
            self.lemma = [lowered[k] for k in lemma]
        self.pos = _names(pos, strings)
        self.tag = _names(tag, strings)
        self.dep = _names(dep, strings)
        # HEAD is an offset, and to_array returns unsigned integers: read it back as signed.
        self.head = [i + h for i, h in enumerate(arr[:, 6].astype("int64").tolist())]
        self.space = [v != 0 for v in space]
        self.is_space = [v != 0 for v in is_space]

    def children(self, i: int) -> list[int]:
        """Token i's children in order (what Token.children yields), as indices."""
        kids = self._kids
        if kids is None:
            kids = self._kids = [[] for _ in self.head]
            for j, h in enumerate(self.head):
                if h != j:
                    kids[h].append(j)
        return kids[i]


def columns(doc) -> Columns:  # noqa: ANN001
    """The doc's Columns, built once per doc."""
    values = doc_cache(doc)
    cols = values.get("columns")
    if cols is None:
        cols = values["columns"] = Columns(doc)
    return cols


def span_text(span) -> str:  # noqa: ANN001 - spaCy Span
    """span.text, cut from the cached doc text."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def span_ents(span) -> list:  # noqa: ANN001 - spaCy Span
    """span.ents (the doc's entities inside the span, as spaCy picks them) from the cached doc.ents."""
    ents = doc_ents(span.doc)
    starts = doc_cache(span.doc)["ent_starts"]
    start, end = span.start, span.end
    out = []
    for k in range(bisect_left(starts, start), len(ents)):
        ent = ents[k]
        if ent.end <= end:
            out.append(ent)
        else:
            break
    return out


@dataclass(slots=True)
class _Cluster:
    name: str
    label: str
    mentions: list[Span] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    labels: dict[str, int] = field(default_factory=dict)

    @property
    def tokens(self) -> list[str]:
        return name_words(self.name)


_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def name_words(name: str) -> list[str]:
    """A name's words less a generational suffix ("Ann B. Roe Jr." -> Ann, B., Roe): the surname
    is the last of them."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(",") in _SUFFIXES:
        words = words[:-1]
    if len(words) > 1 and words[-1].endswith(","):
        words[-1] = words[-1].rstrip(",")
    return words


def _norm(name: str) -> str:
    return _LEADING_THE.sub("", _WS.sub(" ", name.strip())).lower()


def _trim(doc, start: int, end: int) -> tuple[int, int, list[str]]:  # noqa: ANN001
    """Token bounds of a name with titles and possessives cut off; the titles found, outermost first."""
    titles: list[str] = []
    cols = columns(doc)
    lower, texts = cols.lower, cols.text
    # Titles the model folded into the entity ("Attorney General Jeff Sessions").
    while end - start > 1 and lower[start] in TITLE_WORDS:
        titles.append(texts[start])
        start += 1
    # Titles just before the entity ("US Attorney General" + "Jeff Sessions").
    i = start - 1
    before: list[str] = []
    while i >= 0 and (lower[i] in TITLE_WORDS
                      or (before and cols.ent_type[i] in {"GPE", "NORP"})
                      or (before and lower[i] == "of" and i > 0 and lower[i - 1] in TITLE_WORDS)):
        before.insert(0, texts[i])
        i -= 1
    if end - start > 1 and cols.tag[end - 1] == "POS":
        end -= 1
    # A verb the model folded in at the front ("Hosting Cook at the summit"): no part of the name.
    while end - start > 1 and (cols.tag[start] in ("VBG", "VBD", "VBN", "VB", "VBZ", "VBP") or (
            lower[start].endswith("ing") and doc[start].is_sent_start)) \
            and lower[start] not in MALE_FIRST_NAMES and lower[start] not in FEMALE_FIRST_NAMES:
        start += 1
    title = " ".join(before + titles)
    return start, end, [title] if title else []


def _title_phrase(titles: list[str]) -> str | None:
    """The head title a writer would reuse with "the": "US Attorney General" -> "attorney general"."""
    for t in titles:
        words = [w for w in t.lower().split() if w in TITLE_WORDS and w not in {"former", "embattled", "then-candidate"}]
        if words and words[-1] in ROLE_HEADS:
            return " ".join(words)
    return None


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by one inserted or deleted character ("Session"/"Sessions")."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return True
    return False


def find_entities(doc) -> list[Entity]:  # noqa: ANN001 - spaCy Doc
    """Entities of one parsed article, each with all its mentions, in order of first mention."""
    persons: list[_Cluster] = []
    others: dict[str, _Cluster] = {}
    singles: list[tuple[Span, str, str, list[str]]] = []  # one-token names to place after full names
    taken: set[int] = set()  # char offsets already covered by a mention

    ents = [e for e in doc_ents(doc) if e.label_ in KEEP]
    cols = columns(doc)
    idx, tags, texts, full = cols.idx, cols.tag, cols.text, doc_text(doc)
    for ent in ents:
        label = ent.label_
        if label in ("ORG", "GPE", "NORP", "FAC") and (
                label != "FAC" and _looks_like_person(full[ent.start_char:ent.end_char]) or (
                ent.start > 0 and cols.lower[ent.start - 1] in _PERSON_NOUNS
                and _looks_like_person(full[ent.start_char:ent.end_char], known_first=False))):
            # the small model often calls an unfamiliar "Marta Kovac" an ORG; "moderator Ansel
            # Brook" is a person whatever his first name
            label = "PERSON"
        if label == "PERSON":
            start, end, titles = _trim(doc, ent.start, ent.end)
        else:  # organisation names keep their leading words ("House Intelligence Committee")
            start, end, titles = ent.start, ent.end - (ent.end - ent.start > 1 and tags[ent.end - 1] == "POS"), []
        # doc[start:end].text, cut from the doc's text
        raw = full[idx[start]:idx[end - 1] + len(texts[end - 1])] if start < end else doc[start:end].text
        span_text = _POSSESSIVE.sub("", raw).strip()
        if not span_text or not any(c.isalpha() for c in span_text):
            continue
        span = (idx[start], idx[start] + len(span_text))
        if label == "PERSON" and not plausible_person_name(span_text):
            continue  # a headline's words or a stray token, never a person
        if label == "PERSON" and len(span_text.split()) >= 2:
            _add_person(persons, span_text, span, titles)
        elif label in {"PERSON", "ORG", "NORP", "GPE"} and len(span_text.split()) == 1 and span_text[:1].isupper():
            singles.append((span, span_text, label, titles))
        else:
            key = _ALIASES.get(_norm(span_text), _norm(span_text))
            c = others.setdefault(key, _Cluster(span_text, label))
            if len(span_text) > len(c.name) and _norm(span_text) == key:
                c.name = span_text
            c.mentions.append(span)
            c.labels[label] = c.labels.get(label, 0) + 1
            c.titles.extend(t for t in titles if t not in c.titles)

    index = _NameIndex(persons)   # full names are all known now; singles add one-word names only
    for span, text, label, titles in singles:
        person = _match_person(persons, text, span[0], full, index)
        if person is not None:
            person.mentions.append(span)
        elif label == "PERSON" and _in_headline(full, span[0]):
            continue  # "Absurd" in a title-case headline: no evidence it is anyone's name
        elif label == "PERSON":
            _add_person(persons, text, span, titles)
        else:
            key = _ALIASES.get(_norm(text), _norm(text))
            c = others.setdefault(key, _Cluster(text, label))
            c.mentions.append(span)
            c.labels[label] = c.labels.get(label, 0) + 1

    _merge_short_orgs(others)
    _people_read_as_orgs(full, others, persons)
    for p in persons:
        taken.update(o for s, e in p.mentions for o in range(s, e))
    _scan_surnames(doc, persons, taken)
    _scan_titles(doc, persons, taken)
    _scan_org_names(full, others, persons)

    clusters = [*persons, *others.values()]
    for c in clusters:
        c.mentions = sorted(set(c.mentions))
    clusters = [c for c in clusters if c.mentions]
    clusters.sort(key=lambda c: c.mentions[0])
    out = []
    for i, c in enumerate(clusters, 1):
        label = c.label if not c.labels else max(c.labels, key=c.labels.__getitem__)
        out.append(Entity(id=f"E{i}", name=c.name, type=label if c not in persons else "PERSON",
                          mentions=c.mentions, titles=c.titles))
    return out


def _add_person(persons: list[_Cluster], name: str, span: Span, titles: list[str]) -> None:
    for p in persons:
        if _same_person(p.name, name):
            if len(name.split()) > len(p.tokens):
                p.name = name
            p.mentions.append(span)
            p.titles.extend(t for t in titles if t not in p.titles)
            return
    persons.append(_Cluster(name, "PERSON", [span], list(titles)))


def _same_person(a: str, b: str) -> bool:
    ta, tb = name_words(a.lower()), name_words(b.lower())
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(short) >= 2 and long_[-len(short):] == short:
        return True  # "Lopez Ortega" in "Ana Lopez Ortega"
    # "Jeff Sessions" ~ "Jefferson Beauregard Sessions"? only when surnames and first initials agree.
    return ta[-1] == tb[-1] and ta[0][0] == tb[0][0] and (len(ta) == 1 or len(tb) == 1 or ta[0] == tb[0] or len(ta) != len(tb))


class _NameIndex:
    """Full-name people by surname, first name and surname length, for bare-name look-ups
    (a list of hundreds of names must not cost a scan of every person per mention)."""

    def __init__(self, persons: list[_Cluster]) -> None:
        self.last: dict[str, list[_Cluster]] = {}
        self.first: dict[str, list[_Cluster]] = {}
        self.by_len: dict[int, list[tuple[str, _Cluster]]] = {}
        for p in persons:
            words = p.tokens
            if len(words) > 1:
                last = words[-1].lower()
                self.last.setdefault(last, []).append(p)
                self.first.setdefault(words[0].lower(), []).append(p)
                self.by_len.setdefault(len(last), []).append((last, p))

    def near(self, t: str) -> list[_Cluster]:
        if len(t) < 5:
            return []
        return [p for k, p in self.by_len.get(len(t) - 1, []) + self.by_len.get(len(t) + 1, []) if _edit1(k, t)]


def _match_person(persons: list[_Cluster], token: str, pos: int = -1, text: str = "",
                  index: _NameIndex | None = None) -> _Cluster | None:
    """The one person a bare name refers to: surname, first name, or surname off by one letter.
    A surname several people share (a family) goes to the one its title or the paragraph picks."""
    t = token.lower()
    index = index or _NameIndex(persons)
    for hits in (index.last.get(t, []), index.first.get(t, []), index.near(t)):
        if len(hits) == 1:
            return hits[0]
        if hits:
            return pick_namesake(hits, pos, text) if text else None
    return None


def _gender(p: _Cluster, text: str) -> str | None:
    """'f', 'm' or None, from a title before a full mention, else the first name."""
    for s, _ in p.mentions[:8]:
        if (g := title_gender(text[max(0, s - 20):s])) is not None:
            return g
    return name_gender(p.name)


def title_gender(before: str) -> str | None:
    """The gender a title right before a name gives ("Mrs. " -> 'f'), else None."""
    words = before.lower().split()
    if not words:
        return None
    last = words[-1]
    if len(words) >= 2 and words[-2].endswith(",") and last.isalpha() and last not in FEMALE_TITLES | MALE_TITLES:
        last = words[-2].rstrip(",")   # "her son, filmmaker Cal Ward": the kin noun of the apposition
    return "f" if last in FEMALE_TITLES else "m" if last in MALE_TITLES else None


def name_gender(name: str, before: str = "") -> str | None:
    """'f', 'm' or None for a person's name: a gendered title just before it, else the first name.
    The one test of gender that attribution (pronoun speakers) and events (pronoun actors) share."""
    if (g := title_gender(before)) is not None:
        return g
    first = name.split()[0].lower().strip(".") if name.split() else ""
    return "f" if first in FEMALE_FIRST_NAMES else "m" if first in MALE_FIRST_NAMES else None


def pick_namesake(people: list[_Cluster], pos: int, text: str) -> _Cluster | None:
    """Which of several people sharing a surname a bare mention at `pos` means: the one a gendered
    title fits, else the only one named in full earlier in the same paragraph; None when unsure."""
    if pos < 0:
        return None
    gender = title_gender(text[max(0, pos - 20):pos])
    if gender is not None:
        fits = [p for p in people if _gender(p, text) == gender]
        if len(fits) == 1:
            return fits[0]
        people = fits or people
    para = text.rfind("\n", 0, pos) + 1
    near = [p for p in people if any(para <= s < pos for s, _ in p.mentions)]
    return near[0] if len(near) == 1 else None


@functools.lru_cache(maxsize=100_000)  # pure; linking asks it for every mention of every article
def plausible_person_name(name: str) -> bool:
    """A person's name looks like one: up to six name-shaped words, no sentence words, not shouted."""
    words = name.split()
    if not words or len(words) > 6 or len(name) < 2:
        return False
    if all(w.isupper() and len(w.strip(".")) > 1 for w in words):
        return False  # an all-caps headline or an acronym
    if any(w.lower() in _NOT_NAME_WORDS or not _name_word(w) for w in words):
        return False
    return any(len(w.strip(".")) > 1 for w in words)


# Words that make a first-name-led name an organisation or a place ("Jeff Bezos Foundation").
_ORG_WORDS = frozenset("""
foundation fund institute inc corp corporation group center centre university college company co llc
party committee council association society bank hospital school church street avenue road bridge
airport park museum trust partners capital media news times post journal airlines county city
""".split())


# Lower-case nouns for people that stand right before a name ("moderator Ansel Brook").
_PERSON_NOUNS = frozenset("""
moderator anchor host reporter correspondent columnist commentator analyst economist actor actress
singer author writer novelist journalist comedian professor coach player activist lawyer attorney
""".split())


def _looks_like_person(name: str, *, known_first: bool = True) -> bool:
    """ "Marta Kovac": two or three name-shaped words led by a known first name (unless
    `known_first` is False), none an org word."""
    name = _POSSESSIVE.sub("", name).strip()
    words = name.split()
    if not 2 <= len(words) <= 3 or not plausible_person_name(name):
        return False
    first = words[0].lower()
    return (not known_first or first in FEMALE_FIRST_NAMES or first in MALE_FIRST_NAMES) and not any(
        w.lower().strip(".,") in _ORG_WORDS for w in words)


def _name_word(word: str) -> bool:
    """ "O'Neill", "Jean-Luc", "J.", "Émile", "al-Assad": capitalised letters, or a lower-case particle."""
    head = word.split("-", 1)[0]
    if head in _NAME_PARTICLES:
        return True
    return word[0].isupper() and word[0].isalpha() and all(c.isalpha() or c in _NAME_PUNCT for c in word)


def _in_headline(text: str, pos: int) -> bool:
    """Whether `pos` lies in a title-case line (a headline or deck) rather than in running prose."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = [w for w in text[start:end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    if len(words) < 3:
        return len(words) <= 2  # a line of one or two words is a label, a caption or a byline
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


def _merge_short_orgs(others: dict[str, _Cluster]) -> None:
    """ "The Post" joins "The Washington Post" when exactly one longer name ends with it."""
    for key in list(others):
        words = key.split()
        if len(words) != 1 or others[key].label == "GPE":
            continue
        longer = [k for k in others if k != key and len(k.split()) > 1 and k.split()[-1] == words[0]
                  and others[k].label not in {"GPE", "NORP"}]
        if len(longer) == 1:
            target = others[longer[0]]
            target.mentions.extend(others.pop(key).mentions)


def _people_read_as_orgs(text: str, others: dict[str, _Cluster], persons: list[_Cluster]) -> None:
    """A one-word "organisation" that the article also writes after a known first name ("Jeff
    Ward, president of ..." untagged, then "Ward" tagged ORG) is that person's surname."""
    for key, c in list(others.items()):
        if c.label != "ORG" or " " in c.name or not c.name[:1].isupper() or c.name.isupper() \
                or c.labels.get("ORG", 0) < sum(c.labels.values()):
            continue
        found = None
        for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(c.name) + r"\b", text):
            first = m.group(1).lower()
            if first in MALE_FIRST_NAMES or first in FEMALE_FIRST_NAMES:
                found = m
                break
        if found is None or any(_same_person(p.name, found.group(0)) for p in persons):
            continue
        del others[key]
        persons.append(_Cluster(found.group(0), "PERSON", [found.span(), *c.mentions], []))


def _scan_org_names(text: str, others: dict[str, _Cluster], persons: list[_Cluster]) -> None:
    """One name, one sense per article: an organisation's name the model tagged somewhere is a
    mention wherever else it is written out, unless another name covers those words there."""
    covered = [(s, e) for c in [*others.values(), *persons] for s, e in c.mentions]
    covered.sort()
    starts = [s for s, _ in covered]
    for c in list(others.values()):
        if c.label not in ("ORG", "FAC") or len(c.name) < 4 or not c.name[:1].isupper():
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(c.name) + r"(?![\w-])", text):
            s, e = m.span()
            k = bisect_left(starts, e)
            if any(cs < e and s < ce for cs, ce in covered[max(0, k - 8):k]):
                continue
            c.mentions.append((s, e))


def _scan_surnames(doc, persons: list[_Cluster], taken: set[int]) -> None:  # noqa: ANN001
    """Capitalised surnames the model missed or mislabelled ("Session announced", "Trump" as ORG)."""
    by_name: dict[str, _Cluster | None] = {}
    family: dict[str, list[_Cluster]] = {}   # surnames several people share
    for p in persons:
        if len(p.tokens) < 2:
            continue
        last = p.tokens[-1].lower()
        family.setdefault(last, []).append(p)
        by_name[last] = None if last in by_name else p
    if not by_name:
        return
    full = doc_text(doc)
    cols = columns(doc)
    nearest: dict[str, _Cluster | None] = {}  # by_name is fixed below: one near-match search per word
    by_len: dict[int, list[tuple[str, _Cluster]]] = {}
    for k, p in by_name.items():
        if p is not None:
            by_len.setdefault(len(k), []).append((k, p))
    for tok_idx, tok_text, tok_space, tok_pos in zip(cols.idx, cols.text, cols.is_space, cols.pos):
        if tok_idx in taken or not tok_text[:1].isupper() or tok_space:
            continue
        word = _POSSESSIVE.sub("", tok_text).lower()
        person = by_name.get(word)
        if person is None and len(family.get(word, ())) > 1:
            person = pick_namesake(family[word], tok_idx, full)
        if person is None and len(word) >= 5 and tok_pos == "PROPN":
            if word not in nearest:
                # _edit1 holds only between words one letter apart in length.
                near = [p for k, p in by_len.get(len(word) - 1, []) + by_len.get(len(word) + 1, [])
                        if _edit1(k, word)]
                nearest[word] = near[0] if len(near) == 1 else None
            person = nearest[word]
        if person is not None:
            end = tok_idx + len(_POSSESSIVE.sub("", tok_text))
            # Skip the first name of a full mention already taken ("Donald" in "Donald Trump").
            person.mentions.append((tok_idx, end))
            taken.update(range(tok_idx, end))


def _scan_titles(doc, persons: list[_Cluster], taken: set[int]) -> None:  # noqa: ANN001
    """ "the attorney general" refers to the one person in the article who holds that title."""
    holders: dict[str, list[_Cluster]] = {}
    for p in persons:
        phrase = _title_phrase(p.titles)
        if phrase:
            holders.setdefault(phrase, []).append(p)
    text = doc_text(doc).lower()
    for phrase, people in holders.items():
        if len(people) != 1 or len(phrase) < 4:
            continue
        for m in re.finditer(r"\bthe\s+" + re.escape(phrase) + r"\b", text):
            start, end = m.start(), m.end()
            if start not in taken:
                people[0].mentions.append((start, end))
                taken.update(range(start, end))
