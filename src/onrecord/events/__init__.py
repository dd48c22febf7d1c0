"""Events: who did what to whom, where and when, in PLOVER types with CAMEO codes.

`find_events(doc, entities, attributions, published=...)` runs per sentence: lexicon triggers
(triggers.py), re-typing by modality (intent -> AGREE/THREATEN, "must" -> REQUEST), dropping events
framed by another ("agreed to provide aid" is one AGREE), actors and recipients from the parse
(participants.py) coded by actors.py, date and place (when_where.py), then one event per
happening per sentence. See docs/events.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..entities import columns, doc_text, span_ents, span_text
from ..model import Attribution, Entity, Event, Participant
from .actors import code_text, place_kind
from .coding import plover
from .confidence import Judge, Recorder, candidate_features, shipped as shipped_judge
from .participants import (
    REFLEXIVE,
    city_or_region,
    entity_code,
    heads_actor,
    home_country,
    mention_index,
    participant,
    recipient,
    reflexive_antecedent,
    split_nationalities,
    subject,
    with_conjuncts,
)
from .triggers import (
    NATURAL_AGENTS,
    OURS,
    Entry,
    Lexicon,
    Trigger,
    act_modifier,
    find_triggers,
    told_as_past,
    verb_lemmas,
)
from .triggers import lexicon as shipped_lexicon
from .when_where import event_date, event_location

__all__ = ["find_events"]

# Types whose complement is their content, not a second happening ("refused to meet").
_FRAMING = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "DENY", "ACCUSE"})
_FRAME_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep", "acl", "advcl", "conj", "nsubjpass"})
_CIRCUMSTANCE = frozenset("after before when while as since because once until though although".split())
_INTENT_AUX = frozenset("will would 'll shall may might could".split())
_INTENT_HEADS = frozenset("plan prepare prepared intend ready willing want vow seek aim expect poised "
                          "determined set going".split())
_MUST = frozenset("must should".split())
_COERCIVE = {"COERCE": "131", "ASSAULT": "138", "MOBILIZE": "138", "PROTEST": "133"}
_COERCE_THREAT = {"1722": "1322", "1723": "1323", "1724": "1324", "191": "1381", "172": "132"}
_COOPERATIVE = {"AID": "033", "COOPERATE": "031", "SUPPORT": "032", "CONSULT": "036", "CONCEDE": "035",
                "RETREAT": "035"}
_AID_INTENT = {"071": "0331", "072": "0332", "073": "0333", "074": "0334"}
# Predicates that call a clause untrue: its event is denied, not reported.
_FALSE = frozenset("absurd false untrue nonsense ridiculous baseless groundless fabricated fabrication lie "
                   "fiction fake unfounded laughable preposterous ludicrous hoax".split())
_DENY_VERBS = frozenset("deny refute rebut disavow denial".split())
# Assent verbs: negated, they refuse ("would not accept the monitors", "did not agree to").
_ASSENT = frozenset("accept agree consent approve endorse ratify recognise recognize".split())
# What a refusal not ruled out or not rejected threatens: force ("did not rule out military action").
_FORCE_WORDS = frozenset("force action option strike attack invasion intervention war operation retaliation "
                         "offensive response".split())
# "X said Y committed war crimes / was behind the attack": X accuses Y (CAMEO 112).
_CLAIM_VERBS = frozenset("say claim allege charge insist assert conclude find state".split())
_CRIMES = frozenset("crime atrocity genocide massacre abuse violation fraud murder killing attack assassination "
                    "bombing torture war_crime offence offense cleansing".split())
# Kinds of warning that name a hazard, not a threat: "health warnings", "a flood alert".
_HAZARDS = frozenset("health weather storm flood fire heat travel tsunami cyclone hurricane typhoon tornado "
                     "rain snow wind frost drought smog pollution air avalanche evacuation safety".split())
# Views one answers rather than refuses: "rebuffed fears of a recession".
_OPINIONS = frozenset("fear concern worry speculation notion suggestion idea view criticism doubt "
                      "prediction forecast comparison characterization characterisation".split())
# "deny" is DENY when what is denied is a claim about the actor; else it refuses something (REJECT).
_CLAIM_NOUNS = frozenset("allegation report claim charge accusation wrongdoing involvement responsibility "
                         "role existence story account collusion link contact meeting knowledge".split())
_CONTEXT_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), c) for p, c in (
        (r"\b(election|campaign|vote|ballot|poll|candidate|presidential race)", "election"),
        (r"\b(cyber|hack|hacking|malware|phishing)", "cyber"),
        (r"\b(ambassador|diplomat|embassy|envoy|foreign minist)", "diplomatic"),
        (r"\b(troops|military|army|soldier|warship|missile)", "military"),
        (r"\b(trade|tariff|economic|embargo|export)", "economic"),
        (r"\b(court|lawsuit|indict|prosecut|investigat|probe|counsel)", "legal"),
        (r"\b(intelligence|spy|espionage)", "intelligence"),
        (r"\b(terror|bombing|militant)", "terrorism"),
        (r"\b(human rights|torture|refugee)", "human_rights"),
    ))
_MODE_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(telephon|phone|call)", re.I), "phone"),
    (re.compile(r"\b(summit|conference|multilateral|forum)\b", re.I), "multilateral"),
    (re.compile(r"\b(visit|hosted|office|hotel|welcome)", re.I), "visit"),
)


@dataclass(slots=True)
class _Candidate:
    trigger: Trigger
    cameo: str
    type: str
    tokens: list[Token] = field(default_factory=list)   # trigger tokens (merged duplicates add more)
    refused: bool = False   # a negated intent retyped as REJECT: the negation is now the event
    denied_by: "_Candidate | None" = None   # the DENY whose content this event is

    @property
    def head(self) -> Token:
        return self.trigger.token


SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Bad input (a 500-word run-on sentence, a table flattened to text, a list of 200 countries) must
# not flood the record: a sentence gives at most this many events (the first in text order) and
# an event side at most this many participants. News sentences rarely carry more than three.
MAX_EVENTS_PER_SENTENCE = 8
# Happenings that kill, wound or destroy as a verb's subject without being anyone.
_HAPPENINGS = frozenset("strike airstrike attack blast explosion bombing shelling fighting clash raid war "
                        "conflict violence offensive fire crash storm earthquake quake flood hurricane "
                        "shooting stampede riot".split())
MAX_PARTICIPANTS = 10
_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})
# Verbs whose subject undergoes the act: "a prisoner died in custody" names a victim, not an actor.
_DEATH_VERBS = frozenset("die perish drown starve suffocate succumb".split())
# Weapons that kill or wound as a verb's subject: an instrument is not who acted ("a car bomb killed
# five soldiers"); its own actor, if named ("Israeli rockets", "a bomb planted by rebels"), is.
_INSTRUMENTS = frozenset("bomb carbomb rocket missile shell mortar grenade mine landmine explosive device ied "
                         "bullet gunfire artillery drone projectile munition shrapnel".split())
# Types the PLOVER gold never codes, so the learned scorer has no say on them: the rules decide.
_RULE_ONLY = frozenset({"STATEMENT", "DENY"})
# Visits and hosting go one way: "the senator and her husband made stops in Ohio" visit no one.
_ONE_WAY = frozenset({"042", "043"})
_NEEDS_PARTNER = frozenset({"invest", "trade", "partner"})
# Characters between an event and a bare later mention ("the arrests") that may retell it.
MENTION_WINDOW = 600
_PLACE_PREPS = frozenset("in at into inside near across throughout around".split())
_NO_PLACE_TARGET = frozenset({"CONSULT", "STATEMENT", "DENY", "RETREAT"})
# Verbs that move something to someone: their "to" object is the recipient, before the thing moved.
_TRANSFER = frozenset("give send provide deliver donate supply grant extradite hand return dispatch ship sell "
                      "transfer lend offer extend airlift fly deport expel pledge".split())
# Event nouns whose "of" object is the one acted on ("the arrest of X"), not the one acting.
_PATIENT_TYPES = frozenset({"COERCE", "ASSAULT", "SANCTION", "ACCUSE", "REJECT", "SUPPORT", "CONCEDE", "AID"})
# Sectors of people who hold a state's office: with no country cue they belong to the country the
# sentence is about ("President Omar El Bashir ... in Sudan").
_STATE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "ELI", "SPY"})
# Domestic institutions, and the parties that contend with a state at home: a judge investigating
# officials, rebels demanding a president's removal are of one country.
_DOMESTIC = frozenset({"JUD", "LEG", "COP"})
# Offices that, named without a country, are American in English-language news.
_US_OFFICES = re.compile(r"\b(special counsel|congressional|congress(?:wo)?m[ae]n|Capitol Hill|Oval Office)\b",
                         re.I)
# Conditional and counterfactual clauses: "if he had known Sessions was going to recuse himself",
# "would have picked somebody else" describe what might be, not what happened.
_CONDITIONAL_MARKS = frozenset("if unless lest".split())
_MODAL = frozenset("would could might should".split())
# Verbs of wishing: what they take is not done, nor promised ("hopes the truce will hold").
# Verbs that propose or that only point to a reading of the facts, depending on their clause.
_EPISTEMIC = frozenset({"suggest"})
_DELIBERATE = frozenset("consider mull weigh contemplate debate discuss explore ponder".split())
_FORESEE = frozenset("expect predict anticipate forecast foresee".split())
_CHOICE = frozenset("decide choose opt try attempt".split())
_FORECAST = frozenset("imminent likely unlikely possible probable inevitable expected certain looming".split())
_MAYBE = frozenset("may might could".split())
_ABLE = frozenset({"can"})
_DESIRE = frozenset("hope wish pray dream long yearn".split())
# Verbs of intent or expectation that PETRARCH codes bare (aim, expect, decide 030): the act they
# take is the event, retyped by its intent (_retype); alone ("aims to understand") they are none.
_INTENT_ONLY = frozenset("aim expect decide want intend plan prepare hope wish".split())
_SPECULATION = frozenset("speculation rumor rumour fear possibility prospect chance doubt question "
                         "hope expectation likelihood risk scenario".split())
# What a warning threatens when it is the actor's own act: "warned of retaliation".
_THREAT_NOUNS = frozenset("retaliation consequence response action measure sanction reprisal punishment "
                          "strike attack force war countermeasure revenge".split())
# Sectors that belong to no one country: international bodies, and groups that cross borders.
_NO_HOME = frozenset({"IGO", "NGO", "REB", "UAF", "CRM", "REL"})
_NON_STATE = frozenset({"REB", "OPP", "CVL", "PTY", "LAB", "EDU", "BUS", "REF", "CRM", "AGR", "REL", "MED", "JRN"})


def _transfer(c: "_Candidate") -> bool:
    return c.cameo[:2] == "07" or c.head.lemma_.lower() in _TRANSFER


def _nominal_patient(c: "_Candidate") -> bool:
    return c.head.pos_ in ("NOUN", "PROPN") and c.type in _PATIENT_TYPES


def _claimed(c: "_Candidate") -> frozenset[int]:
    """Tokens that belong to the predicate: the trigger noun, an object named by the pattern."""
    out = {c.head.i}
    words = set(c.trigger.entry.words)
    if words and c.head.pos_ in ("VERB", "AUX"):
        for x in c.head.children:
            if x.dep_ in ("dobj", "nsubjpass") and x.lemma_.lower() in words:
                out.add(x.i)
    return frozenset(out)


def _sentence_countries(sent: Span) -> list[str]:
    out: list[str] = []
    doc = sent.doc
    for ent in span_ents(sent):
        if ent.start >= 2 and doc[ent.start - 1].text == "-" and doc[ent.start - 2].lower_ in ("anti", "non"):
            continue  # "an anti-Syria journalist" is no Syrian
        if ent.label_ in ("GPE", "NORP", "LOC"):
            country = code_text(ent.text).country
            if country and country != "IGO" and country not in out:
                out.append(country)
    return out


def _inherit_country(parts: list[Participant], others: list[Participant], sent: Span, *,
                     targets: bool = False, home: str | None = None) -> None:
    """An office holder with no country cue belongs to the article's home country when it has one
    ("A special counsel ... investigating the Russian government" in a US story is American), else
    the sentence's one other country; in a domestic affair (police, courts, rebels against their
    government) the other side's. A target with no cue takes the sentence's one other country."""
    needy = [p for p in parts if p.country is None and (p.sector in _STATE_SECTORS or targets)]
    if not needy:
        return
    taken = {p.country for p in others if p.country and p.country != "IGO"}
    free = [c for c in _sentence_countries(sent) if c not in taken]
    for p in needy:
        state = p.sector in _STATE_SECTORS
        if state and home and (home not in taken or p.sector in _DOMESTIC):
            p.country = home
        elif state and home in (None, "USA") and _US_OFFICES.search(p.text):
            p.country = "USA"
        elif len(free) == 1:
            p.country = free[0]
        elif not free and len(taken) == 1 and (p.sector in _DOMESTIC or any(
                o.sector in _NON_STATE | _DOMESTIC for o in others if o.country)):
            p.country = next(iter(taken))


def hypothetical(tok: Token) -> bool:
    """Whether tok sits in a conditional ("if ...") or counterfactual ("would have ...") clause."""
    start = tok.i
    for _ in range(10):
        kids = list(tok.children)
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in kids):
            return True
        auxes = [c.lower_ for c in kids if c.dep_ == "aux"]
        if any(a in _MODAL for a in auxes) and "have" in auxes and tok.tag_ == "VBN":
            return True
        if tok.dep_ in ("acl", "ccomp") and tok.head.lemma_.lower() in _SPECULATION:
            return True  # "speculation that the attorney general would resign"
        if tok.dep_ in ("ccomp", "advcl", "csubj") and any(c.dep_ == "mark" and c.lower_ == "whether" for c in kids):
            return True  # "whether the president will agree": a question, not an event
        if tok.i == start and tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in (
                "be", "become", "seem", "appear", "look") and (_has_aux(tok.head, _MAYBE) or any(
                c.dep_ == "acomp" and c.lemma_.lower() in _FORECAST for c in tok.head.children)):
            return True  # "sanctions may be imminent", "a strike looks likely": a forecast
        if tok.i == start and _has_aux(tok, _ABLE) and not any(c.dep_ == "neg" for c in kids):
            return True  # "the two countries can make contributions": an ability, not an act
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("likely", "unlikely"):
            return True  # "the army is likely to deploy": a forecast
        if tok.dep_ == "pcomp" and (tok.head.lower_ == "without" or tok.head.lower_ == "of" and tok.i >= 2
                                    and tok.doc[tok.head.i - 1].lower_ == "instead"
                                    or tok.head.lower_ == "than" and tok.doc[tok.head.i - 1].lower_ == "rather"):
            return True  # "left without signing", "instead of attacking": not done
        edge = tok.left_edge.i
        if tok.head.lower_ == "case" and tok.head.head.lower_ in ("in", "just") or tok.dep_ == "advcl" and (
                edge >= 2 and tok.doc[edge - 2].lower_ == "in" and tok.doc[edge - 1].lower_ == "case"):
            return True  # "in case the truce is not agreed"
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "look" and not any(
                c.dep_ == "prep" and c.lower_ in ("at", "into", "for") for c in tok.head.children):
            return True  # "Ankara is looking to Washington to veto the bill": a hope
        if tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_.lower() in _DELIBERATE:
            return True  # "is considering challenging", "discussed imposing costs": weighed, not done
        if tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_.lower() in _FORESEE and (any(
                c.dep_ == "nsubj" for c in kids) or any(c.dep_ == "dobj" for c in tok.head.children)):
            return True  # "expects North Korea to launch a missile": a forecast of another's act
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _CHOICE and _has_aux(tok.head, _MAYBE):
            return True  # "other states could decide to quit"
        if tok.dep_ in ("ccomp", "xcomp") and (tok.head.lemma_.lower() in _DESIRE
                                               or any(f in _DESIRE for f in verb_lemmas(tok.head))):
            return True  # "hopes the talks could resume", "wishes to meet": a wish, not an act
        if tok.dep_ == "pcomp" and tok.head.lower_ == "to" and (tok.head.head.lower_ == "forward" or any(
                c.lower_ == "forward" for c in tok.head.head.children)):
            return True  # "looks forward to discussing"
        if tok.i == tok.head.i:
            return False
        tok = tok.head
    return False


def _conditional(tok: Token) -> bool:
    """Whether tok heads a clause with its own condition ("would impose sanctions if ...")."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _CONDITIONAL_MARKS for g in c.children)
               for c in tok.children)


