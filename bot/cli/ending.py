"""One event loop for a verb, whose end cannot hang.

`asyncio.run` ends by cancelling the tasks left over and waiting for them, then waiting for
the default executor's threads, then Python waits for every other thread that is not a
daemon: each wait has no limit. A task that ignores its cancellation, a job still running in
a thread (the answers' engine, built in one for a member's first question, took 60 s on a
machine without its cache), or a database connection's thread left open, and a process that
systemd or Kubernetes told to stop did not (`campaign-bot run` did so once in the benchmarks,
in `_cancel_all_tasks`). One kind of task that holds it: SQLAlchemy 2.1's async context
managers (`async with engine.connect()`, a session) keep a cancellation until their close has
run (`_run_to_completion`), and the close waits for the statement in flight: a task
cancelled during a 10 s SQLite query ended 10.7 s later, and `_cancel_all_tasks` cancels
only once. So here whatever is still running halfway through the grace is cancelled a
second time (the verb's coroutine, then each task left over), and such a task ends then.

Here SIGTERM and SIGINT cancel the verb's coroutine, which unwinds as it always did (every
part stops inside its exit stack). From that moment, or from the coroutine's own end, the
rest has `grace` seconds: what is left is cancelled and waited for, then the threads. What
has not ended by then is named in the log, one line each, and the process exits at once
with status 3 (ABANDONED). Nothing is lost by it: the store is the record of all work, and
what was in flight is taken up at the next start, as after kill -9. A second signal gives up
at once, and a watchdog thread keeps the limit even when the loop itself is stuck."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from types import FrameType
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

ABANDONED = 3  # the exit status when work was left unfinished (README, "Stopping")
SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stopped(Exception):
    """The verb was stopped by a signal (and ended within its grace)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def run_bounded(make: Callable[[], Coroutine[Any, Any, T]], grace: float) -> T:
    """Run the coroutine on a new loop; raise Stopped if a signal stopped it. However it
    ended, what it leaves behind gets `grace` seconds, then the process exits (above)."""
    ending = _Ending(grace)
    loop = asyncio.new_event_loop()
    executor = ThreadPoolExecutor(thread_name_prefix="campaign-bot")
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    main = loop.create_task(make(), name="main")
    previous = ending.listen(loop, main)
    try:
        return loop.run_until_complete(main)
    except asyncio.CancelledError:
        if ending.signum is None:
            raise
        raise Stopped(ending.signum) from None
    finally:
        try:
            ending.begin()
            ending.ended_by = sys.exc_info()[1]
            ending.settle(loop, executor)
        finally:
            ending.done()
            for signum, handler in previous.items():
                if handler is not None:
                    signal.signal(signum, handler)
            asyncio.set_event_loop(None)


