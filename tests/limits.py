"""The time limits of the test running now (a worker runs one test at a time); tests/conftest.py
sets them as each run of a test starts."""

from __future__ import annotations

import asyncio
import time

# A test's own waits end at this share of its pytest-timeout limit: one still running then
# fails that test, with what it was waiting on, instead of pytest-timeout ending the worker.
IN_LOOP_MARGIN = 0.85
# Teardown (an async fixture's, or a test's own `finally`) may run until this share, so a test
# that used all of its own time still cleans up before the worker would be ended.
TEARDOWN_MARGIN = 0.95
# A test, fixture or teardown still running after its limit (its cleanup, an `async with`'s
# exit or a `finally`, awaiting something that never ends) is cancelled again halfway from that
# limit to LAST_MARGIN; at LAST_MARGIN its event loop is stopped, which ends even a wait that
# swallows cancelling (tests/watch.py): the test fails, and its worker is not ended.
LAST_MARGIN = 0.97
# Every thread's stack is written to the worker's real stderr, the CI log (tests/watch.py).
DUMP_MARGIN = 0.98


class Run:
    limit: float | None = None
    started = 0.0
    loop: asyncio.AbstractEventLoop | None = None  # the loop the test's code last ran in
    stopped: str | None = None  # why tests/watch.py stopped that loop

    @classmethod
    def left(cls, share: float) -> float | None:
        if cls.limit is None:
            return None
        return max(cls.started + cls.limit * share - time.monotonic(), 0.0)


def within(seconds: float, share: float = IN_LOOP_MARGIN) -> float:
    """`seconds`, or less if the test's own limit comes sooner: the timeout= to give a child
    process that a sync test waits on (subprocess.run, Popen.communicate), which the in-loop
    limit cannot reach, or a wait in a test's own teardown (share=TEARDOWN_MARGIN), which runs
    after that limit has been spent."""
    left = Run.left(share)
    return seconds if left is None else max(min(seconds, left), 1.0)
