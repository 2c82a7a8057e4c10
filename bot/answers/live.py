"""Which ballot and which of its dates a question is about, read from the whole question,
and the answer said in the tense the clock gives ("closed on…", "opens in 3 days").

A slot is the fact asked for: the result (never invented: a hand-off), the join-by date,
a replacement paper, the pack's arrival, the last safe posting day, the opening, whether it
is still open, the close. "When" alone is a weak slot: the question's other words decide.
"""

from __future__ import annotations

import itertools
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
# A paper spoilt in members' words: a wrong mark, ink, a pet, the bin ("ticked the wrong box",
# "the dog chewed it", "spilt tea on it", "threw it out with the recycling").
SPOILT = (
    r"\b(wrong (box|boxes|mark|column|bit|cross|crosses|tick|ticks|x|candidate)|"
    r"(cross|tick|mark|x)\w* (\w+ ){0,3}(the )?wrong|"
    r"(marked|ticked|filled|crossed|done|did) (it |mine |"
    r"the \w+ )?(in )?wrong|scribbl\w*|crossed (it |them )?out|spil(t|lt|led|ling)|stain\w*|"
    r"chew\w*|(ate|eaten)|drew on|drawn on|(tea|coffee|wine|water|juice) (on|over|all over)|"
    r"shredd\w*|recycling|in the bin|soaked|soggy|sodden|drenched|waterlogged|unreadable|"
    r"illegible|smudg\w*|"
    r"(can|could|need to|have to) (i |we )?start (it )?(again|over))\b"
)
# A paper gone to another address: "went to my old flat", "sent to the wrong address".
ELSEWHERE = (
    r"\b(went|gone|sent|delivered|posted|ended up|turned up|arrived|landed|is|its) (\w+ ){0,2}"
    r"(to|at) ((my|the|her|his|our|their|an|a) )?(old|wrong|previous|former|last|ex) "
    r"(address|place|flat|house|home)\b"
)
# Not come ("never turned up", "havent had mine", "nothing through the door", "still waiting"):
# what was got or had is the paper, the pack, "it" or "anything", not "a postbox".
NOT_COME = (
    r"\b(no|never|not|hasnt|havent|didnt|nothing|waiting)\b[\w ]{0,25}\b(arriv\w*|come|came|"
    r"turned up|through(?! the (\w+ )?(post|mail)box)|"
    r"(received|got|had)(?=\s*($|[?!.,;]|(\w+ ){0,3}(papers?|packs?|ballot\w*|ones?|it|mine|"
    r"anything|emails?|links?|letters?|post|yet|through)\b)))\b(?! left)|"
    r"\bnothing\b (\w+ ){0,3}(post|door|letterbox)\b|"
    r"\bno sign of (\w+ ){0,4}(papers?|packs?|ballots?|ones?|it|mine|emails?|links?|letters?)\b|"
    # "pack STILL not here", "papers not landed yet": the pack named, then not here
    r"\b(papers?|packs?|ballots?|mine)\b (\w+ ){0,2}(not|never|isnt|arent|hasnt|havent) (yet )?"
    r"(here|landed|shown up|showed up|(been )?delivered)\b"
)
# "Is there anything to vote in right now?", "anything on for voting?": any ballot open.
_ANYTHING = r"\b(anything|something|owt)\b[^?.]{0,30}\b(to vote|for voting|vote (in|on|for))\b"
_DAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)"
_DUE_BACK = (
    r"\b(has|have|had|must|needs?|got) to (\w+ ){0,2}(arrive|land|get there|reach)\b|"
    r"\bhow long\b[^?.]{0,30}\bfor\b[^?.]{0,30}\bto (\w+ )?(arrive|land|get there)\b"
)
# "Does it just need posting by then or does it have to get there?", "is a postmark
# enough?": posting weighed against arriving, which the posting day's line answers ("It
# must arrive by the close").
_POSTED = re.compile(r"\b(post|posted|posting|postmark|postmarks|postmarked)\b")
# A vote cast or a paper arriving at an hour of the day, asked as in time ("if she votes at
# about 1pm on the 16th, will it still count?", "lunch is 12:30, is that ok?"): the close,
# whose line says the hour it closes at.
_HOUR = (
    r"(\d{1,2}([:.]\d{2})? ?(am|pm)|\d{1,2}[:.]\d{2}|"
    r"\d{1,2} in the (morning|afternoon|evening)|lunch\w*)"
)
_IN_TIME = r"(count|counts|counted|ok|okay|valid|in time|too late|alright|fine)"
_SLOTS: tuple[tuple[str, str], ...] = (
    (
        "result",
        r"\b(who won|won|winners?|results?|turnout|how many votes|votes did|elected|"
        r"did [^?.]{0,70}\b(win|get in|got in)|counts? the votes|vote count|counting|"
        r"how did [^?.]{0,40}\b(do|get on|fare))\b",
    ),
    (
        "join",
        # (not "joined forces", "joined together", "joined up with": one slate, not joining)
        r"\b((re)?(join|joins|joined|joining)(?! (forces|together|up with|with (each|one))\b)|"
        r"(new |recent )?joiners?|"
        r"new members?|become a member|membership|eligib\w*|"
        r"(sign|signs|signed|signing) up|"
        r"(be|been|a) members? (by|before|since|on)|qualif(y|ies|ied)|"
        r"not (yet )?(a )?(union )?member|non-?members?)\b",
    ),
    # "when is last day post safe so it arrive": the last day to post, however its arriving
    # is said after it (not when a pack arrives)
    ("posting", r"\blast (safe )?day\b[^?.]{0,25}\bpost\w*\b"),
    # "When does my paper have to land with them?", "how long have I got for my vote to
    # arrive?": the member's own paper due back, by the close (a pack is never the member's
    # to get there); not weighed against posting it (`slot_of`).
    ("close", _DUE_BACK),
    # "When should it have turned up (by)?": the pack's date, before a replacement.
    (
        "pack",
        r"\bshould (it |they |mine |my \w+ |the \w+ )?(have )?(arrived|turned up|come|got here|"
        r"landed)\b|\bwhen (should|will|does|do|would|is) [^?.]{0,30}\b(arrive|turn up|"
        r"come(?! back)|get here|land|due)\b|"
        r"\bshould\b[^?.]{0,25}\bhave (had|got|received)\b[^?.]{0,25}\b(packs?|papers?)\b",
    ),
    (
        "replace",
        # (not "robots replacing us": people replaced, not a paper)
        r"\b(replac\w*(?! (us|them|me|you|jobs?|staff|workers|people|humans|members)\b)|"
        r"new one|another one|(new|spare|fresh) (\w+ ){0,2}(paper|pack)|fresh one|"
        r"spoil\w*|lost|duplicate|"
        r"damaged|ruined|cut[ -]?off for getting(?! (\w+ ){0,3}back\b)|wet|torn|ripped|"
        r"destroyed|binned|"
        r"thr(ew|own) (it )?away|messed (it )?up|(make|made|making|makes) (a )?mistakes?|"
        r"(get|need|send|have) another|another (ballot |voting |postal |nec |exec )?(paper|pack)|"
        r"(chuck|chucked|threw|thrown|tossed) (\w+ ){0,3}(out|away))\b|"
        rf"{SPOILT}|{ELSEWHERE}|{NOT_COME}|"
        r"\bno (\w+ ){0,3}(paper|pack)s?\b",
    ),
    # "How long should I wait for my pack before chasing it?": when packs should have come.
    (
        "pack",
        r"\b(wait|waiting|give it)\b (\w+ ){0,3}(for|before)\b[^?.]{0,25}\b(packs?|papers?)\b",
    ),
    # "By when should members have their pack?": a pack had or received, not the close.
    (
        "pack",
        r"\bwhen\b[^?.]{0,30}\b(have|has|receive|get|got)\b (my|their|our|your|his|her|the|"
        r"members|members') ((\w+ )?(ballot|nec|exec|election|voting|postal) )?(packs?|papers?)\b",
    ),
    # (after a replacement's own slot: "can I ring for a new paper at 4pm on the 4th?")
    ("close", rf"\b{_HOUR}\b[^?]{{0,60}}\b{_IN_TIME}\b|\b{_IN_TIME}\b[^?]{{0,60}}\b{_HOUR}\b"),
    (
        "status",
        r"\b(still (open|on|running|going|happening)|too late|miss(ed)?\b|finished|over (yet|now)|"
        r"(it|vote|ballot|election) (is )?over|ended|"
        r"(can|may|could) i still|still (do|send|post|vote|return)|"
        r"still (got |have |)(time|possible)|"
        # "can my members still get a vote in?": others' time left, the same
        r"can (we|you|u|they|my \w+|our \w+|members|people|he|she) still\b|"
        r"still (get|have|put) (\w+ ){0,4}(votes?|ballots?|papers?) in\b|"
        r"(has|is) it closed|"
        # "is the nec ballot running at the moment": a ballot running is open (not one running)
        r"\b(is|are) (the |that |this |our |my )?(\w+ ){0,2}(ballot|vote|election|poll)s? "
        r"(still |currently |now |actually )?(running|live|happening)\b|"
        r"(am i|are we|is it|still) in time|"
        r"(is|are)\b[^?.]{0,40}\bopen\b(?! (on|at|from))|"
        # "what ballots are on?", "is there a vote going on atm": whether any is open now
        rf"\b(what|which|any)\b (\w+ ){{0,2}}(ballots|votes|elections|polls) (are |is )?{_ON}|"
        rf"\bis there (a|an|any) (\w+ ){{0,2}}(ballot|vote|election|poll)s? {_ON}|{_ANYTHING})",
    ),
    # "The NEC papers go in the post tomorrow?": the union posts them out, the opening.
    (
        "opening",
        r"\b(the|nec|exec|ballot|voting|election) (papers|packs) (\w+ )?(go|goes|going|get|gets|"
        r"are|were|will be|being) (in the post|posted|sent|out)\b|"
        # "papers r out since when?": from when, the day they were sent
        r"\b(papers|packs) (are |r |were |been )?(out|sent)\b[^?.]{0,15}\bsince when\b|"
        # "NEC ballot papers. Are they posted on 20 April or by then?": the papers, "they"
        r"\b(ballot|voting|election|nec|exec) (papers|packs)\b[^?]{0,40}\b(are|were|will|do|did|"
        r"have|get) they (be |being |been |get |go |going to be )?(posted|sent)\b",
    ),
    ("posting", r"\bpost\w*\b[^?.]{0,40}\b(arrive|get there|in time)\b"),
    # "must it arrive by the close, or is a postmark before it enough?", "just postmarked by
    # then, or does it need to reach them?": posting weighed against arriving, either way
    # round
    (
        "posting",
        r"\b(arrive|arrives|get there|gets there|reach|reaches)\b[^?]{0,50}\bor\b[^?]{0,40}"
        r"\bpost(ed|ing|mark|marks|marked)?\b|"
        r"\bpost(ed|ing|mark|marks|marked)?\b[^?]{0,50}\bor\b[^?]{0,40}\b(arrive|arrives|"
        r"get there|gets there|reach|reaches)\b",
    ),
    # "Posted mine on Sunday, will it count?", "if I post it on the 11th?": whether a day
    # posted on is in time; "the last day I can post it": the posting day.
    ("posting", rf"\b(posted|sent)\b (\w+ ){{0,3}}(on )?{_DAY}\b"),
    ("posting", r"\b(post|posted|send|sent)\b (\w+ ){0,3}on (the )?\d{1,2}\b(?! (am|pm)\b)"),
    ("posting", r"\blast (safe )?day\b[^?.]{0,25}\bpost\w*\b"),
    # "posted it this morning, will it still count?": the day posted on, said as a moment
    (
        "posting",
        r"\b(posted|sent)\b (\w+ ){0,4}(this morning|this afternoon|today|tonight|yesterday|"
        r"last night|earlier)\b[^?]{0,40}\b(count|counted|valid|ok|okay|alright|fine|"
        # "posted my nec paper this morning. will it get there in time?": a sentence apart
        r"arrive|arrives|get there|gets there|reach|reaches|make it|in time)\b",
    ),
    (
        "pack",
        r"\b(arriv\w*|through my door|receive[d]?|yet|had one|come through)\b|"
        r"\b(get|got|had|sent|send|receive)\b[^?.]{0,20}\bemails?\b|"
        r"\b(packs?|papers?|emails?)\b[^?.]{0,15}\b(come(?! back)|came(?! back)|arrive|"
        r"turn(ed)? up|get here|"
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
_MISSING = re.compile(rf"{NOT_COME}|\bno (\w+ ){{0,2}}(paper|pack)s?\b")
_SPOILT_OR_ELSEWHERE = re.compile(rf"{SPOILT}|{ELSEWHERE}")


def email_not_come(text: str, ballots: Sequence[Known], now: datetime, asked_when: bool) -> bool:
    """An online ballot's email not come, asked before voting opened or asked when it should
    have: the day voting opens is the answer (after it, a hand-off: `missing_email`)."""
    return (
        bool(ballots)
        and not any(k.ballot.kind.postal for k in ballots)
        and bool(_MISSING.search(normalise(text)))
        and (asked_when or all(now < k.ballot.opens_at for k in ballots))
    )


def not_come(text: str, ballots: Sequence[Known], now: datetime) -> bool:
    """A pack not come, asked before the day packs should arrive by: when they should is
    the answer, not how to replace one ("still waiting on my pack", asked the day after
    papers went out)."""
    lowered = normalise(text)
    return (
        bool(ballots)
        and bool(_MISSING.search(lowered))
        and not _SPOILT_OR_ELSEWHERE.search(lowered)
        and all(
            k.ballot.packs_arrive_by is not None and now < k.ballot.packs_arrive_by for k in ballots
        )
    )


# "Is it too late?", "is it over?": asked the other way round from "is it still open?", so
# an open ballot's answer is "No, it is still open".
_OVER = re.compile(
    r"\b(too late|miss(ed)?|finished|ended|closed|shut|gone)\b|\bover (yet|now|already)\b|"
    r"\b(its|it is|is it|(vote|ballot|election)s? (is|are)) (all )?over\b|"
    r"^(is|are|has)\b[^?.]*\bover\s*\??\s*$"
)
_BALLOT_WORDS = re.compile(
    r"\b(ballot\w*|vot(e|es|ing|ed)|elections?|poll|polls|papers?|packs?|eballot|e-ballot|"
    r"the close|post(ed)? (it|mine)|bank holidays?|(last|latest) (safe )?(day|date) to post|"
    r"posting days?|replacements? (deadline|cut[ -]?off|date)s?)\b"
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
_INSTEAD = re.compile(
    r"\b(instead|rather than|alternative)\b|"
    r"\b(can|could|do|may) (i|we|you|she|he|they|members) (just )?(vote|do (it|this|that)|send it)"
    r"\b[^?.]{0,20}\b(online|by email|electronically|on the bot|through the bot|by phone|"
    r"in person|by hand)\b"
)
_COMMAND_WORDS = re.compile(r"\b(command|commands|type|bot)\b|(?<!\S)/\w+")
# "How do I check the key dates through the bot?", "see ballot dates": a way to see them, the
# bot's /ballot, not one of the dates.
_SEE_DATES = re.compile(
    r"^(how (do|can|could|would|should) (i|we|you|u|members|people) )?(see|check|view|pull up|"
    r"bring up|look up|find|get up|call up) (the |all the |a |our |those )?((key|ballot|election|"
    r"voting|important|main) )?dates\b"
)


# A result asked in the past tense ("who won?", "did Broad Left get in?"): no view is asked,
# however the question names those standing.
# A seat won said as members say it: "who got onto our group exec", "who made it on to the
# nec" (not "who got on the ballot": who stands).
RESULT_PAST = re.compile(
    r"\b(who won|who (got|gets) in|(was|were|got|been) (re-?)?elected|"
    r"did [^?.]{0,70}\b(win|get in|got in)|"
    r"who (got|has got|have got|made it|has made it|have made it) (onto|on to|on) (the|our|my|"
    r"your|their) (?!((\w+ ){0,2}(ballot|paper|list|shortlist|slate|ticket|notice)s?)\b))\b"
)


# A win wished for, not one announced: "who did the NEC want to win" (a view asked).
_WANTED_WIN = re.compile(
    r"\b(want|wanted|wants|like|liked|hope|hoped|prefer|preferred|rooting for \w+)( \w+)? to "
    r"(win|get in)\b"
)


def asks_result(text: str) -> bool:
    return bool(RESULT_PAST.search(_WANTED_WIN.sub(" ", normalise(text))))


# What a date does not answer: whom to ring ("who do I ring for a new paper", asked before
# any "when"), and whether what the member sent arrived ("can you check it got there").
_PERSON = re.compile(
    r"(^|[,.?!;:-]\s*)(and |so |ok |but |hi |hey )?(who|whom|whos)\b|"
    r"\bname of (the|a|that|this) (\w+ ){0,2}(person|candidate|one|guy|woman|man|bloke)\b"
)
_WHEN = re.compile(r"\b(when|whens|date|dates|deadline|what day|which day|what time|till|until)\b")
# A deadline asked beside whom to reach ("who do I ring and by when?"), not "who do I call when
# it never came", where "when" tells.
_BY_WHEN = re.compile(
    r"\b(by|and|till|until) when\b|\bwhen by\b|\b(and|whats|what is) the (deadline|cut ?-?off)\b"
)
_CHECK = re.compile(
    r"\b(can|could|will|would|pls|please) (you|u|someone|somebody|anyone|the bot)\b[^?.]{0,10}"
    r"\b(check|confirm|see|find out|make sure|tell me)\b[^?.]{0,25}\b(arrived|got there|"
    r"received|counted|went through|gone through|reached|safe)\b|"
    r"\b(has|have|was|were|did|is) (my|our|her|his|their) (\w+ )?(vote|envelope|ballot|paper|"
    r"form)s? "
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
# "Can I go back in and change it?", "pressed I've voted by mistake, can you undo it?": a vote
# or a vote reported, taken back. Only a consultation's rule on it is written (it cannot be
# changed); an election's is the scrutineer's or the organisers'.
_CHANGED = re.compile(
    r"\b(voted|vote|votes|ballot)\b[^?]{0,80}\b(change|undo|redo|re-?do|take back|amend|edit)\b "
    r"(it|that|mine|my (\w+ ){0,2}(vote|votes|ballot|choices?|answers?|mind)|what i (put|picked|"
    r"chose|voted))\b|\bgo back (in )?(and|to) (change|redo|edit|undo)\b|\b(vote|voting) again\b"
)
# "I don't use email, can I have a paper ballot?": the online ballot's one way, bent.
_NO_EMAIL = re.compile(
    r"\b(dont|do not|never|cant|cannot) (have|use|check|get|got|do|read) (an? )?(e-?mails?|"
    r"e-?mail address(es)?|internet|computers?)\b|\bno (e-?mail|e-?mail address|internet)\b"
)
_ON_PAPER = re.compile(r"\b(paper|postal) (ballot|vote|version|copy|one)\b|\bby post\b")
# "Can I get an extension?", "can someone vote for me?": a rule bent for one member.
_EXCEPTION = re.compile(
    r"\b(extensions?|extend(s|ed|ing)? (the|it|my|our)|make an exception|exception for|proxy|"
    r"(get|give me|give us|have|make) (an |a )?(special )?(exception|case)|special case|"
    r"vote (for|on behalf of) (me|him|her|them)\b(?! (in|on|at))|on (my|his|her|their) behalf)\b|"
    # someone else marking the member's paper ("can my wife fill in my ballot")
    r"\b(can|could|may|will|is it ok if|is it alright if) (my|a|someone|somebody|anyone|another) "
    r"(\w+ ){0,2}(fill in|fill out|complete|do|mark|tick|vote on)\b[^?.]{0,10}\b(my|her|his|their) "
    r"(\w+ )?(ballot|paper|vote|form)s?\b|"
    r"\b(fill in|fill out|complete|mark|tick|vote on) (my|our) \w+s (\w+ )?(ballot|paper|vote)s?\b|"
    # a deadline missed, and a way round it asked ("missed the 5pm replacement deadline,
    # nothing at all I can do?")
    r"\b(missed|too late)\b[^?]{0,80}\b(nothing|anything)( \w+){0,2} (i|we) (can|could) do\b|"
    # "the replacement cut off has passed - what now": the same, asked of what is left
    r"\b(missed|too late|(has|have|had|is|was) (passed|expired|gone by))\b[^?]{0,40}"
    r"\b(what now|now what|"
    r"what (can|do|should|could) (i|we|they|he|she|members?) do( now)?\b|any way round)"
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


# Abroad: the content says papers go to the home address, never whether one is sent or
# posted back from another country ("can it be sent out to me in Spain?").
_ABROAD = re.compile(
    r"\b(abroad|overseas|out of the country|outside (of )?the uk|another country|foreign|"
    r"international|expat|emigrat\w*|(the )?continent|europe|spain|spanish|france|portugal|"
    r"italy|germany|greece|cyprus|malta|netherlands|holland|belgium|poland|(?<!northern )ireland|"
    r"usa|america|the states|canada|australia|new zealand|dubai|uae|india|pakistan|bangladesh|"
    r"nigeria|ghana|kenya|south africa|jamaica|thailand|china|hong kong|singapore|japan|turkey|"
    r"egypt|morocco|switzerland|austria|sweden|norway|denmark|finland|mexico|brazil|tenerife|"
    r"lanzarote|majorca|mallorca|ibiza|canaries|canary islands|algarve)\b"
)
_SENDING = re.compile(
    r"\b(send|sent|sending|post|posted|posting|forward\w*|deliver\w*|reach|redirect\w*|"
    r"get (it|mine|my \w+|a \w+)|come|arrive)\b[^?.]{0,30}\b(there|here|to me|to her|to him|"
    r"to them|out to|over to|from (there|here)|abroad|overseas)\b"
)


def abroad(text: str) -> bool:
    """Whether a question asks about a paper sent to or posted from another country: a
    country named, and the clause that asks about sending it there ("I'm in Spain till June,
    can it be sent out here?"; not "…abroad in May, what's the last day to post it?")."""
    lowered = normalise(text)
    clause = asking_clause(text) or lowered
    return bool(_ABROAD.search(lowered)) and bool(
        _SENDING.search(clause) or (_ABROAD.search(clause) and _SENDING_TO.search(clause))
    )


def elsewhere(text: str) -> bool:
    """Whether a message names another country anywhere ("I'm wintering in Spain. Can my paper
    be sent out here?"): what the member said first still holds for what they ask."""
    return bool(_ABROAD.search(normalise(text)))


_SENDING_TO = re.compile(r"\b(send|sent|post|posted|forward\w*|deliver\w*|redirect\w*|reach)\b")


# "Is the union going to ballot over the office closures?": a ballot on a dispute, no election.
# "A ballot over pay", "balloting against the cuts": a dispute's ballot; not a paper spoilt "over
# the weekend", nor a ballot "over" (ended).
_DISPUTE = re.compile(
    r"\bballot\w* (\w+ ){0,2}(over|against) (?!(yet|now|already|then|and|or|by|so|the (weekend|"
    r"week|holidays?|summer|phone)|(this|last|the) (weekend|week|month)|christmas|easter)\b)[a-z]"
)
# "Which closes first, the NEC or the group exec?": every ballot named, set side by side.
_COMPARE = re.compile(
    r"\bwhich\b[^?.]{0,25}\b(first|sooner|earlier|later|last|before)\b|"
    r"\b(first|sooner|earlier|later)\b[^?.]{0,30}\bor\b|\bcompared (with|to)\b|\b(versus|vs)\b"
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
    if (
        _EXCEPTION.search(lowered)
        or (_CHANGED.search(lowered) and "consult" not in lowered)
        or (_NO_EMAIL.search(lowered) and _ON_PAPER.search(lowered))
    ):
        return "check"  # a rule bent for one member: the organisers' to decide
    if slot not in _HOW_SLOTS and _HOW.search(lowered) and not _WHEN.search(lowered):
        return "how"
    person, when = _PERSON.search(lowered), _WHEN.search(lowered)
    if slot in ("replace", "join") and person and _BY_WHEN.search(lowered):
        return None  # "who do I ring and by when?": the deadline, and with it whom to reach;
        # "who had to be a member by when to get a vote?": the join-by
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


# A body's name ends at these: "Group executive committee elections" is the GE or the GEC.
_BODY_ENDS = frozenset({"committee", "elections", "election", "ballot", "and"})


def _initials(title: str) -> set[str]:
    """The initials members write for a ballot's body ("GE", "GEC" for the group executive
    committee): the first letters of the title's words up to "committee", and with it."""
    said = re.findall(r"[a-z]+", title.lower())
    head = list(itertools.takewhile(lambda w: w not in _BODY_ENDS, said))
    found = set()
    if len(head) >= 2:
        found.add("".join(w[0] for w in head))
        if len(said) > len(head) and said[len(head)] == "committee":
            found.add("".join(w[0] for w in head) + "c")
    return found


def names_of(title: str, extra: Sequence[str] = ()) -> frozenset[str]:
    return _names(" ".join([title, *extra])) | frozenset(_initials(title))


# "What did they end up deciding", "in the end": an outcome asked, not a ballot's close.
_ENDED_UP = re.compile(r"\b(end|ends|ended|ending) up\b|\bin the end\b")


# "Haven't told the union yet", "not updated my details yet": what the member has not done,
# not a pack that has not come.
_NOT_DONE_YET = re.compile(
    r"\b((havent|hasnt|have not|has not|not|never|didnt) (\w+ ){0,2}(told|updated|changed|"
    r"informed|let|done|filled|registered|voted|signed|decided)\b[^?.]{0,30}) yet\b"
)


# How a post is filled, not who won it: "is the secretary of the sector exec elected", "are the
# committee members elected or appointed" (not "is the president elected yet": a result).
_HOW_FILLED = re.compile(
    r"^((so|and|but|ok|also) )?(is|are) (the|all the|all|every) (\w+ ){0,6}?(secretary|chair\w*|"
    r"president|vice|officers?|members?|reps?|treasurer|committee|exec\w*|nec|team|posts?|"
    r"seats?)( (\w+ ){0,5}?)?(elected|appointed)\b(?! (yet|already|now|then|last|this|in \d))"
)


def slot_of(text: str) -> str | None:
    lowered = _WANTED_WIN.sub(" ", _HOW_FILLED.sub(" ", normalise(text)))
    lowered = _NOT_DONE_YET.sub(r"\1", _ENDED_UP.sub(" ", lowered))
    for name, pattern in SLOTS:
        if pattern.pattern is _DUE_BACK and _POSTED.search(lowered):
            continue  # (posting it weighed against its arriving: the posting day's line)
        if pattern.search(lowered):
            return name
    return None


# Slots a clause that tells ("I joined in February") may give while the clause that asks
# wants another; "when", the close and "can I still" are what most questions ask, so they
# do not overrule.
_WEAK = frozenset({"when", "close", "status"})


# Joining so as to vote ("if she joins this week will she get a say?", "only signed up on
# Monday, will I be sent a paper?", "wants to join in time to vote, what's the cut-off"):
# the join-by date, whatever else the clause that asks names.
_JOINING = (
    r"\b(join|joins|joined|joining|joiners?|(sign|signs|signed|signing) up|become a member|"
    r"became a member|becomes a member)\b"
)
_TO_VOTE = (
    r"\b(in time|cut ?-?off|(get|receive) (a|an|the|my|her|his|their|to) (\w+ ){0,2}(vote|say|"
    r"paper|ballot|pack)|be sent (a|the|my|her|his|their) (\w+ )?(paper|ballot|pack)|"
    r"(can|could|will|would|do|does) (i|she|he|they|we|"
    r"(my|our) (?!(postal|ballot|paper|nec|online|group|exec)\b)\w+) "
    r"(still |then |also )?(vote|get (one|a vote|a say|"
    r"a paper))|"
    r"eligible|entitled to (\w+ ){0,2}(vote|say|ballot|paper)|allowed to vote|able to vote|"
    r"(have|get) a say)\b"
)
_JOIN_TO_VOTE = re.compile(
    rf"{_JOINING}[^?]{{0,80}}{_TO_VOTE}|{_TO_VOTE}[^?]{{0,40}}\b(if|when|since|as|once) "
    rf"(i|she|he|they|we|you) (only |just |now |still )?(\w+ )?{_JOINING}"
)


# "Is it by post or online?", "do I get something through the door or is it an app?": how the
# ballot is done, which its kind says (not the posting day, not how to post).
_BY_POST = r"(by post|postal|post|paper|papers|through the (door|post|letterbox)|letterbox)"
_BY_LINK = (
    r"(online|an app|app|email|e-?mail|internet|electronically|e-?ballot|a link|website|"
    r"computers?|pc|laptop|digital(ly)?)"
)
_MODE = re.compile(
    rf"\b{_BY_POST}\b[^?]{{0,40}}\bor\b[^?]{{0,25}}\b{_BY_LINK}\b|"
    rf"\b{_BY_LINK}\b[^?]{{0,40}}\bor\b[^?]{{0,25}}\b{_BY_POST}\b|"
    r"\b(is|will) (it|this|that|this one|that one) (be )?(a |an )?(paper|postal|online)\b"
)


def sees_dates(text: str) -> bool:
    """Whether a question asks how to see a ballot's dates ("how do I check the key dates
    through the bot?"): a way to see them, not one of them."""
    return bool(_SEE_DATES.search(normalise(text)))


def asks_mode(text: str) -> bool:
    """Whether a question asks if a ballot is by post or online."""
    return bool(_MODE.search(normalise(text)))


# One way of voting, asked of a ballot yes or no: "is the group one by post too?", "can I do
# the NEC one online?", "group vote from my phone?", "will I get something in the post?".
_WAY = (
    r"(by post|postal|by e-?mail|(?<!eballot )online|electronically|"
    r"(on|from|using|with) (my|a|the|your) (phone|mobile|computer|laptop|pc|tablet)|"
    r"(on|via|through) (this|the|a) (bot|app|website|site)|"
    r"(something|anything|a paper|papers|a pack|packs) (\w+ )?(in|through) the "
    r"(post|door|letterbox))"
)
_ONE_WAY = re.compile(
    r"\b(vote|voting|votes|ballot|ballots|elections?|(the|that|this|my|our) (\w+ ){0,3}one|"
    r"cast)\b[^?.]{0,25}"
    rf"\b{_WAY}(?! (since|from|on|until|till|by|before)\b)|"
    # "can i do president vote here in the bot": voting itself in the chat
    r"\b(vote|voting|cast)\b[^?.]{0,12}\b(here )?in (this|the|a) (bot|app|chat)\b"
)
# "How do I vote in the group one? nothing's come through the door": a way asked of a ballot
# held another way than the member expects.
_HOW_VOTE = re.compile(
    r"\bhow (do|does|will|would|can|could|should|to)( i| we| you| u| members| people| one)?"
    r"( actually| even)? (vote|cast)\b"
)
_WAY_SAID = re.compile(
    r"\b(post|posted|postal|paper|papers|through the door|letterbox|website|web site|a form)\b"
)


_EMAILED = re.compile(r"\b(e-?mails?|links?)\b")
# The slots a way asked may come with: the day to post by, a pack or a paper to come.
_WAY_SLOTS = frozenset({None, "posting", "replace", "pack"})


def asks_way(text: str, want: Intent) -> bool:
    """Whether a question about the ballots it names asks one way of voting in them, yes or
    no, or asks how to vote in an online one and names a way ("is there a website or a form?",
    "nothing's come through the door"), which the ballot's kind answers (an email not come is
    a fault: `missing_email`)."""
    if not want.ballots or want.slot not in _WAY_SLOTS:
        return False  # ("can I still vote online?" asks whether it is open)
    lowered = normalise(text)
    if _SEE_DATES.search(lowered):
        return False  # "… through the bot": a way to see the dates, none to vote
    if _NOT_COME.search(lowered) and _EMAILED.search(lowered):
        return False  # an email or a link not come: a fault (`missing_email`)
    if _ONE_WAY.search(lowered):
        return True
    online = all(not k.ballot.kind.postal for k in want.ballots)
    return online and bool(_HOW_VOTE.search(lowered) and _WAY_SAID.search(lowered))


_BACK_TO_IT = re.compile(r"\b(they|them|those|these|it)\b")


# A paper the member has sent back: what is asked to arrive after it is that paper, not a pack.
_SENT_OFF = re.compile(r"\b(posted|sent)\b(?! (out|to (me|us|my|our|you)))")
# (its arriving still to come: "did it arrive?" asks whether it got there, the organisers')
_TO_COME = re.compile(r"\b(will|would|should|shall|gonna|going to|itll|itd|make it)\b")


_PACK_SAID = re.compile(r"\b(packs?|papers?|emails?|links?|arriv\w*|post\w*|door|letterbox)\b")


def asked_slot(text: str) -> str | None:
    """The slot of the clause that asks ("I only joined in February… when do the papers get
    sent out?": the opening), if it names one of its own; else the whole question's."""
    if _JOIN_TO_VOTE.search(normalise(text)):
        return "join"
    clause = asking_clause(text)
    found = slot_of(clause) if clause is not None else None
    whole = slot_of(text)
    if whole in ("result", "opening") and clause is not None and _BACK_TO_IT.search(clause):
        return whole  # "the results, have they been put out yet?": what "they" are
    if whole == "result" and found in ("pack", "status") and not _PACK_SAID.search(clause or ""):
        return whole  # "whats the turnout in the nec election, any idea yet": the result
    if (
        found == "pack"
        and whole == "posting"
        and _SENT_OFF.search(normalise(text))
        and _TO_COME.search(normalise(clause or ""))
    ):
        return whole  # "sent mine off yesterday. will it arrive ok?": the paper posted back
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


# "Will it still count?", "is mine ok?": whether it is in time, not a count or a topic.
_VALID = re.compile(
    r"\b(will|would|does|do|did|is|it) (it|mine|that|my \w+) (still )?(count|valid|ok|okay|"
    r"alright|be ok|be fine|be counted)\b"
)
# The slots a message of nothing but their own words asks of a ballot ("posting today?",
# "closing date?"); not joining, a result or "when" alone.
_TERSE = frozenset({"status", "posting", "close", "opening", "pack", "replace"})
_MOMENTS = frozenset(
    stem(w)
    for w in "today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday "
    "weekend".split()
)


def intent(text: str, stems: Sequence[str], known: Sequence[Known]) -> Intent:
    lowered = normalise(text)
    chosen = named(stems, known, every=bool(_COMPARE.search(lowered)))
    about = bool(chosen) or bool(_BALLOT_WORDS.search(lowered))
    slot_words = {
        stem(w)
        for p in (*(p for _, p in SLOTS), _VALID)
        for m in p.finditer(lowered)
        for w in m.group().split()
    }
    if not about and slot_of(text) in _TERSE and set(stems) <= slot_words | _MOMENTS:
        about = True  # "did I miss it?", "posting today ok?": nothing but a ballot's moment
    live = about and not _COMMAND_WORDS.search(text.lower()) and not _INSTEAD.search(lowered)
    live = live and not _SEE_DATES.search(lowered)
    slot = asked_slot(text) if live else None
    if slot == "status" and _OVER.search(asking_clause(lowered) or lowered):
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
    owners = {w[:-1] for w in lowered if w.endswith("s")}  # "unison's ballot", apostrophe gone
    if (lowered | owners) & OTHER_UNIONS:
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
) | frozenset(w for w in CHATTER if not re.search("[aeiouy]", w))  # "wtf", "ffs", "ngl"


_POSTAL = re.compile(
    r"\b(papers?|packs?|post|posted|posting|postal|envelope|stamp|letterbox|letter box|"
    r"through the door)\b"
)
_ONLINE = re.compile(r"\b(emails?|online|e-?ballot|eballot|link)\b")


# "I've had an email with a link to vote, is that the NEC one?": a link that came is an online
# ballot's, whichever postal ballot the member guesses it is for.
_LINK_CAME = re.compile(
    r"\b(had|got|received|receive|been sent|sent me|come|came|arrived)\b[^?.]{0,25}"
    r"\b(e-?mails?|links?)\b|\b(e-?mails?|links?)\b[^?.]{0,15}\b(came|come|coming|arrived|"
    r"arrive|due)\b"
)


def link_came(text: str, ballots: Sequence[Known], known: Sequence[Known]) -> list[Known]:
    """For a message that says an email or a voting link came and names only postal ballots,
    the ballots it is about: those named, then the online ones the link is for."""
    lowered = normalise(text)
    if not _LINK_CAME.search(lowered) or _MISSING.search(lowered) or not ballots:
        return []
    if any(not k.ballot.kind.postal for k in ballots):
        return []
    online = [k for k in known if not k.ballot.kind.postal]
    return [*ballots, *online] if online else []


def by_kind(text: str, slot: str, ballots: list[Known]) -> list[Known]:
    """A paper, a pack or posting means the postal ballots; an email or a link, the online
    ones ("my email with the voting link never came" is no postal pack gone missing)."""
    lowered = normalise(text)
    postal = [k for k in ballots if k.ballot.kind.postal]
    online = [k for k in ballots if not k.ballot.kind.postal]
    said_postal, said_online = _POSTAL.search(lowered), _ONLINE.search(lowered)
    if said_online and said_postal and _COMPARE.search(lowered):
        return ballots  # "the online one compared with the postal one": both
    if online and said_online and not said_postal:
        return online
    if postal and (slot in ("posting", "replace") or said_postal):
        return postal
    return ballots


# "Are the group exec and the NEC elections the same ballot?": two ballots or one, which their
# kinds (one by post, one online) and closes tell.
_SAME = re.compile(
    r"\b(the same|one and the same|separate|different|two different)\b (\w+ )?"
    r"(ballots?|votes?|elections?|things?|ones?)\b"
)


def asks_same(text: str, stems: Sequence[str], known: Sequence[Known]) -> tuple[Known, ...]:
    """The ballots a question asks are one or separate, when it names two or more."""
    if not _SAME.search(normalise(text)):
        return ()
    both = named(stems, known, every=True)
    return both if len(both) > 1 else ()


def in_order(text: str, ballots: list[Known]) -> list[Known]:
    """Ballots set side by side ("which closes first?"), the first to close first."""
    if not _COMPARE.search(normalise(text)):
        return ballots
    return sorted(ballots, key=lambda k: k.ballot.closes_at)


# "Is there any vote still open? I've done my NEC one", "anything else still on?", "which
# vote is still open, the NEC's done?", "is there another election I can still vote in?":
# whether any ballot is open, whichever the member names as done.
_ANY_OPEN = re.compile(
    r"\b(any|anything|other|others|else)\b[^?.]{0,30}\b(still )?(open|on|running|going on|live)\b|"
    rf"\b(which|what)\b (\w+ ){{0,2}}(ballots?|votes?|elections?|polls?) (is |are )?{_ON}|"
    r"\b(other|others|another|else|any (\w+ ){0,2}(ballots?|votes?|elections?|polls?))\b[^?.]{0,40}"
    r"\b(i|we|you) (can |could )?still (vote|do|take part|have a say)\b|" + _ANYTHING
)


def asks_any_open(text: str) -> bool:
    return bool(_ANY_OPEN.search(normalise(text)))


def which(
    chosen: Sequence[Known], known: Sequence[Known], now: datetime, every: bool = False
) -> list[Known]:
    """The ballots named, or else the open ones, or the next (`every`: all those coming,
    when ballots are asked of in the plural), or the last to close."""
    if chosen:
        return list(chosen)
    coming = sorted((k for k in known if now < k.ballot.opens_at), key=lambda k: k.ballot.opens_at)
    done = sorted(known, key=lambda k: k.ballot.closes_at, reverse=True)
    return open_now(known, now) or (coming if every else coming[:1]) or done[:1]


# Ballots asked of in the plural: "what ballots are coming up", "how many elections are there
# this year", "any votes coming up?".
_SEVERAL = re.compile(r"\b(ballots|elections|votes|polls)\b|\bhow many (ballot|election|vote|poll)")


def several(text: str) -> bool:
    return bool(_SEVERAL.search(normalise(text)))


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
