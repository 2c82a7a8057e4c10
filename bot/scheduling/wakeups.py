"""Wake-ups at stored times, on APScheduler 3's AsyncIOScheduler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)
Job = Callable[[], Awaitable[object]]


class Wakeups:
    def __init__(self) -> None:
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    def start(self, stack: AsyncExitStack) -> None:
        self.scheduler.start()
        stack.callback(self.scheduler.shutdown, wait=False)

    def at(self, key: str, when: datetime, job: Job) -> None:
        """Run `job` once at `when` (at once if that has passed); replaces a job of that key."""
        self.scheduler.add_job(
            job,
            DateTrigger(when.astimezone(UTC)),
            id=key,
            replace_existing=True,
            misfire_grace_time=None,
            coalesce=True,
        )

    def every(self, key: str, seconds: float, job: Job) -> None:
        self.scheduler.add_job(
            job,
            IntervalTrigger(seconds=seconds),
            id=key,
            replace_existing=True,
            misfire_grace_time=None,
            coalesce=True,
            max_instances=1,
        )

    def cancel(self, key: str) -> None:
        job = self.scheduler.get_job(key)
        if job is not None:
            job.remove()

    def jobs(self) -> int:
        return len(self.scheduler.get_jobs())
