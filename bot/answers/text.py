"""Words: members' spelling, stems, synonyms, and what kind of fact a question asks for.

Stemming is the Snowball English stemmer (the `snowballstemmer` package, the Snowball
project's own pure-Python build): "elections", "elected" and "election" are one word.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

import snowballstemmer

from bot.answers.lexicon import IDIOMS, PHRASES, SYNONYM_WORDS, TEXT_SPEAK
from bot.answers.memo import of_question

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"(?<=[a-z])['’](?=[a-z])")

# Words that say nothing about the topic: function words, fillers, the union itself.
STOP = frozenset(
    """a about above after again all also am an and any anyone anything are as at be been
    being both but by can cant could did didnt do does doesnt doing done dont each either
    else even ever every for from get gets getting go going gone got had has hasnt have
    havent having he her here hers him his how i id if ill im in into is isnt it its itll
    ive just know let lets like me mine more most much my myself need needs no nor not now
    of off on once one only or other our ours ourselves out over own please pls plz re s
    same say says she should shouldnt so some such t than thanks thank that thats the their
    them then there theres these they theyre this those though through thx to too u ur
    us ve very was wasnt we were weve what whats when whens where wheres whether which while
    who whos whom whose why will with wont would wouldnt yeah yes yet you youd youll your
    youre yours youve union ok okay hi hello hey cheers aye want wanted wants wot wat wut hw wht whn
    really actually basically anyway still again another might able non before during since
    within upon via towards among amongst throughout under along beyond behind
    toward onto per must shall ought goes""".split()
)
# Chatter: words that carry no fact to look up; not held against an answer either.
CHATTER = frozenset(
    """mate mates lunch break quick question wondering wonder thinking think thought heard
    hear bit lot lots stuff thing things kind sort guys folk people someone somebody way
    obviously apparently probably maybe worried worry sure idea anybody everyone everybody
    plain english simple simply mind changed bother bothered faff faffing summat owt nowt
    colleague colleagues boss new starter asking wait right good great fine alright
    nephew niece son daughter wife husband partner mum mam mom dad mother father brother
    sister cousin auntie uncle grandad nan gran friend friends neighbour flatmate
    totally completely says said saying told telling day today tonight morning
    time times soon ask asked see look looking find found help take takes took taking make
    makes made give gives gave put puts keep keeps kept come comes came coming use used
    using happen happens happened happening anywhere somewhere everywhere else thing
    lunchtime break everything something nothing share facebook whatsapp twitter insta
    instagram send round
    forward pass supposed meant ought reckon guess cool nice lovely ta asap fyi btw tho
    instead also currently these those days nowadays anymore well try trying regarding
    regards latest given circumstances situation whether wondering speak talk chat finding week
    weeks ago yesterday anytime
    tried tries looks looked sees seen finds helps helped asks happened hears wondered
    worrying bothering speaking talking chatting check checks checked checking seem seems
    seemed mention mentions mentioning
    sorry apologies apologise daft silly stupid dumb""".split()
)
# Discourse markers, intensifiers and hedges: how a member says it, never what they ask.
HEDGES = frozenset(
    """actual actually real really truly honestly literally seriously genuinely basically
    normal normally usual usually typical typically proper properly exactly precisely
    definitely certainly surely totally fully quite rather pretty fairly exact already etc
    etcetera wtf ffs ngl tbh tbf smh fml omg lol lmao haha hehe imo imho ugh argh jeez""".split()
)
CHATTER = CHATTER | HEDGES
# The union itself: every passage is about it, so no passage is held to explain it.
OWN = frozenset({"union"})
QUESTION_WORDS = frozenset("when what where who which why how whats whens wheres whos".split())

NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve sixteen twenty fifty "
    "hundred thousand dozen half".split()
)
MONTHS = (
    "january february march april may june july august september october november december"
).split()
# "May" the month, not "may" the verb ("there may be claims"): capitalised, or beside a day.
_MAY = r"(?-i:May)|\d{1,2}(st|nd|rd|th)? may|may \d{1,2}\b"
MONTH_RE = "|".join(m for m in MONTHS if m != "may") + "|" + _MAY
_TEMPORAL = re.compile(
    rf"\b({MONTH_RE}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(19|20)\d\d|\d{1,2}:\d\d|noon|midday|midnight|today|tomorrow|yesterday|"
    r"quarterly|monthly|weekly|annually|yearly|every (year|month|week)|"
    # "Recommendations come to the next NEC": a time, the next meeting's
    r"(the|its) next (nec|national executive|meeting|conference))\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d|\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_MONEY = re.compile(r"[£$€]\s?\d|\d\s?(%|per ?cent|pounds?|p\b)", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SHORT_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*[–-]\s*(\d\d)\b")


# Words the stemmer makes one that members mean apart: an office is no officer, organising
# no organiser.
_KEPT_APART = {
    "officer": "officer",
    "officers": "officer",
    "contingency": "contingency",  # a plan for a case, not contingent (agency) labour
} | {w: "organiser" for w in ("organiser", "organisers", "organizer", "organizers")}
# Irregular past forms, which the stemmer leaves apart from their verb: "held" is "hold".
_IRREGULAR = {
    "held": "hold",
    "met": "meet",
    "sent": "send",
    "won": "win",
    "ran": "run",
    "began": "begin",
    "begun": "begin",
    "chose": "choose",
    "chosen": "choose",
    "wrote": "write",
    "written": "write",
    "brought": "bring",
    "spent": "spend",
    "lost": "lose",
    "kept": "keep",
    "stood": "stand",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _KEPT_APART.get(word) or str(_STEMMER.stemWord(_IRREGULAR.get(word, word)))


_CHATTER_STEMS = frozenset(w for w in CHATTER if stem(w) == w)


def is_chatter(word: str) -> bool:
    """Chatter, and the -ing and -ed forms of its verbs ("keep hearing about": "hear")."""
    return word in CHATTER or (word.endswith(("ing", "ed")) and stem(word) in _CHATTER_STEMS)


SYNONYMS: dict[str, tuple[str, ...]] = {
    stem(k): tuple(dict.fromkeys(stem(v) for v in vs if stem(v) != stem(k)))
    for k, vs in SYNONYM_WORDS.items()
}


_IDIOM = dict(IDIOMS)
_IDIOMS = re.compile(r"\b(" + "|".join(re.escape(i) for i, _ in IDIOMS) + r")\b")
_SPOKEN = dict(TEXT_SPEAK)
_TEXT_SPEAK = re.compile(
    r"\b(" + "|".join(re.escape(i) for i, _ in TEXT_SPEAK) + r")\b", re.IGNORECASE
)
_REWRITE = dict(PHRASES)
_PHRASES = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(_REWRITE, key=len, reverse=True)) + r")\b"
)
# "How do I…" and a "How to vote" heading: the question asks for a way of doing something.
HOW_TO = "howto"
_HOW_TO = re.compile(r"\bhow (do|does|can|could|should|would|will|to|did) ?(i|we|you|members)?\b")
# "What is the committee for?", "what does it do": the question asks for a purpose.
_PURPOSE = re.compile(
    r"\bwhat(s| is| are)\b(?![^?.]*\b(we|you|i|they)\b)[^?.]*(?<!short )(?<!stand )(?<!stands )"
    r"\bfor\s*\??\s*$|"
    r"\bwhat (does|do) (?!(i|we|you|u)\b)[^?.]{1,40}\bdo\b(?! (i|we|you|to|with|about)\b)|"
    r"\bpoint of\b|\b(there|exists?|meant) (to do|for)\b|"
    # "pssec do what for us workers": the same, the thing named first
    r"\b(?!(i|we|you|u|they|to|can|should|shall|bot|it|this|that)\b)[a-z]+ (do|does) what\b"
    r"(?! (i|we|you|to|with|about|now|next)\b)"
)
# A campaign's demands ("What we want", "what does the campaign want") and its plan ("How
# we will get there"): headings of small words, and the questions that ask for them.
_AIMS = re.compile(
    r"\bwhat (do |does |did |will )?(we|they|it|the [a-z]+( [a-z]+){0,5}?) (want|wants|demands?|"
    r"asks? for|aims? for|calls? for|is asking for|seek|seeks|is seeking|push for|pushes for|"
    r"fights? for|campaigns? for)\b"
)
_PLANS = re.compile(
    r"\bhow (we|the union|they|it) (will|are going to|is going to|plans? to|intends? to) "
    r"(get there|win|achieve)"
)
# "What do you know about me?": what the bot holds about the member (/mydata).
_ABOUT_ME = re.compile(
    r"^(?!.*\b(erase[ds]?|erasing|delete[ds]?|deleting|remove[ds]?|removing|wipe[ds]?|wiping|"
    r"forget|forgotten)\b).*"
    r"(\b(know|have|has|hold|holds|keep|store|stored|kept|got)\b[^?.]{0,25}\b(about|on) me\b|"
    r"\b(keep|keeps|store|stores|hold|holds|record|records|save|saves|collect|collects|log|logs|"
    r"got|have)"
    r"\b[^?.]{0,10}\bmy (email|phone|number|address|data|details|personal)\b)"
)
# "Which branch am I in?", "change my branch": where the bot has the member (/whoami).
_MY_BRANCH = re.compile(
    r"\b(which|what) (branch|group)\b[^?.]{0,25}\b(im|i am|am i|me|i belong)\b|"
    r"\b(change|wrong|move|update|switch|correct|fix)\b[^?.]{0,15}\bmy (branch|group)\b|"
    r"\b(find|know|check|see|tell)( out)? (which |what )?(is )?my (branch|group)\b"
)
# "back in November", "back then": when, not a direction.
_BACK_IN = re.compile(r"\bback (in|then|when|at)\b")
_POINT_OF = re.compile(r"\b(the )?point (of|in)\b")
_TELL_ME = re.compile(r"\b(can|could|would|will) you\b|\btell me( more)?( about)?\b")
# "What can I do?" and a "What you can do now" heading.
_CAN_DO = re.compile(
    r"\bwhat (can|could|should|do) (i|we|you) (can )?do\b|\b(what|anything) (i|we|you) can do\b|"
    r"\bhow (can|could) (i|we|you) help\b"
)
_I_WORK = re.compile(r"\b(i|we) (work|works|worked)\b")
# "How does the vote work?" asks how; "work" is not the topic.
_HOW_WORK = re.compile(
    r"(\bhow (does|do|will|would|is)\b[^?.,]{0,40}?)\bwork(s|ing)?\b|"
    r"(\b(dont|doesnt|didnt|wont|isnt|arent|not|never)( seem to)?) work(s|ing)?\b|"
    r"(\b(does|do|will|can|would) (it|the bot|this|you)) work(s)?(?= (on|in|with|over|through)\b)"
)
# "the 3rd", "24th": a day of the month; "nov": November.
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b")
_MONTH_SHORT = re.compile(r"\b(jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b")
_MONTH_FULL = {m[:3]: m for m in MONTHS} | {"sept": "september"}
_HOW = re.compile(r"\bhow (long|much|many|often|soon|far)\b")
_HOW_LONG_LAST = re.compile(r"(\bhow long\b[^?.,]*?)\b(last|lasts|run|runs|go on|goes on)\b")


# A channel signs up to topics; a member signs up to the union.
_CHANNEL_SIGN_UP = re.compile(
    r"\b(channel|chat|group chat|topics?|updates|alerts|news)\b[^?.]{0,30}\bsign(ed|ing)? up\b|"
    r"\bsign(ed|ing)? up\b[^?.]{0,20}\b(channel|chat|topics?|updates|alerts|news)\b"
)


# "How do I send my vote back?": a paper sent back is posted.
_SEND_BACK = re.compile(
    r"\b(send|post)(ing|s|ed)? ((it|mine|my \w+|the \w+|your \w+|our \w+) )?back\b"
)


# "How many of our lot have voted?" is the turnout against its threshold ("turnout" itself
# would ask a result); "how many have signed", the petition's.
_COUNTED = re.compile(
    r"\bhow many\b[^?.]{0,30}?\b((have|has|had|did)( \w+)? )?(?P<done>voted|signed)\b"
)
# "How many names does the pay petition need?": names on a petition are its signatures
# (only where the petition or the pay campaign is named: names on a ballot are candidates).
_PETITION_NAMED = re.compile(r"\b(petition|petitions|fair pay|pay campaign)\b")
_NAMES = re.compile(r"\bhow many names\b")
# "When will they look at balloting again?": a review, which the content calls reassessing.
_AGAIN = re.compile(r"\b(look|looking|looked) at ([^?.,]{1,30}?) again\b")


# Text-speak's dropped g ("comin up", "votin"): the verbs members drop it from.
_G_DROPPED = re.compile(
    r"\b(com|go|post|vot|happen|hav|do|gett|look|wonder|ask|send|wait|runn|stand|clos|open|"
    r"start|meet|sign|join|mov|tell|say|try|work|talk|think|put|hold|count|mak|tak|giv|"
    r"chas|remind|nagg|messag|us)in\b"
)


# "Let the branch know I've posted": telling the bot, which tells the branch (/voted).
_LET_KNOW = re.compile(
    r"\blet (the|my|our) (branch|rep|steward|organisers?|union|secretary) know\b"
)
# Text-speak "2" for "to" after a word that takes one ("need 2 arrive"); not a number of
# things ("got 2 ballot papers", "have 2 weeks").
_TO = re.compile(
    r"\b(need|needs|have|has|got|want|wants|going|ought|able|how|what|where|when|due|used|"
    r"supposed|like|way|time|try|trying|meant|allowed) 2(?= [a-z])(?! (\w+ )?(papers?|packs?|"
    r"ballots?|emails?|links?|days?|weeks?|hours?|months?|years?|members?|people|copies|"
    r"envelopes?|letters?|texts?|messages?|accounts?|branches|groups|candidates|kids|jobs)\b)"
)
# "What if you don't know?", "if the bot hasn't a clue": what the bot does when it cannot
# answer.
_UNSURE = re.compile(
    r"\b(if|when) (you|the bot|it) ((dont|do not|doesnt|does not|cant|cannot|can not|isnt|is not)"
    r" (know|answer|sure|understand)|(hasnt|has not|havent|have not|has no|have no|doesnt have|"
    r"dont have)( got)? (a |an |any |the )?(clue|idea|scooby|answer))\b"
)


# "What can you do (for me)?", said to the bot as the last sentence, after a greeting or an
# excuse or alone: what the bot does (/help).
_FEATURES = re.compile(
    r"(^|[.?!]\s+)\W*((so|and|ok|hi|hey) )?what (can|do|else can|could|are) (you|the bot|"
    r"this bot|it) ((actually|really|even|exactly) )?(do|for|good for|able to do)"
    r"( for (me|us|members|people))?\b(?=\W*$)"
)


# "Can I @ you in our channel?", "how do I ask the bot something?": a question put to the
# bot, the way of asking it (not of getting the bot's posts in a channel).
_ASK_BOT = re.compile(
    r"(?<!\w)(ask|asking|@|mention|dm|message)\s*(you|u|the bot|this bot)\b(?! to\b)"
)


# "How is the union set up?", "how's our union carved up": the union's structure asked, in
# the content's word for it ("The union is organised in groups…").
_SET_UP = re.compile(
    r"\b(how (is|s|are)|hows) (the|our|this|your|my) union ((actually|really|even|now) )?(set up|"
    r"organised|organized|"
    r"structured|carved up|divided( up)?|split( up)?|made up|arranged|broken (up|down)|laid out|"
    r"put together)\b"
)
# "What can a wee member like me do?", "could someone like me help?": the member asking of
# themselves.
_LIKE_ME = re.compile(
    r"\b(can|could|should|would) ((a|an) (\w+ )?(member|person|worker|one)|someone|somebody|"
    r"people|folk|members)s? like (?P<who>me|us|myself)\b"
)
# "Are you a real person or a computer?": the bot asked what it is, a machine said in any of
# its names ("r u a robot", "are you a human or a machine").
_YOU_A = re.compile(
    r"\b(are|r) (you|u) (just )?(a |an )?(real |actual |live )?(person|human|human being|bot|"
    r"robot|machine|computer|program|programme)\b([^?.]{0,20}\bor\b(just )?( a| an)?( real| "
    r"actual)? (person|human|human being|bot|robot|machine|computer( program| programme)?|program|"
    r"programme)\b)?"
)
_MACHINE = re.compile(
    r"\b(computer program|computer programme|robot|machine|computer|program|programme)\b"
)


# "Can I be in two branches at once?", "both branches": how many branches a member belongs
# to, which the content says in its own words ("Every member belongs to one branch").
_TWO_BRANCHES = re.compile(
    r"\b(two|2|both|more than one|multiple|several|a second) (\w+ )?(branch|branches)\b|"
    r"\b(be|am|being|stay|belong|join|sit|register(ed)?) (in|to|with|on) (the |my |a )?"
    r"[^?.]{0,30}\bbranch\b[^?.]{0,10}\b(and|as well as|plus) (the |a |my )?[^?.]{0,30}"
    r"\b(one|branch)\b"
)


def two_branches(text: str) -> bool:
    """Whether a question asks about belonging to more than one branch."""
    return bool(_TWO_BRANCHES.search(text.lower()))


@of_question
def normalise(text: str) -> str:
    """Lower case, apostrophes dropped ("hasn't" → "hasnt"), idioms said in the content's
    words, phrases rewritten."""
    text = _G_DROPPED.sub(r"\1ing", _APOSTROPHE.sub("", text.lower()))
    text = _TEXT_SPEAK.sub(lambda m: _SPOKEN[m.group().lower()], text)
    if _CHANNEL_SIGN_UP.search(text):
        text = re.sub(r"\bsign(ed|ing)? up\b", "subscribe", text)
    if _PETITION_NAMED.search(text):
        text = _NAMES.sub("how many signatures", text)
    text = _SEND_BACK.sub(lambda m: f"{m.group()} post", text)
    text = _AGAIN.sub(lambda m: f"reassess {m.group(2)}", text)
    text = _COUNTED.sub(
        lambda m: f"{m.group()} {'threshold' if m.group('done') == 'voted' else 'petition'}", text
    )
    text = _IDIOMS.sub(lambda m: _IDIOM[m.group()], text)
    text = _LET_KNOW.sub("tell the bot", _TO.sub(r"\1 to", text))
    text = _UNSURE.sub(lambda m: f"{m.group()} cannot answer", text)
    text = _FEATURES.sub(lambda m: f"{m.group()} bot help commands", text)
    text = _ASK_BOT.sub(lambda m: f"{m.group()} a question", text)
    text = _SET_UP.sub("how is the union organised", text)
    text = _LIKE_ME.sub(lambda m: f"{m.group(1)} {'we' if m.group('who') == 'us' else 'i'}", text)
    text = _YOU_A.sub(lambda m: _MACHINE.sub("bot", m.group()), text)
    text = _TWO_BRANCHES.sub(lambda m: f"{m.group()} belongs to one branch", text)
    text = _ORDINAL.sub(r"\1", text)
    text = _MONTH_SHORT.sub(lambda m: _MONTH_FULL[m.group()], text)
    return _PHRASES.sub(lambda m: f"{m.group()} {_REWRITE[m.group()]}", text)


def words(text: str) -> list[str]:
    """The words of a text that can carry its topic, not yet stemmed ("how long" is a
    question, not a length; "how long does it last" asks a length, not about a last day)."""
    text = normalise(text)
    how_to = bool(_HOW_TO.search(text))  # read before "how long do…" is cut to "how do…"
    text = _HOW_LONG_LAST.sub(r"\1", text)
    text = _TELL_ME.sub(" ", _I_WORK.sub(" ", _HOW.sub("how", text)))
    text = _BACK_IN.sub(
        r"\1", _HOW_WORK.sub(lambda m: m.group(1) or m.group(4) or m.group(8), text)
    )
    text = _POINT_OF.sub("purpose of", text)
    found = [w for w in _WORD.findall(text) if w not in STOP and (len(w) > 1 or w.isdigit())]
    if how_to:
        found.append(HOW_TO)
    if _PURPOSE.search(text):
        found.append("purpose")
    if _CAN_DO.search(text):
        found.append("todo")
    if _AIMS.search(text):
        found.append("aims")
    if _PLANS.search(text):
        found.append("plan")
    if _ABOUT_ME.search(text):
        found.append("mydata")
    if _MY_BRANCH.search(text):
        found.append("whoami")
    return found


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def query_stems(text: str) -> list[str]:
    """A question's stems without its chatter, in order, once each."""
    return list(dict.fromkeys(stem(w) for w in words(text) if not is_chatter(w)))


