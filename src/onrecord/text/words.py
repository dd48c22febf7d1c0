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

# Titles and roles that may lead a person's name ("Sen.", "Attorney General", "Mrs"), lower-cased,
# without dots. They describe a role, never the person's identity, so names compare without them.
PERSON_TITLES = frozenset((
    "attorney general", "deputy attorney general", "secretary of state", "secretary", "president",
    "vice president", "prime minister", "foreign minister", "minister", "ambassador", "senator",
    "sen", "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor",
    "deputy mayor", "councilwoman", "councilman", "council member", "councillor", "chief",
    "police chief", "fire chief", "deputy chief", "commissioner", "director", "judge", "justice",
    "gen", "general", "col", "colonel", "lt", "capt", "captain", "sgt", "sergeant", "officer",
    "detective", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame", "lord",
    "former", "then", "acting", "interim", "embattled", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "chair", "ceo", "superintendent", "speaker", "lady", "first lady",
    "king", "queen", "prince", "princess", "pope", "rev", "reverend", "chancellor", "premier",
    "sheikh", "ayatollah", "candidate", "nominee", "leader", "adviser", "advisor", "lawyer", "attorney",
))

# The deny family as cue words (CAMEO 016 "deny" and its refute/rebut/disavow kin). Whether a
# deny-family cue denies a proposition (not a request or a ruling) is decided once, in
# onrecord.record.conflicts.denials; this is only the word list claims and events share.
DENY_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial|ials)|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting|tal)?|"
    r"disavow(?:s|ed|ing)?|disput(?:e|es|ed|ing)|contest(?:s|ed|ing)?|reject(?:s|ed|ing)?|"
    r"dismiss(?:es|ed|ing)?|repudiat(?:e|es|ed|ing))\b", re.I)
