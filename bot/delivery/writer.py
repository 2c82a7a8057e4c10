"""Group commit: outcomes of many sends written in one transaction, as soon as possible."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.exc import OperationalError

from bot.core.models import Outcome
from bot.core.ports import DeliveryRepo

log = logging.getLogger(__name__)


class OutcomeWriter:
    """Whatever has queued up while the last commit ran goes in the next one.

    Under load a commit carries hundreds of outcomes; when quiet, each goes at once. The
    window in which a sent message is not yet recorded is one commit long.
    """

    def __init__(
        self,
        deliveries: DeliveryRepo,
        after: Callable[[Sequence[Outcome]], Awaitable[None]] | None = None,
    ) -> None:
        self._deliveries = deliveries
        self._after = after
        self._queue: list[Outcome] = []
        self._ready = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self.written = 0

    def put(self, outcome: Outcome) -> None:
        self._queue.append(outcome)
        self._idle.clear()
        self._ready.set()

    async def flush(self) -> None:
        await self._idle.wait()

    async def run(self) -> None:
        while True:
            await self._ready.wait()
            self._ready.clear()
            batch, self._queue = self._queue, []
            if batch:
                await self._write(batch)
            if not self._queue:
                self._idle.set()

    async def _write(self, batch: list[Outcome]) -> None:
        for attempt in range(8):
            try:
                await self._deliveries.apply(batch)
                break
            except OperationalError as error:
                log.warning(
                    "delivery outcomes not written yet (%s); retrying", type(error).__name__
                )
                await asyncio.sleep(min(2.0, 0.05 * 2**attempt))
        else:
            raise RuntimeError("could not record delivery outcomes")
        self.written += len(batch)
        if self._after is not None:
            await self._after(batch)
