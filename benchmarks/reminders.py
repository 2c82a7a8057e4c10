"""1,000 ballots × 8 reminders: rebuilding the wake-ups after a restart, and how late
APScheduler-woken reminders are queued.

Phase one stores the ballots and their plans and exits, as a process would. Phase two is
the restart: a new app on the same database rebuilds the wake-ups from the store (timed),
then waits while the first reminder of every ballot falls due over a few seconds; each
one's lateness is the time from its due moment to its broadcast being queued.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.progress import Progress

from benchmarks.common import app_for, noon_zone
from bot.core.ballots import DEFAULT_OFFSETS
from bot.core.models import Ballot, BallotKind
from bot.scheduling.due import DueWork
from bot.scheduling.wakeups import Wakeups

# The seven default kinds and one more, for eight reminders a ballot.
OFFSETS = DEFAULT_OFFSETS | {"fortnight-before": ("closes", -14, 9)}


def _ballot(i: int, opens: datetime) -> Ballot:
    return Ballot(
        f"bench-{i:04d}",
        f"Bench ballot {i}",
        BallotKind.STATUTORY_POSTAL,
        opens_at=opens,
        closes_at=opens + timedelta(days=30),
        # The join-by reminder is two days before join-by at 09:00: far enough ahead that it
        # never falls due before the opening, whatever the hour the benchmark runs at.
        join_by=opens + timedelta(days=5),
        replacement_deadline=opens + timedelta(days=20),
    )


async def measure(db: Path, ballots: int = 1000, spread: float = 5.0) -> dict[str, Any]:
    # The first reminders fall due `lead` seconds from now, spread over `spread` seconds;
    # the lead covers planning and the restart (at 25 ms a ballot, a slow machine's planning
    # of 1,000 took 34 s of the 35, and the restart met reminders already due: 6.8 s to
    # rebuild, 2.7 s late; 60 ms a ballot leaves room for planning twice as slow again).
    lead = 10.0 + ballots * 0.06
    base = datetime.now(UTC) + timedelta(seconds=lead)
    step = spread / ballots
    # An "opens" reminder at night waits for the morning: run where it is about noon, or a run
    # between midnight and 7 London time fires nothing (the 03:45 UTC make bench, 2 December).
    zone = noon_zone()
    async with AsyncExitStack() as stack:
        app = await app_for(stack, db, None, None, BOT_TIMEZONE=zone)
        started = time.perf_counter()
        with Progress(transient=True) as progress:
            task = progress.add_task("planning ballots", total=ballots)
            for i in range(ballots):
                ballot = _ballot(i, base + timedelta(seconds=i * step))
                await app.store.ballots.upsert(ballot)
                await app.services.ballots.replan(ballot, OFFSETS)
                progress.advance(task)
        plan_s = time.perf_counter() - started
    stored = 0
    async with AsyncExitStack() as stack:  # the restart
        app = await app_for(stack, db, None, None, BOT_TIMEZONE=zone)
        started = time.perf_counter()
        wakeups = Wakeups(app.clock)
        await DueWork(wakeups, app.clock, app.due, app.due_bell).start(stack)
        rebuild_s = time.perf_counter() - started
        stored = len(await app.store.reminders.planned())
        jobs = wakeups.jobs()
        deadline = time.monotonic() + lead + spread + 30
        while app.reminders.fired < ballots and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        lateness = sorted(app.reminders.lateness)
    return {
        "ballots": ballots,
        "reminders_stored": stored,
        "wakeups": jobs,
        "plan_s": round(plan_s, 2),
        "rebuild_s": round(rebuild_s, 3),
        "fired": len(lateness),
        "missed": ballots - len(lateness),
        "lateness_median_s": round(statistics.median(lateness), 3) if lateness else None,
        "lateness_worst_s": round(lateness[-1], 3) if lateness else None,
    }
