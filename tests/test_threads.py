"""Work in a daemon thread (bot/core/threads.py): its result or its error comes back as
to_thread's would, and a cancelled caller stops waiting at once, the thread left to run."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from bot.core.threads import in_daemon_thread


async def test_the_result_and_the_error_come_back() -> None:
    assert await in_daemon_thread(lambda: 6 * 7, "sum") == 42

    def fails() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        await in_daemon_thread(fails, "fails")


async def test_a_cancelled_caller_stops_waiting_at_once_and_the_thread_is_a_daemon() -> None:
    release, started = threading.Event(), threading.Event()

    def blocks() -> str:
        started.set()
        release.wait(30)
        return "late"

    task = asyncio.create_task(in_daemon_thread(blocks, "blocks"))
    await asyncio.to_thread(started.wait, 10)
    began = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - began < 1.0
    [thread] = [t for t in threading.enumerate() if t.name == "blocks"]
    assert thread.daemon and thread.is_alive()  # Python's exit does not wait for it
    release.set()
    thread.join(10)
    await asyncio.sleep(0.05)  # its late result is dropped: the caller has gone
