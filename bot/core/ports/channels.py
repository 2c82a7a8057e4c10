"""Repositories of chats (channels) and what they subscribe to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.core.models import (
    Channel,
    ChannelState,
    ChatKind,
    Platform,
    Subscription,
    SubscriptionState,
)


class ChannelRepo(Protocol):
    async def upsert(
        self,
        platform: Platform,
        chat_id: str,
        kind: ChatKind,
        title: str | None = None,
        member_id: int | None = None,
        thread: str = "",
    ) -> Channel:
        """A channel by its platform id (and forum topic, if any), created on first sight.
        A DM channel names its member."""
        ...

    async def get(self, channel_id: int) -> Channel | None: ...

    async def find(self, platform: Platform, chat_id: str, thread: str = "") -> Channel | None: ...

    async def for_chat(self, platform: Platform, chat_id: str) -> list[Channel]:
        """The chat and each of its forum topics known as a channel, the chat first."""
        ...

    async def set_state(self, channel_id: int, state: ChannelState) -> None: ...

    async def suspend(self, platform: Platform) -> int:
        """Every active (or needing attention) channel on the platform → SUSPENDED: their
        deliveries are held (never claimed) until `resume`. Returns how many."""
        ...

    async def resume(self, platform: Platform) -> int:
        """The platform's SUSPENDED channels → ACTIVE. Returns how many."""
        ...

    async def migrate(self, channel_id: int, new_chat_id: str) -> int:
        """Point a channel at its new chat id (a Telegram group → supergroup; a Slack channel
        moved by Slack Connect).

        If the new id is already known (its updates raced ahead), the old channel is merged
        into it: subscriptions and deliveries follow. Returns the surviving channel's id.
        """
        ...


class SubscriptionRepo(Protocol):
    async def add(
        self,
        channel_id: int,
        branch: str,
        topic: str,
        state: SubscriptionState,
        requested_by: int | None = None,
    ) -> Subscription: ...

    async def set_state(self, subscription_id: int, state: SubscriptionState) -> None: ...

    async def get(self, subscription_id: int) -> Subscription | None: ...

    async def remove(self, channel_id: int, branch: str | None = None) -> int: ...

    async def delete(self, subscription_id: int) -> bool: ...

    async def for_channel(self, channel_id: int) -> list[Subscription]: ...

    async def audience(self, topic: str, branches: Sequence[str] | None = None) -> list[int]:
        """Channel ids subscribed to a topic (for the branches given, or any) that a broadcast
        is queued for: active ones, and suspended ones (held until they resume)."""
        ...
