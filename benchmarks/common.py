"""Stand-ins in their own processes, and a bot app wired to them."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

from bot.app import App, build_app
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class StandinProcess:
    platform: str
    proc: asyncio.subprocess.Process
    info: dict[str, Any]

    @classmethod
    async def start(cls, platform: str, delay: float = 0.0, limits: bool = False) -> StandinProcess:
        args = [
            sys.executable,
            "-m",
            "bot",
            "standin",
            platform,
            "--port",
            "0",
            "--delay",
            str(delay),
            "--limits" if limits else "--no-limits",
        ]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
        proc = await asyncio.create_subprocess_exec(
            *args,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            stdin=asyncio.subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 120)  # a busy shared machine
        return cls(platform, proc, json.loads(line))

    async def stats(self) -> dict[str, Any]:
        async with aiohttp.ClientSession() as session:
            async with session.get(self.info["url"] + "/_standin/stats") as response:
                data: dict[str, Any] = await response.json()
                return data

    async def control(self, data: dict[str, Any]) -> None:
        """Faults, blocked or gone chats, migrated groups (see the stand-ins' /_standin/control)."""
        async with aiohttp.ClientSession() as session:
            async with session.post(self.info["url"] + "/_standin/control", json=data) as response:
                response.raise_for_status()

    async def stop(self) -> None:
        self.proc.terminate()
        await self.proc.wait()


def settings_for(db: Path, tg: StandinProcess | None, slack: StandinProcess | None) -> Settings:
    return settings_for_url(f"sqlite+aiosqlite:///{db}", tg, slack)


def settings_for_url(
    url: str, tg: StandinProcess | None, slack: StandinProcess | None, **more: Any
) -> Settings:
    return Settings(_env_file=None, **(values_for(url, tg, slack) | more))


def env_for(db: Path, tg: StandinProcess | None, slack: StandinProcess | None) -> dict[str, str]:
    """The environment for `campaign-bot` in a child process, wired to these stand-ins."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    values = values_for(f"sqlite+aiosqlite:///{db}", tg, slack)
    return env | {k: str(v) for k, v in values.items()}


def values_for(url: str, tg: StandinProcess | None, slack: StandinProcess | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "DATABASE_URL": url,
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "HTTP_PORT": 0,
        "LOG_LEVEL": "WARNING",
    }
    if tg is not None:
        values |= {"TELEGRAM_BOT_TOKEN": tg.info["token"], "TELEGRAM_API_BASE_URL": tg.info["url"]}
    if slack is not None:
        values |= {
            "SLACK_BOT_TOKEN": slack.info["token"],
            "SLACK_SIGNING_SECRET": slack.info["signing_secret"],
            "SLACK_API_BASE_URL": slack.info["base_url"],
        }
    return values


async def app_for(
    stack: AsyncExitStack,
    db: Path,
    tg: StandinProcess | None,
    slack: StandinProcess | None,
    **more: Any,
) -> App:
    return await build_app(settings_for_url(f"sqlite+aiosqlite:///{db}", tg, slack, **more), stack)


def noon_zone() -> str:
    """A fixed-offset zone where the local time now is between 11:00 and 13:00. A ballot's
    "opens" reminder at night (00:00-07:00 locally) waits for the morning: a run on the real
    clock that wants it due now runs the bot in this zone, so it means the same at any hour."""
    hours = 12 - datetime.now(UTC).hour  # -11 to +12, what Etc/GMT zones span
    return f"Etc/GMT{-hours:+d}" if hours else "Etc/GMT"
