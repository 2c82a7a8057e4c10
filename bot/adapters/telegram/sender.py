"""Sending one broadcast message to one Telegram chat, for the delivery engine."""

from __future__ import annotations

from telegram.error import TelegramError

from bot.adapters.telegram.outgoing import classify, send_parts
from bot.adapters.telegram.prepared import Prepared
from bot.core.models import Channel, Platform
from bot.delivery.ports import SENT, Message, SendResult


class TelegramSender:
    platform = Platform.TELEGRAM

    def __init__(self, bot: Prepared) -> None:
        self.bot = bot

    async def send(self, channel: Channel, message: Message) -> SendResult:
        try:
            thread = int(channel.thread) if channel.thread else None  # a forum topic
            await send_parts(self.bot, channel.chat_id, message.parts, message.buttons, thread)
        except TelegramError as error:
            return classify(error, channel)
        return SENT
