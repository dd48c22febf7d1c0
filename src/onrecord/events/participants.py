"""Who did it and to whom: actor and recipient phrases from the dependency parse."""
from __future__ import annotations

from itertools import islice

from spacy.tokens import Doc, Span, Token

from ..entities import columns, doc_cache, doc_text, name_gender, span_ents, span_text
from ..model import Entity, Participant
from .actors import Code, code_text, place_kind, tables

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_RECIPIENT_PREPS = frozenset("with to against on from into toward towards between for upon at".split())
# Children that end an actor phrase: clauses and appositions say more than who acted.
_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
_PRONOUNS = frozenset("he she they it we i you who which that this".split())
_SPEECH = frozenset("say tell announce declare state report add claim insist".split())
_RELATIONAL = frozenset("counterpart rival opponent enemy foe adversary ally neighbour neighbor host guest "
                        "critic accuser successor predecessor".split())
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_RELATIVE = frozenset("who which that whom".split())
_CONSULT_PREPS = frozenset("with between to among".split())
# Groups sent to meet someone: "received a delegation from X" names X as the guest.
_VISITING_GROUPS = frozenset("delegation mission team envoy emissary".split())
# Verbs whose direct object is what was talked about, not who was talked to.
_TOPIC_VERBS = frozenset("discuss negotiate talk debate consider review raise address".split())
_ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NON_REFERRING = frozenset("it its which that this these those what whom who".split())
# A reflexive object is the actor itself ("recused himself"), never a second party.
REFLEXIVE = frozenset("himself herself itself themselves themself ourselves myself yourself yourselves "
                      "oneself".split())
# Prepositional phrases that say what a party is about, when or where it is, not who it is: a
# participant's span stops before them ("Russian intermediaries about the Trump campaign").
_TRIM_PREPS = frozenset("about regarding concerning over during after before since amid amidst despite "
                        "including following like unlike than until throughout via through without near "
                        "between besides excluding".split())
# Participles that read as passives but whose subject acts: "forces were engaged in fighting".
_PSEUDO_PASSIVE = frozenset("engage involve embroil lock".split())
_OTHER_PARTY_PREPS = frozenset("against with to toward towards on upon".split())
_DEFINITE = frozenset("the this that these those".split())
_LOOKBACK = 200  # tokens searched back for the antecedent of "the officials", "the government"


def _trimmed(tok: Token) -> bool:
    # "accused the bloc of being manipulated": the charge hung on the noun is not its name
    return tok.dep_ == "prep" and (tok.lower_ in _TRIM_PREPS or tok.lower_ == "of" and any(
        c.dep_ == "pcomp" and c.tag_ in ("VBG", "VBN") for c in tok.children))


def phrase(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by tok, without clauses or conjuncts."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in _CUT_DEPS and not _trimmed(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        # inner conjuncts of an "of" object stay: "the ministers of Egypt and Sudan"
        stack.extend(c for c in t.children if (c.dep_ not in _CUT_DEPS or t.i != tok.i and (
            c.dep_ == "cc" or c.dep_ == "conj" and t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == tok.i))
            and not _trimmed(c))
    idx = sorted(t.i for t in keep)
    start, end = idx[0], idx[-1] + 1
    doc = tok.doc
    for i in range(start, tok.i):
        if "\n" in doc[i].text_with_ws or doc[i].is_space:
            start = i + 1  # a phrase never reaches back across a line break (headlines, captions)
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    while end - 1 > tok.i and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "case"):
        end -= 1
    return start, end


def with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(with_conjuncts(c))
    return out


def subject(trigger: Token, light: Token | None = None) -> Token | None:
    """The acting noun of a trigger: its subject, the agent of a passive, or a controller's subject.
    A thing or an abstraction ("the plan would hurt farmers", "his popularity shows") is no
    actor: the party it belongs to is ("the council's plan"), else there is none."""
    found = _subject(trigger, light)
    if found is not None and _is_thing(found):
        return _thing_owner(found) or _speaker_past_thing(trigger, found)
    return found


def _speaker_past_thing(trigger: Token, thing: Token) -> Token | None:
    """"X said the plan aims to ... and urged Y to ...": the parser hung the second verb on the
    reported clause; a thing cannot urge, so its reporter did."""
    if trigger.dep_ != "conj" or trigger.i < thing.i:
        return None
    clause = trigger.head
    if clause.dep_ != "ccomp" or thing.head.i != clause.i or clause.head.lemma_.lower() not in _SPEECH:
        return None
    if any(c.dep_ in _SUBJ for c in trigger.children):
        return None
    return next((c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)


# Abstract nouns by their ending, and common things that are said to act in news prose but are
# nobody: a party's plans, words, documents, measures, times and figures.
_THING_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship", "ure", "acy", "ency",
                  "ancy")
_THINGS = frozenset("plan move job popularity word words session call issue position bill law deal "
                    "policy decision report statement tweet remark comment idea proposal measure program "
                    "programme effort strategy rule way month year week day time poll vote result letter "
                    "document book article story video ad advert message speech record change problem "
                    "question case project system budget tax price cost fund money figure number data "
                    "evidence rhetoric attempt bid approach step scheme stance view argument "
                    "claim theory blizzard flood wave series string barrage "
                    "agenda platform rise fall growth decline surge news headline footage photo image statute decree "
                    "verdict treaty accord pact ruling initiative".split())
# Bodies and people whose names end like an abstraction: "the coalition", "the delegation".
_BODY_LIKE = frozenset("coalition delegation commission association majority minority movement establishment "
                       "leadership management federation confederation foundation corporation institution nation "
                       "population generation congregation constituency presidency legislature entity celebrity "
                       "personality authority opposition administration organisation organization community "
                       "ministry agency government parliament department militia junta city municipality "
                       "society fraternity sorority alliance audience mission station publication membership "
                       "bureaucracy conference".split())


def _is_thing(tok: Token) -> bool:
    """A common noun that names no party: no entity, no role or people word, and an abstraction
    by its ending or a common thing ("plan", "tweets", "months")."""
    if tok.pos_ != "NOUN" or tok.ent_type_ in _ENT_LABELS or heads_actor(tok):
        return False
    lemma = tok.lemma_.lower()
    if lemma in _BODY_LIKE or lemma.endswith(("er", "or", "ist", "ian", "ant", "ent")) and not lemma.endswith(
            _THING_ENDINGS):
        return False
    return lemma in _THINGS or lemma.endswith(_THING_ENDINGS)


def _thing_owner(tok: Token) -> Token | None:
    """The party a thing belongs to or is of: "the council's plan" -> the council, "months of
    strikes by X" -> X; a possessive pronoun ("his plan") when it is the only owner named."""
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") and (heads_actor(c) or _name(c)):
            return c
        if c.dep_ == "poss" and c.tag_ == "PRP$" and c.lower_ in _POSS_PRONOUN:
            return c
    inner = _inner_actor(tok, depth=2)
    if inner is not None and inner.pos_ != "PRON":
        return inner
    # "a Grendan proposal": the people or state its modifier names.
    return next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")),
                None)


# A possessive pronoun as the owner of a thing that acts ("his tweets denounced X"): resolved as
# the personal pronoun it stands for.
_POSS_PRONOUN = {"his": "he", "her": "she", "their": "they", "its": "it"}


