"""Stopping the wake-ups stops the jobs still running: within a bound, and never at the cost
of the caller's own cancellation (bot/core/stopping.py)."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from datetime import UTC, datetime

from bot.scheduling.wakeups import Wakeups


async def test_a_stop_cancelled_meanwhile_is_cancelled_although_a_job_is_stuck() -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def stuck() -> None:
        started.set()
        try:
            await asyncio.sleep(3600)
        finally:
            await release.wait()  # a cleanup that does not end when cancelled

    wakeups = Wakeups()
    wakeups.start(AsyncExitStack())  # stopped below, once
    wakeups.at("stuck", datetime.now(UTC), stuck)
    await asyncio.wait_for(started.wait(), 10)
    stopping = asyncio.create_task(wakeups.stop())
    await asyncio.sleep(0.1)
    stopping.cancel()  # the caller's own grace ran out
    done, _ = await asyncio.wait({stopping}, timeout=5)
    release.set()
    assert stopping in done and stopping.cancelled()