def _purpose(tok: Token) -> bool:
    """An infinitive of purpose or one that describes a noun: "making bombs to carry out attacks",
    "they have until Feb. 4 to appeal" tell what is meant, not what happened."""
    if tok.dep_ == "conj" and tok.tag_ == "VB" and tok.head.tag_ == "VB":
        tok = tok.head  # "the freedom to establish and provide services"
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.i != tok.i and tok.head.tag_ == "VB" and tok.head.dep_ in (
            "advcl", "acl"):
        tok = tok.head  # "kept tariffs to pressure them to block the flow": still the purpose
    return tok.dep_ in ("advcl", "acl", "relcl") and tok.tag_ == "VB" and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _has_aux(tok: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in tok.children)


def _intent(tok: Token) -> bool:
    if _has_aux(tok, _INTENT_AUX):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and (head.lemma_.lower() in _INTENT_HEADS or _has_aux(head, _INTENT_AUX)
                                    and head.lemma_.lower() == "be")


def _retype(c: _Candidate) -> None:
    """Modality: intended cooperation is AGREE, intended force is THREATEN; deny a thing is REJECT."""
    tok = c.head
    if c.type == "REJECT" and any(x.dep_ == "xcomp" and x.lemma_.lower() in ("comment", "elaborate", "speak")
                                  for x in tok.children):
        c.cameo, c.type = "011", "STATEMENT"  # CAMEO 011, "decline comment": no refusal of anything
        return
    if c.type == "REJECT" and any(x.dep_ == "dobj" and x.lemma_.lower() in _OPINIONS for x in tok.children):
        c.cameo, c.type = "010", "STATEMENT"  # "rebuffed fears of a recession": a view answered, nothing refused
        return
    if c.cameo == "016" and tok.lemma_.lower() not in _DENY_VERBS:
        c.cameo, c.type = "120", "REJECT"  # PETRARCH's "reject/dismiss the allegations": a rejection
        return
    if c.cameo == "016":
        obj = next((x for x in tok.children if x.dep_ == "dobj"), None)
        clausal = any(x.dep_ in ("ccomp", "xcomp", "pcomp") for x in tok.children) or (
            obj is not None and obj.tag_ == "VBG")
        if not clausal and obj is not None and obj.lemma_.lower() not in _CLAIM_NOUNS:
            c.cameo, c.type = "120", "REJECT"
        return
    if c.type in ("AGREE", "SUPPORT") and (tok.lemma_.lower() in _ASSENT or tok.pos_ == "ADJ"
                                           and tok.lemma_.lower() in _INTENT_HEADS) and _negated(c):
        c.cameo, c.type, c.refused = "120", "REJECT", True  # "would not accept", "did not agree to"
        return
    if c.type == "REJECT" and _negated(c) and any(
            t.lemma_.lower() in _FORCE_WORDS for x in tok.children if x.dep_ in ("dobj", "xcomp", "prt")
            for t in x.subtree):
        c.cameo, c.type, c.refused = "138", "THREATEN", True  # "did not rule out military action"
        return
    if tok.lemma_.lower() in _EPISTEMIC and _asserts(tok):
        c.cameo, c.type = "010", "STATEMENT"  # "analysts suggest Ankara is learning": a reading, no proposal
        return
    if c.cameo[:2] == "13" and any(m.dep_ in ("compound", "amod") and m.lemma_.lower() in _HAZARDS
                                   for w in [tok, *tok.children] if w.lemma_.lower() in ("warning", "alert", "advisory")
                                   for m in w.children):
        c.cameo, c.type = "010", "STATEMENT"  # "health warnings were issued", "a flood alert": a hazard, no threat
        return
    if c.cameo == "130" and tok.lemma_.lower() in ("warn", "warning") and _warns_of_danger(tok):
        c.cameo, c.type = "010", "STATEMENT"
        return
    verb = c.trigger.light or tok  # "will give a grant", "plans to impose restrictions": the light verb's intent
    if verb.pos_ in ("VERB", "AUX") and _intent(verb) and c.cameo != "0831":
        if c.type in _COERCIVE:
            c.cameo = _COERCE_THREAT.get(c.cameo, _COERCIVE[c.type])
            c.type = "THREATEN"
        elif c.type == "SANCTION" and (_conditional(verb) or _has_aux(verb, _MAYBE) or verb.dep_ == "xcomp"
                                       and verb.head.lemma_.lower() in _INTENT_HEADS):
            c.cameo, c.type = "1312", "THREATEN"  # "if X invades, we would impose sanctions", "may impose"
        elif c.type in _COOPERATIVE and _negated(c):
            # "will not negotiate", "would not provide aid": a refusal, which is the event.
            c.cameo, c.type, c.refused = "120", "REJECT", True
        elif c.type in _COOPERATIVE:
            c.cameo = _AID_INTENT.get(c.cameo, _COOPERATIVE[c.type])
            c.type = "AGREE"


