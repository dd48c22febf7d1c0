"""What a claim asserts, reduced to what two claims must share to disagree.

A proposition here is its predicates (CAMEO root codes of the event words in the content:
"met", "meetings", "discussed" and "talks" are all 04, consult; "arrested" is 17, coerce),
each with its polarity in the clause where it occurs, and the counts it gives ("12 people
were arrested" -> {"people": 12}). Two claims are about the same proposition when they share
a predicate and a person (see `onrecord.record.conflicts`); the polarity is read per predicate, so
"he would testify and that he had nothing to hide" does not negate the testifying, and "the
meetings were not about the campaign" does not deny the meetings.

The word list is the events stage's trigger lexicon (data/events/triggers.tsv): single verbs
and nouns, inflected here by rule plus a short table of irregular forms.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ...events.triggers import OURS, table_rows
from ...stance.features import content, stem
from ...text.words import NEGATION

# Statements and denials are how a claim is made, not what it is about.
_NOT_PREDICATE_ROOTS = frozenset({"01"})
_NOT_PREDICATE_CODES = frozenset({"016"})
# Contact words the lexicon leaves out; all are consult (04).
_EXTRA = {"contact": "040", "encounter": "040", "converse": "040", "speak": "040", "confer": "040"}
_IRREGULAR = {
    "meet": ("met",), "speak": ("spoke", "spoken"), "hold": ("held",), "pay": ("paid",), "give": ("gave", "given"),
    "take": ("took", "taken"), "fight": ("fought",), "seek": ("sought",), "bring": ("brought",), "send": ("sent",),
    "make": ("made",), "leave": ("left",), "win": ("won",), "lose": ("lost",), "sell": ("sold",),
    "buy": ("bought",), "strike": ("struck", "stricken"), "shoot": ("shot",), "beat": ("beaten",),
    "steal": ("stole", "stolen"), "flee": ("fled",), "lead": ("led",), "break": ("broke", "broken"),
    "drive": ("drove", "driven"), "throw": ("threw", "thrown"), "withdraw": ("withdrew", "withdrawn"),
    "overthrow": ("overthrew", "overthrown"), "seize": ("seized",), "sit": ("sat",), "keep": ("kept",),
    "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"), "choose": ("chose", "chosen"),
    "forbid": ("forbade", "forbidden"), "undertake": ("undertook", "undertaken"), "lend": ("lent",),
}
# A negation scopes a predicate at most this many words after it: "did not meet", "never had
# meetings", "did not attend the protest"; not "there is no progress made through another summit".
NEGATION_WINDOW = 3
# Clause boundaries: punctuation, coordinated complement clauses, relative pronouns.
_CLAUSE = re.compile(r"[,;:…()\"“”]|\s[-–—]\s|\b(?:and that|but|who|which|whose|while|whereas|although|"
                     r"though|because|after|before|until|unless|when|whom|if|whether)\b", re.I)
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_MONTHS = frozenset({"march", "may"})
_NUM_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "forty": 40, "fifty": 50,
                                                             "dozen": 12, "hundred": 100}
# Not a model or a name ("S-400", "F-16", "COVID-19"): a count stands alone.
_NUMBER = re.compile(r"(?<![\w-])(\d[\d,]*(?:\.\d+)?|" + "|".join(_NUM_WORDS) + r")\s+([a-z]{3,})\b", re.I)


@dataclass(slots=True)
class Proposition:
    """Predicates (CAMEO root -> negative? None when a later negation leaves it unclear) and
    counts (counted word -> value) of one claim."""
    predicates: dict[str, bool | None] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)


def _forms(lemma: str) -> set[str]:
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):  # "ban" -> "banned", "banning"
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    out.update(_IRREGULAR.get(lemma, ()))
    return out


@lru_cache(maxsize=1)
def lemmas() -> dict[str, str]:
    """Stemmed word form -> its lemma, for the lexicon's words ("met" -> "meet", "struck" ->
    "strike"), so two forms of one verb are one meaning word."""
    out: dict[str, str] = {}
    for lemma in _lexicon_lemmas():
        for form in _forms(lemma):
            out.setdefault(stem(form), lemma)
    return out


def _lexicon_lemmas() -> list[str]:
    out = [pattern.lstrip("@") for pattern, _, _ in table_rows(OURS) if " " not in pattern and not pattern.startswith("~")]
    return out + list(_EXTRA)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Stemmed word form -> CAMEO root code, for single-word verb and noun triggers."""
    pairs: list[tuple[str, str]] = []
    for pattern, cameo, _ in table_rows(OURS):
        if " " in pattern or pattern.startswith("~"):
            continue  # multiword patterns need the parse; adjectives are states, not acts
        pairs.append((pattern.lstrip("@"), cameo))
    pairs += list(_EXTRA.items())
    out: dict[str, str] = {}
    for lemma, cameo in pairs:
        if cameo[:2] in _NOT_PREDICATE_ROOTS or cameo[:3] in _NOT_PREDICATE_CODES:
            continue
        for form in _forms(lemma):
            out.setdefault(stem(form), cameo[:2])
    return out


def numbers(text: str) -> dict[str, float]:
    """'12 people were arrested' -> {'people': 12}: counts keyed by the (stemmed) word they count."""
    out: dict[str, float] = {}
    for m in _NUMBER.finditer(text):
        raw = m.group(1).lower().replace(",", "")
        if raw in _NUM_WORDS:
            value = float(_NUM_WORDS[raw])
        elif raw.replace(".", "", 1).isdigit():
            value = float(raw)
        else:
            continue
        if 1900 <= value <= 2100:  # years are dates, not counts
            continue
        noun = content([m.group(2).lower()])
        out.setdefault(noun[0] if noun else m.group(2).lower(), value)
    return out


def proposition(text: str, *, denied: bool = False,
                events: Iterable[tuple[str | None, bool]] = ()) -> Proposition:
    """Predicates with their clause polarity, and counts, of a claim's content.

    Args:
        text: the content (without the source and cue).
        denied: the cue denies the content ("denied discussing ..."): every predicate is negative.
        events: (CAMEO code, negated) of the events stage's events inside the claim; they add
            predicates the word list misses.
    """
    lex = lexicon()
    preds: dict[str, bool | None] = {}
    for clause in _CLAUSE.split(text):
        negated_at = -99
        seen: list[str] = []
        for n, word in enumerate(_WORD.findall(clause)):
            tok = word.lower()
            if word[0].isupper() and tok in _MONTHS:
                continue  # "in March" is a date, not a protest march
            negated = n - negated_at <= NEGATION_WINDOW
            if tok in NEGATION or tok.endswith("n't"):
                negated_at = n
                # Negated after it ("the meetings were not about the campaign"): the act is
                # presupposed, its detail denied; the predicate's own polarity is unknown.
                for root in seen:
                    if not denied and preds.get(root) is False:
                        preds[root] = None
                continue
            root = lex.get(stem(tok))
            if root is not None:
                # A predicate is negative when any of its clauses negates it just before it.
                preds[root] = True if (negated or denied or preds.get(root)) else (
                    None if root in preds and preds[root] is None else False)
                seen.append(root)
    for cameo, negated in events:
        if cameo and cameo[:2] not in _NOT_PREDICATE_ROOTS and cameo[:3] not in _NOT_PREDICATE_CODES:
            root = cameo[:2]
            if root not in preds:
                preds[root] = bool(negated) or denied
    return Proposition(predicates=preds, numbers=numbers(text))
