"""What members say that is not a question: "hi", "thanks", "ok", "bye", "help", "who are
you?", and what has no words to read ("hmm", "huh?", "asdfghjkl"). Said alone, each gets a
short reply of its own instead of going to the answer engine, which would hand a "hi" to the
organisers as a question nobody can answer.

Only a whole message counts: "hi, when does the vote close?" is a question, and "thanks, but
how do I vote?" too. The test is a full match over the message with its case, punctuation,
emoji and a leading mention taken away, so a longer message never matches by accident.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Kind = Literal["hello", "help", "thanks", "ok", "bye", "unclear"]

# Said to someone: "hi bot", "thanks mate", "morning all".
_TO = r"(?:\s+(?:there|all|everyone|everybody|folks|guys|team|bot|mate|pal|friend|again))?"
_HELLO = (
    r"(?:hi+|hiya|hey+|heya|hello+|helo|hallo|hullo|howdy|yo|greetings|hola|bonjour|salut|"
    r"ciao|dzien dobry|dzień dobry|good (?:morning|afternoon|evening|day)|morning|afternoon|"
    r"evening|g'?day|alright|all right|hi hi)"
)
_HOW = r"(?:\s+(?:how are you|how r u|how are u|hows it going|how's it going|you ok|u ok))?"
_THANKS = (
    r"(?:thanks?|thank you|thankyou|thank u|thanx|thx|ty|tyvm|cheers|ta|many thanks|"
    r"much appreciated|appreciate it|appreciated|gracias|merci|danke|obrigad[oa]|dziekuje|"
    r"dziękuję)"
    r"(?:\s+(?:very much|so much|a lot|loads|a million|lots))?"
)
_PRAISE = (
    r"(?:great|brilliant|perfect|lovely|nice|nice one|cool|fab|fantastic|excellent|ace|super)"
)
_OK = (
    r"(?:ok+|okay|okey|k+|kk|alright|all right|right|right oh|righto|got it|gotcha|understood|"
    r"fine|sure|noted|will do|no worries|no problem|np|yes|yeah|yep|yup|no|nope|nah|oh|ah|"
    r"oh ok|ah ok|i see|makes sense|fair enough|lol|lmao|haha+|hehe+|ha ha|"
    + _PRAISE
    + r")"
)
_BYE = (
    r"(?:bye+|bye bye|goodbye|good bye|cya|see ya|see you|see you later|laters|later|ttyl|"
    r"night|good ?night|take care)"
)
_HELP = (
    r"(?:help|help me|help please|please help|menu|commands|options|start|get started|"
    r"what can (?:you|u|the bot|this bot) do|what do (?:you|u) do|what are (?:you|u) for|"
    r"what is this|what's this|whats this|what is this bot|what's this bot|whats this bot|"
    r"what is this bot for|what's this bot for|whats this bot for|what is this for|"
    r"how does this work|how do i use (?:this|you|u|the bot|this bot)|"
    r"who are (?:you|u)|what are (?:you|u)|are (?:you|u) (?:a )?(?:bot|robot|real|human|"
    r"person|real person|ai)|is this (?:a )?(?:bot|robot|real person|human|person)|"
    r"am i (?:talking|speaking|chatting) (?:to|with) (?:a )?(?:bot|robot|real person|human|"
    r"person))"
)
_PLEASE = r"(?:\s+(?:please|pls|plz))?"
# A sound, not a question: "hmm", "huh?", "erm".
_SOUND = r"(?:h+m+|u+m+|e+r+m+|u+h+|e+h+|huh+|meh|what|wha+t*|eh what|sorry what)"
# A keyboard mash: four or more keys along one row of the keyboard, or five or more letters
# with no vowel (y and w count as vowels: "rhythm", Welsh "cwtch").
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NO_VOWEL = re.compile(r"[b-df-hj-np-tvxz]{5,}")

_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("hello", re.compile(rf"{_HELLO}{_TO}{_HOW}")),
    ("help", re.compile(rf"(?:{_HELLO}{_TO}\s+)?{_HELP}{_PLEASE}")),
    ("thanks", re.compile(rf"(?:(?:{_OK})\s+)?{_THANKS}{_TO}(?:\s+{_BYE})?")),
    ("thanks", re.compile(rf"{_PRAISE}\s+(?:{_THANKS}){_TO}")),
    ("bye", re.compile(rf"(?:(?:{_OK})\s+)?{_BYE}{_TO}")),
    ("ok", re.compile(rf"{_OK}(?:\s+{_OK})?{_TO}")),
    ("unclear", re.compile(_SOUND)),
)
_MENTION = re.compile(r"^(?:<@[A-Za-z0-9]+>|@\w+)[\s,:]*")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,40}>")  # "<b>hi</b>": markup, not words
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_GESTURES: dict[str, Kind] = {"👍": "ok", "👌": "ok", "🙏": "thanks", "👋": "hello"}
LONGEST = 60  # characters, once tidied: longer is never small talk


def _tidy(text: str) -> str:
    """Lower case, the mention and every mark that is not a letter, digit, space or
    apostrophe gone, runs of spaces made one."""
    text = _MENTION.sub("", _TAG.sub(" ", text).strip()).translate(_APOSTROPHES).casefold()
    kept = "".join(
        ch if ch.isalnum() or ch == "'" else " "
        for ch in text
        if not unicodedata.category(ch).startswith(("S", "C")) or ch == "\n"
    )
    return " ".join(kept.split())


def kind(text: str) -> Kind | None:
    """The kind of small talk a message is, or None for anything else (a question)."""
    tidy = _tidy(text)
    if not tidy:  # emoji alone: a thumbs-up is an "ok", a wave a "hello"
        gestures = {_GESTURES[ch] for ch in text if ch in _GESTURES}
        return gestures.pop() if len(gestures) == 1 else None
    if len(tidy) > LONGEST:
        return None
    for name, pattern in _PATTERNS:
        if pattern.fullmatch(tidy):
            return name
    return "unclear" if _mashed(tidy) else None


def _mashed(tidy: str) -> bool:
    """Every word a keyboard mash ("asdfghjkl", "qwerty", "kjhsdf kjhsdf"): nothing to read.
    Only letters count: "cmds", "nec" and "2nd" are words."""
    words = tidy.split()
    return 0 < len(words) <= 3 and all(_mash(word) for word in words)


def _mash(word: str) -> bool:
    if len(word) < 4 or not word.isalpha() or not word.isascii():
        return False
    if any(word in row or word in row[::-1] for row in _ROWS):
        return True
    return bool(_NO_VOWEL.fullmatch(word))
