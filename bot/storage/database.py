"""Opening the database and bringing its schema up to date."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import aiosqlite
import aiosqlite.core
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

if TYPE_CHECKING:  # alembic loads only when there is something to migrate
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x43414D4D  # "CAMM": replicas starting together migrate one after another
PG_CONNECT_TIMEOUT = 5.0  # seconds for one connection attempt to PostgreSQL
CONNECT_TIMEOUT = 10.0  # seconds to reach the database at start before giving up
T = TypeVar("T")


class DatabaseUrlError(ValueError):
    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"DATABASE_URL is not usable ({problem}): {redact_url(url)}")


class DatabaseUnreachable(RuntimeError):
    """The database could not be reached or refused us: one line naming it, never the password."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"cannot reach the database at {redact_url(url)}: {problem}")


def redact_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable>"


def create_engine(url: str) -> AsyncEngine:
    """An async engine; on SQLite, WAL and a busy timeout so writers wait, not fail."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(url, "not a database URL") from None
    if parsed.drivername not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
        raise DatabaseUrlError(url, "use sqlite+aiosqlite:// or postgresql+asyncpg://")
    if parsed.drivername.startswith("sqlite"):
        engine = create_async_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "do_connect", _aiosqlite_connect)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin_immediate)
        return engine
    # A short connect timeout: a replica whose database went away must notice within its
    # lease, not after asyncpg's default minute.
    return create_async_engine(
        parsed, pool_pre_ping=True, connect_args={"timeout": PG_CONNECT_TIMEOUT}
    )


class StoppedOnce(aiosqlite.Connection):
    """aiosqlite's connection, whose worker thread is told to stop at most once.

    SQLAlchemy ends a connection whose close was cancelled (a task cancelled in a database call)
    by stopping aiosqlite's worker thread while the close it began is still running in a task of
    its own. That close then stops the thread a second time and awaits the answer, which the
    thread, already gone, never gives: the task waits for ever, and so does an event loop's
    shutdown that waits for its tasks (aiosqlite 0.22.1; a CI worker was lost to it). A second
    stop here returns nothing to wait for: the first has already told the thread to end.
    """

    def __init__(self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int) -> None:
        super().__init__(connector, iter_chunk_size)
        self._thread = threading.Thread(target=_worker, args=(self._tx,))

    def stop(self) -> asyncio.Future[Any] | None:
        if not self._running:
            return None
        return super().stop()


def _answer(future: asyncio.Future[Any] | None, settle: Callable[..., None], value: Any) -> None:
    """Hand a call's outcome to the loop that awaits it, if that loop is still open.

    A connection stopped by SQLAlchemy after its task was cancelled has its close queued behind
    the call under way, and its future is awaited by no one; when the event loop closed first
    (a shutdown, a test's end), aiosqlite's own worker raised "Event loop is closed" and died
    with a traceback (aiosqlite #241; a CI run failed a later test on it). The database is
    closed either way; an outcome for a closed loop has no one left to read it.
    """
    if future is None:
        return
    loop = future.get_loop()
    with contextlib.suppress(RuntimeError):  # only raised for a closed loop
        if not loop.is_closed():
            loop.call_soon_threadsafe(settle, future, value)


def _worker(tx: Any) -> None:
    """aiosqlite's worker loop (aiosqlite.core._connection_worker_thread), answering by _answer."""
    while True:
        future, function = tx.get()
        try:
            result = function()
        except BaseException as e:  # handed to the caller, as aiosqlite does
            _answer(future, aiosqlite.core.set_exception, e)
            continue
        _answer(future, aiosqlite.core.set_result, result)
        if result is aiosqlite.core._STOP_RUNNING_SENTINEL:
            break


def _aiosqlite_connect(
    dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]
) -> Any:
    """SQLAlchemy's own aiosqlite connect, with `StoppedOnce` for aiosqlite's connection."""

    def connection(database: str, **kwargs: Any) -> StoppedOnce:
        made = StoppedOnce(lambda: sqlite3.connect(database, **kwargs), iter_chunk_size=64)
        made._thread.daemon = True  # as SQLAlchemy sets it: a stuck thread never holds the exit
        return made

    return dialect.loaded_dbapi.connect(*cargs, async_creator_fn=connection, **cparams)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_begin_immediate).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin_immediate(conn: Connection) -> None:
    # Take the write lock at BEGIN, so two writers queue instead of deadlocking on upgrade.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply migrations up to `revision` on the given engine.

    On PostgreSQL the whole upgrade runs in one transaction that first takes a transaction
    advisory lock: replicas starting together queue on it, the first migrates, the others
    then find the schema at head and do nothing. The lock ends with the transaction, also
    when the process dies, so a crashed migration never blocks the next start.
    """

    if revision == "head" and await _at_head(engine):
        return  # the usual start: nothing to do, and alembic is not even imported

    def run(connection: Connection) -> None:
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        await conn.run_sync(run)


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]+)['\"]", re.M)


def head_revision() -> str | None:
    """The newest migration's id, read from the files (the one no other revises); None if
    the files do not say plainly (then alembic decides)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revisions if name == "revision" else revised).add(value)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


async def _at_head(engine: AsyncEngine) -> bool:
    head = head_revision()
    if head is None:
        return False
    try:
        async with engine.connect() as conn:
            found = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
    except DBAPIError:  # no alembic_version table yet: a new database
        return False
    return [row[0] for row in found] == [head]


async def check_reachable(engine: AsyncEngine, within: float = CONNECT_TIMEOUT) -> None:
    """Connect once, so an unreachable database, a wrong password or a missing database is
    one clear line at start rather than a traceback."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "sqlite":
        _check_sqlite_file(url, engine.url.database)
    try:
        async with asyncio.timeout(within):
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except TimeoutError:
        raise DatabaseUnreachable(url, f"no answer within {within:.0f} s") from None
    except ConnectionRefusedError:
        where = f"{engine.url.host}:{engine.url.port or 5432}"
        raise DatabaseUnreachable(
            url, f"nothing answers at {where}: is PostgreSQL running?"
        ) from None
    except (OSError, DBAPIError) as error:
        raise DatabaseUnreachable(url, _reason(error)) from None


def _check_sqlite_file(url: str, database: str | None) -> None:
    """Open the file once without aiosqlite: when it cannot be opened, aiosqlite's worker
    thread reports the failure to an event loop that asyncio.run has closed by then, and
    prints a traceback after our one line (about half the time)."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    folder = Path(database).parent
    if not folder.is_dir():
        raise DatabaseUnreachable(url, f"the folder {folder} does not exist")
    try:
        sqlite3.connect(database).close()
    except sqlite3.Error as error:
        raise DatabaseUnreachable(url, f"cannot open {database}: {error}") from None


def _reason(error: BaseException) -> str:
    """The driver's own words, first line only, without the SQL or the parameters."""
    original = getattr(error, "orig", None) or error
    words = str(original).strip().splitlines()
    name = type(original).__name__
    if name == "Error" and words and words[0]:  # asyncpg's errors as SQLAlchemy adapts them
        return words[0]
    return f"{name}: {words[0]}" if words and words[0] else name


async def retry_locked(work: Callable[[], Awaitable[T]], attempts: int = 5) -> T:
    """Retry a whole transaction when SQLite says the database is locked."""
    for attempt in range(attempts):
        try:
            return await work()
        except OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            await asyncio.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")
