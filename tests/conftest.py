"""Shared fixtures: a store for each backend, the example content, a clock."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import os
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_timeout
from hypothesis import settings
from typer.testing import CliRunner

from bot.answers.copies import build
from bot.answers.engine import ContentAnswerer
from bot.app import App, assemble
from bot.cli import common as cli_common
from bot.content.loader import Content, load_content
from bot.content.templates import Templates
from bot.core.clock import FixedClock
from bot.core.ports import Store
from bot.services.calendar import UkWorkingDays
from bot.settings import Settings
from bot.storage.database import create_engine, upgrade
from bot.storage.memory import MemoryStore
from bot.storage.sql import SqlStore
from tests import databases, processes, watch
from tests.limits import IN_LOOP_MARGIN, LAST_MARGIN, TEARDOWN_MARGIN, Run

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
# not cost a whole run; the first failure, with its stacks, stays in the report. The limits
# are in tests/limits.py (IN_LOOP_MARGIN), where a sync test's child processes find them too.
# A limit cancels the test once, and its cleanup (the bot's shutdown in an `async with`) then
# runs unbounded, as does pytest-asyncio's loop teardown, which waits for every task it
# cancels: a task that does not end when cancelled held a test past pytest-timeout, and its
# worker died with nothing in the CI log (pytest-timeout's stacks go to the worker's stdout,
# /dev/null). So a cleanup past its limit is cancelled again (_CancelAgain), a loop still
# running near the end is stopped, and a test near its end leaves every stack in the CI log
# (tests/watch.py).

# Property tests assert behaviour, never speed: Hypothesis's default 200 ms deadline per
# example fails a test on a loaded 2-core CI machine for no fault of the code (a replay
# through PTB's decoding once took longer). Speed lives in benchmarks/.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


def _limit_of(item: pytest.Item) -> float | None:
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        seconds = float(marker.args[0])
    else:
        seconds = float(item.config.getini("timeout") or 0)
    return seconds if seconds > 0 else None


def _arm(item: pytest.Item, seconds: float) -> None:
    """Restart pytest-timeout's timer for the item with `seconds` to run."""
    settings = pytest_timeout._get_item_settings(item)
    if settings.timeout and not settings.func_only:
        hooks = item.config.pluginmanager.hook
        hooks.pytest_timeout_cancel_timer(item=item)
        hooks.pytest_timeout_set_timer(item=item, settings=settings._replace(timeout=seconds))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Each run of a test has its own limits, a rerun (pytest-rerunfailures) included: its
    # protocol runs the test again inside one pytest-timeout timer, which the first failure
    # had cancelled anyway (below).
    Run.limit, Run.started = _limit_of(item), time.monotonic()
    if Run.limit is not None and getattr(item, "execution_count", 1) > 1:
        _arm(item, Run.limit)
    watch.start(item.nodeid)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown() -> Iterator[None]:
    try:
        return (yield)
    finally:
        processes.reap()
        watch.end()


def pytest_configure() -> None:
    watch.keep_stderr()  # fd 2 is the real one now: pytest captures only around each test


@pytest.hookimpl(trylast=True)
def pytest_exception_interact(node: pytest.Item | pytest.Collector) -> None:
    # pytest-timeout cancels its timer at any failure (for --pdb's sake): a failed test's
    # teardown, or its rerun, would then run with no limit at all, and a hang there would hold
    # its worker for ever. The timer is started again for what is left of the test's limit.
    if isinstance(node, pytest.Item) and Run.limit is not None and not node.config.option.usepdb:
        _arm(node, max(Run.left(1.0) or 0.0, 0.05 * Run.limit))


class _CancelAgain:
    """A limit cancels its task once; the task's cleanup (an `async with`'s exit, a `finally`)
    then runs with no bound, and a shutdown awaiting a task that never ends would hold the test
    until pytest-timeout ends its worker. So a task still running halfway from its limit to
    LAST_MARGIN is cancelled again, and every second after, until it ends; where its cleanup
    was stuck goes in the failure."""

    def __init__(self, limit: asyncio.Timeout, share: float) -> None:
        self.limit, self.task, self.times, self.stuck = limit, asyncio.current_task(), 0, ""
        self.handle = asyncio.get_running_loop().call_later(
            Run.left((share + LAST_MARGIN) / 2) or 0.0, self.cancel
        )

    def cancel(self) -> None:
        if self.task is None or self.task.done() or not self.limit.expired():
            return
        if not self.stuck:
            self.stuck = watch.tasks_report()  # in a callback: the task's own stack too
        self.times += 1
        self.task.cancel()
        self.handle = asyncio.get_running_loop().call_later(1.0, self.cancel)

    def end(self) -> None:
        self.handle.cancel()
        for _ in range(self.times):  # so the limit's own exit sees its one cancel
            self.task.uncancel()  # type: ignore[union-attr]


@contextlib.asynccontextmanager
async def _in_loop_limit(share: float, what: str) -> AsyncIterator[None]:
    seconds = Run.left(share)
    if seconds is None:
        yield
        return
    Run.loop = asyncio.get_running_loop()
    limit = asyncio.timeout(seconds)
    again = _CancelAgain(limit, share)
    try:
        async with limit:
            try:
                yield
            finally:
                again.end()
    except TimeoutError:
        if not limit.expired():
            raise  # the test's own
        spent = time.monotonic() - Run.started
        stuck = (
            f"its cleanup was cancelled again, stuck here:\n{again.stuck}" if again.times else ""
        )
        pytest.fail(
            f"still running after {spent:.0f} s ({what}); {stuck}its tasks:\n{watch.tasks_report()}"
        )


