"""A nearest-neighbour vote over labelled phrasings (campaigns/phrasings.yaml, organisers'
/faq alias phrasings): the ways members have asked, each tied to what answers it.

A question and each phrasing are vectors: TF-IDF over the question's stems (misspellings
corrected, synonyms mapped, as the passage search has them) and over the letters of its words
(4-grams, for typos and other endings), compared by cosine similarity. The nearest phrasings
vote, each by its similarity squared, for an outcome: a passage (or several) of the content,
a ballot's live date, a hand-off, the neutral answer. A second vote (`meant`) is the same
over sentence embeddings (bot/answers/embedding.py): the phrasings nearest in meaning, in
whatever words.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from bot.answers.embedding import Embedder, Vectors
from bot.answers.index import field_words
from bot.answers.text import QUESTION_WORDS, STOP, clean_question, normalise, stem
from bot.content.loader import Content
from bot.content.passages import Passage
from bot.content.phrasings import Phrasing

Postings = dict[str, tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]]
NEAREST = 7  # phrasings that vote
FLOOR = 0.2  # similarity below which a phrasing has no say
CHARS = 0.3  # the letters' share of the similarity, the words having the rest
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Outcome:
    kind: str  # answer, live, handoff, partisan
    passages: tuple[int, ...] = ()  # for an answer: the passages that hold it
    ballot: str = ""  # for a live date: the ballot and the slot
    slot: str = ""


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome  # the winning kind, with its best target
    kind: str
    nearest: float  # similarity of the nearest phrasing of that kind
    share: float  # that kind's share of the vote
    votes: dict[int, float]  # for an answer: each passage's vote
    covers: float  # the idf-weighted share of the question's words the nearest phrasing of
    # that kind has too (1.0: it asks about every word the question asks about)


def _normed(vector: dict[str, float]) -> dict[str, float]:
    length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / length for k, v in vector.items()}


def _letters(text: str) -> list[str]:
    grams = []
    for token in _TOKEN.findall(normalise(text)):
        if token in STOP or len(token) < 3:
            continue
        padded = f"<{token}>"
        grams += ["#" + padded[i : i + 4] for i in range(len(padded) - 3)]
    return grams


def _asked(text: str) -> list[str]:
    """What kind of question: who, when, where… (stop words for the search, not here)."""
    return ["?" + t for t in _TOKEN.findall(text.lower()) if t in QUESTION_WORDS]


class Phrasebook:
    """Phrasings and their outcomes; grown at run time by organisers' alternative phrasings."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder = embedder if embedder is not None and embedder.available() else None
        self._vectors: list[Vectors] = []  # each batch's embeddings, in order
        self._meant: Vectors | None = None
        self.outcomes: list[Outcome] = []
        self.texts: list[str] = []
        self._raw: list[tuple[list[str], list[str]]] = []
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._idf: dict[str, float] = {}
        self._idf_most = 1.0  # the weight of a term no phrasing has
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.outcomes)

    def add(self, found: Iterable[tuple[str, Sequence[str], Outcome]], keep: bool = False) -> None:
        """(text, its stems as the search reads them, outcome) for each phrasing; `keep`: the
        content's own phrasings, whose embeddings are kept on disk (not organisers' additions)."""
        start = len(self.texts)
        for text, stems, outcome in found:
            self.texts.append(text)
            self.outcomes.append(outcome)
            self._raw.append(([*stems, *_asked(text)], _letters(text)))
        if self.embedder is not None and len(self.texts) > start:
            said = [clean_question(t) for t in self.texts[start:]]
            self._vectors.append(self.embedder.embed(said, keep=keep))
            self._meant = np.concatenate(self._vectors)
        self._build()

    def _build(self) -> None:
        df: defaultdict[str, int] = defaultdict(int)
        for terms, grams in self._raw:
            for feature in {*terms, *grams}:
                df[feature] += 1
        n = len(self._raw)
        self._idf = {f: math.log((n + 1) / (c + 1)) + 1.0 for f, c in df.items()}
        self._idf_most = max(self._idf.values(), default=1.0)
        postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, (terms, grams) in enumerate(self._raw):
            for feature, weight in self._vector(terms, grams).items():
                postings[feature].append((i, weight))
        self._postings = dict(postings)
        # the same as arrays, summed by numpy (`nearest`): the Python loop over them was most
        # of an answer's time once phrasings passed 4,000
        self._arrays = {
            f: (np.fromiter((i for i, _ in p), np.intp), np.fromiter((w for _, w in p), float))
            for f, p in self._postings.items()
        }

    def _vector(self, terms: Sequence[str], grams: Sequence[str]) -> dict[str, float]:
        """Words and letters, each normalised, then weighted by their share."""
        idf = self._idf
        parts = []
        for features, share in ((terms, 1.0 - CHARS), (grams, CHARS)):
            counts: defaultdict[str, float] = defaultdict(float)
            for f in features:
                if f in idf:
                    counts[f] += idf[f]
            parts.append({k: v * math.sqrt(share) for k, v in _normed(counts).items()})
        return parts[0] | parts[1]

    def nearest(self, text: str, stems: Sequence[str]) -> list[tuple[float, int]]:
        """The phrasings most like the question, most alike first, with their similarity."""
        if not self.outcomes:
            return []
        query = self._vector([*stems, *_asked(text)], _letters(text))
        held = [(self._arrays[f], w) for f, w in query.items() if f in self._arrays]
        if not held:
            return []
        scores = np.bincount(
            np.concatenate([ids for (ids, _), _ in held]),
            weights=np.concatenate([theirs * w for (_, theirs), w in held]),
            minlength=len(self.outcomes),
        )
        near = np.flatnonzero(scores >= FLOOR)
        best = sorted(((float(scores[i]), int(i)) for i in near), reverse=True)
        return best[:NEAREST]

    def postings(self, others: Sequence[tuple[str, Sequence[str]]]) -> Postings:
        """Phrasings that do not vote, (text, stems) each, as vectors weighed by this book's
        idf, arranged for `likeness`."""
        found: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
        for n, (text, stems) in enumerate(others):
            for feature, weight in self._vector([*stems, *_asked(text)], _letters(text)).items():
                found[feature].append((n, weight))
        return {
            f: (np.fromiter((i for i, _ in p), np.intp), np.fromiter((w for _, w in p), float))
            for f, p in found.items()
        }

    def likeness(
        self, text: str, stems: Sequence[str], others: Postings, count: int
    ) -> npt.NDArray[np.float64]:
        """The question's similarity in words to each of `count` phrasings (`postings`)."""
        query = self._vector([*stems, *_asked(text)], _letters(text))
        held = [(others[f], w) for f, w in query.items() if f in others]
        if not held:
            return np.zeros(count)
        return np.bincount(
            np.concatenate([ids for (ids, _), _ in held]),
            weights=np.concatenate([theirs * w for (_, theirs), w in held]),
            minlength=count,
        ).astype(np.float64, copy=False)

    def _covered(self, terms: Sequence[str], phrasing: int) -> float:
        theirs, idf, most = set(self._raw[phrasing][0]), self._idf, self._idf_most
        weights = {t: idf.get(t, most) for t in terms}
        total = sum(weights.values()) or 1.0
        return sum(w for t, w in weights.items() if t in theirs) / total

    def meant(self, text: str, stems: Sequence[str]) -> Verdict | None:
        """The vote of the phrasings nearest the question in meaning (cosine similarity of
        their sentence embeddings); None without the model."""
        if self.embedder is None or self._meant is None:
            return None
        alike = self._meant @ self.embedder.question(text)
        best = np.argsort(-alike, kind="stable")[:NEAREST]
        return self._verdict(
            [(float(alike[i]), int(i)) for i in best if alike[i] >= FLOOR], text, stems
        )

    def vote(self, text: str, stems: Sequence[str]) -> Verdict | None:
        return self._verdict(self.nearest(text, stems), text, stems)

    def _verdict(
        self, near: list[tuple[float, int]], text: str, stems: Sequence[str]
    ) -> Verdict | None:
        if not near:
            return None
        by_kind: defaultdict[str, float] = defaultdict(float)
        for sim, i in near:
            by_kind[self.outcomes[i].kind] += sim * sim
        kind = max(by_kind, key=lambda k: (by_kind[k], k))
        chosen = [(sim, self.outcomes[i]) for sim, i in near if self.outcomes[i].kind == kind]
        votes: defaultdict[int, float] = defaultdict(float)
        live: defaultdict[tuple[str, str], float] = defaultdict(float)
        for sim, outcome in chosen:
            for p in outcome.passages:
                votes[p] += sim * sim
            if outcome.kind == "live":
                live[(outcome.ballot, outcome.slot)] += sim * sim
        outcome = chosen[0][1]
        nearest = next(i for _, i in near if self.outcomes[i].kind == kind)
        covers = self._covered([*stems, *_asked(text)], nearest)
        if live:
            ballot, slot = max(live, key=lambda k: (live[k], k))
            outcome = Outcome("live", (), ballot, slot)
        share = by_kind[kind] / sum(by_kind.values())
        return Verdict(outcome, kind, chosen[0][0], share, dict(votes), covers)


