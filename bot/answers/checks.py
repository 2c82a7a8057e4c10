"""Does a passage hold the kind of fact asked for? "When" wants a date, "how much" an amount,
"how many" a number, "next" something still to come, "in 2025" that year. A passage that
matches the words but not the kind of fact is not an answer: the bot hands off instead.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date

from bot.answers import kinds
from bot.answers.live import UNION_NAMES
from bot.answers.text import (
    CHATTER,
    MONTH_RE,
    MONTHS,
    NUMBER_WORDS,
    STOP,
    expand,
    has_money,
    has_number,
    is_temporal,
    normalise,
    stem,
    words,
    years_in,
)
from bot.content.passages import Passage

_CALENDAR = re.compile(
    rf"\b({MONTH_RE}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|tomorrow|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)
_DATE_Q = re.compile(
    r"\b(whats?|which|exact|what is|what was|is there|was there|any(?! day\b))( is)?( the| a| an)? "
    r"(date|day|deadline|cut[ -]?off|closing date|end date)\b|\bwhat time\b|"
    r"^(deadline|cut[ -]?off)\b|"
    r"^(the )?(date|day) (of|for) (the|our|a|my)\b|^(the )?dates (of|for)\b|"
    r"^(?!(is|are|was|were|what|whats|how|can|could|do|does|did|where|which|who|why|any|has|"
    r"have|will|would|should)\b)(?!(\w+ )?(command|commands|cmd)\b)"  # (asks the command)
    r"[a-z0-9 ]{1,40} (dates?|deadline)( please| pls)?\s*\??\s*$"
)
# "…don't work when I type /help": "when" before a subject joins two clauses; it asks nothing.
# "…if when the strike ballot comes they can vote online": a time told before what is asked.
_WHEN_TOLD = (
    r"(?! (the|a|an|my|our|your|their|this|that|next) (\w+ ){0,3}(comes?|arrives?|opens?|starts?|"
    r"begins?|happens?|lands?|gets here|is out|goes out|is called)\b,? (they|we|i|you|people|"
    r"members|can|will|should|do|does|would|could)\b)"
)
_WHEN_Q = re.compile(
    r"\b(when|whens)\b(?! (i|we|you|they|it|im|ive|my|our|theyre|youre)\b)(?! \w+ing\b)"
    + _WHEN_TOLD
    + r"|"
    r"\b(how soon|by when|how often)\b|"
    r"^when\b(?! (i|we|you|they|it|im|ive|my|our|theyre|youre)\b[^?]*\b(does|do|did|is|are|will|"
    r"can|could|would|should|has|have)\b (it|that|this|they|the|anyone|you|u|he|she|my)\b)"
)
_HOW_LONG = re.compile(r"\bhow long\b")
_DURATION = re.compile(r"\b(minutes?|hours?|days?|weeks?|months?|years?)\b")
_HOW_MUCH = re.compile(r"\bhow much\b(?! (time|longer|notice))|\bwhat percent")
# "How big is the team?" wants a count; "how big is the pay rise?" an amount.
_HOW_BIG = re.compile(r"\bhow (big|large|small)\b")
_HOW_MANY = re.compile(r"\bhow many\b")
_WHO_Q = re.compile(r"(^|[,.?!;:]\s*|\b(and|but|so|then|ok|hi|hey)\s+)who(s)?\b")
# "Who…" wants a person or a role: a passage naming neither does not answer it.
_ROLE = re.compile(
    r"\b(secretar(y|ies)|president|chair\w*|reps?|representatives?|stewards?|organisers?|"
    r"officers?|members?|candidates?|committee|helpline|team|scrutineer|executive|nec|"
    r"employers?|managers?|ministers?|government|treasury)\b",
    re.IGNORECASE,
)
_DATES = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)? ({'|'.join(MONTHS)})\b|\b(19|20)\d\d(\s*[–-]\s*\d\d)?\b|"
    r"\b\d{1,2}:\d\d\b",
    re.IGNORECASE,
)
_DURATIONS = re.compile(
    r"\b(\d+|an?|one|two|three|four|five|ten|fifteen|thirty) "
    r"(minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
# ("coming back to the December NEC" is a return, not the next one)
_NEXT = re.compile(
    r"\b(next|upcoming|future)\b|"
    r"\bcoming\b(?! (back|in|out|from|to|through|round|over|off|with|across|along)\b)"
)
# "How many have been set up so far?" asks for a tally; a plan or a target is not one.
_PROGRESS = re.compile(
    r"\b(so far|yet|to date|already|(have|has) been|currently|right now)\b|"
    r"\bhow many\b[^?.]*\b(have|has) (\w+ )?\w+ed\b"
)
_PLAN = re.compile(
    r"^Decided:|\b(at least|target|aim|aims|plan|plans|will|may|might|potential|possible|up to)\b",
    re.IGNORECASE,
)


# "Where…?" wants a place, a page or a way to reach it: a link, a command, an address, the
# post, an office or a town, a meeting room or call, someone to get it from.
_WHERE_Q = re.compile(r"\bwheres?\b")
_PLACE = re.compile(
    r"https?://|(^|\s)/\w+|\b(page|site|website|link|online|post|posted|postbox|envelope|"
    r"address|home|office|offices|building|town|city|room|hall|venue|zoom|teams|email|"
    r"message|secretary|rep|helpline|team|branch|workplace|london|leeds|glasgow|liverpool|"
    r"newcastle|uk|from|in the|at the|on the|areas?|hubs?|regions?|towns?|nationally|"
    r"locally|across)\b",
    re.IGNORECASE,
)
# "Why…?" wants a reason: a passage that gives none does not answer it.
_WHY_Q = re.compile(r"\bwhy\b")
_REASON = re.compile(
    r"\b(because|so|since|in case|by law|must|reason|purpose|in order|due to|means|until|"
    r"not (yet|ready|possible)|unless|otherwise|to (defend|protect|make|get|help|keep|bring))\b",
    re.IGNORECASE,
)
# "Why am I still getting reminders?" asks what makes them stop: a passage saying what does,
# once it is done ("Once you have voted, /voted … stops the reminders"), answers it.
_STILL = re.compile(r"\bstill\b")
_ONCE = re.compile(r"\bonce (you|it|they|your|the)( \w+)? (have|has|is|are)\b", re.IGNORECASE)
# The other questions: "how do I find out when…" asks how, not when.
# ("is there a command to see how long is left?": a way asked, not the time left)
_OTHER_Q = re.compile(
    r"\bhow (do|does|can|could|should|would|to|did)\b|\b(what|where|why|which)\b|"
    r"\b(is there|are there) (a|an|any) (command|commands|way|button|option)\b"
)


def asks(question: str) -> str | None:
    """The kind of fact a question asks for, read from its first question word."""
    q = normalise(question)
    kinds = (
        ("date", _DATE_Q),
        ("when", _WHEN_Q),
        ("how long", _HOW_LONG),
        ("how much", _HOW_MUCH),
        ("how big", _HOW_BIG),
        ("how many", _HOW_MANY),
        ("who", _WHO_Q),
        ("where", _WHERE_Q),
        ("why", _WHY_Q),
        (None, _OTHER_Q),
    )
    found = [
        (m.start(), order, kind) for order, (kind, p) in enumerate(kinds) if (m := p.search(q))
    ]
    return min(found)[2] if found else None


def counted_by(text: str) -> bool:
    """Whether the text names a command that shows the count ("type /petition to see how
    many have signed")."""
    return bool(re.search(r"(^|\s)/\w+\b[^.]*\bhow many\b", text))


def _holds(kind: str | None, text: str) -> bool:
    if kind == "date":
        return bool(_CALENDAR.search(text))
    if kind == "when":
        return is_temporal(text)
    if kind == "how long":
        return is_temporal(text) or bool(_DURATION.search(text))
    if kind == "how much":
        return has_money(text)
    if kind == "how big":
        return has_money(text) or has_number(_DATES.sub(" ", text))
    if kind == "how many":  # (or where to see the count: "/petition shows how many…")
        return has_number(_DURATIONS.sub(" ", _DATES.sub(" ", text))) or counted_by(text)
    if kind == "who":
        return bool(_ROLE.search(text))
    if kind == "where":
        return bool(_PLACE.search(text))
    if kind == "why":
        return bool(_REASON.search(text))
    return True


# Questions asking for a particular kind of contact detail, and what holds one.
_WANTS = (
    (
        re.compile(
            r"(?<!my )\b(phone|telephone|contact|helpline|mobile) (number|no)\b|"
            r"\bnumber to (call|ring)"
        ),
        re.compile(r"\d[\d ]{7,}\d"),
    ),
    (re.compile(r"^(what|whats|where)\b[^?]*\bemail address\b"), re.compile(r"\S@\S")),
    (
        re.compile(r"\baddress (to|i) (post|send|return)\w*\b"),
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b(?i:street|road|house|avenue|lane)\b"),
    ),
    (
        re.compile(
            r"\b(postal |office |street )?address (for|of) (the|our|your|a)\b|"
            r"\b(freepost|return|postal|office|street|head office|hq) address\b"
        ),
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b(?i:street|road|house|avenue|lane)\b"),
    ),
)
# "What is a mandating meeting?": a passage that only mentions one does not say what it is.
_DEFINE = re.compile(
    r"^(what is|what are|whats) (a |an )(?P<x>[a-z-]+( [a-z-]+){0,5})$|"
    r"^what (does|do) (a |an |the )?(?P<y>[a-z-]+( [a-z-]+){0,5}) (even |actually )?mean"
    r"( in (plain |simple )?(english|terms|words))?$"
)
_DEFINING = (
    r"\w*[,:]?\s*(is|are|means?|stands? for|refers? to|brings?|helps?|lets?|gives?|:|for|so that|"
    r"that|which|who)\b"
)


def defines(question: str, text: str, source: str) -> bool:
    """For "what is X?", whether the passage says what X is: X is what its source is
    about, or what its text starts with, or X is followed by what it is or is for
    ("Locals bring…", "a pay review body for specialists, so that…")."""
    found = _DEFINE.match(re.sub(r"['\"‘’“”]", "", normalise(question)).strip(" ?!.").strip())
    if not found:
        return True
    thing = [w for w in words(found.group("x") or found.group("y") or "") if w not in STOP]
    if not thing:
        return True
    head, named = stem(thing[-1]), {stem(w) for w in words(source)}
    if {stem(w) for w in thing} <= named or head in [stem(w) for w in words(text)[:2]]:
        return True  # all of X in the source: "Report …: Union Locals" for "a local"
    return bool(re.search(rf"\b{re.escape(thing[-1])}{_DEFINING}", text.lower()))


def _unsaid(kind: str | None, question: str, passage_text: str) -> str:
    """For "when is the 2021 conference?", the passage without the year the question says
    already: a passage whose only date is that year does not say when."""
    if kind not in ("when", "date"):
        return passage_text
    for year in years_in(question):
        passage_text = re.sub(rf"\b{year}\b", " ", passage_text)
    return passage_text


_SENTENCES = re.compile(r"(?<=[.!?:;])\s+")


def dated_near(question: str, text: str, query: Sequence[str]) -> bool:
    """For "when…", whether a date in the answer is said of what is asked: a sentence
    holding one shares a word with the question ("when is the conference?" is not answered
    by a deadline for AGMs said beside it)."""
    kind = asks(question)
    if kind not in ("when", "date"):
        return True
    asked = {term for term, _ in expand(list(query)) if not term.isdigit()}
    return any(
        _holds(kind, _unsaid(kind, question, sentence))
        and asked & {stem(w) for w in words(sentence)}
        for sentence in _SENTENCES.split(text)
    )


_EXACT = re.compile(r"\b(next|exact|exactly|precise|what date|which date|which day)\b")
# (a noun of several words, hyphenated or not, with the content's own name for it said after:
# "how many pension age-discrimination claims", "… age discrimination mccloud claims")
_HOW_MANY_OF = re.compile(r"\bhow many (?P<noun>[a-z]+([ -][a-z]+){0,9})")
# Counted people: members, people, signatures are one kind of count.
_PEOPLE = frozenset(
    stem(w)
    for w in "member members people person colleagues signatures signatories "
    "workers staff folk".split()
)
_FIGURE = re.compile(rf"^(\d[\d,]*|{'|'.join(NUMBER_WORDS)})$")


def counts_asked(question: str, passage_text: str) -> bool:
    """For "how many members…", whether a figure in the passage counts that ("sixteen
    committee members"), not something else ("4 groups")."""
    found = _HOW_MANY_OF.search(question)
    said = found.group("noun").replace("-", " ").split() if found else []
    phrase = []  # "how many pension claims could…": pension, claims
    for word in said:
        if word in STOP:
            break
        phrase.append(stem(word))
    if not phrase:
        return True  # "how many are…": no noun to hold the figure to
    counted = {t for t, _ in expand(phrase)} | (_PEOPLE if _PEOPLE & set(phrase) else set())
    rest = said[len(phrase) :]
    if set(phrase) <= _PEOPLE and len(rest) > 1 and rest[1] not in STOP:
        counted.add(stem(rest[1]))  # "how many people might claim": claims counted
    tokens = re.findall(r"[a-z0-9,]+", passage_text.lower())
    return any(
        _FIGURE.match(token.strip(","))
        and counted & {stem(t.strip(",")) for t in tokens[i + 1 : i + 4]}
        for i, token in enumerate(tokens)
    )


# "How many in my branch have voted so far?", "how many of ours voted": a branch's reported
# turnout, which a command that shows it answers (/turnout), though it states no figure.
_TURNOUT_ASKED = re.compile(
    r"\bhow many\b[^?.]{0,40}\b(branch|ours|of us|my lot|our lot|of my|of our)\b[^?.]{0,30}"
    r"\bvoted\b|\bhow many\b[^?.]{0,20}\bvoted\b[^?.]{0,30}\b(branch|so far)\b"
)
_SHOWS_TURNOUT = re.compile(r"(^|\s)/\w+\b[^.]*\bturnout\b")


def _turnout(question: str, passage_text: str) -> bool:
    return bool(_TURNOUT_ASKED.search(question) and _SHOWS_TURNOUT.search(passage_text))


def fits(
    question: str,
    passage_text: str,
    years: frozenset[int],
    dated: bool,
    today: date,
    asked: set[int],
) -> bool:
    kind = asks(question)
    lowered = normalise(question)
    turnout = kind == "how many" and _turnout(lowered, passage_text)
    # (not when a command is named: the one it says, already tried, is a hand-off)
    stops = kind == "why" and "/" not in lowered and bool(_STILL.search(lowered))
    stops = stops and bool(_ONCE.search(passage_text))
    if not _holds(kind, _unsaid(kind, question, passage_text)) and not turnout and not stops:
        return False
    wanted = kinds.without_own_number(lowered)  # ("does it keep my name or phone number")
    if any(wants.search(wanted) and not held.search(passage_text) for wants, held in _WANTS):
        return False
    if kind == "how many" and _PROGRESS.search(normalise(question)) and _PLAN.search(passage_text):
        return False
    counted = counts_asked(lowered, passage_text) or counted_by(passage_text) or turnout
    if kind == "how many" and not counted:
        return False
    if kind == "when" and _EXACT.search(lowered) and not _holds("date", passage_text):
        return False  # "when's the next meeting?": a day, not "quarterly"
    said = years | years_in(passage_text)
    if asked and dated and not asked & said:
        return False
    upcoming = kind in ("when", "date") and _NEXT.search(normalise(question))
    if upcoming and dated and said and max(said) < today.year:
        return False
    return _answers_how(question, passage_text, today)


# "What happened in the end?" asks for an outcome: a plan or work under way is not one.
_OUTCOME = re.compile(
    r"\bin the end\b|\beventually\b|\boutcome\b|"
    r"\bwhat (happened (with|to)|came of|became of)\b|"
    r"\bdid (it|they|we|that) (work|succeed|go ahead|happen)\b|"
    r"\bhow did (it|they|that|the [a-z]+( [a-z]+)?) go\b|\b(were|was|got) (passed|carried)\b|"
    r"^(has|have) (the |our |a )?[a-z ]{1,30}\b(been )?(set|decided|agreed|done|happened|started|"
    r"finished|published|announced|confirmed)\b|"
    r"\b(got|was|been) signed off\b|\bdid\b[^?.]{0,40}\bget signed off\b|"
    r"\b(actually|ever) (happen|happened|go ahead|went ahead)\b|"
    r"\bafter all\b|\b(end|ended|ends) up\b"
)
_UNDER_WAY = re.compile(
    r"\b(preparing|planning|plans?|will|may|might|proposed|considering|potential|possible|"
    r"comes back|not ready yet|to come)\b",
    re.IGNORECASE,
)
# "Names please", "who are the sixteen members": people, by name; a role or a count is not one
# (who sits on a committee, its make-up says). "Who is the president right now?": who holds a
# post, and those standing for it do not.
_WANTS_NAMES = re.compile(
    r"\bwho are the (\w+ ){0,2}(people|members|officers|reps)\b|\bnames\b|"
    r"\bwho(s| is| are)( actually)? (on|in) (the|this|that|my|our) (\w+ ){0,2}(ballot|paper|"
    r"election|list|race)\b|\bwho (voted|voted against|voted for|abstained)\b(?! (for|in)\b)|"
    r"\bwho (was|were) (present|there|in the room|at (the|that) (\w+ )?meeting)\b|"
    r"\bwho (attended|turned up|came|showed up)\b|"
    r"\b(secretary|chair|president|treasurer|rep|steward|officer|organiser|leader)s? name\b|"
    r"\bname of (the|our|my) (\w+ )?(secretary|chair|president|treasurer|rep|"
    r"steward|officer|organiser|leader)\b|"
    # a person's name asked after who they are: "who chairs it, what's their name?"
    r"\bwhat(s| is) (their|his|her) (actual |full )?name\b|\bwho\b[^?]*\bname,? please\b"
)
_WHO_NOW = re.compile(
    r"\bwho(s| is| are)\b[^?.]{0,40}\b(right now|currently|at the moment|these days|at present|"
    r"today|now)\b"
)
# "Is Marion Lloyd the current president?": who holds a post now, which those standing for
# it do not say.
_CURRENT_POST = re.compile(
    r"\b(is|are) [^?.]{1,30}\b(on|in) (the )?(nec|national executive|committee|executive|pssec)"
    r"\b( now| currently| at the moment| at present| these days)\b|"
    r"\b(current|currently|sitting|existing|present)( \w+)? (general secretary|president|"
    r"secretary|chair|chairperson|treasurer|leader)\b|\b(president|secretary|chair|treasurer|"
    r"leader) (right now|currently|at the moment|at present|now)\b"
)
# "Who is the president?": who holds a post; the post's name, or an election for it, does not
# say. Another post that holds it ("chaired by the President") or a person's name does.
_WHO_HOLDS = re.compile(
    r"^(hi |hey )?who(s| is| are)(?![^?.]*\b(standing|running|stand|candidates?|nominated)\b)"
    r"( the| our)? (\w+ ){0,3}(?P<post>president|secretary|general secretary|"
    r"chair|chairs|chairperson|treasurer|leader|head|officers?)\b(?! (of|for) (my|our)\b)"
)
# The post a "by" says who holds: "chaired by the President" is who chairs, not who the
# secretary is; a post "appointed by the NEC" says who chooses, not who holds it.
_HELD_BY = {"chair": "chaired", "chairs": "chaired", "chairperson": "chaired", "leader": "led"}
_HELD_BY |= {"head": "headed"}
_STANDING = re.compile(r"\b(candidates?|standing|stand)\b", re.IGNORECASE)
# A person's name: two capitalised words on their own ("Marion Lloyd"), not a title's run.
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+")


_NOT_NAMES = frozenset("The A An Your Our This That Each Every If When Its".split())


# Words of a body's name, not a person's ("Home Office", "Cabinet Office", "Union Locals").
_BODY_WORDS = frozenset(
    "Office Group Committee Executive Union Department Revenue Customs Pensions Work Cabinet "
    "Treasury Council Conference Branch Service Services Sector Public National Home Justice "
    "Ministry Agency Courts Tribunals Locals Statistics Met".split()
)


def names_a_person(text: str) -> bool:
    return any(
        len(m.group().split()) == 2
        and m.group().split()[0] not in _NOT_NAMES
        and not set(m.group().split()) & _BODY_WORDS
        and not text[: m.start()].endswith(("the ", "The "))
        for m in _CAPITALISED_RUN.finditer(text)
    )


# "Is the petition going to work?": a forecast, which the content never makes.
_FORECAST = re.compile(
    r"\b(going to|gonna|will (it|this|that|we|they)|likely to)\b[^?.]{0,15}\b(work|succeed|win|"
    r"make a difference|change anything|get anywhere)\b"
)


# "Who is our branch chair?": the member's own branch's officer, which a committee's chair
# is not. A passage answers for "my/our branch" only if it speaks of a branch.
_OWN_OFFICER = re.compile(
    r"\b(our|my) (?P<thing>branch|group|office|workplace)s? (chair\w*|secretary|treasurer|rep|"
    r"steward|officer|organiser|president|head)\b|"
    r"\b(chairs|runs|leads|heads) (our|my) (?P<led>branch|group|office|workplace)\b"
)


# "Are the severance terms any good, should I take it?": advice for the member, which the
# content never gives.
_ADVICE = re.compile(
    r"\bshould (i|we) (take|accept|go for|agree to|turn down|refuse|apply for|sign up for)\b|"
    r"\b(are|is) (the|these|this|it|they|that)\b[^?.]{0,30}\bany good\b|"
    r"\bworth (it|taking|accepting|applying)\b|\bis (it|this|that) a good (deal|offer|idea)\b"
)


def wants_detail(question: str) -> bool:
    """A contact detail or a name asked for, which a ballot's dates never hold."""
    lowered = normalise(question)
    wanted = kinds.without_own_number(lowered)
    return any(wants.search(wanted) for wants, _ in _WANTS) or bool(_WANTS_NAMES.search(lowered))


# "My voting link says expired", "never got the email, can you resend it": a problem, which a
# passage answers only if it says what to do when things go wrong ("if your pack has not
# arrived… ask for a replacement"), not one that says how things go when they go right.
# A feature of the bot gone wrong: "my link code didnt work", "the bot stopped posting in our
# group", "did /forget by mistake, can you restore it", "is it broke", "sent me the same
# reminder three times" (its passage says how it goes when nothing does; not "turned reminders
# off by mistake, how do I get them back").
_FAULT = (
    r"(code|command)s? (\w+ ){0,3}(didnt|did not|failed to) (work|go through)|"
    r"bot (\w+ ){0,2}(has stopped|stopped|failed to) (post|posting|send|sending|reply|replying|"
    r"respond\w*|work|working)|"
    r"(is|s) (it|the bot|this bot|bot|you|u) (broke|broken|bugged|buggy|glitch\w*|playing up|"
    r"acting up|malfunction\w*)|"
    r"same (\w+ )?(message|reminder|post|notification|alert)s? (\w+ ){0,2}(twice|two times|"
    r"three times|\d+ times|again and again|over and over)|"
    r"(by mistake|by accident|accidentally)\b[^?]{0,50}\b(restore|recover|undo|reverse|undelete)"
)
_PROBLEM = re.compile(
    r"\b(expired|broken|resend|send (it|me|one) again|(link|email|page|site|code)s? (\w+ ){0,4}"
    r"(doesnt|does not|dont|wont|isnt|not) (work|working|load|open|opening)|"
    rf"{_FAULT}|"
    r"(page|link|site) (\w+ )?not found|"
    r"never (got|get|had|came|come|arrived|received)|"
    r"(havent|hasnt|didnt|not|still not|still havent) (got|get|had|received|come|came|arrived|"
    r"turned up)(?! (a|an|any) (\w+ )?(postbox|post box|stamps?|printer|computer|laptop|phone|"
    r"smartphone|car|email address|internet)| (a )?(round|around|chance|time) to\b)|"
    r"(got|had|received) nothing)\b"
)
_FAULTY = re.compile(rf"\b({_FAULT})\b")
_FIX = (
    r"\b(if|unless|replacement|replace|contact|helpline|ask for|ask your|lost|spoilt|missing|"
    r"problem|again|instead|wrong)\b"
)
# (another way of doing a thing is no fix for the bot gone wrong: "the bot sent the same
# reminder three times" is not answered by "type /voted (or press I've voted)")
_FIXED = re.compile(_FIX, re.IGNORECASE)
_REMEDY = re.compile(
    rf"{_FIX}|"
    # another way to do it ("buttons by direct message (or types /vote)"): for one never come
    r"\bor (type|types|typing|press|presses|pressing)\b",
    re.IGNORECASE,
)


_COMES = re.compile(r"\b(receive|arrive|arrives|sent|posted|comes|delivered)\b", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)})\b", re.IGNORECASE)


