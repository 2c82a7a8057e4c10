"""BM25F over passages: each field's words weighted (a heading counts more than the body),
synonyms counted at half weight, and an inverted index so a question only touches the
passages that share a word with it (10,000 passages answer in a few milliseconds).

Hand-written rather than a library (rank-bm25, bm25s): those score flat documents, while
this needs per-field weights, weighted synonym expansion, and, for the hand-off, how much
of the question the best passage explains.
"""

from __future__ import annotations

import difflib
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.answers import kinds
from bot.answers.lexicon import ACRONYMS
from bot.answers.text import (
    CHATTER,
    HOW_TO,
    NUMBER_WORDS,
    OWN,
    STOP,
    expand,
    has_number,
    is_temporal,
    normalise,
    stem,
    words,
    years_in,
)
from bot.content.passages import Passage

_WORD = re.compile(r"[a-z0-9]+")
_COMMAND = re.compile(r"(?<![\w/])/[a-z]+\b")
NUMBER_STEMS = frozenset(stem(w) for w in NUMBER_WORDS)
K1, B = 1.2, 0.6
ROOT = 5  # letters two stems share at least to be one word with other endings
CORE_WEIGHT = 1.5  # a heading, title, keyword or FAQ question: what a passage is about
UNKNOWN = 0.5
FLOOR = 0.4
POWER = 1.0
# A question's words that a passage with a link explains ("is there a webpage about…").
LINK_WORDS = frozenset(stem(w) for w in "link links page webpage website site url online".split())
# Words that ask for a kind of fact, explained by a passage that holds one.
_YEAR_WORDS = frozenset(stem(w) for w in "year years".split())
_TIME_WORDS = frozenset(stem(w) for w in "date dates day days time times".split())
_NUMBER_WORDS = frozenset(stem(w) for w in "number numbers amount figure".split())
# What words() adds for a kind of question: not a topic by themselves.
MARKERS = frozenset({HOW_TO, "todo", "purpos", "mydata", "whoami"})
# "List them", "explain": how to answer, never what the question is most about.
_ASKING_VERBS = frozenset(stem(w) for w in "list tell explain show give describe mean".split())
# "info on X", "details of X": the question wants X, not a topic of their own.
GENERIC_NOUNS = frozenset(stem(w) for w in "info information details detail".split())


def _explains(term: str, passage: Passage) -> bool:
    """Whether the passage explains a word that asks for a kind of fact."""
    if term in LINK_WORDS:
        return passage.link is not None
    if term in _YEAR_WORDS:
        return bool(years_in(passage.text))
    if term in _TIME_WORDS:
        return is_temporal(passage.text)
    if term in _NUMBER_WORDS:
        return has_number(passage.text)
    return False


@dataclass(frozen=True)
class Hit:
    score: float
    index: int
    passage: Passage


def short_names(text: str) -> set[str]:
    """The short names in a title: "NEC", "PSSEC", and "nec" for "National Executive
    Committee" written out."""
    capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,6}\b", text)}
    return capitals | {short for long, short in ACRONYMS if long in text.lower()}


def _one_swap(one: str, other: str) -> bool:
    """Two letters side by side swapped: "unoin" for "union"."""
    diff = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and one[diff[0]] == other[diff[1]]


def _shared(one: str, other: str) -> int:
    """How many letters two words share at the start."""
    shortest = min(len(one), len(other))
    return next((i for i in range(shortest) if one[i] != other[i]), shortest)


@lru_cache(maxsize=200_000)
def field_words(text: str) -> tuple[tuple[str, str], ...]:
    """A field's words and their stems, read once however many passages share it."""
    return tuple((w, stem(w)) for w in words(text))


