"""The Telegram adapter: updates in (long polling or webhook), stored first, then handled;
replies out through python-telegram-bot's Bot, in the one event loop.

Updates are never decoded by python-telegram-bot: each stays the dict Telegram sent and is
translated on its own (translate.py), so an update of an older or newer Bot API shape is
handled, or skipped with one warning, and never stops the updates after it.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from contextlib import AsyncExitStack, suppress
from typing import Any

from aiohttp import web
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.adapters.dispatch import Dispatcher
from bot.adapters.errors import StartupError
from bot.adapters.inbox import Ingress
from bot.adapters.rawjson import loads_object
from bot.adapters.telegram.feed import (
    FeedError,
    PollingStopped,
    TokenRefused,
    TokenWait,
    UpdateFeed,
)
from bot.adapters.telegram.menus import Menu, Menus
from bot.adapters.telegram.messenger import Present, TelegramReplies
from bot.adapters.telegram.translate import translate
from bot.core.events import ChatMembership, Event, Ignored, Incoming
from bot.core.stopping import stop_task
from bot.delivery.pacing import Pacer
from bot.http import HttpServer
from bot.settings import Settings

log = logging.getLogger(__name__)
ALLOWED_UPDATES = [
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "callback_query",
    "my_chat_member",
    "chat_member",
]
WEBHOOK_PATH = "/telegram/webhook"
SOURCE = "telegram:update"
_FIELD = re.compile(r"^[a-z_]{1,40}$")


def api_base(url: str | None) -> str:
    """PTB wants the URL up to and including '/bot'; accept the server root too."""
    if not url:
        return "https://api.telegram.org/bot"
    url = url.rstrip("/")
    return url if url.endswith("/bot") else url + "/bot"


async def initialize(bot: Bot) -> None:
    """Check the token with getMe; one clear line when it is wrong or unreachable."""
    try:
        await bot.initialize()
    except InvalidToken:
        raise StartupError(
            "Telegram rejected TELEGRAM_BOT_TOKEN (check it with @BotFather)"
        ) from None
    except NetworkError as error:
        raise StartupError(f"cannot reach the Telegram Bot API: {error}") from None


def update_id(update: dict[str, Any]) -> int | None:
    value = update.get("update_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def kind_of(update: dict[str, Any]) -> str:
    """What kind of update it is, for the log: its field name, never its content."""
    fields = [k for k in update if k != "update_id"]
    return fields[0] if len(fields) == 1 and _FIELD.match(fields[0]) else "unknown"


class TelegramAdapter:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        ingress: Ingress,
        present: Present,
        menu: Menu,
        pacer: Pacer,
    ) -> None:
        self.settings, self.dispatcher, self.menu = settings, dispatcher, menu
        self.ingress = ingress
        assert settings.telegram_bot_token is not None
        self.bot = Bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=api_base(str(settings.telegram_api_base_url or "") or None),
        )
        self.replies = TelegramReplies(self.bot, present, pacer)
        self.menus = Menus(self.bot, menu, dispatcher.router.ctx.roles)
        self.feed = UpdateFeed(self.bot.base_url)
        self._poller: asyncio.Task[None] | None = None
        self.offset: int | None = None

    async def start(self, stack: AsyncExitStack, http: HttpServer) -> None:
        """Every replica: check the token, and take webhook requests if in webhook mode."""
        webhook = self.settings.telegram_webhook_url
        if webhook and not self.settings.telegram_webhook_secret:
            raise StartupError("TELEGRAM_WEBHOOK_SECRET is needed with TELEGRAM_WEBHOOK_URL")
        stack.push_async_callback(self.bot.shutdown)
        await initialize(self.bot)
        stack.push_async_callback(self.feed.close)
        stack.push_async_callback(self._drain)
        if webhook:
            http.route("POST", WEBHOOK_PATH, self._webhook)
        http.checks["telegram"] = lambda: self._poller is None or not self._poller.done()

    async def receive(self, stack: AsyncExitStack) -> None:
        """The leader only: the command menu, and where Telegram sends updates (setWebhook,
        or long polling, which allows one poller per token), until the stack closes."""
        await self.menus.start(stack)
        webhook = self.settings.telegram_webhook_url
        if webhook:
            secret = self.settings.telegram_webhook_secret
            assert secret is not None
            await self.bot.set_webhook(
                str(webhook),
                secret_token=secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("telegram: webhook mode as @%s", self.bot.username)
        else:
            await self.bot.delete_webhook(drop_pending_updates=False)
            self._poller = asyncio.create_task(self._poll(), name="telegram-poller")
            stack.push_async_callback(self._stop_polling)
            log.info("telegram: long polling as @%s", self.bot.username)

    async def _stop_polling(self) -> None:
        if self._poller is not None:
            poller, self._poller = self._poller, None
            await stop_task(poller, reraise=False)

    async def _drain(self) -> None:
        await self._stop_polling()
        await self.ingress.drain()

    # --- updates in ---------------------------------------------------------------------

    async def _poll(self) -> None:
        """Long polling. Each batch is stored, then handled, before the offset moves past it."""
        backoff, token = 1.0, TokenWait(self.settings.token_retry_seconds)
        while True:
            try:
                batch = await self.feed.fetch(self.offset, ALLOWED_UPDATES)
                token.accepted()
                updates = [u for u in batch if isinstance(u, dict) and update_id(u) is not None]
                accepted = [await self._accept(u) for u in updates]
            except PollingStopped as stopped:
                log.critical("telegram: %s; polling stopped", stopped)
                raise
            except TokenRefused as refused:
                await token.refused(refused)
                continue
            except Exception as error:  # the network, Telegram, or the store: try again
                wait = max(getattr(error, "retry_after", 0.0), backoff)
                log.warning("telegram: polling failed (%s); retrying in %.0fs", _why(error), wait)
                await asyncio.sleep(wait)
                backoff = min(backoff * 2, 60.0)
                continue
            backoff = 1.0
            await self._handle_batch([item for item in accepted if item is not None])
            if updates:
                self.offset = max(update_id(u) or 0 for u in updates) + 1

    async def _accept(self, update: dict[str, Any]) -> Any:
        return await self.ingress.accept(f"telegram:{update_id(update)}", SOURCE, update)

    async def _handle_batch(self, items: list[Any]) -> None:
        """Chats run side by side; within one chat, updates keep their order. A group's move
        to a supergroup goes first: the new chat's updates then find it already moved."""
        moves = [item for item in items if _migration(item.payload)]
        for item in moves:
            await self.ingress.handle(item, self.handle)
        by_chat: dict[object, list[Any]] = {}
        for item in items:
            if item not in moves:
                by_chat.setdefault(_chat_of(item.payload), []).append(item)

        async def in_order(batch: list[Any]) -> None:
            for item in batch:
                await self.ingress.handle(item, self.handle)

        await asyncio.gather(*(in_order(batch) for batch in by_chat.values()))

    async def _webhook(self, request: web.Request) -> web.StreamResponse:
        secret = self.settings.telegram_webhook_secret
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        expected = secret.get_secret_value() if secret else ""
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            log.warning("telegram webhook: wrong or missing secret token; refused")
            return web.Response(status=403, text="forbidden")
        update = loads_object(await request.read())
        if update is None or update_id(update) is None:
            log.warning("telegram webhook: the body is not an update; refused")
            return web.Response(status=400, text="not an update")
        try:
            item = await self._accept(update)
        except Exception as error:  # the store is down: Telegram will send it again
            log.warning("telegram webhook: could not store an update (%s)", type(error).__name__)
            return web.Response(status=503, text="try again")
        if item is not None:
            self.ingress.start(item, self.handle)
        return web.Response(text="ok")

    # --- one update -----------------------------------------------------------------------

    async def handle(self, update: dict[str, Any]) -> None:
        """Translate one update, answer a button press at once, act, reply."""
        event = translate(update, self.bot.username, self.bot.id)
        if isinstance(event, Ignored) and event.malformed:
            log.warning(
                "telegram: update %s (%s) could not be read; skipped",
                update_id(update),
                kind_of(update),
            )
        await self._answer_button(update)
        if isinstance(event, Incoming):
            event = await self._once(event, f"telegram:update:{update_id(update)}")
        if isinstance(event, Incoming):
            await self.menus.follow(event)
        replies = await self.dispatcher.handle(event)
        await self._send(event, replies)

    async def _once(self, incoming: Incoming, by: str) -> Event:
        """A command runs once per message: an edit of it does not run it again. An edit
        that turns a message into a command the bot has (a typo fixed) runs it. `by` is
        the update: the same update handled again after a crash still runs it."""
        if incoming.command_key and self.dispatcher.router.knows(incoming):
            if await self.ingress.first(incoming.command_key, by):
                return incoming
            return Ignored("an edit of a command already run")
        if incoming.edited:
            return Ignored("an edit of a message that ran no command")
        return incoming

    async def _answer_button(self, update: dict[str, Any]) -> None:
        """Every button press is answered (empty), ours or not, so the spinner stops."""
        query = update.get("callback_query")
        if isinstance(query, dict) and isinstance(query.get("id"), str):
            with suppress(TelegramError):
                await self.bot.answer_callback_query(query["id"])

    async def _send(self, event: Event, replies: list[Any]) -> None:
        if not replies:
            return
        if isinstance(event, Incoming):
            await self.replies.send(event, replies)
        elif isinstance(event, ChatMembership):
            where = event.conversation
            thread = int(where.topic) if where.topic else None
            await self.replies.send_to_chat(where.chat_id, replies, where.kind, thread)


def _why(error: Exception) -> str:
    return str(error) if isinstance(error, FeedError) else type(error).__name__


def _migration(update: Any) -> bool:
    message = update.get("message") if isinstance(update, dict) else None
    return isinstance(message, dict) and "migrate_to_chat_id" in message


def _chat_of(update: Any) -> object:
    """The chat an update belongs to, for keeping each chat's updates in order."""
    for value in update.values() if isinstance(update, dict) else ():
        inner = value.get("message") if isinstance(value, dict) else None
        for holder in (value, inner):
            chat = holder.get("chat") if isinstance(holder, dict) else None
            found = chat.get("id") if isinstance(chat, dict) else None
            if isinstance(found, int | str):
                return found
    return None
