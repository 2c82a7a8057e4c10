"""`campaign-bot run`: start every configured adapter in one event loop, one lifecycle."""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

from bot.app import App, build_app
from bot.core.clock import Clock
from bot.http import HttpServer
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Running:
    """A started bot: what tests, the demo and `run` hold on to."""

    app: App
    http: HttpServer
    telegram: object | None = None
    slack: object | None = None
    stopped: asyncio.Event = field(default_factory=asyncio.Event)


async def start_bot(
    settings: Settings, stack: AsyncExitStack, clock: Clock | None = None
) -> Running:
    """Build the app and start every configured platform adapter and the HTTP server."""
    app = await build_app(settings, stack, clock)
    http = HttpServer(settings.http_host, settings.http_port)
    running = Running(app, http)
    if settings.telegram_enabled:
        from bot.adapters.telegram.app import TelegramAdapter

        running.telegram = TelegramAdapter(app)
        await running.telegram.start(stack, http)
    if settings.slack_enabled:
        from bot.adapters.slack.app import SlackAdapter

        running.slack = SlackAdapter(app)
        await running.slack.start(stack, http)
    url = await http.start(stack)
    log.info("http: listening on %s (/health)", url)
    return running


async def run_bot(settings: Settings) -> None:
    async with AsyncExitStack() as stack:
        if not (settings.telegram_enabled or settings.slack_enabled):
            from bot.adapters.console.chat import act_as, run_console
            from bot.core.models import Role

            app = await build_app(settings, stack)
            log.info("no platform tokens set: starting the console chat")
            await act_as(app, Role.MEMBER, None)
            await run_console(app)
            return
        running = await start_bot(settings, stack)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, running.stopped.set)
        log.info("campaign bot running; Ctrl-C to stop")
        await running.stopped.wait()
        log.info("stopping")
