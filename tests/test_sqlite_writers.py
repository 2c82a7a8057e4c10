"""SQLite under concurrent writers (RELIABILITY.md row 25): two processes write to one
database file at once, many transactions in flight in each; neither fails with "database is
locked", and every row is there."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from bot.storage.database import create_engine, upgrade
from tests.harness import ROOT
from tests.processes import spawn

WRITER = """
import asyncio, sys
from datetime import UTC, datetime
from bot.core.models import InboxItem, InboxState
from bot.storage.database import create_engine
from bot.storage.sql import SqlStore

async def main(url: str, name: str, n: int) -> None:
    engine = create_engine(url)
    store = SqlStore(engine)

    async def one(i: int) -> None:
        item = InboxItem(f"{name}:{i}", "test:write", datetime.now(UTC), {"i": i})
        assert await store.inbox.receive(item, name)
        await store.inbox.finish(item.key, InboxState.HANDLED, datetime.now(UTC))

    await asyncio.gather(*(one(i) for i in range(n)))
    await engine.dispose()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""
EACH = 250


async def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    url = f"sqlite+aiosqlite:///{path}"
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    writers = [
        await spawn(
            sys.executable,
            "-c",
            WRITER,
            url,
            name,
            str(EACH),
            cwd=ROOT,
            stderr=asyncio.subprocess.PIPE,
        )
        for name in ("one", "two")
    ]
    for writer in writers:
        _, err = await asyncio.wait_for(writer.communicate(), 180)
        assert writer.returncode == 0, err.decode()[-2000:]
        assert "locked" not in err.decode()
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT key, state FROM inbox WHERE source = 'test:write'").fetchall()
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    assert {key for key, _ in rows} == {f"{n}:{i}" for n in ("one", "two") for i in range(EACH)}
    assert {state for _, state in rows} == {"handled"}
