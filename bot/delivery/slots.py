"""The in-flight window: how many claimed deliveries may be under way at once.

Every delivery claimed is marked SENDING in the store, so after a crash exactly those are
in doubt; the window is what bounds the copies a crash can duplicate. It is as small as the
rate allows: rate × measured cycle × 1.25, divided by the share of sends the platform
accepted (refused sends need replacing), plus one; and never more than a quarter
second's worth of sends (Telegram 8, Slack 3), or 2.5 median round trips' worth where that
is more (`most_in_doubt`), in doubt at once, hung ones included, so a crash on a starved
machine (where claims and commits take long, but round trips need not) duplicates no more
than that. The cycle is how long a slot is held, on average,
for one send, other than waiting for its turn: the mean time in the air (measured by the
pacer, sends that hung until their timeout included) plus the mean time to claim the row
and to commit its outcome (measured here), since a slot is freed only once the outcome is
committed. Means, not medians: by Little's law the slots busy at a rate are the rate times
the mean time each is held, and at the fault run's 3% of sends hanging for a second the
median round trip left Telegram's window at 5 where 7 were busy. The one more is for the
spread around the mean: sized to the mean alone, the pacer found no send waiting when one
could leave a tenth of the time in the fault run (3% of sends hang; a few at once take a
place each). A send with no answer after `stall_after` seconds in the air (a few round
trips; time spent waiting for its turn at the pacer does not count) is presumed hung: it
stops holding a slot, so a hung request does not hold a place that keeps the pacer fed
until its timeout, but it is still counted (`stalled`) as in doubt, under the cap. One
timer looks at every send under way (a timer per send cost more than the rest of the
slot's bookkeeping).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable

KEPT = 32  # recent cycles whose median is used


class Slots:
    def __init__(self) -> None:
        self.live = 0
        self.stalled = 0
        self._changed = asyncio.Event()
        self._overheads: deque[float] = deque(maxlen=KEPT)
        self._watched: set[Flight] = set()  # sends under way that may yet be presumed hung
        self._sweep: asyncio.TimerHandle | None = None
        self._sweep_at = math.inf

    def overhead(self) -> float:
        """The mean time recent slots were held beyond their time in the air: claiming the
        row and committing its outcome (0 before any). The mean, not the median: the window
        must cover the time slots are held on average, slow commits included."""
        if not self._overheads:
            return 0.0
        return sum(self._overheads) / len(self._overheads)

    def held(self, seconds: float) -> None:
        self._overheads.append(max(0.0, seconds))

    async def take(self, limit: Callable[[], int]) -> int:
        """Wait until a quarter of the window at least is free (claims come in batches),
        take every free slot and return how many."""
        while True:
            window = limit()
            if window > 0 and self.live <= window - max(1, window // 4):
                free = window - self.live
                self.live += free
                return free
            self._changed.clear()
            await self._changed.wait()

    def give_back(self, count: int) -> None:
        """Slots freed (0: a hung send settled, which frees room under the cap)."""
        self.live -= count
        self._changed.set()

    def flight(self, claimed_in: float = 0.0) -> Flight:
        return Flight(self, claimed_in)

    # --- one timer for every send under way, not one each --------------------------------

    def watch(self, flight: Flight, seconds: float) -> None:
        """Look at `flight` again in `seconds` at the latest: the one timer is moved earlier
        if it would come later than that."""
        self._watched.add(flight)
        loop = asyncio.get_running_loop()
        due = loop.time() + max(seconds, 0.01)
        if due < self._sweep_at:
            self._arm(loop, due)

    def unwatch(self, flight: Flight) -> None:
        self._watched.discard(flight)

    def _arm(self, loop: asyncio.AbstractEventLoop, at: float) -> None:
        if self._sweep is not None:
            self._sweep.cancel()
        self._sweep_at, self._sweep = at, loop.call_at(at, self._check)

    def _check(self) -> None:
        """Every watched send that has been long enough in the air is presumed hung; the
        timer comes back when the next one could be."""
        self._sweep, self._sweep_at = None, math.inf
        soonest = math.inf
        for flight in list(self._watched):
            left = flight.time_left()
            if left <= 0:
                flight.stall()
            else:
                soonest = min(soonest, left)
        if self._watched:
            loop = asyncio.get_running_loop()
            self._arm(loop, loop.time() + max(soonest, 0.01))


class Flight:
    """One claimed delivery's slot, from claim to committed outcome (`claimed_in`: how long
    the claim took)."""

    def __init__(self, slots: Slots, claimed_in: float = 0.0) -> None:
        self.slots = slots
        self.claimed_in = claimed_in
        self.stalled = False
        self.done = False
        self._answered_at: float | None = None
        self._seconds = 0.0
        self._in_air: Callable[[], float | None] = lambda: None

    def watch(self, seconds: float, in_air: Callable[[], float | None]) -> None:
        """The send is under way: presume it hung once its request has been `seconds` in the
        air without an answer (`in_air`: how long it has been, None while it waits its turn)."""
        self._seconds, self._in_air = seconds, in_air
        self.slots.watch(self, seconds)

    def time_left(self) -> float:
        """Seconds until it may be presumed hung (the full wait while it waits its turn)."""
        flying = self._in_air()
        return self._seconds - (flying or 0.0)

    def answered(self) -> None:
        self._answered_at = time.monotonic()
        self.slots.unwatch(self)

    def stall(self) -> None:
        self.slots.unwatch(self)
        if not self.stalled and not self.done:
            self.stalled = True
            self.slots.stalled += 1
            self.slots.give_back(1)

    def release(self) -> None:
        """Its outcome is committed (or the process is stopping): the slot is free."""
        if self.done:
            return
        self.done = True
        if self._answered_at is not None and not self.stalled:
            self.slots.held(self.claimed_in + time.monotonic() - self._answered_at)
        self.answered()
        if self.stalled:
            self.slots.stalled -= 1
            self.slots.give_back(0)
        else:
            self.slots.give_back(1)


IN_DOUBT_SECONDS = 0.25  # at most this many seconds' worth of sends in doubt at once,
IN_DOUBT_TRIPS = 2.5  # or this many round trips' worth, where round trips are longer


def most_in_doubt(rate: float | None, round_trip: float = 0.0) -> int | None:
    """The cap on sends in doubt at once for a platform's rate (None: unlimited): a quarter
    second's worth, or where the median round trip is longer than a tenth of a second, two
    and a half round trips' worth. A quarter second alone held Telegram to 8 in flight at
    200 ms round trips, where the window the rate needs is about 14 (a send holds its place
    a round trip, its claim and its commit, and one in five is refused and replaced): 0.81
    of the limit in the fault run (benchmarks/FAULTS.md)."""
    if not rate:
        return None
    return math.ceil(rate * max(IN_DOUBT_SECONDS, IN_DOUBT_TRIPS * round_trip))


def window(rate: float | None, cycle: float, accepted: float, most: int) -> int:
    """Slots needed to keep `rate` sends a second going when each holds its slot `cycle`
    seconds (round trip, claim and commit), plus one so that a send is already waiting at
    the pacer when its turn comes; at most `most`."""
    if not rate:
        return most
    return max(1, min(most, math.ceil(rate * cycle * 1.25 / max(accepted, 0.25)) + 1))


class OneAtATime:
    """Deliveries to one channel go one at a time in this process, each until its outcome is
    decided: a second row for a chat the first found blocked is then skipped, never sent."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    def turn(self, channel_id: int) -> ChannelTurn:
        return ChannelTurn(self._locks, channel_id)


class ChannelTurn:
    """`async with one_at_a_time.turn(channel_id):` (a class, not a generator: it is entered
    for every send)."""

    __slots__ = ("_key", "_lock", "_locks")

    def __init__(self, locks: dict[int, tuple[asyncio.Lock, int]], key: int) -> None:
        self._locks, self._key = locks, key

    async def __aenter__(self) -> None:
        found = self._locks.get(self._key)
        self._lock, users = found if found is not None else (asyncio.Lock(), 0)
        self._locks[self._key] = (self._lock, users + 1)
        try:
            await self._lock.acquire()
        except BaseException:
            self._leave()
            raise

    async def __aexit__(self, *_: object) -> None:
        self._lock.release()
        self._leave()

    def _leave(self) -> None:
        lock, users = self._locks[self._key]
        if users > 1:
            self._locks[self._key] = (lock, users - 1)
        else:
            del self._locks[self._key]
