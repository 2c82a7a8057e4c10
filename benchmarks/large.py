"""--scale large: the largest union's size (1,500,000 members, 1,000 branches, 50,000
channels) on SQLite and on PostgreSQL, generated here (benchmarks/population.py)."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from benchmarks import ceiling
from benchmarks.common import ROOT, settings_for_url
from benchmarks.population import LARGE, NATIONAL_BALLOT, Sizes, dm_member, identity, populate
from benchmarks.scale import run_rss
from bot.app import build_app
from bot.core.caller import Caller
from bot.core.models import Identity, Platform
from bot.core.results import BroadcastRequest
from bot.storage.database import create_engine, upgrade

PIPELINE_SENDS = 20_000  # deliveries in the pipeline-against-ceiling measurement
QUEUE_ROUNDS = 3  # broadcasts queued (and cancelled) for the queueing figure
KEPT_DATABASE = "bench_large_kept"  # with --keep: the PostgreSQL database kept between runs


async def timed(work: Callable[[], Awaitable[object]], rounds: int = 1) -> float:
    """Median seconds of `rounds` runs of `work`."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 4)


async def measure(url: str, sizes: Sizes = LARGE) -> dict[str, Any]:
    """Generate the union into the database at `url` (unless a kept one already holds it),
    then time what organisers and members do there. Figures in seconds unless named
    otherwise."""
    results: dict[str, Any] = {}
    engine = create_engine(url)
    await upgrade(engine)  # a kept database gets the migrations landed since it was made
    async with engine.connect() as conn:
        kept = bool(await conn.scalar(text("SELECT count(*) FROM branches")))
    await engine.dispose()
    if kept:
        _progress(f"reusing the union kept at {make_url(url).database}")
        results["generate_s"] = "kept"
    else:
        started = time.perf_counter()
        rows: dict[str, int] = {}
        count = lambda table, n: rows.__setitem__(table, rows.get(table, 0) + n)  # noqa: E731
        await populate(url, sizes, count)
        results["generate_s"] = round(time.perf_counter() - started, 1)
        results["rows"] = sum(rows.values())
        _progress(f"generated {results['rows']:,} rows in {results['generate_s']} s")
    results |= await _organisers_and_members(url, sizes)
    results["database_mb"] = await database_mb(url)
    idle, peak, answered = await run_rss(url)
    results |= {"run_idle_rss_mb": idle, "run_peak_rss_mb": peak, "run_answered_rss_mb": answered}
    return results


async def _organisers_and_members(url: str, sizes: Sizes) -> dict[str, Any]:
    results: dict[str, Any] = {}
    async with AsyncExitStack() as stack:
        app = await build_app(settings_for_url(url, None, None), stack)
        operator = Caller.operator("bench")
        audience: list[int] = []

        async def resolve() -> None:
            audience[:] = await app.store.subscriptions.audience("pay", None)

        results["audience_s"] = await timed(resolve, rounds=3)
        results["audience_channels"] = len(audience)
        results |= await _queue(app, audience, operator)
        turnout = lambda: app.services.ballots.turnout(NATIONAL_BALLOT, operator)  # noqa: E731
        results["turnout_s"] = await timed(turnout, rounds=3)
        report = lambda: app.services.membership.report(operator)  # noqa: E731
        results["members_report_s"] = await timed(report)
        results |= await _one_member(app, sizes)
    return results


async def _queue(app: Any, audience: list[int], operator: Caller) -> dict[str, Any]:
    """Queue a national broadcast's deliveries, QUEUE_ROUNDS times (a new broadcast each
    time, its deliveries cancelled after, so the bot started later for its memory finds
    nothing to send): the median, and the slowest."""
    times, queued = [], 0
    for _ in range(QUEUE_ROUNDS):
        request = BroadcastRequest("pay", "all", "Talks resume.", title="Pay update")
        draft = await app.services.broadcasts.draft(request, operator)
        started = time.perf_counter()
        queued = await app.outbox.release(draft.broadcast.id, audience)
        times.append(time.perf_counter() - started)
        await app.store.deliveries.cancel_pending(draft.broadcast.id)
    return {
        "queue_s": round(statistics.median(times), 4),
        "queue_s_max": round(max(times), 4),
        "deliveries_queued": queued,
    }