def _asserts(tok: Token) -> bool:
    """Whether a verb of suggesting takes a statement of fact ("suggests the plan is failing"), not
    a proposal ("suggested that talks resume", "suggested holding talks", "should")."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    return clause.tag_ in ("VBZ", "VBD") or clause.tag_ in ("VBG", "VBN") and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBD", "VBP") for c in clause.children) or (
        clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "will", "would")
                                    for c in clause.children))


def _warns_of_danger(tok: Token) -> bool:
    """"warned of a possible resurgence", "experts warn that prices could rise": a warning about
    what may happen, not a threat of the actor's own act ("warned of retaliation", "warned that
    it would respond", "warned Iran")."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    misparsed = clause is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    if any(c.dep_ in ("dobj", "dative") for c in tok.children) and not misparsed:
        return False  # someone is warned (not "warn that diabetes could spread": its subject read as the object)
    preps = [c for c in tok.children if c.dep_ == "prep"]
    # "warned in July of a resurgence": the parser may hang "of" on the date
    preps += [x for c in preps for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME")
              for x in g.children if x.dep_ == "prep"]
    about = [g for c in preps if c.lower_ in ("of", "about", "against")
             for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if about:
        return not any(g.lemma_.lower() in _THREAT_NOUNS for g in about)
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and any(c.dep_ == "aux" and c.lower_ in _MODAL | _MAYBE for c in clause.children):
        return True  # "warn that diabetes could spread", its subject misparsed as warn's object
    return subj is not None and subj.lower_ not in ("we", "i", "it", "they", "he", "she") and not any(
        c.dep_ == "dobj" for c in clause.children if c.pos_ == "PRON" and c.lower_ in ("you", "them"))


def _frames(outer: Token, inner: Token) -> bool:
    """Whether inner sits in outer's complement (not just anywhere below it)."""
    tok = inner
    for _ in range(8):
        if tok.i == tok.head.i:
            return False
        if tok.head.i == outer.i:
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE for c in tok.children):
                return False  # "will hear from her after she said she met him": a circumstance
            return tok.dep_ in _FRAME_DEPS and tok.dep_ != "conj"
        if tok.dep_ == "conj" and tok.head.i == outer.i:
            return False
        tok = tok.head
    return False


