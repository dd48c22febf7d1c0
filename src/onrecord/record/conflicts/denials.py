"""What a denial is, and what it points at.

A denial either restates what it denies ("denied that he met the ambassador", "the missile
poses no threat to NATO") or points at it ("denied the charges", "dismissed the reports as
baseless", "That is not true", "pleaded not guilty"). This module reads both from a claim's
text and, for a pointer, finds the thing pointed at in the article: the pointer's own
complement ("the allegation that ...", "accusations of ..."), the noun a relative clause hangs
on ("charges which Washington dismissed as baseless"), the story's earlier mention of the same
kind of accusation ("faces two charges relating to ..."), and otherwise the nearest claim of
someone else just before it ("It's a hypothesis raised by ..., but dismissed ..."). A
demonstrative pointer ("these accusations") looks back only; an accusation against another side
(by name or by the events' country coding) is not what the denier rejects; "X's allegations"
are X's or nothing; a denial never points at its own words.

The word families follow CAMEO 016 ("deny"): its verbs (deny, refute, rebut, dismiss, reject,
rule out, plead not guilty) and the objects its patterns list as deniable (accusation,
allegation, assertion, charge, claim, report, rumour, involvement, role, responsibility, link,
presence, ...). Rejecting a request, a plan or a ruling is policy (CAMEO 12), not a denial.
Evaluative rebuttals (false, baseless, politically motivated, a conspiracy theory) deny what
they are said of.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ...events.actors import code_text, place_kind
from ...text.words import DENY_RE, NEGATION_RE
from .meaning import meaning_words

Span = tuple[int, int]

# Objects CAMEO 016 patterns list as deniable, plus their near synonyms: a propositional noun.
POINTER_NOUNS = (
    r"accusations?|allegations?|assertions?|charges?|claims?|reports?|reporting|rumou?rs?|stor(?:y|ies)|"
    r"suggestions?|speculation|insinuations?|theor(?:y|ies)|hypothes[ie]s|narratives?|version|"
    r"accounts?|statements?|remarks?|comments?|labels?|characteri[sz]ations?|portrayals?|depictions?|"
    r"involvement|role|responsibility|complicity|wrongdoing|guilt|links?|connections?|ties|presence|"
    r"existence|news|lawsuits?|complaints?|indictments?|"
    # an account given as figures or findings: "disputed the figures", "rejected the findings"
    r"figures|numbers|toll|tally|estimates?|findings|conclusions?|assessments?")
# Objects that make "reject"/"deny" a decision, not a denial (CAMEO 12, reject).
POLICY_NOUNS = frozenset(
    "request requests offer offers proposal proposals plan plans bid bids appeal appeals application "
    "applications demand demands call calls invitation invitations constitution deal deals agreement "
    "agreements resolution resolutions bill bills law laws ruling rulings decision decisions challenge "
    "challenges concern concerns access entry visa visas bail permission petition petitions motion motions "
    "nomination nominations ultimatum terms conditions condition idea proposals warrant warrants summons "
    "order orders sanctions tariff tariffs measure measures calls demand reforms reform candidacy".split())
EVALUATIVE = (
    r"(?:(?:completely|totally|entirely|utterly|clearly|simply|absolutely|patently|wholly|[a-z]{3,}ly) )?"
    r"(?:false|untrue|not true|baseless|groundless|unfounded|absurd|ridiculous|nonsense|nonsensical|"
    r"fabricated|a fabrication|fabrications|made[- ]up|fake(?: news)?|lies|a lie|lying|a hoax|a smear|"
    r"smears|slander(?:ous)?|defamatory|politically motivated|a (?:political )?witch[- ]hunt|"
    r"a conspiracy theory|conspiracy theories|propaganda|disinformation|misinformation|fiction|"
    r"without (?:any )?(?:basis|foundation)|inaccurate|incorrect|a distortion|distorted|misleading|"
    r"a fraud|frauds|fraudulent|a liar|liars|forged|a forgery|forgeries|doctored|meritless|without merit|"
    r"frivolous|bogus|spurious)")
_EVAL = EVALUATIVE_RE = re.compile(r"\b" + EVALUATIVE + r"(?=\W|$)", re.I)
# "called/dismissed/rejected ... as baseless", "branded the reports lies".
_AS_EVAL = re.compile(
    # verbs only: "his own brand of fiction", "in the long term", "a call" are nouns
    r"\b(?:call(?:s|ed|ing)|describ(?:es|ed|ing)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|brand(?:ed|ing)|"
    r"label(?:ed|led|ing)|termed|denounc(?:es|ed|ing)|deride[sd]?|decr(?:y|ies|ied)|"
    r"expos(?:e|es|ed|ing)|unmask(?:s|ed|ing)?|reveal(?:s|ed|ing)?)\b"
    r"([^.;:!?]{0,120}?)\b(?:as )?" + EVALUATIVE + r"(?=\W|$)", re.I)
# "That is not true", "the claims are baseless", "it was politically motivated".
_IS_EVAL = re.compile(
    r"\b(?:is|was|are|were|'s|’s|be|been|being|remains?)\s+(?:all\s+|just\s+|nothing but\s+|pure\s+)?[\"“'‘]?"
    + EVALUATIVE + r"(?=\s*(?:[,.;:!?\"”’)]|$|\s(?:and|but|because|since|as)\b))", re.I)  # predicative, not "false spring"
# "debunked conspiracy theories", "baseless allegations", "false claims that ...".
_EVAL_NOUN = re.compile(
    r"\b(?:debunked|discredited|false|baseless|groundless|unfounded|fabricated|bogus|fake|spurious|"
    r"absurd|ridiculous)\s+(?!(?:the|a|an|these|those|this|that|his|her|their|its)\s)(?:\w+\s+)?(" + POINTER_NOUNS
    + r")\b", re.I)
# "There was no sign of ...", "no comment": an absence of knowledge, not a denial.
_NO_KNOWLEDGE = frozenset("evidence sign signs indication indications comment comments confirmation details proof "
                          "information word response immediate reason immediately casualties injuries".split())
_NO_EVENT = re.compile(
    r"\bthere (?:was|were|has been|have been|had been) no\s+(?:[\w-]+\s+){0,2}?[\w-]+|"
    r"(?:^|[.!?\"“]\s*|\b(?:said|says|that|insisted|insists|added)\s+)no\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+"
    r"(?:(?:had|has|have)\s+)?(?:took place|taken place|happened|occurred|(?:was|were|been) held)\b",
    re.I)
_PLEA = re.compile(
    r"\b(?:plead(?:s|ed|ing)?|pled)\s+(?:not guilty|innocent)|\bprotest(?:s|ed|ing)?\s+(?:his|her|their)\s+"
    r"innocence|\b(?:maintain(?:s|ed|ing)?|insist(?:s|ed|ing)? on)\s+(?:his|her|their)\s+innocence", re.I)
_POINTING_VERB = re.compile(
    r"\b(?:debunk(?:s|ed|ing)?|discredit(?:s|ed|ing)?|rul(?:e|es|ed|ing) out|brush(?:es|ed|ing)? aside|shrug(?:s|ged|ging)? off|scoff(?:s|ed|ing)? at|"
    r"push(?:es|ed|ing)? back (?:against|on))\b", re.I)
_DETERMINER = r"(?:(?:the|all|any|these|those|such|this|that|its|his|her|their|our|my|your|[A-Z][\w.'’-]*(?:'s|’s)|a|an|every)\s+)"
_OBJECT = re.compile(
    r"\s+(?:" + _DETERMINER + r")?(?:(?:[\w.'’]+[- ]){0,3}?)(" + POINTER_NOUNS + r")\b", re.I)  # "the U.S. claims"
_POSSESSOR = re.compile(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}?)(?:'s|’s|(?<=s)'|(?<=s)’)\s+(?:\w+\s+){0,2}$")
# "the Russian Defense Ministry's allegations": whose they are, in a rebuttal's subject or object.
_POSSESSED = re.compile(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}?)(?:'s|’s|(?<=s)'|(?<=s)’)\s+(?:[\w-]+\s+){0,2}?(?i:"
                        + POINTER_NOUNS + r")\W*$")


def _possessor_of(phrase: str) -> str | None:
    m = _POSSESSED.search(phrase.strip())
    return m.group(1) if m and m.group(1)[0].isupper() else None


_RESTATES = re.compile(r"\s+(?:that\b|having\b|ever\b|any\s+(?!of\b)|\w+ing\b|"
                       r"(?:he|she|they|it|we|i)\s+(?:had|has|have|was|were|is|are|did|ever|never|would)\b)", re.I)
# "called" naming something ("a site called Daily Buzz"), not judging it.
_NAMING = re.compile(r"called\s+(?!(?:The|This|That|These|Those|It|His|Her|Their|Its|Such|All|Any)\b)[A-Z][\w-]*\b(?!['’]s)")
_EVALUABLE = re.compile(r"(?:" + POINTER_NOUNS + r"|photos?|photographs?|images?|pictures?|videos?|footage|documents?|"
                        r"letters?|quotes?|tweets?|posts?|messages?|emails?|recordings?|it|this|that|they|these|those|"
                        r"everything|all|anything)", re.I)
_NOUN_THAT = re.compile(r"\b(" + POINTER_NOUNS + r")\s+that\s+(.{8,400})$", re.I | re.S)
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|[.!?\"“”]\s*|,\s*(?:but|and)?\s*)(?:that|this|it|these|those|all this|all of this|such (?:claims|reports|"
    r"allegations|accusations))\s+(?:is|was|are|were|'s|’s)\b", re.I)
# A full stop, not an initial's or abbreviation's period ("the U.S. military").
_STOP = r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.(?=\s|$)"
_COMPLEMENT = re.compile(
    r"\s*(?:against \w+\s+|(?:him|her|them|it|us|me)\s+)?(?:(?:on|last|this|earlier|late|in)\s+\w+\s+)?(?P<prep>that|of|relating to|related to|over|about|regarding|for|in)\s+(.{3,200}?)"
    r"(?=[,;:!?]|" + _STOP + r"|\s[-–—]\s|$)", re.I)
# "She said the false claims came from ...": after a verb of saying the words are hers.
_SAYING = re.compile(r"(?:say|says|said|tell|tells|told|add|adds|added|state|states|stated|note|notes|noted|explain|"
                     r"explains|explained|write|writes|wrote|insist|insists|insisted|argue|argues|argued|warn|warned)",
                     re.I)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|such|his|her|their|its|our|[A-Z][\w.-]*['’]s)\s+(?:[\w-]+\s+)?$", re.I)
_OBJECT_GAP = re.compile(r"\s*(?:(?:a|an|the|these|those|its|his|her|their|such|more|other)\s+)?")
_CLAIMING = re.compile(r",?\s*(?:claiming|alleging|saying|suggesting|stating|asserting),?\s+(?:for example,\s+)?(?:that\s+)?"
                       r"(.{3,200}?)(?=[;:!?]|" + _STOP + r"|$)", re.I)
# Where a complement's own content ends: the verdict on it ("reports of his death are not
# accurate", "a report that he had died turned out to be false"), or, after "of", its verb.
_VERDICT = re.compile(r"\s(?:is|are|was|were|has been|have been|turned out|proved|proves|remains?)\s+(?:\w+\s+){0,3}?"
                      r"(?:false|untrue|not|inaccurate|baseless|wrong|unfounded|a hoax|fake|incorrect)\b", re.I)
_NP_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|could|turned|proved)\b", re.I)
_RELATIVE = re.compile(r"(?:which|that)\s+(?:\w+\s+){0,4}$", re.I)
_MENTION_CLAUSE = re.compile(r"(?:[.!?;:\"“”]|,\s|\b(?:which|who|but|while|whereas)\b)\s*")
_CLAUSE_START = re.compile(r"(?:[.!?;:\"“”]|,\s|\b(?:which|who|but|and|while|whereas)\b)\s*")
# What an accusation looks like in running text: a charge, allegation or accusation, the verbs
# of accusing, charging and convicting (CAMEO 11 and 17 kin).
ACCUSATION = re.compile(
    r"\b(?:accus(?:e|es|ed|ing|ation|ations)|alleg(?:e|es|ed|edly|ing|ation|ations)|charg(?:e|es|ed|ing)|"
    r"indict(?:s|ed|ment|ments)?|impeach(?:ed|ment)?|arrest(?:s|ed)?|warrant|"
    r"blam(?:e|es|ed|ing)|suspect(?:s|ed)?|prosecut(?:e|es|ed|ion)|sued|lawsuit)\b", re.I)


_ACCUSED_OF = re.compile(r"\s+(?:[\w.'’-]+\s+){0,6}?of\s+(.{3,200}?)(?=[,;:!?]|" + _STOP + r"|$)", re.I)


# A cheap screen before `read_denial`: no denial without one of these words.
MAY_DENY = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|refut|rebut|disavow|disput|contest|reject|dismiss|repudiat|rul\w* out|"
    r"brush|shrug|scoff|push\w* back|plead|pled|innocen|false|untrue|true|baseless|groundless|unfounded|"
    r"absurd|ridiculous|nonsens|frivol|merit|debunk|discredit|fabricat|made[- ]up|fake|lie|lies|lying|hoax|smear|slander|defamat|motivated|"
    r"witch|conspiracy|propaganda|disinformation|misinformation|fiction|basis|foundation|inaccurate|incorrect|"
    r"distort|misleading|debunked|discredited|bogus|spurious|fraud|liar|forged|forger|doctored)|\bno\s", re.I)


# A denial that may or may not come: "if the story is confirmed or denied", "whether he
# rejects the claims". "Asked whether he met them, he denied it" is a denial.
_IF = re.compile(r"\b(?:if|whether|unless)\b|\bconfirm(?:s|ed)?\s+(?:or|nor)\s*$|\bneither\s+(?:\w+\s+)?$", re.I)
_MODAL = re.compile(r"\b(?:must|should|would|could|might|may|will|shall|ought to|(?:plans?|planned|wants?|wanted|hopes?|"
                    r"hoped|going|needs?|needed|urged \w+|asked \w+|called on \w+)\s+to)\s+(?:\w+ly\s+)?$", re.I)
_ASKED_WHAT = re.compile(r"\basked\s+(?:\w+\s+){0,3}?(?:if|whether|about)\s+([^,;:]{8,200}?)\s*,", re.I)
_ASKED_IF = re.compile(r"\basked\s+(?:\w+\s+){0,2}?(?:if|whether)\b", re.I)


def hypothetical(text: str, at: int) -> bool:
    """Whether what starts at `at` is only a possibility: a condition or an open question
    earlier in its clause ("if ... denied", "confirmed or denied")."""
    start = sentence_bounds(text, at, at)[0]
    cut = [start + m.end() for m in re.finditer(r"[;:]|,\s*(?:but|and|yet)\b", text[start:at])]
    before = text[cut[-1] if cut else start:at]
    if _MODAL.search(before):
        return True  # "Mexico must rebut the claims", "plans to deny": not yet a denial
    return any(not _ASKED_IF.search(before, max(0, m.start() - 25), m.end()) for m in _IF.finditer(before))


@dataclass(frozen=True, slots=True)
class Denial:
    """A denial read from a claim: how it denies, and the words it points with."""
    how: Literal["restates", "points", "pleads", "rebuts"]
    span: Span                       # the denial itself, in the article's text
    pointer: str | None = None       # "charges", "that", "it": what it points with
    complement: Span | None = None   # the pointer's own content ("the allegation that ...")
    possessor: str | None = None     # "Pakistan" in "Pakistan's allegation"
    why: str = ""
    subject: str | None = None       # who denies, as the sentence names them ("Washington")
    narrated: bool = False           # the narrator's verdict on what the claimant said ("repeated
                                     # debunked theories"): the claimant is the report's side


_AUX = re.compile(r"(?:\s+(?:has|have|had|was|were|is|are|also|later|again|repeatedly|flatly|strongly|quickly|"
                  r"on \w+day|\w+ly))+$", re.I)


def _subject(text: str, start: int, verb: int) -> str | None:
    """The denier as the clause names them: the words before the verb, without auxiliaries."""
    words = _AUX.sub("", text[start:verb].strip(" ,")).strip()
    n = len(words.split())
    if not words or n > 6 or words.lower() in ("it", "this", "that", "which", "who"):
        return None
    return words if words[0].isupper() or words.split()[0].lower() in ("the", "a", "an", "some", "many") else None


# A sentence ends at . ! ? (and closing quotes) before a space, never at an initial or an
# abbreviation's period ("the U.S. military", "Mr. Venn").
_SENTENCE_END = re.compile(r"(?:(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)"
                           r"(?<!\bRep)(?<!\bGov)\.|[!?])[\"'”’)]*(?:\s|$)|\n")


def sentence_bounds(text: str, start: int, end: int) -> Span:
    s = 0
    for window in (400, 4000):  # most sentences start within the first, short look back
        lo = max(0, start - window)
        for m in _SENTENCE_END.finditer(text, lo, start):
            if m.end() <= start:
                s = m.end()
        if s or lo == 0:
            break
    e = len(text)
    m = _SENTENCE_END.search(text, end)
    if m:
        e = m.end()
    return s, e


def _trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and (text[s].isspace() or text[s] in ",;:\"“”'"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:\"“”'."):
        e -= 1
    return s, e


def _clause_start(text: str, lo: int, at: int) -> int:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, lo, at)]
    return starts[-1] if starts else lo


def _quote_end(text: str, s: int, e: int) -> int:
    """Where a quotation that was open before `s` closes inside [s, e); scare quotes opened and
    closed inside it ("the “Brat Pack” actor") run on."""
    depth = 0
    for i in range(s, e):
        ch = text[i]
        opening = ch == "“" or (ch == '"' and (i == 0 or text[i - 1].isspace()) and i + 1 < len(text)
                                 and text[i + 1].isalnum())
        if opening:
            depth += 1
        elif ch in '”"':
            if depth == 0:
                return i
            depth -= 1
    return e


# "denied the allegations in a statement", "... on Twitter", "... in court": where and how it
# was denied, not what the allegation says.
_MEDIUM = re.compile(r"(?:(?:an?|the|its|his|her|their|our|this|that)\s+)?(?:[\w-]+\s+){0,2}?"
                     r"(?:statements?|interviews?|letters?|posts?|tweets?|court|emails?|e-mails?|videos?|"
                     r"messages?|speech(?:es)?|(?:press )?conferences?|filings?|releases?|responses?|repl(?:y|ies)|"
                     r"broadcasts?|briefings?|hearings?|op-eds?|blogs?|remarks|comments?|testimony)\b", re.I)


def _complement(text: str, at: int, limit: int) -> Span | None:
    m = _COMPLEMENT.match(text, at, limit)
    if m and m.group("prep").lower() == "in" and _MEDIUM.match(text, m.start(2), m.end(2)):
        m = None
    if m:
        s, e = m.span(2)
        e = _quote_end(text, s, e)
        cut = (_NP_VERB if m.group("prep").lower() != "that" else _VERDICT).search(text, s, e)
        e = cut.start() if cut else e
        if len(text[s:e].split()) >= 2:
            return _trim(text, (s, e))
    m = _CLAIMING.match(text, at, limit)
    if m:
        s, e = m.start(1), _quote_end(text, m.start(1), m.end(1))
        if len(text[s:e].split()) >= 3:
            return _trim(text, (s, e))
    return None


def read_denial(text: str, span: Span, *, cue: Span | None = None, content: Span | None = None) -> Denial | None:
    """The denial a claim makes, if it makes one.

    Args:
        text: the article's text.
        span: the claim's extent (source, cue and content, or the narrated sentence).
        cue, content: the attribution's cue and content, when the claim is an attribution.
    Returns:
        a Denial (how it denies; the pointer, its complement and possessor when it points),
        or None when the claim denies nothing (rejecting a request is policy, not a denial).
    """
    lo, hi = span
    chunk = text[lo:hi]
    m = _PLEA.search(chunk)
    if m and not hypothetical(text, lo + m.start()):
        s, e = lo + m.start(), lo + m.end()
        to = re.match(r"\s+to\s+(.{3,200}?)(?=[.;:!?]|$)", text[e:hi])
        comp = _trim(text, (e + to.start(1), e + to.end(1))) if to else None
        start = _clause_start(text, lo, s)
        return Denial("pleads", (start, e), pointer="charges", complement=comp,
                      subject=_subject(text, start, s), why=f'pleaded "{text[s:e]}"')
    # An evaluative rebuttal: "dismissed X as baseless", "That is not true", "debunked theories".
    for pattern, how in ((_AS_EVAL, "as"), (_IS_EVAL, "is"), (_EVAL_NOUN, "noun")):
        for m in pattern.finditer(chunk):
            s, e = lo + m.start(), lo + m.end()
            if hypothetical(text, s):
                continue
            if how == "noun":
                noun = m.group(1)
                # What the rebutted theory says may run past the claim, to its sentence's end.
                comp = _complement(text, e, max(hi, sentence_bounds(text, s, e)[1]))
                # "He repeated debunked theories": the words are the speaker's, "debunked" is the
                # narrator's verdict on them; "she said the false claims came from ..." is hers.
                narrated = (cue is not None and s >= cue[1] and bool(_OBJECT_GAP.fullmatch(text, cue[1], s))
                            and not _SAYING.fullmatch(text[cue[0]:cue[1]].strip()))
                # "charged with making false statements": a kind of act, pointing at nothing; a
                # rebuttal noun points when definite ("the false reports") or says what it rebuts.
                if comp is None and not narrated and not _DEFINITE.search(text, max(0, s - 30), s):
                    continue
                return Denial("rebuts", _trim(text, (s, e)), pointer=noun, complement=comp,
                              narrated=narrated, why=f'calls it "{text[s:e]}"')
            if how == "as":
                if _NAMING.match(text, s):
                    continue  # "a site called Daily Buzz Live that publishes ... fiction"
                obj = _OBJECT.match(m.group(1)) if m.group(1).strip() else None
                noun = obj.group(1) if obj else None
                if noun is None and m.group(1).strip():
                    head = m.group(1).strip().split()[-1].lower().strip(",")
                    if head in POLICY_NOUNS:
                        continue
                    # "dismissed the whole row as absurd": what it points at is no claim the
                    # story states; only its own words can say which
                    gap = re.sub(r"(?:\s+as)?[\s\"“”'‘’]*$", "", m.group(1).strip())
                    thing = re.match(r"(?:the|a|an|this|that|these|those|his|her|their|its|our)\s", gap, re.I)
                    noun = head if thing and head not in _PRONOUNS and gap.split()[-1].islower() else None
                if _weak(text, s, e) and not (noun and _POINTER_END.match(noun)):
                    continue  # "calling it absurd" of a plan is an opinion; of "the reports", a rebuttal
                start = _clause_start(text, lo, s)
                subj = _subject(text, start, s)
                return Denial("rebuts", _trim(text, (start, e)), pointer=noun or "it", subject=subj,
                              possessor=_possessor_of(m.group(1)[:obj.end(1)]) if obj else None,
                              # "called reports of a meeting ... absurd": the complement ends at the verdict
                              complement=_complement(text, lo + m.start(1) + (obj.end() if obj else 0),
                                                     lo + m.end(1)) if obj else None,
                              why=f'calls it {_EVAL.search(text, s, e).group(0)!r}'.replace("'", '"'))
            start = _clause_start(text, lo, s)
            subject = text[start:s].strip()
            if not subject:
                continue
            head = subject.split()[-1].lower().strip("\"'“”‘’,")
            if head in POLICY_NOUNS:
                continue
            # "The suggestion that X is categorically false": X is what is denied, the verdict
            # alone is the denial.
            said = _NOUN_THAT.search(text, sentence_bounds(text, s, s)[0], s)
            if said and len(said.group(2).split()) >= 3:
                return Denial("rebuts", _trim(text, (s, e)), pointer=said.group(1),
                              complement=_trim(text, said.span(2)), why=f'says "{text[s:e].strip()}"')
            # Only a claim, a pointer, something shown or a stated proposition can be false:
            # "his mind is made up" is no rebuttal.
            if not (_PRONOUN_SUBJECT.search(text[max(lo, start - 2):e]) or _EVALUABLE.fullmatch(head)
                    or len(subject.split()) >= 4):
                continue
            if _weak(text, s, e) and not _POINTER_END.match(subject):
                continue  # "That is absurd": an opinion, unless of "the claims"
            pointer = subject if _PRONOUN_SUBJECT.search(text[max(lo, start - 2):e]) or len(subject.split()) <= 3 \
                else None
            return Denial("rebuts", _trim(text, (start, e)), pointer=pointer or subject,
                          possessor=_possessor_of(subject), why=f'says "{text[start:e].strip()}"')
    # "There was no meeting", "No talks took place": the event itself is denied.
    m = _NO_EVENT.search(chunk)
    if m and not set(re.findall(r"[a-z]+", m.group(0).lower())) & _NO_KNOWLEDGE and not hypothetical(text, lo + m.start()):
        s = lo + m.start()
        return Denial("restates", _trim(text, (_clause_start(text, lo, s), lo + m.end())),
                      why=f'says "{m.group(0).strip()}"')
    # A deny-family verb: what follows decides whether it restates or points.
    cue_text = text[cue[0]:cue[1]] if cue else ""
    verbs = list(DENY_RE.finditer(cue_text)) if cue else []
    base = cue[0] if cue else lo
    if not verbs:
        verbs = list(DENY_RE.finditer(chunk))
        base = lo
    verbs += [v for v in _POINTING_VERB.finditer(chunk)] if not verbs else []
    for v in verbs:
        vs, ve = base + v.start(), base + v.end()
        word = v.group(0).lower()
        if hypothetical(text, vs):
            continue
        if word.startswith("denial") and not re.match(r"\s+(?:of|that)\b", text[ve:ve + 6]):
            continue  # "Denial." as a heading, "in denial": no denial of anything said
        rest_end = content[1] if content else hi
        obj = _OBJECT.match(text, ve, rest_end)
        if obj and obj.start(1) - ve < 40:
            noun = obj.group(1)
            before = text[ve:obj.start(1)]
            pm = _POSSESSOR.search(before)
            comp = _complement(text, obj.end(), max(rest_end, hi))
            end = comp[1] if comp else obj.end()
            # "charges against him" reads as one pointer
            tail = re.match(r"\s+against\s+\w+", text[end:end + 30])
            end = end + tail.end() if tail and not comp else end
            start = _clause_start(text, lo, vs) if not cue else vs
            return Denial("points", _trim(text, (start, end)), pointer=noun, complement=comp,
                          subject=None if cue else _subject(text, start, vs),
                          possessor=pm.group(1) if pm else None, why=f'{word} "{text[vs:obj.end()].strip()}"')
        nxt = text[ve:min(rest_end if rest_end > ve else hi, ve + 60)]
        head = re.match(r"\s+(?:" + _DETERMINER + r")?(?:[\w-]+\s+){0,2}?([\w-]+)\b", nxt)
        if head and head.group(1).lower() in POLICY_NOUNS:
            continue
        if word.startswith(("den", "refut", "rebut", "disavow")) and (
                _RESTATES.match(text, ve, ve + 40) or (content and content[0] >= ve - 1)):
            start = cue[0] if cue else _clause_start(text, lo, vs)
            return Denial("restates", _trim(text, (start, max(hi, ve))), why=f'{word} it')
        pronoun = head is not None and head.group(1).lower() in ("it", "this", "that", "them", "these", "those")
        if word.startswith(("den", "refut", "rebut")) and (not head or pronoun):
            end = ve + head.end() if pronoun else ve
            return Denial("points", _trim(text, (_clause_start(text, lo, vs), end)), pointer="it",
                          why=f'{word} it')
    return None


@dataclass(frozen=True, slots=True)
class Target:
    """What a pointing denial points at, found in the article's text."""
    span: Span
    how: str                           # "complement", "antecedent", "mention", "nearby claim"
    claim: str | None = None           # the claim id, when it is a claim