async def _one_member(app: Any, sizes: Sizes) -> dict[str, Any]:
    """/mydata, then /forget, for members with a DM (and, one in two, a banked vote and a
    signature): the first in the process (its statements not yet compiled), then others."""
    results: dict[str, Any] = {}
    members = _members_left(app, sizes)
    for when in ("first", "next", "next"):
        member = await anext(members)
        platform, user = identity(member)
        caller = await app.services.roles.caller(Identity(Platform(platform), user))
        assert caller.member is not None and caller.member.id == member
        mydata = await timed(partial(app.services.members.export, caller))
        forget = await timed(partial(app.services.members.forget, caller))
        assert await app.store.members.get(member) is None
        results[f"mydata_{when}_s"] = max(mydata, results.get(f"mydata_{when}_s", 0.0))
        results[f"forget_{when}_s"] = max(forget, results.get(f"forget_{when}_s", 0.0))
    return results


async def _members_left(app: Any, sizes: Sizes) -> AsyncIterator[int]:
    """Members with a DM from the middle of the list on, past those a previous run on a kept
    database has already forgotten."""
    for j in range(sizes.dms // 2, sizes.dms):
        member = dm_member(j, sizes)
        if await app.store.members.get(member) is not None:
            yield member


async def database_mb(url: str) -> float:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database))
        files = [path, Path(f"{path}-wal")]
        return round(sum(f.stat().st_size for f in files if f.exists()) / 2**20, 1)
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        size = await conn.scalar(text("SELECT pg_database_size(current_database())"))
    await engine.dispose()
    return round(int(size or 0) / 2**20, 1)


@asynccontextmanager
async def postgres_database(kept: str | None = None) -> AsyncIterator[str]:
    """A new database on TEST_POSTGRES_URL's server (or one scripts/pg-test-server starts),
    dropped afterwards; or the database named `kept`, made if missing and kept."""
    server = os.environ.get("TEST_POSTGRES_URL")
    if not server:
        start = asyncio.create_subprocess_exec(
            str(ROOT / "scripts" / "pg-test-server"), "start", stdout=asyncio.subprocess.PIPE
        )
        out, _ = await (await start).communicate()
        server = out.decode().strip().split("=", 1)[1]
    name = kept or "bench_" + uuid.uuid4().hex[:12]
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        found = await conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not found:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        if not kept:
            async with admin.connect() as conn:
                await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()


def _progress(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


async def run(
    stores: list[str],
    sizes: Sizes = LARGE,
    sends: int = PIPELINE_SENDS,
    save: Callable[[dict[str, Any]], None] | None = None,
    keep: Path | None = None,
) -> dict[str, Any]:
    """Each store, then the pipeline; `save` gets the figures so far after each. With
    `keep`, the union is generated once and kept (SQLite: `keep`/large.db; PostgreSQL: the
    database KEPT_DATABASE on the server), and later runs measure the kept one."""
    results: dict[str, Any] = {
        "members": sizes.members,
        "branches": sizes.branches,
        "channels": sizes.channels,
    }
    if "sqlite" in stores:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{(keep or Path(folder)) / 'large.db'}"
            results["sqlite"] = await measure(url, sizes)
            _progress(f"sqlite: {results['sqlite']}")
            if save is not None:
                save(results)
    if "postgres" in stores:
        async with postgres_database(KEPT_DATABASE if keep else None) as url:
            results["postgres"] = await measure(url, sizes)
            _progress(f"postgres: {results['postgres']}")
            if save is not None:
                save(results)
    results["pipeline"] = await pipeline_vs_ceiling(stores, sends)
    return results


async def pipeline_vs_ceiling(stores: list[str], sends: int) -> dict[str, Any]:
    """benchmarks/ceiling.py on fresh databases of each store."""
    async with AsyncExitStack() as stack:
        urls = {}
        if "sqlite" in stores:
            folder = stack.enter_context(tempfile.TemporaryDirectory())
            urls["sqlite"] = f"sqlite+aiosqlite:///{Path(folder) / 'pipeline.db'}"
        if "postgres" in stores:
            urls["postgres"] = await stack.enter_async_context(postgres_database())
        return await ceiling.measure(urls, sends)


async def pipeline_profiled(sends: int, profile_dir: Path) -> dict[str, Any]:
    """The same on both stores, with a cProfile dump of each pipeline in `profile_dir`."""
    async with AsyncExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        urls = {
            "sqlite": f"sqlite+aiosqlite:///{Path(folder) / 'pipeline.db'}",
            "postgres": await stack.enter_async_context(postgres_database()),
        }
        return await ceiling.measure(urls, sends, profile_dir=profile_dir)
