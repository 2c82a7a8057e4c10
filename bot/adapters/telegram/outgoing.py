"""Every message the bot sends on Telegram, stated once: command replies and broadcasts alike.

A message is one or more parts (each under 4,096 UTF-16 units), HTML with a plain-text
twin, link previews off, buttons on the last part, in a forum topic when it has one. If
Telegram cannot parse our HTML, that part goes once more as plain text. Both replies and
broadcasts take their turn at the same pacer, one turn per part: they share the token's 30
messages a second and each group's 20 a minute. Telegram cannot be read back: a send left
in doubt is sent at most once more, and flagged.
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
from bot.core.models import Channel
from bot.delivery.pacing import TIMEOUT_CEILING, Pacer
from bot.delivery.ports import SENT, SendResult, Verdict

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


async def send_part(
    bot: Bot | Prepared,
    chat_id: str,
    part: Rendered,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
    read_timeout: float | None = None,
) -> None:
    """One part, as HTML; once more as plain text if Telegram cannot parse our HTML (it
    refused the first, so this is still one message). Raises Telegram's errors. `read_timeout`:
    seconds to wait for the answer (see Pacer.send_timeout; never more than the client's own,
    which None means)."""
    own = bot.request.read_timeout or TIMEOUT_CEILING
    read_timeout = own if read_timeout is None else min(read_timeout, own)
    try:
        await bot.send_message(
            chat_id,
            part.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
            message_thread_id=thread_id,
            read_timeout=read_timeout,
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
            read_timeout=read_timeout,
        )


async def send_parts(
    bot: Bot | Prepared,
    pacer: Pacer,
    channel: Channel,
    parts: Sequence[Rendered],
    buttons: Sequence[Button] = (),
    thread_id: int | None = None,
    first_part: int = 0,
) -> SendResult:
    """Send the parts in order from `first_part`, each in its own turn at the pacer; buttons
    on the last. Never raises for Telegram's errors: says what they mean."""
    for index in range(first_part, len(parts)):
        markup = keyboard(buttons) if index == len(parts) - 1 else None
        async with pacer.turn(channel) as turn:
            try:
                await send_part(bot, channel.chat_id, parts[index], markup, thread_id, turn.timeout)
            except TelegramError as error:
                result = classify(error, channel).after(index)
                turn.told(result)
                return result
    return SENT


def seconds(value: object) -> float:
    """PTB gives retry_after as seconds or as a timedelta, depending on its settings."""
    total = getattr(value, "total_seconds", None)
    if callable(total):
        return float(total())
    return float(value) if isinstance(value, int | float) else 1.0


def what(error: TelegramError) -> str:
    """The error in one short line: PTB puts a whole unparsable answer (a proxy's HTML error
    page) in its message; that is no use in a log line or a report."""
    text = str(error).split(". Parsing the server response", 1)[0]
    return text[:200] or type(error).__name__


def classify(error: TelegramError, channel: Channel) -> SendResult:
    """What a failed send means for the delivery engine (see delivery/ports.Verdict)."""
    if isinstance(error, RetryAfter):
        # For one chat: the bot's own pace is kept under Telegram's limit, and the pacer
        # pauses the whole bot if most recent sends meet a 429.
        return SendResult(
            Verdict.RETRY_AFTER, "429 Too Many Requests", retry_after=seconds(error.retry_after)
        )
    if isinstance(error, ChatMigrated):
        return SendResult(
            Verdict.MIGRATED, "group became a supergroup", new_chat_id=str(error.new_chat_id)
        )
    if isinstance(error, Forbidden):
        text = str(error).lower()
        return SendResult(Verdict.BLOCKED if "blocked" in text else Verdict.GONE, what(error))
    if isinstance(error, InvalidToken):
        return SendResult(Verdict.HALT, "Telegram rejected the bot token")
    if isinstance(error, BadRequest):
        text = str(error).lower()
        # A deleted or closed forum topic is lost like a chat the bot was removed from.
        gone = any(words in text for words in LOST)
        return SendResult(Verdict.GONE if gone else Verdict.FAILED, what(error))
    if isinstance(error, NotSent):
        return SendResult(Verdict.TRANSIENT, what(error))
    if isinstance(error, TimedOut):
        return SendResult(Verdict.AMBIGUOUS, what(error))
    if isinstance(error, NetworkError):
        return SendResult(Verdict.TRANSIENT, what(error))
    if str(error) == "Invalid server response":  # not JSON, and not a 4xx or 5xx either
        return SendResult(Verdict.TRANSIENT, what(error))
    return SendResult(Verdict.FAILED, what(error))