def expand(stemmed: list[str]) -> list[tuple[str, float]]:
    """Each stem with weight 1, and its synonyms with weight 0.5 (once each, best weight)."""
    weights: dict[str, float] = {}
    for s in stemmed:
        weights[s] = 1.0
    for s in stemmed:
        for other in SYNONYMS.get(s, ()):
            weights.setdefault(other, 0.5)
    return list(weights.items())


def is_temporal(text: str) -> bool:
    return bool(_TEMPORAL.search(text))


def has_number(text: str) -> bool:
    return bool(_NUMBER.search(text))


def has_money(text: str) -> bool:
    return bool(_MONEY.search(text))


def years_in(text: str) -> set[int]:
    found = {int(y) for y in _YEAR.findall(text)}
    for first, last in _SHORT_YEARS.findall(text):
        start, end = int(first), int(first[:2] + last)
        found.update(range(start, end + 1) if start <= end <= start + 10 else ())
    return found


def years_asked(text: str, today: date) -> set[int]:
    """Years a question is about: written out, or "this year", "next year", "last year"."""
    lowered = normalise(text)
    found = {int(y) for y in _YEAR.findall(lowered)}
    said = text.lower()  # (normalise drops "last month": no topic, but a moment)
    if re.search(r"\bthis (month|week)\b", said):
        found.add(today.year)
    if re.search(r"\blast month\b", said):
        found.add((today.replace(day=1) - timedelta(days=1)).year)
    if re.search(r"\blast week\b", said):
        found.add((today - timedelta(days=7)).year)
    if re.search(r"\bnext years?\b", lowered):
        found.add(today.year + 1)
    if re.search(r"\blast years?\b", lowered):
        found.add(today.year - 1)
    if re.search(r"\b(this years?|(this|last) (month|week)|recently|lately)\b", lowered):
        found.add(today.year)
    return found