def resolve_in_text(text: str, denial: Denial, claim_span: Span,
                    nearby: list[tuple[str, Span, bool]], *, names: tuple[str, ...] = (),
                    owners: dict[str, str] | None = None) -> Target | None:
    """Where a pointing denial's target is in its own article.

    Args:
        text: the article's text.
        denial: from `read_denial`, with how in ("points", "pleads", "rebuts").
        claim_span: the denying claim's extent.
        nearby: (claim id, span, opposing) of the article's other claims by other claimants;
            `opposing` is False for claims that cannot be the report (negative ones).
        names: how the story names the denier ("Milorad Dodik", "Dodik"): an accusation
            against them is what a bare rebuttal ("it was politically motivated") answers.
    Returns:
        the target, or None when nothing fits (then the denial is compared by meaning).
    """
    s0 = denial.span[0]
    if denial.complement:
        # "denied responsibility for the strike": the complement only names the event; the
        # account of that event just before is what is denied.
        if _BARE_NP.fullmatch(text[denial.complement[0]:denial.complement[1]]):
            account = _account_of(text, denial.complement, s0, nearby)
            # A bare name of an event inside the denial's own words says nothing anyone
            # reported: never the denial's target.
            return account
        return Target(denial.complement, "complement")
    sent = sentence_bounds(text, s0, denial.span[1])
    # "... the bribery charges, which the ministry has called baseless": the antecedent.
    rel = _RELATIVE.search(text, sent[0], s0)
    if rel:
        before = text[sent[0]:rel.start()].rstrip(" ,")
        m = re.search(r"((?:[\w'’-]+\s+){0,3}(?:" + POINTER_NOUNS + r"))$", before, re.I)
        if m:
            return Target(_trim(text, (sent[0] + m.start(1), sent[0] + m.end(1))), "antecedent")
    # "Asked whether he met the envoy, the minister denied it": the question is what is denied.
    asked = _ASKED_WHAT.search(text, sent[0], s0)
    if asked and (denial.pointer or "").lower() in ("it", "that", "this", "them"):
        return Target(_trim(text, asked.span(1)), "question")
    # "A, but that is clearly false" / "[Many believe A.] That is not true" inside one quote: a
    # demonstrative points at the proposition just before it, in the speaker's own words.
    if _DEMONSTRATIVE.match((denial.pointer or "").strip()) and denial.how == "rebuts":
        found = _just_before(text, s0, sent)
        if found:
            return Target(found, "what came just before")
    # "these accusations" points back: never at a mention after it.
    back = _points_back(text, denial)
    pointer = (denial.pointer or "").lower()
    noun = re.match(r"(?:.*\s)?(" + POINTER_NOUNS + r")$", pointer, re.I)
    # "rejected Pakistan's allegations": the owner's own account, the nearest one, else the
    # story's mention of an accusation the owner makes; nothing else (no unrelated claim).
    if denial.possessor:
        owned = _owned(denial.possessor, s0, nearby, owners or {})
        if owned is not None:
            return owned
        if noun:
            found = _accusation_mention(text, noun.group(1)[:5], before=s0, exclude=denial.span,
                                        verdict=_verdict_word(text, denial), denier=names, back=back,
                                        owner=denial.possessor)
            if found:
                return Target(found, "mention")
        return None
    if noun or denial.how == "pleads":
        head = (noun.group(1) if noun else "charges")[:5]  # "accus": accusations, accused
        found = _accusation_mention(text, head, before=s0, exclude=denial.span, verdict=_verdict_word(text, denial),
                                    denier=names, back=back)
        if found:
            return Target(found, "mention")
    if not _points_nearby(denial):
        return None
    # A bare rebuttal by someone accused: the accusation against them that shares most with
    # the rebuttal's sentence ("rejected the arrest warrant ... politically motivated" answers
    # "ordered the arrest of Dodik ... for allegedly trying to ...").
    accused = _accusation_against(text, names, before=sent[0], context=text[sent[0]:sent[1]])
    if accused:
        return Target(accused, "accusation")
    # A pronoun or a bare rebuttal: the nearest claim of someone else just before it.
    best: tuple[tuple[int, int], str, Span] | None = None
    # A denied deed ("denied any wrongdoing", "any role") answers an account that tells of
    # something the denial's sentence names, not whatever was said last.
    deed = _DEED.fullmatch((denial.pointer or "").strip())
    topic = set(meaning_words(text[sent[0]:sent[1]])) - set(meaning_words(denial.pointer or "")) if deed else set()
    # "denied the accusations": only an account that accuses, and not someone else's side.
    accusing = bool(_ACCUSING_POINTER.search(denial.pointer or "")) or denial.how == "pleads"
    # what the accusation is of, as the denial's sentence says after its pointer ("of brutality")
    about = set(meaning_words(text[denial.span[1]:sent[1]])) if accusing else set()
    # What the denial's sentence says besides who denies and the pointer itself: beyond the
    # sentence just before, a pointing noun ("denied the claims", "any involvement") meets only
    # a claim about that, never merely the last thing anyone said.
    shared = (set(meaning_words(text[sent[0]:sent[1]])) - set(meaning_words(" ".join(names)))
              - set(meaning_words(" ".join((denial.pointer or "").split()[-1:]))))  # its head noun
    last = len(text[:sent[0]].rstrip()) - 1  # the previous sentence's last character, past blank lines
    previous = sentence_bounds(text, last, last)[0] if last > 0 else 0
    for cid, span, opposing in nearby:
        if not opposing or span[0] >= s0 or s0 - span[1] > 400:
            continue
        if span[0] < denial.span[1] and denial.span[0] < span[1]:
            continue  # never a piece of the denial itself
        if accusing and not _may_accuse(text, span, names, about):
            continue
        if deed and not (topic & set(meaning_words(text[span[0]:span[1]])) or ACCUSATION.search(text, *span)):
            continue
        if (noun or deed) and span[0] < previous and not (shared & set(meaning_words(text[span[0]:span[1]]))):
            continue
        # The nearest sentence's claims, and of those the first: "He claimed A and said B."
        # answered by "X exposed him as a fraud" answers A, the sentence's own assertion.
        key = (sentence_bounds(text, span[0], span[1])[0], -span[0])
        if best is None or key > best[0]:
            best = (key, cid, span)
    if best is not None:
        return Target(best[2], "nearby claim", claim=best[1])
    # "X says A, but that is clearly false" / "Many believe A. That is not true." inside one
    # quote: the clause or sentence just before is what "that" points at.
    if (_PRONOUN_SUBJECT.search(text[max(sent[0], s0 - 2):denial.span[1]].strip())
            or (denial.pointer or "").strip().lower() in ("it", "that", "this", "these", "those")):
        before = _trim(text, (sent[0], s0))
        if len(text[before[0]:before[1]].split()) < 4:
            prev = sentence_bounds(text, max(0, sent[0] - 2), max(0, sent[0] - 2))
            before = _trim(text, (prev[0], min(prev[1], sent[0]))) if sent[0] > 0 else before
        words = text[before[0]:before[1]].split()
        # A sentence that itself denies ("No such incident has occurred") is not the report.
        if len(words) >= 4 and not DENY_RE.search(text, before[0], before[1]) \
                and not NEGATION_RE.search(text, before[0], before[1]):
            return Target(before, "what came just before")
    return None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_BARE_NP = re.compile(r"(?:the|this|that|these|those|its|his|her|their|last \w+'s|[A-Z]\w+'s)\s+(?:[\w-]+\s+){0,2}[\w-]+",
                      re.I)


