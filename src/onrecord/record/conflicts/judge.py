"""The judge: do two claims disagree, how, and why (in words).

One function decides for `find_conflicts`, `onrecord claim` (claim search) and the web:

- a denial against a report: one side denies or negates what the other asserts, on the same
  proposition (a predicate both state, opposite polarity, and enough shared meaning), or a
  negation whose negated words the other claim asserts ("was not a member" / "called her a
  member");
- account against account: two positive accounts giving incompatible counts of the same
  thing (compatible figures are kept apart: "at least 5" / "at least 6", rising tolls,
  rounding, "up to");
- a self-contradiction: one claimant, in two different articles, on both sides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...stance.features import content, tokens
from ...text.words import NEGATION
from ..claims import Claim
from .conflict import ConflictKind
from .denials import Denial
from .meaning import meaning_words
from .propositions import Proposition

# A negation of knowledge, not of the fact: "no evidence", "no comment", "not confirmed".
_EPISTEMIC = frozenset("evidence comment comments confirmation details detail sign signs indication proof "
                       "information word immediate response plans plan".split())
_WHEN = frozenset(meaning_words("monday tuesday wednesday thursday friday saturday sunday january february march "
                                 "april may june july august september october november december yesterday today "
                                 "tonight morning afternoon evening night week month weekend earlier later"))
# A count that allows others: "at least 5", "about 100", "dozens".
_APPROX_COUNT = re.compile(
    r"\b(?:(?:at least|more than|over|up to|nearly|almost|about|around|some|roughly|approximately|as many as|"
    r"fewer than|less than|under)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|a hundred)|"
    r"dozens|hundreds|thousands)", re.I)


# Opposite poles that cannot both describe one thing: how it happened (by accident or on
# purpose), which way a quantity moved, guilt, life. General English antonymy, not a list
# read off any story; a pole word stands for its whole family.
POLES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split())) for a, b in (
        ("accident accidental accidentally blunder mistake mistaken unintentional unintended inadvertent "
         "inadvertently error", "deliberate deliberately intentional intentionally purpose premeditated planned"),
        ("widen widened widening widens grew grow grown growing increase increased increasing rise rose risen "
         "rising expand expanded expanding", "narrow narrowed narrowing narrows shrink shrank shrunk shrinking "
         "decrease decreased decreasing fall fell fallen falling decline declined declining contract contracted"),
        ("guilty", "innocent"),
        ("alive survived", "dead died killed"),
    ))


POLE_WORDS = frozenset(w for pair in POLES for side in pair for w in side)
HAS_POLE = re.compile(r"\b(?:" + "|".join(sorted(POLE_WORDS, key=len, reverse=True)) + r")\b", re.I)


def poles(text: str) -> frozenset[tuple[int, int]]:
    """(pair, side) of each pole word in a text: "was a blunder" -> {(0, 0)}."""
    if not HAS_POLE.search(text):
        return frozenset()
    toks = set(tokens(text))
    return frozenset((n, side) for n, pair in enumerate(POLES) for side in (0, 1) if toks & pair[side])


@dataclass(slots=True)
class Reading:
    """What the judge reads from one claim (computed once per claim)."""
    claim: Claim
    prop: Proposition
    words: list[str]
    denial: Denial | None = None
    negated: frozenset[str] = frozenset()
    topic: frozenset[str] = frozenset()      # meaning words without the people
    everything: frozenset[str] = frozenset()  # meaning words and the people ("@P1")
    approximate: bool = False                 # "at least 5", "about 100": a count that allows others
    poles: frozenset[tuple[int, int]] = frozenset()
    clauses: tuple = ()                          # negated_clauses, for a negated claim
    label_denied: frozenset[str] = frozenset()   # "she was not a militant" -> {militant}
    label_given: frozenset[str] = frozenset()    # "called her a militant", "the man was a militant"
    labelled_by_other: bool = False              # the label is someone else's word ("called her ...")


@dataclass(slots=True)
class Verdict:
    kind: ConflictKind
    a: Claim                      # for a denial, the denial
    b: Claim
    clash: bool                   # incompatible counts
    why: list[str]


def negated_words(text: str) -> list[str]:
    """Meaning words a claim negates: those in a negation's scope, to its clause's end
    ("the missile poses no threat to NATO systems" -> threat, nato, system)."""
    out: list[str] = []
    for clause in re.split(r"[,;:()\"“”]|\s[-–—]\s|\b(?:but|because|although|while|and that)\b", text):
        toks = tokens(clause)
        # "without a press conference" is a circumstance, not a denial that one was held.
        at = next((i for i, t in enumerate(toks) if (t in NEGATION and t != "without") or t.endswith("n't")), None)
        if at is None:
            continue
        scope = " ".join(toks[at + 1:])
        if set(content(tokens(scope))) & _EPISTEMIC:
            continue
        out.extend(meaning_words(scope))
    return out


_SAY_CUT = frozenset("that said says say told tells added insisted insists stated states replied claimed claims".split())


def negated_clauses(text: str) -> tuple[tuple[tuple[str, ...], tuple[tuple[str, frozenset[str]], ...]], ...]:
    """Each negated clause as (its subject's meaning words, each negated word with its CAMEO
    roots): "Bello had not been arrested" -> (("bello",), (("arrest", {"#17"}),))."""
    out = []
    for clause in re.split(r"[,;:()\"“”]|\s[-–—]\s|\b(?:but|because|although|while|and that)\b", text):
        toks = tokens(clause)
        at = next((i for i, t in enumerate(toks) if (t in NEGATION and t != "without") or t.endswith("n't")), None)
        if at is None or set(content(toks[at + 1:])) & _EPISTEMIC:
            continue
        cut = max((i + 1 for i, t in enumerate(toks[:at]) if t in _SAY_CUT), default=0)
        subject = tuple(w for w in meaning_words(" ".join(toks[cut:at])) if not w.startswith("#"))
        words = []
        for t in toks[at + 1:]:
            mw = meaning_words(t)
            plain = [w for w in mw if not w.startswith("#")]
            if plain:
                words.append((plain[0], frozenset(w for w in mw if w.startswith("#"))))
        out.append((subject, tuple(words)))
    return tuple(out)


def read(claim: Claim, prop: Proposition, words: list[str], denial: Denial | None = None) -> Reading:
    negated = negated_words(claim.content or claim.text) if claim.polarity in ("negated", "denied") else []
    # The people a claim is about count as meaning too: "he" and "the mayor" are the same man.
    people = [f"@{p}" for p in dict.fromkeys(claim.about)]
    text = claim.content or claim.text
    approx = bool(prop.numbers) and bool(_APPROX_COUNT.search(text))
    denied_label, given_label, by_other = labels(text)
    return Reading(claim=claim, prop=prop, words=words + people, denial=denial, negated=frozenset(negated),
                   topic=frozenset(words), everything=frozenset(words) | frozenset(people), approximate=approx,
                   poles=poles(text), label_denied=denied_label, label_given=given_label, labelled_by_other=by_other,
                   clauses=negated_clauses(text) if claim.polarity in ("negated", "denied") else ())


# What someone is: "he was not a militant" denies the label "militant"; "police called him a
# militant", "branded her a spy", "the man was a militant" give it. Only of people (a pronoun or
# a name as subject or object): "the plan is not a threat" is an opinion, not an identity.
_WHO = r"(?:he|she|they|i|we|you|him|her|them|me|us|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}|the (?:man|woman|men|women|boy|girl|suspect|victim|driver|journalist|reporter|student|group))"
_LABEL = r"((?:[\w-]+\s+){0,2}?[\w-]+?)(?=\s*(?:[,.;:!?\"“”]|\s(?:but|and|who|which|because|when|or|in|at|on|from|for|with|after|before)\b|$))"
_NOT_LABEL = re.compile(r"\b" + _WHO + r"\s+(?:is|was|are|were|am|'s|’s)\s+(?:not|never|no longer)\s+(?:a\s+|an\s+|the\s+|"
                        r"(?:a\s+)?(?:member|part|one|supporter)s?\s+of\s+(?:the\s+)?)?" + _LABEL)
CALLED = re.compile(r"\b(?:call(?:s|ed|ing)?|brand(?:s|ed|ing)?|label(?:s|ed|led|ing)?|dub(?:s|bed|bing)?|"
                     r"accus(?:e|es|ed|ing)\s+\w+\s+of\s+being|denounc(?:e|es|ed|ing)\s+\w+\s+as)\s+"
                     r"(?:him|her|them|me|us|[A-Z][\w'’-]+)?\s*(?:a\s+|an\s+|the\s+)?" + _LABEL)
_IS_LABEL = re.compile(r"\b" + _WHO + r"\s+(?:\w+\s+){0,4}?(?:is|was|are|were)\s+(?:a\s+|an\s+|"
                       r"(?:a\s+)?(?:member|part|one|supporter)s?\s+of\s+(?:the\s+)?)" + _LABEL)


def labels(text: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """(label denied, label given, given by someone else's word) of a claim's text."""
    denied = given = frozenset()
    m = _NOT_LABEL.search(text)
    if m:
        denied = frozenset(meaning_words(m.group(1)))
    m = CALLED.search(text)
    if m:
        return denied, frozenset(meaning_words(m.group(1))), True
    m = _IS_LABEL.search(text)
    if m and not _NOT_LABEL.search(text, m.start(), m.end() + 1):
        given = frozenset(meaning_words(m.group(1)))
    return denied, given, False




def _counts_clash(x: Reading, y: Reading) -> str | None:
    """The counted thing on which two claims give incompatible figures, if any."""
    if x.approximate or y.approximate:
        return None  # "at least 5" and "at least 6" can both be true
    px, py = x.prop, y.prop
    for noun in px.numbers.keys() & py.numbers.keys():
        vx, vy = px.numbers[noun], py.numbers[noun]
        big, small = max(vx, vy), min(vx, vy)
        if vx == vy or small > 0 and big / small < 1.1:
            continue  # the same figure, or rounding
        return noun
    return None


def _pole_words(n: int) -> frozenset[str]:
    from_tokens = POLES[n][0] | POLES[n][1]
    return frozenset(w for t in from_tokens for w in meaning_words(t))


def _contain(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


# A clause, not a bare noun phrase ("the release of his tax returns"): some verb form in it.
FINITE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|might|must|"
                    r"should|shall|\w{3,}ed|said|says|took|made|got|went|came|saw|told|gave|met|won|lost|led|left|"
                    r"held|paid|sent|fled|fought|hit|shot|struck)\b", re.I)
_UNSAID = re.compile(r"\b(?:rul(?:e|es|ed|ing) out|den(?:y|ies|ied)|reject(?:s|ed)?|refus(?:e|es|ed)|plans?|planned|"
                     r"intends?|intended|promis(?:e|es|ed)|pledg(?:e|es|ed)|vow(?:s|ed)?)\b", re.I)


def _titled(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _negated_restatement(neg: Reading, pos: Reading) -> Verdict | None:
    """"Beijing has not sent weapons to Russia" against "China is supplying weapons to Russia":
    a negated clause that restates the other account. Its act is the other's act negated (the
    same CAMEO root, opposite polarity); its subject, if named, is in the other account; most
    of its words are there too (an act word counts by its root), two of them word for word."""
    pn, pp = neg.prop.predicates, pos.prop.predicates
    opposite = {f"#{r}" for r in pn.keys() & pp.keys() if pn[r] is True and pp[r] is False}
    if not opposite or any(_titled(c.content or c.text) for c in (neg.claim, pos.claim)):
        return None  # a headline's few capitalised words say too little to restate anything
    if _UNSAID.search(pos.claim.content or pos.claim.text) or not FINITE.search(pos.claim.content or pos.claim.text):
        return None  # "did rule out", "plans for": the other side asserts no act either
    point = pos.topic - _WHEN
    roots = {w for w in pos.topic if w.startswith("#")}
    for subject, words in neg.clauses:
        if not any(r & opposite for _, r in words) or any(w not in point for w in subject):
            continue
        plain = [(w, r) for w, r in words if w not in _WHEN]
        covered = [w for w, r in plain if w in point or r & roots]
        same = {w for w, _ in plain if w in point} | {w for w in subject if w in point}
        if len(same) >= 2 and len(covered) >= 0.6 * len(plain):
            return Verdict("denial_vs_report", neg.claim, pos.claim, False,
                           [f"{neg.claim.claimant} negates what {pos.claim.claimant} asserts",
                            f"the same act negated; {len(covered)} of {len(plain)} negated words in the other account"])
    return None


def _label_denied(neg: Reading, pos: Reading) -> Verdict | None:
    """"She was not a militant" against "police called her a militant": a denied identity.
    One speaker may tell both when the label was someone else's word ("called her ...")."""
    a, b = neg.claim, pos.claim
    if not neg.label_denied or not pos.label_given or not a.negative or b.negative:
        return None
    if not neg.label_denied <= pos.label_given or not any(not w.startswith("#") for w in neg.label_denied):
        return None
    one_voice = (a.claimant_id or a.claimant) == (b.claimant_id or b.claimant)
    if one_voice and not (pos.labelled_by_other and a.article == b.article):
        return None
    if a.article != b.article and not set(a.about) & set(b.about):
        return None  # across articles the same label needs the same person
    word = ", ".join(sorted(w for w in neg.label_denied if not w.startswith("#")))
    return Verdict("denial_vs_report", a, b, False,
                   [f'{a.claimant} says they are not what {b.claimant} reports they are ("{word}")',
                    "a denied label against the label given"])


