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

# First names by gender, lower-cased, for pronoun agreement ("she" never resolves to a man) and for
# telling family members apart ("Mrs. Trump"): common US first names plus names in world news.
FEMALE_FIRST_NAMES = frozenset(
    "hillary melania ivanka kellyanne nancy elizabeth michelle huma sarah jill hope katrina susan "
    "mary patricia jennifer linda barbara margaret lisa karen betty helen sandra donna carol ruth "
    "sharon laura kimberly deborah jessica shirley cynthia angela melissa brenda amy anna rebecca "
    "virginia kathleen pamela martha debra amanda stephanie carolyn christine marie janet catherine "
    "frances ann joyce diane alice julie heather teresa doris gloria evelyn jean cheryl mildred "
    "katherine joan ashley judith rose janice kelly nicole judy christina kathy theresa beverly "
    "denise tammy irene jane lori rachel marilyn andrea kathryn louise sara anne jacqueline wanda "
    "bonnie julia ruby lois tina phyllis norma paula diana annie lillian emily robin peggy crystal "
    "gladys rita dawn connie florence tracy edna tiffany carmen rosa cindy grace wendy victoria "
    "kirsten tammy dianne debbie loretta kamala condoleezza madeleine sheryl oprah megyn dana "
    "gennifer alicia chelsea meghan claire hannah olivia emma sophia theresa angela marine maria "
    "danielle gabrielle michaela yulia svetlana natalia olga tatiana irina fatima aisha priya "
    "marta ana elena sofia petra greta lena nadia vera carla halima amara ingrid astrid "
    "lucia isabel sonia leila yasmin mariam zainab ayesha sunita anita".split())
MALE_FIRST_NAMES = frozenset(
    "donald barack bill bernie ted marco jeb john james robert michael william david richard joseph "
    "thomas charles christopher daniel matthew anthony mark paul steven andrew kenneth joshua kevin "
    "brian george edward ronald timothy jason jeffrey jeff ryan jacob gary nicholas eric jonathan "
    "stephen larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick "
    "jack dennis jerry tyler aaron jose henry adam douglas nathan peter zachary kyle walter harold "
    "jeremy ethan carl keith roger gerald christian terry sean arthur austin noah lawrence jesse "
    "joe bryan billy jordan albert dylan bruce willie gabriel alan juan logan wayne ralph roy "
    "eugene randy vincent russell louis philip bobby johnny bradley mike mitch chris tim tom dan "
    "newt rudy rudolph reince sean chuck harry mitt rand rick lindsey jim ben vladimir sergey "
    "sergei xi kim bashar recep benjamin francois emmanuel boris hugh corey stephen steve "
    "reid marc kellogg chris hank al jared eric barron "
    "marek tomas oleg ivan dmitri dmitry boris hugo jonas kemal farid oskar rafael ravi yusuf ahmed "
    "mohammed muhammad ali omar hassan pedro carlos luis miguel pierre hans klaus stefan andrei "
    "alexei nikolai viktor igor rajesh arjun hiroshi kenji".split())
# Titles that give a person's gender when they precede the name.
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss madam madame lady dame queen princess congresswoman "
                          "spokeswoman chairwoman councilwoman businesswoman sister mother wife daughter".split())
MALE_TITLES = frozenset("mr mr. sir lord king prince congressman spokesman chairman councilman "
                        "businessman brother father husband son".split())
