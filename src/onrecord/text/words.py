"""Word lists more than one stage reads: one home each, so stages cannot drift apart."""
from __future__ import annotations

import re

# Negators, as lower-cased tokens ("n't" is how spaCy splits "didn't").
NEGATION = frozenset(
    "not no never nothing none nobody neither nor without n't isn't wasn't weren't aren't didn't doesn't "
    "don't hasn't haven't hadn't won't cannot can't couldn't shouldn't wouldn't".split())
# The same words found in running text.
NEGATION_RE = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in NEGATION if w != "n't"), key=len, reverse=True))
    + r")\b|n't\b", re.I)
