"""A stopped bot stops: `campaign-bot run` exits within SHUTDOWN_GRACE_SECONDS of SIGTERM
or Ctrl-C even when a task ignores its cancellation or a thread's job never ends, names
them in the log, and says so by its exit status (bot/cli/ending.py). And Ctrl-C ends the
console chat while it waits for a line, without Enter.

The stubborn task and the endless thread job are put into a real `campaign-bot run`
process from outside: a `sitecustomize` module on the child's PYTHONPATH, which Python
imports as it starts, wraps bot.app.start_bot (no seam in the bot exists for this, and none
should: an operator must not be able to switch it on)."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from pathlib import Path

import pytest

from bot.cli.ending import ABANDONED
from bot.standins.telegram import TelegramStandIn
from tests.harness import ROOT, eventually
from tests.ports import free_port
from tests.processes import spawn
from tests.test_run_cli import env_for

GRACE = 2.0
MARGIN = 25.0  # a busy machine; before the fix the process did not exit at all

STUBBORN = """
import asyncio, logging, os, threading, time
import bot.app

_start_bot = bot.app.start_bot


async def _ignores_cancellation():
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            logging.getLogger("stubborn").info("cancelled, and carrying on")


def _never_ends():
    time.sleep(3600)


async def start_bot(*args, **kwargs):
    running = await _start_bot(*args, **kwargs)
    bot.app.stubborn = asyncio.create_task(_ignores_cancellation(), name="stubborn-test-task")
    asyncio.get_running_loop().run_in_executor(None, _never_ends)
    logging.getLogger("stubborn").warning("injected")
    open(os.environ["INJECTED_MARK"], "w").close()  # the test stops the bot after this
    return running


bot.app.start_bot = start_bot
"""

# Start-up fails (as with a refused token) after a part that ignores its cancellation began.
FAILS_AFTER_A_STUBBORN_START = """
import asyncio, os
import bot.app
from bot.adapters.errors import StartupError

_start_bot = bot.app.start_bot


async def _ignores_cancellation():
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            pass


async def start_bot(*args, **kwargs):
    await _start_bot(*args, **kwargs)
    bot.app.stubborn = asyncio.create_task(_ignores_cancellation(), name="stubborn-test-task")
    raise StartupError("the test's start-up failure")


bot.app.start_bot = start_bot
"""

# A part whose stop never ends (one of the bot's own exit-stack callbacks): the verb's own
# coroutine does not end, so only the watchdog can keep the limit.
STUCK_STOPPING = """
import asyncio, logging, os
import bot.app

_start_bot = bot.app.start_bot


async def _stop_never_ends():
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            pass


async def start_bot(settings, stack, *args, **kwargs):
    running = await _start_bot(settings, stack, *args, **kwargs)
    stack.push_async_callback(_stop_never_ends)
    logging.getLogger("stubborn").warning("injected")
    open(os.environ["INJECTED_MARK"], "w").close()  # the test stops the bot after this
    return running


bot.app.start_bot = start_bot
"""

# What SQLAlchemy's `async with` does while its close waits for the statement in flight: it
# keeps the first cancellation and carries on until that statement ends (here: never), then
# raises. Once in a task left over, once in a part's stop inside the verb's own coroutine.
SWALLOWS_ONE_CANCELLATION = """
import asyncio, logging, os
import bot.app

_start_bot = bot.app.start_bot


async def _statement_in_flight():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        logging.getLogger("stubborn").info("cancelled once: waiting for the statement")
        await asyncio.sleep(3600)
        raise


async def start_bot(settings, stack, *args, **kwargs):
    running = await _start_bot(settings, stack, *args, **kwargs)
    bot.app.stubborn = asyncio.create_task(_statement_in_flight(), name="swallows-one-task")
    stack.push_async_callback(asyncio.sleep, 3600)  # a stop that waits on a statement
    logging.getLogger("stubborn").warning("injected")
    open(os.environ["INJECTED_MARK"], "w").close()  # the test stops the bot after this
    return running


bot.app.start_bot = start_bot
"""


async def _run_bot(tmp_path: Path, **values: str) -> asyncio.subprocess.Process:
    return await spawn(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env_for(tmp_path, HTTP_PORT=str(free_port()), **values),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def _stop(proc: asyncio.subprocess.Process, signum: int) -> tuple[float, str]:
    """Send the signal; seconds until the process ended, and its stderr."""
    sent = time.monotonic()
    proc.send_signal(signum)
    _, err = await asyncio.wait_for(proc.communicate(), GRACE + MARGIN)
    return time.monotonic() - sent, err.decode()


async def _run_injected(
    tmp_path: Path, tg: TelegramStandIn, source: str, grace: float = GRACE
) -> asyncio.subprocess.Process:
    """`campaign-bot run` with `source` as its sitecustomize (the fault, injected without a
    hook in the bot), on the stand-in, with a stop's grace of `grace` seconds."""
    (tmp_path / "injected").mkdir()
    (tmp_path / "injected" / "sitecustomize.py").write_text(source)
    return await _run_bot(
        tmp_path,
        TELEGRAM_BOT_TOKEN=tg.token,
        TELEGRAM_API_BASE_URL=tg.url,
        SHUTDOWN_GRACE_SECONDS=str(grace),
        PYTHONPATH=str(tmp_path / "injected"),
        INJECTED_MARK=str(tmp_path / "injected.mark"),
    )


