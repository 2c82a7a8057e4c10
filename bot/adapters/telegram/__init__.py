"""Telegram: the adapter (updates in, replies out) and the sender the delivery engine uses.

The composition root calls these two factories; nothing else imports this package's insides.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

from telegram import Bot

from bot import logsetup
from bot.adapters.dispatch import Dispatcher
from bot.adapters.inbox import Ingress
from bot.adapters.telegram.app import TelegramAdapter, api_base, initialize
from bot.adapters.telegram.menus import Menu
from bot.adapters.telegram.messenger import Present
from bot.adapters.telegram.prepared import Prepared
from bot.adapters.telegram.sender import TelegramSender
from bot.adapters.telegram.transport import AiohttpRequest
from bot.delivery.pacing import Pacer
from bot.delivery.ports import Sender
from bot.http import HttpServer
from bot.settings import Settings

__all__ = ["TelegramAdapter", "make_sender", "start"]


async def start(
    settings: Settings,
    stack: AsyncExitStack,
    http: HttpServer,
    dispatcher: Dispatcher,
    ingress: Ingress,
    present: Present,
    menu: Menu,
    pacer: Pacer,
) -> TelegramAdapter:
    logsetup.tame()
    adapter = TelegramAdapter(settings, dispatcher, ingress, present, menu, pacer)
    await adapter.start(stack, http)
    return adapter


async def make_sender(settings: Settings, stack: AsyncExitStack) -> Sender:
    """A bot on the fast aiohttp transport, for fan-out (PTB's default tops out far lower)."""
    assert settings.telegram_bot_token is not None
    logsetup.tame()
    request = AiohttpRequest()
    # Closed by us, not only by the bot: a rejected token leaves the bot uninitialised, and
    # its shutdown would then not close the transport's connections.
    stack.push_async_callback(request.shutdown)
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=api_base(str(settings.telegram_api_base_url or "") or None),
        request=request,
    )
    await initialize(bot)
    stack.push_async_callback(bot.shutdown)
    # Sends go through the same transport, each part's body encoded once (prepared.py).
    return TelegramSender(Prepared(request, bot.base_url))