# Words that judge an opinion as readily as a fact ("an absurd plan"): a rebuttal only of a
# claim, a report, an allegation.
_WEAK = frozenset("absurd ridiculous nonsense nonsensical propaganda misleading distorted distortion fiction "
                  "inaccurate".split())
_POINTER_END = re.compile(r"(?:.*\W)?(?:" + POINTER_NOUNS + r")\W*$", re.I | re.S)


def _weak(text: str, s: int, e: int) -> bool:
    m = _EVAL.search(text, s, e)
    return bool(m) and m.group(0).lower().split()[-1] in _WEAK


_DEED = re.compile(r"involvement|role|responsibility|complicity|wrongdoing|guilt|links?|connections?|ties|presence",
                   re.I)
_PRONOUNS = frozenset("it this that these those them all everything".split())


_NAME_STOP = frozenset("the and for with from into this that these those their its his her our some many both "
                       "all two three four five six several who which said says also".split())


def _name_words(name: str) -> set[str]:
    """A name's content words, folded ("Defence" is "defense"), for fuzzy matching."""
    return {w.lower().replace("defence", "defense") for w in re.findall(r"[A-Za-z][\w-]+", name)
            if len(w) >= 3 and w.lower() not in _NAME_STOP}


def _word_in(word: str, words: set[str]) -> bool:
    """A word among others, tolerant of inflection ("ministry"/"ministries", "Russia"/"Russian")."""
    return word in words or (len(word) >= 5 and any(len(w) >= 5 and w[:5] == word[:5] for w in words))


