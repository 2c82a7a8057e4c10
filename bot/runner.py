"""`campaign-bot run`: start every configured adapter in one event loop, one lifecycle."""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack

from bot.app import build_app
from bot.settings import Settings

log = logging.getLogger(__name__)


async def run_bot(settings: Settings) -> None:
    async with AsyncExitStack() as stack:
        app = await build_app(settings, stack)
        if not (settings.telegram_enabled or settings.slack_enabled):
            from bot.adapters.console.chat import run_console

            log.info("no platform tokens set: starting the console chat")
            await run_console(app)
            return
        raise NotImplementedError("platform adapters arrive with the platforms issue")