class PassageIndex:
    """Built once at start; organisers' FAQ additions are added without a rebuild."""

    def __init__(self, passages: Sequence[Passage] = ()) -> None:
        self.passages: list[Passage] = []
        self.bags: list[dict[str, float]] = []
        self.lengths: list[float] = []
        self.cores: list[frozenset[str]] = []
        self.kinds: list[frozenset[str]] = []  # the kinds of fact each holds (kinds.held)
        self.purposes: defaultdict[str, list[int]] = defaultdict(list)  # a doc's stated purpose
        self.postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
        self.idf: dict[str, float] = {}
        self._named_by: defaultdict[str, set[str]] = defaultdict(set)
        self._by_letter: defaultdict[str, list[str]] = defaultdict(list)
        self._known: set[str] = set()
        self._by_prefix: defaultdict[str, set[str]] = defaultdict(set)
        # Each term's postings with its BM25 part worked out (tf and length normalised),
        # filled on first use and emptied when passages are added (the mean length moves).
        self._scored: dict[str, list[tuple[int, float]]] = {}
        self.commands: defaultdict[str, list[int]] = defaultdict(list)  # "/ballots" → passages
        for word in STOP:
            if len(word) > 3:
                self._by_letter[word[0]].append(word)
        self.add(passages)

    def add(self, passages: Sequence[Passage]) -> None:
        for passage in passages:
            self._add(passage)
        self._scored = {}
        n = len(self.passages)
        self.idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()
        }
        self._avg = sum(self.lengths) / max(1, n)
        # A word the content never uses weighs as much as a word used once, times UNKNOWN:
        # members' questions are full of words that say nothing ("faffing", "lunch").
        self.unknown_idf = UNKNOWN * math.log(1 + (n - 0.5) / 1.5)
        # Common words still count: "who is our branch chair" is not about a committee's chair.
        self.floor_idf = FLOOR * math.log(1 + (n - 0.5) / 1.5)

    def _add(self, passage: Passage) -> None:
        index = len(self.passages)
        fields = [(weight, field_words(text)) for text, weight in passage.fields]
        bag: defaultdict[str, float] = defaultdict(float)
        for weight, found in fields:
            for word, stemmed in found:
                bag[stemmed] += weight
                if word not in self._known:
                    self._known.add(word)
                    self._by_letter[word[0]].append(word)
        kept = {term: tf for term, tf in bag.items() if tf > 0}
        for term, tf in kept.items():
            if term not in self.postings and len(term) >= ROOT:
                self._by_prefix[term[:ROOT]].add(term)
            self.postings[term].append((index, tf))
        for word in short_names(passage.names):
            self._named_by[stem(word)].add(passage.doc)
        self.passages.append(passage)
        self.bags.append(kept)
        self.lengths.append(sum(kept.values()))
        self.cores.append(self._core(fields))
        asked = passage.fields[0][0] if passage.kind in ("faq", "added") else ""
        self.kinds.append(kinds.held(passage.text, passage.group, asked))
        if kinds.STATED_PURPOSE in self.kinds[-1]:
            self.purposes[passage.doc].append(index)
        for command in dict.fromkeys(_COMMAND.findall(passage.text)):
            self.commands[command].append(index)

    @staticmethod
    def _core(fields: list[tuple[float, tuple[tuple[str, str], ...]]]) -> frozenset[str]:
        """What the passage is chiefly about: its heaviest fields (a heading, a title, its
        keywords, an FAQ question)."""
        filled = [(w, found) for w, found in fields if found]
        tiers = sorted({min(CORE_WEIGHT, w) for w, _ in filled}, reverse=True)
        core: frozenset[str] = frozenset()
        for top in tiers:
            core = frozenset(s for w, found in filled if w >= top for _, s in found)
            if len(core - MARKERS) >= 2:
                break  # a heading of small words ("What you can do now") says too little
        return core

    def on_topic(self, stemmed: Sequence[str], hit: Hit) -> bool:
        """Whether the question shares a word with what the passage is chiefly about."""
        return any(term in self.cores[hit.index] for term, _ in expand(list(stemmed)))

    def loose(self, text: str) -> frozenset[str]:
        """Known words next to a word the content never uses, in the question as written."""
        sequence = _WORD.findall(normalise(text))
        found = set()
        for index, word in enumerate(sequence):
            if not self._unknown(word):
                continue
            for near in sequence[max(0, index - 1) : index + 2]:
                if near != word and near not in STOP and self.knows(stem(near)):
                    found.add(stem(near))
        return frozenset(found)

    def _unknown(self, word: str) -> bool:
        return (
            word.isalpha()
            and len(word) > 2
            and not word.endswith("ly")
            and word not in STOP
            and word not in CHATTER
            and not self.knows(stem(word))
            and word not in self._known
        )

    def named(self, stemmed: Sequence[str]) -> set[str]:
        """The documents the question names by a word only one or two of them are called
        ("NEC": the NEC's report and its election, not the committee that mentions it)."""
        found: set[str] = set()
        for term in stemmed:
            docs = self._named_by.get(term, set())
            if 0 < len(docs) <= 2 and len(term) > 2:
                found |= docs
        return found

    def knows(self, stemmed: str) -> bool:
        return stemmed in self.postings

    def uses(self, word: str) -> bool:
        """Whether the content has the word as written, not only its stem."""
        return word in self._known

    def correct(self, word: str) -> str:
        """A misspelt word → the nearest word the content uses ("electon" → "election")."""
        if len(word) <= 4 or word in self._known or self.knows(stem(word)) or word.isdigit():
            return word
        bucket = [w for w in self._by_letter.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
        close = difflib.get_close_matches(word, bucket, n=1, cutoff=0.84)
        if close:
            return close[0]
        swapped = [w for w in bucket if len(w) == len(word) and _one_swap(w, word)]
        return swapped[0] if swapped else word

    def related(self, stemmed: str) -> str:
        """A stem the content never uses → one it uses with the same root, the
        derivational endings the stemmer keeps apart ("recognis" → "recognit", for
        "recognising" and "recognition"); otherwise the stem itself."""
        if self.knows(stemmed) or len(stemmed) < ROOT:
            return stemmed
        best: tuple[int, int, str] | None = None
        for other in self._by_prefix.get(stemmed[:ROOT], ()):
            common = _shared(stemmed, other)
            if len(stemmed) - common > 3 or len(other) - common > 3:
                continue
            key = (-common, len(other), other)
            best = key if best is None or key < best else best
        return best[2] if best else stemmed

    def _scored_postings(self, term: str) -> list[tuple[int, float]]:
        found = self._scored.get(term)
        if found is None:
            lengths, avg = self.lengths, self._avg
            found = [
                (index, tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[index] / avg)))
                for index, tf in self.postings[term]
            ]
            self._scored[term] = found
        return found

    def scored(self, stemmed: Sequence[str], index: int) -> Hit:
        """One passage's score for the question, found or not by the search."""
        bag, norm = self.bags[index], K1 * (1 - B + B * self.lengths[index] / self._avg)
        score = sum(
            weight * self.idf[term] * bag[term] * (K1 + 1) / (bag[term] + norm)
            for term, weight in expand(list(stemmed))
            if term in bag and term in self.idf
        )
        return Hit(score, index, self.passages[index])

    def search(self, stemmed: Sequence[str], limit: int = 8) -> list[Hit]:
        scores: dict[int, float] = {}
        get = scores.get
        for term, weight in expand(list(stemmed)):
            idf = self.idf.get(term)
            if idf is None:
                continue
            factor = weight * idf
            for index, part in self._scored_postings(term):
                scores[index] = get(index, 0.0) + factor * part
        if not scores:
            return []
        cut = heapq.nlargest(limit, scores.values())[-1]  # compared in C, no key per passage
        kept = [(index, score) for index, score in scores.items() if score >= cut]
        best = sorted(kept, key=lambda item: (-item[1], item[0]))[:limit]
        return [Hit(score, index, self.passages[index]) for index, score in best]

    def key_term(self, stemmed: Sequence[str]) -> str | None:
        """The question's most telling word the content uses: its rarest, not a number."""
        plain = MARKERS | OWN | NUMBER_STEMS | GENERIC_NOUNS | _ASKING_VERBS
        known = [t for t in stemmed if t in self.idf and t not in plain and not t.isdigit()]
        return max(known, key=lambda t: (self.idf[t], t)) if known else None

    def holds_term(self, term: str, hit: Hit) -> bool:
        """Whether the passage has the word, one it stands for, or the kind of fact it asks."""
        bag = self.bags[hit.index]
        return any(t in bag for t, _ in expand([term])) or _explains(term, hit.passage)

    def coverage(
        self,
        stemmed: Sequence[str],
        hit: Hit,
        loose: frozenset[str] = frozenset(),
        own: Collection[str] | None = None,
    ) -> float:
        """The idf-weighted share of the question's words the passage explains. A word the
        content never uses counts against it; so, by half, does a word `loose` in a compound
        with such a word ("jury service", "dress code": not the public services' code).
        `own`: the passage's words to count instead of all it is found by."""
        bag = self.bags[hit.index] if own is None else dict.fromkeys(own, 1.0)
        total = known = 0.0
        for term in dict.fromkeys(stemmed):
            if term == HOW_TO or term in OWN:
                continue
            weight = max(self.idf.get(term, self.unknown_idf), self.floor_idf) ** POWER
            if term.isdigit() or term in NUMBER_STEMS or term in GENERIC_NOUNS:
                weight *= 0.5  # "two branches": a figure to check, not the topic
            total += weight
            if term in bag or _explains(term, hit.passage):
                known += weight * (0.5 if term in loose else 1.0)
            elif any(other in bag for other, _ in expand([term])[1:]):
                known += weight * 0.8
        return known / total if total else 0.0