def file_of(content: Content) -> Callable[[Passage], str]:
    """The content file a passage comes from, relative to the content folder."""
    files: dict[str, str] = {"structure": content.structure.source_file}
    for prefix, docs in (
        ("campaign", content.campaigns),
        ("ballot", content.ballots),
        ("report", content.reports),
        ("committee", content.committees),
    ):
        files |= {f"{prefix}:{d.id}": d.source_file for d in docs}
    for faq in content.faqs:
        for entry in faq.entries:
            files[f"faq:{entry.id}"] = faq.source_file

    def found(passage: Passage) -> str:
        path = files.get(passage.group if passage.kind == "faq" else passage.doc, "")
        return path.split("/", 1)[1] if "/" in path else path

    return found


def holding(
    phrasing: Phrasing, passages: Sequence[Passage], where: Callable[[Passage], str]
) -> tuple[int, ...]:
    """The passages of the phrasing's source file that hold one of its strings and none of
    the strings it must not say."""
    found = []
    for number, passage in enumerate(passages):
        if phrasing.source and where(passage) != phrasing.source:
            continue
        said = f"{passage.text} {passage.source} {passage.link or ''}".lower()
        if any(h.lower() in said for h in phrasing.holds) and not any(
            n.lower() in said for n in phrasing.not_
        ):
            found.append(number)
    return tuple(found)


