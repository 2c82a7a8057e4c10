"""The kind of fact a question asks for, and the kinds a reply can answer.

A question asks for one or more kinds: a date or a time, a place (where a paper goes, a
page), a method (how, what to do), a reason or a purpose (why, what for), a duration (how
long a term lasts), a person, the way a ballot is held (by post or online, to home or work).
A reply holds the kinds it can answer: a ballot's dates hold a date, and nothing of where a
paper goes or what a committee is for. A reply that is on the topic but holds none of the
kinds asked is the right topic with the wrong fact: the bot answers from another passage
that holds one, or hands off.
"""

from __future__ import annotations

import re

from bot.answers.memo import of_question
from bot.answers.text import STOP, asking_clause, normalise, words

CONTACT = "contact"
PLACE, DESTINATION, METHOD, SENDING, PURPOSE, DURATION, MODE, COMMAND_NAME = (
    "place",
    "destination",
    "method",
    "sending",
    "purpose",
    "duration",
    "mode",
    "command name",
)
# Any word of time in the question: it may be answered by a date ("where do I find out when
# it closes?" asks the close, whatever comes first).
_TIMED = re.compile(
    r"\b(when|whens|date|dates|deadline|day|days|time|till|until|by when|how soon|still|yet|"
    r"late|too late|early|open|opens|close|closes|closed|today|tomorrow|tonight|now|"
    r"(mon|tues|wednes|thurs|fri|satur|sun)day|weekend|week|month|left|in time|first|last)\b"
)
# "Where will my paper be sent?", "where do they post the papers?": a place, not the day.
_WHERE = re.compile(r"\bwheres?\b(?! (do|can|could|should|would) (i|we) (find|see|check|look)\b)")
# "Home or work?", "to the house or the office?": where a paper goes.
_WHICH_PLACE = re.compile(
    r"\b(home|house|flat|work|office|workplace)\b[^?.]{0,25}\bor\b[^?.]{0,25}"
    r"\b(home|house|flat|work|office|workplace)\b"
)
# "Will it come to the house?", "where do they send the papers?": where a paper goes ("where
# does the link come from?" asks where it comes from: the email, not a destination).
_DESTINATION = re.compile(
    r"\b(come|comes|coming|go|goes|going|sent|send|delivered|posted|post|arrive)\b[^?.]{0,15}"
    r"\b(to|at) (the|my|her|his|your|our|their|me at) (house|home|work|office|workplace|"
    r"address)\b|"
    r"\bwhere (will|does|do|is|are|did|would) (my|the|our|her|his|their|they|it)\b[^?.]{0,40}"
    r"\b(sent|send|go|goes|delivered|posted|post|arrive|come)\b(?! from\b)"
)
# "When was the meeting?", "what time is the count?", "when do nominations open?": the date
# of another thing than the ballot's papers, voting and close, which its dates do not hold.
_OTHER_EVENT = re.compile(
    r"\b(meetings?|met|hustings|nominations?|nominate|count|counting|reminders?|conference|"
    r"agms?|reports?|term|terms|actions?|action|rally|training)\b"
)
_WHEN_ASKED = re.compile(r"\b(when|whens|what time|what date|which day|what day|by when)\b")
# "What is the PSSEC for?", "what's the point of…", "why…": a purpose or a reason. Not
# what a name stands for, nor what someone is asking or standing for.
_FOR = re.compile(
    r"\b(what|wot|wat)(s| is| are| was| were)( the| a| an| this| that| our| your)?"
    r"(?P<thing>( [a-z0-9']+){1,5}?)"
    r"( actually| even| really| exactly| meant to be| supposed to be)? for\b"
    r"(?=\s*($|[?!.,;:-]|(in|exactly|actually|really|then|anyway|even|again|and|though|tho|"
    r"lol|lmao|haha|tbh|pls|please|mate)\b))|"
    r"\bwhat(s| is| are) the (point|purpose|role|job|aim|aims) of\b|\bwhy\b|"
    # "what is its job?", "what's their role": the same, of a thing named before
    r"\bwhat(s| is| are) (its|their) (point|purpose|role|job|aim|aims|remit|function)\b|"
    # "someone asked me what the PSSEC is actually for": the same, asked inside what is told
    r"\bwhat (the|a|an|this|that|our|your)(?P<told>( [a-z0-9']+){1,4}?) (is|are|was|were)"
    r"( actually| even| really| exactly| meant to be| supposed to be)? for\b"
    r"(?=\s*($|[?!.,;:-]|(in|exactly|actually|really|then|anyway|even|again|and|though|tho|"
    r"lol|lmao|haha|tbh|pls|please|mate)\b))"
)
_NOT_PURPOSE = re.compile(r"\b(stand|stands|\w+ing|called)\b")
_WHICH = re.compile(r"\bwhich (positions|posts|roles|seats|jobs)\b")
# "What do I do with it?", "what now?": a way to act.
_WHAT_DO = re.compile(
    r"\bwhat (do|should|can) (i|we) (actually )?do\b|\bwhat now\b|"
    # "what am I supposed to do with it?", "what are we meant to do once it comes?"
    r"\bwhat (am i|are we|are you|is one) (actually |really )?(supposed|meant|expected|required|"
    r"meant) to do\b|\bhow (do|does|can|should) "
    r"(i|we|you|one) (\w+ ){0,2}(fill|vote|mark|use|send|return|do)\b|"
    # "could you explain how a postal ballot works?": how it is done, asked inside a request
    r"\b(explain|tell me|show me|know|understand) (\w+ ){0,3}how (a|the|my|this|that|an|postal|"
    r"online) (\w+ ){0,2}(ballots?|votes?|voting|elections?) works?\b"
)
# "How long is the president's term?": how long something lasts, not how long is left.
_HOW_LONG = re.compile(
    r"\bhow long (is|are|does|do|will|would) (the |a |an |their |his |her |each )?(\w+'?s? )?"
    r"(term|terms|tenure|stint|post|role|job|office|count|meeting|conference)\b"
)
# "Recorded delivery?", "do I need a stamp?", "first class?": how it is sent, which no
# ballot's date says.
_HOW_SENT = re.compile(
    r"\b(recorded|signed for|first class|second class|stamps?|postage|tracked|courier)\b"
)
# "Which one is post and which online?", "post or online?": the way a ballot is held.
_MODE = re.compile(
    r"\b(post|postal|paper)\b[^?.]{0,20}\bor\b[^?.]{0,20}\b(online|email|link|app)\b|"
    r"\b(online|email|link|app)\b[^?.]{0,20}\bor\b[^?.]{0,20}\b(post|postal|paper)\b|"
    r"\bwhich (one )?is (by )?(post|postal|online)\b|"
    r"\bthought (that|it) was (by post|postal|online)\b"
)


