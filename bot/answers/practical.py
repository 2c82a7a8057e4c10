"""Practical matters a passage near in words cannot settle: the hours of a service ("what time
does the helpline open on a bank holiday?") answered with a ballot's times; a room or a
noticeboard at work ("are we allowed to use the meeting room?") answered with a meeting's
decision; standing for a post ("can I stand for the branch committee?"), which the content
never says how to do; a body the member says is not on the list, or asks the group of by a
name the content never uses ("which group is hmpps in?"); an online vote's email not come and
what to do asked ("got no email, checked spam, what now?"), where the content says only when
it comes. Each is handed to the organisers (`unheld.unheld`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from bot.answers.text import STOP, stem, words

# The hours of a service: "what time does the helpline open", "opening hours of the office",
# "is the membership team open on Saturdays" (not a ballot's: "what time does voting close").
_SERVICE = (
    r"(helpline|help line|phone line|advice line|hotline|switchboard|reception|office|"
    r"offices|membership team|member services|membership services|canteen|hub|shop)"
)
_HOURS = re.compile(
    r"\b(what time|when|what hours|how late|how early|until when|till when|what days) (does|do|"
    rf"is|are|will|would)( the| your| our| its| a)?( \w+){{0,3}} {_SERVICE}s?\b[^?.]{{0,25}}"
    r"\b(open|opens|close|closes|shut|shuts|staffed|manned|available)\b|"
    rf"\b{_SERVICE}s?\b[^?.]{{0,30}}\b(opening|office|working) (hours|times)\b|"
    rf"\b(opening|office|working) (hours|times)\b[^?.]{{0,30}}\b{_SERVICE}\b|"
    rf"\b(is|are) (the |your |our )?{_SERVICE}s? (\w+ )?(open|staffed|manned)\b"
)


_SERVICE_WORD = re.compile(rf"\b{_SERVICE}\b")


def _unnamed(asked: re.Match[str] | None, thing: re.Pattern[str], reply: str) -> bool:
    """Something asked of (the first of `thing` in what was asked) that the reply never names."""
    named = thing.search(asked.group()) if asked else None
    return named is not None and stem(named.group().split()[-1]) not in {
        stem(w) for w in words(reply)
    }


def hours_unsaid(lowered: str, reply: str) -> bool:
    """The hours of a service asked, and the reply does not name that service."""
    return _unnamed(_HOURS.search(lowered), _SERVICE_WORD, reply)


# A room, a noticeboard or the like at work, asked to be used ("are we allowed to use the
# meeting room at lunch?", "can you book me a room?"): the employer's or the branch's to say.
_FACILITY = (
    r"(room|rooms|hall|noticeboard|notice board|intranet|printer|photocopier|canteen|"
    r"car park|desk|kitchen|staff room|email system|work email)"
)
_USE_ASKED = re.compile(
    r"\b(can|could|may|will|would) (i|we|you|u|someone|reps?|the branch|our branch)( \w+)? "
    rf"(use|book|borrow|hire|reserve|have|get|put (something |a poster |posters )?(up )?on)\b"
    rf"[^?.]{{0,25}}\b{_FACILITY}\b|"
    r"\b(allowed|permitted|ok|okay|able) to (use|book|borrow|hire|reserve|put (\w+ )?(up )?on)\b"
    rf"[^?.]{{0,25}}\b{_FACILITY}\b|"
    # which room a meeting is in ("what room is our branch meeting in on Wednesday?")
    r"\b(what|which) (room|hall|venue)\b"
)
_FACILITY_WORD = re.compile(rf"\b{_FACILITY}\b")


def facility_unsaid(lowered: str, reply: str) -> bool:
    """A room or a noticeboard at work asked to be used, and the reply does not name it."""
    return _unnamed(_USE_ASKED.search(lowered), _FACILITY_WORD, reply)


# Standing for a post oneself, or being nominated ("can I stand for the branch committee?",
# "how do I become a rep?", "how do nominations work?"): the content names those standing in
# its elections, never how one comes to stand (not "what does PSSEC stand for").
_STANDS = re.compile(
    r"\b(can|could|may|should|do|would|will|shall) (i|we|a member|members|someone|anyone)"
    r"( still| also| even| actually)? (stand|run) (for|as|in)\b|"
    r"\b(i|we|im|id|ive)( \w+)? (want|wanna|would like|like|fancy|plan|planning|intend|hope|"
    r"thinking|considering)( to| of| about)? (stand|standing|run|running) (for|as)\b|"
    r"\bhow (do|can|would|could|does) (i|we|you|u|one|a member|someone|anyone) (go about )?"
    r"(stand|standing|run|running|get nominated|be nominated|getting nominated|become a "
    r"(candidate|rep|steward|delegate))\b|"
    r"\b(want|wanna|like|thinking of|how (do|can|would|could) (i|we|you|one))( to)? becom\w* "
    r"(a |an )?(candidate|rep|steward|workplace rep|delegate)\b|"
    r"\b(get|be|being|getting) nominated\b|\bnominations?\b|\bnominate (a|my|me|myself|someone)\b"
)
_NOMINATION_SAID = re.compile(r"\bnominat\w*\b", re.IGNORECASE)


def standing_for(lowered: str) -> bool:
    """Standing for a post, or a nomination, asked (the reply is not looked at: it can be
    the neutral line, which names those standing, never how to stand)."""
    return bool(_STANDS.search(lowered))


def stand_unsaid(lowered: str, reply: str) -> bool:
    """Standing for a post asked, and the reply says nothing of nominations."""
    return standing_for(lowered) and not _NOMINATION_SAID.search(reply)


# A body the member says the list does not hold ("which group is hmpps in, its not on your
# list"), or asks the group or branch of by a name the content never uses.
_NOT_LISTED = re.compile(
    r"\b(not|isnt|arent|wasnt|werent|never) (on|in) (your|the|ur|this|that) (list|lists|"
    r"options)\b|\b(isnt|arent|not|wasnt|werent) (listed|included|mentioned)\b|"
    r"\bmissing from (your|the|ur) list\b|\bleft off (your|the|ur) list\b"
)
_BODY_WORDS = re.compile(r"\b(group|groups|branch|branches|department|dept|employer|office|body)\b")
_GROUP_OF = re.compile(
    r"\b(which|what) (group|branch|sector|department) (is|does|would) "
    r"(?P<x>[a-z0-9&' ]+?) (in|under|part of|belong\w*|come under|comes under|fall under|sit in|"
    r"go under|be in)\b"
)
_POINTING = frozenset("that this it they them we i im you he she there one mine ours my".split())


_LEADING = re.compile(r"^((the|a|an|our|my|your) )+")
_TRAILING = re.compile(r"( (branch|branches|group|staff|people|members|workers|lot))+$")


def _names_unheld(name: str, held: str) -> bool:
    """Whether a body's name (its words in a row, without "the" or "branch") is not in the
    content's text (`held`, normalised): "the met office" is not, though "met" and "office"
    are each words of it."""
    if set(name.split()) & _POINTING:
        return False  # ("which group is that in", "which branch do you think I'm in")
    named = _TRAILING.sub("", _LEADING.sub("", name.strip()))
    if not [w for w in words(named) if w not in STOP]:
        return False
    said = _WORD.findall(named)
    pairs = _pairs_of(held)
    return not (set(said) <= pairs[0] and set(pairwise(said)) <= pairs[1])


_WORD = re.compile(r"[a-z0-9&]+")


@lru_cache(maxsize=8)
def _pairs_of(held: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The content's words and each two in a row, read once for each text (searching a
    megabyte of it for each name asked took 50 ms)."""
    said = _WORD.findall(held)
    return frozenset(said), frozenset(pairwise(said))


