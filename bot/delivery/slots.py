"""The in-flight window: how many claimed deliveries may be under way at once.

Every delivery claimed is marked SENDING in the store, so after a crash exactly those are
in doubt; the window is what bounds the copies a crash can duplicate. It is as small as the
rate allows: rate × measured round trip × 1.25, divided by the share of sends the platform
accepted (refused sends need replacing), at least one. A send with no answer after
`stall_after` seconds is presumed hung: it stops holding a slot, so one hung request cannot
stall the rest, but it is still counted (`stalled`) as in doubt.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


class Slots:
    def __init__(self) -> None:
        self.live = 0
        self.stalled = 0
        self._changed = asyncio.Event()

    async def take(self, limit: Callable[[], int]) -> int:
        """Wait until a quarter of the window at least is free (claims come in batches),
        take every free slot and return how many."""
        while True:
            window = limit()
            if self.live <= window - max(1, window // 4):
                free = window - self.live
                self.live += free
                return free
            self._changed.clear()
            await self._changed.wait()

    def give_back(self, count: int) -> None:
        if count > 0:
            self.live -= count
            self._changed.set()

    def flight(self) -> Flight:
        return Flight(self)


class Flight:
    """One claimed delivery's slot, from claim to committed outcome."""

    def __init__(self, slots: Slots) -> None:
        self.slots = slots
        self.stalled = False
        self.done = False
        self._timer: asyncio.TimerHandle | None = None

    def watch(self, seconds: float) -> None:
        """The request is leaving: presume it hung if it has no answer within `seconds`."""
        self._timer = asyncio.get_running_loop().call_later(seconds, self._stall)

    def answered(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _stall(self) -> None:
        if not self.stalled and not self.done:
            self.stalled = True
            self.slots.stalled += 1
            self.slots.give_back(1)

    def release(self) -> None:
        """Its outcome is committed (or the process is stopping): the slot is free."""
        if self.done:
            return
        self.done = True
        self.answered()
        if self.stalled:
            self.slots.stalled -= 1
        else:
            self.slots.give_back(1)


def window(rate: float | None, round_trip: float, accepted: float, most: int) -> int:
    """Slots needed to keep `rate` sends a second going at this round trip."""
    if not rate:
        return most
    return max(1, min(most, math.ceil(rate * round_trip * 1.25 / max(accepted, 0.25))))


class OneAtATime:
    """Deliveries to one channel go one at a time in this process, each until its outcome is
    decided: a second row for a chat the first found blocked is then skipped, never sent."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def turn(self, channel_id: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(channel_id, (asyncio.Lock(), 0))
        self._locks[channel_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[channel_id]
            if users > 1:
                self._locks[channel_id] = (lock, users - 1)
            else:
                del self._locks[channel_id]