# "What do I type as the branch name when subscribing?": the name commands use (dwp-leeds).
_COMMAND_NAME = re.compile(
    r"\b(branch|group)s? name\b[^?.]{0,60}\b(type|subscrib\w*|channel|command|use|put|enter)\b|"
    r"\bwhat (do|should|would) (i|we) (type|put|enter|use)\b[^?.]{0,30}\bname\b|"
    r"\bname (i|we) (should |need to |have to )?(type|use|put|enter)\b"
)


# "Who do I phone for a new one?", "what number do I ring?", "who to contact": someone to
# reach, which no date holds.
_CONTACT = re.compile(
    r"\bwho ((do|should|can|could|would|will|must) )?(i|we|you|u|they|members?|people) (\w+ )?"
    r"(phone|ring|call|contact|email|e-mail|text|write to|speak to|talk to|get in touch with|"
    r"ask|go to)\b|\bwho to (phone|ring|call|contact|ask|speak to|talk to|email|go to)\b|"
    r"\b(phone|telephone|contact|helpline) (number|no|details)\b|\bwhat number\b|"
    r"\bnumber (to|i|we) (call|ring|phone)\b|"
    # "there is helpline?", "is there a number?": someone to reach, asked in a few words
    r"\b(is there|there is|theres|any) (a |an )?(helpline|help line|phone line|hotline|number)\b"
)
# "Does the bot keep my name or phone number?", "my email and mobile number": the member's own
# details listed, not a number to ring.
_OWN_NUMBER = re.compile(
    r"\bmy ((full |real |home |email )?(names?|emails?|e-mails?|address|addresses|details|data)"
    r",? (or |and |& )?){1,3}(phone|telephone|mobile|contact) (number|no)\b"
)


def without_own_number(question: str) -> str:
    """The question (normalised) without a phone number said to be the member's own."""
    return _OWN_NUMBER.sub("my details", question)


