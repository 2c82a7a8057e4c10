"""What a member asks to do through the bot, in words its commands' entries do not use: a
question put to the bot in a channel ("in the slack channel do i @ you?": /ask), and a vote
or a signature told as done with how or whom to tell asked ("posted it this morning, bot
tell how": /voted; "signed it. tell who": /signed).

"Ask", "question" and "tell" are small words to the search (a member "asks" about anything),
so the entries that say how to do these are reached through their commands.
"""

from __future__ import annotations

import re

from bot.answers.text import normalise

_BOT = r"(you|u|the bot|this bot|bot|it)"
_THING = r"((a|any|my|some|our|the) )?(question|questions|qs|stuff|things|something|anything)"
# A question put to the bot: "ask you stuff", "@ the bot", "ask bot question", "asking
# questions", "asking in the slack channel" (the terse form, nothing else asked of it).
_PUT = re.compile(
    rf"(?<![\w/])(ask|asking|message|messaging|dm|dming|@|tag|tagging|mention|mentioning) "
    rf"({_BOT}( a question)?( {_THING})?|{_THING})"
    r"(?= (in|on|from|inside|via|through|directly|privately|there|here|or|then|ok|okay)\b|"
    r"\s*[?.!,]|\s*$)|"
    r"^(asking|questions?) (in|on|from|inside|via) "
)
# Where the question is put, or how, which the entry answers (a direct message, a mention in
# the branch channel, /ask).
_WHERE = re.compile(
    r"\b(channel|channels|group|groups|group chat|chat|slack|telegram|dm|direct message|"
    r"directly|privately|in private|there|here)\b"
)
_HOW = re.compile(
    r"\b(how|where) (do|can|could|should|would|will) (i|we|members|people|you) (\w+ )?$"
)
# What the put question is about, when it names a ballot's date or a fact: that is asked,
# not how to ask it ("can I ask you in the channel when the NEC closes?").
_OF_A_FACT = re.compile(
    r"\b(when|whens|date|dates|close|closes|closing|deadline|who|which|why|vote for|result)\b"
)


def asks_bot(text: str) -> str | None:
    """/ask, for a message that asks how, where or whether to put a question to the bot."""
    lowered = normalise(text)
    put = _PUT.search(lowered)
    if put is None or not (_WHERE.search(lowered) or _HOW.search(lowered[: put.start()])):
        return None
    if _OF_A_FACT.search(lowered[put.end() :]):
        return None
    return "/ask"


# A vote told as done ("posted nec vote on way home", "nec paper finish, posted this morning",
# "voted."), not the bot's or someone else's posting, nor a postal vote signed up for.
_VOTED = re.compile(
    r"(^|[.!?,;]\s*|\b(i|ive|i have|just|already|finally|all|now) )(voted|posted|"
    r"sent (\w+ ){0,3}(off|back)|returned|finished|finish|done|completed|filled (\w+ ){0,2}in)\b"
    r"(?! (up|out|to me|for)\b)"
)
_SIGNED = re.compile(r"(^|[.!?,;]\s*|\b(i|ive|i have|just|already|finally) )signed\b(?! up\b)")
# How or whom to tell it asked, or the mark asked for: "how do i tell you", "bot tell how",
# "tell who", "mark it", "log that" (not whether it arrived: "how can I tell if it got there").
_TELL = re.compile(
    r"\btell\b(?= (you|u|the bot|bot|anyone|anybody|someone|somebody|who|how|my|the|branch|them)\b"
    r"|\s*[?.!,]|\s*$)|\blet (\w+ ){1,2}know\b|"
    r"\b(mark|log|record|register)\b(?= (it|that|this|me|mine)\b)"
)
# The vote or the signature told right after whom to tell: "tell the bot ive done the group
# exec one", "let you know that I've voted" (not "tell you if I've voted", a doubt).
_TOLD_AFTER = re.compile(
    r"\s*(you|u|the bot|bot|the union|my branch|the branch|my rep|them)?\s*(that )?"
    r"(i|ive|i have|weve|we have)( just| already| now| also| finally)? "
    r"(?P<done>voted|posted|returned|finished|done|completed|signed(?! up\b))\b"
)
_ASKED = re.compile(
    r"\b(how|who|whom|where|what)\b|\b(do|should|must|shall|can) (i|we) (\w+ )?(need to )?(tell|"
    r"let|mark|record|log|register)\b|(^|[.!?,;]\s*)(\w+ ){0,2}(mark|log|record|register|tell) "
    r"(it|that|this|me|mine|who|how)\b"
)


def told_done(text: str) -> str | None:
    """/voted or /signed, for a message that tells a vote or a signature done and asks how
    or whom to tell it, or asks for it to be marked."""
    lowered = normalise(text).strip()
    tell = _TELL.search(lowered)
    if tell is None or not _ASKED.search(lowered):
        return None
    said = lowered[: tell.start()]
    after = _TOLD_AFTER.match(lowered[tell.end() :])
    if after is not None:
        # "how do I tell the bot I've done the group exec one": the vote told after "tell"
        signed = after.group("done") == "signed" or "petition" in lowered
        return "/signed" if signed else "/voted"
    if _SIGNED.search(said):
        return "/signed"
    if _VOTED.search(said):
        return "/signed" if "petition" in said else "/voted"  # ("done the petition")
    return None
