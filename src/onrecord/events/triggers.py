"""Trigger lexicon: which tokens of a parsed sentence name an event, with which CAMEO code.

Two tables in one syntax: data/events/petrarch_verbs.tsv, ~78,000 verb patterns derived from the
PETRARCH-2 verb dictionary by scripts/build_event_tables.py (broad data, written for news in
general), and data/events/triggers.tsv, ours: nouns, adjectives, light-verb phrases and the verbs
PETRARCH lacks. A pattern is a verb lemma, optionally with the lemmas of some of its children
("hold talk", "call for", "impose sanction"), or a noun or adjective lemma, mapped to a CAMEO code;
the code '---' says the pattern names no event ("face criticism") and blocks the verb's other
entries. The most specific matching entry wins, so "call for" beats "call"; on a tie, ours. For a
verb we code ourselves, PETRARCH contributes only its no-event patterns; it fills the verbs we lack.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..entities import columns
from .actors import Code, code_text

_DATA = "onrecord.data.events"
_OBJ = "*obj"  # pattern word: the verb must have a direct object ("return *obj")
_XCOMP = "*xcomp"  # pattern word: the verb must have an infinitive complement ("push X to accept")
# "met with success", "met their fate": outcomes, not someone met.
_NOT_MET = frozenset("success resistance opposition criticism skepticism scepticism approval disapproval failure "
                     "objection condemnation response reaction derision silence acclaim praise hostility "
                     "indifference outrage anger enthusiasm applause setback delay defeat fate death end "
                     "resolve suspicion interest fanfare mixed goal target deadline expectation requirement "
                     "standard quota obligation criterion threshold benchmark".split())
_CHILD_DEPS = frozenset({"prt", "prep", "dobj", "nsubjpass", "attr", "acomp", "xcomp", "dative", "oprd",
                         "advmod", "npadvmod"})
_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
# Nouns that light verbs ("hold", "stage", "launch") turn into events: the verb carries the actor.
_LIGHT_VERBS = frozenset("have hold attend conduct launch stage begin continue undertake make give open "
                         "carry reach start resume renew join organize organise pay issue lodge file mount "
                         "wage level voice announce order commit submit tender impose declare lead step "
                         "intensify escalate unleash perform end call express voice register convey".split())
# A subject noun is an event when its verb says it happened ("fighting erupted", "the raid killed
# ten"); "the agreement calls for" or "the offer stands" name a thing, not a happening. Violent,
# coercive and protest nouns are events whatever their verb.
_OCCUR_VERBS = frozenset("take occur happen erupt break begin start continue resume end conclude last "
                         "open close kill wound injure leave destroy damage hit target claim spark trigger "
                         "follow come mark enter drag escalate intensify rage prompt cause".split())
# Verbs that say what a thing has or needs, not that it happened: "sanctions enjoy support".
_STATIVE_VERBS = frozenset("enjoy need require lack deserve merit have".split())
_EVENTFUL_CODES = ("14", "17", "18", "19", "20", "15", "16")
# Objects that make an aid or support verb about speech, not material help ("provided statements").
_SPEECH_OBJECTS = frozenset("statement testimony answer detail account explanation comment address speech "
                            "remark update briefing assurance".split())
# Objects that make a giving verb figurative: "could provide impetus", "offers a chance".
_ABSTRACT_GIFTS = frozenset("impetus momentum opportunity chance insight clarity reason excuse justification "
                            "incentive inspiration hope confidence legitimacy credibility impression sense "
                            "signal glimpse picture indication example lesson power authority mandate control information "
                            "leeway discretion say".split())
# Objects that make force and coercion verbs figurative: "firing questions", "shot down the bill",
# "hit a record", "attacked the problem", "slashed prices". PETRARCH leaves these to its actor
# filter (a question is no actor); we have no such filter for a bare verb, so say it here.
_FIGURATIVE_OBJECTS = frozenset("question query criticism barb insult broadside salvo accusation remark comment "
                                "email message tweet letter joke bill proposal plan idea motion legislation "
                                "amendment price rate cost record high low note ball button road stage "
                                "problem issue deadline time clock rumor rumour glance look smile "
                                # troubles one fights or beats, not parties: "fought back tears",
                                # "fighting a drought", "battling cancer", "beat inflation"
                                "tear drought poverty corruption graft disease illness cancer virus epidemic "
                                "pandemic infection hunger famine inflation unemployment recession addiction "
                                "obesity pollution wildfire blaze flood fatigue odds stigma discrimination "
                                "racism injustice apathy complacency "
                                # legal and political contests: "fight the charges", "killed the deal"
                                "charge lawsuit suit case ruling verdict extradition election deal project "
                                "scheme hope momentum expectation forecast estimate "
                                # dangers one removes: "neutralised the threat", "suppressed the coronavirus"
                                "threat risk danger effect impact coronavirus covid covid-19 outbreak".split())
# "hit its sales target", "met its target": a goal; "struck targets", "hit military targets": force.
_GOAL_WORDS = frozenset({"target", "goal"})
_FORCE_CODES = ("17", "18", "19", "20")
# Subjects that are no party: "the storm struck the coast", "the hurricane killed dozens", "a
# drought that has hit millions". PETRARCH needs a coded source actor; a bare verb of ours does not.
NATURAL_AGENTS = frozenset("storm hurricane cyclone typhoon tornado earthquake quake tremor aftershock flood "
                            "flooding flashflood bushfire wildfire drought tsunami landslide mudslide avalanche heatwave heat "
                            "cold snow snowstorm blizzard rain rainfall downpour monsoon lightning wildfire "
                            "disease virus epidemic pandemic outbreak cholera ebola malaria measles famine "
                            "crisis recession inflation downturn slump scandal controversy accident "
                            "pollution smog weather building roof wall debris collapse crash tree "
                            # quantities: "oil prices shot up", "the index crashed"
                            "price rate cost stock share index market currency dollar euro yen value "
                            "unemployment export import output production sale figure number".split())
# Works and media that "attack" or "slam" someone speak; they use no force: "the press attacked".
_SPEAKING_THINGS = frozenset("press newspaper paper daily weekly editorial article column commentary report "
                             "statement communique speech letter film book documentary broadcast media "
                             "program programme blog post tweet".split())
# Verbs of defeat that are mostly sport or elections: "beat Argentina two-nil", "crushed the
# opposition in the elections". Kept as force unless a competitor or contest is named.
_DEFEAT_VERBS = frozenset("beat defeat crush rout trounce thrash overwhelm overpower vanquish edge hammer "
                          "whip outplay outclass humble stun upset oust eliminate knock".split())
_COMPETITORS = frozenset("team club squad player side champion eleven athlete striker goalkeeper "
                         "candidate contender challenger incumbent runner rival".split())
_CONTESTS = frozenset("final semifinal semi quarterfinal match game tournament championship cup league "
                      "election poll vote race primary runoff contest ballot derby olympics series "
                      "playoff qualifier fixture leg round competition".split())
# What one blocks by a vote or a veto, not on a road: "blocked the aid package" rejects it (CAMEO
# 12x), "blocked the road" obstructs passage (144).
_BLOCKED_ACTS = frozenset("package deal resolution bill proposal plan motion measure move nomination appointment "
                          "sanction membership accession bid request agreement decision law legislation reform "
                          "amendment budget sale merger takeover investigation inquiry probe vote statement "
                          "declaration initiative effort attempt candidacy application".split())
# Crowds whose violence CAMEO codes as a riot (145, PROTEST), not as an attack.
_CROWDS = frozenset("protester protestor demonstrator rioter marcher crowd mob youth student".split())
_KILL_VERBS = frozenset("kill murder massacre behead execute assassinate lynch".split())
_DURATIONS = frozenset("hour day night week month year minute while time".split())
# Force verbs also used of words: "attacked the government's handling of the economy" criticises.
_VERBAL_FORCE = frozenset("attack assail blast hammer bash slam savage lash pummel bombard".split())
_CRITICISED = frozenset("handling policy policies decision record remark comment statement stance approach "
                        "plan proposal move idea law bill budget report speech claim response rhetoric "
                        "leadership performance strategy reform management conduct behaviour behavior "
                        "position view argument tactic agenda legislation measure rule".split())
_WRITING = frozenset("report story article reporting".split())
# Things one endangers rather than parties one threatens: "threatens the country's stability".
_ENDANGERED = frozenset("integrity stability security peace existence future livelihood sovereignty unity "
                        "order health economy growth recovery democracy process".split())
_TRAVELLERS = frozenset("tourist foreigner visitor traveler traveller patient fan pilgrim holidaymaker "
                        "vacationer backpacker shopper passenger customer".split())


def _named_storm(subj: Token | None) -> bool:
    """"Cyclone Jude", "Hurricane Ida": a name with a natural-agent word before it."""
    return subj is not None and subj.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lemma_.lower() in NATURAL_AGENTS for c in subj.children)


def _traveller(subj: Token | None) -> bool:
    return subj is not None and subj.lemma_.lower() in _TRAVELLERS


_ANIMALS = frozenset("dog cat animal elephant cattle livestock cow pig chicken bird fish wildlife rhino rhinoceros "
                     "lion tiger wolf bear sheep goat horse camel deer monkey ape whale dolphin shark turtle "
                     "poultry game".split())
_HONOURS = frozenset("honor honour award medal title prize decoration doctorate order".split())
# What one seeks for oneself, from no one: "sought re-election", "seek political advantage".
_SELF_GOALS = frozenset("benefit advantage revenge re-election reelection office election term seat nomination "
                        "presidency power profit gain glory attention publicity".split())
# Non-violent domains of a "war": "a trade war", "a drug war", "price wars".
_FIGURATIVE_WARS = frozenset("trade drug price tariff currency culture word bidding turf ratings talent "
                             "console format".split())
# What one asks or offers: a verb of disapproval (CAMEO 110: "dismiss", "spurn", "rebuff") said of
# it refuses it (12), as PETRARCH codes "dismiss the proposal" 120: "dismissed the appeal". Criticism
# (111) stays criticism: "criticised the plan".
_ASKS = frozenset("appeal request call demand plea offer proposal suggestion proffer proposition ultimatum "
                  "invitation overture petition".split())
_NOMINAL_SLOTS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr"})


NO_EVENT = "---"
OURS = "triggers.tsv"
FALLBACK_SOURCE = "petrarch_verbs.tsv:fallback"  # a PETRARCH pattern standing in where ours match nothing
_TABLES = ("triggers.tsv", "petrarch_verbs.tsv")  # tie order: ours first (PETRARCH leaves many bare verbs uncoded)


@dataclass(frozen=True, slots=True)
class Entry:
    words: tuple[str, ...]   # lemmas required among the trigger's children
    cameo: str
    type: str | None         # explicit PLOVER type where current PLOVER differs from the 2021 table
    source: str = "triggers.tsv"
    key: str = ""            # the pattern as written, for cross-validation's leave-out lists


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    adjectives: dict[str, tuple[Entry, ...]]
    # PETRARCH's coded patterns with words ("reach consensus", "set fire") for verbs we code: tried
    # only when none of the verb's entries matches, so they add recall where we have nothing.
    fallback: dict[str, tuple[Entry, ...]] = field(default_factory=dict)


@lru_cache(maxsize=4)
def table_rows(name: str = OURS) -> tuple[tuple[str, str, str | None], ...]:
    """(pattern, CAMEO code, note) of one shipped trigger table: the one reader of these files."""
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, cameo, *rest = line.split("\t")
        out.append((pattern, cameo.strip(), rest[0].strip() if rest and rest[0].strip() else None))
    return tuple(out)


def build_lexicon(tables: tuple[str, ...] = _TABLES, *,
                  leave_out: frozenset[tuple[str, str]] = frozenset()) -> Lexicon:
    """The lexicon from the named tables, in tie order, less the (table, pattern) pairs left out
    (cross-validation drops the entries a held-out sentence alone supports)."""
    lists: dict[str, dict[str, list[Entry]]] = {"v": {}, "n": {}, "a": {}}
    for name in tables:
        for pattern, cameo, ptype in table_rows(name):
            if (name, pattern) in leave_out:
                continue
            kind = {"@": "n", "~": "a"}.get(pattern[0], "v")
            words = pattern.lstrip("@~").split()
            lists[kind].setdefault(words[0], []).append(Entry(tuple(words[1:]), cameo, ptype, name, pattern))

    def freeze(d: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
        # Most specific first, so the first entry that matches is the best; sorted() keeps tie order.
        return {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in d.items()}

    fallback: dict[str, list[Entry]] = {}
    for lemma, entries in lists["v"].items():
        if any(e.source == OURS for e in entries):
            fallback[lemma] = [Entry(e.words, e.cameo, e.type, FALLBACK_SOURCE, e.key) for e in entries
                               if e.source != OURS and e.cameo != NO_EVENT and e.words]
            # Where we code a verb ourselves PETRARCH only vetoes idioms ("face criticism"): its
            # coded patterns assume its own verb-combination rules ("met at" is its 036, an
            # intent to meet) and cost precision in cross-validation (0.705 with, 0.691 without).
            lists["v"][lemma] = [e for e in entries if e.source == OURS or e.cameo == NO_EVENT and e.words]

    return Lexicon(freeze(lists["v"]), freeze(lists["n"]), freeze(lists["a"]),
                   freeze({k: v for k, v in fallback.items() if v}))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return build_lexicon()


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    entry: Entry
    light: Token | None = None   # the light verb of a nominal trigger ("held talks": held)


_INFLECTIONS = {"VBD": (("ed", "e"), ("ed", ""), ("d", "")), "VBN": (("ed", "e"), ("ed", ""), ("d", "")),
                "VBG": (("ing", "e"), ("ing", "")), "VBZ": (("es", ""), ("s", ""))}


@lru_cache(maxsize=8192)
def _stems(text: str, tag: str) -> tuple[str, ...]:
    return tuple(text[:-len(a)] + b for a, b in _INFLECTIONS.get(tag, ()) if text.endswith(a) and len(text) > len(a) + 2)


def verb_lemmas(tok: Token) -> tuple[str, ...]:
    """Lemmas to try when the tagger's lemma is wrong ("staged" -> "stag"): the form less its
    ending; and the American spelling of a British one ("recognise" -> "recognize")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return ()
    lemma = tok.lemma_.lower()
    us = ()
    if lemma.endswith(("ise", "yse")) and len(lemma) > 5:
        us = (lemma[:-2] + "ze",)
    return us + _stems(tok.lower_, tok.tag_)