def _subject(trigger: Token, light: Token | None = None) -> Token | None:
    verb = light or trigger
    if light is None and _between_sides(trigger):
        return None  # "fled after fighting between X and Y": the sides named are who fought
    if light is None and trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ == "compound" and city_or_region(c):
                continue  # "the Paris attacks", "a Kabul blast": where it happened, not who did it
            if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN") and is_actorish(c):
                return c
        for c in trigger.children:
            if c.dep_ == "amod" and c.i < trigger.i and c.pos_ == "ADJ" and code_text(c.text).country not in (
                    None, "IGO") and not ("-" in c.text or c.doc[c.i - 1].text == "-"):  # not "anti-Russian"
                return c  # "Israeli airstrikes", "Russian shelling": the state whose act it is
        agent = _agent(trigger)  # "an investigation by the FBI"
        if agent is None:  # "an offensive launched by forces in Puntland"
            agent = next((a for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"
                          for a in [_agent(c)] if a is not None), None)
        return agent
    if _bare_passive(verb):
        # "when pressed by reporters, X apologized", "X should be able to be sued": a passive
        # with no subject of its own was done to the clause's subject; only its agent acted.
        return _agent(verb)
    for _ in range(4):
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if passive:
            agent = _agent(verb)
            if agent is not None:
                return agent
            force = _reporting_force(verb) if verb is trigger else None
            if force is not None:
                return force
            if verb.lemma_.lower() in _PSEUDO_PASSIVE:  # "Serb forces were engaged in ..."
                return next(c for c in verb.children if c.dep_ == "nsubjpass")
            if verb is not trigger or verb.dep_ in ("advcl", "conj", "xcomp", "acomp"):
                # "... when their convoy was ambushed": its own subject was acted on; who acted is
                # not the main clause's subject.
                return None
        elif verb is trigger and _elliptic_passive(verb):
            return None  # "five were killed and ten wounded": the ten were wounded, they did not act
        elif verb is trigger and trigger.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
            # "the car hit a mine and was then attacked": the subject it shares is the one attacked.
            agent = _agent(verb)
            if agent is not None or verb.lemma_.lower() not in _PSEUDO_PASSIVE:
                return agent
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if _mislabelled_passive(verb):
            subjects = []  # "... who he said was killed": the subject of a passive was acted on
        if len(subjects) > 1 and any(t.text in _DASHES for t in verb.doc[subjects[0].i:subjects[-1].i]):
            subjects = subjects[-1:]  # a dateline before the subject: "NAIROBI (AP) - Kenyan police"
        for c in subjects[:1]:
            if verb.dep_ == "relcl" and c.lower_ in _RELATIVE:
                return verb.head  # "the soldiers who shot the protesters": the soldiers
            if verb.dep_ == "relcl" and any(g.lower_ in ("whom", "which") for p in c.children
                                            if p.dep_ == "prep" and p.lower_ == "of" for g in p.children):
                return verb.head  # "two Democrats, both of whom opposed it": the Democrats
            return c
        if verb.dep_ == "relcl" and not passive:
            return verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and heads_actor(verb.head):
            return verb.head  # "protesters demanding the release of ...": the protesters
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ in ("prep", "agent"):
            # "responded by blocking ...", "played a role in denying ...", "besides attacking
            # X, Y said": a gerund under a preposition is done by the clause's subject; under
            # "accused X of", "stopped X from" by the one named before it.
            doer = _gerund_doer(verb.head)
            if isinstance(doer, Token) and doer.pos_ in ("VERB", "AUX"):
                verb = doer
                continue
            return doer
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _OBJECT_CONTROL:
            # "forced the minister to resign", "urged Kesh to release them": the object does it.
            obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None and obj.lower_ not in REFLEXIVE and (heads_actor(obj) or _name(obj)):
                return obj
        if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head is not verb:
            verb = verb.head
            if any(c.dep_ == "nsubjpass" for c in verb.children) and trigger.dep_ == "conj":
                # "X has been indicted ... and will resign": the one who resigns is X.
                return next(c for c in verb.children if c.dep_ == "nsubjpass")
            continue
        break
    return None


def _between_sides(trigger: Token) -> bool:
    """A happening that names its two sides itself: "fighting between X and Y", "clashes between"."""
    return any(c.dep_ == "prep" and c.lower_ == "between" and any(
        g.dep_ == "pobj" and g.conjuncts for g in c.children) for c in trigger.children)


# Verbs of taking men and arms whose agentless passive, told by an armed or police body, is that
# body's own act: "the army says rifles were seized and militants captured".
_SEIZING = frozenset("seize capture arrest detain neutralize neutralise confiscate apprehend intercept "
                     "dismantle".split())
_SECURITY = frozenset({"MIL", "COP", "SPY"})


def _reporting_force(verb: Token) -> Token | None:
    """The armed or police body whose report ("X says ...") an agentless passive of seizing is."""
    if verb.lemma_.lower() not in _SEIZING:
        return None
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SPEECH:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    a, b = phrase(speaker)
    return speaker if code_text(speaker.doc[a:b].text).sector in _SECURITY else None


# Prepositions whose gerund is done by the object of the verb they hang on ("accused X of
# killing", "stopped X from leaving", "thanked X for helping"), or by a passive's subject.
_OBJECT_GERUND_PREPS = frozenset("of for from with against".split())


def _gerund_doer(prep: Token) -> Token | None:
    """Who does the gerund under prep: the verb it hangs on (the caller takes that verb's
    subject), climbing through a noun that is the verb's object ("played a role in denying"); or
    that verb's object or passive subject for "accused X of doing"; None when the preposition
    hangs on a noun that acts (a subject) or on nothing clausal."""
    head = prep.head
    if prep.lower_ in _OBJECT_GERUND_PREPS and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "nsubjpass") \
            and (heads_actor(head) or _name(head)):
        return head  # "barred the president from waiving": the president would waive
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            break
        if head.pos_ in ("NOUN", "PROPN", "PRON") and head.dep_ in ("dobj", "attr", "npadvmod"):
            head = head.head
        elif head.pos_ in ("NOUN", "PROPN", "PRON") and head.dep_ == "pobj" and head.head.dep_ == "prep":
            head = head.head.head
        else:
            return None
    if head.pos_ not in ("VERB", "AUX") or head.i == prep.i:
        return None
    if prep.head.i == head.i and prep.lower_ in _OBJECT_GERUND_PREPS:
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.i < prep.i), None)
        if obj is not None:
            return obj if heads_actor(obj) or obj.pos_ == "PROPN" else None
    if any(c.dep_ == "nsubjpass" for c in head.children) or _bare_passive(head):
        return None  # "was praised for helping": who did the praising says nothing of the helper
    return head


def city_or_region(tok: Token) -> bool:
    """A city, capital or region name (not a country) modifying a noun: the place of it."""
    if tok.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    a, b = phrase(tok)
    return place_kind(tok.doc[a:b].text) in ("capital", "city", "region")


def _bare_passive(verb: Token) -> bool:
    """A passive participle with no subject of its own: "(when) pressed by reporters", "to be
    sued", "being questioned". Its controller is the one acted on."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() in _PSEUDO_PASSIVE:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return False
    if verb.dep_ == "conj":
        return False  # the conjoined passive has its own rules
    if any(c.dep_ == "auxpass" for c in verb.children):
        return verb.dep_ in ("xcomp", "advcl", "pcomp", "ccomp")
    return verb.dep_ == "advcl" and not any(c.dep_ in ("aux", "dobj") for c in verb.children) and (
        _agent(verb) is not None or any(c.dep_ == "mark" for c in verb.children) or _set_off(verb))


def _set_off(verb: Token) -> bool:
    """A participle set off by a comma after its clause's predicate: "X lay dead, shot during a raid"."""
    return verb.i > verb.head.i and verb.i > 0 and verb.doc[verb.i - 1].text == ","


# Verbs whose object does their complement: "forced the minister to resign", "urged X to release"
# (not "promised the voters to ...", nor "used phones to discuss", where the subject does it).
_OBJECT_CONTROL = frozenset("force urge ask order tell persuade convince allow permit encourage invite compel "
                            "pressure push press instruct direct require help enable prompt advise authorize "
                            "authorise forbid oblige want expect need get lead cause call inspire motivate "
                            "empower mandate summon appoint elect nominate choose select".split())


_QUOTES = frozenset('" \u201c \u201d \'\' `` \u2018 \u2019'.split())


def _quoted_apart(tok: Token, verb: Token) -> bool:
    """Whether a quotation mark stands between tok and the reporting verb: tok is in a direct quote."""
    a, b = sorted((tok.i, verb.i))
    return any(t.text in _QUOTES or t.tag_ in ("``", "''") for t in tok.doc[a + 1:b])


