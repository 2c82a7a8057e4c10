"""Migrated databases for tests, each a copy of one migrated once a process.

Running the migrations takes 0.3-0.5 s (SQLite and PostgreSQL alike), and the suite wants a
fresh, migrated database for hundreds of tests: a store fixture's, an in-process bot's.
Copying a migrated SQLite file takes a millisecond; PostgreSQL makes a database from a
migrated template in 0.06 s. The migrations still run from nothing once in every process,
through the bot's own `upgrade`; the tests of migrating itself (and those that want an
empty database) make theirs without these: `at_revision` is their fixture."""

from __future__ import annotations

import asyncio
import atexit
import shutil
import tempfile
import threading
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage.database import create_engine, upgrade

_lock = threading.Lock()
_sqlite: list[Path] = []
_postgres: list[str] = []  # this process's template database, on the test server


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def _in_a_loop_of_its_own(url: str) -> None:
    """Migrated from a thread: the caller may be inside a running event loop."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            with asyncio.Runner() as runner:
                runner.run(_migrate(url))
        except BaseException as error:  # raised again in the caller's thread
            failed.append(error)

    worker = threading.Thread(target=run, name="migrate-template")
    worker.start()
    worker.join()
    if failed:
        raise failed[0]


def migrated_sqlite(folder: Path) -> str:
    """The URL of `folder`/bot.db, a migrated SQLite database unless one is there already."""
    path = folder / "bot.db"
    if not path.exists():
        with _lock:
            if not _sqlite:
                kept = Path(tempfile.mkdtemp(prefix="bot-template-"))
                atexit.register(shutil.rmtree, kept, True)
                _in_a_loop_of_its_own(f"sqlite+aiosqlite:///{kept / 'bot.db'}")
                _sqlite.append(kept / "bot.db")
        shutil.copyfile(_sqlite[0], path)
    return f"sqlite+aiosqlite:///{path}"


async def migrated_postgres(server: str) -> tuple[str, str]:
    """(URL, name) of a new migrated database on the server at `server` (its admin URL)."""
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    name = "t_" + uuid.uuid4().hex[:12]
    try:
        with _lock:
            template = _postgres[0] if _postgres else None
        if template is None:
            template = "t_template_" + uuid.uuid4().hex[:8]
            async with admin.connect() as conn:
                await conn.exec_driver_sql(f'CREATE DATABASE "{template}"')
            await _migrate(_named(server, template))
            with _lock:
                _postgres.append(template)
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await admin.dispose()
    return _named(server, name), name


def postgres_templates() -> list[str]:
    """This process's template databases (one, bar a race): dropped at the session's end."""
    return list(_postgres)


def _named(server: str, name: str) -> str:
    return make_url(server).set(database=name).render_as_string(hide_password=False)


async def _as_admin(server: str, statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) on `server`."""
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(statement)
    finally:
        await admin.dispose()


async def empty_postgres(server: str) -> tuple[str, str]:
    """(URL, name) of a new empty database on the server at `server` (its admin URL)."""
    name = "t_" + uuid.uuid4().hex[:12]
    await _as_admin(server, f'CREATE DATABASE "{name}"')
    return _named(server, name), name


async def drop_postgres(server: str, name: str) -> None:
    await _as_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def at_revision(revision: str, server: str | None) -> Callable[..., Any]:
    """A fixture named url_at_REVISION, for a test of one migration: the URL of a new database
    migrated up to `revision` and no further, on SQLite and on PostgreSQL (at `server`, the
    test server's admin URL; skipped without one). Assign it to that name in the module:
        url_at_0011 = at_revision("0011", PG_URL)"""

    @pytest.fixture(name=f"url_at_{revision}", params=["sqlite", "postgres"])
    async def url_at(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
        if request.param == "postgres":
            if server is None:
                pytest.skip("TEST_POSTGRES_URL is not set (CI sets it; see scripts/pg-test-server)")
            url, name = await empty_postgres(server)
        else:
            url, name = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", ""
        engine = create_engine(url)
        await upgrade(engine, revision)
        await engine.dispose()
        yield url
        if server is not None and name:
            await drop_postgres(server, name)

    return url_at