async def _stop_once_injected(
    tmp_path: Path, proc: asyncio.subprocess.Process, signum: int
) -> tuple[float, str]:
    """Stop the bot once the fault is in (polling starts inside start_bot, before the
    injection at its end)."""
    await eventually((tmp_path / "injected.mark").exists, within=60)
    return await _stop(proc, signum)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_run_exits_within_the_grace_although_a_task_and_a_thread_ignore_it(
    tmp_path: Path, signum: int
) -> None:
    async with TelegramStandIn() as tg:
        proc = await _run_injected(tmp_path, tg, STUBBORN)
        took, err = await _stop_once_injected(tmp_path, proc, signum)
    assert "injected" in err
    assert proc.returncode == ABANDONED, err
    assert took < GRACE + MARGIN
    still = [line for line in err.splitlines() if "shutdown: still running" in line]
    assert any("task stubborn-test-task (_ignores_cancellation)" in line for line in still), err
    assert any("thread campaign-bot" in line and "_never_ends" in line for line in still), err
    assert "exiting with status 3" in err and "Traceback" not in err


async def test_run_stopped_with_nothing_stuck_exits_0_at_once(tmp_path: Path) -> None:
    async with TelegramStandIn() as tg:
        proc = await _run_bot(tmp_path, TELEGRAM_BOT_TOKEN=tg.token, TELEGRAM_API_BASE_URL=tg.url)
        await eventually(lambda: tg.calls["getUpdates"] > 0, within=60)
        took, err = await _stop(proc, signal.SIGTERM)
    assert proc.returncode == 0, err
    assert "still running" not in err and "Traceback" not in err
    assert took < 10.0  # the default grace: nothing waited it out


async def test_ctrl_c_ends_the_console_chat_waiting_for_a_line(tmp_path: Path) -> None:
    """The chat read its input in the loop's executor, whose thread the end of the loop
    waited for: Ctrl-C did nothing until Enter was pressed (or the pipe closed)."""
    proc = await spawn(
        sys.executable,
        "-m",
        "bot",
        "chat",
        cwd=ROOT,
        env=env_for(tmp_path),
        stdin=asyncio.subprocess.PIPE,  # left open: no line, no end of input
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"/help\n")
    await proc.stdin.drain()
    await asyncio.wait_for(proc.stdout.readline(), 60)  # answered: now waiting for a line
    took, err = await _stop(proc, signal.SIGINT)
    assert proc.returncode == 130, err
    assert "still running" not in err and "Traceback" not in err
    assert took < 10.0


async def test_run_exits_within_the_grace_although_a_part_never_stops(tmp_path: Path) -> None:
    async with TelegramStandIn() as tg:
        proc = await _run_injected(tmp_path, tg, STUCK_STOPPING)
        took, err = await _stop_once_injected(tmp_path, proc, signal.SIGTERM)
    assert "injected" in err
    assert proc.returncode == ABANDONED, err
    assert took < GRACE + MARGIN
    still = [line for line in err.splitlines() if "shutdown: still running" in line]
    assert any("task main (run_bot)" in line and "_stop_never_ends" in line for line in still), err


async def test_an_error_the_bot_stopped_on_is_said_although_a_part_was_stuck(
    tmp_path: Path,
) -> None:
    """Abandoning skips run_async's one line for an operator's error: the log says it."""
    (tmp_path / "injected").mkdir()
    (tmp_path / "injected" / "sitecustomize.py").write_text(FAILS_AFTER_A_STUBBORN_START)
    async with TelegramStandIn() as tg:
        proc = await _run_bot(
            tmp_path,
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.url,
            SHUTDOWN_GRACE_SECONDS=str(GRACE),
            PYTHONPATH=str(tmp_path / "injected"),
        )
        _, err = await asyncio.wait_for(proc.communicate(), 60 + MARGIN)
    text = err.decode()
    assert proc.returncode == ABANDONED, text
    assert "stopped on an error: the test's start-up failure" in text
    assert "task stubborn-test-task" in text


async def test_run_exits_0_although_a_task_and_a_stop_swallow_one_cancellation(
    tmp_path: Path,
) -> None:
    """asyncio cancels once; whatever is still running halfway through the grace is
    cancelled again, and a task that kept only the first ends then: exit 0, not 3 after
    waiting out the grace."""
    grace = 6.0
    async with TelegramStandIn() as tg:
        proc = await _run_injected(tmp_path, tg, SWALLOWS_ONE_CANCELLATION, grace)
        took, err = await _stop_once_injected(tmp_path, proc, signal.SIGTERM)
    assert "injected" in err
    assert proc.returncode == 0, err
    assert took < grace, err  # the second cancellation came halfway through (3 s, then 4.5)
    again = [line for line in err.splitlines() if "shutdown: cancelling a second time" in line]
    assert any("task main (run_bot)" in line for line in again), err
    assert any("task swallows-one-task (_statement_in_flight)" in line for line in again), err
    assert "still running" not in err and "Traceback" not in err