def names_match(owner: str, claimant: str) -> bool:
    """Whether a possessor ("the Russian Defense Ministry") names this claimant ("the Russian and
    Syrian defence ministries"): every content word of the possessor is among the claimant's; a
    country or capital ("Moscow's claims") names whoever the actor coding gives that country."""
    want, have = _name_words(owner), _name_words(claimant)
    if want and all(_word_in(w, have) for w in want):
        return True
    if place_kind(owner) in ("country", "capital"):
        mine = code_text(owner).country
        return bool(mine) and code_text(claimant).country == mine
    return False


_COUNT_CAPS = frozenset("The A An This That These Those Some Many Both All Two Three Four Five Six Several Each "
                        "Its His Her Their Our".split())
_PRONOUN_PARTY = frozenset("him her them it us me you himself herself themselves".split())


def _parties(phrase: str) -> list[str]:
    return [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", phrase) if p.strip()]


def _known(party: str) -> bool:
    """Whether a party is known well enough to rule a denier out: a country or a proper name;
    "him", "the officers" could be the denier."""
    if party.lower() in _PRONOUN_PARTY:
        return False
    if code_text(party).country:
        return True
    return any(w[0].isupper() and w not in _COUNT_CAPS for w in re.findall(r"[A-Za-z][\w.'’-]*", party))


def same_side(denier: tuple[str, ...], accused: str) -> bool | None:
    """Whether the accused of an accusation include the denier: by name, or by the country the
    events' actor coding gives both ("the Pentagon" and "U.S. forces" are USA). None when the
    accused or the denier is unknown (a pronoun, "the officers"): nothing rules the denier out."""
    denier = tuple(d for d in denier if d)
    parties = _parties(accused)
    if not denier or not parties or not all(_known(p) for p in parties):
        return None
    mine = next((c for c in (code_text(d).country for d in denier) if c), None)
    for party in parties:
        theirs = code_text(party).country
        if mine and theirs:
            if mine == theirs:
                return True
            continue  # two countries: a shared word ("government") is no match
        if any(_name_words(party) & _name_words(d) or names_match(d, party) for d in denier):
            return True
    return False


_PASSIVE = re.compile(r"([^.,;:!?]{2,120}?)\s+(?:has|have|had|was|were|is|are|been|being|be)"
                      r"(?:\s+(?:been|being|also|now|repeatedly|\w+ly))*\s+$", re.I)
_ACTIVE_OBJECT = re.compile(r"\s+((?:[\w.'’-]+\s+){0,7}?)(?:of|with|for|over)\s", re.I)
_AGAINST = re.compile(r"\s+(?:\w+\s+){0,2}?against\s+((?:[\w.'’-]+\s+){0,5}?[\w.'’-]+?)"
                      r"(?=[,;:!?]|" + _STOP + r"|\s(?:of|for|over|in|that|was|were|is|are|by)\b|$)", re.I)


def accused_in(text: str, m: re.Match[str]) -> str | None:
    """Whom a mentioned accusation accuses: the object of "accused X of", the subject of "X was
    accused of", "allegations against X"; None when the text does not say."""
    word = m.group(0).lower()
    if re.fullmatch(r"(?:accus|charg|blam)(?:e|es|ed|ing)|indict(?:s|ed)?|sued", word):
        sent = sentence_bounds(text, m.start(), m.end())
        passive = _PASSIVE.search(text, sent[0], m.start())
        if passive and word.endswith("ed"):
            return passive.group(1).strip()
        obj = _ACTIVE_OBJECT.match(text, m.end())
        if obj and obj.group(1).strip():
            return obj.group(1).strip()
        return None
    against = _AGAINST.match(text, m.end())
    return against.group(1).strip() if against else None


def _owned(owner: str, at: int, nearby: list[tuple[str, Span, bool]], owners: dict[str, str]) -> Target | None:
    """The claim nearest `at` (before it first) whose claimant is the possessor named."""
    mine = [(cid, span) for cid, span, opposing in nearby if opposing and names_match(owner, owners.get(cid, ""))]
    before = [x for x in mine if x[1][1] <= at]
    pick = max(before, key=lambda x: x[1][1]) if before else min(mine, key=lambda x: x[1][0], default=None)
    return Target(pick[1], "owner's claim", claim=pick[0]) if pick else None


def _points_nearby(denial: Denial) -> bool:
    """Whether the story around a denial can say what it points at: a plea, a pronoun, a
    pointer noun ("the reports") or a stated subject; not "dismissed the whole row"."""
    pointer = (denial.pointer or "it").strip().lower()
    return (denial.how == "pleads" or pointer in _PRONOUNS or len(pointer.split()) >= 4
            or bool(re.match(r"(?:.*\s)?(?:" + POINTER_NOUNS + r")$", pointer, re.I)))


def _account_of(text: str, event: Span, before: int, nearby: list[tuple[str, Span, bool]]) -> Target | None:
    """The nearest earlier claim of someone else that tells of the event a noun phrase names."""
    want = set(meaning_words(text[event[0]:event[1]]))
    best: tuple[int, str, Span] | None = None
    for cid, span, opposing in nearby:
        if not opposing or span[0] >= before or before - span[1] > 600:
            continue
        if want & set(meaning_words(text[span[0]:span[1]])) and (best is None or span[1] > best[0]):
            best = (span[1], cid, span)
    return Target(best[2], "account of it", claim=best[1]) if best else None


_DEMONSTRATIVE = re.compile(r"(?:that|this|all this|all of this|which)$", re.I)
# The frame that presents a view, not the view: "The charter says", "there is the view that".
_FRAME = re.compile(
    r"^(?:.{0,80}?\b(?:says?|said|claims?|claimed|states?|stated|insists?|argues?|believes?|thinks?|holds?|"
    r"views?|belief|notion|idea|perception|impression|assumption|narrative|argument)\b,?\s+(?:that\s+)?)", re.I)
_LEAD_CONJ = re.compile(r"^(?:and|but|yet|so|or)\b\s*", re.I)
_TAIL_CONJ = re.compile(r"[\s,;]+(?:and|but|yet|so|or|though|although|however)$", re.I)


def _open_quote(text: str, at: int) -> int | None:
    """Where the quotation holding `at` opened, if `at` is inside one (its paragraph's quote
    marks, curly or straight)."""
    para = text.rfind("\n", 0, at) + 1
    curly_open, curly_close = text.rfind("“", para, at), text.rfind("”", para, at)
    if curly_open > curly_close:
        return curly_open
    last = text.rfind('"', para, at)
    # A straight quote opens where a space comes before it and a word after it (counting them
    # fails on one stray mark earlier in the story).
    if last >= 0 and (last == 0 or text[last - 1] in " \t\n([—–-") and last + 1 < len(text) and text[last + 1].isalnum():
        return last
    return None


def _view(text: str, span: Span) -> Span | None:
    """A stated proposition of four words or more, without the frame presenting it."""
    s, e = _trim(text, span)
    chunk = text[s:e]
    lead = _LEAD_CONJ.match(chunk)
    if lead:
        s += lead.end()
        chunk = text[s:e]
    frame = _FRAME.match(chunk)
    if frame and len(chunk[frame.end():].split()) >= 3:
        s += frame.end()
    s, e = _trim(text, (s, e))
    tail = _TAIL_CONJ.search(text, s, e)
    if tail:
        s, e = _trim(text, (s, tail.start()))
    if len(text[s:e].split()) < 4 or DENY_RE.search(text, s, e):
        return None
    return s, e


def _just_before(text: str, at: int, sent: Span) -> Span | None:
    """What a demonstrative rebuttal at `at` points at: the clause before it in its sentence,
    else, inside a quote that opened earlier, the quote's sentence before it."""
    clause = _view(text, (sent[0], at))
    if clause:
        return clause
    opened = _open_quote(text, at)
    if opened is None or opened >= sent[0]:
        return None  # the quote starts here: the rebutted words are someone else's (nearby claims)
    prev = sentence_bounds(text, max(opened, sent[0] - 2), max(opened, sent[0] - 2))
    return _view(text, (max(prev[0], opened + 1), sent[0]))


def _accusation_against(text: str, names: tuple[str, ...], *, before: int, context: str) -> Span | None:
    """The earlier sentence accusing one of `names` that shares the most words with `context`."""
    names = tuple(n for n in names if n and len(n) > 2)
    if not names:
        return None
    ctx = {w.lower() for w in _WORD.findall(context)} - {n.lower() for n in names}
    best: tuple[int, int, Span] | None = None
    pos = 0
    while pos < before:
        s, e = sentence_bounds(text, pos, pos)
        e = min(e, before) if e > before else e
        if e <= pos:
            break
        chunk = text[s:e]
        if ACCUSATION.search(chunk) and any(n in chunk for n in names):
            shared = len(ctx & {w.lower() for w in _WORD.findall(chunk)})
            if shared and (best is None or (shared, s) > (best[0], best[1])):
                best = (shared, s, _trim(text, (s, e)))
        pos = e
    return best[2] if best else None


def _verdict_word(text: str, denial: Denial) -> str | None:
    """The word a denial turns on ("absurd", "denied"), its first five letters."""
    m = _EVAL.search(text, *denial.span) or DENY_RE.search(text, *denial.span) or _PLEA.search(text, *denial.span)
    return m.group(0).split()[-1].lower()[:5] if m else None


_ACCUSING_POINTER = re.compile(r"\b(?:accusations?|allegations?|charges?|indictments?)\b", re.I)


_PERSONAL = re.compile(r"\b(?:he|him|his|she|her)\b", re.I)


def _may_accuse(text: str, span: Span, denier: tuple[str, ...], about: set[str]) -> bool:
    """Whether an account may be the accusation a denier rejects: it accuses someone who may be
    the denier, names the denier, speaks of someone ("he had taken bribes") or tells of what the
    denial says the accusation is about ("accusations of brutality")."""
    chunk = text[span[0]:span[1]]
    # the accusing verb may stand just outside the account ("accused | the mayor of ...")
    sent = sentence_bounds(text, span[0], span[1])
    if any(same_side(denier, accused_in(text, m) or "") is not False
           for m in ACCUSATION.finditer(text, sent[0], span[1])):
        return True
    # the denier's proper names ("Okafor", "Pentagon") and head noun ("the mayor"), not the
    # "city" of "the city's police"
    mine = {w.lower() for d in denier for w in re.findall(r"[A-Z][\w-]{2,}", d) if w.lower() not in _NAME_STOP}
    mine |= {d.split()[-1].lower() for d in denier if d.split() and len(d.split()[-1]) >= 3}
    if mine and any(_word_in(w, mine) for w in _name_words(chunk)):
        return True
    return bool(_PERSONAL.search(chunk)) or bool(about & set(meaning_words(chunk)))


def _points_back(text: str, denial: Denial) -> bool:
    """Whether the pointer is demonstrative ("these accusations", "such claims"): it points at
    something already told, never at what comes after."""
    if not denial.pointer:
        return False
    at = text.rfind(denial.pointer, denial.span[0], denial.span[1])
    if at < 0:
        return False
    return bool(re.search(r"\b(?:these|those|this|that|such)\s+(?:[\w-]+\s+){0,2}$", text[max(denial.span[0], at - 40):at],
                          re.I))


def _accusation_mention(text: str, head: str, *, before: int, exclude: Span, verdict: str | None = None,
                        denier: tuple[str, ...] = (), back: bool = False, owner: str | None = None) -> Span | None:
    """The story's nearest earlier mention of an accusation of this kind ("charge" for "the
    charges") that says what it is ("charges relating to ...", "accuse X of ...", "a report that
    ..."); a later one when none before does, unless the pointer is demonstrative (`back`). A
    mention that says nothing ("in a report", "reportedly", "reporters") is no target; nor is one
    whose accused are known and are not the denier's side (`same_side`), nor, with an `owner`
    ("the ministry's allegations"), one whose clause does not name that owner."""
    pattern = re.compile(r"\b" + re.escape(head) + r"\w*\b", re.I)
    hits = [m for m in pattern.finditer(text) if not (exclude[0] <= m.start() < exclude[1])
            and not re.search(r"(?:ly|ers?)$", m.group(0), re.I)]
    earlier = [m for m in hits if m.start() < before]
    later = [] if back else [m for m in hits if m.start() >= before]
    for m in [*reversed(earlier), *later]:
        comp = _mention_content(text, m)
        if comp is None:
            continue
        accused = accused_in(text, m)
        if accused and same_side(denier, accused) is False:
            continue  # "X accused the UK of ...": not what the police deny
        sent = sentence_bounds(text, m.start(), m.end())
        again = read_denial(text, sent) if verdict and MAY_DENY.search(text, sent[0], sent[1]) else None
        if again is not None and again.span[0] <= m.start() < again.span[1] \
                and verdict in text[again.span[0]:again.span[1]].lower():
            continue  # the same denial told again (a headline and its story), not the report
        # its clause, the accuser with it: "and" inside a name ("the Russian and Syrian
        # ministries accused ...") starts no clause
        starts = [x.end() for x in _MENTION_CLAUSE.finditer(text, sent[0], m.start())]
        start = starts[-1] if starts else sent[0]
        if owner and not names_match(owner, text[sent[0]:m.start()]):
            continue
        return _trim(text, (start, comp[1]))
    return None


def _mention_content(text: str, m: re.Match[str]) -> Span | None:
    """What a mentioned accusation says: its complement, "accuse X of Y", "charged with Y", or
    the list it introduces ("charges, including ...")."""
    comp = _complement(text, m.end(), len(text))
    word = m.group(0).lower()
    if comp is None and word.startswith("accus"):
        of = _ACCUSED_OF.match(text, m.end())
        if of:
            # scare quotes inside it ("of running “gangs” near the border") run on
            e = _quote_end(text, of.start(1), of.end(1))
            if len(text[of.start(1):e].split()) >= 2:
                comp = _trim(text, (of.start(1), e))
    if comp is None and word.startswith(("charg", "accus", "indict")):
        with_ = re.match(r"\s+with\s+(.{3,200}?)(?=[,;:!?\"“”]|" + _STOP + r"|$)", text[m.end():])
        if with_:
            comp = _trim(text, (m.end() + with_.start(1), m.end() + with_.end(1)))
    if comp is None:
        nxt = re.match(r"[^.;:!?]{0,40}?\b(?:which included|including|such as|namely)\s+(.{3,200}?)(?=[.;:!?]|$)",
                       text[m.end():])
        if nxt:
            comp = _trim(text, (m.end() + nxt.start(1), m.end() + nxt.end(1)))
    return comp


def is_accusation(text: str) -> bool:
    """Whether a report accuses: it charges, alleges, blames, convicts or arrests."""
    return bool(ACCUSATION.search(text))
