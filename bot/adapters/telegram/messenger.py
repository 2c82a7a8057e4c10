"""Sending command replies on Telegram: in the chat (and its forum topic) or by DM, paced
with the broadcasts, one retry after a short 429."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from telegram import Bot, InputFile
from telegram.error import Forbidden, RetryAfter

from bot.adapters.telegram.outgoing import seconds, send_parts
from bot.content.templates import Rendered
from bot.core.events import Incoming, Reply
from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.pacing import Pacer

log = logging.getLogger(__name__)
Present = Callable[[Reply, Platform], list[Rendered]]
LONGEST_WAIT = 30.0  # a reply that would wait longer than this for a 429 is dropped


class TelegramReplies:
    def __init__(self, bot: Bot, present: Present, pacer: Pacer) -> None:
        self.bot, self.present, self.pacer = bot, present, pacer

    async def send(self, incoming: Incoming, replies: Sequence[Reply]) -> None:
        for reply in replies:
            if reply.dm:
                await self.send_to_chat(incoming.actor.user_id, [reply])
            else:
                chat = incoming.conversation
                thread = int(incoming.thread) if incoming.thread else None
                await self.send_to_chat(chat.chat_id, [reply], chat.kind, thread)

    async def send_to_chat(
        self,
        chat: str,
        replies: Sequence[Reply],
        kind: ChatKind = ChatKind.DM,
        thread_id: int | None = None,
    ) -> None:
        place = Channel(0, Platform.TELEGRAM, chat, kind)
        for reply in replies:
            await self._send_reply(place, reply, thread_id)

    async def _send_reply(self, place: Channel, reply: Reply, thread_id: int | None) -> None:
        parts = self.present(reply, Platform.TELEGRAM)
        for attempt in range(2):
            await self.pacer.wait_turn(place)
            try:
                await send_parts(self.bot, place.chat_id, parts, reply.buttons, thread_id)
                break
            except RetryAfter as error:
                wait = seconds(error.retry_after)
                if attempt or wait > LONGEST_WAIT:
                    raise
                self.pacer.pause_chat(place, wait)
            except Forbidden:
                log.info("telegram: cannot message chat (blocked, or no DM started yet)")
                return
        if reply.attachment is not None:
            await self._attach(place.chat_id, reply.attachment)

    async def _attach(self, chat: str, attachment: tuple[str, str]) -> None:
        name, text = attachment
        try:
            await self.bot.send_document(chat, InputFile(text.encode(), filename=name))
        except Forbidden:
            log.info("telegram: cannot send a file to chat (blocked, or no DM started yet)")
