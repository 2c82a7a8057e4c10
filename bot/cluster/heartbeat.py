"""Which replicas are alive: each writes its worker name and the database's time every few
seconds; one not seen for a lease's length is taken for dead, and the inbox rows it held are
handled by another (bot/cluster/takeover.py)."""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.stopping import stop_task

log = logging.getLogger(__name__)

_BEAT = text("""
INSERT INTO workers (name, seen_at) VALUES (:name, now())
ON CONFLICT (name) DO UPDATE SET seen_at = now()
""")
_LIVE = text("SELECT name FROM workers WHERE seen_at > now() - make_interval(secs => :within)")
_PRUNE = text("DELETE FROM workers WHERE seen_at < now() - interval '1 day'")


class Heartbeat:
    def __init__(self, engine: AsyncEngine | None, worker: str, every: float = 2.0) -> None:
        self.engine, self.worker, self.every = engine, worker, every
        self._task: asyncio.Task[None] | None = None

    async def start(self, stack: AsyncExitStack) -> None:
        if self.engine is None or self.engine.dialect.name != "postgresql":
            return  # one process (or the in-memory store): nobody else to tell
        await self.beat()
        self._task = asyncio.create_task(self._run(), name="heartbeat")
        stack.push_async_callback(self._stop)

    async def beat(self) -> None:
        assert self.engine is not None
        async with self.engine.begin() as conn:
            await conn.execute(_BEAT, {"name": self.worker})

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self.beat()
            except Exception as error:  # the database is away: the lease says so
                log.debug("heartbeat not written (%s)", type(error).__name__)

    async def _stop(self) -> None:
        if self._task is not None:
            await stop_task(self._task)


async def live_workers(engine: AsyncEngine, me: str, within: float) -> set[str]:
    """The workers seen within `within` seconds (on SQLite, only this process)."""
    if engine.dialect.name != "postgresql":
        return {me}
    async with engine.begin() as conn:
        rows = await conn.execute(_LIVE, {"within": float(within)})
        found = {str(row.name) for row in rows}
        await conn.execute(_PRUNE)
    return found | {me}
