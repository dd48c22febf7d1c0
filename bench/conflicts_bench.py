"""Time find_conflicts on a synthetic store: N articles, a few claims each, many people.

    python bench/conflicts_bench.py [--articles 10000] [--claims 6] [--people 2000] [--stance]

Prints claims, candidate pairs (against all pairs) and seconds; the stance model is off by
default so the figure is the blocking and scoring itself. `candidates` is the blocking alone
(it runs again inside find_conflicts). Before the vectorised blocking (a Python loop over
3.7M pairs): find_conflicts 211-226 s on 10,000 articles; docs/conflicts.md has the figures.
"""
from __future__ import annotations

import argparse
import random
import time

from onrecord.record.conflicts import candidates, find_conflicts
from onrecord.record.claims import Claim

VERBS = ["met", "discussed", "paid", "called", "visited", "signed", "funded", "hired", "warned", "sued"]
TOPICS = ["contract", "sanctions", "pipeline", "election", "budget", "merger", "strike", "treaty", "loan",
          "tariff", "bridge", "port", "vaccine", "dam", "stadium", "mine", "refinery", "airport"]


def synthetic_claims(articles: int, per_article: int, people: int, seed: int = 0) -> list[Claim]:
    rng = random.Random(seed)
    claims: list[Claim] = []
    for a in range(articles):
        for k in range(per_article):
            speaker, subject = rng.randrange(people), rng.randrange(people)
            topic, verb = rng.choice(TOPICS), rng.choice(VERBS)
            negative = rng.random() < 0.2
            count = rng.choice([3, 12, 40, 100])
            text = (f"person{subject} {'never ' if negative else ''}{verb} officials about the {topic} "
                    f"in city{rng.randrange(300)} with {count} delegates")
            claims.append(Claim(id=f"art{a}#A{k}", article=f"art{a}", date=f"2024-01-{1 + a % 28:02d}", text=text,
                                spans=((0, len(text)),), claimant=f"person{speaker}", claimant_id=f"P{speaker}",
                                claimant_type="person", chain=(f"outlet{a % 40}", f"person{speaker}"),
                                about=(f"P{subject}",), about_names=(f"person{subject}",),
                                polarity="negated" if negative else "asserted", content=text))
    return claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--claims", type=int, default=6, help="claims per article")
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--stance", action="store_true", help="score the top candidates with the stance model")
    args = parser.parse_args()
    claims = synthetic_claims(args.articles, args.claims, args.people)
    n = len(claims)
    start = time.perf_counter()
    pairs = candidates(claims)[0]
    blocked = time.perf_counter() - start
    start = time.perf_counter()
    conflicts = find_conflicts(claims, use_stance=args.stance)
    total = time.perf_counter() - start
    print(f"articles={args.articles} claims={n} all_pairs={n * (n - 1) // 2:,} candidate_pairs={len(pairs):,} "
          f"({len(pairs) / max(1, n * (n - 1) // 2):.5%})")
    print(f"candidates {blocked:.2f}s; find_conflicts {total:.2f}s; conflicts={len(conflicts):,}")


if __name__ == "__main__":
    main()