def _relative_head(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for, through reported clauses ("the men who officials
    said attacked"); None for a question's "who"."""
    if tok.lower_ not in _RELATIVE:
        return None
    for a in tok.ancestors:
        if a.dep_ == "relcl" and a.head.pos_ in ("NOUN", "PROPN"):
            return a.head
    return None


def _mislabelled_passive(verb: Token) -> bool:
    """A passive the parser gave an active subject: "be" + participle with "nsubj", no agent."""
    return (verb.tag_ == "VBN" and verb.lemma_.lower() not in _PSEUDO_PASSIVE and _agent(verb) is None
            and any(c.dep_ == "auxpass" for c in verb.children)
            and any(c.dep_ == "nsubj" for c in verb.children)
            and not any(c.dep_ == "nsubjpass" for c in verb.children))


def _elliptic_passive(verb: Token) -> bool:
    """"Five soldiers were killed and ten wounded": a participle with no auxiliary of its own,
    conjoined to a passive, is passive too; its subject is the one acted on."""
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and _agent(verb) is None
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            and any(c.dep_ == "auxpass" for c in verb.head.children))


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def is_actorish(tok: Token) -> bool:
    if tok.ent_type_ in _ENT_LABELS:
        return True
    if tok.lemma_.lower() in _IGO_NOUNS and tok.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and _named_igo_before(tok) is not None:
        return True  # "the bloc", "the alliance" after a named international body
    start, end = phrase(tok)
    return code_text(tok.doc[start:end].text) != Code()


def heads_actor(tok: Token) -> bool:
    """Whether the noun itself names an actor: an entity, a role or people word ("Serbian forces",
    "the Security Council"), not an act or thing that merely mentions one ("the withdrawal of
    Serbian forces", "a U.S. invasion")."""
    if tok.pos_ == "PRON":
        return tok.tag_ != "PRP$" and tok.lemma_.lower() not in _NON_REFERRING
    if tok.ent_type_ in _ENT_LABELS and tok.ent_type_ != "FAC":
        return True
    return code_text(tok.text) != Code() or code_text(tok.lemma_) != Code()


# Where an act or thing noun points to the actor it involves: "action against Russia", "an appeal
# from President Gbagbo", "Sweden's decision", "a curfew in Algiers", "property seized by X".
_INNER_PREPS = frozenset("of against from by with to on in into for between among toward towards over".split())


def _inner_actor(tok: Token, depth: int = 3) -> Token | None:
    frontier = [tok]
    for _ in range(depth):
        nxt: list[Token] = []
        for t in frontier:
            kids = sorted(t.children, key=lambda c: (c.dep_ != "poss", c.i))
            for c in kids:
                if c.dep_ == "poss":
                    nxt.append(c)
                elif c.dep_ in ("prep", "agent") and c.lemma_.lower() in _INNER_PREPS | {"by"}:
                    nxt.extend(g for g in c.children if g.dep_ == "pobj")
                elif c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
                    for g in c.children:
                        if g.dep_ in ("agent", "prep") and g.lemma_.lower() in _INNER_PREPS | {"by"}:
                            nxt.extend(x for x in g.children if x.dep_ == "pobj")
                elif c.dep_ == "compound" and c.ent_type_ in ("GPE", "NORP", "ORG"):
                    nxt.append(c)
        # "positions in northern Iraq", "an assault in X County": where, not whom.
        nxt = [t for t in nxt if not (t.dep_ == "pobj" and t.head.lower_ in _PLACE_IN and _mere_place(t))]
        for t in nxt:
            if t.tag_ == "PRP$" or t.lemma_.lower() in _NON_REFERRING:
                continue
            if heads_actor(t):
                return t
        frontier = nxt
    return None


_PLACE_IN = frozenset("in at near inside across throughout".split())


# Places a force holds: attacking "a military base" or "a police station" is attacking that force.
_INSTALLATIONS = frozenset("base post station camp barracks checkpoint outpost garrison headquarters convoy "
                           "patrol position positions".split())


# Weapons fired or dropped: what is used, never whom it is used on.
_PROJECTILES = frozenset("missile rocket shell bomb torpedo grenade mortar projectile warhead".split())


# Places and holds one side takes from another ("seized the airport from the army").
_TAKEN_PLACES = frozenset("town city village base area territory region district province airport port stronghold "
                          "position positions control hill border crossing capital garrison outpost".split())


def _mere_place(tok: Token) -> bool:
    """A place that names no party: a region or a county, district, landmark no table codes
    ("Garissa County", "northern Iraq"). A country is its state, and a known city its people
    (PLOVER codes "a curfew in Algiers" as done to Algiers' civilians)."""
    a, b = phrase(tok)
    text = tok.doc[a:b].text
    kind = place_kind(text)
    if kind is not None:
        return kind == "region"
    return tok.ent_type_ in ("GPE", "LOC", "FAC") and code_text(text) == Code()


def recipient(trigger: Token, light: Token | None, actors: set[int], *, consult: bool = False,
              topical: bool = False, transfer: bool = False, nominal_patient: bool = False,
              claimed: frozenset[int] = frozenset()) -> Token | None:
    """The target: an indirect or direct object, the object of with/to/against, a clause subject.

    For meetings (consult=True) only with/between/to/among name the other side: "on", "about"
    and "at" give the topic or the place. For transfers (transfer=True: give, send, extradite) the
    "to" object is the recipient before the thing moved. An act noun ("the withdrawal of Serbian
    forces") is looked through to the actor it involves. For an event noun (nominal_patient=True)
    its "of" object is the one acted on ("the arrest of X").
    """
    preps = _CONSULT_PREPS if consult else _RECIPIENT_PREPS
    if nominal_patient:
        preps = preps | {"of"}
    if any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE for c in trigger.children):
        # "recused himself from matters ...": acting on itself; only another party counts.
        preps = preps & _OTHER_PARTY_PREPS
    verbs = [trigger] if light is None else [light, trigger]
    # "agreed to provide aid to X": look through the complement chain as well.
    for v in list(verbs):
        for c in v.children:
            if c.dep_ in ("xcomp", "ccomp"):
                verbs.append(c)
                verbs.extend(g for g in c.children if g.dep_ == "xcomp")
                if c.dep_ == "xcomp" and not any(g.dep_ == "dobj" for g in c.children):
                    # "threatened to ban or restrict X's flights": the object both verbs share
                    verbs.extend(g for g in c.children if g.dep_ == "conj" and g.pos_ == "VERB")
    candidates: list[Token] = []
    # "discussed X", "held talks": the object is the topic or the meeting, not the other side.
    topical = topical or trigger.lemma_.lower() in _TOPIC_VERBS or (consult and light is not None)
    for v in verbs:
        datives = [next((g for g in c.children if g.dep_ == "pobj"), c)
                   for c in v.children if c.dep_ in ("dative", "iobj")]
        prepositional: list[Token] = []
        objects: list[Token] = []
        for c in v.children:
            if c.dep_ == "prep" and c.lemma_.lower() in preps:
                prepositional.extend(g for g in c.children if g.dep_ == "pobj")
                # "pressing for a truce and for the safety of Y": the second "for" too
                prepositional.extend(g for p in c.conjuncts if p.pos_ == "ADP" and p.lemma_.lower() in preps
                                     for g in p.children if g.dep_ == "pobj")
        for c in v.children:
            if c.dep_ == "nsubjpass" and c.lower_ in _RELATIVE and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
                objects.append(v.head)  # "the minister, who was accused of ...": the minister
                continue
            if c.dep_ == "nsubj" and v is trigger and (_elliptic_passive(v) or _mislabelled_passive(v)):
                objects.append(_relative_head(c) or c)  # "... and ten wounded"
                continue
            if (c.dep_ == "nsubjpass" and v is trigger and not _passive_with_agent(v) and c.pos_ == "NOUN"
                    and not heads_actor(c) and v.lemma_.lower() not in _PSEUDO_PASSIVE):
                objects.extend(_inner_list(c))  # "the opposition leader's appeal was rejected": the leader
                continue
            # A passive's subject is the one acted on ("a camp was attacked by militiamen").
            if c.dep_ == "dobj" or c.dep_ == "nsubjpass" and (v is not trigger or _passive_with_agent(v) or (
                    c.pos_ in ("PROPN", "NOUN") and (heads_actor(c) or _name(c))
                    and v.lemma_.lower() not in _PSEUDO_PASSIVE)):
                if c.i in claimed:  # part of the predicate ("sent inspectors", "imposed sanctions")
                    if consult and heads_actor(c):  # "received the ambassador": the guest the pattern names
                        objects.append(c)
                    elif consult:  # "held talks in Moscow": only with/between/to name the other side
                        group = c.lemma_.lower() in _VISITING_GROUPS
                        own = preps | {"from", "of"} if group else preps
                        # "received a delegation from X", the "from" hung on the verb or the noun
                        preps_of = [*c.children, *(x for x in v.children if group and x.lower_ == "from")]
                        prepositional.extend(g for p in preps_of if p.dep_ == "prep" and p.lemma_.lower() in own
                                             for g in p.children if g.dep_ == "pobj")
                    else:
                        prepositional.extend(_inner_list(c))
                    continue
                if _own(c, actors):  # "withdraw its troops": the actor's own, not a target
                    prepositional.extend(g for p in c.children if p.dep_ == "prep"
                                         for g in p.children if g.dep_ == "pobj")
                    continue
                if not topical:
                    objects.append(c)
                for p in c.children:
                    if p.dep_ == "prep" and p.lemma_.lower() in preps:
                        prepositional.extend(g for g in p.children if g.dep_ == "pobj")
                if not topical:
                    # a modifier names a party only as a name or a people ("Russian interference"),
                    # not as a plain adjective ("a local clinic", "national unity")
                    objects.extend(g for g in c.children if g.dep_ in ("poss", "compound", "amod")
                                   and g.tag_ != "PRP$" and (g.dep_ != "amod" or g.ent_type_ in _ENT_LABELS))
        clausal = [g for c in v.children if c.dep_ == "ccomp" for g in c.children
                   if g.dep_ in ("nsubj", "nsubjpass")]
        taken_from = [g for c in v.children if c.dep_ == "prep" and c.lower_ == "from" and not consult
                      for g in c.children if g.dep_ == "pobj"]
        if taken_from and objects and all(o.lemma_.lower() in _TAKEN_PLACES for o in objects):
            # "recaptured the town from the rebels": the side the place was taken from
            prepositional = taken_from + [g for g in prepositional if g not in taken_from]
            objects, prepositional = prepositional, objects
        candidates += datives + (prepositional + objects if transfer else objects + prepositional) + clausal
    if not consult and trigger.dep_ == "conj" and any(c.dep_ == "auxpass" for c in trigger.children) and not any(
            c.dep_ in _SUBJ for c in trigger.children) and trigger.lemma_.lower() not in _PSEUDO_PASSIVE:
        # "the car hit a mine and was then attacked": the subject the passive shares is the one attacked.
        candidates += [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
    bare = next((v for v in verbs[:2] if _bare_passive(v)), None)
    if bare is not None and not consult:
        # "when pressed by reporters, X apologized", "X should be able to be sued": the one acted
        # on is the subject of the clause the passive hangs on.
        up = bare.head.head if bare.dep_ == "pcomp" else bare.head
        for _ in range(3):
            subj = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
            if bare.dep_ == "xcomp" and up.i == bare.head.i and up.lemma_.lower() in _OBJECT_CONTROL:
                # "want the migrants to be allowed to stay": the object is acted on
                subj = [c for c in up.children if c.dep_ == "dobj" and c.i < bare.i][:1] or subj
            if subj or up.dep_ not in ("xcomp", "acomp") or up.head.i == up.i:
                break
            up = up.head  # "X should be able to be sued": able -> be -> X
        if up.pos_ in ("VERB", "AUX", "ADJ"):
            candidates += subj
    if not consult:
        # "was attacked with gunfire, killing all the civilians": what the attack's outcome clause
        # acts on, when nothing else is named.
        candidates += [g for c in trigger.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                       for g in c.children if g.dep_ == "dobj"]
        if light is None and trigger.pos_ == "NOUN":
            # "airstrikes killed 20 people" parsed as a participle on the noun: what they did
            candidates += [g for c in trigger.children if c.dep_ == "acl" and c.i == trigger.i + 1
                           for g in c.children if g.dep_ == "dobj"]
        if light is None and trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj":
            # "the offensive has met with success, pushing the rebels out of ...": what the act
            # told as its clause's subject did to someone.
            clause = trigger.head.head if trigger.head.dep_ == "parataxis" else trigger.head  # a misparse
            candidates += [g for c in clause.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                           and c.i > trigger.i for g in c.children if g.dep_ == "dobj"]
    expanded: list[Token] = []
    for c in candidates:
        expanded.append(c)
        for a in c.children:
            if a.dep_ == "appos":  # "denounced as an ugly crime Serbia's suppression"
                expanded.append(a)
                expanded.extend(g for g in a.children if g.dep_ == "poss")

    def inside_actor(c: Token) -> bool:
        """"rejected by majorities in Congress": a noun within the actor's own phrase (met before
        the trigger on the way up) is part of who acted, not whom it was done to."""
        for a in c.ancestors:
            if a.i == trigger.i or light is not None and a.i == light.i:
                return False
            if a.i in actors:
                return True
        return False

    def usable(c: Token) -> bool:
        return not (c.i in actors or c.tag_ == "PRP$" or c.lower_ in REFLEXIVE
                    or c.pos_ == "PRON" and c.lemma_.lower() in _NON_REFERRING or inside_actor(c)
                    or c.lemma_.lower() in _PROJECTILES)  # "fired a missile": the weapon, not a party

    for c in expanded:
        if not usable(c):
            continue
        if heads_actor(c) or c.dep_ == "nsubjpass" and _name(c):
            return c  # "X was convicted": a name no table knows is still the one acted on
        if c.lemma_.lower() in _INSTALLATIONS and code_text(span_text(c.doc[slice(*phrase(c))])).sector:
            return c  # "a military base", "a police station": the force that holds it
        inner = _inner_actor(c)
        if inner is not None and inner.i not in actors and not inside_actor(inner):
            return inner
    if light is None and not consult and trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" and not any(
            c.dep_ in ("dobj", "dative") for c in trigger.children):
        # "thanked Turkey for its support and asked for more training": the party the first verb
        # was done to, when the second names only a thing
        shared = next((c for c in trigger.head.children if c.dep_ == "dobj" and c.i < trigger.i
                       and usable(c) and heads_actor(c)), None)
        if shared is not None:
            return shared
    for c in expanded:  # a phrase that at least mentions someone
        if usable(c) and is_actorish(c):
            return c
    return None


