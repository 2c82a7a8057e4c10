"""The sender's lease: who sends, runs the due work and speaks for the bot to the platforms.

PostgreSQL: a row in `leader` with its holder, an epoch and an expiry set by the database's
own clock (never compared with a replica's). The holder renews it; a standby takes it once
it has expired, with the epoch one higher. Nothing is locked between calls, so a dropped
connection, a pooler or a PostgreSQL restart cannot take the lease away unnoticed: the holder
learns it only by failing to renew, and stops before the expiry it knows (see leadership).
The lease is taken and renewed on its own connection, never queued behind the sending and the
due work in the shared pool, each statement cut off by the server (and the driver) well
within a renewal period, so a busy pool or a slow query cannot make a healthy leader step
down, and a renewal that cannot be answered soon fails soon and is tried again.

SQLite: one process; an exclusive lock on a file beside the database (released by the OS if
the holder dies, kill -9 included), and the row only counts epochs.
"""

from __future__ import annotations

import fcntl
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.storage import tables as t
from bot.storage.tables import SENDER


@dataclass(frozen=True)
class LeaseView:
    """The lease as the database has it, for /health and /metrics."""

    holder: str
    epoch: int
    age: float  # seconds since it was taken or last renewed
    expires_in: float | None  # seconds left (negative: expired); None: held by a file lock


class Lease(Protocol):
    @property
    def holder(self) -> str: ...

    @property
    def ttl(self) -> float | None:
        """Seconds a renewal lasts; None: held until released (a file lock)."""
        ...

    async def acquire(self) -> int | None:
        """Take the lease if it is free or expired: the new epoch, or None."""
        ...

    async def renew(self, epoch: int) -> bool:
        """Extend it; False if it is no longer ours (expired and taken, or released)."""
        ...

    async def release(self, epoch: int) -> None: ...

    async def view(self) -> LeaseView | None: ...

    async def close(self) -> None:
        """Let go of what the lease holds open (its own connection); after release."""
        ...


def holder_name() -> str:
    """Which process holds the lease, for people reading /health: host, pid, a nonce."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def make_lease(engine: AsyncEngine | None, ttl: float) -> Lease:
    if engine is None:
        return MemoryLease()
    if engine.dialect.name == "postgresql":
        return PgLease(engine, ttl)
    return FileLease(engine)


_ACQUIRE = text("""
INSERT INTO leader AS l (name, holder, epoch, acquired_at, renewed_at, expires_at)
VALUES (:name, :holder, 1, now(), now(), now() + make_interval(secs => :ttl))
ON CONFLICT (name) DO UPDATE
   SET holder = EXCLUDED.holder, epoch = l.epoch + 1, acquired_at = now(),
       renewed_at = now(), expires_at = EXCLUDED.expires_at
 WHERE l.expires_at IS NULL OR l.expires_at <= now()
RETURNING epoch
""")
_RENEW = text("""
UPDATE leader SET renewed_at = now(), expires_at = now() + make_interval(secs => :ttl)
 WHERE name = :name AND holder = :holder AND epoch = :epoch AND expires_at > now()
RETURNING epoch
""")
_RELEASE = text("""
UPDATE leader SET expires_at = now()
 WHERE name = :name AND holder = :holder AND epoch = :epoch AND expires_at > now()
""")
_VIEW = text("""
SELECT holder, epoch, EXTRACT(EPOCH FROM now() - renewed_at) AS age,
       EXTRACT(EPOCH FROM expires_at - now()) AS expires_in
  FROM leader WHERE name = :name
