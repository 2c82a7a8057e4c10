"""Work in a thread that a stop never waits for.

`asyncio.to_thread` runs work in the loop's executor, whose threads the end of the loop and
then Python's exit wait for, however long the work takes: a terminal's `readline` until
someone presses Enter, the answers' engine being built for a member's first question for a
minute. Work that may be cut off anywhere with nothing lost runs here instead, in a daemon
thread of its own: cancelled, the caller stops waiting at once, and the process can end
while the thread still runs (bot/cli/ending.py)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def in_daemon_thread(work: Callable[[], T], name: str) -> T:
    """`work()`'s result, computed in a daemon thread called `name`; only for work that
    writes nothing a half-done run could spoil."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        try:
            result, error = work(), None
        except BaseException as raised:  # handed to the waiting caller, as to_thread does
            result, error = None, raised
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is waiting
            loop.call_soon_threadsafe(_settle, future, result, error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return await future


def _settle(future: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if future.done():  # the caller was cancelled meanwhile
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)  # type: ignore[arg-type]  # None only with an error
