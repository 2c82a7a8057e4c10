"""A doorbell: producers ring it when work may be waiting; consumers wait for the next ring.

It carries no data (the store is the record of all work), so a ring that nobody hears is
harmless: consumers also look at the store now and then. Rings before a consumer waits are
not lost: `wait` returns at once if the bell rang since that consumer last looked.
"""

from __future__ import annotations

import asyncio


class Doorbell:
    def __init__(self) -> None:
        self._rings = 0
        self._waiters: set[asyncio.Future[None]] = set()

    @property
    def rings(self) -> int:
        return self._rings

    def ring(self) -> None:
        self._rings += 1
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait(self, seen: int, patience: float | None = None) -> int:
        """Wait until the bell has rung more than `seen` times (or `patience` seconds pass);
        return the count to pass next time.

        A future of its own and a timer, not asyncio.wait_for: on Python 3.11, wait_for
        swallowed a cancel that landed after a ring had ended the inner wait but before the
        waiter ran again, so a worker stopped while idle went round its loop and idled on,
        and whatever awaited its end (a drain at shutdown) waited forever
        (tests/test_doorbell.py)."""
        if self._rings == seen:
            loop = asyncio.get_running_loop()
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            timer = None if patience is None else loop.call_later(patience, _wake, waiter)
            try:
                await waiter
            finally:
                self._waiters.discard(waiter)
                if timer is not None:
                    timer.cancel()
        return self._rings


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