# Object words that patterns name by one synonym (PETRARCH's synsets do the same): "restored
# relations" is "restore tie", "shipped weapons" is "ship arm".
_SAME_OBJECT = {"relation": "tie", "relationship": "tie", "weapon": "arm", "weaponry": "arm", "armament": "arm",
                "soldier": "troop", "medicine": "medicine", "medication": "medicine", "drug": "medicine"}
# Verbs that move a thing to someone: one that lacks a pattern for its object borrows send's
# ("shipped arms to Taiwan", "airlifted food").
_SEND_LIKE = frozenset("ship deliver dispatch airlift airdrop truck fly supply transfer".split())


# Nouns that measure or group what is moved or done: "a shipment of arms", "a team of doctors".
_MEASURES = frozenset("shipment consignment batch convoy load planeload truckload cargo ton tonne team group "
                      "contingent unit battalion brigade company detachment delegation number lot package "
                      "quantity supply".split())


@lru_cache(maxsize=1)
def _synsets() -> dict[str, frozenset[str]]:
    """Word -> the other words of its PETRARCH object classes (petrarch_synsets.tsv): "accord" and
    "pact" stand for "agreement" in a pattern, "fort" and "bastion" for "stronghold"."""
    classes: dict[str, set[str]] = {}
    text = resources.files(_DATA).joinpath("petrarch_synsets.tsv").read_text(encoding="utf-8")
    pairs = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for word, cls in pairs:
        classes.setdefault(cls.strip(), set()).add(word)
    out: dict[str, set[str]] = {}
    for word, cls in pairs:
        out.setdefault(word, set()).update(classes[cls.strip()])
    return {w: frozenset(v - {w}) for w, v in out.items()}


