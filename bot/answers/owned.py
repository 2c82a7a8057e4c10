"""An FAQ entry's own question, and the ways organisers taught it, are that entry's.

The labelled phrasings (campaigns/phrasings.yaml) were written against the shipped content:
a question the content then did not hold was labelled a hand-off ("do I get strike pay?"),
and members' ways of asking about one topic vote for that topic's passages ("where is the
branch office?" for the list of groups). An entry an editor adds afterwards, which no
phrasing votes for, is outvoted by them even on its own question, and so is an organiser's
alias. So the entry's own question (for an entry no labelled phrasing answers) and every
alias or added FAQ question are kept apart here: a question said like one of them, in words
or in meaning, whose words the entry explains, is answered by that entry, whatever the vote.
A live date, the neutral answer and the rules' hand-offs for a result stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

from bot.answers import checks, live, neutral
from bot.answers.embedding import Embedder, Vectors
from bot.answers.phrasings import Phrasebook, Postings
from bot.answers.said import trim
from bot.answers.text import clean_question, stem, years_asked
from bot.content.passages import Passage, faq_entry
from bot.core.services import Answer

if TYPE_CHECKING:
    from bot.answers.engine import ContentAnswerer

LIVE = 0.95  # the rules' answers from the store and the clock, and the neutral answer
# How like an owned phrasing a question must be, in words (phrasings.py: stems and letters)
# and in meaning (sentence embeddings): one shared word ("is there a strike" against "do I
# get strike pay?") scores high in words alone, a paraphrase in other words ("will I get
# paid if I go on strike") in meaning alone. Tried on two added entries and their near and
# merely word-sharing questions.
SAME = 0.95  # in words: the phrasing itself
MEANT_NEAR = 0.8  # in meaning, whatever the words
BOTH = (0.85, 0.7)  # in words and in meaning at once
FLOOR = 0.35  # in words, below which the embedding (about 10 ms) is not worked out; the
# three owned phrasings nearest in words (of thousands, maybe) are the ones compared in meaning
COVERED = 0.65  # of the question's words, the entry must explain (engine.MIN_COVERAGE)
# A question about an entry's subject in other words ("whats the address of the branch
# office", "helpline phone number", "what time is the branch office open"): it names the
# entry's most telling word, the entry explains every other word but the kind of fact asked,
# and it means something like the entry's question or answer. Tried on four added entries
# (an office, a fund, a helpline, a course) and questions sharing one word with them.
SUBJECT = 0.9  # of the question's words other than the fact asked, the entry must explain
SUBJECT_MEANT = 0.55  # in meaning, against the entry's question or its answer
FACTS = frozenset(
    stem(w)
    for w in "address where location located find when time times hour hours open opening "
    "opens close closes closing shut day days week weekday weekdays weekend monday tuesday "
    "wednesday thursday friday saturday sunday phone number call ring contact email how long "
    "much cost costs price".split()
)

# An entry's opening hours: what "when is it open", "what time does it close" ask of it.
_HOURS = re.compile(
    r"\b(\d{1,2}(:\d\d)?\s?(am|pm)|\d{1,2}(:\d\d)? to \d{1,2}|weekdays|"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s? to)\b",
    re.IGNORECASE,
)

# The kinds of fact asked of a subject named in one word ("where's the office", "helpline
# phone number"), each with what in an entry's answer holds one.
_FACT_KINDS = {
    "place": (
        frozenset(stem(w) for w in "address where location located find".split()),
        re.compile(r"\b(is|are) at\b|\b(street|road|lane|avenue|square|house|floor)\b", re.I),
    ),
    "hours": (
        frozenset(stem(w) for w in "when time times hour hours open opening close closing".split()),
        _HOURS,
    ),
    "contact": (
        frozenset(stem(w) for w in "phone number call ring contact".split()),
        re.compile(r"\d{4}"),
    ),
}


@dataclass
class Owned:
    """Phrasings that do not vote: each an FAQ entry's own question or an alias of it."""

    said: list[tuple[str, list[str]]] = field(default_factory=list)  # text, stems
    passages: list[int] = field(default_factory=list)
    postings: Postings = field(default_factory=dict)
    meant: dict[int, Vectors] = field(default_factory=dict)  # embedded when first compared
    keys: dict[int, str] = field(default_factory=dict)  # entry's own question: its key word

    def __bool__(self) -> bool:
        return bool(self.passages)

    def add(self, found: Sequence[tuple[str, list[str], int]], book: Phrasebook) -> None:
        self.said += [(t, s) for t, s, _ in found]
        self.passages += [p for _, _, p in found]
        self.postings = book.postings(self.said)  # (the book's idf may have changed too)

    def nearest(
        self, text: str, query: Sequence[str], book: Phrasebook, fits: Callable[[int], bool]
    ) -> tuple[int, float] | None:
        """The passage of the owned phrasing most like the question, and how alike, of those
        whose passage `fits` (checked before the embedding, the dearest part, is worked out)."""
        words = book.likeness(text, query, self.postings, len(self.passages))
        near = [int(n) for n in np.argsort(-words, kind="stable")[:3] if words[n] >= FLOOR]
        near = [n for n in near if fits(self.passages[n])]
        if not near:
            return None
        if words[near[0]] >= SAME:
            return self.passages[near[0]], float(words[near[0]])
        if book.embedder is None:
            return None
        asked = book.embedder.question(text)
        for n in near:
            meant = float(self._embedded(n, book.embedder) @ asked)
            if meant >= MEANT_NEAR or (words[n] >= BOTH[0] and meant >= BOTH[1]):
                return self.passages[n], meant
        return None

    def subject(
        self, text: str, query: Sequence[str], a: ContentAnswerer, fits: Callable[[int], bool]
    ) -> tuple[int, float] | None:
        """The entry whose subject the question asks a fact of (`SUBJECT`), if one."""
        embedder = a.phrasebook.embedder
        for n in range(len(self.said)):
            if n not in self.keys:
                self.keys[n] = a.index.key_term(self.said[n][1]) or ""
        named = [n for n, key in self.keys.items() if key and key in query]
        if not named or embedder is None:
            return None
        asked: Vectors | None = None  # (about 10 ms: only for an entry that passes the rest)
        # every word said, "where" and "when" too ("hours" is not the content's "housing")
        said = {stem(w) for w in re.findall(r"[a-z]+", text.lower())}
        rest = [t for t in query if t in said and t not in FACTS] or list(query)
        facts = [f for f, (asked_as, _) in _FACT_KINDS.items() if said & asked_as]
        for n in named:
            number = self.passages[n]
            hit = a.index.scored(rest, number)
            if a.index.coverage(rest, hit) < SUBJECT or not fits(number):
                continue
            body = a.index.passages[number].text
            if len(rest) < 2 and not any(_FACT_KINDS[f][1].search(body) for f in facts):
                continue  # "is there a strike": one word shared, no fact the entry holds asked
            if ~n not in self.meant:  # (the answer's, beside the question's own)
                self.meant[~n] = embedder.embed([a.index.passages[number].text])[0]
            if asked is None:
                asked = embedder.question(text)
            meant = max(float(self._embedded(n, embedder) @ asked), float(self.meant[~n] @ asked))
            if meant >= SUBJECT_MEANT:
                return number, meant
        return None

    def _embedded(self, n: int, embedder: Embedder) -> Vectors:
        if n not in self.meant:
            self.meant[n] = embedder.embed([clean_question(self.said[n][0])])[0]
        return self.meant[n]


