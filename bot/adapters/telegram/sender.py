"""Sending one broadcast message to one Telegram chat, for the delivery engine."""

from __future__ import annotations

from datetime import datetime

from telegram.error import TelegramError

from bot.adapters.telegram.outgoing import send_parts
from bot.adapters.telegram.prepared import Prepared
from bot.core.models import Channel, Platform
from bot.delivery.pacing import Pacer
from bot.delivery.ports import CANNOT_LOOK_UP, Found, Send, SendResult


class TelegramSender:
    platform = Platform.TELEGRAM
    can_look_up = False  # the Bot API has no way to read a chat's history back

    def __init__(self, bot: Prepared) -> None:
        self.bot = bot

    async def send(self, job: Send, pacer: Pacer) -> SendResult:
        message, channel = job.message, job.channel
        thread = int(channel.thread) if channel.thread else None  # a forum topic
        return await send_parts(
            self.bot, pacer, channel, message.parts, message.buttons, thread, job.first_part
        )

    async def look_up(self, channel: Channel, delivery_id: int, since: datetime) -> Found:
        return CANNOT_LOOK_UP

    async def token_accepted(self) -> bool:
        try:
            await self.bot.get_me()
        except TelegramError:  # InvalidToken (401), or no answer: not yet
            return False
        return True