def _child_lemmas(tok: Token) -> set[str]:
    lemmas = _child_lemmas_raw(tok)
    lemmas |= {_SAME_OBJECT[w] for w in lemmas if w in _SAME_OBJECT}
    lemmas |= {w for w, same in _SAME_OBJECT.items() if same in lemmas}  # both ways: "ties" as "relations"
    syn = _synsets()
    for w in [w for w in lemmas if w in syn]:
        lemmas |= syn[w]
    return lemmas


def _child_lemmas_raw(tok: Token) -> set[str]:
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("advcl", "ccomp"):  # "pushing hard for the US to support": "for" marks the clause
            out.update(g.lemma_.lower() for g in c.children if g.dep_ == "mark" and g.lower_ == "for")
        if c.dep_ not in _CHILD_DEPS:
            continue
        if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj"):
            continue  # "fired its chief executive on Monday": a time, not "fire on"
        out.add(c.lemma_.lower())
        if c.dep_ == "xcomp":
            out.add(_XCOMP)
        if c.dep_ in _OBJ_DEPS:
            out.add(_OBJ)
            out.update(g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod"))
            if c.lemma_.lower() in _MEASURES:  # "sent a shipment of arms": the arms
                out.update(g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj")
        if c.dep_ in ("prep", "xcomp", "acomp"):
            objs = [g for g in c.children if g.dep_ in ("pobj", "dobj", "pcomp")]
            out.update(g.lemma_.lower() for g in objs)
            if c.dep_ == "prep":  # "killed in an accidental blast": PETRARCH's no-event modifiers
                out.update(m.lemma_.lower() for g in objs for m in g.children if m.dep_ in ("amod", "compound"))
    return out


_ARRIVE_VERBS = frozenset("arrive land come".split())
# What armed forces gather besides people: "amassed tanks", "massed artillery".
_ARMS = frozenset("weapon arm missile rocket tank artillery equipment warship ship jet aircraft plane drone "
                  "force troop soldier reserve unit battalion brigade division army fighter militia".split())
_ARMED_SECTORS = frozenset({"MIL", "PKO"})


def _armed(subj: Token | None) -> bool:
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return False
    a = min(t.i for t in subj.subtree)
    return code_text(subj.doc[a:subj.i + 1].text).sector in _ARMED_SECTORS or subj.lemma_.lower() in (
        "troop", "peacekeeper", "warship", "soldier", "force")


# Verbs of going: a visit needs somewhere or someone to go to.
_MOTION_VERBS = frozenset("come go return head travel".split())
_CAPTURE_VERBS = frozenset({"capture", "recapture"})
_RECOGNISE_VERBS = frozenset({"recognize", "recognise", "acknowledge"})
_ATTITUDE_VERBS = frozenset("welcome praise appreciate applaud commend hail".split())
_PARTY_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _party(tok: Token) -> bool:
    """A person, group, organisation or country (a name, or a noun the actor tables code)."""
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "what", "which")
    return tok.ent_type_ in _PARTY_ENTS or code_text(tok.text) != Code() or code_text(tok.lemma_) != Code()


def _people(tok: Token) -> bool:
    """People rather than a place: "captured two rebels", "were captured" said of soldiers."""
    if tok.ent_type_ in _PLACE_ENTS or tok.ent_type_ == "ORG":
        return False
    if tok.ent_type_ in ("PERSON", "NORP") or tok.pos_ == "PRON" and tok.lower_ not in ("it", "this", "that"):
        return True
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in _SETTLEMENTS:
        return False
    code = code_text(tok.lemma_)
    return code.sector is not None and code.country is None


# Places the actor tables code by their people ("town" -> civilians): taken, they are ground won.
_SETTLEMENTS = frozenset("town village city hamlet camp settlement suburb neighborhood neighbourhood quarter".split())


def _goes_nowhere(tok: Token) -> bool:
    """A verb of going whose destination is no place and no party, or the idiom "when it comes to"."""
    subj = _verb_subject(tok)
    if subj is not None and subj.lower_ == "it" and tok.lemma_.lower() == "come":
        return True
    dests = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "into", "under")
             for g in c.children if g.dep_ == "pobj"]
    return bool(dests) and not any(g.ent_type_ in _PLACE_ENTS or _party(g) or g.pos_ == "PROPN" for g in dests)