def _name(tok: Token) -> bool:
    """A proper name of someone (untyped by the tagger, or a person), not a place or a date."""
    return tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON", "ORG") and tok.text[:1].isupper()


def _own(tok: Token, actors: set[int] | frozenset[int] = frozenset()) -> bool:
    """"its troops", "their own forces": a thing of the actor's, not another party ("his
    counterpart", "their rivals" are others). The possessive must fit the actor: "the school
    refused to enroll her daughter" is someone else's daughter."""
    if tok.lemma_.lower() in _RELATIONAL:
        return False
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.tag_ == "PRP$"
                 and c.lower_ in ("its", "their", "his", "her", "our", "my")), None)
    if poss is None:
        return False
    if not actors or poss.lower_ in ("our", "my"):
        return True
    return any(_possessor_fits(poss.lower_, tok.doc[i]) for i in actors)


# Bodies, never "his" or "her": "the school refused to enroll her daughter".
_INSTITUTIONS = frozenset("school university college court government ministry department company firm party "
                          "council committee army police agency office parliament assembly embassy union "
                          "organization organisation group bank hospital board commission authority "
                          "administration regime state country city".split())


def _possessor_fits(word: str, actor: Token) -> bool:
    person = actor.ent_type_ == "PERSON" or actor.lower_ in ("he", "she", "i", "we")
    plural = actor.tag_ in _PLURAL_TAGS or actor.lower_ in ("they", "we")
    if word in ("his", "her"):
        return person or actor.pos_ == "PRON" or (actor.pos_ == "NOUN" and not plural and not actor.ent_type_
                                                  and actor.lemma_.lower() not in _INSTITUTIONS)
    if word == "its":
        return not person and not plural
    return plural or actor.ent_type_ in ("ORG", "NORP", "GPE") or any(c.dep_ == "conj" for c in actor.children)


def _inner_list(tok: Token) -> list[Token]:
    inner = _inner_actor(tok)
    return [inner] if inner is not None else []


