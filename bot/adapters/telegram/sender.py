"""Sending one broadcast message to one Telegram chat, and classifying what went wrong."""

from __future__ import annotations

from telegram import Bot, LinkPreviewOptions
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

from bot.adapters.telegram.messenger import keyboard
from bot.adapters.telegram.transport import NotSent
from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.ports import SENT, Message, SendResult, Verdict

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]


class TelegramSender:
    platform = Platform.TELEGRAM

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, channel: Channel, message: Message) -> SendResult:
        try:
            for index, part in enumerate(message.parts):
                last = index == len(message.parts) - 1
                markup = keyboard(message.buttons) if last else None
                await self._one(channel.chat_id, part.text, part.plain, markup)
            return SENT
        except RetryAfter as error:
            return SendResult(
                Verdict.RETRY_AFTER,
                "429 Too Many Requests",
                retry_after=_seconds(error.retry_after),
                whole_bot=channel.kind is ChatKind.DM,
            )
        except ChatMigrated as error:
            return SendResult(
                Verdict.MIGRATED, "group became a supergroup", new_chat_id=str(error.new_chat_id)
            )
        except Forbidden as error:
            text = str(error).lower()
            verdict = Verdict.BLOCKED if "blocked" in text else Verdict.GONE
            return SendResult(verdict, str(error)[:200])
        except InvalidToken:
            return SendResult(Verdict.HALT, "Telegram rejected the bot token")
        except BadRequest as error:
            text = str(error).lower()
            if "chat not found" in text or "deactivated" in text:
                return SendResult(Verdict.GONE, str(error)[:200])
            return SendResult(Verdict.FAILED, str(error)[:200])
        except NotSent as error:
            return SendResult(Verdict.TRANSIENT, str(error)[:200])
        except TimedOut as error:
            return SendResult(Verdict.AMBIGUOUS, str(error)[:200] or "timed out")
        except NetworkError as error:
            return SendResult(Verdict.TRANSIENT, str(error)[:200])
        except TelegramError as error:
            return SendResult(Verdict.FAILED, str(error)[:200])

    async def _one(self, chat: str, html: str, plain: str, markup: object) -> None:
        try:
            await self.bot.send_message(
                chat,
                html,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,  # type: ignore[arg-type]
                link_preview_options=NO_PREVIEW,
            )
        except BadRequest as error:
            if "parse entities" not in str(error).lower():
                raise
            await self.bot.send_message(
                chat,
                plain,
                reply_markup=markup,  # type: ignore[arg-type]
                link_preview_options=NO_PREVIEW,
            )