def outcome_of(
    phrasing: Phrasing, passages: Sequence[Passage], where: Callable[[Passage], str]
) -> Outcome | None:
    """What a phrasing stands for in this content; None when nothing here holds it."""
    if phrasing.kind != "answer":
        return Outcome(phrasing.kind)
    if phrasing.live and phrasing.ballot:
        return Outcome("live", (), phrasing.ballot, phrasing.live)
    held = holding(phrasing, passages, where)
    return Outcome("answer", closest(phrasing.q, held, passages)) if held else None


def closest(text: str, held: Sequence[int], passages: Sequence[Passage]) -> tuple[int, ...]:
    """Of the passages holding the fact, those sharing most words with the phrasing: "put
    the wrong cross on it, can I get another" is the FAQ on spoilt papers, not the one on
    addresses that also says "replacement"."""
    asked = {s for _, s in field_words(text)}
    shared = {
        i: len(asked & {s for t, _ in passages[i].fields for _, s in field_words(t)}) for i in held
    }
    most = max(shared.values())
    return tuple(i for i in held if shared[i] == most)


ASKED_WEIGHT = 0.5  # members' words for a passage, as a field of its own
ASKED_MOST = 3  # a phrasing answered by more passages than this says little about each
# A ballot's passages are left as they are: the engine reads a ballot's own words to tell a
# question about its dates from one about something else.
ASKED_NOT = frozenset({"ballot"})


def asked_as(
    passages: Sequence[Passage],
    found: Sequence[tuple[str, Outcome | None]],
    aside: Collection[str] = frozenset(),
) -> list[Passage]:
    """The passages, each with the words of the phrasings it answers as a field of its own
    (the search then finds a passage in the words members use for it). `aside`: stems
    that say where the asker works ("branch sec at DWP Glasgow, …"), kept only for a
    passage whose own words have them."""
    said: defaultdict[int, list[str]] = defaultdict(list)
    for text, outcome in found:
        if outcome is not None and 0 < len(outcome.passages) <= ASKED_MOST:
            for number in outcome.passages:
                said[number] += _TOKEN.findall(normalise(text))
    if not ASKED_WEIGHT:
        return list(passages)
    return [
        replace(p, fields=(*p.fields, (_members_words(p, said[n], aside), ASKED_WEIGHT)))
        if n in said and p.kind not in ASKED_NOT
        else p
        for n, p in enumerate(passages)
    ]


def _members_words(passage: Passage, said: Sequence[str], aside: Collection[str]) -> str:
    own = {s for t, _ in passage.fields for _, s in field_words(t)}
    kept = [w for w in dict.fromkeys(said) if stem(w) not in aside or stem(w) in own]
    return " ".join(kept)