def _must_requests(sent: Span, candidates: list[_Candidate]) -> list[_Candidate]:
    """"X said Y must do Z" is X's REQUEST of Y, whatever Z is."""
    out: list[_Candidate] = []
    doc = sent.doc
    cols = columns(doc)
    poss, deps = cols.pos, cols.dep
    for i in range(sent.start, sent.end):
        if poss[i] not in ("VERB", "AUX") or deps[i] not in ("ccomp", "acl"):
            continue
        tok = doc[i]
        must = _has_aux(tok, _MUST)
        blame = not must and deps[i] == "ccomp" and tok.head.lemma_.lower() in _CLAIM_VERBS and _blamed(tok)
        if not must and not blame:
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass" if blame else "nsubj")), None)
        if subj is None or must and not (heads_actor(subj) or subj.pos_ == "PRON" and subj.tag_ != "WDT"
                                         and subj.lower_ not in ("this", "that", "what")):
            continue  # "strong defences must work with diplomacy": a thing is asked nothing
        existing = next((c for c in candidates if c.head.i == tok.i), None)
        entry = existing.trigger.entry if existing else None
        code = "100" if must else "112"
        trig = Trigger(tok, entry if must and entry else Entry((), code, None))
        out.append(_Candidate(trig, code, "REQUEST" if must else "ACCUSE"))
    return out


def _blamed(tok: Token) -> bool:
    """Whether a reported clause lays a wrong at its subject's door: "committed war crimes", "was
    responsible for the attack", "was behind the bombing", "rigged the vote"."""
    lemma = tok.lemma_.lower()
    if lemma == "commit":
        return any(x.dep_ == "dobj" and x.lemma_.lower() in _CRIMES for x in tok.children)
    if lemma in ("rig", "orchestrate", "mastermind"):
        return True
    if lemma == "be":
        for x in tok.children:
            if x.dep_ == "acomp" and x.lower_ in ("responsible", "guilty", "culpable"):
                return True
            if x.dep_ == "prep" and x.lower_ == "behind":
                return True
    return False


def _negated(c: _Candidate) -> bool:
    toks = [c.head] + ([c.trigger.light] if c.trigger.light is not None else [])
    if c.head.pos_ == "ADJ" and c.head.dep_ == "acomp":
        toks.append(c.head.head)  # "I am not ready to": the copula carries the negation
    for t in toks:
        for x in t.children:
            if x.dep_ == "neg" or x.lower_ in ("never", "no") and x.dep_ in ("advmod", "det", "neg"):
                return True
            if x.lower_ in ("longer", "more") and x.dep_ == "advmod" and any(g.lower_ == "no" for g in x.children):
                return True  # "will no longer recognise"
    return False


def _context(c: _Candidate, text: str) -> list[str]:
    out = list(plover(c.cameo).context)
    for pattern, name in _CONTEXT_CUES:
        if name not in out and pattern.search(text):
            out.append(name)
    return out


def _mode(c: _Candidate, sent: Span) -> str | None:
    mode = plover(c.cameo).mode
    if c.type == "CONSULT" and mode is None:
        root = c.trigger.light or c.head
        words = " ".join(t.text for t in root.subtree)
        for pattern, name in _MODE_CUES:
            if pattern.search(words):
                return name
    return mode


