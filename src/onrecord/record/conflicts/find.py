"""find_conflicts: pointing denials resolved to what they deny, then blocked pairs judged.

Kinds (the contract's "Conflicts" section):
- denial_vs_report: one side denies (or states the negative of) what the other reports;
- account_vs_account: two positive accounts of the same thing that cannot both be true;
- self_contradiction: one claimant against their own earlier claim, in another article.

Two routes lead to a conflict. A denial that points ("denied the charges", "That is not
true") is resolved to what it points at (`denials.resolve_in_text`), in its own article, or
else among other articles' claims about the same people; a denial that restates, a
negation, and counts go through the blocked candidate pairs (`candidates`) and the judge
(`judge`). Every conflict carries its reasons in words (`why`).
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from ..claims import Claim
from .candidates import _CONDITIONAL, Prepared, candidates, conditional, prepare
from .conflict import Conflict, ConflictKind
from ...model import trim_span
from ...stance import LABELS, stance_proba
from .denials import EVALUATIVE_RE, MAY_DENY, Denial, Target, read_denial, resolve_in_text, sentence_bounds
from .judge import CALLED, FINITE, HAS_POLE, Reading, judge, read
from .meaning import meaning_words, overlap
from .score import Scored, base_score, merge_repeats, signals

# A pointing denial resolved in another article needs this much shared meaning with the report.
CROSS_ARTICLE_OVERLAP = 0.5


def _extent(spans: Iterable[tuple[int, int]]) -> tuple[int, int]:
    spans = list(spans)
    return min(s for s, _ in spans), max(e for _, e in spans)


def denial_of(claim: Claim, text: str | None) -> Denial | None:
    """The denial a claim makes (see `denials.read_denial`), read in its article's text when
    known, else in the claim's own text."""
    if not claim.spans or claim.polarity == "hedged" or not MAY_DENY.search(claim.text):
        return None
    cue = claim.extras.get("cue")
    content = claim.extras.get("content_spans")
    if text is None:
        if len(claim.spans) != 1:
            return None
        shift = claim.spans[0][0]
        text = " " * shift + claim.text  # offsets stay the article's
        span = (shift, shift + len(claim.text))
        cue = content = None
    else:
        span = _extent(list(claim.spans) + ([tuple(s) for s in cue] if cue else []))
    cue_span = tuple(_extent(cue)) if cue else None
    content_span = tuple(_extent(content)) if content else None
    return read_denial(text, span, cue=cue_span, content=content_span)  # type: ignore[arg-type]


def _voice(c: Claim) -> str:
    return c.claimant_id or c.claimant


def _narrowed(claim: Claim, denial: Denial, text: str | None) -> Claim:
    """The claim with its evidence cut to the denial itself ("denies the charges against him");
    told in the outlet's voice, the denier is whom the sentence names ("Washington has
    dismissed as baseless")."""
    span = denial.span
    narrated = claim.attribution is None and claim.claimant_type == "media"
    if text is None or (span == _extent(claim.spans) and not (narrated and denial.subject)):
        return claim
    out = dataclasses.replace(claim, spans=(span,), text=text[span[0]:span[1]], extras=dict(claim.extras))
    if narrated and denial.subject:
        out.claimant, out.claimant_type, out.chain = denial.subject, "other", (*claim.chain[:1], denial.subject)
    elif denial.narrated and claim.chain:
        # "He repeated debunked theories": the verdict is the outlet's, the theories his.
        out.id = f"{claim.id}~"
        out.claimant, out.claimant_id, out.claimant_type, out.chain = claim.chain[0], None, "media", claim.chain[:1]
        out.polarity, out.attribution = "denied", None
    return out


