"""Replicas starting: migrations run once under a lock, content is written in turn; a
replica on the wrong database, on SQLite beside PostgreSQL replicas, or on an unreachable
database stops with one line."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import build_app
from bot.cluster.identity import ClusterMismatch, adopt_identity, check_identity, one_at_a_time
from bot.storage.database import create_engine, upgrade
from tests.conftest import PG_URL, _drop_postgres_database, _postgres_database
from tests.harness import settings_for
from tests.processes import spawn
from tests.test_run_cli import env_for, free_port

needs_pg = pytest.mark.skipif(PG_URL is None, reason="TEST_POSTGRES_URL is not set")


@pytest.fixture
async def fresh_pg() -> AsyncIterator[str]:
    """A new, empty PostgreSQL database (not migrated)."""
    url, name = await _postgres_database()
    yield url
    await _drop_postgres_database(name)


async def verb(tmp_path: Path, *args: str, **values: str) -> tuple[int, str, str]:
    proc = await spawn(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=tmp_path,
        env=env_for(tmp_path, **values),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@needs_pg
async def test_replicas_starting_together_migrate_once(fresh_pg: str) -> None:
    engines = [create_engine(fresh_pg) for _ in range(4)]
    try:
        await asyncio.gather(*(upgrade(engine) for engine in engines))
        async with engines[0].connect() as conn:
            versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
    finally:
        for engine in engines:
            await engine.dispose()
    assert len(versions) == 1


@needs_pg
async def test_replicas_starting_together_write_their_content_in_turn(
    tmp_path: Path, fresh_pg: str
) -> None:
    """Three replicas' start on one new database: each writes the ballots' reminders from the
    content (the same rows), one after another, so none fails on a row another just wrote;
    and while one holds the turn, the next waits."""
    async with AsyncExitStack() as stack:
        settings = settings_for(tmp_path, None, None, DATABASE_URL=fresh_pg)
        apps = await asyncio.gather(*(build_app(settings, stack) for _ in range(3)))
        async with apps[0].database.connect() as conn:  # type: ignore[union-attr]
            kinds = (await conn.execute(text("SELECT ballot, kind FROM reminders"))).all()
        assert kinds and len(kinds) == len(set(kinds))
        first, second = (create_engine(fresh_pg) for _ in range(2))
        stack.push_async_callback(first.dispose)
        stack.push_async_callback(second.dispose)
        async with one_at_a_time(first):
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(1.0), one_at_a_time(second):
                    pass
        async with asyncio.timeout(5.0), one_at_a_time(second):
            pass


async def test_unreachable_database_is_one_line_and_exit_2(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://bot:secret-pw@127.0.0.1:{free_port()}/bot"
    status, _, err = await verb(tmp_path, "run", DATABASE_URL=url, HTTP_PORT=str(free_port()))
    assert status == 2
    line = one_line(err)
    assert line.startswith("campaign-bot: cannot reach the database at postgresql+asyncpg://bot:")
    assert "secret-pw" not in err


async def test_a_replica_on_sqlite_is_refused(tmp_path: Path) -> None:
    status, _, err = await verb(tmp_path, "run", CLUSTER_ID="union-bot", HTTP_PORT="0")
    assert status == 2
    assert "one PostgreSQL database" in one_line(err)
    assert not (tmp_path / "run.db.sender.lock").exists()


@needs_pg
async def test_replicas_on_different_databases_cannot_both_start(
    tmp_path: Path, fresh_pg: str
) -> None:
    other, name = await _postgres_database()
    try:
        cluster = {"CLUSTER_ID": "union-bot"}
        # The operator gives the shared database its id once; verbs then work on it.
        status, out, err = await verb(tmp_path, "db", "upgrade", DATABASE_URL=fresh_pg, **cluster)
        assert status == 0, err
        assert "cluster union-bot" in out
        # A replica pointed at another database (here a fresh one) stops with one line.
        status, _, err = await verb(tmp_path, "run", DATABASE_URL=other, **cluster)
        assert status == 2
        assert "carries no cluster id" in one_line(err)
    finally:
        await _drop_postgres_database(name)


@needs_pg
async def test_the_cluster_id_a_database_carries(fresh_pg: str) -> None:
    engine = create_engine(fresh_pg)
    try:
        await upgrade(engine)
        assert await check_identity(engine, None) is None  # one process: nothing to check
        with pytest.raises(ClusterMismatch, match="carries no cluster id"):
            await check_identity(engine, "union-bot")
        assert await adopt_identity(engine, "staging") == "staging"
        assert await adopt_identity(engine, "union-bot") == "staging"  # written once only
        assert await check_identity(engine, "staging") == "staging"
        with pytest.raises(ClusterMismatch, match="belongs to cluster 'staging', not CLUSTER_ID"):
            await check_identity(engine, "union-bot")
    finally:
        await engine.dispose()
