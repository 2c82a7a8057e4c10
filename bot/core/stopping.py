"""Stopping a background task: cancel it and wait for it to end, but never for ever, and
never at the cost of the caller's own cancellation.

The usual idiom, `task.cancel()` then `with suppress(CancelledError): await task`, has two
faults. If the task does not end when cancelled (it catches the cancellation to finish a
write, or is stuck in code that ignores it), the caller waits with it for ever: a shutdown
that never completes. And if the *caller* is cancelled while it waits (a shutdown of its
own, a time limit), `suppress` swallows that cancellation as if it were the task's, and the
caller carries on as though nothing had asked it to stop. `asyncio.wait` does neither: it
returns when the task ends or the grace runs out, and raises only the caller's own
cancellation."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)
GRACE = 10.0


async def stop_task(
    task: asyncio.Task[Any] | None, *, grace: float = GRACE, reraise: bool = True
) -> None:
    """Cancel `task` and wait up to `grace` seconds for it to end. An error the task ended
    with is raised again when `reraise` (else logged); its cancellation never is."""
    await stop_tasks(() if task is None else (task,), grace=grace, reraise=reraise)


async def stop_tasks(
    tasks: Iterable[asyncio.Task[Any]], *, grace: float = GRACE, reraise: bool = True
) -> None:
    """Cancel every task, then wait up to `grace` seconds in all for them to end. A task
    still running then is logged and left; the first error a task ended with is raised again
    when `reraise` (else logged); their cancellations never are."""
    tasks = list(tasks)
    for task in tasks:
        task.cancel()
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=grace)
    for task in pending:
        log.warning("task %s did not stop within %.0f s of being cancelled", task.get_name(), grace)
    errors = [t.exception() for t in tasks if t.done() and not t.cancelled()]
    for error in filter(None, errors):
        if reraise:
            raise error
        log.warning("a stopped task had failed: %s", type(error).__name__)
