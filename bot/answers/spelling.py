"""Words spelt as they sound, put back in the content's spelling before a question is read.

Members with dyslexia, members writing fast on a phone and members writing in a second
language spell by ear: "wen dus the presidenshul ballot shut", "how meny signachures is the
petishun aimin for". The rules that tell what a question asks look for the content's words
("presidential", "petition"), so such a question was handed off, or read as about every
ballot, though the content answers it.

A word is put back only when it is no English word at all (pyspellchecker's English word
list, 127,000 words of four letters or more: "recount", "canteen" and "Croydon" are words and
stay as written, so a question about something the content never names is still handed off)
and one word of the union's own vocabulary (the content's words and those of the members'
phrasings it ships) is near it: the same word with its "g" dropped ("aimin"), the same
sounds ("presidenshul", "campayn": "tion", "shun", "ph", "ck" and a silent "g" said alike,
vowels aside), or one letter added, dropped, changed or swapped ("remimders"). A word of
four letters is mended only by a vowel ("meny"). Words in capitals (acronyms), a name written
with a capital inside a sentence, messages in another language and words of Spanish, French,
Italian or Portuguese ("candidatos") are left alone.

An acronym spoken to a phone's dictation comes out letter by letter ("when does the n e c
vote close", "which branches has h m r c got", "p s sec"): letters written apart are put
together when together they are an acronym the content writes in capitals, and only then
("a b c", "i t" stay as written).
"""

from __future__ import annotations

import ctypes
import gzip
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

import numpy as np

OTHER = ("es", "fr", "it", "pt")
SHORTEST = 4  # shorter words are too often something else ("u", "rn", "nec")
LONGEST = 24  # longer, it is no word spelt by ear (and one edit of it would cost much)
MOST = 30  # words looked up in a message: more, and it is no English with a few slips
REMEMBERED = 10_000  # words already looked up, kept
_WORD = re.compile(r"[A-Za-z]+")
_SOUNDS = (
    ("ign", "in"),
    ("chur", "tur"),
    ("tshun", "xn"),
    ("shun", "xn"),
    ("tion", "xn"),
    ("sion", "xn"),
    ("cian", "xn"),
    ("tial", "xal"),
    ("cial", "xal"),
    ("shul", "xal"),
    ("shal", "xal"),
    ("ph", "f"),
    ("ck", "k"),
    ("wh", "w"),
    ("ght", "t"),
    ("dge", "j"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("z", "s"),
    ("q", "k"),
    ("c", "k"),
)
_VOWELS = re.compile("[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LISTED = re.compile(rb'"([a-z]{4,})"')  # a word of the list (its frequency follows)
# Letters written apart ("n e c", "h.m.r.c"), then perhaps the rest of the word ("p s sec")
_SPELT_OUT = re.compile(
    r"(?<![A-Za-z])[A-Za-z](?:[ .]+[A-Za-z](?![A-Za-z]))+(?:[ .]*[A-Za-z]{2,4})?\b"
)


@cache
def _words(languages: tuple[str, ...]) -> np.ndarray:
    """CRC-32s of the languages' words of four letters or more, sorted (half a megabyte for
    English, against about ten for the words themselves)."""
    found = []
    for language in languages:
        packed = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        text = gzip.decompress(packed.read_bytes())
        listed = (zlib.crc32(m.group(1)) for m in _LISTED.finditer(text))
        found.append(np.fromiter(listed, dtype=np.uint32))
    table = np.unique(np.concatenate(found))
    del found
    _give_back()
    return table


def _give_back() -> None:
    """The heap freed once the lists are read, given back to the system: glibc keeps it
    otherwise (30 MB of a running bot's memory for 3 MB kept)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        pass


def _among(word: str, languages: tuple[str, ...]) -> bool:
    table = _words(languages)
    key = zlib.crc32(word.encode())
    at = int(np.searchsorted(table, key))
    return at < len(table) and int(table[at]) == key


def english(word: str) -> bool:
    """Whether a lower-case word of four letters or more is an English word."""
    return _among(word, ("en",))


def foreign(word: str) -> bool:
    """Whether it is a word of Spanish, French, Italian or Portuguese ("candidatos"): a word
    of a message in another language, which its glossary reads or which stays as written."""
    return _among(word, OTHER)


def sounds(word: str) -> str:
    """The word's first letter and the consonants after it, said alike spelt alike."""
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    return word[0] + _DOUBLED.sub(r"\1", _VOWELS.sub("", word[1:]))


def distance(a: str, b: str) -> int:
    """Letters added, dropped or changed to make one word the other."""
    before = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        now = [i]
        for j, y in enumerate(b, 1):
            now.append(min(before[j] + 1, now[j - 1] + 1, before[j - 1] + (x != y)))
        before = now
    return before[-1]


def _one_edit(word: str) -> set[str]:
    split = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in split if b}
        | {a + b[1] + b[0] + b[2:] for a, b in split if len(b) > 1}
        | {a + c + b[1:] for a, b in split if b for c in _LETTERS}
        | {a + c + b for a, b in split for c in _LETTERS}
    )


