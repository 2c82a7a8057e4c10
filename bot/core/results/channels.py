"""What the channel and subscription services return."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import (
    Subscription,
)


@dataclass(frozen=True)
class ChannelChange:
    """What became of a channel after the bot's own membership changed."""

    channel_id: int
    welcome: bool  # say hello: the bot has just joined (once, never on a rights change)
    greet: bool = False  # a person unblocked the bot in their DM: a DM's hello


@dataclass(frozen=True)
class Subscribed:
    branch: str
    topics: tuple[str, ...]
    waiting: bool  # a member's request, waiting for an officer's approval
    officers_told: int = 0
    organisers_told: bool = False  # the branch has no officer: its organisers were told


@dataclass(frozen=True)
class Decided:
    approved: bool
    what: tuple[str, ...]  # "branch/topic" for each request decided


@dataclass(frozen=True)
class SubscriptionLine:
    subscription: Subscription

    @property
    def waiting(self) -> bool:
        return self.subscription.state.value == "pending"