def _due(text: str, today: date) -> bool:
    """Whether the text says something comes on a day still to come this year ("you will
    receive an email… on 27 April", asked before then): not yet a problem."""
    for sentence in _SENTENCES.split(text):
        if not _COMES.search(sentence):
            continue  # (the close, said beside it, is no day the thing comes)
        for day, month in _DAY_MONTH.findall(sentence):
            with contextlib.suppress(ValueError):
                if date(today.year, MONTHS.index(month.lower()) + 1, int(day)) >= today:
                    return True
    return False


def reports_problem(question: str) -> bool:
    """Whether the question reports something gone wrong ("my link won't load")."""
    return bool(_PROBLEM.search(normalise(question)))


def _held_by(post: str, text: str) -> bool:
    """Whether the text says who holds the post by another post ("chaired by the President")."""
    verb = _HELD_BY.get(post, "held")
    return bool(re.search(rf"\b({verb}|held|run) by\b", text, re.IGNORECASE))


# "Did I get a payout?": the member's own case, which the content never holds.
_OWN_CASE = re.compile(
    r"\b(did|have|has|will|do|am|when will|when do) (i|we|my \w+|she|he) (get|got|receive|received|"
    r"been paid|be paid|get paid|due|owed|entitled to|eligible for)\b[^?.]{0,20}\b(payouts?|"
    r"compensation|refunds?|money|back ?pay|payments?|awards?|settlements?|cheques?|rebates?|"
    r"damages|share)\b"
)
# "Has the committee agreed anything new this year?": a decision of the time asked, which
# an aim or a standing rule is not; "a meeting this week": a day, which a list of branches is
# not.
_NEW_DECISION = re.compile(
    r"\b(agreed|decided|voted|resolved|passed|approved|announced)\b[^?.]{0,40}\b(new|this year|"
    r"recently|lately|latest|since)\b|"
    r"\b(any|anything|something) new\b[^?.]{0,30}\b(agreed|decided)\b"
)
_EVENT_SOON = re.compile(
    r"\b(meeting|meet|agm|event|rally|session|call|demo|protest|picket|social)s?\b[^?.]{0,30}"
    r"\b(this|next) (week|weekend|month)\b|\b(this|next) (week|weekend|month)s?\b[^?.]{0,30}"
    r"\b(meeting|agm|event|rally|demo|protest|picket)\b|\b(meeting|agm|event)s? (today|tonight|"
    r"tomorrow)\b"
)
_DECIDED = re.compile(r"^Decided:|\b(agreed|decided|resolved|approved)\b", re.IGNORECASE)


