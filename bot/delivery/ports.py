"""What the delivery engine asks of a platform: send one message, and say how it went."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.content.templates import Rendered
from bot.core.events import Button
from bot.core.models import Channel, Platform


class Verdict(enum.Enum):
    SENT = "sent"
    RETRY_AFTER = "retry_after"  # the platform said slow down: wait, no penalty
    TRANSIENT = "transient"  # certainly not delivered (5xx, could not connect): back off
    AMBIGUOUS = "ambiguous"  # may have arrived (timed out mid-request): at most once more
    BLOCKED = "blocked"  # the person blocked the bot
    GONE = "gone"  # the chat is gone or the bot was removed
    MIGRATED = "migrated"  # the chat has a new id: update it and resend once
    NEEDS_ATTENTION = "needs_attention"  # a person must fix it (invite the bot, unarchive)
    HALT = "halt"  # the token was rejected: stop this platform, keep the rows
    FAILED = "failed"  # the platform refused this message for good


@dataclass(frozen=True)
class SendResult:
    verdict: Verdict
    reason: str = ""
    retry_after: float = 0.0
    whole_bot: bool = False  # with RETRY_AFTER: the limit is the bot's, not this chat's
    new_chat_id: str | None = None


SENT = SendResult(Verdict.SENT)


@dataclass(frozen=True)
class Message:
    """A broadcast rendered for one platform: its parts in order, buttons on the last."""

    parts: tuple[Rendered, ...]
    buttons: tuple[Button, ...] = ()


class Sender(Protocol):
    platform: Platform

    async def send(self, channel: Channel, message: Message) -> SendResult:
        """Send every part; classify whatever went wrong. Never raises for platform errors."""
        ...


def plain_fallback(parts: Sequence[Rendered]) -> list[str]:
    return [p.plain or p.text for p in parts]
