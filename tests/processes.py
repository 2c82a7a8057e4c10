"""Child processes that a test starts and talks to: each in a process group of its own, and
whatever is left of the group is killed as the test ends (tests/conftest.py). A test that
failed, or hit its limit, before stopping its child left it running: `campaign-bot run`
serving, or a `bash -c` pipeline's children, for the rest of the run."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from typing import Any

_groups: list[int] = []


async def spawn(program: str, *args: str, **options: Any) -> asyncio.subprocess.Process:
    """asyncio.create_subprocess_exec, in a new process group (session) that is killed at
    the end of the test."""
    proc = await asyncio.create_subprocess_exec(program, *args, start_new_session=True, **options)
    _groups.append(proc.pid)
    return proc


def reap() -> None:
    """Kill what is left of each group spawned since the last call."""
    while _groups:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(_groups.pop(), signal.SIGKILL)