# (not a time's or a figure's own colon or comma: "is that 17:00?", "50,000 claims")
_CLAUSES = re.compile(r"[;!?(]|(?<!\d)[,:]|[,:](?!\d)|\.\s|\s[-–—]+\s")
_ASKING = re.compile(
    r"^\s*((please|pls|so|and|but|ok|okay|also|then|sorry|right|now)\s+)?(how|what|whats|when|whens|where|who|whos|which|why|can|could|do|does|did|is|are|"
    r"should|will|would|have|has|am|any)\b"
)


def asking_clause(text: str) -> str | None:
    """The clause that asks, when the member says something first ("done my vote, how do I
    stop the reminders"): the last clause that starts as a question does; None when the
    whole text is one clause."""
    clauses = [c for c in _CLAUSES.split(normalise(text)) if c.strip()]
    if len(clauses) < 2:
        return None
    asking = [c for c in clauses if _ASKING.match(c)]
    return asking[-1] if asking else None


_SENTENCES = re.compile(r"(?<=[?!])\s*|(?<=\.)\s+|\s+(?:and )?also,?\s+(?=[a-z])")


def questions_in(text: str) -> list[str]:
    """The questions a message asks, each as written, when it asks several ("when does
    it close? and where do I post it?"); a sentence that only tells is left out, and so is
    one that asks no question of its own ("online or in person?")."""
    said = [s.strip() for s in _SENTENCES.split(text) if s and s.strip()]
    asked = [s for s in said if _asks(s) and words(s)]
    return asked if len(asked) >= 2 else []