def sentence_denials(texts: Mapping[str, str], claims: list[Claim]) -> list[Claim]:
    """Denials told in sentences no claim covers ("Historians later exposed him as a fraud."),
    as claims of whom the sentence names, else of the outlet."""
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    outlet: dict[str, Claim] = {}
    for c in claims:
        covered[c.article].extend(c.spans)
        outlet.setdefault(c.article, c)
    out: list[Claim] = []
    for article, text in texts.items():
        pos = 0
        while pos < len(text):
            s, e = sentence_bounds(text, pos, pos)
            if e <= pos:
                break
            pos = e
            if not MAY_DENY.search(text, s, e) or any(cs < e and s < ce for cs, ce in covered.get(article, ())):
                continue
            denial = read_denial(text, trim_span(text, (s, e)))
            if denial is None or denial.how == "restates":
                continue
            like = outlet.get(article)
            site = like.chain[0] if like and like.chain else article  # the outlet, as its claims name it
            voice = denial.subject or site
            out.append(Claim(id=f"{article}#S{s}", article=article, date=like.published if like else None,
                             text=text[denial.span[0]:denial.span[1]], spans=(denial.span,), claimant=voice,
                             claimant_id=None, claimant_type="other" if denial.subject else "media",
                             chain=(site,) + ((voice,) if denial.subject else ()),
                             about=(), about_names=(), polarity="denied", content=text[denial.span[0]:denial.span[1]],
                             published=like.published if like else None, extras={"sentence_denial": True}))
    return out


def _report_at(denier: Claim, target: Target, text: str, article_claims: list[Claim], denial: Denial) -> Claim:
    """The report side for a target found in the text: the claim there when it is one, else a
    claim of whoever the story says brings it (the possessor, else the outlet)."""
    for c in article_claims:
        if c.id == target.claim:
            return c
    s, e = target.span
    # Whose words the target is: the other voice's claim sharing most of its text.
    shares = [(sum(max(0, min(e, ce) - max(s, cs)) for cs, ce in c.spans), n) for n, c in enumerate(article_claims)
              if c.id != denier.id and _voice(c) != _voice(denier) and not c.negative]  # a denier reports nothing
    best = max(shares, default=(0, -1))
    holder = article_claims[best[1]] if best[0] > 0 else None
    if denial.narrated:
        holder = denier  # the claimant repeated what the outlet calls false
    claimant = denial.possessor or (holder.claimant if holder else (denier.chain[0] if denier.chain else "the article"))
    return Claim(id=f"{denier.article}#T{s}-{e}", article=denier.article, date=denier.published or denier.date,
                 text=text[s:e], spans=((s, e),), claimant=claimant,
                 claimant_id=holder.claimant_id if holder and not denial.possessor else None,
                 claimant_type=holder.claimant_type if holder and not denial.possessor else "media",
                 chain=holder.chain if holder and not denial.possessor else tuple(denier.chain[:1]) + ((claimant,) if denial.possessor else ()),
                 about=denier.about, about_names=denier.about_names, polarity="asserted", content=text[s:e],
                 published=denier.published, extras={"target_of": denier.id, "resolved_by": target.how})