def _passive_with_agent(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def resolve_pronoun(tok: Token) -> Token:
    """He/she/it/they -> the subject of the reporting verb above, else the nearest earlier name;
    "she" never goes to a man the title or first name marks as one, nor "he" to a woman."""
    lemma = tok.lemma_.lower()
    if tok.tag_ == "PRP$" and tok.dep_ == "poss":
        lemma = _POSS_PRONOUN.get(tok.lower_, lemma)  # "his tweets": whom "he" would name
    if tok.pos_ != "PRON" or lemma not in _PRONOUNS:
        return tok
    if lemma == "you":
        return tok  # the one spoken to: neither the speaker nor the last name
    if lemma in _RELATIVE:
        # "the men who officials said attacked the post": the noun the relative clause hangs on;
        # a question ("Who signed the law?") names no one.
        return _relative_head(tok) or tok
    gender = {"he": "m", "she": "f"}.get(lemma)
    text = doc_text(tok.doc)

    def fits(start: int, end: int) -> bool:
        return gender is None or name_gender(text[start:end], text[max(0, start - 20):start]) in (None, gender)

    head = tok.head
    speaker: Token | None = None
    for _ in range(6):
        if head.dep_ == "ROOT" and head.lemma_.lower() not in _SPEECH and tok.dep_ in ("dobj", "dative", "iobj", "pobj"):
            # An object is not its own clause's subject: "Reck tripped up Pell by calling him out"
            # ("him" is Pell); only a reporting verb's subject may be ("X said Y attacked him").
            break
        if head.lemma_.lower() in _SPEECH or head.dep_ == "ROOT":
            subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i != tok.i
                         and not c.left_edge.i <= tok.i <= c.right_edge.i), None)  # not "his own words"
            if (subj is not None and lemma in ("i", "we") and head.lemma_.lower() in _SPEECH and subj.pos_ == "PRON"
                    and subj.lemma_.lower() in ("he", "she") and tok.i < head.i):
                # '"I will not resign," she said': the speaker, through her own pronoun, when the
                # sentences before name her as their subject (not a name inside the quote)
                sgender = {"he": "m", "she": "f"}[subj.lemma_.lower()]

                def sfits(start: int, end: int) -> bool:
                    return name_gender(text[start:end], text[max(0, start - 20):start]) in (None, sgender)

                found = _earlier_subject(subj, subj.lemma_.lower(), sfits)
                return found if found is not None else tok
            if gender and subj is not None and head.lemma_.lower() in _SPEECH and _quoted_apart(tok, head):
                # '"I think he has done well," Smith said': in a direct quote the speaker is "I",
                # so "he" is someone else
                speaker = subj
                break
            if subj is not None and subj.pos_ != "PRON" and _number_agrees(lemma, subj) and not _is_thing(subj):
                a, b = phrase(subj)
                named = [t for t in tok.doc[a:b] if t.ent_type_ == "PERSON"]
                if not named or fits(named[0].idx, named[-1].idx + len(named[-1])):
                    return subj
                break
        if head.i == head.head.i:
            break
        head = head.head
    if lemma == "i":
        return tok  # a speaker no reporting verb names is no nearby name
    if lemma == "they":
        body = _body_before(tok)
        if body is not None:
            return body
    if speaker is not None and speaker.pos_ == "PROPN":
        # nor the speaker named by another of their names ("Smith warned ... '... he ...,' Smith said")
        a, b = phrase(speaker)
        own = {t.text for t in tok.doc[a:b] if t.pos_ == "PROPN"}
        person_fits = fits

        def fits(start: int, end: int) -> bool:  # noqa: F811 - narrows the one above
            return person_fits(start, end) and not own & set(text[start:end].split())

    if gender and tok.dep_ in ("nsubj", "nsubjpass"):
        earlier = _earlier_subject(tok, lemma, fits)
        if earlier is not None:
            return earlier
    if lemma in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass"):
        earlier = _earlier_body(tok, lemma)
        if earlier is not None:
            return earlier
    # "we" is a body of people speaking, never the last place named.
    want = {"PERSON"} if gender else {"ORG", "NORP"} if lemma == "we" else {"GPE", "ORG", "NORP"}
    for ent in reversed(span_ents(tok.doc[max(0, tok.i - 120):tok.i])):
        if lemma == "they" and ent.label_ == "GPE" and city_or_region(ent.root):
            continue  # "met negotiators in Doha and urged them": a city is never "they"
        if ent.label_ in want and fits(ent.start_char, ent.end_char):
            return ent.root
    return tok


_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SUBJECT_SENTENCES = 3  # sentences searched back for the person a sentence-initial "he"/"she" continues


def _body_before(tok: Token) -> Token | None:
    """"When I took my children to a school, they refused": "they" is the nearest earlier plural
    or body in its own sentence that names a party (a role, a people, an institution). An object
    ("they refused to enroll them") is not what its own clause's subject stands for."""
    skip = -1
    if tok.dep_ in ("dobj", "pobj", "dative", "iobj"):
        subj = subject(tok.head if tok.dep_ != "pobj" else tok.head.head)
        if subj is not None and subj.i < tok.i:
            if subj.pos_ == "PRON" and subj.lemma_.lower() == "they":
                subj = _body_before(subj)
            skip = subj.i if subj is not None else -1
    for t in reversed(tok.doc[tok.sent.start:tok.i]):
        if t.i == skip:
            continue
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ in ("compound", "amod", "poss", "npadvmod"):
            continue
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            continue
        if not (t.tag_ in _PLURAL_TAGS or t.lemma_.lower() in _INSTITUTIONS or t.ent_type_ in ("ORG", "GPE")):
            continue
        if heads_actor(t) and t.ent_type_ not in ("LOC", "FAC"):
            return t
    return None


_ORG_NOUNS = frozenset("association organization organisation group union alliance network coalition agency "
                       "company outlet newspaper broadcaster foundation institute centre center body".split())


def _described_as_person(tok: Token) -> bool:
    """"X, the association's executive director": a name in apposition with a role that is not a body."""
    appos = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    return bool(appos) and all(a.lemma_.lower() not in _ORG_NOUNS | _INSTITUTIONS | _BODIES for a in appos)


def _earlier_body(tok: Token, lemma: str) -> Token | None:
    """A sentence that opens on "It blamed ..." or "They killed ..." goes on about the body the
    sentence before was about: its speaker ("..., the army said") or its main subject, a singular
    body for "it", a plural or a body for "they"; not the last place named ("in northern X")."""
    doc = tok.doc
    if any(t.pos_ in ("NOUN", "PROPN") for t in doc[tok.sent.start:tok.i]):
        return None  # not the sentence's opening party: the nearer rules decide
    for subj in _previous_subjects(tok, lemma):
        if subj.ent_type_ == "PERSON" or not heads_actor(subj):
            continue
        plural = subj.tag_ in _PLURAL_TAGS
        body = subj.ent_type_ in ("ORG", "GPE", "NORP") or subj.lemma_.lower() in _INSTITUTIONS | _BODIES
        if lemma == "it" and not plural and body or lemma == "they" and (plural or body):
            return subj
        return None
    return None


def _previous_subjects(tok: Token, lemma: str):  # noqa: ANN201 - a generator of Tokens
    """The subjects of the sentences before tok's, nearest sentence first and, within one, the
    speakers and main clauses first; a sentence whose subject is the same pronoun again is passed
    over for the one before it (pronouns are never yielded)."""
    doc = tok.doc
    start = tok.sent.start
    for _ in range(_SUBJECT_SENTENCES):
        if start <= 0:
            return
        prev = doc[start - 1].sent
        start = prev.start
        subjects = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and (
            t.head.dep_ == "ROOT" or t.head.lemma_.lower() in _SPEECH)]
        subjects.sort(key=lambda t: (t.head.lemma_.lower() not in _SPEECH, t.head.dep_ != "ROOT", t.i))
        for subj in subjects:
            if subj.pos_ == "PRON":
                if subj.lemma_.lower() == lemma:
                    break  # the same pronoun again: look further back
                continue
            yield subj


# Bodies that speak and act as one ("it"), beside _INSTITUTIONS; never a person's role ("the
# minister said ... It blamed" is not the minister).
_BODIES = frozenset("military militia movement junta navy cabinet senate tribunal bench coalition alliance "
                    "opposition force presidency secretariat mission".split())


def _earlier_subject(tok: Token, lemma: str, fits) -> Token | None:  # noqa: ANN001
    """A sentence that opens on "He called for ..." goes on about the person the sentences before
    it were about: the named subject of the last sentence that had one (the speaker of a quote
    included: "... ," Smith said), not the last name mentioned in passing ("the fall of X")."""
    doc = tok.doc
    sent = tok.sent
    for t in doc[sent.start:tok.i]:
        if t.ent_type_ == "PERSON":
            return None  # a name earlier in its own sentence: the nearest-name rule decides
    for subj in _previous_subjects(tok, lemma):
        a, b = phrase(subj)
        named = [t for t in doc[a:b] if t.ent_type_ == "PERSON"]
        if not named and subj.pos_ == "PROPN" and (not subj.ent_type_ or subj.ent_type_ == "ORG" and _described_as_person(subj)):
            named = [subj]  # a name the tagger left untyped, or called an organisation but described as a person
        if not named or subj.tag_ in _PLURAL_TAGS:
            continue
        if fits(named[0].idx, named[-1].idx + len(named[-1])):
            return subj
        return None
    return None


