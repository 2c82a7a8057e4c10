"""One process sends at a time: whoever holds the sender lock runs the workers and recovery.

SQLite: an exclusive lock on a file beside the database (released by the OS if the holder
dies, kill -9 included). PostgreSQL: a session advisory lock on a connection held open.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import AsyncExitStack
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

ADVISORY_KEY = 0x43414D50  # "CAMP"


async def acquire_sender_lock(engine: AsyncEngine, stack: AsyncExitStack) -> bool:
    """True if this process may send; the lock lasts as long as the exit stack."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "sqlite":
        return _file_lock(url.database, stack)
    conn = await engine.connect()
    got = bool(await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}))
    if not got:
        await conn.close()
        return False

    async def release() -> None:
        await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
        await conn.close()

    stack.push_async_callback(release)
    return True


def _file_lock(database: str | None, stack: AsyncExitStack) -> bool:
    if not database or database == ":memory:":
        return True
    path = Path(database + ".sender.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    stack.callback(os.close, fd)
    stack.callback(fcntl.flock, fd, fcntl.LOCK_UN)
    return True
