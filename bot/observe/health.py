"""/health for a replica of several: its role, the lease, how late the work is, and 503
when this replica should be doing something and is not.

Unhealthy (503):
- the database cannot be read (nothing can be taken in or sent without it);
- this replica leads, deliveries are overdue and it has sent nothing for HEALTH_OVERDUE_SECONDS,
  or timed work (a reminder) has waited that long;
- no replica has held the lease for that long while work is overdue (every replica says so:
  the cluster, not one replica, is failing).
A standby is otherwise healthy: the leader's own /health says when the leader is not.

/ready is the load balancer's question, and the same on leader and standby: can this replica
take in webhooks and Slack events now? Taking in needs only the database (what comes in is
stored first, then handled), not the lease, so a cluster whose leader is failing still takes
in everything; 503 only while this replica cannot reach the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cluster.leadership import Leadership, Role
from bot.cluster.lease import LeaseView
from bot.core.clock import Clock
from bot.delivery.engine import Engine
from bot.observe.backlog import Backlog, read_backlog
from bot.scheduling.due import DueSource

Status = tuple[bool, dict[str, Any]]


class Progress:
    """When the leader's engine last sent something, sampled whenever anyone asks."""

    def __init__(self, engine: Callable[[], Engine | None]) -> None:
        self.engine = engine
        self._seen = self._sample()  # (id of the engine, messages it has sent)
        self.at = time.monotonic()

    def _sample(self) -> tuple[int, int]:
        engine = self.engine()
        return id(engine), sum(w.sent for w in engine.workers) if engine else 0

    def idle(self) -> float:
        """Seconds since the count of sent messages last moved (or a new engine started)."""
        seen = self._sample()
        if seen != self._seen:
            self._seen, self.at = seen, time.monotonic()
        return time.monotonic() - self.at


class ClusterHealth:
    def __init__(
        self,
        leadership: Leadership,
        database: AsyncEngine,
        sources: Sequence[DueSource],
        clock: Clock,
        limit: float,
        engine: Callable[[], Engine | None],
    ) -> None:
        self.leadership, self.database, self.sources = leadership, database, sources
        self.clock, self.limit = clock, limit
        self.progress = Progress(engine)

    async def __call__(self) -> Status:
        lead = self.leadership
        report: dict[str, Any] = {"role": lead.role.value, "epoch": lead.epoch}
        try:
            view = await lead.lease.view()
            backlog = await read_backlog(self.database, self.sources, self.clock.now())
        except Exception as error:
            report["problem"] = f"the database cannot be read: {type(error).__name__}"
            return False, report
        report["lease"] = _lease(view)
        report["overdue"] = {
            "delivery_seconds": round(backlog.delivery_late, 1),
            "reminder_seconds": round(backlog.source_late("reminders"), 1),
            "timed_work_seconds": round(backlog.timed_work_late, 1),
        }
        problem = self._problem(view, backlog)
        report["problem"] = problem or lead.problem  # the latter: told, not failing /health
        return problem is None, report

    def _problem(self, view: LeaseView | None, backlog: Backlog) -> str | None:
        overdue = max(backlog.delivery_late, backlog.timed_work_late) > self.limit
        if self.leadership.role is Role.LEADER:
            idle = self.progress.idle()
            if backlog.delivery_late > self.limit and idle > self.limit:
                return (
                    f"this replica leads and has sent nothing for {idle:.0f} s "
                    f"while deliveries are overdue"
                )
            if backlog.timed_work_late > self.limit:
                late = backlog.timed_work_late
                return f"this replica leads and timed work is {late:.0f} s overdue"
            return None
        if overdue and (view is None or (view.expires_in or 0.0) < -self.limit):
            return "no replica has led for a while and work is overdue"
        return None


def _lease(view: LeaseView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    left = None if view.expires_in is None else round(view.expires_in, 1)
    return {
        "holder": view.holder,
        "epoch": view.epoch,
        "age_seconds": round(view.age, 1),
        "expires_in_seconds": left,
    }


class Readiness:
    """/ready: this replica's role, and whether it can store what comes in (the database
    answers within `within` seconds)."""

    within = 2.0

    def __init__(self, leadership: Leadership, database: AsyncEngine) -> None:
        self.leadership, self.database = leadership, database

    async def __call__(self) -> Status:
        report: dict[str, Any] = {"role": self.leadership.role.value}
        try:
            async with asyncio.timeout(self.within), self.database.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as error:
            report["problem"] = f"the database cannot be reached: {type(error).__name__}"
            return False, report
        return True, report
