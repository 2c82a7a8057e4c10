"""Wake-ups at stored times, on APScheduler 3's AsyncIOScheduler."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.stopping import stop_tasks

log = logging.getLogger(__name__)
Job = Callable[[], Awaitable[object]]


class Wakeups:
    def __init__(self, clock: object = None) -> None:
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        # A clock that does not run at real speed says when, in real time, it reads `when`.
        self._real = getattr(clock, "real_moment", None)
        self._running: set[asyncio.Task[object]] = set()

    def start(self, stack: AsyncExitStack) -> None:
        self.scheduler.start()
        stack.push_async_callback(self.stop)

    async def stop(self) -> None:
        """Stop waking, and stop jobs still running (APScheduler leaves them be): whatever
        they had not committed is still due in the store and runs again after a restart."""
        self.scheduler.shutdown(wait=False)
        # Not `suppress(BaseException): await task`: a job stuck in its cleanup (a database
        # call cancelled, its connection's close queued behind a lock) held the stop for
        # ever, and the caller's own cancellation (a shutdown's grace) was swallowed with it.
        await stop_tasks(self._running, reraise=False)

    def _tracked(self, job: Job) -> Job:
        async def run() -> object:
            task = asyncio.current_task()
            assert task is not None
            self._running.add(task)
            try:
                return await job()
            except asyncio.CancelledError:
                # Stopped on purpose (see stop): what the job had not committed is still
                # due in the store. Not an error for APScheduler to log.
                return None
            finally:
                self._running.discard(task)

        return run

    def at(self, key: str, when: datetime, job: Job) -> None:
        """Run `job` once at `when` (at once if that has passed); replaces a job of that key."""
        self.scheduler.add_job(
            self._tracked(job),
            DateTrigger((self._real(when) if self._real else when).astimezone(UTC)),
            id=key,
            name=key,
            replace_existing=True,
            misfire_grace_time=None,
            coalesce=True,
            # Re-armed from inside its own run: the new run must not be refused because
            # the old one is still finishing (jobs serialise themselves where they must).
            max_instances=4,
        )

    def every(self, key: str, seconds: float, job: Job) -> None:
        self.scheduler.add_job(
            self._tracked(job),
            IntervalTrigger(seconds=seconds),
            id=key,
            name=key,
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
