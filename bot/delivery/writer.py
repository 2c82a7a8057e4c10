"""Group commit: outcomes of many sends written in one transaction, as soon as possible."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.exc import OperationalError

from bot.core.models import Outcome
from bot.core.ports import DeliveryRepo

log = logging.getLogger(__name__)
Queued = tuple[Outcome, "asyncio.Future[None]"]


class OutcomeWriter:
    """Whatever has queued up while the last commit ran goes in the next one.

    Under load a commit carries hundreds of outcomes; when quiet, each goes at once. Each
    `put` returns a future that resolves once that outcome is committed.
    """

    def __init__(
        self,
        deliveries: DeliveryRepo,
        after: Callable[[Sequence[Outcome]], Awaitable[None]] | None = None,
    ) -> None:
        self._deliveries = deliveries
        self._after = after
        self._queue: list[Queued] = []
        self._ready = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self.written = 0

    def put(self, outcome: Outcome) -> asyncio.Future[None]:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((outcome, done))
        self._idle.clear()
        self._ready.set()
        return done

    async def flush(self) -> None:
        await self._idle.wait()

    async def run(self) -> None:
        while True:
            await self._ready.wait()
            self._ready.clear()
            queued, self._queue = self._queue, []
            if queued:
                await self._write(queued)
            if not self._queue:
                self._idle.set()

    async def _write(self, queued: list[Queued]) -> None:
        batch = [outcome for outcome, _ in queued]
        for attempt in range(8):
            try:
                await self._deliveries.apply(batch)
                break
            except OperationalError as error:
                log.warning("outcomes not written yet (%s); retrying", type(error).__name__)
                await asyncio.sleep(min(2.0, 0.05 * 2**attempt))
        else:
            failure = RuntimeError("could not record delivery outcomes")
            for _, done in queued:
                if not done.done():
                    done.set_exception(failure)
            raise failure
        self.written += len(batch)
        for _, done in queued:
            if not done.done():
                done.set_result(None)
        if self._after is not None:
            await self._after(batch)