def _number_agrees(pronoun: str, noun: Token) -> bool:
    """"they" is a plural noun or a body (a party, a country); "he" and "she" are never a plural:
    "the spokesman said that to state they met is absurd" does not make the spokesman "they"."""
    if pronoun == "they":
        return noun.tag_ in _PLURAL_TAGS or noun.ent_type_ in ("ORG", "NORP", "GPE") or (
            code_text(noun.text).country is not None and noun.ent_type_ != "PERSON")
    if pronoun in ("he", "she"):
        # and a person: not a body, a place or a thing ("his popularity, even after he ...").
        return noun.tag_ not in _PLURAL_TAGS and noun.ent_type_ not in ("GPE", "LOC", "FAC") and not (
            _is_thing(noun) or noun.lemma_.lower() in _INSTITUTIONS | _BODIES)
    return True


def reflexive_antecedent(tok: Token) -> Token | None:
    """The one a reflexive names ("he would recuse himself" -> he; "Sessions ... recuse himself"):
    the nearest earlier person (himself/herself) or party (itself/themselves) in the sentence."""
    word = tok.lower_
    person = word in ("himself", "herself")
    for t in reversed(tok.doc[tok.sent.start:tok.i]):
        if t.lower_ in REFLEXIVE or t.dep_ in ("poss", "compound", "amod"):
            continue
        if person and (t.ent_type_ == "PERSON" or t.lower_ in ("he", "she")):
            return t
        if not person and t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ in _SUBJ and heads_actor(t):
            return t
    return None


def participant(tok: Token, entities: list[Entity], mention_index: dict[int, Entity]) -> Participant:
    doc: Doc = tok.doc
    if tok.lower_ in REFLEXIVE:
        tok = reflexive_antecedent(tok) or tok
    tok = resolve_pronoun(tok)
    start, end = phrase(tok)
    for k in range(start + 1, tok.i):
        # "WASHINGTON (Reuters) - Russian negotiators": the dateline is not part of the actor.
        if doc[k].text in _DASHES and (doc[start].text.isupper() or doc[k - 1].text == ")"):
            start = k + 1
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ and tok.head.i != tok.i and all(
            doc[k].head.i == tok.head.i and doc[k].dep_ == tok.dep_ for k in (end, end + 1)):
        end += 2  # "al-Shabab" split by the parser into three objects of one verb
    if start > 0 and start <= tok.i and _acronym_as_verb(doc[start - 1]):
        start -= 1  # "ECOWAS security chiefs": a body's acronym the tagger took for a verb ("-s")
    span = doc[start:end]
    entity = _entity_for(span.start_char, span.end_char, tok, mention_index, head_only=True)
    code = code_text(span.text)
    if entity is None:
        # "the former US senator" -> the person the article describes as a senator.
        entity = _described_person(tok, code, entities, doc) or _entity_for(
            span.start_char, span.end_char, tok, mention_index)
    if code.country is None and tok.lemma_.lower() in _IGO_NOUNS and tok.pos_ == "NOUN" and all(
            c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children if c.i < tok.i) and any(
            c.dep_ == "det" for c in tok.children) and _named_igo_before(tok) is not None:
        code = Code("IGO", code.sector)  # "Mali left ECOWAS ... the bloc": the body named last before
    if code.country is None:
        # A country said in a clause about the head: "refugees fleeing the civil war in Liberia".
        full = doc[tok.left_edge.i:tok.right_edge.i + 1]
        code = Code(code_text(full.text).country, code.sector)
    if entity is not None and code.sector == "ELI" and entity.type == "PERSON" and entity.titles:
        # A person's titles say what they are now: "the former US senator" is the attorney general.
        now = code_text(" ".join(entity.titles))
        same = any(t.lower() in span.text.lower() for t in entity.titles)  # "Ousted President X"
        if not same and now.sector not in (None, "ELI") and now.country in (None, code.country):
            code = Code(code.country, now.sector)
    if entity is not None and (code.country is None or code.sector is None):
        inherited = entity_code(entity, doc)
        code = Code(code.country or inherited.country, code.sector or inherited.sector)
    if code.country is None:
        # "Israel denied that its jets struck": the possessor's country.
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.tag_ == "PRP$"
                     and c.lower_ in ("its", "their")), None)
        owner = _possessor(poss) if poss is not None else None
        if owner is not None:
            code = Code(code_text(owner.text).country, code.sector)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in _LED_BODIES and (code.country is None or code.sector in (None, "NGO")):
        # "Hassan said his group would boycott": the body of the person "his" names.
        owner = _person_owner(tok, mention_index)
        if owner is not None:
            code = Code(code.country or owner.country, code.sector if code.sector not in (None, "NGO") else owner.sector)
    if code.country is None and code.sector is not None:
        code = Code(_antecedent_country(tok), code.sector)
    if tok.lemma_.lower() in _GENERIC_BODIES and all(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children
                                                     if c.i < tok.i):
        # "Al-Shabab stormed a hotel. The group said ...": the organisation named last before it.
        named = _named_body_before(tok)
        if named is not None:
            code = named
    if code.country is None and code.sector == "REB" and tok.pos_ == "NOUN" and (
            entity is None or entity.type == "NORP"):
        # "the militants" in a story whose one named armed group is al-Shabab: that group's country.
        code = Code(_story_armed_country(entities, doc), code.sector)
    if code.country is None and tok.pos_ == "PROPN" and tok.ent_type_ != "NORP":
        # A name no table knows, whom the story gives a role elsewhere ("X was the president's
        # running mate", "X, a lawmaker"): the role's country, else the story's home country.
        said = _said_of_name(tok, entities)
        if said is not None:
            code = Code(said.country or _story_home(entities, doc), code.sector or said.sector)
    if code.country is not None and _ethnic(tok, span):
        code = Code(_residence(tok, code.country) or code.country, code.sector)
    return Participant(span=(span.start_char, span.end_char), text=span.text,
                       entity=entity.id if entity else None, country=code.country, sector=code.sector)


# Bodies a person leads or belongs to, told through "his" or "her".
_LED_BODIES = frozenset("group party movement faction delegation organization organisation side camp "
                        "supporters followers government administration country forces troops militia".split())


def _person_owner(tok: Token, mention_index: dict[int, Entity]) -> Code | None:
    """The code of the person "his"/"her" before a body noun names, when it names one."""
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if poss is None:
        return None
    owner = resolve_pronoun(poss)
    if owner is poss:
        return None
    entity = _entity_for(owner.idx, owner.idx + len(owner.text), owner, mention_index, head_only=True)
    if entity is not None:
        return entity_code(entity, tok.doc)
    a, b = phrase(owner)
    return code_text(span_text(tok.doc[a:b]))


def _acronym_as_verb(tok: Token) -> bool:
    """An all-capital name the tables know, tagged as a verb with no subject of its own."""
    return (tok.pos_ in ("VERB", "AUX") and tok.text.isupper() and tok.text.isalpha() and len(tok.text) > 2
            and not any(c.dep_ in _SUBJ for c in tok.children) and code_text(tok.text).country is not None)


_POPULATIONS = frozenset("population minority community villager inhabitant resident".split())
_WHERE = frozenset("in at near inside across throughout".split())


def _ethnic(tok: Token, span: Span) -> bool:
    """A people named by its ethnicity, not its state: "three ethnic Albanians", "the Albanian
    population of the province", "the Turkish minority"."""
    if any(t.lower_ == "ethnic" for t in span):
        return True
    return tok.lemma_.lower() in _POPULATIONS and any(
        c.ent_type_ == "NORP" for c in tok.children if c.dep_ in ("amod", "compound"))


def _residence(tok: Token, country: str) -> str | None:
    """The country of the place where the clause says an ethnic people was acted on ("killed
    three ethnic Albanians in southern Serbia" -> SRB): CAMEO codes a people by where it lives."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    own = set(range(tok.left_edge.i, tok.right_edge.i + 1))
    for t in verb.subtree:
        if t.i in own or t.dep_ != "pobj" or t.head.lower_ not in _WHERE or t.ent_type_ not in ("GPE", "LOC"):
            continue
        where = code_text(" ".join(x.text for x in t.subtree)).country
        if where and where != country:
            return where
    return None


def _possessor(poss: Token) -> Span | None:
    """The body "its" or "their" names: the nearest earlier country, organisation or people name
    in the sentence."""
    for ent in reversed(span_ents(poss.doc[poss.sent.start:poss.i])):
        if ent.label_ in ("GPE", "ORG", "NORP"):
            return ent
    return None


def _antecedent_country(tok: Token) -> str | None:
    """"the officials", "the government" with no country cue: the country of the last earlier
    phrase with the same head that had one ("Iraqi officials said ... The officials also said")."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return None
    doc = tok.doc
    lemma = tok.lemma_.lower()
    for t in reversed(doc[max(0, tok.i - _LOOKBACK):tok.i]):
        if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
            a, b = phrase(t)
            country = code_text(doc[a:b].text).country
            if country:
                return country
    return None