# Someone to reach, in a passage.
_HOLDS_CONTACT = re.compile(
    r"\b(contact|helpline|phone|ring|call|email|secretary|membership team|organisers?)\b",
    re.IGNORECASE,
)


_SAYS_WHAT_TO_DO = frozenset({"replace", "pack", "posting"})
# A pack's date and the posting day say what to do only about a problem ("not come yet,
# what do I do?", "posted late, what now?") or, for the posting, the time left: "got my paper,
# what do I do with it, post it back?" asks how to vote, which no day says.
_ONLY_IF_WRONG = frozenset({"pack", "posting"})


@of_question  # (asked of each question several times: live, passages, the vote)
def asked(question: str) -> frozenset[str]:
    """The kinds of fact the question asks for, besides a date; empty when it asks for one,
    or for nothing a date could not answer."""
    q = normalise(question)
    found = set()
    if _WHERE.search(q) or _WHICH_PLACE.search(q):
        found.add(PLACE)
    if _WHICH_PLACE.search(q) or _DESTINATION.search(q):
        found.add(DESTINATION)
    purpose = _FOR.search(q)
    thing = (purpose.group("thing") or purpose.group("told") or "") if purpose else ""
    if purpose and not _NOT_PURPOSE.search(thing) and not _WHICH.search(q):
        found.add(PURPOSE)
    if _WHAT_DO.search(q):
        found.add(METHOD)
    if _HOW_LONG.search(q):
        found.add(DURATION)
    if _HOW_SENT.search(q):
        found.add(SENDING)
    if _MODE.search(q):
        found.add(MODE)
    if _COMMAND_NAME.search(q):
        found.add(COMMAND_NAME)
    if _CONTACT.search(without_own_number(q)):
        found.add(CONTACT)
    return frozenset(found)


def _gone_wrong(question: str, slot: str) -> bool:
    """Whether a question about a pack or the posting speaks of a problem, or (the posting)
    of the time left ("forgot to post it, it closes tomorrow, what do I do?")."""
    if reports_problem(question):
        return True
    return slot == "posting" and bool(_TIMED.search(normalise(question)))


def dates_answer(question: str, slot: str | None = None) -> bool:
    """Whether a ballot's dates can answer the question: it asks for a date or a time, or for
    nothing else a date could not answer ("where will my paper be sent?" asks a place,
    "what is the PSSEC for?" a purpose, "which is by post?" the ballot's kind). A missing
    pack's or a replacement's reply says what to do as well as by when."""
    kinds = asked(question) - {CONTACT}  # (whom to reach is said after the date: a companion)
    if slot in _SAYS_WHAT_TO_DO and (slot not in _ONLY_IF_WRONG or _gone_wrong(question, slot)):
        kinds -= {METHOD}  # (not "once my paper comes, what do I do with it?": nothing wrong)
    if slot == "join" and _NO_VOTE.search(normalise(question)):
        kinds -= {PURPOSE}  # "joined on 3 April, told I can't vote: why?": the join-by says why
    clause = asking_clause(question)
    if clause is None or (not set(words(clause)) - STOP and _WHETHER.search(normalise(question))):
        clause = normalise(question)  # "… whether we need a stamp. Do we?": the rest asks
    if _WHEN_ASKED.search(clause) and _OTHER_EVENT.search(clause):
        return False
    if not _HOW_SENT.search(clause):
        kinds -= {SENDING}  # "posted it first class today, will it still count?": told, not asked
    if not kinds:
        return True
    if kinds & {DURATION, MODE, DESTINATION, SENDING}:
        return False
    return bool(_TIMED.search(_TOLD_WHEN.sub(" ", clause)))


# Told that one cannot vote, a joiner asking why: the join-by date is the reason.
_NO_VOTE = re.compile(
    r"\b(cant|cannot|can not|not allowed to|not able to|wont be able to|wont get to|"
    r"dont get to|wont|dont|not) (\w+ )?(vote|get a vote|have a vote|get a say|have a say)\b"
)


# "We were debating whether it needs a stamp. Does it?": a question asked inside what is told,
# which the small clause after it only points back to.
_WHETHER = re.compile(r"\b(whether|if)\b")
# "What do I do with it when it's here?", "once my paper comes": when the member will act,
# told, not a time asked.
_TOLD_WHEN = re.compile(
    r"\b(when|once|as soon as|after) (it|its|it's|i|im|ive|my|we|our|the|they|theyre|you|your)\b"
    r"[^,?.;]*"
)