# Prepositions and verbs that tell an act as already done: "after the raid", "led to the arrest".
_AFTER_PREPS = frozenset("after following since amid during".split())
_RESULT_VERBS = frozenset("lead result prompt trigger spark provoke cause follow".split())


def told_as_past(noun: Token) -> bool:
    """Whether an act noun sits where the sentence tells it as done ("after the raid")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in _AFTER_PREPS:
        return True
    if noun.dep_ == "pobj" and head.lower_ in ("to", "in") and head.head.lemma_.lower() in _RESULT_VERBS:
        return True  # "led to the arrest of", "resulted in the deaths of"
    return noun.dep_ == "dobj" and head.lemma_.lower() in _RESULT_VERBS and head.lemma_.lower() != "lead"


def _names_party(noun: Token) -> bool:
    """Whether an act noun's own phrase says who did it or to whom: a possessor ("Trump's
    imposition"), a nationality ("a Turkish offensive"), or an of/by/against/on party."""
    for c in noun.children:
        if c.dep_ == "poss" and _party(c):
            return True
        if c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "GPE", "ORG") or code_text(c.text).country):
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "against", "on", "from") and any(
                _party(g) for g in c.children if g.dep_ == "pobj"):
            return True
    return False


def _object(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)


_PURPOSE_HEADS = frozenset("aim design intend mean gear".split())


def _background(tok: Token) -> bool:
    """A verb that describes a noun rather than reports a happening: "a letter handed over to the
    UN", "the shooting deaths", "involvement in killing"."""
    if tok.dep_ in ("amod", "compound", "nmod"):
        return True
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True
    up = tok.head.head if tok.dep_ == "pcomp" else tok.head if tok.dep_ == "xcomp" else None
    if up is not None and up.lemma_.lower() in _PURPOSE_HEADS and up.tag_ == "VBN":
        return True  # "a meeting aimed at establishing ties", "a plan designed to end the war"
    return tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN", "PROPN")


def _met_outcome(tok: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "csubjpass", "auxpass") for c in tok.children):
        return True  # "the plea was met with brutality": a reception, not a meeting
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in _NOT_MET for o in objs)