def judge(x: Reading, y: Reading) -> Verdict | None:
    """The kind of disagreement between two claims, if any, with the denial first."""
    a, b = x.claim, y.claim
    if a.id == b.id:
        return None
    if a.negative and b.negative:
        return None  # two denials agree
    if not a.negative and not b.negative and not (x.prop.numbers and y.prop.numbers) and not (x.poles and y.poles):
        return None  # two positive accounts disagree only in their counts or opposite poles
    label = _label_denied(x, y) or _label_denied(y, x)
    if label is not None:
        return label
    same = a.claimant_id is not None and a.claimant_id == b.claimant_id
    one_voice = a.claimant_id is None and b.claimant_id is None and a.claimant == b.claimant
    pa, pb = x.prop, y.prop
    shared = pa.predicates.keys() & pb.predicates.keys()
    opposite = [r for r in shared if pa.predicates[r] is not None and pb.predicates[r] is not None
                and pa.predicates[r] != pb.predicates[r]]
    meaning = _contain(x.everything, y.everything)
    clash = _counts_clash(x, y) if shared and pa.numbers and pb.numbers else None
    if same or one_voice:
        # One claimant on both sides: only across articles is it a changed account; within one
        # article it is one account (a summary and its detail), or a misread speaker.
        if same and a.article != b.article and (opposite and meaning >= 0.3 or clash):
            why = [f"{a.claimant} said both, in different articles"]
            why.append(f'different counts of "{clash}"' if clash else "one statement negates the other")
            return Verdict("self_contradiction", a, b, bool(clash), why)
        return None
    # The same act needs more than its CAMEO family in common ("fired on" is not "killed"):
    # a shared word or person besides the root codes.
    anchored = any(not w.startswith("#") for w in x.everything & y.everything)
    if opposite and meaning >= 0.25 and anchored:
        neg, pos = (x, y) if pa.predicates[opposite[0]] else (y, x)
        # Only a denial that restates what it denies reads from the predicate; a bare negation
        # ("he doesn't support the measure") must negate the other's very words (below).
        if not pos.claim.negative and neg.denial is not None and neg.denial.how == "restates":
            verb = "denies" if neg.claim.polarity == "denied" else "negates"
            return Verdict("denial_vs_report", neg.claim, pos.claim, bool(clash),
                           [f"{neg.claim.claimant} {verb} what {pos.claim.claimant} asserts",
                            f"same act on both sides, opposite polarity; {meaning:.0%} of the meaning shared"])
    neg, pos = (x, y) if a.negative else (y, x)
    if pos.claim.negative:
        pass
    elif neg.denial is not None and neg.denial.how == "restates" and pos.denial is None:
        # A denial that restates what it denies in other words than the event lexicon knows:
        # most of its meaning is in the other account.
        share = _contain(neg.topic, pos.topic)
        if len(neg.topic & pos.topic) >= 2 and share >= 0.6:
            return Verdict("denial_vs_report", neg.claim, pos.claim, False,
                           [f"{neg.claim.claimant} denies what {pos.claim.claimant} asserts",
                            f"{share:.0%} of the denied words are in the other account"])
    if not pos.claim.negative and neg.negated and neg.claim.polarity in ("negated", "denied"):
        scope = neg.negated
        # The negated words are the other claim's point, not a passing mention in it.
        # When and where it happened are circumstances, not the point ("on Saturday").
        # The CAMEO tags restate the verbs, so words alone count.
        point = {w for w in pos.topic - _WHEN if not w.startswith("#")}
        covered = len(scope & point) / max(1, len(point))
        if scope <= pos.topic and len(scope) >= 2 and covered >= 0.4:
            return Verdict("denial_vs_report", neg.claim, pos.claim, False,
                           [f"{neg.claim.claimant} negates what {pos.claim.claimant} asserts",
                            "the negated words (" + ", ".join(sorted(w for w in scope if not w.startswith("#")))
                            + ") are all in the other account"])
    if not pos.claim.negative and neg.claim.negative:
        restated = _negated_restatement(neg, pos)
        if restated is not None:
            return restated
    opposed = [n for n, side in x.poles if (n, 1 - side) in y.poles and (n, 1 - side) not in x.poles
               and (n, side) not in y.poles]
    if opposed and not a.negative and not b.negative:
        rest_x = x.topic - _pole_words(opposed[0])
        rest_y = y.topic - _pole_words(opposed[0])
        # The same thing on both sides: most of what is left of the shorter account is in the other.
        if len(rest_x & rest_y) >= 2 and _contain(rest_x, rest_y) >= 0.5 and not (a.attribution is None and b.attribution is None):
            left, right = POLES[opposed[0]]
            wx = sorted(set(tokens(a.content or a.text)) & (left | right))
            wy = sorted(set(tokens(b.content or b.text)) & (left | right))
            return Verdict("account_vs_account", a, b, False,
                           [f'{a.claimant} says "{wx[0]}", {b.claimant} says "{wy[0]}" of the same thing',
                            f"{_contain(rest_x, rest_y):.0%} of the rest of the accounts is shared"])
    # The outlet's own summary of a count is a paraphrase of someone's account, not a second one.
    narrated = any(c.attribution is None or (c.chain and c.claimant == c.chain[0]) for c in (a, b))
    # The same act and the same counted thing already; a little more shared meaning suffices.
    if clash and not a.negative and not b.negative and not narrated and meaning >= 0.2:
        return Verdict("account_vs_account", a, b, True,
                       [f'{a.claimant} and {b.claimant} give different counts of "{clash}"',
                        "neither figure is an estimate that allows the other"])
    return None