# What a passage holds, read once when the index is built.
_HOLDS_DESTINATION = re.compile(
    r"\b(home|house|address|addresses|workplace|work address|office)\b|"
    r"\b(goes|go|went|sent|posted|comes|delivered|passed|referred) (back )?to\b",
    re.IGNORECASE,
)
_HOLDS_PURPOSE = re.compile(
    r"\b(to [a-z]+|so that|in order|aims?|objectives?|purpose|role|responsib\w*|champion\w*|"
    r"represent\w*|negotiat\w*|campaign\w*|defend\w*|protect\w*|improv\w*|influenc\w*|"
    r"raise|grow|build|deals? with|looks? after|brings?|helps?|lets?|gives?|works? (on|for|with)|"
    r"what we want|reform\w*|so (that|members|you|we))\b",
    re.IGNORECASE,
)
_HOLDS_DURATION = re.compile(
    r"\b(19|20)\d\d\s*[–-]\s*\d\d\b|\b(run|runs|last|lasts) (for|until|till)\b|"
    r"\b(\d+|one|two|three|four|five|six|a) (minutes?|hours?|days?|weeks?|months?|years?)\b|"
    r"\b(annual|annually|yearly|every (year|two years|month))\b",
    re.IGNORECASE,
)
# An action for the member: a sentence that tells them to do something, or says how.
_HOLDS_METHOD = re.compile(
    r"(^|[.:;,!?]\s+|\bthen\s+)(sign|type|tell|ask|contact|post|fill|mark|seal|open|add|send|use|"
    r"join|hold|vote|follow|press|update|check|read|come|talk|speak|email|ring|call|share|print|"
    r"put|get|go|find|make|bring|invite|recruit|organise|write|attend|keep|start|stop|reply|"
    r"mention|return|request)\b|\b(you can|you should|you need to|how to|what you can do|"
    r"to do this|by typing)\b|(^|\s)/\w+",
    re.IGNORECASE,
)
_HOLDS_COMMAND_NAME = re.compile(r"(^|\s)/\w+ [a-z0-9]+(-[a-z0-9]+)+\b")
_NEEDS = {
    DESTINATION: _HOLDS_DESTINATION,
    PURPOSE: _HOLDS_PURPOSE,
    DURATION: _HOLDS_DURATION,
    COMMAND_NAME: _HOLDS_COMMAND_NAME,
    METHOD: _HOLDS_METHOD,
}


# A passage whose heading says it is the purpose ("purpose", "What we want"): what a thing
# is for, said first among passages that only hold a purpose somewhere in their words.
STATED_PURPOSE = "stated purpose"
_PURPOSE_HEADING = re.compile(r"\b(purpose|what we want|aims?)\b", re.IGNORECASE)


def held(text: str, heading: str = "", asked: str = "") -> frozenset[str]:
    """The kinds, of those a passage must hold to be said (`needed`), that its text (and its
    heading: "What we want", "purpose") holds; `asked`, an FAQ entry's own question ("How do
    I get a replacement paper?" is for a problem)."""
    said = f"{heading} {text}"
    found = {kind for kind, holds in _NEEDS.items() if holds.search(said)}
    if answers_problem_only(text) or _LOST_OR_SPOILT.search(normalise(asked)):
        found.add(REMEDY)
    if _PURPOSE_HEADING.search(heading):
        found.add(STATED_PURPOSE)
    if _HOLDS_CONTACT.search(text):
        found.add(CONTACT)
    return frozenset(found)


_SLUG = re.compile(r"(?<=\s)/\w+ (?P<name>[a-z0-9]+(-[a-z0-9]+)+)\b")


def names_asked(question: str, text: str) -> bool:
    """For "what do I type as the branch name for DWP Glasgow?", whether the name the text
    gives in a command is that branch's (dwp-glasgow, not the example dwp-leeds)."""
    said = set(words(question))
    return any(set(m.group("name").split("-")) <= said for m in _SLUG.finditer(text))


