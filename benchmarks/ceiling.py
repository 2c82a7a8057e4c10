"""The pipeline against the machine's ceiling: a raw aiohttp send loop to the Telegram
stand-in, and the full pipeline (outbox rows, claims, pacing with the limits lifted, outcome
writes) sending the same number of messages, on SQLite and PostgreSQL, in the same run."""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import resource
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import insert

from benchmarks.common import StandinProcess, settings_for_url
from bot.app import build_app, start_delivery
from bot.core.caller import Caller
from bot.core.results import BroadcastRequest
from bot.observe import heap
from bot.storage import tables as t

TEXT = "<b>Pay update</b>\nTalks resume on Monday. Read the offer and tell your rep."


def cpu_seconds() -> float:
    """CPU this process has used so far (user and system, all its threads: SQLite's too)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


CPU_MS: dict[str, float] = {}  # milliseconds of this process's CPU per send, by loop


async def raw_aiohttp(tg: StandinProcess, sends: int, concurrency: int) -> float:
    """The ceiling: aiohttp posting sendMessage as fast as it can, nothing else. Sends/s."""
    url = f"{tg.info['url']}/bot{tg.info['token']}/sendMessage"
    gate = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(i: int) -> None:
            async with gate:
                body = {"chat_id": 700_000 + i, "text": TEXT, "parse_mode": "HTML"}
                async with session.post(url, json=body) as response:
                    assert response.status == 200
                    await response.read()

        started, cpu = time.perf_counter(), cpu_seconds()
        await asyncio.gather(*(one(i) for i in range(sends)))
        elapsed = time.perf_counter() - started
        CPU_MS["ceiling"] = min(CPU_MS.get("ceiling", 1e9), (cpu_seconds() - cpu) * 1000 / sends)
        return sends / elapsed


async def _dms(app: Any, count: int) -> None:
    """`count` Telegram DMs subscribed to pay, in two bulk inserts."""
    channels = [
        {"id": n, "platform": "telegram", "chat_id": str(800_000 + n), "kind": "dm",
         "state": "active"}
        for n in range(1, count + 1)
    ]  # fmt: skip
    subscriptions = [
        {"channel_id": n, "branch": "branch-0001", "topic": "pay", "state": "active"}
        for n in range(1, count + 1)
    ]
    async with app.store.engine.begin() as conn:
        await conn.execute(insert(t.channels), channels)
        await conn.execute(insert(t.subscriptions), subscriptions)


async def pipeline(url: str, tg: StandinProcess, sends: int, profile: Path | None = None) -> float:
    """The whole pipeline, limits lifted, on the database at `url` (migrated, empty).
    Deliveries/s from confirming the broadcast until every outcome is committed; the CPU
    this process used per send goes in CPU_MS (with the profiler on, its cost included)."""
    async with AsyncExitStack() as stack:
        app = await build_app(settings_for_url(url, tg, None), stack)
        await _dms(app, sends)
        engine = await start_delivery(app, stack, unlimited=True)
        assert engine is not None
        heap.freeze()  # as `campaign-bot run` does once started
        broadcasts, operator = app.services.broadcasts, Caller.operator("bench")
        request = BroadcastRequest("pay", "all", TEXT, title="Pay update")
        draft = await broadcasts.draft(request, operator)
        profiler = cProfile.Profile() if profile is not None else None
        if profiler is not None:
            profiler.enable()
        started, cpu = time.perf_counter(), cpu_seconds()
        await broadcasts.confirm(draft.broadcast.id, operator)
        await engine.settle(draft.broadcast.id, poll=0.05)
        elapsed = time.perf_counter() - started
        CPU_MS[url] = (cpu_seconds() - cpu) * 1000 / sends
        if profiler is not None and profile is not None:
            profiler.disable()
            pstats.Stats(profiler).dump_stats(profile)
        report = await app.store.deliveries.unsettled(draft.broadcast.id)
        assert report == 0
    return sends / elapsed


async def measure(
    urls: dict[str, str], sends: int, concurrency: int = 128, profile_dir: Path | None = None
) -> dict[str, Any]:
    """Ceiling before and after the pipelines (the better counts), each store's pipeline,
    and their ratios. The stand-in runs in its own process, limits off, answering at once."""
    tg = await StandinProcess.start("telegram", delay=0.0, limits=False)
    try:
        ceiling = await raw_aiohttp(tg, sends, concurrency)
        rates = {}
        for store, url in urls.items():
            profile = profile_dir / f"pipeline-{store}.prof" if profile_dir else None
            rates[store] = await pipeline(url, tg, sends, profile)
        ceiling = max(ceiling, await raw_aiohttp(tg, sends, concurrency))
    finally:
        await tg.stop()
    results: dict[str, Any] = {"sends": sends, "ceiling_per_s": round(ceiling, 1)}
    results["ceiling_cpu_ms_per_send"] = round(CPU_MS.pop("ceiling"), 3)
    for store, rate in rates.items():
        results[f"{store}_per_s"] = round(rate, 1)
        results[f"{store}_ratio"] = round(rate / ceiling, 3)
        results[f"{store}_cpu_ms_per_send"] = round(CPU_MS.pop(urls[store]), 3)
    return results


if __name__ == "__main__":  # python -m benchmarks.ceiling [SENDS [DIR]]: profiles in DIR
    import sys

    from benchmarks.large import pipeline_profiled, pipeline_vs_ceiling

    sends = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    folder = sys.argv[2] if len(sys.argv) > 2 else "/tmp"
    if folder == "-":  # no profiler: CPU per send without its cost
        print(asyncio.run(pipeline_vs_ceiling(["sqlite", "postgres"], sends)))
    else:
        print(asyncio.run(pipeline_profiled(sends, Path(folder))))