def _descriptions(entities: list[Entity], doc: Doc) -> dict[str, tuple[set[str], int]]:
    """Per PERSON entity: the role words the article gives it (titles, appositions, "who was a
    senator") and its mention offsets; cached on the doc."""
    key = "onrecord_event_roles"
    cached = doc.user_data.get(key)
    if cached is not None and cached[0] == len(entities):
        return cached[1]
    out: dict[str, tuple[set[str], int]] = {}
    for e in entities:
        if e.type != "PERSON":
            continue
        words = {w.lower() for t in e.titles for w in t.replace(".", " ").split()}
        for s, t in e.mentions:
            span = doc.char_span(s, t, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            said: list[Token] = []
            for c in root.children:
                if c.dep_ == "appos":
                    said.append(c)
                elif c.dep_ == "relcl" and c.lemma_ == "be":
                    said.extend(g for g in c.children if g.dep_ == "attr")
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                said.append(root.head)
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                said.extend(g for g in root.head.children if g.dep_ == "attr")
            for d in said:
                a, b = phrase(d)
                words.update(x.lemma_.lower() for x in doc[a:b] if x.pos_ in ("NOUN", "PROPN", "ADJ"))
        out[e.id] = (words, min((s for s, _ in e.mentions), default=0))
    doc.user_data[key] = (len(entities), out)
    return out


def _described_person(tok: Token, code: Code, entities: list[Entity], doc: Doc) -> Entity | None:
    """A definite role phrase ("the attorney general", "the former US senator") -> the PERSON
    entity the article gives that role: the last one mentioned before it, else the only one."""
    if tok.pos_ != "NOUN" or tok.tag_ == "NNS" or not code.sector:
        return None
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    if not any(d in _DEFINITE for d in dets):
        return None  # "a senator" is someone new; "the senator" is someone named before
    role = tok.lemma_.lower()
    if role not in tables().sectors and code_text(tok.text).sector is None:
        return None
    roles = _descriptions(entities, doc)
    if not roles:
        return None
    by_id = {e.id: e for e in entities}
    before: list[tuple[int, Entity]] = []
    after: list[Entity] = []
    for eid, (words, _) in roles.items():
        if role not in words:
            continue
        e = by_id[eid]
        if code.country and entity_code(e, doc).country not in (None, code.country):
            continue
        earlier = [s for s, _ in e.mentions if s < tok.idx]
        if earlier:
            before.append((max(earlier), e))
        else:
            after.append(e)
    if before:
        return max(before, key=lambda x: x[0])[1]
    return after[0] if len(after) == 1 else None


_GENERIC_BODIES = frozenset("group organisation organization movement outfit".split())


def _named_body_before(tok: Token) -> Code | None:
    """The code of the organisation a bare "the group" stands for: the nearest earlier named one
    (within ~120 tokens) that the tables code with a sector."""
    doc = tok.doc
    for ent in reversed(span_ents(doc[max(0, tok.i - 120):tok.i])):
        if ent.label_ not in ("ORG", "NORP", "PERSON"):  # the tagger often calls an armed group a person
            continue
        code = code_text(ent.text)
        if code.sector is not None and code.sector not in _NOT_GROUPS:
            return code
    return None


_IGO_NOUNS = frozenset("bloc alliance union body grouping organisation organization community".split())


def _named_igo_before(tok: Token) -> Token | None:
    """The nearest earlier named international organisation (within ~120 tokens), tagged or not."""
    doc = tok.doc
    for t in reversed(doc[max(0, tok.i - 120):tok.i]):
        if t.pos_ not in ("PROPN", "VERB", "NOUN") or not t.text[:1].isupper():
            continue  # (an acronym may be tagged as a noun or a verb)
        start = min([t.i] + [c.left_edge.i for c in t.children if c.dep_ == "compound"])
        if code_text(t.text).country == "IGO" or code_text(span_text(doc[start:t.i + 1])).country == "IGO":
            return t
    return None


# A state's own bodies and people are not "the group".
_NOT_GROUPS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "ELI", "CVL", "SPY"})


