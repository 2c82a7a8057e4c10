"""Sending replies on Telegram: HTML with a plain-text fallback, buttons, DMs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.app import App
from bot.core.events import Button, Incoming, Reply
from bot.core.models import Platform

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    # callback_data is 1-64 bytes; longer data is a programming error, caught in tests.
    row = [
        InlineKeyboardButton(b.label, callback_data=b.data.encode()[:64].decode(errors="ignore"))
        for b in buttons
    ]
    return InlineKeyboardMarkup([row[i : i + 2] for i in range(0, len(row), 2)])


class TelegramReplies:
    def __init__(self, bot: Bot, app: App) -> None:
        self.bot, self.app = bot, app

    async def send(self, incoming: Incoming, replies: Sequence[Reply]) -> None:
        for reply in replies:
            chat = incoming.actor.user_id if reply.dm else incoming.conversation.chat_id
            await self._send_reply(chat, reply)

    async def send_to_chat(self, chat: str, replies: Sequence[Reply]) -> None:
        for reply in replies:
            await self._send_reply(chat, reply)

    async def _send_reply(self, chat: str, reply: Reply) -> None:
        parts = self.app.present(reply, Platform.TELEGRAM)
        for index, part in enumerate(parts):
            markup = keyboard(reply.buttons) if index == len(parts) - 1 else None
            await self.send_html(chat, part.text, part.plain, markup)
        if reply.attachment is not None:
            name, text = reply.attachment
            try:
                await self.bot.send_document(chat, InputFile(text.encode(), filename=name))
            except Forbidden:
                log.info("telegram: cannot send a file to chat (blocked, or no DM started yet)")

    async def send_html(
        self, chat: str, html: str, plain: str, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        for attempt in range(2):
            try:
                await self.bot.send_message(
                    chat,
                    html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                )
                return
            except RetryAfter as error:
                wait = error.retry_after
                seconds = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
                if attempt or seconds > 30:
                    raise
                await asyncio.sleep(seconds)
            except BadRequest as error:
                if "parse entities" not in str(error).lower():
                    raise
                log.warning("telegram refused our markup; sending plain text instead")
                await self.bot.send_message(
                    chat, plain, reply_markup=markup, link_preview_options=NO_PREVIEW
                )
                return
            except Forbidden:
                log.info("telegram: cannot message chat (blocked, or no DM started yet)")
                return
