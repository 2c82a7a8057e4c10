"""Closing an SQLite connection never waits for ever (RELIABILITY.md: nothing hangs at stop).

SQLAlchemy ends a connection whose close was cancelled by stopping aiosqlite's worker thread
while that close still runs in a task of its own. With aiosqlite 0.22.1 as it comes, the close
then stopped the thread a second time and awaited an answer no thread would give: the event
loop's shutdown, waiting for that task, waited for ever (a CI worker was lost at 291 s). These
tests run SQLAlchemy's own steps, in the order they met in CI, on the engine the bot makes."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import aiosqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.database import StoppedOnce, create_engine


async def _adapted(engine: AsyncEngine) -> tuple[object, StoppedOnce]:
    """SQLAlchemy's adapted connection and aiosqlite's, from a fresh checkout."""
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        adapted = raw.dbapi_connection
        assert adapted is not None
        await connection.close()
    driver = adapted._connection  # type: ignore[attr-defined]
    return adapted, driver


async def test_the_engine_opens_connections_stopped_at_most_once(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    try:
        _adapted_connection, driver = await _adapted(engine)
        assert isinstance(driver, StoppedOnce)
        assert driver._thread.daemon
    finally:
        await engine.dispose()


async def test_a_close_stopped_meanwhile_ends(tmp_path: Path) -> None:
    """close() begun, then the thread stopped (SQLAlchemy's forced end): close() returns."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    _adapted_connection, driver = await _adapted(engine)
    closing = asyncio.ensure_future(driver.close())
    await asyncio.sleep(0)
    driver.stop()
    await asyncio.wait_for(closing, 5)
    await asyncio.to_thread(driver._thread.join, 5)
    assert not driver._thread.is_alive()
    await engine.dispose()


async def test_a_cancelled_terminate_leaves_no_task_waiting_for_ever(tmp_path: Path) -> None:
    """SQLAlchemy's terminate, cancelled: its shielded graceful close is under way, the forced
    close stops the thread, and the loop's shutdown then cancels the graceful close while it
    still waits for the thread. That task must end, as the loop's shutdown waits for it."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    adapted, driver = await _adapted(engine)
    graceful = asyncio.ensure_future(adapted._terminate_graceful_close())  # type: ignore[attr-defined]
    await asyncio.sleep(0)  # the close is queued to the thread and awaited
    adapted._terminate_force_close()  # type: ignore[attr-defined]
    graceful.cancel()  # before the thread's answer reaches the loop
    done, _pending = await asyncio.wait([graceful], timeout=5)
    assert graceful in done, "the graceful close still waits for a thread that has ended"
    assert graceful.cancelled()
    await asyncio.to_thread(driver._thread.join, 5)
    assert not driver._thread.is_alive()
    await engine.dispose()


async def test_a_connection_closed_the_usual_way_still_closes(tmp_path: Path) -> None:
    """The one stop of an ordinary close still stops the thread and is awaited."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.dbapi_connection._connection  # type: ignore[union-attr]
    await engine.dispose()
    await asyncio.to_thread(driver._thread.join, 5)
    assert not driver._thread.is_alive()
    assert driver._connection is None


def _thread_errors_of_a_stop_after_its_loop_closed(
    make: Callable[[], aiosqlite.Connection],
) -> tuple[list[BaseException], aiosqlite.Connection]:
    """A call under way, the connection stopped with no one awaiting (SQLAlchemy's forced
    end of a cancelled task's connection), the loop closed, then the call ends."""
    errors: list[BaseException] = []
    hook = threading.excepthook
    threading.excepthook = lambda args: errors.append(args.exc_value)  # type: ignore[arg-type,union-attr]
    loop = asyncio.new_event_loop()
    gate = threading.Event()

    async def start() -> aiosqlite.Connection:
        connection = await make()
        connection._tx.put_nowait((loop.create_future(), gate.wait))  # a call under way
        connection.stop()
        return connection

    try:
        connection = loop.run_until_complete(start())
        loop.close()
        gate.set()
        connection._thread.join(5)
        assert not connection._thread.is_alive()
    finally:
        threading.excepthook = hook
    return errors, connection


def test_a_stop_ending_after_its_loop_closed_leaves_no_thread_error(tmp_path: Path) -> None:
    """aiosqlite's own worker dies with "Event loop is closed" here before it reaches the
    close, leaving the database open (the control below); the engine's connections drop the
    outcome no loop is left to read and close the database (a CI run failed on this)."""
    database = str(tmp_path / "bot.db")

    def ours() -> aiosqlite.Connection:
        return StoppedOnce(lambda: sqlite3.connect(database), iter_chunk_size=64)

    def aiosqlites() -> aiosqlite.Connection:
        return aiosqlite.Connection(
            lambda: sqlite3.connect(database, check_same_thread=False), iter_chunk_size=64
        )

    errors, connection = _thread_errors_of_a_stop_after_its_loop_closed(ours)
    assert errors == []
    assert connection._connection is None, "the database is closed"
    [control], left_open = _thread_errors_of_a_stop_after_its_loop_closed(aiosqlites)
    assert "Event loop is closed" in str(control)
    assert left_open._connection is not None
    left_open._connection.close()
    left_open._connection = None