def listed_unheld(lowered: str, held: str) -> bool:
    """A body said not to be on the list, or asked the group of by a name the content
    (`held`, normalised; none checked when empty) never uses."""
    if _NOT_LISTED.search(lowered) and _BODY_WORDS.search(lowered):
        return True
    asked = _GROUP_OF.search(lowered)
    return asked is not None and bool(held) and _names_unheld(asked.group("x"), held)


# An online vote's email or link not come, and what to do asked ("got no email for the group
# vote and checked spam, what now?", "never got my link, who do I chase?"): the content says
# when the email comes, never what to do when it does not (unless the reply says whom to ask).
_NO_EMAIL = re.compile(
    r"\b(got|had|received|get|have) no (\w+ ){0,3}(email|link|code)s?\b|"
    r"\bno (\w+ ){0,3}(email|link)s?( \w+){0,4} (has |have )?(come|came|arrived|turned up|"
    r"landed)\b|"
    r"\b(never|not|havent|hasnt|didnt|still not|still havent)( yet)? (got|get|had|received|"
    r"come|came|arrived|turned up|landed)\b[^?.]{0,40}\b(email|link)s?\b|"
    r"\b(email|link)s?\b[^?.]{0,40}\b(never|not|hasnt|havent|didnt|still not)( yet)? (come|came|"
    r"arrived|turned up|come through|landed|got here)\b"
)
_WHAT_NOW = re.compile(
    r"\bwhat (now|next)\b|\bwhat (do|should|can|shall|must) (i|we) (do|try)\b|"
    r"\bwho (do|should|can|shall) (i|we) (chase|contact|ask|tell|speak to|talk to|ring|call|"
    r"email|go to)\b|\b(resend|re-send|send (it|me|one|them) (again|another)|send again)\b|"
    r"\bhow (do|can|would) (i|we) get (it|one|another|a new)\b"
)
_MENDED = re.compile(
    r"\b(resend|re-sent|contact|helpline|ask for|replacement|branch secretary|membership team)\b",
    re.IGNORECASE,
)


def email_unsaid(lowered: str, reply: str) -> bool:
    """An online vote's email or link not come and what to do asked, and the reply names no
    one to ask or way to get it."""
    return bool(
        _NO_EMAIL.search(lowered) and _WHAT_NOW.search(lowered) and not _MENDED.search(reply)
    )


def practical_unsaid(lowered: str, reply: str, held: str) -> bool:
    """Any of the above (`held`: the content's text, normalised, for the names of bodies)."""
    return (
        hours_unsaid(lowered, reply)
        or facility_unsaid(lowered, reply)
        or stand_unsaid(lowered, reply)
        or listed_unheld(lowered, held)
        or email_unsaid(lowered, reply)
    )
