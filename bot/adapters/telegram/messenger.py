"""Sending command replies on Telegram: in the chat (and its forum topic) or by DM, paced
with the broadcasts, one retry after a short 429."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from telegram import Bot, InputFile
from telegram.error import Forbidden

from bot.adapters.telegram.outgoing import send_parts
from bot.content.templates import Rendered
from bot.core.events import Incoming, Reply
from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.pacing import Pacer
from bot.delivery.ports import Verdict

log = logging.getLogger(__name__)
Present = Callable[[Reply, Platform], list[Rendered]]
LONGEST_WAIT = 30.0  # a reply that would wait longer than this for a 429 is dropped


class TelegramReplies:
    def __init__(self, bot: Bot, present: Present, pacer: Pacer) -> None:
        self.bot, self.present, self.pacer = bot, present, pacer

    async def send(self, incoming: Incoming, replies: Sequence[Reply]) -> None:
        # Private replies first: "check your DMs" is said only once the DM has gone.
        private = Channel(0, Platform.TELEGRAM, incoming.actor.user_id, ChatKind.DM)
        reached = [await self._send_reply(private, r, None) for r in replies if r.dm]
        chat = incoming.conversation
        place = Channel(0, Platform.TELEGRAM, chat.chat_id, chat.kind)
        thread = int(incoming.thread) if incoming.thread else None
        for reply in replies:
            if not reply.dm:
                if reply.if_dm_fails is not None and not all(reached):
                    reply = reply.if_dm_fails
                await self._send_reply(place, reply, thread)

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

    async def _send_reply(self, place: Channel, reply: Reply, thread_id: int | None) -> bool:
        """False when the chat cannot be written to (blocked, or a DM never opened)."""
        parts = self.present(reply, Platform.TELEGRAM)
        done = 0
        for attempt in range(2):
            result = await send_parts(
                self.bot, self.pacer, place, parts, reply.buttons, thread_id, done
            )
            done = result.parts_done
            if result.verdict is Verdict.SENT:
                break
            if result.verdict in (Verdict.BLOCKED, Verdict.GONE):
                log.info("telegram: cannot message chat (blocked, or no DM started yet)")
                return False
            # A 429 has paused the chat at the pacer: once more, if the wait is short.
            if attempt or result.verdict is not Verdict.RETRY_AFTER:
                log.warning("telegram: reply not sent (%s)", result.reason)
                return True
            if result.retry_after > LONGEST_WAIT:
                log.warning(
                    "telegram: reply dropped: Telegram asked to wait %ss", result.retry_after
                )
                return True
        if reply.attachment is not None:
            await self._attach(place.chat_id, reply.attachment)
        return True

    async def _attach(self, chat: str, attachment: tuple[str, str]) -> None:
        name, text = attachment
        try:
            await self.bot.send_document(chat, InputFile(text.encode(), filename=name))
        except Forbidden:
            log.info("telegram: cannot send a file to chat (blocked, or no DM started yet)")
