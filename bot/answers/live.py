"""Which ballot and which of its dates a question is about, read from the whole question,
and the answer said in the tense the clock gives ("closed on…", "opens in 3 days").

A slot is the fact asked for: the result (never invented: a hand-off), the join-by date,
a replacement paper, the pack's arrival, the last safe posting day, the opening, whether it
is still open, the close. "When" alone is a weak slot: the question's other words decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from bot.answers.dates import Clock
from bot.answers.text import CHATTER, STOP, asking_clause, expand, normalise, stem, words
from bot.core.models import Ballot

# Going on now: "on" only at the end or before a word of time ("a vote on pay" is a topic).
_ON = (
    r"(still )?(open|running|happening|going on|live|taking place|on(?=\s*($|[?!.,]|at the "
    r"moment|now|right now|atm|rn|currently|just now|this week|today)))"
)
_SLOTS: tuple[tuple[str, str], ...] = (
    (
        "result",
        r"\b(who won|won|winners?|results?|turnout|how many votes|votes did|elected|"
        r"did [^?.]{0,30}\b(win|get in|got in)|counts? the votes|vote count|counting|"
        r"how did [^?.]{0,40}\b(do|get on|fare))\b",
    ),
    (
        "join",
        r"\b(join|joined|joining|new members?|become a member|membership|eligib\w*|"
        r"(sign|signs|signed|signing) up|"
        r"(be|been|a) members? (by|before|since|on)|qualif(y|ies|ied))\b",
    ),
    # "When should it have turned up (by)?": the pack's date, before a replacement.
    (
        "pack",
        r"\bshould (it |they |mine |my \w+ |the \w+ )?(have )?(arrived|turned up|come|got here|"
        r"landed)\b|\bwhen (should|will|does|do|would|is) [^?.]{0,30}\b(arrive|turn up|"
        r"come|get here|land|due)\b",
    ),
    (
        "replace",
        r"\b(replac\w*|new one|another one|(new|spare|fresh) (\w+ ){0,2}(paper|pack)|spoil\w*|lost|"
        r"duplicate|"
        r"damaged|ruined|cut[ -]?off for getting|wet|torn|ripped|destroyed|binned|"
        r"thr(ew|own) (it )?away|messed (it )?up|made a mistake|(get|need|send|have) another)\b|"
        r"\b(no|never|not|hasnt|havent|didnt|still)\b"
        r"[\w ]{0,25}\b(arriv\w*|come|came|turned up|received|got|through)\b(?! left)|"
        r"\bno (\w+ ){0,2}(paper|pack)s?\b",
    ),
    (
        "status",
        r"\b(still (open|on|running|going|happening)|too late|miss(ed)?\b|finished|over (yet|now)|"
        r"(it|vote|ballot|election) (is )?over|ended|"
        r"can i still|still (do|send|post|vote)|still (time|possible)|(has|is) it closed|"
        r"(am i|are we|is it|still) in time|"
        r"(is|are)\b[^?.]{0,40}\bopen\b(?! (on|at|from))|"
        # "what ballots are on?", "is there a vote going on atm": whether any is open now
        rf"\b(what|which|any)\b (\w+ ){{0,2}}(ballots|votes|elections|polls) (are |is )?{_ON}|"
        rf"\bis there (a|an|any) (\w+ ){{0,2}}(ballot|vote|election|poll)s? {_ON})",
    ),
    # "The NEC papers go in the post tomorrow?": the union posts them out, the opening.
    (
        "opening",
        r"\b(the|nec|exec|ballot|voting|election) (papers|packs) (\w+ )?(go|goes|going|get|gets|"
        r"are|were|will be|being) (in the post|posted|sent|out)\b",
    ),
    ("posting", r"\bpost\w*\b[^?.]{0,40}\b(arrive|get there|in time)\b"),
    (
        "pack",
        r"\b(arriv\w*|through my door|receive[d]?|yet|had one|come through)\b|"
        r"\b(get|got|had|sent|send|receive)\b[^?.]{0,20}\bemails?\b|"
        r"\b(packs?|papers?|emails?)\b[^?.]{0,15}\b(come|came|arrive|turn(ed)? up|get here|"
        r"got here|landed|showed up)\b",
    ),
    (
        "posting",
        r"\b(post|posting|postbox|in the post|send(ing)? (it |my \w+ |the \w+ )?(off|back)|"
        r"first class|royal mail)\b",
    ),
    (
        "opening",
        r"\b(opens?|opening|opened|start(s|ed|ing)?|begin\w*|began|sent out|send out|sending out|"
        r"go out|goes out|going out|went out|gone out|posted out|sent|when do i get)\b",
    ),
    (
        "close",
        r"\b(clos(e|es|ed|ing)|deadline|shut\w*|end|ends|ending|finish\w*|last day|latest|until|"
        r"how long|cut[ -]?off|by when|what time|back by|returned by|in by|"
        r"(time|days?|hours?)( \w+){0,5} left)\b",
    ),
    # "when I say I've voted, can anyone see…": "when" before a subject joins two clauses
    (
        "when",
        r"\b(when(?! (i|we|you|they|it|im|ive|my|our|theyre|youre)\b)|whens|date|dates|"
        r"what day|which day|how soon|soon|coming up|upcoming)\b|^when\b",
    ),
)
SLOTS = tuple((name, re.compile(pattern)) for name, pattern in _SLOTS)
# "Is it too late?", "is it over?": asked the other way round from "is it still open?", so
# an open ballot's answer is "No, it is still open".
_OVER = re.compile(
    r"\b(too late|miss(ed)?|finished|ended|closed|shut|gone)\b|\bover (yet|now|already)\b|"
    r"\b(its|it is|is it|(vote|ballot|election)s? (is|are)) (all )?over\b|"
    r"^(is|are|has)\b[^?.]*\bover\s*\??\s*$"
)
_BALLOT_WORDS = re.compile(
    r"\b(ballot\w*|vot(e|es|ing|ed)|elections?|poll|polls|papers?|packs?|eballot|e-ballot|"
    r"the close|post (it|mine)|bank holidays?|(last|latest) (safe )?(day|date) to post|"
    r"posting days?)\b"
)
# Words that are not a ballot's name: every ballot has them.
_GENERIC = frozenset(
    stem(w)
    for w in "ballot ballots vote voting election elections poll paper papers postal pack "
    "committee committees 2023 2024 2025 online e-ballot eballot".split()
)
# Other unions by name: what they do is not in this union's content.
UNION_NAMES = frozenset(
    "neu unison unite gmb rcn bma ucu rmt cwu nasuwt usdaw aslef fbu eis tssa bectu pcs nipsa "
    "fda".split()
)
OTHER_UNIONS = (
    frozenset("nut nhs teachers nurses doctors firefighters lecturers university".split())
    | UNION_NAMES
)
_OTHER_KIND = re.compile(r"\bby-? ?elections?\b|\breferend\w*")
_STATUTORY = re.compile(r"\b(strike|industrial action|pay) (ballot|vote)s?\b")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
# "Can I hand it in instead of posting it?": another way than the one the dates are for.
_INSTEAD = re.compile(r"\b(instead|rather than|alternative)\b")
_COMMAND_WORDS = re.compile(r"\b(command|commands|type|bot)\b|(?<!\S)/\w+")


# A result asked in the past tense ("who won?", "did Broad Left get in?"): no view is asked,
# however the question names those standing.
RESULT_PAST = re.compile(
    r"\b(who won|(was|were|got|been) (re-?)?elected|did [^?.]{0,30}\b(win|get in|got in))\b"
)


def asks_result(text: str) -> bool:
    return bool(RESULT_PAST.search(normalise(text)))


# What a date does not answer: whom to ring ("who do I ring for a new paper", asked before
# any "when"), and whether what the member sent arrived ("can you check it got there").
_PERSON = re.compile(
    r"(^|[,.?!;:-]\s*)(and |so |ok |but |hi |hey )?(who|whom|whos)\b|"
    r"\bname of (the|a|that|this) (\w+ ){0,2}(person|candidate|one|guy|woman|man|bloke)\b"
)
_WHEN = re.compile(r"\b(when|whens|date|dates|deadline|what day|which day|what time|till|until)\b")
_CHECK = re.compile(
    r"\b(can|could|will|would|pls|please) (you|u|someone|somebody|anyone|the bot)\b[^?.]{0,10}"
    r"\b(check|confirm|see|find out|make sure|tell me)\b[^?.]{0,25}\b(arrived|got there|"
    r"received|counted|went through|gone through|reached|safe)\b|"
    r"\b(has|have|was|were|did|is) (my|our) (\w+ )?(vote|envelope|ballot|paper|form)s? "
    r"((been|actually|definitely) ){0,2}(received|counted|got there|get there|reached|gone through|"
    r"go through|arrived safely)\b"
)
# "Did my paper arrive? I posted it Monday": the member's own vote, sent, and whether it got
# there or was counted (not "I'll post it today, will it arrive in time?").
_SENT = re.compile(
    r"\b(i|ive|i have|we|weve) (already |just )?(posted|sent|returned|mailed)\b|"
    r"\b(posted|sent|returned|mailed) (it|mine|my \w+)\b|"
    r"\b(it|mine|my vote) (was|has been|got) counted\b"
)
_ARRIVED = re.compile(
    r"\b(did|has|have|was|were)\b (it|mine|they|my \w+( \w+)?) (\w+ )?(arrive|arrived|get there|"
    r"got there|reach|reached|received|counted)\b|\b(it|mine|my vote) (was|has been|got) counted\b"
)
# "Can I get an extension?", "can someone vote for me?": a rule bent for one member.
_EXCEPTION = re.compile(
    r"\b(extension|extend (the|it|my|our)|make an exception|exception for|proxy|"
    r"vote (for|on behalf of) (me|him|her|them)\b(?! (in|on|at))|on (my|his|her|their) behalf)\b"
)
# "Still haven't had the email with my link": what was due has not come.
_NOT_COME = re.compile(
    r"\b(no|never|not|hasnt|havent|didnt|nothing)\b[\w ]{0,45}\b(arriv\w*|come|came|turned up|"
    r"received|got|had|through)\b"
)


def missing_email(text: str, ballots: Sequence[Known], clock: Clock) -> bool:
    """Whether an online ballot's email has not come after the day voting opened: a fault
    for the organisers to look into, which the dates do not mend (on the day, "it opens
    today" may be all that is asked)."""
    return (
        bool(ballots)
        and bool(_NOT_COME.search(normalise(text)))
        and all(
            not k.ballot.kind.postal
            and k.ballot.opens_at.astimezone(clock.tz).date() < clock.today
            and clock.now < k.ballot.closes_at
            for k in ballots
        )
    )


# "Is the union going to ballot over the office closures?": a ballot on a dispute, no election.
_DISPUTE = re.compile(r"\bballot\w* (\w+ ){0,2}(over|against)\b")
# "Which closes first, the NEC or the group exec?": every ballot named, set side by side.
_COMPARE = re.compile(
    r"\bwhich\b[^?.]{0,25}\b(first|sooner|earlier|later|last|before)\b|"
    r"\b(first|sooner|earlier|later)\b[^?.]{0,30}\bor\b"
)


# "How do I send it back?", "how do I get you to stop chasing me": a way of doing something,
# which no date gives (for a missing or spoilt pack, or joining, the way is the deadline).
_HOW = re.compile(r"\bhow (do|does|can|could|should|would|to)\b")
_HOW_SLOTS = frozenset({"replace", "pack", "join"})


def asks_else(text: str, slot: str | None = None) -> str | None:
    """What a dated question asks that no date holds: "person" (whom to ring, a name),
    "check" (whether what they sent arrived: the bot cannot see that) or "how" (a way of
    doing something, asked with no "when")."""
    lowered = normalise(text)
    if _CHECK.search(lowered) or (_SENT.search(lowered) and _ARRIVED.search(lowered)):
        return "check"
    if _EXCEPTION.search(lowered):
        return "check"  # a rule bent for one member: the organisers' to decide
    if slot not in _HOW_SLOTS and _HOW.search(lowered) and not _WHEN.search(lowered):
        return "how"
    person, when = _PERSON.search(lowered), _WHEN.search(lowered)
    return "person" if person and (when is None or person.start() < when.start()) else None


# "Will my paper come to my new flat?", "do the papers go to work or home?": whether or where
# the pack goes, which no date says. A question of a pack's arrival or the papers' sending
# that names no time ("has it come yet", "is it late", "when") and says more than that.
_EVENTS = frozenset({"pack", "opening"})
_SOON = re.compile(
    r"\b(yet|still|already|soon|now|rn|atm|today|tomorrow|by|in time|late|early|normal|"
    r"any day|latest|last|what point|open\w*|start\w*|begin\w*|began)\b"
)


def asks_whether(text: str, slot: str | None, leftover: Collection[str]) -> bool:
    """Whether a question about a pack's arrival or the papers' sending asks something
    else than when (`leftover`: its words besides the ballot's and the slot's)."""
    lowered = normalise(text)
    if slot not in _EVENTS or _WHEN.search(lowered) or _SOON.search(lowered):
        return False
    return any(w not in CHATTER and not w.isdigit() for w in leftover)


@dataclass(frozen=True)
class Known:
    """A ballot the bot can speak about, and the words that name it."""

    ballot: Ballot
    names: frozenset[str]
    candidates_url: str | None = None


@dataclass(frozen=True)
class Intent:
    slot: str | None
    ballots: tuple[Known, ...]  # named in the question (empty: none named)
    about_ballots: bool  # a ballot word, or a ballot's name
    leftover: frozenset[str]  # the question's other words


@lru_cache(maxsize=256)
def _names(joined: str) -> frozenset[str]:
    found = {stem(w) for w in words(joined)}
    return frozenset(w for w in found if w not in _GENERIC and not w.isdigit())


def names_of(title: str, extra: Sequence[str] = ()) -> frozenset[str]:
    return _names(" ".join([title, *extra]))


# "What did they end up deciding", "in the end": an outcome asked, not a ballot's close.
_ENDED_UP = re.compile(r"\b(end|ends|ended|ending) up\b|\bin the end\b")


def slot_of(text: str) -> str | None:
    lowered = _ENDED_UP.sub(" ", normalise(text))
    for name, pattern in SLOTS:
        if pattern.search(lowered):
            return name
    return None


# Slots a clause that tells ("I joined in February") may give while the clause that asks
# wants another; "when", the close and "can I still" are what most questions ask, so they
# do not overrule.
_WEAK = frozenset({"when", "close", "status"})


def asked_slot(text: str) -> str | None:
    """The slot of the clause that asks ("I only joined in February… when do the papers get
    sent out?": the opening), if it names one of its own; else the whole question's."""
    clause = asking_clause(text)
    found = slot_of(clause) if clause is not None else None
    whole = slot_of(text)
    if found is not None and (found not in _WEAK or (whole == "join" and found != "status")):
        return found  # (a new member asking when it closes asks the close)
    return whole


def named(stems: Sequence[str], known: Sequence[Known], every: bool = False) -> tuple[Known, ...]:
    """The ballots the question names: a word only one ballot has counts 1, shared 0.3; the
    best named, or (`every`: a comparison) each named at all."""
    asked = {s for s, _ in expand(list(stems))}
    scores = []
    for k in known:
        score = 0.0
        for word in k.names & asked:
            shared = sum(1 for other in known if word in other.names)
            score += 1.0 if shared == 1 else 0.3
        scores.append((score, k))
    best = max((s for s, _ in scores), default=0.0)
    if best < 1.0:
        return ()
    return tuple(k for s, k in scores if s >= (1.0 if every else best - 0.01))


def about(text: str) -> bool:
    """Whether a question uses a ballot word (vote, election, paper…)."""
    return bool(_BALLOT_WORDS.search(normalise(text)))


def intent(text: str, stems: Sequence[str], known: Sequence[Known]) -> Intent:
    lowered = normalise(text)
    chosen = named(stems, known, every=bool(_COMPARE.search(lowered)))
    about = bool(chosen) or bool(_BALLOT_WORDS.search(lowered))
    slot_words = {
        stem(w) for name, p in SLOTS for m in p.finditer(lowered) for w in m.group().split()
    }
    if not about and slot_of(text) == "status" and set(stems) <= slot_words:
        about = True  # "did I miss it?", "is it still open?": nothing but whether it is over
    live = about and not _COMMAND_WORDS.search(text.lower()) and not _INSTEAD.search(lowered)
    slot = asked_slot(text) if live else None
    if slot == "status" and _OVER.search(lowered):
        slot = "over"
    names = {n for k in chosen for n in k.names}
    leftover = frozenset(
        s
        for s in stems
        if s not in _GENERIC and s not in names and s not in slot_words and not s.isdigit()
    )
    return Intent(slot, chosen, about, leftover)


# "I'm retired, do I still get a vote?": whether a kind of member may vote, which the
# content says nothing of unless it names that kind (its one rule is the join-by date).
# Not one away from work for a while ("off sick for a fortnight"): still a member.
_ELIGIBLE = re.compile(
    r"\b(can|could|do|does|will|would|am|are|is|may)\b[^?.]{0,40}\b(vote|votes|voting|"
    r"get (a|an|my|the|their|his|her)( \w+)? (vote|ballot|paper|pack|say)|eligible|allowed|"
    r"entitled)\b|\beligib\w*"
)
_KIND_OF_MEMBER = re.compile(
    r"\b(retired|retiree|pensioners?|students?|unemployed|redundant|lapsed|arrears|suspended)\b"
)


def kind_of_member(text: str, uses: Callable[[str], bool]) -> bool:
    """Whether a question asks if a kind of member the content never names (`uses`: the
    content has the word as written; "pensioner" is not "pensions") may vote."""
    lowered = normalise(text)
    kinds = [m.group() for m in _KIND_OF_MEMBER.finditer(lowered)]
    return bool(kinds and _ELIGIBLE.search(lowered) and not any(uses(k) for k in kinds))


def foreign(
    text: str, years: set[int], known: Sequence[Known], vocabulary: Collection[str]
) -> bool:
    """About a ballot the bot does not hold: another year, another union, another kind (a
    by-election; a strike ballot when none is held)."""
    held = {k.ballot.closes_at.year for k in known} | {k.ballot.opens_at.year for k in known}
    if years and not years & held:
        return True
    if _OTHER_KIND.search(normalise(text)) or _DISPUTE.search(normalise(text)):
        return True
    statutory = any(k.ballot.kind.value == "statutory_postal" for k in known)
    if not statutory and _STATUTORY.search(normalise(text)):
        return True
    lowered = set(re.findall(r"[a-z]+", normalise(text)))  # ("grp" is a group)
    if lowered & OTHER_UNIONS:
        return True
    acronyms = {a.lower() for a in _ACRONYM.findall(text)} - STOP
    # written in lower case, a name without vowels is an acronym too ("gmb", "rcn")
    acronyms |= {
        w for w in lowered if 2 < len(w) < 6 and not re.search("[aeiouy]", w) and w not in _TEXTED
    }
    return any(stem(a) not in vocabulary for a in acronyms)


# Small words written without their vowels ("shld", "pls", "wld"): no other union's name.
_TEXTED = frozenset(
    bare for w in STOP | CHATTER if len(bare := re.sub("[aeiouy]", "", w)) > 1 and bare != w
)


_POSTAL = re.compile(r"\b(papers?|packs?|post|posted|posting|postal|envelope|stamp)\b")
_ONLINE = re.compile(r"\b(emails?|online|e-?ballot|eballot|link)\b")


def by_kind(text: str, slot: str, ballots: list[Known]) -> list[Known]:
    """A paper, a pack or posting means the postal ballots; an email or a link, the online
    ones ("my email with the voting link never came" is no postal pack gone missing)."""
    lowered = normalise(text)
    postal = [k for k in ballots if k.ballot.kind.postal]
    online = [k for k in ballots if not k.ballot.kind.postal]
    said_postal, said_online = _POSTAL.search(lowered), _ONLINE.search(lowered)
    if online and said_online and not said_postal:
        return online
    if postal and (slot in ("posting", "replace") or said_postal):
        return postal
    return ballots


def which(chosen: Sequence[Known], known: Sequence[Known], now: datetime) -> list[Known]:
    """The ballots named, or else the open ones, or the next, or the last to close."""
    if chosen:
        return list(chosen)
    coming = sorted((k for k in known if now < k.ballot.opens_at), key=lambda k: k.ballot.opens_at)
    done = sorted(known, key=lambda k: k.ballot.closes_at, reverse=True)
    return open_now(known, now) or coming[:1] or done[:1]


def open_now(known: Sequence[Known], now: datetime) -> list[Known]:
    return [k for k in known if k.ballot.opens_at <= now < k.ballot.closes_at]


def stale(want: Intent, known: Sequence[Known], now: datetime) -> set[str]:
    """Ballots closed and not named: what their pages say about voting is past."""
    named = {k.ballot.name for k in want.ballots}
    return {
        f"ballot:{k.ballot.name}"
        for k in known
        if k.ballot.closes_at <= now and k.ballot.name not in named
    }


def still_useful(slot: str, ballots: Sequence[Known], now: datetime) -> bool:
    """Advice on how to vote or get a new paper only while it can still be acted on."""
    for k in ballots:
        deadline = k.ballot.closes_at
        if slot in ("replace", "pack") and k.ballot.replacement_deadline is not None:
            deadline = k.ballot.replacement_deadline
        if now >= deadline:
            return False
    return True
