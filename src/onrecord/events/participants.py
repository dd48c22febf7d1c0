"""Who did it and to whom: actor and recipient phrases from the dependency parse."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Entity, Participant
from .actors import Code, code_text

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_RECIPIENT_PREPS = frozenset("with to against on from into toward towards between for upon at".split())
# Children that end an actor phrase: clauses and appositions say more than who acted.
_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
_PRONOUNS = frozenset("he she they it we i you who which that this".split())
_SPEECH = frozenset("say tell announce declare state report add claim insist".split())
_CONSULT_PREPS = frozenset("with between to among".split())
# Verbs whose direct object is what was talked about, not who was talked to.
_TOPIC_VERBS = frozenset("discuss negotiate talk debate consider review raise address".split())
_ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NON_REFERRING = frozenset("it its which that this these those what whom who".split())


def phrase(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by tok, without clauses or conjuncts."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in _CUT_DEPS]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CUT_DEPS or t.i != tok.i and c.dep_ == "cc")
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
    """The acting noun of a trigger: its subject, the agent of a passive, or a controller's subject."""
    verb = light or trigger
    if light is None and trigger.pos_ in ("NOUN", "PROPN"):
        for c in trigger.children:
            if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN") and is_actorish(c):
                return c
        return _agent(trigger)  # "an investigation by the FBI"
    for _ in range(4):
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if passive:
            agent = _agent(verb)
            if agent is not None:
                return agent
            if verb is not trigger:
                return None
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        if verb.dep_ == "relcl" and not passive:
            return verb.head
        if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head is not verb:
            verb = verb.head
            if any(c.dep_ == "nsubjpass" for c in verb.children) and trigger.dep_ == "conj":
                # "X has been indicted ... and will resign": the one who resigns is X.
                return next(c for c in verb.children if c.dep_ == "nsubjpass")
            continue
        break
    return None


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def is_actorish(tok: Token) -> bool:
    if tok.ent_type_ in _ENT_LABELS:
        return True
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
        for t in nxt:
            if t.tag_ == "PRP$" or t.lemma_.lower() in _NON_REFERRING:
                continue
            if heads_actor(t):
                return t
        frontier = nxt
    return None


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
    verbs = [trigger] if light is None else [light, trigger]
    # "agreed to provide aid to X": look through the complement chain as well.
    for v in list(verbs):
        for c in v.children:
            if c.dep_ in ("xcomp", "ccomp"):
                verbs.append(c)
                verbs.extend(g for g in c.children if g.dep_ == "xcomp")
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
        for c in v.children:
            # A passive's subject is the one acted on ("a camp was attacked by militiamen").
            if c.dep_ == "dobj" or c.dep_ == "nsubjpass" and (v is not trigger or _passive_with_agent(v)):
                if c.i in claimed:  # part of the predicate ("sent inspectors", "imposed sanctions")
                    prepositional.extend(_inner_list(c))
                    continue
                if _own(c):  # "withdraw its troops": the actor's own, not a target
                    prepositional.extend(g for p in c.children if p.dep_ == "prep"
                                         for g in p.children if g.dep_ == "pobj")
                    continue
                if not topical:
                    objects.append(c)
                for p in c.children:
                    if p.dep_ == "prep" and p.lemma_.lower() in preps:
                        prepositional.extend(g for g in p.children if g.dep_ == "pobj")
                if not topical:
                    objects.extend(g for g in c.children if g.dep_ in ("poss", "compound", "amod")
                                   and g.tag_ != "PRP$")
        clausal = [g for c in v.children if c.dep_ == "ccomp" for g in c.children
                   if g.dep_ in ("nsubj", "nsubjpass")]
        candidates += datives + (prepositional + objects if transfer else objects + prepositional) + clausal
    expanded: list[Token] = []
    for c in candidates:
        expanded.append(c)
        for a in c.children:
            if a.dep_ == "appos":  # "denounced as an ugly crime Serbia's suppression"
                expanded.append(a)
                expanded.extend(g for g in a.children if g.dep_ == "poss")

    def usable(c: Token) -> bool:
        return not (c.i in actors or c.tag_ == "PRP$" or c.pos_ == "PRON" and c.lemma_.lower() in _NON_REFERRING)

    for c in expanded:
        if not usable(c):
            continue
        if heads_actor(c):
            return c
        inner = _inner_actor(c)
        if inner is not None and inner.i not in actors:
            return inner
    for c in expanded:  # a phrase that at least mentions someone
        if usable(c) and is_actorish(c):
            return c
    return None


