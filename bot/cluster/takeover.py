"""The inbox after a replica dies: rows it stored and claimed, but never handled, are taken
over by the leader and handled once.

A row is stranded when it is still RECEIVED and its claim is held by no live worker (see
heartbeat: not seen for a lease's length), or was let go of after a failure. The leader looks
every few seconds; taking a row over is one conditional UPDATE (still held by that dead
worker, or by none), so two replicas never both get it; the new claim is this replica's,
and the row is handled like any other (bot/adapters/inbox.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.adapters.inbox import Ingress, Work
from bot.cluster.heartbeat import live_workers
from bot.core.clock import Clock
from bot.core.ports import InboxRepo
from bot.core.stopping import stop_task

log = logging.getLogger(__name__)
GRACE = timedelta(seconds=2)  # a row this young is still being accepted by its replica


class Takeover:
    def __init__(
        self,
        inbox: InboxRepo,
        engine: AsyncEngine,
        clock: Clock,
        ingress: Ingress,
        work_for: Callable[[str], Work | None],
        dead_after: float,
        every: float = 2.0,
    ) -> None:
        self.inbox, self.engine, self.clock, self.ingress = inbox, engine, clock, ingress
        self.work_for, self.dead_after, self.every = work_for, dead_after, every
        self.taken = 0
        self._task: asyncio.Task[None] | None = None

    async def start(self, stack: AsyncExitStack) -> None:
        await self.sweep()
        self._task = asyncio.create_task(self._run(), name="inbox-takeover")
        stack.push_async_callback(self._stop)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self.sweep()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("inbox takeover: sweep failed (%s)", type(error).__name__)

    async def _stop(self) -> None:
        if self._task is not None:
            await stop_task(self._task)

    async def sweep(self) -> int:
        """Take over and start handling every stranded row; how many."""
        worker = self.ingress.worker
        live = await live_workers(self.engine, worker, self.dead_after)
        now = self.clock.now()
        taken = 0
        for item in await self.inbox.stranded(live, now - GRACE, 100):
            work = self.work_for(item.source)
            if work is None:
                continue  # no adapter here for it (a platform not configured on this one)
            mine = await self.inbox.take_over(item.key, item.claimed_by, worker, now)
            if mine is None:
                continue  # its worker came back, or another replica took it first
            log.warning("inbox: a %s left unhandled by %s is handled here", item.source,
                        "a stopped replica" if item.claimed_by else "a failed attempt")  # fmt: skip
            self.ingress.start(mine, work)
            taken += 1
        self.taken += taken
        return taken