def _verb_subject(tok: Token) -> Token | None:
    """The doer of a verb as the parse gives it: its subject, a shared subject of a conjoined verb,
    the antecedent of a relative pronoun, a passive's "by" agent."""
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if subj is not None:
            if subj.tag_ == "WDT" or subj.lower_ in ("that", "which", "who") and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _force_sense(tok: Token, obj: Token | None) -> str | None:
    """For a force trigger (CAMEO 17-20): NO_EVENT when it is no use of force, a CAMEO code when it
    is another act, None when it stands. A sense check by the kind of thing on each side, not by
    the verb: "fought back tears", "the storm struck the coast", "beat Argentina in the final",
    "attacked the government's policy" (criticism, CAMEO 111)."""
    lemma = tok.lemma_.lower()
    objs = [obj] if obj is not None else []
    objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("against", "with", "off")
             for g in c.children if g.dep_ == "pobj"]
    for o in objs:
        word = o.lemma_.lower()
        if word == "war" and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _FIGURATIVE_WARS
                                 for c in o.children):
            return NO_EVENT
        if word in _CRITICISED and lemma in _VERBAL_FORCE and o.dep_ in ("dobj", "nsubjpass"):
            return "111"
        if word in _FIGURATIVE_OBJECTS:
            return NO_EVENT
    subj = _verb_subject(tok)
    if subj is not None and subj.lemma_.lower() in NATURAL_AGENTS and subj.pos_ == "NOUN":
        return NO_EVENT
    if _named_storm(subj):
        return NO_EVENT  # "Cyclone Jude struck the coast"
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None and agent.lemma_.lower() in NATURAL_AGENTS:
        return NO_EVENT  # "destroyed by floods"
    if subj is not None and subj.lemma_.lower() in _SPEAKING_THINGS and subj.pos_ == "NOUN":
        return "111" if lemma in _VERBAL_FORCE else NO_EVENT
    if lemma in _VERBAL_FORCE and any(
            c.dep_ == "prep" and c.lower_ == "for" and not any(
                g.ent_type_ in ("DATE", "TIME") or g.lemma_.lower() in _DURATIONS for g in c.children)
            for c in tok.children):
        return "111"  # "attacked France for its support of the plan": blamed for something
    if subj is not None and subj.lemma_.lower() in _CROWDS and subj.dep_ == "nsubj" and lemma not in _KILL_VERBS:
        return "145"  # "protesters clashed with police", "demonstrators set fire to": a riot
    if lemma in _DEFEAT_VERBS:
        sides = [t for t in (subj, obj) if t is not None]
        if any(t.lemma_.lower() in _COMPETITORS for t in sides):
            return NO_EVENT
        if len(sides) == 2 and all(t.ent_type_ == "PERSON" for t in sides) and obj is not None and obj.dep_ == "dobj":
            return NO_EVENT  # "Sanders beat Clinton in Michigan": one named person defeats another at the polls
        if any(g.lemma_.lower() in _CONTESTS or g.lower_ in ("polls", "ballot")
               for t in [tok, *([obj] if obj is not None else [])] for c in t.children if c.dep_ == "prep"
               for g in c.children if g.dep_ == "pobj"):
            return NO_EVENT
    return None


# Verbs of commitment: a commitment to use force or coercion is a threat ("vowed to retaliate",
# "pledged to crush the rebellion"), CAMEO 13x, not an intent to cooperate (03x).
_VOW_VERBS = frozenset("vow pledge promise swear".split())
_THREAT_OF = {"17": "131", "18": "138", "19": "138", "20": "138", "15": "138", "14": "133", "16": "1312"}


def _vowed_force(tok: Token, entry: Entry, verbs: dict[str, tuple[Entry, ...]]) -> Entry:
    for x in tok.children:
        if x.dep_ != "xcomp" or x.pos_ != "VERB":
            continue
        bare = next((e for e in verbs.get(x.lemma_.lower(), ()) if not e.words), None)
        if bare is None or bare.cameo == NO_EVENT or bare.cameo[:2] not in _THREAT_OF:
            continue
        if bare.cameo[:2] in _FORCE_CODES and _force_sense(x, _object(x)) is not None:
            continue  # "vowed to fight corruption"
        return Entry((), _THREAT_OF[bare.cameo[:2]], None, entry.source, entry.key)
    return entry


_STATE_VOICES = frozenset("government ministry embassy president minister premier spokesman spokeswoman "
                          "spokesperson ambassador envoy diplomat chancellor cabinet kremlin".split())


def _state_speaks(tok: Token) -> bool:
    """Whether a state, not a crowd, is the subject: "Japan protested", "the government protested"."""
    subj = _verb_subject(tok)
    if subj is None:
        return False
    return subj.ent_type_ == "GPE" or subj.lemma_.lower() in _STATE_VOICES


def _summoned_to_complain(tok: Token, verbs: dict[str, tuple[Entry, ...]]) -> bool:
    """An envoy summoned to hear a protest: the summons is the complaint (CAMEO 114), which the
    purpose clause ("to protest the air strikes", "to complain of", "to condemn") says."""
    for x in tok.children:
        if x.dep_ not in ("advcl", "xcomp") or x.pos_ != "VERB":
            continue
        lemma = x.lemma_.lower()
        bare = next((e for e in verbs.get(lemma, ()) if not e.words), None)
        if lemma in ("protest", "complain", "object") or bare is not None and bare.cameo[:2] == "11":
            return True
    return False


def _calls_on_someone(tok: Token) -> bool:
    """"called on the Japanese minister on Friday" visits; "called on Japan to lift the ban",
    "called on Japan for restraint" ask something of it."""
    on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"), None)
    who = next((g for g in on.children if g.dep_ == "pobj"), None) if on is not None else None
    if who is None or who.ent_type_ not in ("PERSON", "") or who.pos_ not in ("NOUN", "PROPN"):
        return False
    asked = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl", "dobj")]
    asked += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "to")]
    asked += [c for c in who.subtree if c.dep_ in ("acl", "relcl", "xcomp", "prep") and c.lower_ != "of"]
    return not asked and who.lemma_.lower() not in ("government", "community", "country", "nation", "side",
                                                    "party", "people", "world")


