"""One due-work loop for every kind of timed work.

A source says when its next item is due (read from the store) and fires whatever is due.
Ballot reminders, report action deadlines and consultation closes, scheduled broadcasts and
the retention sweep are sources. For each source one APScheduler wake-up is armed at its next
due time, and a sweep looks at every source now and then (work another process added). When
anything in this process changes what is due, it rings the doorbell and every source is
re-armed. A source runs one pass at a time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from contextlib import AsyncExitStack
from datetime import datetime
from typing import Protocol

from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.stopping import stop_task
from bot.scheduling.wakeups import Wakeups

log = logging.getLogger(__name__)


class DueSource(Protocol):
    name: str

    async def next_due(self) -> datetime | None:
        """When the next item falls due (None: nothing is waiting)."""
        ...

    async def fire_due(self) -> int:
        """Fire everything due now, each once; how many."""
        ...


class DueWork:
    def __init__(
        self,
        wakeups: Wakeups,
        clock: Clock,
        sources: Sequence[DueSource],
        bell: Doorbell,
        sweep_seconds: float = 30.0,
    ) -> None:
        self.wakeups, self.clock, self.bell = wakeups, clock, bell
        self.sources = {s.name: s for s in sources}
        self.sweep_seconds = sweep_seconds
        self._locks = {name: asyncio.Lock() for name in self.sources}
        self._listener: asyncio.Task[None] | None = None

    async def start(self, stack: AsyncExitStack) -> None:
        """Catch up on anything that fell due while the process was down, then arm."""
        self.wakeups.start(stack)
        seen = self.bell.rings  # a ring from here on means: look again
        for name in self.sources:
            await self.run(name)
        self.wakeups.every("due-sweep", self.sweep_seconds, self.sweep)
        self._listener = asyncio.create_task(self._listen(seen), name="due-work")
        stack.push_async_callback(self._stop)

    def failed(self) -> str | None:
        """Why the due work stopped listening (its task ended), if it did."""
        if self._listener is not None and self._listener.done():
            return "the due-work loop ended"
        return None

    async def _stop(self) -> None:
        if self._listener is not None:
            await stop_task(self._listener)

    async def _listen(self, seen: int) -> None:
        while True:
            seen = await self.bell.wait(seen)
            await self.rearm()

    async def rearm(self) -> None:
        for name, source in self.sources.items():
            self._arm(name, await source.next_due())

    def _arm(self, name: str, when: datetime | None) -> None:
        key = f"due-{name}"
        if when is None:
            self.wakeups.cancel(key)
        else:
            self.wakeups.at(key, when, lambda: self.run(name))

    async def run(self, name: str) -> int:
        """Fire what is due for one source until nothing more is, then arm its next wake-up."""
        source = self.sources[name]
        async with self._locks[name]:
            fired = 0
            while True:
                fired += await source.fire_due()
                upcoming = await source.next_due()
                if upcoming is None or upcoming > self.clock.now():
                    break  # else one fell due while we worked: go again
            self._arm(name, upcoming)
            return fired

    async def sweep(self) -> None:
        for name in self.sources:
            try:
                await self.run(name)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("due work %s failed; it stays due and is tried again", name)
