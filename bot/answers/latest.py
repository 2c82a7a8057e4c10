"""Of two meeting reports that both hold an item matching the question, the one whose item
matches best; on a tie, the newer meeting.

The labelled phrasings were written when the content held one report (November 2020): a
report added since, which no phrasing votes for, lost to it even where its own item matched
the question far better ("what did the NEC decide about the pay ballot timetable?" got the
2020 item on ballot readiness, not the 2027 item "Pay ballot timetable"). So an answer from
one report's item stands only if no other report's item explains more of the question in
its own words (within TIE of each other is a tie, which the newer meeting wins).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.core.services import Answer

if TYPE_CHECKING:
    from bot.answers.engine import ContentAnswerer

TIE = 0.02  # shares of the question this near each other are a tie


def best_report(
    a: ContentAnswerer,
    ruled: Answer,
    found: Answer,
    text: str,
    query: Sequence[str],
    now: datetime,
) -> Answer:
    """The answer found, or, if it is one report's item and another report's item matches
    the question better (or as well, from a newer meeting), that one's."""
    if found.handoff or len(a.content.reports) < 2:
        return found
    said = _report_of(a, found)
    if said is None:
        return found
    best = {f"report:{r.id}": (_best(a, r.id, query), r.date) for r in a.content.reports}
    top = max(score for score, _ in best.values())
    tied = [doc for doc, (score, _) in best.items() if score >= top * (1 - TIE)]
    winner = max(tied, key=lambda doc: best[doc][1])
    if winner == said or top <= 0:
        return found
    if _report_of(a, ruled) == winner:
        return ruled
    hits = sorted(
        (a.index.scored(query, n) for n in _items(a, winner)), key=lambda h: (-h.score, h.index)
    )
    other = a._retrieved(text, query, hits, now)  # (its checks: the fact asked, the year)
    return found if other.handoff else other


def _report_of(a: ContentAnswerer, answer: Answer) -> str | None:
    """The report an answer is said from (its first source)."""
    if answer.handoff or not answer.sources:
        return None
    source = answer.sources[0]
    said = [r for r in a.content.reports if source.startswith(r.title + ":")]
    return f"report:{max(said, key=lambda r: len(r.title)).id}" if said else None


def _items(a: ContentAnswerer, doc: str) -> list[int]:
    title = next(r.title for r in a.content.reports if f"report:{r.id}" == doc)
    return [
        n
        for n, p in enumerate(a.index.passages)
        if p.doc == doc and p.source.startswith(title + ":")
    ]


def _best(a: ContentAnswerer, report: str, query: Sequence[str]) -> float:
    """How much of the question the report's best matching item explains, in the report's
    own words (not the words of the phrasings that vote for it, which only the older
    reports have)."""
    own = a._own  # (the content's own words, passage by passage)
    return max(
        (
            a.index.coverage(query, a.index.scored(query, n), own=own[n] if n < len(own) else None)
            for n in _items(a, f"report:{report}")
        ),
        default=0.0,
    )