def _match(entries: tuple[Entry, ...], lemmas: set[str]) -> Entry | None:
    return next((e for e in entries if all(w in lemmas for w in e.words)), None)


# Nominalisations: "staged a demonstration" is the verb "demonstrate" made a noun. The suffixes
# that turn an English verb into the noun of its act, and what the verb ends in instead.
_NOMINAL_SUFFIXES = (("ation", "ate"), ("ation", "e"), ("ation", ""), ("ition", "ite"), ("sion", "de"),
                     ("ion", "e"), ("ion", ""), ("ment", ""), ("ial", "y"), ("al", "e"), ("al", ""),
                     ("ance", ""), ("ance", "e"), ("ence", "e"), ("ence", ""), ("ure", "e"), ("ing", ""),
                     ("ing", "e"), ("y", ""), ("", "en"), ("", ""))
# Things, not acts, though a verb shares their form: "making bombs", "supplying arms".
_ARTIFACTS = frozenset("bomb shell mine rocket missile arm weapon drone grenade mortar tank gun ship plane "
                       "jet truck car house book film record phone app model product album video photo "
                       "picture package bill table chair".split())


@lru_cache(maxsize=8192)
def _verb_forms(noun: str) -> tuple[str, ...]:
    out = []
    for suffix, ending in _NOMINAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            out.append(noun[:len(noun) - len(suffix)] + ending)
    return tuple(dict.fromkeys(out))


def _derived_entries(noun: str, verbs: dict[str, tuple[Entry, ...]]) -> tuple[Entry, ...]:
    """The bare coded entry of the verb a noun names the act of ("deployment" -> "deploy"), for a
    noun no table lists: the verb tables are broad, the noun table is short."""
    if noun in _ARTIFACTS:
        return ()
    for verb in _verb_forms(noun):
        bare = [e for e in verbs.get(verb, ()) if not e.words]
        if bare and bare[0].cameo != NO_EVENT:
            return (bare[0],)
    return ()


# Nouns that only say an act was undertaken: the act is their modifier ("a mediation effort",
# "a campaign of arrests", "a new round of talks").
_GENERIC_ACTS = frozenset("effort mission campaign operation drive bid initiative round wave series process "
                          "attempt spate string day week month hour".split())


