"""Claims compared by meaning, lightly: words mapped to what they mean before they are compared.

Paraphrases of the same act rarely share their verb: "met", "a meeting took place", "held
talks" and "discussed" are all CAMEO 04 (consult), "was detained" and "arrested" both 17
(coerce). Each content word is stemmed and, when the event lexicon knows it, stands for its
CAMEO root too; two claims meet on those "meaning words". This is what the events stage's
lexicon already knows about paraphrase, at the cost of a dictionary look-up: an embedding
model (MiniLM through torch) would add ~400 MB and milliseconds a claim for the few
paraphrases the lexicon misses.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ...stance.features import STOP, stem, tokens
from ...text.words import NEGATION, PERSON_TITLES
from .propositions import lemmas, lexicon

# Words that carry polarity or attribution, not topic: two claims sharing only these are unrelated.
NOT_TOPIC = frozenset({"deny", "denial", "report", "told", "claim", "repeatedly", "publicly", "insist", "said",
                       "say", "state", "statement", "ha", "wa", "also", "would", "could", "one", "two", "new",
                       "year", "last", "time", "people", "official"}) | NEGATION
_EVAL_WORDS = frozenset("false untrue true baseless groundless unfounded absurd ridiculous nonsense fabricated lie "
                        "lies politically motivated conspiracy theory theories propaganda".split())


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                          "hundred thousand million billion dozen but couldn don didn doesn isn wasn".split())
# Every word that carries no topic, in one set: stop words, polarity, attribution, rebuttal,
# number words, titles ("Ms.", "Mayor": who, not what), and the deny family's forms.
_SKIP = (NOT_TOPIC | STOP | _EVAL_WORDS | _NUMBER_WORDS | frozenset(t for t in PERSON_TITLES if " " not in t)
         | frozenset(w for w in ("deny denies denied denying denial denials refute refutes refuted rebut rebuts "
                                 "rebutted disavow disavowed dispute disputes disputed contest contests contested "
                                 "reject rejects rejected rejecting dismiss dismisses dismissed dismissing "
                                 "repudiate repudiated").split()))


_FORCE_ROOTS = frozenset({"18", "19", "20"})
_FORCE_WORDS = frozenset({"strik", "airstrik", "blast", "explosion"})


@lru_cache(maxsize=200_000)
def _meaning_of(word: str) -> tuple[str, ...]:
    if word.endswith("'s"):
        word = word[:-2]  # "NATO's defenses" and "NATO systems" meet
    if len(word) > 5 and word.endswith("ly"):
        word = word[:-2]  # "privately" and "private" meet
    s = stem(word)
    if s in _SKIP:
        return ()  # "reports", "claims": attribution in another form
    root = lexicon().get(s)
    s = lemmas().get(s, s)  # "met" and "meeting" are "meet"
    s = s.rstrip("e") if len(s) > 3 else s  # "vote" and "voted" (stem "vot") meet
    out = (s, f"#{root}") if root else (s,)
    # CAMEO splits force into assault, fight and mass violence (18, 19, 20) and reads "strike" as
    # a labour strike (14); a bombing, an attack and an airstrike are one kind of act in news.
    if root in _FORCE_ROOTS or s in _FORCE_WORDS:
        out += ("#force",)
    return out


def meaning_words(text: str) -> list[str]:
    """The claim's topic in meaning words: stems, plus #<CAMEO root> for event words; no
    polarity, attribution or rebuttal words."""
    return list(_meaning_words(text))


@lru_cache(maxsize=100_000)
def _meaning_words(text: str) -> tuple[str, ...]:
    # Cached by text: syndicated copies and repeated quotes are read once.
    out: list[str] = []
    for w in tokens(text):
        if w in _SKIP or len(w) < 2 or w.isdigit():
            continue
        out.extend(_meaning_of(w))
    return tuple(out)


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """How much of the smaller claim the other restates (0..1): containment, not Jaccard, since
    a denial is often shorter than the account it denies."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def same_account(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two tellings of one account: most (0.6) of the shorter one's meaning words in the
    other, three at least. Repeats are merged on it within one search and across units."""
    return min(len(set(a)), len(set(b))) >= 3 and overlap(a, b) >= 0.6