""")


def statement_limit(ttl: float) -> float:
    """Seconds one lease statement (or connecting for it) may take: a fifth of a lease,
    within 0.5 to 2 s, so a renewal that fails is tried again well before the lease ends."""
    return min(2.0, max(0.5, ttl / 5))


def lease_engine(engine: AsyncEngine, ttl: float) -> AsyncEngine:
    """The lease's own single connection to the engine's database (the shared pool serves
    the sending, the due work and the webhooks; the lease must never wait behind them)."""
    limit = statement_limit(ttl)
    settings = {
        "statement_timeout": str(int(limit * 1000)),
        "lock_timeout": str(int(limit * 1000)),
        "application_name": "campaign-bot lease",
    }
    return create_async_engine(
        engine.url,
        pool_size=1,
        max_overflow=0,
        pool_timeout=limit,
        pool_pre_ping=True,
        connect_args={"timeout": limit, "command_timeout": limit, "server_settings": settings},
    )


class PgLease:
    """Taken, renewed and released on its own connection; read (/health) through the pool."""

    def __init__(self, engine: AsyncEngine, ttl: float, name: str = SENDER) -> None:
        self.engine, self.ttl, self.name = engine, ttl, name
        self.own = lease_engine(engine, ttl)
        self.holder = holder_name()

    def _params(self, **more: object) -> dict[str, object]:
        return {"name": self.name, "holder": self.holder, "ttl": float(self.ttl)} | more

    async def acquire(self) -> int | None:
        async with self.own.begin() as conn:
            epoch = await conn.scalar(_ACQUIRE, self._params())
        return int(epoch) if epoch is not None else None

    async def renew(self, epoch: int) -> bool:
        async with self.own.begin() as conn:
            return await conn.scalar(_RENEW, self._params(epoch=epoch)) is not None

    async def release(self, epoch: int) -> None:
        async with self.own.begin() as conn:
            await conn.execute(_RELEASE, self._params(epoch=epoch))

    async def close(self) -> None:
        await self.own.dispose()

    async def view(self) -> LeaseView | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(_VIEW, {"name": self.name})).first()
        if row is None:
            return None
        return LeaseView(row.holder, int(row.epoch), float(row.age), float(row.expires_in))


class FileLease:
    """SQLite: the file lock excludes; the row counts epochs (and says who holds it)."""

    ttl: float | None = None

    def __init__(self, engine: AsyncEngine, name: str = SENDER) -> None:
        self.engine, self.name = engine, name
        self.holder = holder_name()
        database = make_url(str(engine.url)).database
        self.path = None if not database or database == ":memory:" else database + ".sender.lock"
        self._fd: int | None = None

    async def acquire(self) -> int | None:
        if not self._lock():
            return None
        now = datetime.now(UTC)
        row = {"name": self.name, "holder": self.holder, "epoch": 1}
        stamps = {"acquired_at": now, "renewed_at": now, "expires_at": None}
        query = sqlite_insert(t.leader).values(**row, **stamps)
        query = query.on_conflict_do_update(
            index_elements=["name"],
            set_={"holder": self.holder, "epoch": t.leader.c.epoch + 1, **stamps},
        )
        async with self.engine.begin() as conn:
            await conn.execute(query)
            epoch = await conn.scalar(select(t.leader.c.epoch).where(t.leader.c.name == self.name))
        assert epoch is not None
        return int(epoch)

    def _lock(self) -> bool:
        if self.path is None:
            return True
        fd = os.open(Path(self.path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    async def renew(self, epoch: int) -> bool:
        return True

    async def release(self, epoch: int) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    async def close(self) -> None:
        return None

    async def view(self) -> LeaseView | None:
        c = t.leader.c
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(t.leader).where(c.name == self.name))).first()
        if row is None:
            return None
        age = (datetime.now(UTC) - row.renewed_at).total_seconds()
        return LeaseView(row.holder, int(row.epoch), age, None)


class MemoryLease:
    """The in-memory store of the tests: one process, always the holder."""

    ttl: float | None = None

    def __init__(self) -> None:
        self.holder = holder_name()
        self.epoch = 0

    async def acquire(self) -> int | None:
        self.epoch += 1
        return self.epoch

    async def renew(self, epoch: int) -> bool:
        return epoch == self.epoch

    async def release(self, epoch: int) -> None:
        return None

    async def close(self) -> None:
        return None

    async def view(self) -> LeaseView | None:
        return LeaseView(self.holder, self.epoch, 0.0, None) if self.epoch else None


__all__ = ["SENDER", "FileLease", "Lease", "LeaseView", "MemoryLease", "PgLease", "make_lease"]