def act_modifier(tok: Token) -> Token | None:
    """The act a generic act noun names ("a series of airstrikes" -> "airstrikes"), for its evidence span."""
    if tok.lemma_.lower() not in _GENERIC_ACTS:
        return None
    return next((m for m in [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
                 + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj" and g.pos_ == "NOUN"]), None)


def _modifier_entries(tok: Token, nouns: dict[str, tuple[Entry, ...]],
                      verbs: dict[str, tuple[Entry, ...]]) -> tuple[Entry, ...]:
    mods = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    mods += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
             if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    for m in mods:
        lemma = m.lemma_.lower()
        if lemma == "game" and any(c.lower_ == "war" for c in m.children):
            lemma = "exercise"
        entries = nouns.get(lemma) or _derived_entries(lemma, verbs)
        if entries:
            return entries
    return ()


def _fallback(tok: Token, lex: Lexicon, kids: set[str]) -> Entry | None:
    """PETRARCH's coded pattern for a verb we code, when none of ours matches ("reached a
    consensus", "set fire to"); not where the object is itself an act the noun table names ("launched
    a mediation effort", "ordered the evacuation": the noun's act decides)."""
    entry = _match(lex.fallback[tok.lemma_.lower()], kids)
    obj = _object(tok)
    if entry is None or obj is None:
        return entry
    noun = obj.lemma_.lower()
    if noun in _GENERIC_ACTS or noun in lex.nouns or (
            tok.lemma_.lower() in _LIGHT_VERBS and _derived_entries(noun, lex.verbs)):
        return None  # "ordered the evacuation": the noun's act ("evacuate"), as with no pattern
    return entry


def find_triggers(sent: Span, lex: Lexicon | None = None) -> Iterator[Trigger]:
    """Every lexicon trigger in one sentence, verbs first matched with their children."""
    lex = lex or lexicon()
    claimed: set[int] = set()  # nouns already part of a verb pattern ("held talks")
    doc = sent.doc
    cols = columns(doc)
    poss, deps, lemmas = cols.pos, cols.dep, cols.lemma
    verbs, nouns, adjectives = lex.verbs, lex.nouns, lex.adjectives
    for i in range(sent.start, sent.end):
        pos = poss[i]
        if pos not in ("VERB", "AUX") or (pos == "AUX" and deps[i] == "aux"):
            continue
        entries = verbs.get(lemmas[i])
        if entries and lemmas[i].endswith(("ise", "yse")) and lemmas[i][:-2] + "ze" in verbs:
            # "recognise": the American spelling's entries (ours) first, on a tie
            entries = tuple(sorted(verbs[lemmas[i][:-2] + "ze"] + entries, key=lambda e: -len(e.words)))
        if not entries:
            entries = next((verbs[f] for f in verb_lemmas(doc[i]) if f in verbs), None)
        if not entries and lemmas[i] not in _SEND_LIKE:
            continue
        tok = doc[i]
        if _background(tok):
            continue
        kids = _child_lemmas(tok)
        entry = _match(entries, kids) if entries else None
        if entry is None and lemmas[i] in lex.fallback:
            entry = _fallback(doc[i], lex, kids)
        if lemmas[i] in _SEND_LIKE and (entry is None or not entry.words):
            sent_like = _match(tuple(e for e in verbs.get("send", ()) if e.words), kids)
            entry = sent_like or entry
        if entry is None:
            continue
        if entry is None or entry.cameo == NO_EVENT:
            continue
        if entry.source != OURS and tok.dep_ == "relcl" and any(
                g.lower_ == "whose" for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            continue  # "Qatar and Bahrain, whose ties were strained by ...": a description, not news
        obj = _object(tok)
        if obj is not None and obj.lemma_.lower() in _SPEECH_OBJECTS and entry.cameo[:2] in ("05", "07"):
            continue
        if obj is not None and obj.lemma_.lower() in _ABSTRACT_GIFTS and entry.cameo[:2] in ("03", "05", "06", "07"):
            continue  # "gave impetus to the talks", "provides an opportunity": nothing handed over
        if obj is not None and obj.lemma_.lower() == "war" and any(
                c.dep_ in ("compound", "amod") and c.lemma_.lower() in _FIGURATIVE_WARS for c in obj.children):
            continue  # "launched a drug war", "a trade war": no fighting
        if lemmas[i] in ("talk", "hear") and entry.cameo[:2] == "04" and not any(
                c.dep_ == "prep" and c.lower_ in ("with", "to", "between", "among", "from") for c in tok.children) and (
                lemmas[i] == "hear" or any(c.dep_ == "prep" and c.lower_ in ("about", "of") for c in tok.children)):
            continue  # "the White House talks about a deal", "you heard the president": no meeting
        if lemmas[i] == "agree" and entry.cameo[:2] == "03" and not any(
                c.dep_ in ("xcomp", "ccomp") for c in tok.children) and any(
                not _party(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                for g in c.children if g.dep_ == "pobj"):
            entry = Entry(entry.words, "051", None, entry.source, entry.key)  # "agree with the proposal": backing it
        if entry.cameo[:2] == "15" and lemmas[i] in ("amass", "mass", "gather", "accumulate", "build") and (
                obj is not None and not _armed(obj) and obj.lemma_.lower() not in _ARMS):
            continue  # "amassed 12 million followers": no forces gathered
        if lemmas[i] == "demonstrate" and entry.cameo[:2] == "14" and obj is not None and obj.dep_ == "dobj":
            continue  # "demonstrate the added value", "demonstrated its resolve": showing, not protesting
        if lemmas[i] == "challenge" and any(g.lemma_.lower() in _CONTESTS for c in tok.children if c.dep_ == "prep"
                                            for g in c.children if g.dep_ == "pobj"):
            continue  # "challenging the president in next year's election": a race, not a rebuke
        if entry.cameo[:2] in _FORCE_CODES and obj is not None and (obj.lemma_.lower() in _ANIMALS or any(
                g.lemma_.lower() in _ANIMALS for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj")):
            continue  # "cattle were slaughtered for food": no party attacked
        if entry.cameo[:2] == "17" and lemmas[i] in ("burn", "torch") and obj is None:
            continue  # "fires continue to burn": nothing set on fire by anyone
        if entry.cameo[:2] == "13" and any(not _party(g) for c in tok.children if c.dep_ == "agent"
                                           for g in c.children if g.dep_ == "pobj"):
            continue  # "is threatened by the high consumption of meat": endangered by a thing
        if entry.cameo[:2] in ("06", "07") and lemmas[i] == "contribute" and any(
                not _party(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children if g.dep_ == "pobj"):
            continue  # "the supply contributed to the proliferation of stalls": a cause, not aid
        subj = _verb_subject(tok)
        if entry.cameo[:2] == "11" and (_named_storm(subj) or lemmas[i] == "slam" and any(
                c.dep_ == "prep" and c.lower_ in ("into", "onto") for c in tok.children)):
            continue  # "Cyclone Jude slammed into the coast": no criticism
        if entry.cameo[:3] == "143" and lemmas[i] == "strike" and (obj is not None or any(
                c.dep_ in ("agent", "auxpass") for c in tok.children)):
            continue  # "was struck by a cyclone", "struck the town": no labour strike
        if lemmas[i] == "charge" and entry.cameo[:2] == "11" and not entry.words and (
                obj is None or obj.dep_ == "dobj" and not _party(obj)):
            continue  # "yet charge less", "charged a fee": a price, no accusation
        if entry.cameo[:2] == "04" and entry.cameo[:3] in ("042", "043") and _traveller(subj):
            continue  # "tourists visited Vietnam": travel, not diplomacy
        if lemmas[i] == "seek" and obj is None and any(c.dep_ == "xcomp" for c in tok.children):
            continue  # "seeks to counter China": an aim, whose act (if any) is the event
        if lemmas[i] == "confer" and entry.cameo[:2] == "04" and obj is not None:
            if obj.lemma_.lower() not in _HONOURS:
                continue  # "conferred citizenship": no meeting
            entry = Entry(entry.words, "051", None, entry.source, entry.key)  # "conferred its highest honour on"
        if lemmas[i] == "help" and (subj is not None and subj.lower_ == "it"
                                    and not any(c.dep_ in ("dobj", "dative") for c in tok.children)):
            continue  # "it helps if there is ...": no one helped
        if lemmas[i] == "seek" and obj is not None and obj.lemma_.lower() in _SELF_GOALS:
            continue  # "would seek political benefit", "seeks re-election": asks no one
        if entry.cameo[:3] == "084" and lemmas[i] == "release" and obj is not None and not (_people(obj) or _party(obj)):
            continue  # "no evidence was released", "released its report": no one set free
        if lemmas[i] == "decline" and entry.cameo[:2] == "12" and obj is None and not any(
                c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            continue  # "the number of refugees declined": a fall, not a refusal
        if entry.cameo[:2] == "13" and obj is not None and obj.dep_ == "dobj" and obj.lemma_.lower() in _ENDANGERED:
            continue  # "threatening the territorial integrity": endangering a thing, no threat to a party
        if entry.cameo[:2] in ("06", "07") and lemmas[i] == "contribute" and (
                obj is None and not any(c.dep_ == "prep" and c.lower_ in ("to", "toward", "towards") for c in tok.children)
                or obj is not None and obj.lemma_.lower() in _WRITING):
            continue  # "contributed reporting from Nairobi", "X contributed from Y": a byline
        if entry.cameo[:2] == "04" and lemmas[i] in _ARRIVE_VERBS and _armed(subj):
            # "peacekeepers arrived in Bosnia" (CAMEO 074), "warships arrived" (154): no visit
            peace = any(t.lower_.startswith("peacekeep") for t in subj.subtree)
            entry = Entry(entry.words, "074" if peace else "154", None, entry.source, entry.key)
        if entry.cameo[:2] == "04" and lemmas[i] in _MOTION_VERBS and _goes_nowhere(tok):
            continue  # "came to power", "when it comes to trade", "may come to our agenda"
        if lemmas[i] in _CAPTURE_VERBS and entry.cameo[:2] == "19" and obj is not None and _people(obj):
            entry = Entry((), "173", None, entry.source, entry.key)  # "captured rebels": taken, not a town won
        if lemmas[i] in _RECOGNISE_VERBS and entry.cameo[:2] == "05" and obj is not None and not (
                _party(obj) or any(_party(g) for c in obj.children if c.dep_ in ("poss", "prep") for g in
                                   ([c] if c.dep_ == "poss" else [x for x in c.children if x.dep_ == "pobj"]))):
            continue  # "recognize a difficult situation": no party is recognised
        if entry.cameo[:2] == "05" and lemmas[i] in _ATTITUDE_VERBS and any(
                c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in tok.children):
            continue  # "Tehran would welcome the closure": a leaning, not an act
        if entry.cameo[:2] in ("05", "06", "07") and any(
                g.lemma_.lower() in _WRITING for c in tok.children if c.dep_ == "prep" for g in c.children):
            continue  # "contributed to this report": a byline
        if entry.cameo[:3] == "144" and obj is not None and obj.lemma_.lower() in _BLOCKED_ACTS:
            entry = Entry((), "120", None, entry.source, entry.key)  # "blocked the aid package": a veto
        if entry.cameo[:2] >= "15" and obj is not None and obj.lemma_.lower() in _GOAL_WORDS and obj.dep_ == "dobj" \
                and any(c.dep_ in ("poss", "compound") for c in obj.children) \
                and not any(c.dep_ in ("poss", "compound") and (c.pos_ == "PROPN" or c.ent_type_)
                            for c in obj.children):
            continue  # "hit its revenue target": a goal met; "struck Hamas targets" is force
        if entry.cameo == "110" and not entry.words and obj is not None and obj.dep_ == "dobj" \
                and obj.lemma_.lower() in _ASKS:
            entry = Entry((), "120", None, entry.source, entry.key)  # "dismissed the appeal": a refusal
        if entry.cameo[:2] in _FORCE_CODES:
            sense = _force_sense(tok, obj)
            if sense == NO_EVENT:
                continue
            if sense is not None:
                entry = Entry((), sense, None, entry.source, entry.key)
        if deps[i] == "conj" and (tok.head.pos_ in ("NOUN", "PROPN") or tok.head.dep_ in _NOMINAL_SLOTS):
            continue  # "hide and seek", "cut and paste": a verb tagged inside a noun phrase
        if tok.lemma_.lower() == "meet" and _met_outcome(tok):
            continue
        if entry.key == "call on" and _calls_on_someone(tok):
            entry = Entry((), "042", None, entry.source, entry.key)  # "called on the minister": a visit
        if tok.lemma_.lower() == "protest" and entry.cameo == "140" and _state_speaks(tok):
            entry = Entry((), "114", None, entry.source, entry.key)  # "the government protested": a complaint
        if tok.lemma_.lower() == "summon" and entry.cameo[:2] == "04" and _summoned_to_complain(tok, verbs):
            entry = Entry((), "114", None, entry.source, entry.key)  # "summoned the envoy to protest"
        if entry.cameo[:2] == "03" and tok.lemma_.lower() in _VOW_VERBS:
            entry = _vowed_force(tok, entry, verbs)
        if entry.words and obj is not None:
            claimed.add(obj.i)
        yield Trigger(tok, entry)
    for i in range(sent.start, sent.end):
        pos = poss[i]
        if pos == "ADJ" and lemmas[i] in adjectives:
            yield Trigger(doc[i], adjectives[lemmas[i]][0])
        if pos not in ("NOUN", "PROPN") or i in claimed:
            continue
        entries = nouns.get(lemmas[i])
        tok = doc[i]
        if not entries and lemmas[i] == "game" and any(c.lower_ == "war" and c.dep_ == "compound" for c in tok.children):
            entries = nouns.get("exercise")  # "war games" are military exercises
        head = tok.head
        light = tok.dep_ in ("dobj", "attr") and (head.lemma_.lower() in _LIGHT_VERBS or any(
            f in _LIGHT_VERBS for f in verb_lemmas(head)))
        if not entries and light and head.lemma_.lower() != "have":  # "has some provisions": owned, not done
            entries = _derived_entries(lemmas[i], verbs)
        if not entries and light and lemmas[i] in _GENERIC_ACTS:
            entries = _modifier_entries(tok, nouns, verbs)
        if not entries and not light and told_as_past(tok):
            # "following the imposition of sanctions": the act the noun names, or its "of" act
            entries = _derived_entries(lemmas[i], verbs) or _modifier_entries(tok, nouns, verbs)
        if not entries:
            continue
        if light:
            yield Trigger(tok, entries[0], light=head)
        elif entries[0].cameo[:2] >= "14" and told_as_past(tok) and _names_party(tok):
            yield Trigger(tok, entries[0])  # "following Trump's imposition of sanctions", "led to the arrest of five"
        elif tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() not in _STATIVE_VERBS and (
                entries[0].cameo[:2] in _EVENTFUL_CODES or head.lemma_.lower() in _OCCUR_VERBS):
            yield Trigger(tok, entries[0])