def _attribution(start: int, attributions: list[Attribution]) -> str | None:
    best: tuple[int, str] | None = None
    for a in attributions:
        for s, e in a.content:
            if s <= start < e and (best is None or e - s < best[0]):
                best = (e - s, a.id)
    return best[1] if best else None


def _overlaps(a: list[Participant], b: list[Participant]) -> bool:
    if not a or not b:
        return True
    keys_a = {p.entity or p.text.lower() for p in a} | {(p.country, p.sector) for p in a if p.country}
    keys_b = {p.entity or p.text.lower() for p in b} | {(p.country, p.sector) for p in b if p.country}
    spans = any(x.span[0] < y.span[1] and y.span[0] < x.span[1] for x in a for y in b)
    return spans or bool(keys_a & keys_b)


def _sentence_events(sent: Span, entities: list[Entity], index, attributions: list[Attribution],  # noqa: ANN001
                     published: str | None, home: str | None = None,
                     lex: Lexicon | None = None, judge: Judge | None = None,
                     weak: set[int] | None = None) -> list[Event]:
    judge = judge if judge is not None else shipped_judge()
    persons = {e.id for e in entities if e.type == "PERSON"}  # one person is never both sides
    nouns = (lex or shipped_lexicon()).nouns
    candidates = []
    for trig in find_triggers(sent, lex):
        if hypothetical(trig.light or trig.token) or _purpose(trig.light or trig.token):
            continue
        if (trig.entry.source != OURS and not trig.entry.words and trig.light is None
                and trig.token.lemma_.lower() in _INTENT_ONLY):
            continue
        coding = plover(trig.entry.cameo)
        candidates.append(_Candidate(trig, trig.entry.cameo, trig.entry.type or coding.type, [trig.token]))
    for c in candidates:
        _retype(c)
    musts = _must_requests(sent, candidates)
    must_heads = {m.head.i for m in musts}
    candidates = [c for c in candidates if c.head.i not in must_heads] + musts
    # Framing: "agreed to provide aid" is one AGREE; a statement framing an event yields to it.
    keep: list[_Candidate] = []
    for c in candidates:
        framed = False
        for o in candidates:
            if o is c:
                continue
            if c.head.pos_ == "ADJ" and _frames(c.head, o.head):
                framed = True  # "is willing to send aid": the aid, retyped by its intent, is the event
            if o.head.pos_ == "ADJ" and _frames(o.head, c.head):
                continue
            if o.type == "DENY" and c.type not in ("STATEMENT", "DENY") and _frames(o.head, c.head):
                c.denied_by = o  # "denied that X met Y": the meeting stays, as what is denied
                continue
            if o.type in _FRAMING and _frames(o.head, c.head):
                framed = True  # whichever table proposed the frame: its content is not a second happening
            if c.type == "STATEMENT" and _frames(c.head, o.head):
                framed = True
        if not framed:
            keep.append(c)
    # "rioted, demanding the governor's resignation": what a protest demands is its content.
    protests = {c.head.i for c in keep if c.type == "PROTEST"}
    keep = [c for c in keep if not (c.type == "REQUEST" and c.head.tag_ == "VBG" and protests and any(
        a.i in protests for a in c.head.ancestors))]
    # "granted asylum ... since last month's invasion": an act told in passing is the sentence's
    # event only when the sentence tells no other ("markets fell after the imposition of sanctions").
    aside = {c.head.i for c in keep if c.trigger.light is None and c.head.pos_ == "NOUN" and told_as_past(c.head)}
    if aside and any(c.head.i not in aside and c.type != "STATEMENT" for c in keep):
        keep = [c for c in keep if c.head.i not in aside]
    trigger_ids = {c.head.i for c in keep}
    # "shelled the city, killing 20": a participle clause of the same type is the same happening.
    heads = {c.head.i: c for c in keep}
    absorbed: dict[int, list[Token]] = {}
    for c in list(keep):
        outer = heads.get(c.head.head.i)
        if (c.head.dep_ == "advcl" and c.head.tag_ == "VBG" and outer is not None and outer is not c
                and outer.type == c.type and outer.head.i not in absorbed.get(c.head.i, [])):
            absorbed.setdefault(outer.head.i, []).append(c.head)
            keep.remove(c)
    events: list[Event] = []
    made: dict[int, Event] = {}
    sent_text = span_text(sent)
    for c in sorted(keep, key=lambda x: x.head.i)[:MAX_EVENTS_PER_SENTENCE]:
        light = c.trigger.light
        subj = subject(c.head, light)
        if subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in NATURAL_AGENTS:
            continue  # "heart disease could reach more villages": no party acts
        if c.head.dep_ == "ccomp" and c.type in ("REQUEST", "ACCUSE") and c.head.i in must_heads:
            # "X said Y must ...", "X said Y was behind it": the actor is the sayer, the recipient
            # the clause subject (the agent of a passive one: "rigged by the ruling party").
            target = next((x for x in c.head.children if x.dep_ == "nsubj"), None)
            agent = next((g for x in c.head.children if x.dep_ == "agent" for g in x.children
                          if g.dep_ == "pobj"), None)
            target = target or agent
            subj = subject(c.head.head)
            rec = target
        else:
            rec = None
        if subj is not None and not sent.start <= subj.i < sent.end:
            subj = None  # across a blank line: another sentence's noun
        if subj is None and sent.start > 0 and sent.doc[sent.start - 1].is_space:
            subj = _leading_subject(sent, light or c.head)
        if subj is None:
            # "... was going to recuse himself": the reflexive names the actor.
            refl = next((x for x in c.head.children if x.dep_ == "dobj" and x.lower_ in REFLEXIVE), None)
            subj = reflexive_antecedent(refl) if refl is not None else None
        if rec is not None and not sent.start <= rec.i < sent.end:
            rec = None
        if subj is not None and subj.pos_ == "NOUN" and subj.i != c.head.i and (
                subj.lemma_.lower() in nouns or subj.lemma_.lower() in _HAPPENINGS or subj.lemma_.lower() in _INSTRUMENTS):
            # "the strike on the hospital killed 20": a happening is not who acted; its own actor
            # ("a strike by government jets") is.
            subj = _subject_of_noun(subj)
        hit_weapon = c.head.lemma_.lower() in ("hit", "strike") and any(
            x.dep_ == "dobj" and x.lemma_.lower() in _INSTRUMENTS for x in c.head.children)
        if subj is not None and (c.head.lemma_.lower() in _DEATH_VERBS or hit_weapon) and rec is None:
            # "a prisoner died after torture", "the convoy hit a roadside bomb": the one acted on.
            subj, rec = None, subj
        actor_toks = with_conjuncts(subj)[:MAX_PARTICIPANTS] if subj is not None else []
        if subj is not None and subj.dep_ in ("nsubj", "nsubjpass"):
            # "A special counsel as well as several congressional committees are investigating"
            actor_toks += [x for x in subj.head.children if x.dep_ == subj.dep_ and x.i > subj.i
                           and x.pos_ in ("NOUN", "PROPN") and sent.start <= x.i < sent.end
                           and any(t.dep_ == "cc" for t in sent.doc[subj.i + 1:x.left_edge.i])]
        actors = [q for t in actor_toks for q in split_nationalities(t, participant(t, entities, index))]
        flags = []
        if not actors and c.trigger.entry.source != OURS:
            flags.append("pet_no_actor")  # as in PETRARCH itself, its patterns code only with a source actor
        actor_ids = {t.i for t in actor_toks}
        if rec is None and c.type not in ("DENY", "STATEMENT"):
            rec = recipient(c.head, light, actor_ids, consult=c.type == "CONSULT",
                            # a host's object is the guest ("welcomed X to Paris"), not a topic
                            topical=c.type == "CONSULT" and bool(c.trigger.entry.words) and c.cameo[:3] != "043",
                            transfer=_transfer(c), nominal_patient=_nominal_patient(c),
                            claimed=_claimed(c))
        if rec is not None and not sent.start <= rec.i < sent.end:
            rec = None
        rec_toks = with_conjuncts(rec)[:MAX_PARTICIPANTS] if rec is not None else []
        rec_pairs = [(q, t) for t in rec_toks for q in split_nationalities(t, participant(t, entities, index))]
        rec_pairs = [(r, t) for r, t in rec_pairs if not any(
            r.span == a.span or r.entity in persons and r.entity == a.entity for a in actors)]
        recipients = [r for r, _ in rec_pairs]
        moved = next((x for x in c.head.children if x.dep_ == "nsubjpass"), None) if c.type == "MOBILIZE" else None
        if not actors and moved is not None and not any(x.dep_ == "agent" for x in c.head.children):
            # "troops have been deployed to the north": the forces moved are the side that acts.
            actor_toks = with_conjuncts(moved)[:MAX_PARTICIPANTS]
            actor_ids = {t.i for t in actor_toks}
            actors = [q for t in actor_toks for q in split_nationalities(t, participant(t, entities, index))]
            rec_pairs = [(r, t) for r, t in rec_pairs if t.i not in actor_ids]
            rec_toks = [t for t in rec_toks if t.i not in actor_ids]
            recipients = [r for r, _ in rec_pairs]
        if c.cameo == "062" and _drill(c) and len(actors) <= 1 and not recipients:
            c.cameo, c.type = "150", "MOBILIZE"  # one army's own drills show force; joint ones cooperate
        if not recipients and c.type in SYMMETRIC and len(actors) > 1 and c.cameo[:3] not in _ONE_WAY:
            # "Jordan and Britain agreed", "X and Y met": each is the other's counterpart.
            actors, recipients = actors[:1], actors[1:]
        elif not actors and len(recipients) > 1 and (c.type in SYMMETRIC or rec is not None and rec.head.lower_ == "between"):
            # "talks between Israel and Hamas": the first named side acts, the others answer.
            actors, recipients = recipients[:1], recipients[1:]
        exclude = actor_ids | {t.i for t in rec_toks}
        location = event_location(sent, light or c.head, exclude=exclude, other_triggers=trigger_ids)
        if not recipients and location is not None and location.span and c.type not in _NO_PLACE_TARGET:
            # PLOVER codes the place acted on as the target when no one else is named.
            place = sent.doc.char_span(*location.span, alignment_mode="expand")
            inside = {t.i for a in actor_toks for t in a.subtree}  # "the government in Khartoum rejected"
            if place is not None and place.root.i not in actor_ids and place.root.i not in inside:
                rec_pairs = [(participant(place.root, entities, index), place.root)]
                recipients = [rec_pairs[0][0]]
        if not recipients and c.trigger.entry.source != OURS and not c.trigger.entry.words:
            flags.append("pet_bare_no_target")  # a PETRARCH verb with no pattern codes only with both sides
        if not recipients and c.head.lemma_.lower() in _NEEDS_PARTNER and c.trigger.light is None:
            flags.append("no_partner")  # "investing heavily in new bases": cooperation needs a partner
        heads_of = {id(r): t for r, t in rec_pairs}
        for part in recipients:
            tok = heads_of.get(id(part))
            if tok is not None and part.sector == "GOV" and place_kind(part.text) in ("capital", "city") and (
                    c.cameo[:2] >= "14" or tok.head.lemma_.lower() in _PLACE_PREPS):
                part.sector = "CVL"  # a city shelled, or where a curfew is imposed: its people
        if actors and recipients and c.cameo[:2] in _FORCE_ROOTS and not any(
                p.country or p.sector for p in actors + recipients):
            # "Liverpool crushed Everton", "the Lakers beat the Celtics": as in PETRARCH, force
            # between two parties no dictionary knows is no coded event (mostly sport).
            flags.append("uncoded_sides")
        _inherit_country(actors, recipients, sent, home=home)
        _inherit_country(recipients, actors, sent, targets=True, home=home)
        if home:
            for part in actors + recipients:
                if part.country is None and part.sector and part.sector not in _NO_HOME:
                    part.country = home  # a school, a party, farmers in a Malawi story are Malawian
        if isinstance(judge, Recorder):
            judge.at = c.head.idx
        weak_here = False
        if c.type in _RULE_ONLY:
            if flags:
                continue
        elif not judge.keep(candidate_features(c.head, c.type, c.cameo, c.trigger.entry, c.trigger.light, subj, rec,
                                             actors, recipients, flags, negated=_negated(c)), flags):
            if flags or weak is None:
                continue
            weak_here = True  # kept only as another telling of an event the scorer kept
        events.append(Event(
            id="", type=c.type, cameo=c.cameo, mode=_mode(c, sent), context=_context(c, sent_text),
            trigger=tuple(sorted((t.idx, t.idx + len(t.text)) for t in [c.head, *absorbed.get(c.head.i, [])]
                                 + ([light] if light is not None else []) + _act_of(c.head))),
            sentence=(sent.start_char, sent.start_char + len(sent_text.rstrip())), actor=actors, recipient=recipients,
            location=location,
            date=event_date(sent, light or c.head, published, other_triggers=trigger_ids),
            negated=_negated(c) and not c.refused or c.denied_by is not None or _called_false(c.head),
            attributed_to=_attribution(c.head.idx, attributions)))
        made[c.head.i] = events[-1]
        if weak_here:
            weak.add(id(events[-1]))  # type: ignore[union-attr]
    _link_denials(keep, made)
    # A relative clause tells of another happening ("the minister, who visited Baghdad in 2019,
    # met ... on Thursday"): never one with the main clause's event.
    background = {made[c.head.i].trigger[0] for c in keep if c.head.i in made and c.head.dep_ in ("relcl", "acl")}
    return _merge(events, background, weak or set())