class Speller:
    """The union's vocabulary, and a misspelt word put back in it."""

    def __init__(self, texts: Iterable[str]) -> None:
        texts = list(texts)
        self.count = Counter(w for t in texts for w in _WORD.findall(t.lower()))
        self.acronyms = {
            w.lower() for t in texts for w in _WORD.findall(t) if len(w) > 1 and w.isupper()
        }
        alike: dict[str, list[str]] = {}
        for word, _ in self.count.most_common():
            if len(word) >= SHORTEST and english(word):
                alike.setdefault(sounds(word), []).append(word)
        self._alike = alike
        self._looked_up: dict[str, str] = {}
        _words(OTHER)  # read now (this is built off the event loop), not at a first question

    def word(self, word: str) -> str:
        """The vocabulary's word for a misspelt one, else the word as written."""
        if len(word) < SHORTEST or word in self.count or len(word) > LONGEST:
            return word
        found = self._looked_up.get(word)
        if found is None:
            if len(self._looked_up) >= REMEMBERED:
                self._looked_up.clear()
            found = self._looked_up[word] = self._put_back(word)
        return found

    def _put_back(self, word: str) -> str:
        if english(word):
            return word
        if len(word) > SHORTEST and foreign(word):  # (four letters: too many are, "meny")
            return word
        if word.endswith("in") and word + "g" in self.count:
            return word + "g"
        said = sounds(word)
        if len(said) >= 3 and said in self._alike:
            best = min(self._alike[said], key=lambda w: (distance(word, w), -self.count[w]))
            if distance(word, best) <= max(3, len(word) // 3):
                return best
        near = [
            w
            for w in _one_edit(word)
            if w[:1] == word[:1]
            and w in self.count
            and english(w)
            and (len(word) > SHORTEST or set(w) ^ set(word) <= set("aeiouy"))
        ]
        return max(near, key=lambda w: (self.count[w], w)) if near else word

    def together(self, text: str) -> str:
        """Letters written apart put together where together they are one of the content's
        acronyms ("the n e c vote" -> "the NEC vote"); the letters before it as written."""

        def join(match: re.Match[str]) -> str:
            parts = match.group().replace(".", " ").split()
            rest = parts[-1] if len(parts[-1]) > 1 else ""
            letters = parts[:-1] if rest else parts
            for start in range(len(letters) - 1 if not rest else len(letters)):
                for end in (rest, ""):
                    word = "".join(letters[start:]) + end
                    if len(word) > 2 and word.lower() in self.acronyms:
                        kept = " ".join([*letters[:start], word.upper()])
                        return kept if end or not rest else f"{kept} {rest}"
            return match.group()

        return _SPELT_OUT.sub(join, text)

    def fix(self, text: str) -> str:
        """The message with its misspelt words put back (names and acronyms as written)."""

        text = self.together(text)
        looked_up = 0

        def mend(match: re.Match[str]) -> str:
            nonlocal looked_up
            written = match.group()
            if written.isupper() and len(written) > 1:
                return written  # an acronym
            if written[0].isupper() and match.start() > 0:
                return written  # a name, inside the message
            lowered = written.lower()
            if len(lowered) < SHORTEST or lowered in self.count or looked_up >= MOST:
                return written
            looked_up += 1
            found = self.word(lowered)
            return written if found == lowered else found

        return _WORD.sub(mend, text)
