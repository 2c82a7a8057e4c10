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
        self._changed: asyncio.Event | None = None

    @property
    def rings(self) -> int:
        return self._rings

    def ring(self) -> None:
        self._rings += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    async def wait(self, seen: int, patience: float | None = None) -> int:
        """Wait until the bell has rung more than `seen` times (or `patience` seconds pass);
        return the count to pass next time."""
        if self._rings == seen:
            if self._changed is None:
                self._changed = asyncio.Event()
            try:
                await asyncio.wait_for(self._changed.wait(), patience)
            except TimeoutError:
                pass
        return self._rings
