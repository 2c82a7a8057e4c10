"""The time limits of the test running now (a worker runs one test at a time); tests/conftest.py
sets them as each run of a test starts."""

from __future__ import annotations

import time

# A test's own waits end at this share of its pytest-timeout limit: one still running then
# fails that test, with what it was waiting on, instead of pytest-timeout ending the worker.
IN_LOOP_MARGIN = 0.85
# Teardown (an async fixture's, or a test's own `finally`) may run until this share, so a test
# that used all of its own time still cleans up before the worker would be ended.
TEARDOWN_MARGIN = 0.95


class Run:
    limit: float | None = None
    started = 0.0

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
