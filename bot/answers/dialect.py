"""Scots words said in the content's English before a question is read.

Members in Scotland write as they speak: "whit dae I dae wi ma ballot paper", "when's it
comin oot", "the bot hasnae got ma branch richt". The rules that tell what a question asks
look for English's small words ("what", "do", "my", "to", "out"), so such a question was
handed off though the content answers it; the spelling pass leaves "tae", "whit" and "ma"
alone (too short, or English words of their own). "ma" is "my" (a mother is "mam" or "mum"
in a question about a ballot; "MA", a degree, stays).

A word is said in English only when it is Scots and no English a member would write: "tae",
"whit", "dae", "fae", "aboot", "oot", "doon", "hame", the "-nae" of "cannae" and "hasnae".
Words that are English too ("wi", "ye", "wis", "naw", "ken", "wid", "wan", "no a", "the day")
are said in English only in a message that holds one of those first: "wi-fi", "Ken" and "the
day before the close" stay as written.
"""

from __future__ import annotations

import re

# Scots only: the message is Scots when it holds one of these.
_SURE = {
    "whit": "what",
    "ma": "my",
    "tae": "to",
    "intae": "into",
    "ontae": "onto",
    "dae": "do",
    "daein": "doing",
    "fae": "from",
    "frae": "from",
    "aboot": "about",
    "oot": "out",
    "doon": "down",
    "hoose": "house",
    "hame": "home",
    "masel": "myself",
    "yersel": "yourself",
    "gonnae": "going to",
    "wantae": "want to",
    "hae": "have",
    "huv": "have",
    "noo": "now",
    "richt": "right",
    "efter": "after",
    "awready": "already",
    "anaw": "as well",
    "mair": "more",
    "oor": "our",
    "wiz": "was",
    "gie": "give",
    "gies": "give us",
    "fur": "for",
    "ahm": "I'm",
    "ah'm": "I'm",
}
# "-nae": "cannae", "hasnae", "didnae", "wisnae", "willnae".
_NOT = {
    "cannae": "can't",
    "willnae": "won't",
    "dinnae": "don't",
    "disnae": "doesn't",
    "doesnae": "doesn't",
    "wisnae": "wasn't",
    "wasnae": "wasn't",
    "widnae": "wouldn't",
    "huvnae": "haven't",
    "havnae": "haven't",
}
_NAE = re.compile(r"\b([a-z]{2,}?)nae\b", re.IGNORECASE)
_NAE_VERBS = frozenset(
    "is has have had did could would should must are were was does do might need".split()
)
# English too: said in English only in a message already told Scots.
_ALSO = {
    "wi": "with",
    "ye": "you",
    "yer": "your",
    "wis": "was",
    "naw": "no",
    "nae": "no",
    "ken": "know",
    "aw": "all",
    "the day": "today",
    "the morra": "tomorrow",
    "no": "not",
    "wid": "would",
    "wan": "one",
    "ah": "I",
    "ain": "own",
    "the now": "now",
}
# ("MA" in capitals is a degree, not "my")
_SURE_WORDS = re.compile(
    r"\b(" + "|".join(sorted(set(_SURE) - {"ma"}, key=len, reverse=True)) + r"|(?-i:[Mm]a))\b",
    re.IGNORECASE,
)
_NOT_WORDS = re.compile(r"\b(" + "|".join(_NOT) + r")\b", re.IGNORECASE)
# "wi" not of "wi-fi"; "ken" lower case (Ken is a name); "the day" / "the morra" not before
# a word that makes "the day" English ("the day before", "the day of the count"); "no" as
# "not" only before what "not" comes before ("it's no come", "no a member"), not before a
# thing ("no paper").
_NOT_BEFORE = (
    "a an sure yet come arrived got been had heard voted signed received done sent turned here "
    "working able allowed"
).split()
_ALSO_WORDS = re.compile(
    r"\b(?:(?P<day>the day|the morra)(?=\s*(?:[.,?!;:]|$|or\b|and\b|then\b|but\b|if\b))"
    r"|(?P<word>wi(?![-‐ ]?fi\b)|ye|yer|wis|naw|nae|(?-i:ken)|aw|wid|wan|ah|ain|the now"
    r"|no(?= (?:" + "|".join(_NOT_BEFORE) + r")\b)))\b",
    re.IGNORECASE,
)