def _goes_to(question: str, passage_text: str) -> bool:
    """Whether the question asks where a paper goes ("work or home? they never get post at
    home") and the passage says: the problem is why they ask, the place is what they ask."""
    return kinds.DESTINATION in kinds.needed(question) and kinds.DESTINATION in kinds.held(
        passage_text
    )


def _answers_how(question: str, passage_text: str, today: date) -> bool:
    """An outcome asked, a plan given; names asked, a role given; a problem, the way things go
    when none arises; a forecast or advice; another body's officer for the member's own;
    another union's doings; the member's own case; a new decision, an aim; a meeting this
    week, no day: not an answer."""
    lowered = normalise(question)
    if _FORECAST.search(lowered) or _ADVICE.search(lowered) or _OWN_CASE.search(lowered):
        return False
    if _NEW_DECISION.search(lowered) and not _DECIDED.search(passage_text):
        return False
    if _EVENT_SOON.search(lowered) and not _CALENDAR.search(passage_text):
        return False
    if (
        _PROBLEM.search(lowered)
        and not (_REMEDY.search(passage_text) or _due(passage_text, today))
        and not _goes_to(question, passage_text)
    ):
        return False
    if _FAULTY.search(lowered) and not _FIXED.search(passage_text):
        return False  # the bot gone wrong: a passage that says what to do then, no other way
    unions = set(re.findall(r"[a-z]+", lowered)) & UNION_NAMES
    if unions and not any(u in passage_text.lower() for u in unions):
        return False
    own = _OWN_OFFICER.search(lowered)
    if own and (own.group("thing") or own.group("led")) not in passage_text.lower():
        return False
    if _OUTCOME.search(lowered) and _UNDER_WAY.search(passage_text):
        return False
    if _WHO_NOW.search(lowered) or _CURRENT_POST.search(lowered):
        return names_a_person(passage_text) and not _STANDING.search(passage_text)
    named = names_a_person(passage_text) and not _STANDING.search(passage_text)
    holds = _WHO_HOLDS.search(lowered)
    if holds and not (named or _held_by(holds.group("post"), passage_text)):
        return False  # a candidate, or the post's name, is not who holds it
    return not (_WANTS_NAMES.search(lowered) and not names_a_person(passage_text))