_DRILLS = frozenset("exercise drill maneuver manoeuvre game".split())


def _drill(c: "_Candidate") -> bool:
    """Whether a military-cooperation candidate is an exercise (its noun, or the act its light verb takes)."""
    mod = act_modifier(c.head)
    nouns = [c.head, *([mod] if mod is not None else []), *(x for x in c.head.children if x.dep_ == "dobj")]
    return any(n.lemma_.lower() in _DRILLS and not any(m.lower_ in ("joint", "combined") for m in n.children)
               for n in nouns)


def _act_of(head: Token) -> list[Token]:
    """"carried out a series of airstrikes": the airstrikes are evidence of the act too."""
    mod = act_modifier(head)
    return [mod] if mod is not None else []


_FIRST_SINGULAR = frozenset({"i", "me"})
_FIRST_PLURAL = frozenset({"we", "us"})


def _speakers_in_quotes(events: list[Event], entities: list[Entity], attributions: list[Attribution],
                        doc: Doc) -> None:
    """"I" in a quote is its speaker, however many sentences the quote runs; "we" is the speaker's
    side (country and sector, not the person): the attribution stage has resolved who spoke."""
    by_id = {a.id: a for a in attributions}
    ents = {e.id: e for e in entities}
    for ev in events:
        att = by_id.get(ev.attributed_to or "")
        ent = ents.get(att.speaker.entity or "") if att is not None else None
        if ent is None:
            continue
        for part in ev.actor + ev.recipient:
            word = part.text.lower()
            if part.entity is not None or word not in _FIRST_SINGULAR | _FIRST_PLURAL:
                continue
            code = entity_code(ent, doc)
            if word in _FIRST_SINGULAR:
                part.entity = ent.id
            part.country = part.country or code.country
            part.sector = part.sector or code.sector