def _asks(sentence: str) -> bool:
    # a question, or one said after an aside ("between you and me, who's the better choice?")
    return bool(
        _ASKING.match(normalise(sentence))
        or (sentence.rstrip().endswith("?") and asking_clause(sentence))
    )


# Sentences: after a full stop, a question mark or an exclamation mark.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
# An imperative or a wish that asks: "tell me", "explain", "I'd like to know", "wondering if".
_ASKS_OTHERWISE = re.compile(
    r"^\s*((please|pls|so|and|ok|okay)\s+)?(tell|explain|remind|show|give|let) (me|us)\b|"
    r"\b(tell|let) me (know|what|when|how|where|who|which|if|whether)\b|"
    r"\b(explain|clarify)\b|\b(i|id) (would )?(like|love|need|want) to know\b|"
    r"\bwonder(ing)? (if|whether|how|when|what|where|who|why)\b"
)
# A fact asked for in a word or two, as members write in bursts of short sentences ("who sits on
# it. names please", "date and time pls"): a request, not something told; the manner of the
# reply asked for ("plain english please", "quick pls") is neither.
_FACT_REQUESTED = re.compile(
    r"^((and|just|the|exact|full|their|his|her) ){0,2}(names?|dates?|times?|links?|numbers?|"
    r"emails?|address(es)?|figures?|details?)( (and|or|&) (the )?(names?|dates?|times?|links?|"
    r"numbers?|emails?|address(es)?|figures?|details?))? (please|pls|plz)\W*$"
)


