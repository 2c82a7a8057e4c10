"""Shared fixtures: a store for each backend, the example content, a clock."""

from __future__ import annotations

import asyncio
import functools
import inspect
import io
import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from typer.testing import CliRunner

from bot.app import App, assemble
from bot.content.loader import Content, load_content
from bot.content.templates import Templates
from bot.core.clock import FixedClock
from bot.core.ports import Store
from bot.settings import Settings
from bot.storage.database import create_engine, upgrade
from bot.storage.memory import MemoryStore
from bot.storage.sql import SqlStore

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("TEST_POSTGRES_URL") or None

# pytest-timeout's thread method ends a hung test by ending its whole worker, and pytest-xdist
# 3.8's loadgroup scheduler can then wait for ever on the replacement (pytest-xdist #1327: a
# CI run hung until its 90-minute limit). So an async test is bounded inside its own event
# loop first, a little before pytest-timeout would fire: a hang fails that one test, with every
# task's stack in the report, and the worker lives on. `make test` also passes
# --max-worker-restart=0, so a hang outside the loop ends the run at once instead of hanging it,
# and runs a test that hit this limit once more (pytest-rerunfailures, --only-rerun): the last
# CI run's hang was never seen in 1,310 tests run locally under load, and one rare hang should
# not cost a whole run; the first failure, with its stacks, stays in the report.
IN_LOOP_MARGIN = 0.85


def _timeout_of(item: pytest.Item) -> float | None:
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        seconds = float(marker.args[0])
    else:
        seconds = float(item.config.getini("timeout") or 0)
    return seconds * IN_LOOP_MARGIN if seconds > 0 else None


def _tasks_report() -> str:
    out = io.StringIO()
    for task in asyncio.all_tasks():
        if task is not asyncio.current_task():
            task.print_stack(limit=12, file=out)
    return out.getvalue()


def _bounded(test, seconds: float):  # type: ignore[no-untyped-def]
    @functools.wraps(test)
    async def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        limit = asyncio.timeout(seconds)
        try:
            async with limit:
                return await test(*args, **kwargs)
        except TimeoutError:
            if not limit.expired():
                raise  # the test's own
            pytest.fail(f"still running after {seconds:.0f} s; its tasks:\n{_tasks_report()}")

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        test = getattr(item, "obj", None)
        seconds = _timeout_of(item)
        if seconds and inspect.iscoroutinefunction(test):
            item.obj = _bounded(test, seconds)  # type: ignore[attr-defined]


@pytest.fixture
def content() -> Content:
    return load_content(ROOT / "campaigns")


@pytest.fixture
def templates() -> Templates:
    return Templates.load(ROOT / "messages")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2023, 5, 8, 9, 0, tzinfo=UTC))


async def _postgres_database() -> tuple[str, str]:
    assert PG_URL is not None
    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    return url, name


async def _drop_postgres_database(name: str) -> None:
    assert PG_URL is not None
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.dispose()


@pytest.fixture
async def sql_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, migrated database URL: SQLite in a temp dir, or a new PostgreSQL database."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        if PG_URL is None:
            pytest.skip("TEST_POSTGRES_URL is not set (CI sets it; see scripts/pg-test-server)")
        url, name = await _postgres_database()
    else:
        url, name = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", ""
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    yield url
    if backend == "postgres":
        await _drop_postgres_database(name)


@pytest.fixture(params=["memory", "sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """Every repository implementation, for the one contract suite."""
    if request.param == "memory":
        yield MemoryStore()
        return
    if request.param == "postgres":
        if PG_URL is None:
            pytest.skip("TEST_POSTGRES_URL is not set (CI sets it; see scripts/pg-test-server)")
        url, name = await _postgres_database()
    else:
        url, name = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", ""
    engine = create_engine(url)
    await upgrade(engine)
    yield SqlStore(engine)
    await engine.dispose()
    if request.param == "postgres":
        await _drop_postgres_database(name)


def wired(store: object, content: Content, templates: Templates, clock: FixedClock) -> App:
    """The whole application over a store (memory or SQL), as the composition root wires it."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, CONTENT_DIR=str(ROOT / "campaigns"), MESSAGES_DIR=str(ROOT / "messages")
    )
    return assemble(settings, store, content, templates, clock)  # type: ignore[arg-type]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The CLI in this process (typer's runner) on a fresh SQLite database in tmp_path, with
    no platform tokens: what a new organiser's first commands see."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("CONTENT_DIR", str(ROOT / "campaigns"))
    monkeypatch.setenv("MESSAGES_DIR", str(ROOT / "messages"))
    monkeypatch.setenv("BOT_TIMEZONE", "Europe/London")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    return CliRunner()
