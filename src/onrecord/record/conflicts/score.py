"""How strong a judged conflict is, and one conflict per disagreement (repeats become `also`)."""
from __future__ import annotations

from collections import defaultdict

from ..claims import Claim
from .conflict import Conflict, ConflictKind
from .judge import Reading
from .meaning import meaning_words, same_account

Scored = tuple[float, ConflictKind, Claim, Claim, dict[str, float], list[str]]


def signals(a: Claim, b: Claim, sim: float, clash: bool, *, resolved: str | None = None) -> dict[str, float]:
    about = set(a.about) | set(b.about)
    shared = set(a.about) & set(b.about)
    claimants = {x for x in (a.claimant_id, b.claimant_id) if x}
    return {
        "similarity": sim,
        "shared_about": float(len(shared)),
        # The principals disagree: each side's claimant is one of the people the conflict is about.
        "principals": float(len(claimants & about) / 2.0),
        "named": float((a.claimant_type == "person") + (b.claimant_type == "person")) / 2.0,
        "hedged": float((a.polarity == "hedged") + (b.polarity == "hedged")),
        "numbers": float(clash),
        "same_article": float(a.article == b.article),
        # The report itself says the accounts clash ("..., contrary to public assertions by ...").
        "flagged": float(bool(a.extras.get("flags_contradiction") or b.extras.get("flags_contradiction"))),
        # A denial that names what it denies ("denied the charges") and was resolved to it.
        "pointed": float(resolved is not None),
    }


def base_score(kind: ConflictKind, s: dict[str, float]) -> float:
    relatedness = min(1.0, s["similarity"] / 0.25) ** 0.5
    score = (0.3 * max(relatedness, s["pointed"]) + 0.15 * min(1.0, s["shared_about"]) + 0.25 * s["principals"]
             + 0.1 * s["named"] + 0.2 * s["flagged"] + 0.1 * s["pointed"])
    if kind == "account_vs_account":
        score = 0.5 * score + 0.45 * s["numbers"]
    if kind == "self_contradiction":
        score += 0.1 * s["numbers"]
    # The judge already decided that the claims conflict; the signals rank how sure and how
    # central the conflict is (principals named, the report itself marking the clash).
    return min(1.0, (0.4 + 0.6 * score) * (0.9 ** s["hedged"]))


def merge_repeats(scored: list[Scored], readings: dict[str, Reading]) -> list[Conflict]:
    """One conflict per disagreement: the same two claimants on the same point, repeated in
    other articles or statements (syndicated copies too), is listed once (strongest first)
    with the repeats in `also`."""
    out: list[Conflict] = []
    groups: dict[tuple[str, ...], list[Conflict]] = defaultdict(list)
    by_denial: dict[str, Conflict] = {}
    by_word: dict[str, list[int]] = defaultdict(list)  # denial conflicts (places in out) by their report's words
    for score, kind, a, b, sig, why in scored:
        ca, cb = a.claimant_id or a.claimant, b.claimant_id or b.claimant
        key = (kind, ca, cb) if kind == "denial_vs_report" else (kind, *sorted((ca, cb)))
        match = next((c for c in groups[key] if _same_point(c, a, b, readings)), None)
        if match is None and kind == "denial_vs_report":
            # The same report (or a copy of it) denied again, in other words or another article.
            match = next((c for c in groups[key] if _same_position(c.b, b, readings)), None)
        if match is None and kind == "denial_vs_report":
            # One denial set against several reports of what it denies: one dispute, the other
            # reports in `also`.
            match = by_denial.get(a.id)
        if match is None and kind == "denial_vs_report":
            # Allies denying the same account, a headline and its story: one dispute.
            near = {n for word in set(meaning_words(b.text)) for n in by_word.get(word, ())}
            match = next((out[n] for n in sorted(near) if _same_dispute(out[n], a, b)), None)  # strongest first
        if match is not None:
            known = {match.a.id, match.b.id} | {x.id for x in match.also}
            match.also = (*match.also, *[x for x in (a, b) if x.id not in known])
            continue
        claimant_ids = [x for x in (a.claimant_id, b.claimant_id) if x and x.startswith("P")]
        about_ids = tuple(dict.fromkeys(claimant_ids + list(a.about) + list(b.about)))
        conflict = Conflict(id="", kind=kind, score=score, about=names(a, b), about_ids=about_ids,
                            a=a, b=b, signals=sig, why=tuple(why))
        groups[key].append(conflict)
        out.append(conflict)
        if kind == "denial_vs_report":
            by_denial.setdefault(a.id, conflict)
            for word in set(meaning_words(b.text)):
                by_word[word].append(len(out) - 1)
    return out


def _same_dispute(c: Conflict, a: Claim, b: Claim) -> bool:
    """The same account denied by someone on the same side: the reports are one proposition
    (most of the shorter one's meaning words in the other, three at least) and no denier is
    the other conflict's reporter."""
    def voices(*claims: Claim) -> set[str]:
        # The outlet narrates both a report and its rebuttal: it takes no side here.
        return {x.claimant_id or x.claimant for x in claims if x.claimant_type != "media"}

    if voices(a, c.a) & voices(b, c.b):
        return False
    return same_account(meaning_words(c.b.text), meaning_words(b.text))


def _same_point(c: Conflict, a: Claim, b: Claim, readings: dict[str, Reading]) -> bool:
    return ((_same_position(c.a, a, readings) and _same_position(c.b, b, readings))
            or (_same_position(c.a, b, readings) and _same_position(c.b, a, readings)))


def _same_position(x: Claim, y: Claim, readings: dict[str, Reading]) -> bool:
    """One side of a conflict: the same claimant and polarity, and the same article (a
    claimant's statements in one story are one account), the same predicate with the same
    polarity (a repeat elsewhere), or mostly the same meaning words (a copy)."""
    if x.id == y.id:
        return True
    if x.text == y.text and x.claimant == y.claimant:
        return True  # a syndicated copy
    if (x.claimant_id or x.claimant) != (y.claimant_id or y.claimant) or x.negative != y.negative:
        return False
    if x.article == y.article:
        return True
    rx, ry = readings.get(x.id), readings.get(y.id)
    if rx is None or ry is None:
        return False
    px, py = rx.prop.predicates, ry.prop.predicates
    if any(px[r] is not None and px[r] == py[r] for r in px.keys() & py.keys()):
        return True
    wx, wy = set(rx.words), set(ry.words)
    return bool(wx | wy) and len(wx & wy) / len(wx | wy) >= 0.3


def names(a: Claim, b: Claim) -> tuple[str, ...]:
    """Who the conflict is about: the claimants who are people first, then whom the claims name."""
    by_id = dict(zip(a.about, a.about_names)) | dict(zip(b.about, b.about_names))
    claimants = [(c.claimant_id, c.claimant) for c in (a, b) if c.claimant_type == "person" and c.claimant_id]
    out = [n for _, n in claimants] + [by_id[x] for x in by_id if x not in {i for i, _ in claimants}]
    if not out:  # about no linked person: the conflict is between its claimants
        return tuple(dict.fromkeys((a.claimant, b.claimant)))
    return tuple(dict.fromkeys(out))
