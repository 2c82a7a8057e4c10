"""python-telegram-bot wiring: started by hand in the one event loop; polling or webhook."""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable
from contextlib import AsyncExitStack, suppress

from aiohttp import web
from telegram import Bot, BotCommand, Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import Application, ContextTypes, TypeHandler
from telegram.request import BaseRequest

from bot.adapters.dispatch import Dispatcher
from bot.adapters.errors import StartupError
from bot.adapters.telegram.messenger import Present, TelegramReplies
from bot.adapters.telegram.translate import translate
from bot.core.context import MenuItem
from bot.core.events import Incoming
from bot.core.models import ChatKind, Role
from bot.delivery.pacing import Pacer
from bot.http import HttpServer
from bot.settings import Settings

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "edited_message", "channel_post", "callback_query", "my_chat_member"]
WEBHOOK_PATH = "/telegram/webhook"
Menu = Callable[[Role], tuple[MenuItem, ...]]


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


class TelegramAdapter:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        present: Present,
        menu: Menu,
        pacer: Pacer,
        request: BaseRequest | None = None,
    ) -> None:
        self.settings, self.dispatcher, self.menu = settings, dispatcher, menu
        assert settings.telegram_bot_token is not None
        builder = (
            Application.builder()
            .token(settings.telegram_bot_token.get_secret_value())
            .base_url(api_base(str(settings.telegram_api_base_url or "") or None))
            .updater(None)
            .job_queue(None)  # timed work belongs to our scheduler and store, not PTB's
        )
        if request is not None:
            builder = builder.request(request)
        self.application = builder.build()
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.replies = TelegramReplies(self.application.bot, present, pacer)
        self._tasks: set[asyncio.Task[None]] = set()
        self._poller: asyncio.Task[None] | None = None
        self.offset: int | None = None

    @property
    def bot(self) -> Bot:
        return self.application.bot

    async def start(self, stack: AsyncExitStack, http: HttpServer) -> None:
        webhook = self.settings.telegram_webhook_url
        if webhook and not self.settings.telegram_webhook_secret:
            raise StartupError("TELEGRAM_WEBHOOK_SECRET is needed with TELEGRAM_WEBHOOK_URL")
        await initialize(self.bot)
        stack.push_async_callback(self.application.shutdown)
        await self.application.initialize()
        await self.bot.set_my_commands(self._commands())
        await self.application.start()
        stack.push_async_callback(self.application.stop)
        stack.push_async_callback(self._drain)
        if webhook:
            http.route("POST", WEBHOOK_PATH, self._webhook)
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
            log.info("telegram: long polling as @%s", self.bot.username)
        http.checks["telegram"] = lambda: self._poller is None or not self._poller.done()

    def _commands(self) -> list[BotCommand]:
        return [BotCommand(c.name, c.summary[:256]) for c in self.menu(Role.ORGANISER)][:100]

    async def _drain(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with suppress(asyncio.CancelledError):
                await self._poller
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5)

    async def _poll(self) -> None:
        """Long polling. The offset moves on only after a batch is handled and recorded."""
        backoff = 1.0
        while True:
            try:
                updates = await self.bot.get_updates(
                    offset=self.offset, timeout=25, allowed_updates=ALLOWED_UPDATES
                )
                backoff = 1.0
            except Conflict:
                log.critical("telegram: another process is polling with this token; stopping")
                raise
            except InvalidToken:
                log.critical("telegram: the token was revoked; polling stopped")
                raise
            except (TimedOut, NetworkError) as error:
                log.warning("telegram: polling failed (%s); retrying in %.0fs", error, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
                continue
            if updates:
                await self._process_batch(updates)
                self.offset = updates[-1].update_id + 1

    async def _process_batch(self, updates: tuple[Update, ...]) -> None:
        """Chats run side by side; within one chat, updates keep their order."""
        by_chat: dict[int, list[Update]] = {}
        for update in updates:
            chat = update.effective_chat.id if update.effective_chat else 0
            by_chat.setdefault(chat, []).append(update)

        async def in_order(batch: list[Update]) -> None:
            for update in batch:
                await self.application.process_update(update)

        await asyncio.gather(*(in_order(batch) for batch in by_chat.values()))

    async def _webhook(self, request: web.Request) -> web.StreamResponse:
        secret = self.settings.telegram_webhook_secret
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        expected = secret.get_secret_value() if secret else ""
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            log.warning("telegram webhook: wrong or missing secret token; refused")
            return web.Response(status=403, text="forbidden")
        try:
            data = await request.json()
            update = Update.de_json(data, self.bot)
        except (ValueError, TypeError, KeyError, TelegramError):
            log.warning("telegram webhook: malformed update acknowledged and dropped")
            return web.Response(text="ok")
        task = asyncio.create_task(self.application.process_update(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(text="ok")

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The error boundary for one update: whatever happens, the next update goes on."""
        try:
            event = translate(update.to_dict(), self.bot.username, self.bot.id)
            replies = await self.dispatcher.handle(event)
            if update.callback_query is not None:
                with suppress(TelegramError):
                    await update.callback_query.answer()
            if isinstance(event, Incoming) and replies:
                await self.replies.send(event, replies)
            elif replies and update.effective_chat is not None:
                chat = update.effective_chat
                kind = ChatKind.DM if chat.type == "private" else ChatKind.GROUP
                await self.replies.send_to_chat(str(chat.id), replies, kind)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("telegram: update %s failed", update.update_id)
