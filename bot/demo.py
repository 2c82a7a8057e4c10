"""`campaign-bot demo`: both stand-ins and the bot in one process, a scripted conversation."""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.app import Running, start_bot
from bot.core.caller import Caller
from bot.core.models import Identity, Platform, Role
from bot.settings import Settings
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from bot.standins.telegram.html import visible_text

PRIYA, TOM, LEEDS_GROUP = 5012345678, 6023456789, -1001678901234
SAM, ANA, LEEDS_CHANNEL = "U0SAM00001", "U0ANA00001", "C0LEEDS01"


@dataclass
class Step:
    platform: str
    who: str
    where: str
    said: str
    act: Callable[[], Awaitable[object]]


class Demo:
    def __init__(
        self, running: Running, tg: TelegramStandIn, slack: SlackStandIn, out: TextIO
    ) -> None:
        self.running, self.tg, self.slack, self.out = running, tg, slack, out
        self.seen_tg = 0
        self.seen_slack = 0

    def _new(self) -> list[tuple[str, str]]:
        tg = sorted((s for sent in self.tg.received.values() for s in sent), key=lambda s: s.at)
        sl = sorted(
            (p for posted in self.slack.received.values() for p in posted), key=lambda p: p.at
        )
        fresh = [(f"telegram chat {s.chat_id}", visible_text(s.text)) for s in tg[self.seen_tg :]]
        fresh += [
            (f"slack {p.channel}{' (only you)' if p.ephemeral_user else ''}", p.text)
            for p in sl[self.seen_slack :]
        ]
        self.seen_tg, self.seen_slack = len(tg), len(sl)
        return fresh

    def _total(self) -> int:
        return sum(map(len, self.tg.received.values())) + sum(
            map(len, self.slack.received.values())
        )

    async def play(self, steps: list[Step]) -> None:
        platform = ""
        for step in steps:
            if step.platform != platform:
                platform = step.platform
                self.out.write(f"\n══ {platform} " + "═" * (60 - len(platform)) + "\n")
            self.out.write(f"\n{step.who} ({step.where}): {step.said}\n")
            before = self._total()
            await step.act()
            deadline = time.monotonic() + 10
            # The stand-ins record deliveries as they arrive; poll them, briefly.
            while self._total() == before and time.monotonic() < deadline:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.3)
            for where, text in self._new():
                lines = text.strip().splitlines() or [""]
                self.out.write(f"  bot → {where}:\n")
                for line in lines:
                    self.out.write(f"    {line}\n")
        self.out.flush()


def demo_settings(
    base: Settings, folder: str, tg: TelegramStandIn, slack: SlackStandIn
) -> Settings:
    """The operator's content and time zone; a throwaway database; the stand-ins' tokens."""
    return Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite+aiosqlite:///{Path(folder) / 'demo.db'}",
        BOT_TIMEZONE=base.bot_timezone,
        CONTENT_DIR=str(base.content_dir),
        MESSAGES_DIR=str(base.messages_dir),
        TELEGRAM_BOT_TOKEN=tg.token,
        TELEGRAM_API_BASE_URL=tg.url,
        SLACK_BOT_TOKEN=slack.token,
        SLACK_SIGNING_SECRET=slack.signing_secret,
        SLACK_API_BASE_URL=slack.base_url,
        SLACK_COMMAND=base.slack_command,
        HTTP_HOST="127.0.0.1",
        HTTP_PORT=0,
        LOG_LEVEL="WARNING",
    )


async def run_demo(base: Settings, out: TextIO) -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix="campaign-bot-demo-") as folder:
        async with TelegramStandIn() as tg, SlackStandIn() as slack, AsyncExitStack() as stack:
            settings = demo_settings(base, folder, tg, slack)
            running = await start_bot(settings, stack)
            await _cast(running)
            people = People(tg, slack, running.http.url + "/slack/events", settings.slack_command)
            await Demo(running, tg, slack, out).play(people.script())
            counts = {
                "telegram": sum(map(len, tg.received.values())),
                "slack": sum(map(len, slack.received.values())),
            }
            out.write("\n" + json.dumps({"received": counts}) + "\n")
            return counts


@dataclass
class People:
    """The cast's ways of talking to the bot: Telegram messages, Slack commands and DMs."""

    tg: TelegramStandIn
    slack: SlackStandIn
    events: str
    command: str

    async def slash(self, user: str, channel: str, text: str) -> object:
        form = self.slack.command(user, channel, text, self.command)
        return await self.slack.post_command(self.events, form)

    async def dm(self, user: str, text: str) -> object:
        event = {"type": "message", "channel_type": "im", "user": user, "text": text}
        envelope = self.slack.event({**event, "channel": "D" + user[1:]})
        return await self.slack.post_event(self.events, envelope)

    async def say(self, user: int, text: str, chat: int | None = None) -> object:
        kind = "private" if chat is None else "supergroup"
        return self.tg.message(user, text, chat_id=chat, chat_type=kind, title="DWP Leeds branch")

    def script(self) -> list[Step]:
        question, petition = "when does the NEC ballot close?", "how do I sign the petition?"
        whoami, help_ = f"/whoami@{self.tg.username}", f"{self.command} help"
        return [
            Step("Telegram", "Priya, member", "DM", "/help", lambda: self.say(PRIYA, "/help")),
            Step("Telegram", "Priya, member", "DM", question, lambda: self.say(PRIYA, question)),
            Step(
                "Telegram",
                "Tom, branch officer",
                "DWP Leeds group",
                whoami,
                lambda: self.say(TOM, whoami, LEEDS_GROUP),
            ),
            Step(
                "Slack",
                "Sam, member",
                "#dwp-leeds",
                help_,
                lambda: self.slash(SAM, LEEDS_CHANNEL, "help"),
            ),
            Step("Slack", "Sam, member", "DM", petition, lambda: self.dm(SAM, petition)),
            Step(
                "Slack",
                "Ana, organiser",
                "#dwp-leeds",
                help_,
                lambda: self.slash(ANA, LEEDS_CHANNEL, "help"),
            ),
        ]


async def _cast(running: Running) -> None:
    roles = running.app.services.roles
    people = [
        (Identity(Platform.TELEGRAM, str(PRIYA)), Role.MEMBER, "dwp-leeds"),
        (Identity(Platform.TELEGRAM, str(TOM)), Role.OFFICER, "dwp-leeds"),
        (Identity(Platform.SLACK, SAM), Role.MEMBER, "dwp-leeds"),
        (Identity(Platform.SLACK, ANA), Role.ORGANISER, None),
    ]
    for identity, role, branch in people:
        await roles.grant(identity, role, branch, Caller.operator("demo"))
