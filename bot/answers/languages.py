"""Messages in another language than English: which one, and its ballot vocabulary said in
English for the search (bot/answers/glossary/, one small file per language).

The model and the search read English. A message whose words are mostly another language's
small words (Welsh "ydy", "pryd"; Polish "czy", "kiedy"; Spanish "hasta", "cuando"; Urdu in
Latin letters "kab", "hai") is glossed word by word: "Do kiedy muszę wysłać kartę do
głosowania?" is read as "until when do I have to post ballot paper". Names (NEC, PSSEC,
HMRC) pass through as written. The answer is then given in English, saying so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.answers.text import STOP
from bot.content import yamlio

GLOSSARY = Path(__file__).parent / "glossary"
_WORD = re.compile(r"[a-z0-9-]+")
_TOKEN = re.compile(r"[a-z0-9-]+|[?.!]")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss"})
MIN_WORDS = 2  # of the language's own small words, not English ones too, to tell it


@dataclass(frozen=True)
class Language:
    name: str
    stop: frozenset[str]
    gloss: dict[tuple[str, ...], str]
    longest: int  # words in its longest glossed phrase


def fold(text: str) -> str:
    """Lower case without accents ("głosowania" → "glosowania", "cuándo" → "cuando")."""
    lowered = text.lower().translate(_FOLD).replace("'", " ").replace("’", " ")
    split = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in split if not unicodedata.combining(c))


@cache
def languages() -> tuple[Language, ...]:
    found = []
    for path in sorted(GLOSSARY.glob("*.yaml")):
        data = yamlio.load(path.read_text(encoding="utf-8"))
        gloss = {tuple(fold(k).split()): str(v) for k, v in data["gloss"].items()}
        stop = frozenset(fold(str(w)) for w in data["stop"]) - STOP
        found.append(Language(data["name"], stop, gloss, max(len(k) for k in gloss)))
    return tuple(found)


def detect(text: str) -> Language | None:
    """The language a message is in, when it is not English: more of its words are that
    language's small words than English ones, and at least MIN_WORDS of them."""
    said = _WORD.findall(fold(text))
    if not said:
        return None
    english = sum(1 for w in said if w in STOP)
    best = max(  # (a letter alone, "n" of Welsh "i'n", is no sign: "y/n", "\\n")
        ((sum(1 for w in said if w in lang.stop and len(w) > 1), lang) for lang in languages()),
        key=lambda pair: pair[0],
        default=(0, None),
    )
    count, lang = best
    return lang if lang is not None and count >= MIN_WORDS and count > english else None


def in_english(text: str, lang: Language) -> str:
    """The message with the words the glossary holds said in English, the longest phrase
    first, and every other word (a name, a number) as written."""
    said = _TOKEN.findall(fold(text))
    out: list[str] = []
    i = 0
    while i < len(said):
        for size in range(min(lang.longest, len(said) - i), 0, -1):
            found = lang.gloss.get(tuple(said[i : i + size]))
            if found is not None:
                out.append(found)
                i += size
                break
        else:
            if said[i] not in lang.stop:
                out.append(said[i])
            i += 1
    return re.sub(r" (?=[?.!])", "", " ".join(out))
