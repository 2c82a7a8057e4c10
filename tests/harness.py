"""The bot running against both loopback stand-ins, in this process, for end-to-end tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import noon_zone as noon_zone  # (shared with make bench)
from bot.app import Running, start_bot
from bot.core.clock import Clock
from bot.settings import Settings
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.databases import migrated_sqlite

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Harness:
    bot: Running
    tg: TelegramStandIn
    slack: SlackStandIn

    @property
    def events_url(self) -> str:
        return self.bot.http.url + "/slack/events"

    @property
    def webhook_url(self) -> str:
        return self.bot.http.url + "/telegram/webhook"


def settings_for(
    tmp_path: Path, tg: TelegramStandIn | None, slack: SlackStandIn | None, **extra: Any
) -> Settings:
    """The bot's settings for a test: SQLite in tmp_path (bot.db, migrated: a copy of one
    migrated once a process) unless DATABASE_URL is given; the stand-ins given."""
    values: dict[str, Any] = {
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "HTTP_PORT": 0,
    }
    if "DATABASE_URL" not in extra:
        values["DATABASE_URL"] = migrated_sqlite(tmp_path)
    if tg is not None:
        values |= {"TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_API_BASE_URL": tg.url}
    if slack is not None:
        values |= {
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_SIGNING_SECRET": slack.signing_secret,
            "SLACK_API_BASE_URL": slack.base_url,
        }
    values |= extra
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running(
    tmp_path: Path,
    telegram: bool = True,
    slack: bool = True,
    clock: Clock | None = None,
    **extra: Any,
) -> AsyncIterator[Harness]:
    async with TelegramStandIn() as tg, SlackStandIn() as sl, AsyncExitStack() as stack:
        settings = settings_for(tmp_path, tg if telegram else None, sl if slack else None, **extra)
        bot = await start_bot(settings, stack, clock)
        yield Harness(bot, tg, sl)


async def eventually(check: Callable[[], bool], within: float = 20.0) -> None:
    """Wait for `check` to hold. The bound is generous: a member's first question builds the
    answer engine (4,485 phrasings) in a thread, 6-7 s at load average 7 on 2 cores; a
    condition that holds returns at once."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def settle(seconds: float = 0.3) -> None:
    """Give the bot time to do anything it (wrongly) might still do."""
    await asyncio.sleep(seconds)