def _pointing(prep: Prepared, texts: Mapping[str, str], readings: dict[str, Reading]) -> list[Scored]:
    """Conflicts of denials that point: each resolved to what it points at."""
    by_article: dict[str, list[int]] = defaultdict(list)
    by_person: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(prep.claims):
        by_article[c.article].append(i)
        for key in prep.keys[i]:
            if key[0] == "person":
                by_person[key[1]].append(i)
        for name in dict.fromkeys(n.lower() for n in c.about_names if n):
            by_person["name:" + name].append(i)
    out: list[Scored] = []
    done: set[tuple[str, tuple[int, int]]] = set()
    accounts: dict[str, tuple[list[int], list[tuple[str, tuple[int, int], bool, str, str]]]] = {}
    for i, (claim, denial) in enumerate(zip(prep.claims, prep.denials)):
        if denial is None or denial.how == "restates" or not prep.eligible[i]:
            continue
        if (claim.article, denial.span) in done:
            continue  # two claims read the same denial words (a nested attribution): one denial
        done.add((claim.article, denial.span))
        text = texts.get(claim.article)
        mine = [prep.claims[j] for j in by_article[claim.article]]
        denier = _narrowed(claim, denial, text)
        target = None
        if text is not None:
            # What a denial can point at: someone else's account that says something (four
            # words at least) and does not itself call something false ("could be a hoax").
            if claim.article not in accounts:
                accounts[claim.article] = _accounts(prep, by_article[claim.article])
            starts, entries = accounts[claim.article]
            # Only those within reach of the denial (a long article has thousands of claims).
            lo, hi = bisect_left(starts, denial.span[0] - 3000), bisect_left(starts, denial.span[1] + 1000)
            voice = _voice(claim)
            nearby = [(cid, span, opposing) for cid, span, opposing, v, _ in entries[lo:hi] if v != voice]
            owners = {cid: name for cid, _, _, _, name in entries[lo:hi]}
            target = resolve_in_text(text, denial, denial.span, nearby, names=_names_of(claim), owners=owners)
        if target is not None and text is not None:
            report = _report_at(claim, target, text, mine, denial)
            why = [f"{denier.claimant} {denial.why}",
                   f'it points at {_HOW[target.how]}: "{_short(report.text)}"']
            if report.claimant_type == "media" and target.how in ("complement", "mention"):
                # Only the denier's own article tells what it denies ("denied a report that ..."):
                # whoever reported it in another article is the other side.
                found = _reported_elsewhere(prep, i, report, by_person)
                if found is not None:
                    report, sim = found
                    why.append(f"{report.claimant} reports it in another article ({sim:.0%} of the meaning shared)")
            sig = signals(denier, report, 1.0, False, resolved=target.how)
            out.append((base_score("denial_vs_report", sig), "denial_vs_report", denier, report, sig, why))
            continue
        # Nothing in its own article: the claims of other articles about the same people that
        # restate what the denial's sentence is about.
        # Their names are how the claims were found, not what they say: left out of the match.
        named = set(meaning_words(" ".join((claim.claimant or "", *claim.about_names))))
        context = [w for w in meaning_words(_sentence_of(claim, text)) if w not in named]
        people = [p for p in dict.fromkeys(claim.about + ((claim.claimant_id,) if claim.claimant_id else ()))]
        seen: set[int] = set()
        for person in people:
            for j in by_person.get(person, ()):
                other = prep.claims[j]
                if j in seen or other.article == claim.article or _voice(other) == _voice(claim):
                    continue
                seen.add(j)
                if other.negative or not prep.eligible[j] or prep.denials[j] is not None or other.polarity == "hedged":
                    continue
                words = [w for w in prep.words[j] if w not in named]
                sim = overlap(context, words)
                if sim < CROSS_ARTICLE_OVERLAP or len(set(context) & set(words)) < 2:
                    continue
                why = [f"{denier.claimant} {denial.why}",
                       f"what it denies, {other.claimant} reports in another article ({sim:.0%} of the meaning shared)"]
                sig = signals(denier, other, sim, False, resolved="other article")
                out.append((base_score("denial_vs_report", sig), "denial_vs_report", denier, other, sig, why))
    return out


def _accounts(prep: Prepared, members: list[int]) -> tuple[list[int], list[tuple[str, tuple[int, int], bool, str, str]]]:
    """An article's claims a denial can point at, by where they start: someone's account that
    says something (four words at least, a verb) and does not itself call something false
    ("could be a hoax"); (id, extent, positive, voice, claimant)."""
    entries = []
    for j in members:
        c = prep.claims[j]
        if c.spans and prep.denials[j] is None and len(c.text.split()) >= 4 and not EVALUATIVE_RE.search(c.text) \
                and (prep.props[j].predicates or FINITE.search(c.text)):
            entries.append((c.id, _extent(c.spans), not c.negative, _voice(c), c.claimant))
    entries.sort(key=lambda x: x[1][0])
    return [x[1][0] for x in entries], entries


