"""Fan-out: at the platforms' limits against a naive loop, and unlimited against bare PTB."""

from __future__ import annotations

import asyncio
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from telegram import Bot
from telegram.request import HTTPXRequest

from benchmarks.common import StandinProcess, app_for
from bot.app import start_delivery
from bot.core.caller import Caller
from bot.core.models import ChatKind, Platform, SubscriptionState
from bot.core.results import BroadcastRequest
from bot.delivery.pacing import SLACK_WORKSPACE_RATE

BRANCHES = ["dwp-leeds", "dwp-glasgow", "hmrc-liverpool", "hmrc-newcastle", "passport-liverpool"]


async def _subscribe(app: Any, specs: list[tuple[Platform, str, ChatKind]]) -> None:
    store = app.store
    for index, (platform, chat, kind) in enumerate(specs):
        channel = await store.channels.upsert(platform, chat, kind)
        await store.subscriptions.add(
            channel.id, BRANCHES[index % len(BRANCHES)], "pay", SubscriptionState.ACTIVE
        )


async def _run_pipeline(app: Any, unlimited: bool) -> float:
    async with AsyncExitStack() as stack:
        engine = await start_delivery(app, stack, unlimited=unlimited)
        assert engine is not None
        broadcasts, operator = app.services.broadcasts, Caller.operator("bench")
        request = BroadcastRequest("pay", "all", "Talks resume.", title="Pay update")
        draft = await broadcasts.draft(request, operator)
        started = time.perf_counter()
        await broadcasts.confirm(draft.broadcast.id, operator)
        await engine.settle(draft.broadcast.id, poll=0.05)
        return time.perf_counter() - started


async def limited(
    groups: int, dms: int, slack_channels: int, rtt: float, naive_sample: int
) -> dict[str, Any]:
    tg = await StandinProcess.start("telegram", delay=rtt, limits=True)
    sl = await StandinProcess.start("slack", delay=rtt, limits=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            async with AsyncExitStack() as stack:
                app = await app_for(stack, Path(folder) / "bench.db", tg, sl)
                specs = (
                    [
                        (Platform.TELEGRAM, str(-1001000000000 - i), ChatKind.GROUP)
                        for i in range(groups)
                    ]
                    + [(Platform.TELEGRAM, str(100000 + i), ChatKind.DM) for i in range(dms)]
                    + [
                        (Platform.SLACK, f"C{i:08d}", ChatKind.CHANNEL)
                        for i in range(slack_channels)
                    ]
                )
                await _subscribe(app, specs)
                elapsed = await _run_pipeline(app, unlimited=False)
        tg_stats, sl_stats = await tg.stats(), await sl.stats()
        naive_tg = await _naive_telegram(tg, naive_sample)
        naive_sl = await _naive_slack(sl, max(20, naive_sample // 3))
    finally:
        await tg.stop()
        await sl.stop()
    total = groups + dms + slack_channels
    tg_count = groups + dms
    tg_span = max(tg_stats["last_at"] - tg_stats["first_at"], 1e-9)
    sl_span = max(sl_stats["last_at"] - sl_stats["first_at"], 1e-9)
    tg_rate = (tg_stats["received"] - 1) / tg_span
    sl_rate = (sl_stats["received"] - 1) / sl_span if sl_stats["received"] > 1 else 0.0
    naive_time = tg_count / naive_tg + slack_channels / naive_sl
    return {
        "channels": total,
        "telegram_chats": tg_count,
        "slack_channels": slack_channels,
        "round_trip_s": rtt,
        "pipeline_seconds": round(elapsed, 2),
        "delivered": tg_stats["received"] + sl_stats["received"],
        "telegram_rate_per_s": round(tg_rate, 2),
        "telegram_allowed_per_s": 30,
        "telegram_rate_ratio": round(tg_rate / 30, 3),
        "slack_rate_per_s": round(sl_rate, 2),
        "slack_allowed_per_s": SLACK_WORKSPACE_RATE,
        "slack_rate_ratio": round(sl_rate / SLACK_WORKSPACE_RATE, 3),
        "slack_max_per_channel": sl_stats["max_per_chat"],
        "http_429s": tg_stats["too_many"] + sl_stats["too_many"],
        "naive_telegram_per_s": round(naive_tg, 2),
        "naive_slack_per_s": round(naive_sl, 2),
        "naive_seconds_estimated": round(naive_time, 1),
        "speedup_vs_naive": round(naive_time / elapsed, 2),
    }


async def _naive_telegram(tg: StandinProcess, count: int) -> float:
    """The loop a newcomer writes: `await bot.send_message` for each chat, one after another."""
    bot = Bot(tg.info["token"], base_url=tg.info["url"] + "/bot")
    async with bot:
        started = time.perf_counter()
        for i in range(count):
            await bot.send_message(900000 + i, "Talks resume.")
        return count / (time.perf_counter() - started)


async def _naive_slack(sl: StandinProcess, count: int) -> float:
    client = AsyncWebClient(token=sl.info["token"], base_url=sl.info["base_url"])
    started = time.perf_counter()
    for i in range(count):
        await client.chat_postMessage(channel=f"CNAIVE{i:05d}", text="Talks resume.")
    return count / (time.perf_counter() - started)


async def unlimited(chats: int, concurrency: int) -> dict[str, Any]:
    tg = await StandinProcess.start("telegram", delay=0.0, limits=False)
    try:
        bare = await _bare_ptb(tg, chats, concurrency)
        with tempfile.TemporaryDirectory() as folder:
            async with AsyncExitStack() as stack:
                app = await app_for(stack, Path(folder) / "bench.db", tg, None)
                await _subscribe(
                    app, [(Platform.TELEGRAM, str(200000 + i), ChatKind.DM) for i in range(chats)]
                )
                elapsed = await _run_pipeline(app, unlimited=True)
        bare_again = await _bare_ptb(tg, chats, concurrency)
    finally:
        await tg.stop()
    rate = chats / elapsed
    bare_rate = max(bare, bare_again)
    return {
        "deliveries": chats,
        "pipeline_per_s": round(rate, 1),
        "bare_ptb_per_s": round(bare_rate, 1),
        "bare_ptb_concurrency": concurrency,
        "ratio_vs_bare_ptb": round(rate / bare_rate, 2),
    }


async def _bare_ptb(tg: StandinProcess, chats: int, concurrency: int) -> float:
    """PTB's default transport (httpx), sending concurrently with a fair connection pool."""
    request = HTTPXRequest(connection_pool_size=concurrency)
    bot = Bot(tg.info["token"], base_url=tg.info["url"] + "/bot", request=request)
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int) -> None:
        async with gate:
            await bot.send_message(300000 + i, "Talks resume.")

    async with bot:
        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(chats)))
        return chats / (time.perf_counter() - started)