def _link_denials(keep: list[_Candidate], made: dict[int, Event]) -> None:
    """A DENY's target is what it denies: the parties of the denied event, less the denier."""
    for c in keep:
        deny = made.get(c.denied_by.head.i) if c.denied_by is not None else None
        inner = made.get(c.head.i)
        if deny is None or inner is None or deny.recipient:
            continue
        own = {p.entity or p.text.lower() for p in deny.actor}
        deny.recipient = [p for p in inner.actor + inner.recipient if (p.entity or p.text.lower()) not in own]


def _called_false(tok: Token) -> bool:
    """Whether tok sits in a clause its sentence calls untrue: "to state that they met is absurd",
    "claims that he paid are false"."""
    for _ in range(8):
        # The parser often hangs a sentence-initial infinitive ("To state that ... is absurd") as an advcl.
        infinitive = tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
        if tok.dep_ in ("csubj", "ccomp", "acl", "relcl") or infinitive or (
                tok.dep_ == "nsubj" and tok.lemma_.lower() in _CLAIM_NOUNS):
            head = tok.head
            if head.lemma_.lower() in _FALSE or any(
                    c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _FALSE for c in head.children):
                return True
        if tok.i == tok.head.i:
            return False
        tok = tok.head
    return False


def _subject_of_noun(noun: Token) -> Token | None:
    """Who a happening noun belongs to: "a strike by government jets", "Israeli air strikes"."""
    found = subject(noun)
    if found is not None and found.i != noun.i:
        return found
    return next((c for c in noun.children if c.dep_ in ("amod", "compound", "poss")
                 and c.ent_type_ in ("NORP", "GPE", "ORG") and not city_or_region(c)), None)  # "the Kabul bombing"


def _absorb(into: Event, ev: Event) -> None:
    """Fold a second mention of one happening into the first: its triggers, and what the first lacks."""
    into.trigger = tuple(sorted(set(into.trigger) | set(ev.trigger)))
    into.actor = into.actor or ev.actor
    into.recipient = into.recipient or ev.recipient
    into.location = into.location or ev.location
    into.date = into.date or ev.date


def _merge(events: list[Event], background: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset(),
           weak: set[int] | frozenset[int] = frozenset()) -> list[Event]:
    """One event per happening: same type, compatible actors and recipients -> one event."""
    out: list[Event] = []
    for ev in events:
        twin = None if ev.trigger[0] in background else next((
            o for o in out if id(o) not in weak and o.trigger[0] not in background and o.type == ev.type and o.negated == ev.negated
            and _overlaps(o.actor, ev.actor) and _overlaps(o.recipient, ev.recipient)), None)
        if twin is None:
            out.append(ev)
            continue
        _absorb(twin, ev)
        twin.context = list(dict.fromkeys([*twin.context, *ev.context]))
        twin.mode = twin.mode or ev.mode
    return out


_NOMINAL_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PUNCT"})


