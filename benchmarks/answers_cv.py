"""Leave-one-writer-out cross-validation of the phrasings layer.

The labelled questions come from several writers (benchmarks/phrasings.py lists the files).
For each writer, the phrasings of all the others are shipped and the left-out writer's
questions are scored; the same questions are scored by the engine without phrasings
("before"). The mean over folds is what tells whether a change will transfer to a writer
the phrasings never saw. Caveat: the rules under both were tuned on all these writers, so
"before" is the rules' tuning figure, not a held-out one; what the folds measure honestly is
what other writers' phrasings add or break on a new writer's questions.

    python -m benchmarks.answers --cv            # the folds and their means, as JSON
    python -m benchmarks.answers --cv --misses   # with each fold's misses after the change
    python -m benchmarks.answers --cv --writers j,m   # those folds only (means over them)
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Sequence
from typing import Any

from benchmarks.phrasings import ZONE, build, labelled
from benchmarks.views import exemplars
from bot.answers.engine import ContentAnswerer
from bot.answers.neutral import names_standing
from bot.answers.quality import evaluate
from bot.answers.views import Views
from bot.content.loader import Content
from bot.services.calendar import UkWorkingDays

RATES = ("answer", "handoff", "partisan")


def _figures(scored: dict[str, Any]) -> dict[str, float]:
    found = {k: scored[k]["rate"] for k in RATES if scored[k]["questions"]}
    return found | {"confidently_wrong_rate": scored["confidently_wrong_rate"]}


def _mean(folds: dict[str, dict[str, Any]], side: str) -> dict[str, float]:
    keys = [*RATES, "confidently_wrong_rate"]
    return {
        k: round(statistics.mean(f[side][k] for f in folds.values() if k in f[side]), 3)
        for k in keys
    }


async def cross_validate(
    content: Content, misses: bool = False, only: Sequence[str] = ()
) -> dict[str, Any]:
    """Every writer's fold, or (`only`) the folds of the writers named."""
    items = list(labelled())
    phrasings, dropped = build(content)
    writers = sorted({i["writer"] for i in items} & set(only or {i["writer"] for i in items}))
    bare = dataclasses.replace(content, phrasings=())
    before = ContentAnswerer(bare, None, UkWorkingDays(), ZONE)
    embedder = before.phrasebook.embedder
    names = [n for d in content.ballots for n in names_standing(d.standing)]
    folds: dict[str, dict[str, Any]] = {}
    for writer in writers:
        asked = {"items": [i for i in items if i["writer"] == writer]}
        kept = tuple(p for p in phrasings if p.writer != writer)
        shipped = dataclasses.replace(content, phrasings=kept)
        # the partisan check's words model refitted without the writer's questions
        whom = Views.fitted([e for e in exemplars() if e.writer != writer], names, embedder)
        after = ContentAnswerer(shipped, None, UkWorkingDays(), ZONE, whom=whom)
        old = (await evaluate(before, asked, ZONE)).as_json()
        new = (await evaluate(after, asked, ZONE)).as_json(misses=misses)
        folds[writer] = {
            "questions": len(asked["items"]),
            "phrasings_shipped": len(kept),
            "overruled_by_phrasings": after.overruled,
            "of_them_by_meaning": after.meant,
            "handed_off_unsupported": after.doubted,
            "before": _figures(old),
            "after": _figures(new),
        } | ({"misses": new["misses"]} if misses else {})
    return {
        "folds": folds,
        "mean_before": _mean(folds, "before"),
        "mean_after": _mean(folds, "after"),
        "phrasings": len(phrasings),
        "dropped": len(dropped),
    }