# "If your pack has not arrived, or you have spoilt your paper, ask for a replacement": a
# passage for a problem, which answers only a question that reports one ("what do I do with
# my paper when it comes?" reports none).
REMEDY = "remedy"
_IF_PROBLEM = re.compile(
    r"^If (your|you|a|the)\b[^.;]{0,120}\b(not (arrived|come|been received)|spoil\w*|lost|"
    r"missing|damaged|wrong|went to)\b",
    re.IGNORECASE,
)
_PROBLEM = re.compile(
    r"\b(replac\w*|spoil\w*|lost|losing|lose|missing|damag\w*|wrong|ruin\w*|torn|ripped|"
    r"chew\w*|spil\w*|binned|bin|destroyed|mistake\w*|new one|another( one| paper| pack)?|"
    r"(not|never|nt) (\w+ )?(arrived|arrive|come|came|turned up|got|had|received|here)|"
    r"hasnt|havent|didnt|no (\w+ ){0,2}(paper|pack)s?|nothing|still waiting|old address|moved|"
    r"problem|issue|late|yet)\b"
)


# An FAQ entry asked about a paper lost, spoilt or not come.
_LOST_OR_SPOILT = re.compile(
    r"\b(replac\w*|spoil\w*|lost|missing|damag\w*|(not|never) (arrived|come|came))\b"
)


def answers_problem_only(text: str) -> bool:
    """Whether a passage says what to do when something has gone wrong, and nothing else."""
    return bool(_IF_PROBLEM.match(text))


@of_question
def reports_problem(question: str) -> bool:
    """Whether the question speaks of something gone wrong, or not come yet."""
    return bool(_PROBLEM.search(normalise(question)))


def needed(question: str) -> frozenset[str]:
    """The kinds asked that a passage must hold to answer: where a paper goes, what a thing
    is for, how long something lasts. (A date, a person, a count: `checks.fits`.)"""
    return asked(question) & _NEEDS.keys()


# The way of acting a "how do I…" asks for, and the one a passage's own question or heading
# ("How do I stop the ballot reminders?", "How to vote") says: "how do I stop the reminders"
# is not answered by how to tell the bot I voted (which stops them as a side effect), "how do
# members cast their vote" by how to join. Only verbs that name one way of acting each.
_ACTIONS = (
    (
        "stop",
        r"stop\w*|mute|silence|unsubscrib\w*|opt (me )?out|cancel|disable|pause|"
        r"(turn|switch) (\w+ ){0,4}off|get rid",
    ),
    ("vote", r"vote|cast|voting"),
    ("join", r"join|enrol|become (a )?member|sign up"),
    ("tell", r"tell|report|let (\w+ ){1,2}know"),
    ("link", r"link|connect|merge"),
    ("delete", r"delete|erase|remove|wipe|forget"),
    ("sign", r"sign(?! up)"),
    ("ask", r"ask"),
    ("post", r"get (the bot|it|you) to post"),
)
_HOW_ACT = re.compile(
    r"\bhow (do|does|can|could|should|would|to|will)( i| we| you| u| members| a member| people|"
    r" one| they| someone| my \w+)?( actually| just| even| now| then| ever)? "
    r"(?P<act>(turn|switch) (\w+ ){0,4}off|opt (me )?out|get rid|become (a )?member|sign up|"
    r"get (the bot|it|you) to post|"
    r"let (\w+ ){1,2}know|[a-z]+)"
)
_ACTS = tuple((name, re.compile(rf"^({pattern})$")) for name, pattern in _ACTIONS)


def _action(said: str) -> str | None:
    found = _HOW_ACT.search(said)
    if found is None:
        return None
    act = found.group("act")
    return next((name for name, pattern in _ACTS if pattern.match(act)), None)


def action_asked(question: str) -> str | None:
    """The way of acting a "how do I…?" asks for (stop, vote, join, tell, link, delete, sign,
    ask), if its verb names one."""
    return _action(normalise(question))


def action_of(heading: str) -> str | None:
    """The way of acting a passage's own question or heading says how to do, if any."""
    return _action(normalise(heading))


# A way asked that another way never gives: stopping something is not telling, voting,
# joining, linking, signing or asking (though telling the bot you voted stops its reminders
# for that ballot); voting is not joining, telling, linking, signing, stopping or deleting.
# Other pairs may overlap ("how do I let my branch know I signed": the petition's own entry).
_APART = {
    "stop": frozenset({"tell", "vote", "join", "link", "sign", "ask"}),
    "vote": frozenset({"join", "tell", "link", "sign", "stop", "delete", "ask"}),
    # asking the bot something is not having it post a channel's updates
    "ask": frozenset({"post"}),
}


def acts_apart(asked: str, said: str) -> bool:
    """Whether a passage on how to do `said` cannot answer how to do `asked`."""
    return said in _APART.get(asked, frozenset())
