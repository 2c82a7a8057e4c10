"""Delivering to chats played in the terminal (`campaign-bot chat --in group:NAME`): the
delivery engine's sender for the console, writing each message where the person sees it."""

from __future__ import annotations

from datetime import datetime

from bot.adapters.console import Pad
from bot.core.models import Channel, Platform
from bot.delivery.pacing import Pacer
from bot.delivery.ports import CANNOT_LOOK_UP, SENT, Found, Send, SendResult, Verdict

NO_TERMINAL = (
    "no terminal chat was open to show it (campaign-bot chat shows a console group's "
    "messages only while it runs)"
)


class ConsoleSender:
    platform = Platform.CONSOLE
    can_look_up = False

    def __init__(self, pad: Pad) -> None:
        self.pad = pad

    async def send(self, job: Send, pacer: Pacer) -> SendResult:
        """Every console chat is played at this terminal: show the message, naming the chat."""
        parts = job.message.parts[job.first_part :]
        for part in parts:
            async with pacer.turn(job.channel):
                self.pad.stdout.write(f"bot> (in {job.channel.chat_id}) {part.text}\n")
        self.pad.show_buttons(job.message.buttons)
        self.pad.stdout.flush()
        return SENT

    async def look_up(self, channel: Channel, delivery_id: int, since: datetime) -> Found:
        return CANNOT_LOOK_UP

    async def token_accepted(self) -> bool:
        return True  # the terminal has no token



class NoTerminal:
    """The console's chats in a process that sends to Telegram or Slack and plays no chat in
    a terminal (the running bot, `deliver`, `broadcast send`). A console chat shows what the
    bot sends only while `campaign-bot chat` runs, and a group played there stays subscribed
    after it ends (the README's examples make one): its messages are settled as failed,
    saying why. Left pending, they were never settled: `broadcast send` waited for ever and
    /health turned 503."""

    platform = Platform.CONSOLE
    can_look_up = False

    async def send(self, job: Send, pacer: Pacer) -> SendResult:
        return SendResult(Verdict.FAILED, NO_TERMINAL)

    async def look_up(self, channel: Channel, delivery_id: int, since: datetime) -> Found:
        return CANNOT_LOOK_UP

    async def token_accepted(self) -> bool:
        return True