class _Ending:
    def __init__(self, grace: float) -> None:
        self.grace = grace
        self.signum: int | None = None
        self.deadline: float | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._watchdog: threading.Timer | None = None
        self.ended_by: BaseException | None = None  # the error the verb ended with, if any
        self._before = set(threading.enumerate())  # not ours to wait for (a test's process)

    def listen(self, loop: asyncio.AbstractEventLoop, main: asyncio.Task[Any]) -> dict[int, Any]:
        """Handlers for the signals that stop a verb; the ones they replace. A Python-level
        handler (not loop.add_signal_handler) runs even while the loop is busy."""
        self._loop = loop
        if threading.current_thread() is not threading.main_thread():
            return {}  # only the main thread can set handlers (a verb run from a test's thread)

        def stop(signum: int, frame: FrameType | None) -> None:
            if self.signum is not None:
                self.abandon(f"{signal.Signals(signum).name} again: not waiting any longer")
            self.signum = signum
            self.begin()
            with contextlib.suppress(RuntimeError):  # the loop has closed: nothing to stop
                loop.call_soon_threadsafe(self._cancel_twice, main)

        return {signum: signal.signal(signum, stop) for signum in SIGNALS}

    def begin(self) -> None:
        """The grace starts now (once); the watchdog keeps to it if the loop cannot."""
        if self.deadline is not None:
            return
        self.deadline = time.monotonic() + self.grace
        self._watchdog = threading.Timer(self.grace + 1.0, self._overdue)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _cancel_twice(self, main: asyncio.Task[Any]) -> None:
        """Cancel the verb's coroutine now and, if it has not ended, halfway through the
        grace again: a part whose stop swallowed the first (above) ends then."""
        main.cancel()
        assert self._loop is not None
        self._loop.call_later(self._to_halfway(), _again, [main])

    def _to_halfway(self) -> float:
        """Seconds until halfway through the grace; if that has passed, half of what is
        left, so that a task cancelled just now has time to act on it first."""
        return max(self.left() - self.grace / 2, self.left() / 2)

    def left(self) -> float:
        assert self.deadline is not None
        return max(0.0, self.deadline - time.monotonic())

    def settle(self, loop: asyncio.AbstractEventLoop, executor: ThreadPoolExecutor) -> None:
        """Cancel the tasks left over and wait for them, then for the threads, until the
        deadline; give up (exit ABANDONED) if any is still running then."""
        stuck = loop.run_until_complete(self._tasks_end())
        loop.run_until_complete(loop.shutdown_asyncgens())
        executor.shutdown(wait=False, cancel_futures=True)  # idle threads end at once
        for thread in self._threads():
            thread.join(self.left())
        busy = [f"thread {t.name} {_frame(_current(t))}" for t in self._threads()]
        if stuck or busy:
            self.abandon(f"not stopped {self.grace:g} s after being asked", stuck + busy)
        loop.close()

    async def _tasks_end(self) -> list[str]:
        tasks = asyncio.all_tasks() - {asyncio.current_task()}
        for task in tasks:
            task.cancel()
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=self._to_halfway())
            if pending:
                _again(pending)
                await asyncio.wait(pending, timeout=self.left())
        return [_task(t) for t in tasks if not t.done()]

    def _overdue(self) -> None:
        """The watchdog: the loop did not finish the end in time (it may be blocked)."""
        loop, tasks = self._loop, []
        try:
            if loop is not None:
                running = sorted(asyncio.all_tasks(loop), key=lambda t: t.get_name() != "main")
                tasks = [_task(t) for t in running if not t.done()]  # main first: its stop
        except RuntimeError:  # the loop changed them meanwhile: name none
            pass
        busy = [f"thread {t.name} {_frame(_current(t))}" for t in self._threads()]
        main = f"the main thread {_frame(_current(threading.main_thread()))}"
        self.abandon(f"not stopped {self.grace:g} s after being asked", [*tasks, *busy, main])

    def abandon(self, why: str, what: list[str] | None = None) -> NoReturn:
        error = self.ended_by
        if error is not None and not isinstance(error, (asyncio.CancelledError, Stopped)):
            # an operator's error (a refused token, a bad setting) would else go unsaid
            log.error("shutdown: the bot had stopped on an error: %s", error)
        for item in what or []:
            log.error("shutdown: still running: %s", item)
        log.error(
            "shutdown: %s; exiting with status %d (work not finished stays in the store and"
            " is taken up at the next start)",
            why,
            ABANDONED,
        )
        for handler in logging.getLogger().handlers:
            handler.flush()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(ABANDONED)

    def done(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()

    def _threads(self) -> list[threading.Thread]:
        """The threads started since the verb began that Python would wait for before it
        exits: alive and not daemons."""
        return [
            t
            for t in threading.enumerate()
            if t not in self._before and not t.daemon and t.is_alive()
        ]


def _again(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """The second cancellation, for the tasks that have not ended since the first."""
    for task in tasks:
        if not task.done():
            log.warning("shutdown: cancelling a second time: %s", _task(task))
            task.cancel()


def _current(thread: threading.Thread) -> FrameType | None:
    return sys._current_frames().get(thread.ident or -1)


def _task(task: asyncio.Task[Any]) -> str:
    """A task by its name, its coroutine and where that waits, below asyncio's own frames:
    `task leadership (Leadership._run) at bot/cluster/leadership.py:111 in _run`."""
    coro: Any = task.get_coro()
    name, frame = getattr(coro, "__qualname__", "?"), getattr(coro, "cr_frame", None)
    while hasattr(coro, "cr_await") and hasattr(coro.cr_await, "cr_frame"):
        coro = coro.cr_await
        if coro.cr_frame is not None and not coro.cr_frame.f_code.co_filename.startswith(_ASYNCIO):
            frame = coro.cr_frame
    return f"task {task.get_name()} ({name}) {_frame(frame)}"


_ASYNCIO = os.path.dirname(asyncio.__file__)


def _frame(frame: FrameType | None) -> str:
    if frame is None:
        return "(where unknown)"
    path = frame.f_code.co_filename
    roots = [r for r in (*sys.path, _CHECKOUT) if r and path.startswith(r + os.sep)]
    if roots:  # bot/cli/ending.py, asyncio/locks.py: as short as it is still clear
        path = path[len(max(roots, key=len)) + 1 :]
    return f"at {path}:{frame.f_lineno} in {frame.f_code.co_name}"


_CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