def _leading_subject(seg: Span, verb: Token) -> Token | None:
    """After a blank line the parse may hang the segment's opening noun phrase on the line above:
    a verb's subject is then the noun right before it ("Attorney General Jeff Sessions met")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    i = verb.i - 1
    while i >= seg.start and seg.doc[i].pos_ in ("AUX", "ADV", "PART"):
        i -= 1
    if i < seg.start or seg.doc[i].pos_ not in ("PROPN", "NOUN"):
        return None
    if any(t.pos_ not in _NOMINAL_POS for t in seg.doc[seg.start:i]):
        return None
    return seg.doc[i]


def segments(sent: Span) -> list[Span]:
    """A parser sentence cut at blank lines: a headline without a full stop, run into the first
    sentence below it, is a sentence of its own (so two reports of one meeting stay two events)."""
    doc = sent.doc
    cols = columns(doc)
    texts, spaces = cols.text, cols.is_space
    cuts = [i + 1 for i in range(sent.start, sent.end - 1)
            if "\n\n" in texts[i] or spaces[i] and texts[i].count("\n") >= 2]
    if not cuts:
        return [sent]
    bounds = [sent.start, *cuts, sent.end]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        while b > a and doc[b - 1].is_space:
            b -= 1  # the blank line itself belongs to neither
        if b > a:
            out.append(doc[a:b])
    return out


def find_events(doc: Doc, entities: list[Entity], attributions: list[Attribution], *,
                published: str | None = None, lexicon: Lexicon | None = None,
                judge: Judge | None = None) -> list[Event]:
    """Every event in a parsed article, in text order, ids V1, V2, ...

    Args: doc, the parsed article (offsets are the article's); entities and attributions from
    the earlier stages; published, the ISO publication date relative dates resolve against;
    lexicon, a trigger lexicon other than the shipped one (cross-validation); judge, a candidate
    scorer other than the shipped one (confidence.py: cross-validation and training).
    """
    index = mention_index(entities)
    home = home_country(doc, entities)
    events: list[Event] = []
    weak: set[int] = set()  # ids of events the scorer turned down: kept only if they retell a kept one
    for sent in doc.sents:
        for part in segments(sent):
            if span_text(part).strip():
                events.extend(_sentence_events(part, entities, index, attributions, published, home, lexicon,
                                                       judge, weak))
    _speakers_in_quotes(events, entities, attributions, doc)
    events = link_mentions(events, doc_text(doc), weak=weak, published=published)
    for n, ev in enumerate(events, 1):
        ev.id = f"V{n}"
    return events


# A sector that says nothing about who: "the attackers", "gunmen".
_UNSAID = frozenset({"UAF"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _sector(p: Participant) -> str | None:
    return None if p.sector in _UNSAID else p.sector


def _coded(p: Participant) -> bool:
    """Whether a party says who it is: a country or a sector. "he", "the man", or a name no
    dictionary knows (often a word the tagger took for a name) is no evidence either way."""
    return bool(p.country or _sector(p))


def _compatible(p: Participant, q: Participant) -> bool:
    """Whether two parties may be one: the same entity, or no clash of country or sector."""
    if p.entity and p.entity == q.entity:
        return True
    if p.country and q.country and p.country != q.country:
        return False
    a, b = _sector(p), _sector(q)
    return not (a and b and a != b)


def _fits(mine: list[Participant], theirs: list[Participant]) -> bool:
    """Whether every coded party of a later telling may be one of the first telling's."""
    return not theirs or all(any(_compatible(p, q) for q in theirs) for p in mine if _coded(p))


def _agreement(first: Event, later: Event) -> int:
    """How many of a later telling's parties the first names too (same entity, or same sector and
    country): among several earlier events it may retell, the one it shares most with."""
    n = 0
    for mine, theirs in ((later.actor, first.actor), (later.recipient, first.recipient)):
        for p in mine:
            n += any(p.entity and p.entity == q.entity
                     or _sector(p) and (p.country, _sector(p)) == (q.country, _sector(q)) for q in theirs)
    return n


def _same_day(first: Event, later: Event) -> bool:
    """Whether both tellings carry one date as precise as a month: a year alone says little."""
    return bool(later.date and later.date == first.date and len(later.date) >= 7)


def _shared_entity(first: Event, later: Event) -> bool:
    ids = {q.entity for q in first.actor + first.recipient if q.entity}
    return any(p.entity in ids for p in later.actor + later.recipient if p.entity)


def _elsewhere(first: Event, later: Event) -> bool:
    """Whether two tellings put their happening in different places ("in Gedo" ... "in Bay")."""
    a, b = first.location, later.location
    if a is None or b is None:
        return False
    if a.country and b.country and a.country != b.country:
        return True
    x, y = a.name.lower(), b.name.lower()
    return bool(x and y) and x not in y and y not in x


def _same_happening(first: Event, later: Event, text: str = "", published: str | None = None) -> bool:
    """Whether a later event retells an earlier one: same type, source and polarity, no other date,
    parties that may be the first's (no clash of country or sector; see _compatible). A later
    telling with the first's own date need only agree on who acted: the date says which happening,
    and the target is where tellings differ most ("an attack on the base" ... "an assault in the
    county"). A telling that names no party links only nearby, with no other year said between.
    "Police arrested 40 protesters ... The arrests followed clashes."""
    if (later.type != first.type or later.negated != first.negated or later.attributed_to != first.attributed_to
            or later.type == "STATEMENT"):
        return False
    if later.date and later.date != first.date and not (first.date is None and later.date == published):
        # A later telling with a date of its own ("the biggest attack, in 2009") is another happening;
        # but a lead that gives no date tells the day's news, so "on Friday" (the day it ran) may retell it.
        return False
    if _elsewhere(first, later) or not _fits(later.actor, first.actor):
        return False
    if not _same_day(first, later) and not _fits(later.recipient, first.recipient):
        return False
    near = later.sentence[0] - first.sentence[1] < MENTION_WINDOW
    if not near:
        # Far apart, two tellings are one happening only on evidence: a party in common, or the date.
        return _shared_entity(first, later) or _same_day(first, later)
    if any(_coded(p) for p in later.actor + later.recipient):
        return True
    # A story that moves to another year in between ("one afternoon in 2017 ... the car was
    # attacked") tells of another happening.
    year = (first.date or "")[:4]
    return not text or all(y == year for y in _YEAR.findall(text[first.sentence[0]:later.sentence[1]])
                           if y not in text[first.sentence[0]:first.sentence[1]])


def _placed(parts: list[Participant]) -> bool:
    return any(p.country for p in parts)


def _retell(into: Event, ev: Event) -> None:
    """Fold a later telling into the first (see _absorb); where the first names a side only by kind
    ("the attackers", "he") and the later telling says whose it is ("the country's security
    forces"), the later one's parties stand for that side."""
    actor, recipient = into.actor, into.recipient
    _absorb(into, ev)
    if actor and not _placed(actor) and _placed(ev.actor):
        into.actor = ev.actor
    if recipient and not _placed(recipient) and _placed(ev.recipient) and _fits(ev.recipient, recipient):
        into.recipient = ev.recipient


_ANEW = re.compile(r"\b(again|another|anew|renewed|fresh|second|new round|latest)\b", re.I)
# "also" just before the verb: a second act of the kind ("also ordered the school to ...").
_ALSO = re.compile(r"\balso\b(\s+\w+)?\s*$", re.I)
# A telling of several happenings ("met the envoy twice"): no later telling of one is all of it.
_ITERATED = re.compile(r"\b(twice|thrice|repeatedly|(two|three|four|five|several|many|multiple|\d+) times)\b", re.I)


def link_mentions(events: list[Event], text: str = "", *, weak: set[int] | frozenset[int] = frozenset(),
                  published: str | None = None) -> list[Event]:
    """One event per happening across a story: a later sentence that retells an earlier event
    (see _same_happening) adds its trigger spans to it (so `trigger` may reach past `sentence`,
    which stays the first telling's) and fills what it lacked: parties, place, date. Events whose
    ids are in weak (turned down by the scorer) count only as such retellings."""
    out: list[Event] = []
    for ev in events:
        before = text[max(ev.sentence[0], ev.trigger[0][0] - 24):ev.trigger[0][0]]
        anew = bool(text) and (_ANEW.search(text[ev.sentence[0]:ev.sentence[1]]) is not None
                               or _ALSO.search(before) is not None)
        fits = [] if anew or _ITERATED.search(text[ev.sentence[0]:ev.sentence[1]]) else [
            o for o in out if id(o) not in weak and o.sentence != ev.sentence
            and not _ITERATED.search(text[o.sentence[0]:o.sentence[1]])
            and _same_happening(o, ev, text, (published or "")[:10] or None)]
        if not fits:
            out.append(ev)
            continue
        # The one it shares most parties with; on a tie the nearest before it.
        _retell(max(reversed(fits), key=lambda o: _agreement(o, ev)), ev)
    out = [ev for ev in out if id(ev) not in weak]
    return out
