"""A small BM25 index over the content, with the words members actually use."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from bot.content.loader import Content
from bot.core.context import Answer

_WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset(
    "a an and are as at be by can do does for from how i if in is it me my of on or so that the "
    "this to was we what when where which who will with you your our has have had "
    "get got need should there any about please tell want know whats s re ve am us its "
    "there their them they much many also just still doing going done make union".split()
)
# Members' words → the words the content uses.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "vote": ("ballot", "voting"),
    "voting": ("ballot", "vote"),
    "ballot": ("vote",),
    "deadline": ("closes", "close"),
    "closing": ("closes", "close"),
    "shut": ("closes",),
    "end": ("closes",),
    "locals": ("local",),
    "pension": ("pensions",),
    "wages": ("pay",),
    "salary": ("pay",),
    "strike": ("industrial", "action"),
    "rep": ("representative",),
    "sign": ("signed", "petition"),
    "agm": ("agms",),
    "zoom": ("virtual",),
    "paper": ("papers",),
    "post": ("posting", "postal"),
    "spoiled": ("spoilt",),
    "ruined": ("spoilt",),
    "damaged": ("spoilt",),
    "mistake": ("spoilt",),
    "representative": ("rep",),
    "steward": ("rep",),
    "subs": ("subscriptions",),
}


PHRASES = (
    ("national executive committee", "nec"),
    ("national executive", "nec"),
    ("closing date", "closes"),
    ("last day", "deadline"),
)


def tokens(text: str) -> list[str]:
    text = text.lower()
    for phrase, word in PHRASES:
        text = text.replace(phrase, f"{phrase} {word}")
    return [w for w in _WORD.findall(text) if w not in STOP]


def expand(words: list[str]) -> list[str]:
    out = list(words)
    for word in words:
        out.extend(SYNONYMS.get(word, ()))
        if word.endswith("s") and len(word) > 3:
            out.append(word[:-1])
        if word.endswith("ing") and len(word) > 5:
            out.append(word[:-3])
    return out


@dataclass(frozen=True)
class Entry:
    title: str
    text: str
    source: str
    link: str | None
    fields: str


def entries_from(content: Content) -> list[Entry]:
    found: list[Entry] = []
    for faq in content.faqs:
        for e in faq.entries:
            words = " ".join([e.question, e.question, *e.keywords, *e.keywords, e.answer])
            link = str(e.link) if e.link else None
            found.append(Entry(e.question, e.answer, "FAQ: " + e.question, link, words))
    for c in content.campaigns:
        link = str(c.link) if c.link else None
        found.append(
            Entry(c.title, c.summary, c.title, link, " ".join([c.title, c.summary, *c.keywords]))
        )
        if c.petition:
            p = c.petition
            found.append(
                Entry(
                    p.title,
                    f"Sign the petition “{p.title}”: {p.url}",
                    c.title,
                    str(p.url),
                    f"petition sign signed {p.title}",
                )
            )
    for b in content.ballots:
        link = str(b.info_url) if b.info_url else None
        when = (
            f"{b.title}: opens {b.opens:%A %-d %B %Y} and closes at {b.closes:%H:%M} "
            f"on {b.closes:%A %-d %B %Y}."
        )
        fields = " ".join(
            [
                b.title,
                b.title,
                b.summary,
                *b.keywords,
                "open opens close closes closing date deadline when dates ballot election vote",
            ]
        )
        found.append(Entry(b.title, when, b.title, link, fields))
    for r in content.reports:
        for item in r.items:
            text = f"{item.title}: {item.decision}"
            fields = " ".join([item.title, item.summary, item.decision, *item.keywords, r.meeting])
            found.append(Entry(item.title, text, r.title, None, fields))
    for cm in content.committees:
        text = (
            f"The {cm.title} ({cm.short}) meets {cm.meets}, chaired by {cm.chair}. "
            f"It is made up of {cm.composition}."
        )
        found.append(
            Entry(
                cm.title,
                text,
                cm.title,
                None,
                " ".join([cm.title, cm.short, cm.purpose, text, *cm.keywords]),
            )
        )
    return found


class Bm25Answerer:
    def __init__(
        self, entries: list[Entry], threshold: float = 2.5, min_coverage: float = 0.5
    ) -> None:
        self.entries = entries
        self.threshold = threshold
        self.min_coverage = min_coverage
        self.docs = [Counter(expand(tokens(e.fields))) for e in entries]
        self._avg = sum(sum(d.values()) for d in self.docs) / max(1, len(self.docs))
        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(doc.keys())
        n = len(self.docs)
        self.idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}

    def scores(self, question: str) -> list[tuple[float, int]]:
        words = expand(tokens(question))
        ranked = []
        for index, doc in enumerate(self.docs):
            length = sum(doc.values())
            score = 0.0
            for word in words:
                tf = doc.get(word, 0)
                if tf:
                    score += (
                        self.idf[word] * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / self._avg))
                    )
            ranked.append((score, index))
        return sorted(ranked, reverse=True)

    def coverage(self, question: str, index: int) -> float:
        """The share of the question's words that the entry knows (itself or a synonym)."""
        words = set(tokens(question))
        if not words:
            return 0.0
        doc = self.docs[index]
        known = sum(1 for w in words if any(x in doc for x in expand([w])))
        return known / len(words)

    def answer(self, question: str) -> Answer:
        ranked = self.scores(question)
        if not ranked:
            return Answer("", (), 0.0, True, ())
        score, index = ranked[0]
        covered = self.coverage(question, index)
        # Confidence: a strong match that explains most of the question's words.
        confidence = min(1.0, score / (self.threshold * 3)) * covered
        if score < self.threshold or covered < self.min_coverage:
            near = [self.entries[i].title for s, i in ranked[:3] if s > 0]
            return Answer("", (), confidence, True, tuple(near))
        entry = self.entries[index]
        source = entry.source + (f" — {entry.link}" if entry.link else "")
        return Answer(entry.text, (source,), confidence, False)
