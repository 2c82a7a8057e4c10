"""What a test still running near its limit leaves in the CI log, and how its event loop is
stopped before pytest-timeout ends its worker.

pytest-timeout's thread method writes every thread's stack through pytest's terminal writer,
sys.stdout, which in a pytest-xdist worker is /dev/null (execnet's channel has the pipes): a CI
run showed only "node down: Not properly terminated". The worker's fd 2 is the controller's
stderr, the CI log, but while a test runs pytest's fd capture points it at a temporary file
that dies with the worker. So a copy of fd 2 is taken as pytest configures (capture is
suspended then), and a test still running at

- LAST_MARGIN of its limit: has every thread's stack written there, and its event loop's
  tasks, if that loop is running (not blocked), and the loop stopped. The run_until_complete
  it was in (pytest-asyncio's, in the test, a fixture or the loop's own teardown, which waits
  for every task it cancels) ends with a RuntimeError, raised again as a "still running
  after" failure (rerun once, --only-rerun): the worker lives on. The loop is stopped again
  while it runs, so each later fixture teardown and the loop's own end are bounded too;
- DUMP_MARGIN: has every thread's stack written there by faulthandler, from a C thread that
  needs no GIL, so a loop blocked in a sync wait shows where; pytest-timeout ends the worker
  at 100%.
"""

from __future__ import annotations

import asyncio
import faulthandler
import inspect
import io
import os
import threading
import time
import traceback
from collections.abc import Iterator
from types import FrameType

from tests.limits import DUMP_MARGIN, LAST_MARGIN, Run

_stderr: int | None = None


def keep_stderr() -> None:
    """At pytest_configure: a copy of the worker's real fd 2, before a test's capture."""
    global _stderr
    if _stderr is None:
        _stderr = os.dup(2)


def write(text: str) -> None:
    if _stderr is not None:
        os.write(_stderr, text.encode(errors="replace"))


def tasks_report() -> str:
    """Every task's stack but the caller's (in a loop callback: every task's), down the chain
    of awaits: Task.print_stack shows only a coroutine's outermost frame (the test's wrapper)."""
    out = io.StringIO()
    for task in asyncio.all_tasks():
        if task is not asyncio.current_task():
            out.write(f"{task!r}\n")
            frames = [(f, f.f_lineno) for f in _awaiting(task.get_coro())]
            out.write("".join(traceback.format_list(traceback.StackSummary.extract(frames))))
    return out.getvalue()


def _awaiting(step: object) -> Iterator[FrameType]:
    for _ in range(64):
        frame = getattr(step, "cr_frame", None) or getattr(step, "ag_frame", None)
        frame = frame or getattr(step, "gi_frame", None)
        if frame is None:
            return
        yield frame
        then = getattr(step, "cr_await", None) or getattr(step, "ag_await", None)
        then = then or getattr(step, "gi_yieldfrom", None)
        if then is not None and not hasattr(then, "cr_frame") and not hasattr(then, "ag_frame"):
            # an async generator's asend/athrow shows no frame: an @asynccontextmanager's
            # exit (`async with` of the bot or a stand-in) awaits its generator, self.gen
            gen = getattr(frame.f_locals.get("self"), "gen", None)
            then = gen if inspect.isasyncgen(gen) else then
        step = then


class LoopStopped(RuntimeError):
    """The test's event loop was stopped at LAST_MARGIN of its limit (a RuntimeError, as
    pytest-asyncio expects from a loop's teardown)."""


class _Watch(threading.Thread):
    def __init__(self, nodeid: str) -> None:
        super().__init__(name=f"watch {nodeid}", daemon=True)
        self.nodeid = nodeid
        self.over = threading.Event()

    def run(self) -> None:
        left = Run.left(LAST_MARGIN)
        if left is None or self.over.wait(left):
            return
        write(
            f"\n{self.nodeid} still running after {time.monotonic() - Run.started:.0f} s "
            f"of its {Run.limit:.0f} s limit: every thread's stack, then its event loop's tasks "
            f"if the loop runs; every thread's again at {DUMP_MARGIN:.0%}; pytest-timeout ends "
            "the worker at 100%\n"
        )
        if _stderr is not None:  # a thread a task waits on (aiosqlite's) may be stuck or gone
            faulthandler.dump_traceback(file=_stderr)
        while not self.over.is_set():
            loop = Run.loop
            if loop is not None and loop.is_running():
                try:
                    loop.call_soon_threadsafe(_stop, loop)
                except RuntimeError:
                    pass  # closed meanwhile
            self.over.wait(0.25)


def _stop(loop: asyncio.AbstractEventLoop) -> None:
    if Run.stopped is None:
        spent = time.monotonic() - Run.started
        Run.stopped = (
            f"still running after {spent:.0f} s: its event loop was stopped at "
            f"{LAST_MARGIN:.0%} of the test's limit; its tasks:\n{tasks_report()}"
        )
        write(Run.stopped + "\n")
    loop.stop()


_watch: _Watch | None = None


def start(nodeid: str) -> None:
    """As each run of a test starts (Run is set): watch it until `end`."""
    global _watch
    end()
    Run.loop, Run.stopped = None, None
    dump = Run.left(DUMP_MARGIN)
    if dump is None:
        return
    if _stderr is not None:
        faulthandler.dump_traceback_later(dump, file=_stderr)
    _watch = _Watch(nodeid)
    _watch.start()


def end() -> None:
    global _watch
    faulthandler.cancel_dump_traceback_later()
    if _watch is not None:
        _watch.over.set()
        _watch = None


_runner_run, _runner_close = asyncio.Runner.run, asyncio.Runner.close


def _stopped_run(self, coro, *, context=None):  # type: ignore[no-untyped-def]
    if threading.current_thread() is threading.main_thread():
        Run.loop = self.get_loop()
    try:
        return _runner_run(self, coro, context=context)
    except RuntimeError as error:
        if Run.stopped is None:
            raise
        raise LoopStopped(Run.stopped) from error


def _stopped_close(self) -> None:  # type: ignore[no-untyped-def]
    loop = getattr(self, "_loop", None)  # None once closed: get_loop() would raise
    if loop is not None and threading.current_thread() is threading.main_thread():
        Run.loop = loop
    try:
        _runner_close(self)
    except RuntimeError as error:
        if Run.stopped is None:
            raise
        raise LoopStopped(f"{Run.stopped}\n(while the loop's teardown waited)") from error


# pytest-asyncio runs a test, its async fixtures and the loop's teardown through
# asyncio.Runner, and so does asyncio.run.
asyncio.Runner.run = _stopped_run  # type: ignore[method-assign]
asyncio.Runner.close = _stopped_close  # type: ignore[method-assign]
