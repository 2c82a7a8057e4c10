"""An app with the delivery engine running against both stand-ins, and channels to send to."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Bot

from bot.adapters.slack.app import make_client
from bot.adapters.slack.sender import SlackSender
from bot.adapters.telegram.prepared import Prepared
from bot.adapters.telegram.sender import TelegramSender
from bot.adapters.telegram.transport import AiohttpRequest
from bot.app import App, build_app, start_delivery
from bot.core.models import (
    Broadcast,
    Channel,
    ChatKind,
    Identity,
    Platform,
    Role,
    RoleGrant,
    SubscriptionState,
)
from bot.core.results import BroadcastRequest
from bot.delivery.engine import Engine
from bot.delivery.worker import WorkerOptions
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.harness import settings_for

BRANCHES = ["dwp-leeds", "dwp-glasgow", "hmrc-liverpool", "hmrc-newcastle"]
ORGANISER = Identity(Platform.SLACK, "U0ORGANISE")
FAST = WorkerOptions(base_backoff=0.01, max_backoff=0.05, idle_poll=0.05)


@dataclass
class Kit:
    app: App
    engine: Engine
    tg: TelegramStandIn
    slack: SlackStandIn
    channels: list[Channel] = field(default_factory=list)
    organiser_id: int = 0
    engine_stack: AsyncExitStack | None = None

    async def restart(self) -> Engine:
        """Stop the engine and start a new one, as a process restart would."""
        assert self.engine_stack is not None
        options = self.engine.options
        await self.engine_stack.aclose()
        self.engine_stack = AsyncExitStack()
        engine = await start_delivery(self.app, self.engine_stack, options=options)
        assert engine is not None
        self.engine = engine
        return engine

    async def send(
        self, text: str = "Talks resume on Monday.", target: str = "all", topic: str = "pay"
    ) -> Broadcast:
        organiser = await self.app.services.roles.caller(ORGANISER)
        request = BroadcastRequest(topic, target, text=text, title="Pay update")
        done = await self.app.services.broadcasts.send(request, organiser)
        return done.broadcast

    async def settle(self, broadcast: Broadcast) -> None:
        import asyncio

        await asyncio.wait_for(self.engine.settle(broadcast.id, poll=0.02), 30)

    def received(self, channel: Channel) -> int:
        standin: Any = self.tg if channel.platform is Platform.TELEGRAM else self.slack
        return len(standin.received[channel.chat_id])


async def add_channels(
    app: App, telegram: int, slack: int, dms: int = 0, topic: str = "pay"
) -> list[Channel]:
    made = []
    specs = (
        [(Platform.TELEGRAM, str(-1001000000000 - i), ChatKind.GROUP) for i in range(telegram)]
        + [(Platform.TELEGRAM, str(7000000 + i), ChatKind.DM) for i in range(dms)]
        + [(Platform.SLACK, f"C{i:08d}", ChatKind.CHANNEL) for i in range(slack)]
    )
    for index, (platform, chat, kind) in enumerate(specs):
        channel = await app.store.channels.upsert(platform, chat, kind, f"chat {chat}")
        await app.store.subscriptions.add(
            channel.id, BRANCHES[index % len(BRANCHES)], topic, SubscriptionState.ACTIVE
        )
        made.append(channel)
    return made


@asynccontextmanager
async def delivery_kit(
    tmp_path: Path,
    telegram: int = 0,
    slack: int = 0,
    dms: int = 0,
    options: WorkerOptions = FAST,
    read_timeout: float | None = None,
    unlimited: bool = False,
    **standin: Any,
) -> AsyncIterator[Kit]:
    async with TelegramStandIn(**standin) as tg, SlackStandIn() as sl, AsyncExitStack() as stack:
        app = await build_app(settings_for(tmp_path, tg, sl), stack)
        channels = await add_channels(app, telegram, slack, dms)
        organiser = await app.store.members.get_or_create(ORGANISER)
        await app.store.roles.grant(RoleGrant(organiser.id, Role.ORGANISER))
        senders: Sequence[Any] | None = None
        if read_timeout is not None:
            request = AiohttpRequest(read_timeout=read_timeout)
            bot = Bot(tg.token, base_url=tg.base_url, request=request)
            await bot.initialize()
            stack.push_async_callback(bot.shutdown)
            client = make_client(sl.token, sl.base_url)
            client.timeout = max(1, round(read_timeout))
            senders = [TelegramSender(Prepared(request, bot.base_url)), SlackSender(client)]
        engine_stack = AsyncExitStack()
        stack.push_async_callback(lambda: engine_stack.aclose())
        engine = await start_delivery(
            app, engine_stack, options=options, senders=senders, unlimited=unlimited
        )
        assert engine is not None
        kit = Kit(app, engine, tg, sl, channels, organiser.id, engine_stack)
        stack.push_async_callback(lambda: kit.engine_stack.aclose())  # type: ignore[union-attr]
        yield kit