def _reported_elsewhere(prep: Prepared, i: int, report: Claim,
                        by_person: Mapping[str, list[int]]) -> tuple[Claim, float] | None:
    """The positive claim of another article, by someone else, about the denier's people, that
    restates `report` best (60% of the shorter one's meaning words, three at least)."""
    claim = prep.claims[i]
    want = set(meaning_words(report.text))
    if len(want) < 3:
        return None
    keys = list(dict.fromkeys(claim.about)) + ["name:" + n.lower() for n in dict.fromkeys(claim.about_names) if n]
    best: tuple[float, int] | None = None
    for key in keys:
        for j in by_person.get(key, ()):
            other = prep.claims[j]
            if other.article == claim.article or _voice(other) == _voice(claim) or other.negative \
                    or not prep.eligible[j] or prep.denials[j] is not None or other.polarity == "hedged":
                continue
            words = set(prep.words[j])
            if len(words) < 3:
                continue
            sim = overlap(want, words)
            if sim >= 0.6 and (best is None or sim > best[0]):
                best = (sim, j)
    return (prep.claims[best[1]], best[0]) if best else None


def _names_of(claim: Claim) -> tuple[str, ...]:
    """The denier's name and surname, as the story may name them."""
    name = claim.claimant or ""
    parts = name.split()
    return tuple(dict.fromkeys([name] + ([parts[-1]] if len(parts) > 1 else [])))


_HOW = {"what came just before": "what was said just before", "accusation": "the accusation against them", "complement": "its own content", "antecedent": "the noun it qualifies", "mention": "the story's mention of it",
        "nearby claim": "the claim just before it", "account of it": "the account of that event just before it", "question": "the question put to them", "owner's claim": "what its owner said"}


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _sentence_of(claim: Claim, text: str | None) -> str:
    if text is None:
        return claim.text
    s, e = sentence_bounds(text, *_extent(claim.spans))
    return text[s:e]


class _Readings(dict):  # type: ignore[type-arg]
    """claim id -> Reading, read when first asked for: most claims are never judged."""

    def __init__(self, prep: Prepared) -> None:
        super().__init__()
        self._index = {c.id: i for i, c in enumerate(prep.claims)}
        self._prep = prep

    def __missing__(self, key: str) -> Reading:
        i = self._index[key]
        p = self._prep
        value = self[key] = read(p.claims[i], p.props[i], p.words[i], p.denials[i])
        return value

    def get(self, key: str, default: Reading | None = None) -> Reading | None:  # type: ignore[override]
        return self[key] if key in self._index else default