def _like(written: str, said: str) -> str:
    return said[0].upper() + said[1:] if written[0].isupper() else said


def _nae(match: re.Match[str]) -> str:
    stem = match.group(1)
    return _like(stem, f"{stem.lower()}n't") if stem.lower() in _NAE_VERBS else match.group()


def is_scots(text: str) -> bool:
    """Whether a message holds a word only Scots writes ("tae", "whit", "hasnae")."""
    return bool(
        _SURE_WORDS.search(text)
        or _NOT_WORDS.search(text)
        or any(m.group() != _nae(m) for m in _NAE.finditer(text))
    )


def in_english(text: str) -> str:
    """The message with its Scots words said in English; as written when it holds none."""
    if not is_scots(text):
        return text
    text = _SURE_WORDS.sub(lambda m: _like(m.group(), _SURE[m.group().lower()]), text)
    text = _NOT_WORDS.sub(lambda m: _like(m.group(), _NOT[m.group().lower()]), text)
    text = _NAE.sub(_nae, text)
    return _ALSO_WORDS.sub(
        lambda m: _like(m.group(), _ALSO[" ".join(m.group().lower().split())]), text
    )


# "how i vote by post", "who i ask for new paper", "where we send it": a question asked
# without its "do" (typed fast, or by a member whose first language is not English). The
# rules that tell a way or a person asked look for "how do I"; the "do" is put back only
# before a verb of doing something a member asks how to do, where a question starts ("bot
# know how i vote?" asks what the bot knows, not how to vote).
_NO_DO = re.compile(
    r"(?P<pre>^\s*|[.?!,;:]\s*|\b(?:and|but|pls|plz|so|ok|please|asks|asked|asking|wondering)\s+)"
    r"(?P<wh>how|where|who) (?P<who>i|we|you|u) "
    r"(?=(vote|post|send|ask|phone|ring|call|contact|get|find|join|"
    r"stop|see|check|change|update|use|tell|sign|fill|return|complete|register|apply|report|"
    r"speak|talk|email|chase|turn|switch|complain|go)\b)",
    re.IGNORECASE,
)


def mended(text: str) -> str:
    """The question with its Scots said in English, a missing "do" put back and a formal way
    of asking said plainly, in that order, before it is read."""
    return plainly(with_do(in_english(text)))


def with_do(text: str) -> str:
    """The question with a missing "do" put back ("how i vote" → "how do i vote")."""
    return _NO_DO.sub(lambda m: f"{m.group('pre')}{m.group('wh')} do {m.group('who')} ", text)


# "I should be grateful to know who chairs…", "I should like to know…", "could you kindly
# confirm…": a formal way of asking, whose "should" is no judgement asked and whose
# "kindly" no view. Said plainly before the question is read.
_FORMAL = re.compile(
    r"\b(i|we) (should|would) be (most |very |so )?(grateful|obliged)( to know| to learn| if you "
    r"(could|would) (tell|confirm|let) (me|us)( know)?)?\b|"
    r"\b(i|we) (should|would) (like|wish) to (know|ask|learn)\b|"
    r"\b(could|would|can) you (kindly|please) (confirm|tell me|let me know|advise)( me)?\b",
    re.IGNORECASE,
)


# "…, if you would be so kind?", "if you please": nothing asked.
_KINDLY = re.compile(
    r",?\s*\b(if you (would|could|will) be (so )?kind( enough)?|if you please|"
    r"if you don'?t mind)\b",
    re.IGNORECASE,
)


def plainly(text: str) -> str:
    """The question with a formal way of asking said plainly ("I should be grateful to know
    who chairs it" → "tell me who chairs it"; "…, if you would be so kind?" → "…?")."""
    return _FORMAL.sub("tell me", _KINDLY.sub("", text))