def asking_sentences(text: str) -> tuple[list[str], list[str]]:
    """The sentences of a message that ask (a question mark, an interrogative, "tell me"),
    and those that only tell ("I'm new at HMRC Newcastle."), each as written."""
    said = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    asked: list[str] = []
    told: list[str] = []
    for sentence in said:
        lowered = normalise(sentence)
        asks = (
            sentence.rstrip().endswith("?")
            or _ASKING.match(lowered)
            or _ASKS_OTHERWISE.search(lowered)
            or _FACT_REQUESTED.match(lowered)
        )
        (asked if asks else told).append(sentence)
    return asked, told


# The member's reason for asking, told after the question ("… ? I need to explain it to new
# members", "…, want to put it in my team brief", "…, for my email signature"): what they
# will do with the answer, passing it on, which asks nothing and names no topic of its own.
_REASON = re.compile(
    r"(?:[?.,!;:]|\s[-–—])\s*(?:(?:i'?m|i am|i|we'?re|we|just|only|so (?:i|we) can|"
    r"as|cos|because|and)\s+)*(?:(?:need|want|wanted|wanting|trying|going|gonna|got|have|"
    r"hoping|would like|'?d like)\s+to\s+)?(?:explain|tell|pass (?:it|this|that) on|share|brief|"
    r"remind|let (?:\w+ ){0,3}know|give (?:\w+ ){0,6}(?:a )?heads[ -]?up|"
    r"(?:put|write|add|include|mention|post) (?:it|this|that|them)\b(?! (?:in )?(?:the )?post\b))"
    r"[^?]*$|"
    r"[?.,!;:]\s*for (?:my|ma|our|the|a) (?:\w+ ){0,2}(?:signature|newsletter|brief|"
    r"noticeboard|notice board|induction|notes|records|slides)\b[^?]*$|"
    # a wish told after the question ("…? would rather not get union post at the office")
    r"[?.!]\s*(?:i'?d|i would|would|i)\s+(?:much\s+|really\s+)?(?:rather|prefer)\b[^?]*$|"
    # who asked it first ("…? got asked at a team meeting and went blank", "…? a new starter
    # asked me"): the occasion, no topic of its own
    r"[?.!]\s*(?:(?:and\s+)?i\s+)?(?:got|was|been|have been|get|keep getting)\s+asked\b[^?]*$|"
    r"[?.!]\s*(?:a |my |one of my |some |our )?(?:colleague|member|manager|rep|someone|somebody|"
    r"new starter|newbie|people)s?\s+(?:keeps?\s+|kept\s+|ha(?:ve|s)\s+(?:been\s+)?)?"
    r"ask(?:ed|ing|s)?(?:\s+me)?\b(?!\s+(?:if|whether|about|what|when|who|how|why))[^?]*$",
    re.IGNORECASE,
)