def _bounded(test, what: str):  # type: ignore[no-untyped-def]
    @functools.wraps(test)
    async def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        async with _in_loop_limit(IN_LOOP_MARGIN, what):
            return await test(*args, **kwargs)

    return run


def _bounded_generator(fixture, what: str):  # type: ignore[no-untyped-def]
    @functools.wraps(fixture)
    async def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        steps = fixture(*args, **kwargs)
        async with _in_loop_limit(IN_LOOP_MARGIN, f"{what} setup"):
            value = await steps.__anext__()
        yield value
        async with _in_loop_limit(TEARDOWN_MARGIN, f"{what} teardown"):
            async for _ in steps:
                raise ValueError(f"{what} yields more than once")

    return run


_asyncio_run = asyncio.run


def _bounded_run(main, **options):  # type: ignore[no-untyped-def]
    """asyncio.run within the test's limit: how the CLI runs in a test's own thread (typer's
    CliRunner), where a hang would else hold the test past pytest-timeout, and end its worker."""

    async def bounded():  # type: ignore[no-untyped-def]
        async with _in_loop_limit(IN_LOOP_MARGIN, "asyncio.run in the test"):
            return await main

    return _asyncio_run(bounded(), **options)


asyncio.run = _bounded_run
_run_bounded = cli_common.run_bounded


def _bounded_verb(make, grace):  # type: ignore[no-untyped-def]
    """The same for a verb's own loop (bot/cli/ending.py), which asyncio.run no longer runs."""

    async def bounded():  # type: ignore[no-untyped-def]
        async with _in_loop_limit(IN_LOOP_MARGIN, "a CLI verb in the test"):
            return await make()

    return _run_bounded(bounded, grace)


cli_common.run_bounded = _bounded_verb


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        test = getattr(item, "obj", None)
        if _limit_of(item) and inspect.iscoroutinefunction(test):
            item.obj = _bounded(test, "the test")  # type: ignore[attr-defined]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[object]) -> Iterator[object]:
    # An async fixture's setup and teardown run in the loop too (pytest-asyncio wraps what it
    # finds here), and are bounded the same way as the test.
    fixture = fixturedef.func
    what = f"fixture {fixturedef.argname}"
    if hasattr(fixture, "__self__"):
        bounded = None  # a method: left as it is
    elif inspect.isasyncgenfunction(fixture):
        bounded = _bounded_generator(fixture, what)
    elif inspect.iscoroutinefunction(fixture):
        bounded = _bounded(fixture, f"{what} setup")
    else:
        bounded = None
    if bounded is None:
        return (yield)
    fixturedef.func = bounded
    try:
        return (yield)
    finally:
        fixturedef.func = fixture


@pytest.fixture
def content() -> Content:
    return load_content(ROOT / "campaigns")


@pytest.fixture(scope="module")
def answerer() -> ContentAnswerer:
    """One answerer for a module, built with the shipped phrasings (a copy once the process
    has built one: bot.answers.copies); a module that changes it builds its own."""
    return build(load_content(ROOT / "campaigns"), None, UkWorkingDays(), "Europe/London")


@pytest.fixture
def templates() -> Templates:
    return Templates.load(ROOT / "messages")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2023, 5, 8, 9, 0, tzinfo=UTC))


async def _postgres_database() -> tuple[str, str]:
    assert PG_URL is not None
    return await databases.empty_postgres(PG_URL)


async def _drop_postgres_database(name: str) -> None:
    assert PG_URL is not None
    await databases.drop_postgres(PG_URL, name)


def pytest_sessionfinish() -> None:
    if PG_URL is not None:
        for template in databases.postgres_templates():
            _asyncio_run(_drop_postgres_database(template))


@pytest.fixture
async def sql_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, migrated database URL: SQLite in a temp dir, or a new PostgreSQL database
    (each a copy of one migrated once a process: tests/databases.py)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        if PG_URL is None:
            pytest.skip("TEST_POSTGRES_URL is not set (CI sets it; see scripts/pg-test-server)")
        url, name = await databases.migrated_postgres(PG_URL)
    else:
        url, name = databases.migrated_sqlite(tmp_path), ""
    engine = create_engine(url)
    await upgrade(engine)  # at head: nothing to do
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
        url, name = await databases.migrated_postgres(PG_URL)
    else:
        url, name = databases.migrated_sqlite(tmp_path), ""
    engine = create_engine(url)
    await upgrade(engine)  # at head: nothing to do
    yield SqlStore(engine)
    await engine.dispose()
    if request.param == "postgres":
        await _drop_postgres_database(name)


def wired(
    store: object,
    content: Content,
    templates: Templates,
    clock: FixedClock,
    zone: str = "Europe/London",
) -> App:
    """The whole application over a store (memory or SQL), as the composition root wires it."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        CONTENT_DIR=str(ROOT / "campaigns"),
        MESSAGES_DIR=str(ROOT / "messages"),
        BOT_TIMEZONE=zone,
    )
    return assemble(settings, store, content, templates, clock)  # type: ignore[arg-type]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The CLI in this process (typer's runner) on a fresh SQLite database in tmp_path, with
    no platform tokens: what a new organiser's first commands see."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    # a platform's other settings without its token are refused (bot/settings.py)
    for name in ("TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("CONTENT_DIR", str(ROOT / "campaigns"))
    monkeypatch.setenv("MESSAGES_DIR", str(ROOT / "messages"))
    monkeypatch.setenv("BOT_TIMEZONE", "Europe/London")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    return CliRunner()
