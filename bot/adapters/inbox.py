"""Store first, then handle: what both adapters do with whatever a platform sends.

An update or event is written to the inbox (keyed by the platform's own id) before the
platform gets its 200, so nothing acknowledged can be lost; it is then handled from there
and marked handled. A retry of the same id finds the row: it has no effect, unless the
first handler failed and let go, in which case the retry is handled (once, even when
several copies arrive together: only one can claim the row).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from bot.core.clock import Clock
from bot.core.models import InboxItem, InboxState
from bot.core.ports import InboxRepo

log = logging.getLogger(__name__)
SOURCE_WIDTH = 32  # the inbox's source column
MAX_ATTEMPTS = 3  # a handler that fails this often on the same item gives it up
Work = Callable[[dict[str, Any]], Awaitable[None]]


def worker_name() -> str:
    """This process, as an inbox claim names it (unique across restarts and hosts)."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Ingress:
    def __init__(self, inbox: InboxRepo, clock: Clock, worker: str) -> None:
        self.inbox, self.clock, self.worker = inbox, clock, worker
        self._tasks: set[asyncio.Task[None]] = set()

    async def accept(self, key: str, source: str, payload: dict[str, Any]) -> InboxItem | None:
        """Store what came in. Returns it if this process should handle it now; None for a
        copy that is handled, given up, or being handled."""
        now = self.clock.now()
        item = InboxItem(key, source, now, payload, claimed_by=self.worker, claimed_at=now)
        if await self.inbox.receive(item, self.worker):
            return item
        taken = await self.inbox.claim(key, self.worker, now)
        if taken is None:
            log.info("inbox: %s already handled or in hand; this copy ignored", source)
        return taken

    async def first(self, key: str, source: str = "telegram:command") -> bool:
        """Whether `key` is seen for the first time (it is then kept as handled), or was
        first seen by the same `source`: for things done once per platform object, such as
        a command per message, with `source` naming the update that does it. An update
        handled again because its replica died before finishing it (see cluster/takeover.py)
        is the same source, so it still runs: else its command, marked before the reply
        went, would never be answered."""
        now = self.clock.now()
        source = source[:SOURCE_WIDTH]
        if await self.inbox.receive(InboxItem(key, source, now), self.worker):
            await self.inbox.finish(key, InboxState.HANDLED, now)
            return True
        seen = await self.inbox.get(key)
        return seen is not None and seen.source == source

    def start(self, item: InboxItem, work: Work) -> None:
        """Handle an accepted item in the background (the platform is answered meanwhile)."""
        task = asyncio.create_task(self.handle(item, work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(self, item: InboxItem, work: Work) -> None:
        """The error boundary for one item: whatever happens, the next one goes on."""
        try:
            await work(item.payload or {})
        except asyncio.CancelledError:
            with suppress(Exception):
                await asyncio.shield(self.inbox.release(item.key, self.clock.now()))
            raise
        except Exception:
            log.exception("inbox: handling a %s failed", item.source)
            await self._failed(item)
            return
        await self.inbox.finish(item.key, InboxState.HANDLED, self.clock.now())

    async def _failed(self, item: InboxItem) -> None:
        attempts = await self.inbox.release(item.key, self.clock.now())
        if attempts >= MAX_ATTEMPTS:
            await self.inbox.finish(item.key, InboxState.FAILED, self.clock.now())
            log.warning("inbox: a %s failed %d times; given up", item.source, attempts)

    async def drain(self, grace: float = 5.0) -> None:
        """At shutdown: let work under way finish (a little while), then stop it."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=grace)
        for task in set(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=1.0)