def without_reason(text: str) -> str:
    """The question without the reason for asking told after it, when what is left asks."""
    found = _REASON.search(text)
    if found is None or found.start() == 0:
        return text
    kept = text[: found.start() + 1].rstrip(" ,.;:-–—")
    lowered = normalise(kept)
    if not (kept.endswith("?") or _ASKING.search(lowered) or _ASKS_OTHERWISE.search(lowered)):
        return text
    return kept


MAX_QUESTION = 500  # characters considered; the rest of a 10,000-character paste is noise
_MARKUP = re.compile(r"<[^>]{0,200}>|[*_`~|#>\[\]]")
# A dash between clauses ("where are they sent — home or work?") is a comma: the meaning's vote
# read the one and the other apart.
_DASH = re.compile(r"\s+[–—]+\s+")


def clean_question(text: str) -> str:
    """The words of a question: mentions, markup and excess length removed."""
    text = text[: MAX_QUESTION * 4]
    text = _no_symbols(text)
    text = _TEXT_SPEAK.sub(lambda m: _SPOKEN[m.group().lower()], text)  # (what the vote in
    # meaning reads, too: "ppr" is far from "paper" for the embedding)
    text = re.sub(r"<@[A-Z0-9]+>|<!\w+(\^\w+)?>|@\w+|https?://\S+", " ", text)
    text = _MARKUP.sub(" ", text)
    text = _DASH.sub(", ", text)
    text = _AT_HOME.sub(" ", text)
    text = _ADDRESSED.sub("", text, count=1) or text
    return " ".join(text.split())[:MAX_QUESTION]


# Emoji and other pictures ("posted my nec vote 📮", "does /mydata show my phone? 📱"): they
# say how the member feels, never what is asked, and they stop a message matching as a whole.
_JOINERS = re.compile("[\u200d\ufe0f\U0001f3fb-\U0001f3ff]")


def _no_symbols(text: str) -> str:
    if text.isascii():
        return text
    text = _JOINERS.sub("", text)
    return "".join(" " if unicodedata.category(ch) == "So" else ch for ch in text)


# "Dear bot. What is…", "hey bot! when…", "bot, is…": the bot addressed, as one writes to a
# person; nothing asked of the bot itself ("the bot has me in the wrong branch" keeps it).
_ADDRESSED = re.compile(
    r"^\W*(((dear|hi|hey|hello|hiya|hullo|morning|evening|afternoon|ok|okay|oi|yo)\s+"
    r"(the\s+)?bot\b[\s,.!:;-]*)|bot\s*[,.!:;-]+\s*)(?=\S)",
    re.IGNORECASE,
)


# "What's a Local when it's at home?": an idiom for "what on earth is", no time asked.
_AT_HOME = re.compile(
    r"\bwhen (it'?s|it is|they'?re|they are|that'?s|that is) at home\b", re.IGNORECASE
)
