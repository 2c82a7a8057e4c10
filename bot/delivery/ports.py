"""What the delivery engine asks of a platform: send one message, say how it went, and (where
the platform allows) look up whether a send left in doubt arrived."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from bot.content.templates import Rendered
from bot.core.events import Button
from bot.core.models import Channel, Platform

if TYPE_CHECKING:
    from bot.delivery.pacing import Pacer


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

    @property
    def refused(self) -> bool:
        """The platform answered and did not take the message: it did not count against
        the rate either."""
        return self not in (Verdict.SENT, Verdict.AMBIGUOUS)


@dataclass(frozen=True)
class SendResult:
    verdict: Verdict
    reason: str = ""
    retry_after: float = 0.0
    whole_bot: bool = False  # with RETRY_AFTER: the limit is the bot's, not this chat's
    new_chat_id: str | None = None
    parts_done: int = 0  # the message's first parts that certainly arrived before this

    def after(self, parts_done: int) -> SendResult:
        return replace(self, parts_done=parts_done)


SENT = SendResult(Verdict.SENT)


@dataclass(frozen=True)
class Message:
    """A broadcast rendered for one platform: its parts in order, buttons on the last."""

    parts: tuple[Rendered, ...]
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Send:
    """One delivery to make: where, what, under which delivery id, from which part on (the
    parts before it have already arrived)."""

    channel: Channel
    message: Message
    delivery_id: int
    first_part: int = 0


@dataclass(frozen=True)
class Found:
    """What a look-up of a send in doubt found: how many of its parts (from the first) are
    on the platform, or None when it cannot tell (`retry`: ask again later)."""

    parts: int | None
    reason: str = ""
    retry: bool = False
    retry_after: float = 0.0


CANNOT_LOOK_UP = Found(None, "this platform cannot be read back")


class Sender(Protocol):
    platform: Platform
    can_look_up: bool  # whether `look_up` can ever answer

    async def send(self, job: Send, pacer: Pacer) -> SendResult:
        """Send every part from `job.first_part`, each in its own turn at the pacer;
        classify whatever went wrong. Never raises for platform errors."""
        ...

    async def look_up(self, channel: Channel, delivery_id: int, since: datetime) -> Found:
        """Which parts of this delivery the chat holds, sent no earlier than `since`."""
        ...

    async def token_accepted(self) -> bool:
        """Whether the platform takes the bot's token now (Telegram getMe, Slack auth.test),
        asked while sending is halted for a refused token; False when it cannot tell."""
        ...
