"""Scale: 200,000 members and 5,000 channels in SQLite; audience resolution; memory."""

from __future__ import annotations

import asyncio
import os
import resource
import socket
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

from benchmarks.common import ROOT, StandinProcess, app_for
from bot.core.caller import Caller
from bot.core.results import BroadcastRequest

BRANCHES = [
    "dwp-leeds",
    "dwp-glasgow",
    "hmrc-liverpool",
    "hmrc-newcastle",
    "passport-liverpool",
    "cabinet-office-london",
]
TOPICS = ["pay", "petitions", "reports", "ballots", "equality", "general"]


def populate(db: Path, members: int, channels: int) -> None:
    """Bulk rows for the measurement (the schema itself comes from the migrations)."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "INSERT INTO members (id, branch, created_at) VALUES (?, ?, ?)",
            ((i, BRANCHES[i % len(BRANCHES)], now) for i in range(1, members + 1)),
        )
        conn.executemany(
            "INSERT INTO identities (platform, user_id, member_id) VALUES (?, ?, ?)",
            (
                ("telegram" if i % 2 else "slack", f"{5_000_000_000 + i}", i)
                for i in range(1, members + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO roles (member_id, role, branch) VALUES (?, 'member', ?)",
            ((i, BRANCHES[i % len(BRANCHES)]) for i in range(1, members + 1)),
        )
        conn.executemany(
            "INSERT INTO channels (id, platform, chat_id, thread, kind, title, state) "
            "VALUES (?, ?, ?, '', ?, ?, 'active')",
            (
                (
                    i,
                    "telegram" if i % 3 else "slack",
                    f"-100{i:010d}" if i % 3 else f"C{i:08d}",
                    "group" if i % 3 else "channel",
                    f"chat {i}",
                )
                for i in range(1, channels + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO subscriptions (channel_id, branch, topic, state) "
            "VALUES (?, ?, ?, 'active')",
            (
                (i, BRANCHES[i % len(BRANCHES)], topic)
                for i in range(1, channels + 1)
                for topic in TOPICS[: 2 + i % 4]
            ),
        )
    conn.close()


async def measure(db: Path, members: int, channels: int) -> dict[str, Any]:
    started = time.perf_counter()
    async with AsyncExitStack() as stack:
        app = await app_for(stack, db, None, None)  # creates the schema by migration
        populate(db, members, channels)
        setup = time.perf_counter() - started
        everyone, one_group = [], []
        for _ in range(5):
            t0 = time.perf_counter()
            found = await app.store.subscriptions.audience("pay", None)
            everyone.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            await app.store.subscriptions.audience("pay", ["dwp-leeds", "dwp-glasgow"])
            one_group.append(time.perf_counter() - t0)
        request = BroadcastRequest("pay", "all", "x", title="Pay update")
        draft = await app.services.broadcasts.draft(request, Caller.operator("bench"))
        t0 = time.perf_counter()
        queued = await app.outbox.release(draft.broadcast.id, found)
        release = time.perf_counter() - t0
    return {
        "members": members,
        "channels": channels,
        "audience_channels": len(found),
        "setup_seconds": round(setup, 1),
        "resolve_audience_s_median": round(statistics.median(everyone), 4),
        "resolve_audience_group_s_median": round(statistics.median(one_group), 4),
        "release_broadcast_s": round(release, 3),
        "deliveries_queued": queued,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _until(done: Callable[[], Awaitable[bool]], seconds: float, what: str) -> None:
    """Ask every 0.1 s until `done`; `campaign-bot run did not WHAT in N s` after `seconds`."""
    for _ in range(int(seconds * 10)):
        if await done():
            return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"campaign-bot run did not {what} in {seconds:.0f} s")


async def _rss(pid: int) -> tuple[float, float]:
    """A process's RSS now and the most it has held, in MB."""
    status = await asyncio.to_thread(Path(f"/proc/{pid}/status").read_text)
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    now, most = (int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))
    return round(now, 1), round(most, 1)


async def idle_rss(db: Path) -> tuple[float, float]:
    """RSS of `campaign-bot run` with both platforms, in MB: settled after start-up, and
    after it answered a member's first question (see run_rss)."""
    idle, _, answered = await run_rss(f"sqlite+aiosqlite:///{db}")
    return idle, answered


QUESTION = "when does the president ballot close?"


async def run_rss(url: str) -> tuple[float, float, float]:
    """(idle, peak, answered) RSS of `campaign-bot run` with both platforms, in MB: idle once
    settled after start-up, peak the most it held until then, answered once it has answered
    one member's question on Telegram (the answer engine is built for the first question)."""
    tg = await StandinProcess.start("telegram")
    sl = await StandinProcess.start("slack")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env |= {
        "DATABASE_URL": url,
        "HTTP_PORT": str(port),
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "TELEGRAM_BOT_TOKEN": tg.info["token"],
        "TELEGRAM_API_BASE_URL": tg.info["url"],
        "SLACK_BOT_TOKEN": sl.info["token"],
        "SLACK_SIGNING_SECRET": sl.info["signing_secret"],
        "SLACK_API_BASE_URL": sl.info["base_url"],
        "LOG_LEVEL": "INFO",
    }
    # Its log (INFO: no member's words, no token) goes to a file, and a run that does not
    # answer in time fails with the log's last lines, so the failure says what the bot did.
    log = tempfile.TemporaryFile("w+")
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=log,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        async with aiohttp.ClientSession() as session:

            async def healthy() -> bool:
                try:
                    async with session.get(f"http://127.0.0.1:{port}/health") as response:
                        return response.status == 200
                except aiohttp.ClientError:
                    return False

            await _until(healthy, 120, "answer /health")
        await asyncio.sleep(3)
        idle, peak = await _rss(proc.pid)
        async with aiohttp.ClientSession() as session:
            said = {"user": 1, "text": QUESTION}
            async with session.post(tg.info["url"] + "/_standin/say", json=said) as response:
                response.raise_for_status()

        async def answered_one() -> bool:
            return bool((await tg.stats())["per_chat"].get("1"))

        await _until(answered_one, 60, "answer a question")
        await asyncio.sleep(1)
        answered, _ = await _rss(proc.pid)
        return idle, peak, answered
    except RuntimeError as error:
        log.seek(0)
        tail = "".join(log.readlines()[-20:])
        raise RuntimeError(f"{error}; the last lines of its log:\n{tail}") from None
    finally:
        proc.terminate()
        await proc.wait()
        log.close()
        await tg.stop()
        await sl.stop()