def find_conflicts(claims: Iterable[Claim], *, texts: Mapping[str, str] | None = None, use_stance: bool = True,
                   min_score: float = 0.35, min_similarity: float = 0.1, max_stance_pairs: int = 5000,
                   top_k: int = 20, max_block: int = 300) -> list[Conflict]:
    """Conflicting claim pairs, strongest first, ids C1, C2, ... in that order.

    Args:
        claims: claims from `build_claims` (one article or a whole store).
        texts: article id -> text; with it a pointing denial ("denied the charges") is
            resolved to what it points at in its article. Without it only other articles'
            claims can be what it denies.
        use_stance: blend the shipped stance model into the score of two positive accounts.
        min_score: drop weaker conflicts.
        min_similarity: topic similarity (TF-IDF cosine of meaning words) a pair needs
            before it is judged at all.
        top_k: each claim is judged against at most its top_k most similar candidates.
        max_block: blocks larger than this are compared by sparse products, top_k per claim.
    """
    claims = list(claims)
    texts = texts or {}
    claims = claims + sentence_denials(texts, claims)
    if not claims:
        return []
    denials = [denial_of(c, texts.get(c.article)) for c in claims]
    prep = prepare(claims, denials)
    readings = _Readings(prep)
    scored: list[Scored] = _pointing(prep, texts, readings)

    li, ri, sims = candidates(claims, top_k=top_k, max_block=max_block, min_similarity=min_similarity,
                              prepared=prep)
    # Cheap vectorised screen before any per-pair Python: some side negative, or counts on both.
    pointing = [d is not None and d.how != "restates" for d in denials]
    negative = np.array([c.negative for c in claims], dtype=bool)
    counted = np.array([bool(p.numbers) for p in prep.props], dtype=bool)
    # Only opposite polarities (a denial, a negation, a changed account) or two positive counts
    # can be judged a conflict; one voice inside one article never is.
    voice = {v: n for n, v in enumerate(dict.fromkeys(_voice(c) for c in claims))}
    voices = np.array([voice[_voice(c)] for c in claims], dtype=np.int64)
    article = {v: n for n, v in enumerate(dict.fromkeys(c.article for c in claims))}
    articles = np.array([article[c.article] for c in claims], dtype=np.int64)
    poled = np.array([bool(HAS_POLE.search(c.content or c.text)) for c in claims], dtype=bool)
    positive = ~negative[li] & ~negative[ri]
    # One voice inside one article is one account, unless it reports someone else's label for
    # itself ("another called her X") and denies it.
    called = np.array([bool(CALLED.search(c.content or c.text)) for c in claims], dtype=bool)
    keep = ((negative[li] != negative[ri]) | (counted[li] & counted[ri] & positive) | (poled[li] & poled[ri] & positive)) \
        & ~((voices[li] == voices[ri]) & (articles[li] == articles[ri]) & ~(called[li] | called[ri]))
    li, ri, sims = li[keep], ri[keep], sims[keep]
    # A forecast or condition anywhere in the claim's extent ("is expected to meet next week").
    iffy = [not c.negative and (conditional(c) or bool(texts.get(c.article)) and c.spans and bool(
        _CONDITIONAL.search(texts[c.article], *_extent(c.spans)))) for c in claims]
    for i, j, sim in zip(li.tolist(), ri.tolist(), sims.tolist()):
        a, b = claims[i], claims[j]
        if a.article == b.article and (a.attribution in b.extras.get("containers", ())
                                       or b.attribution in a.extras.get("containers", ())):
            continue  # an outer report and the account it carries are one account, not two
        if iffy[i] or iffy[j]:
            continue  # "would meet if ..." is no account of what happened
        if pointing[i] or pointing[j]:
            continue  # a denial that points is paired with what it points at, above
        verdict = judge(readings[a.id], readings[b.id])
        if verdict is None:
            continue
        a, b = _order(verdict.a, verdict.b, verdict.kind)
        sig = signals(a, b, float(sim), verdict.clash)
        scored.append((base_score(verdict.kind, sig), verdict.kind, a, b, sig, verdict.why))
    if use_stance:
        _add_stance(scored)
    # A headline restates its story in fewer words: the story's own sentences go first.
    scored = [(score - 0.05 * sum(_in_headline(c, texts) for c in (a, b)), kind, a, b, sig, why)
              for score, kind, a, b, sig, why in scored]
    scored.sort(key=lambda t: -t[0])
    conflicts = merge_repeats([t for t in scored if t[0] >= min_score], readings)
    for n, c in enumerate(conflicts, 1):
        c.id = f"C{n}"
    return conflicts


def _in_headline(claim: Claim, texts: Mapping[str, str]) -> bool:
    """Whether a claim lies in its article's first line, when that line is a title (short, no
    full stop)."""
    text = texts.get(claim.article)
    if not text or not claim.spans:
        return False
    first = text.find("\n")
    return 0 < first <= 200 and claim.spans[-1][1] <= first and not text[:first].rstrip().endswith(".")


def _order(a: Claim, b: Claim, kind: ConflictKind) -> tuple[Claim, Claim]:
    if kind == "self_contradiction":  # the earlier statement first (when it was said)
        return (a, b) if (a.published or a.date or "") <= (b.published or b.date or "") else (b, a)
    return a, b


def _add_stance(scored: list[Scored]) -> None:
    """Blend in the stance model for two positive accounts: does one dispute the other?"""
    idx = [k for k, t in enumerate(scored) if t[1] == "account_vs_account"]
    if not idx:
        return
    heads = [scored[k][2].text for k in idx] + [scored[k][3].text for k in idx]
    bodies = [scored[k][3].text for k in idx] + [scored[k][2].text for k in idx]
    proba = stance_proba(heads, bodies)
    n = len(idx)
    d = LABELS.index("disagree")
    for m, k in enumerate(idx):
        score, kind, a, b, sig, why = scored[k]
        disagree = float(max(proba[m, d], proba[n + m, d]))
        sig["stance_disagree"] = disagree
        scored[k] = (min(1.0, 0.9 * score + 0.1 * disagree), kind, a, b, sig, why)


def conflicts_dicts(conflicts: Iterable[Conflict]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in conflicts]