_YES_NO = re.compile(r"^(yes|no)\b", re.IGNORECASE)


def yes_or_no_fits(query: Sequence[str], passage: Passage) -> bool:
    """An FAQ answer that starts "Yes" or "No" answers its own question ("Can I vote in a
    strike ballot online?"): the member's must share more than its topic with that one
    ("is there a strike coming" does not)."""
    if passage.kind not in ("faq", "added") or not _YES_NO.match(passage.text):
        return True
    own = {stem(w) for w in words(passage.fields[0][0]) if w not in CHATTER}
    return len(own & {term for term, _ in expand(list(query))}) >= 2


# "How do I get my data?" is not answered by "How do I delete my data?": an FAQ that asks
# how to undo or remove something (and not also how to turn it back on) answers only a
# question that asks to remove, stop or leave.
_UNDOING = re.compile(
    r"\b(delete|deleting|deleted|erase\w*|remov\w*|forget|wipe\w*|unsubscrib\w*|stop\w*|"
    r"cancel\w*|opt(ing)? out|switch\w* off|turn\w* off|get rid|leav\w*|left|quit\w*|"
    r"no longer|dont want|do not want|not want|rid of|erasure|off)\b"
)
_REDOING = re.compile(r"\b(back on|turn \w+ on|switch \w+ on|start\w*|resubscrib\w*)\b")


def undoes_unasked(question: str, heading: str) -> bool:
    """Whether a passage whose question (`heading`) asks how to remove or stop something
    answers a question that asks nothing of the kind."""
    said = normalise(heading)
    return (
        bool(_UNDOING.search(said))
        and not _REDOING.search(said)
        and not _UNDOING.search(normalise(question))
    )
