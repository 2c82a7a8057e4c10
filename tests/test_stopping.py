"""Stopping a background task: bounded, and the caller's own cancellation is kept."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.core.stopping import stop_task, stop_tasks


async def test_a_task_that_ends_when_cancelled_is_stopped_quietly() -> None:
    task = asyncio.create_task(asyncio.sleep(60))
    await asyncio.sleep(0)
    await stop_task(task)
    assert task.cancelled()


async def test_a_task_that_ignores_cancellation_is_waited_for_no_longer_than_the_grace(
    caplog: pytest.LogCaptureFixture,
) -> None:
    release = asyncio.Event()

    async def stubborn() -> None:
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue

    task = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0)
    begun = time.monotonic()
    await stop_task(task, grace=0.2)
    assert time.monotonic() - begun < 5
    assert not task.done()
    assert "stubborn did not stop" in caplog.text
    release.set()
    await task


async def test_the_callers_own_cancellation_is_not_swallowed() -> None:
    async def slow_to_stop() -> None:
        try:
            await asyncio.sleep(60)
        finally:
            await asyncio.shield(asyncio.sleep(0.5))

    child = asyncio.create_task(slow_to_stop())
    await asyncio.sleep(0)
    carried_on = False

    async def owner() -> None:
        nonlocal carried_on
        await stop_task(child)
        carried_on = True

    stopping = asyncio.create_task(owner())
    await asyncio.sleep(0.05)
    stopping.cancel()
    with pytest.raises(asyncio.CancelledError):
        await stopping
    assert not carried_on
    await asyncio.wait({child})


async def test_an_error_the_task_ended_with_is_raised_or_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken() -> None:
        raise RuntimeError("boom")

    for reraise in (True, False):
        tasks = [asyncio.create_task(broken()), asyncio.create_task(asyncio.sleep(60))]
        await asyncio.sleep(0)
        if reraise:
            with pytest.raises(RuntimeError, match="boom"):
                await stop_tasks(tasks, reraise=True)
        else:
            await stop_tasks(tasks, reraise=False)
            assert "had failed: RuntimeError" in caplog.text
        assert tasks[1].cancelled()