def _own(tok: Token) -> bool:
    """"its troops", "their own forces": a thing of the actor's, not another party."""
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" and c.lower_ in ("its", "their", "his", "her", "our", "my")
               for c in tok.children)


def _inner_list(tok: Token) -> list[Token]:
    inner = _inner_actor(tok)
    return [inner] if inner is not None else []


def _passive_with_agent(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def resolve_pronoun(tok: Token) -> Token:
    """He/she/it/they -> the subject of the reporting verb above, else the nearest earlier name."""
    if tok.pos_ != "PRON" or tok.lemma_.lower() not in _PRONOUNS:
        return tok
    head = tok.head
    for _ in range(6):
        if head.lemma_.lower() in _SPEECH or head.dep_ == "ROOT":
            subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i != tok.i), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj
        if head.i == head.head.i:
            break
        head = head.head
    want = {"PERSON"} if tok.lemma_.lower() in ("he", "she") else {"GPE", "ORG", "NORP"}
    for ent in reversed(tok.doc[max(0, tok.i - 120):tok.i].ents):
        if ent.label_ in want:
            return ent.root
    return tok


def participant(tok: Token, entities: list[Entity], mention_index: dict[int, Entity]) -> Participant:
    doc: Doc = tok.doc
    tok = resolve_pronoun(tok)
    start, end = phrase(tok)
    span = doc[start:end]
    entity = _entity_for(span.start_char, span.end_char, tok, mention_index)
    code = code_text(span.text)
    if code.country is None:
        # A country said in a clause about the head: "refugees fleeing the civil war in Liberia".
        full = doc[tok.left_edge.i:tok.right_edge.i + 1]
        code = Code(code_text(full.text).country, code.sector)
    if entity is not None and (code.country is None or code.sector is None):
        inherited = _entity_code(entity, doc)
        code = Code(code.country or inherited.country, code.sector or inherited.sector)
    return Participant(span=(span.start_char, span.end_char), text=span.text,
                       entity=entity.id if entity else None, country=code.country, sector=code.sector)


def mention_index(entities: list[Entity]) -> dict[int, Entity]:
    """Character offset -> entity, for every character of every mention."""
    out: dict[int, Entity] = {}
    for e in entities:
        for s, t in e.mentions:
            for i in range(s, t):
                out.setdefault(i, e)
    return out


def _entity_for(start: int, end: int, head: Token, index: dict[int, Entity]) -> Entity | None:
    # Prefer the entity under the phrase head ("the Russian ambassador Sergey Kislyak").
    hit = index.get(head.idx)
    if hit is not None:
        return hit
    for i in range(start, end):
        if i in index:
            return index[i]
    return None


def _entity_code(entity: Entity, doc: Doc) -> Code:
    """An entity's code from its name, titles and the phrases around its other mentions."""
    country: str | None = None
    sector: str | None = None
    texts = [" ".join(entity.titles + [entity.name])]
    for s, e in entity.mentions:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        a, b = phrase(span.root)
        texts.append(doc[min(a, span.start):max(b, span.end)].text)
    texts.append(entity.name)
    for text in texts:
        code = code_text(text)
        country = country or code.country
        sector = sector or code.sector
        if country and sector:
            break
    return Code(country, sector)
