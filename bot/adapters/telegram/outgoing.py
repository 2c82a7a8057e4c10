"""Every message the bot sends on Telegram, stated once: command replies and broadcasts alike.

A message is one or more parts (each under 4,096 UTF-16 units), HTML with a plain-text
twin, link previews off, buttons on the last part, in a forum topic when it has one. If
Telegram cannot parse our HTML, that part goes once more as plain text. Both replies and
broadcasts wait their turn at the same pacer: they share the token's 30 messages a second
and each group's 20 a minute.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.adapters.telegram.prepared import Prepared
from bot.adapters.telegram.transport import NotSent
from bot.content.templates import Rendered
from bot.core.buttons import encode
from bot.core.events import Button
from bot.core.models import Channel, ChatKind
from bot.delivery.ports import SendResult, Verdict

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
LOST = ("chat not found", "deactivated", "thread not found", "topic_closed", "topic_deleted")


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    # callback_data is 1-64 bytes, ours namespaced (bot/core/buttons.py); longer data is a
    # programming error, caught in tests.
    row = [
        InlineKeyboardButton(
            b.label, callback_data=encode(b.data).encode()[:64].decode(errors="ignore")
        )
        for b in buttons
    ]
    return InlineKeyboardMarkup([row[i : i + 2] for i in range(0, len(row), 2)])


async def send_parts(
    bot: Bot | Prepared,
    chat_id: str,
    parts: Sequence[Rendered],
    buttons: Sequence[Button] = (),
    thread_id: int | None = None,
) -> None:
    """Send every part in order; raises Telegram's errors for the caller to classify."""
    for index, part in enumerate(parts):
        markup = keyboard(buttons) if index == len(parts) - 1 else None
        try:
            await bot.send_message(
                chat_id,
                part.text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
                message_thread_id=thread_id,
            )
        except BadRequest as error:
            if "parse entities" not in str(error).lower():
                raise
            log.warning("telegram refused our markup; sending plain text instead")
            await bot.send_message(
                chat_id,
                part.plain or part.text,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
                message_thread_id=thread_id,
            )


def seconds(value: object) -> float:
    """PTB gives retry_after as seconds or as a timedelta, depending on its settings."""
    total = getattr(value, "total_seconds", None)
    if callable(total):
        return float(total())
    return float(value) if isinstance(value, int | float) else 1.0


def classify(error: TelegramError, channel: Channel) -> SendResult:
    """What a failed send means for the delivery engine (see delivery/ports.Verdict)."""
    if isinstance(error, RetryAfter):
        return SendResult(
            Verdict.RETRY_AFTER,
            "429 Too Many Requests",
            retry_after=seconds(error.retry_after),
            whole_bot=channel.kind is ChatKind.DM,
        )
    if isinstance(error, ChatMigrated):
        return SendResult(
            Verdict.MIGRATED, "group became a supergroup", new_chat_id=str(error.new_chat_id)
        )
    if isinstance(error, Forbidden):
        text = str(error).lower()
        return SendResult(Verdict.BLOCKED if "blocked" in text else Verdict.GONE, str(error)[:200])
    if isinstance(error, InvalidToken):
        return SendResult(Verdict.HALT, "Telegram rejected the bot token")
    if isinstance(error, BadRequest):
        text = str(error).lower()
        # A deleted or closed forum topic is lost like a chat the bot was removed from.
        gone = any(words in text for words in LOST)
        return SendResult(Verdict.GONE if gone else Verdict.FAILED, str(error)[:200])
    if isinstance(error, NotSent):
        return SendResult(Verdict.TRANSIENT, str(error)[:200])
    if isinstance(error, TimedOut):
        return SendResult(Verdict.AMBIGUOUS, str(error)[:200] or "timed out")
    if isinstance(error, NetworkError):
        return SendResult(Verdict.TRANSIENT, str(error)[:200])
    return SendResult(Verdict.FAILED, str(error)[:200])
