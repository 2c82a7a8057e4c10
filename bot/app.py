"""The composition root: builds every part once and ties their lifetimes to one exit stack."""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

from bot.actions.service import ActionService
from bot.answers.engine import ContentAnswerer
from bot.ballots.calendar import UkWorkingDays
from bot.ballots.service import BallotService
from bot.content.loader import Content, load_content
from bot.content.sync import sync_content
from bot.content.templates import Rendered, Templates
from bot.core.clock import Clock, SystemClock
from bot.core.commands import all_commands
from bot.core.context import Context
from bot.core.events import Reply
from bot.core.models import Platform
from bot.core.router import Router
from bot.delivery.outbox import Outbox
from bot.settings import Settings
from bot.storage.database import create_engine, upgrade
from bot.storage.sql import SqlStore

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    store: SqlStore
    content: Content
    templates: Templates
    router: Router
    clock: Clock
    stack: AsyncExitStack
    outbox: Outbox
    ballots: BallotService
    actions: ActionService
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def ctx(self) -> Context:
        return self.router.ctx

    def present(self, reply: Reply, platform: Platform) -> list[Rendered]:
        """Render a reply for one platform; every value inserted literally."""
        return self.templates.render(reply.template, reply.values, platform)


async def build_app(settings: Settings, stack: AsyncExitStack, clock: Clock | None = None) -> App:
    """Open the store (migrating it), load content, and wire the router."""
    content = load_content(settings.content_dir, settings.zone)
    templates = Templates.load(settings.messages_dir)
    engine = create_engine(settings.database_url)
    stack.push_async_callback(engine.dispose)
    await upgrade(engine)
    store = SqlStore(engine)
    clock = clock or SystemClock()
    calendar = UkWorkingDays()
    answerer = ContentAnswerer(content, store, calendar, settings.bot_timezone)
    await answerer.load_faq()
    ctx = Context(
        store=store,
        clock=clock,
        answerer=answerer,
        timezone=settings.bot_timezone,
        slack_command=settings.slack_command,
    )
    router = Router(ctx, all_commands())
    outbox = Outbox(store, clock, content, templates)
    ballots = BallotService(store, clock, outbox, content, calendar, settings.bot_timezone)
    await sync_content(content, store, ballots.replan)
    actions = ActionService(
        store, clock, outbox, content, settings.bot_timezone, settings.delivery_retention_days
    )
    ctx.extras |= {
        "router": router,
        "content": content,
        "outbox": outbox,
        "calendar": calendar,
        "ballots": ballots,
        "actions": actions,
    }
    log.info("store ready; %d content files loaded", len(content.files))
    return App(settings, store, content, templates, router, clock, stack, outbox, ballots, actions)