def _said_of_name(tok: Token, entities: list[Entity]) -> Code | None:
    """What the story says a name is, wherever it says it: an apposition ("X, a senior lawmaker"),
    "X was Y's running mate", a title in a PERSON entity's record. The country of what is said (the
    role's own, or that of the person it is relative to), with the role word's sector; an empty code
    when the role says neither (the story's home country then applies); None when the story gives
    the name no role (a name alone says nothing of its country)."""
    doc = tok.doc
    key = ("said_of", tok.text, len(entities))
    values = doc_cache(doc)
    if key in values:
        return values[key]
    said: list[Token] = []
    for i in _proper_nouns(doc).get(tok.text, ()):
        t = doc[i]
        root = t
        while root.dep_ in ("compound", "flat") and root.head.pos_ == "PROPN" and root.head.i != root.i:
            root = root.head
        said.extend(c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN")
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
            said.extend(c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN")
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            said.append(root.head)
        # "confirmed X as defense minister", "X, named as envoy": the role given with "as".
        holders = [root] + ([root.head] if root.dep_ in ("dobj", "nsubjpass") else [])
        said.extend(g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
                    for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
    lead = _lead_role(doc, tok.text)
    if lead is not None:
        said.append(lead)
    out: Code | None = None
    index = mention_index(entities) if said else {}
    for d in said:
        a, b = phrase(d)
        code = code_text(doc[a:b].text)
        if code.country is None and d.head.lower_ == "as" and d.head.head.pos_ == "VERB":
            # "the Nigerian Senate confirmed X as defense minister": who gives a post is of its country.
            giver = next((c for c in d.head.head.children if c.dep_ in ("nsubj", "agent")), None)
            if giver is not None and giver.dep_ == "agent":
                giver = next((g for g in giver.children if g.dep_ == "pobj"), None)
            if giver is not None:
                ga, gb = phrase(giver)
                code = Code(code_text(doc[ga:gb].text).country, code.sector)
        if code.country is None:  # "Ruto's running mate": the country of the person it is relative to
            for x in doc[a:b]:
                e = index.get(x.idx)
                if e is not None and e.type in ("PERSON", "ORG", "GPE", "NORP"):
                    code = Code(entity_code(e, doc).country, code.sector)
                    if code.country:
                        break
        sector = code_text(d.lemma_).sector
        if code.country or sector:
            out = Code(code.country, sector)
            if code.country:
                break
    if out is None:
        text = doc_text(doc)   # doc.text rebuilds the whole text on every call
        for e in entities:
            if e.type == "PERSON" and e.titles and any(tok.text in text[s:t] for s, t in e.mentions):
                code = code_text(" ".join(e.titles))
                if code.sector:
                    out = code
                    break
    if out is None and said:
        out = Code(None, None)  # described, if by a role no table codes ("the association's director")
    values[key] = out
    return out


def _proper_nouns(doc: Doc) -> dict[str, list[int]]:
    """Token indices of each proper noun's text, read once per doc from its columns (a scan of
    Token objects per name cost more than the rest of the events stage)."""
    values = doc_cache(doc)
    found = values.get("proper_nouns")
    if found is None:
        cols = columns(doc)
        found = {}
        for i, (text, pos) in enumerate(zip(cols.text, cols.pos)):
            if pos == "PROPN":
                found.setdefault(text, []).append(i)
        values["proper_nouns"] = found
    return found


def _lead_role(doc: Doc, name: str) -> Token | None:
    """News leads name a role first and the person next: "The U.N. envoy for X is calling for ...
    <Name> issued the appeal Friday". When a name first appears as the subject of the sentence
    after a lead whose subject is one unnamed, definite role ("the envoy", not "officials", not a
    named person), the name is that role."""
    values = doc_cache(doc)
    sents = values.get("lead_sentences")
    if sents is None:
        sents = values["lead_sentences"] = list(islice(doc.sents, 2))
    if len(sents) < 2:
        return None
    at = _proper_nouns(doc).get(name)
    first = doc[at[0]] if at else None
    if first is None or not sents[1].start <= first.i < sents[1].end:
        return None
    root = first
    while root.dep_ in ("compound", "flat") and root.head.i != root.i:
        root = root.head
    if root.dep_ != "nsubj" or root.head.dep_ != "ROOT":
        return None
    lead = next((t for t in sents[0] if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    if lead is None or lead.pos_ != "NOUN" or lead.tag_ in _PLURAL_TAGS:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in lead.children):
        return None
    a, b = phrase(lead)
    if any(t.ent_type_ == "PERSON" for t in doc[a:b]) or code_text(lead.lemma_).sector is None:
        return None
    return lead


def _story_home(entities: list[Entity], doc: Doc) -> str | None:
    key = ("story_home", len(entities))
    values = doc_cache(doc)
    if key not in values:
        values[key] = home_country(doc, entities)
    return values[key]


def _story_armed_country(entities: list[Entity], doc: Doc) -> str | None:
    """The country of the one armed group (REB) a story names, when all it names share one."""
    key = ("story_armed", len(entities))
    values = doc_cache(doc)
    if key not in values:
        countries = set()
        for e in entities:
            if e.type not in ("ORG", "NORP", "PERSON"):
                continue
            code = entity_code(e, doc)
            if code.sector == "REB" and code.country and code.country != "IGO":
                countries.add(code.country)
        values[key] = next(iter(countries)) if len(countries) == 1 else None
    return values[key]


def home_country(doc: Doc, entities: list[Entity]) -> str | None:
    """The country an article is about: the one its named people, bodies and places (not armed
    groups) point to most often (at least 4 mentions and half as many again as the next), else None."""
    counts: dict[str, int] = {}
    for e in entities:
        if e.type not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        code = code_text(" ".join([*e.titles, e.name]))
        if code.country and code.country != "IGO" and code.sector != "REB":
            # An armed group's code says where it comes from, not where the story is: al-Shabab
            # in a story set in Kenya.
            counts[code.country] = counts.get(code.country, 0) + len(e.mentions)
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= 4 and n >= 1.5 * second else None


def mention_index(entities: list[Entity]) -> dict[int, Entity]:
    """Character offset -> entity, for every character of every mention."""
    out: dict[int, Entity] = {}
    for e in entities:
        for s, t in e.mentions:
            for i in range(s, t):
                out.setdefault(i, e)
    return out


def _entity_for(start: int, end: int, head: Token, index: dict[int, Entity], *,
                head_only: bool = False) -> Entity | None:
    # Prefer the entity under the phrase head ("the Russian ambassador Sergey Kislyak").
    hit = index.get(head.idx)
    if hit is not None or head_only:
        return hit
    for i in range(start, end):
        if i in index:
            return index[i]
    return None


def entity_code(entity: Entity, doc: Doc) -> Code:
    """An entity's code from its name, titles and the phrases around its other mentions
    (remembered for the doc: an entity is coded once however often it acts)."""
    key = ("entity_code", entity.id, entity.name, tuple(entity.titles), tuple(entity.mentions))
    values = doc_cache(doc)
    code = values.get(key)
    if code is None:
        code = values[key] = _code_entity(entity, doc)
    return code


def _code_entity(entity: Entity, doc: Doc) -> Code:
    country: str | None = None
    sector: str | None = None

    def texts():  # made as needed: most entities are coded by their first text or two
        yield " ".join(entity.titles + [entity.name])
        spans = []
        for s, e in entity.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            a, b = phrase(span.root)
            yield span_text(doc[min(a, span.start):max(b, span.end)])
        for span in spans:  # "X, the head of the opposition delegation,": what X is
            for c in span.root.children:
                if c.dep_ == "appos":
                    yield span_text(doc[c.left_edge.i:c.right_edge.i + 1])
            if span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN":
                head = span.root.head  # "a rebel commander, X,": the noun X stands beside
                yield span_text(doc[head.left_edge.i:head.i + 1])
        yield entity.name

    for text in texts():
        code = code_text(text)
        country = country or code.country
        sector = sector or code.sector
        if country and sector:
            break
    return Code(country, sector)


_COUNTRY_NOUNS = frozenset("nation country state".split())
# Pairs told of after the sentence that named them: "the two leaders", "both sides".
_PAIR_NOUNS = frozenset("leader side government president minister delegation neighbor neighbour".split())
_COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "trio": 3, "pair": 2}


def _named_countries(tok: Token) -> list[Token] | None:
    """"The three nations accused ...": the countries last named together before ("Chad, Sudan
    and Libya left ..."), as many as the phrase counts when it counts them."""
    lemma = tok.lemma_.lower()
    if lemma not in _COUNTRY_NOUNS | _PAIR_NOUNS or tok.tag_ not in _PLURAL_TAGS:
        return None
    kids = [c for c in tok.children if c.i < tok.i]
    if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "both") or c.dep_ == "nummod"
               for c in kids):
        return None
    if any(c.dep_ in ("amod", "compound", "nmod") and code_text(c.text).country for c in kids):
        return None  # "the three Baltic states" says which
    count = next((_COUNT_WORDS.get(c.lower_) for c in kids if c.lower_ in _COUNT_WORDS), None)
    doc = tok.doc
    if lemma in _COUNTRY_NOUNS:
        for t in reversed(doc[max(0, tok.i - _LOOKBACK):tok.i]):
            if t.dep_ == "conj" or t.pos_ != "PROPN" or not t.conjuncts:
                continue
            group = [t, *t.conjuncts]  # country names the tagger may call anything, even persons
            if all(_country_name(g) for g in group):
                return group if count in (None, len(group)) else None
    if count == 2 and tok.sent.start > 0:
        # "X met Y ... The two leaders agreed": the two sides of the sentence before, when it
        # names just two countries' parties
        prev = doc[tok.sent.start - 1].sent
        sides: dict[str, Token] = {}
        for t in prev:
            party = t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and t.pos_ in ("PROPN", "NOUN")
            if not (party or t.dep_ in ("amod", "compound", "nmod") and _nation_word(t)):
                continue
            if t.dep_ == "pobj" and t.head.lower_ in _PLACE_IN or place_kind(
                    span_text(doc[slice(*phrase(t))])) in ("capital", "city", "region"):
                continue  # where it happened
            country = _country_of(t) if party else code_text(t.text).country
            if country and country != "IGO":
                sides.setdefault(country, t)
        if len(sides) == 2:
            return list(sides.values())
    return None


def _country_name(tok: Token) -> bool:
    a, b = phrase(tok)
    return place_kind(span_text(tok.doc[a:b])) == "country"


def _country_of(tok: Token) -> str | None:
    a, b = phrase(tok)
    return code_text(span_text(tok.doc[a:b])).country


def _nation_word(tok: Token) -> bool:
    """A country or people word before a role: "Russian", "Cameroon", "Czech" (untagged)."""
    if tok.ent_type_ in ("NORP", "GPE"):
        return True
    if tok.pos_ == "PROPN":
        return _country_name(tok)
    return tok.pos_ == "ADJ" and code_text(tok.text).country not in (None, "IGO")


def part_end(tok: Token, part: Participant) -> int:
    """The token index just past the participant's span."""
    doc = tok.doc
    i = tok.i
    while i < len(doc) and doc[i].idx < part.span[1]:
        i += 1
    return i


def split_nationalities(tok: Token, part: Participant) -> list[Participant]:
    """"Russian and Ukrainian negotiators" are two parties, each with its own country; so are
    "the three nations" that stand for three countries named together before."""
    if part.country is None:
        group = _named_countries(tok)
        if group:
            return [Participant(span=part.span, text=part.text, entity=None,
                                country=_country_of(g), sector=part.sector)
                    for g in sorted(group, key=lambda x: x.i)]
    adjs = [a for a in tok.children if a.dep_ in ("amod", "compound", "nmod") and _nation_word(a) and a.i < tok.i]
    adjs += [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
             if g.dep_ == "pobj" and g.pos_ == "PROPN" and _country_name(g) and g.i < part_end(tok, part)]
    for adj in adjs:
        nations = [adj] + [c for c in adj.conjuncts if _nation_word(c) and c.i < part_end(tok, part)]
        if len(nations) < 2:
            continue
        end = part.span[1]
        out = []
        for n in sorted(nations, key=lambda x: x.i):
            country = _country_of(n)
            start = n.idx if n.i < tok.i else part.span[0]  # "the ministers of X and Y": the whole phrase
            out.append(Participant(span=(start, end), text=doc_text(tok.doc)[start:end], entity=None,
                                   country=country or part.country, sector=part.sector))
        return out
    return [part]