def own_questions(
    passages: Sequence[Passage], answered: set[int], partisan: Callable[[str], bool]
) -> list[tuple[str, int]]:
    """Each FAQ entry's own question with its passage, for entries no labelled phrasing
    answers (`answered`: the passages the phrasings vote for; a hand-off label says only
    that the content did not hold it then) and whose question does not ask for a view
    (`partisan`): that is the neutral answer's."""
    found = []
    for n, p in enumerate(passages):
        question = p.source.split(": ", 1)[-1]
        if p.kind == "faq" and faq_entry(p) and n not in answered and not partisan(question):
            found.append((question, n))
    return found


def preferred(
    a: ContentAnswerer,
    found: Answer,
    text: str,
    query: Sequence[str],
    now: datetime,
    known: Sequence[live.Known] = (),
) -> Answer:
    """The entry whose own question (or alias) the question is said like, or whose subject
    it asks a fact of, if it explains the question and holds the fact asked; else the answer
    found. A ballot's status or dates given for a question that names no ballot ("what time
    is the branch office open") yield to the entry of the thing it does name."""
    if not a.owned or not query:
        return found
    dated = not found.handoff and found.confidence >= LIVE
    if dated and (live.about(text) or live.named(query, known) or neutral.is_neutral(found.text)):
        return found  # a ballot's date or status, a ballot asked about; the neutral answer
    if found.handoff and not found.suggestions:
        return found  # a result, a rule bent, a ballot the content lacks: the rules'

    def fresh(number: int) -> bool:
        said = a.index.passages[number].text[:60]
        return found.handoff or not found.text.startswith(said)  # (else its answer already)

    def fits(number: int) -> bool:
        # (below: shares a word with it, asks about something else)
        return fresh(number) and a.index.coverage(query, a.index.scored(query, number)) >= COVERED

    entry = None if dated else a.owned.nearest(text, query, a.phrasebook, fits)
    entry = entry or a.owned.subject(text, query, a, fresh)
    if entry is None:
        return found
    number, similarity = entry
    passage = a.index.passages[number]
    body = trim(passage.text, query)
    asked = years_asked(text, now.date())
    hours = checks.asks(text) in ("when", "date") and _HOURS.search(body)  # "when is it open"
    if not hours and not checks.fits(text, body, passage.years, passage.dated, now.date(), asked):
        return found
    source = passage.source + (f" — {passage.link}" if passage.link else "")
    return Answer(body, (source,), round(min(similarity, 0.94), 3), False)
