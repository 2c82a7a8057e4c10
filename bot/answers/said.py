"""What is said in answer: the passage, with those said together with it, each cut to the
sentences that share words with the question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answers.index import Hit
from bot.answers.text import stem, words
from bot.content.passages import Passage


def together(hit: Hit, hits: Sequence[Hit]) -> list[Passage]:
    """The passage, with those that match almost as well from its group (a report
    item's summary and decision, two branches in one town) or the same section of
    another ballot ("How to vote" in each open ballot), in the content's order."""
    found = [hit]
    for other in hits:
        if other.score < 0.85 * hit.score or any(
            other.passage.text == h.passage.text for h in found
        ):
            continue  # an FAQ entry found again by another phrasing is said once
        if other.passage.group == hit.passage.group or _parallel(hit.passage, other.passage):
            found.append(other)
    return [h.passage for h in sorted(found[:4], key=lambda h: h.index)]


def _parallel(one: Passage, other: Passage) -> bool:
    section = one.group.removeprefix(one.doc)
    return (
        one.kind == other.kind == "ballot"
        and one.doc != other.doc
        and bool(section)
        and other.group.removeprefix(other.doc) == section
    )


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z/])")


def trim(text: str, query: Sequence[str], longest: int = 420) -> str:
    """A long passage cut to the sentences that share words with the question."""
    if len(text) <= longest:
        return text
    sentences = _SENTENCE.split(text)
    asked = set(query)
    scored = [len(asked & {stem(w) for w in words(s)}) for s in sentences]
    best = max(scored)
    kept = [s for s, n in zip(sentences, scored, strict=True) if n and n >= best / 2]
    return " ".join(kept) if kept else text
