"""Channels (chats the bot is in, DMs included) and their subscriptions to topics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.core.models import (
    Channel,
    ChannelState,
    ChatKind,
    Platform,
    Subscription,
    SubscriptionState,
)
from bot.storage.memory.data import Data


class MemoryChannels:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def upsert(
        self,
        platform: Platform,
        chat_id: str,
        kind: ChatKind,
        title: str | None = None,
        member_id: int | None = None,
        thread: str = "",
    ) -> Channel:
        found = find_channel(self._d, platform, chat_id, thread)
        if found is None:
            channel_id = self._d.next_id("channels")
            found = Channel(
                channel_id, platform, chat_id, kind, title, member_id=member_id, thread=thread
            )
        elif (found.kind, found.title) != (kind, title or found.title):
            found = replace(found, kind=kind, title=title or found.title)
        elif member_id is not None:
            found = replace(found, member_id=member_id)
        self._d.channels[found.id] = found
        return found

    async def get(self, channel_id: int) -> Channel | None:
        return self._d.channels.get(channel_id)

    async def find(self, platform: Platform, chat_id: str, thread: str = "") -> Channel | None:
        return find_channel(self._d, platform, chat_id, thread)

    async def for_chat(self, platform: Platform, chat_id: str) -> list[Channel]:
        found = [
            c for c in self._d.channels.values() if c.platform is platform and c.chat_id == chat_id
        ]
        return sorted(found, key=lambda c: c.thread)

    async def suspend(self, platform: Platform) -> int:
        live = (ChannelState.ACTIVE, ChannelState.NEEDS_ATTENTION)
        return self._move(platform, live, ChannelState.SUSPENDED)

    async def resume(self, platform: Platform) -> int:
        return self._move(platform, (ChannelState.SUSPENDED,), ChannelState.ACTIVE)

    def _move(self, platform: Platform, states: tuple[ChannelState, ...], to: ChannelState) -> int:
        moving = [
            c for c in self._d.channels.values() if c.platform is platform and c.state in states
        ]
        for channel in moving:
            self._d.channels[channel.id] = replace(channel, state=to)
        return len(moving)

    async def set_state(self, channel_id: int, state: ChannelState) -> None:
        self._d.channels[channel_id] = replace(self._d.channels[channel_id], state=state)

    async def migrate(self, channel_id: int, new_chat_id: str) -> int:
        channel = self._d.channels[channel_id]
        target = find_channel(self._d, channel.platform, new_chat_id, channel.thread)
        if target is None:
            moved = replace(channel, chat_id=new_chat_id)
            self._d.channels[channel_id] = moved
            return channel_id
        subs = self._d.subscriptions
        have = {(s.branch, s.topic) for s in subs.values() if s.channel_id == target.id}
        for sub in list(subs.values()):
            if sub.channel_id == channel_id and (sub.branch, sub.topic) not in have:
                subs[sub.id] = replace(sub, channel_id=target.id)
        for d in list(self._d.deliveries.values()):
            if d.channel_id == channel_id:
                self._d.deliveries[d.id] = replace(d, channel_id=target.id)
        if target.title is None and channel.title:
            self._d.channels[target.id] = replace(target, title=channel.title)
        self._d.delete("channels", [channel_id])  # its other subscriptions go with it
        return target.id


def find_channel(
    data: Data, platform: Platform, chat_id: str, thread: str = ""
) -> Channel | None:
    for channel in data.channels.values():
        if (channel.platform, channel.chat_id, channel.thread) == (platform, chat_id, thread):
            return channel
    return None


# Channels a broadcast is queued for (see bot/storage/sql/queueing.py).
QUEUED_FOR = (ChannelState.ACTIVE, ChannelState.SUSPENDED)


def audience(data: Data, topic: str, branches: Sequence[str] | None) -> list[int]:
    """Active (or suspended) channels with an active subscription to the topic (in
    `branches`, or any)."""
    return sorted(
        {
            s.channel_id
            for s in data.subscriptions.values()
            if s.topic == topic
            and s.state is SubscriptionState.ACTIVE
            and (branches is None or s.branch in branches)
            and data.channels[s.channel_id].state in QUEUED_FOR
        }
    )


class MemorySubscriptions:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def add(
        self,
        channel_id: int,
        branch: str,
        topic: str,
        state: SubscriptionState,
        requested_by: int | None = None,
    ) -> Subscription:
        subs = self._d.subscriptions
        for sub in subs.values():
            if (sub.channel_id, sub.branch, sub.topic) == (channel_id, branch, topic):
                if state is SubscriptionState.ACTIVE and sub.state is not state:
                    sub = subs[sub.id] = replace(sub, state=state)
                return sub
        made = Subscription(
            self._d.next_id("subscriptions"), channel_id, branch, topic, state, requested_by
        )
        subs[made.id] = made
        return made

    async def set_state(self, subscription_id: int, state: SubscriptionState) -> None:
        sub = self._d.subscriptions[subscription_id]
        self._d.subscriptions[subscription_id] = replace(sub, state=state)

    async def get(self, subscription_id: int) -> Subscription | None:
        return self._d.subscriptions.get(subscription_id)

    async def remove(self, channel_id: int, branch: str | None = None) -> int:
        return self._d.delete_where(
            "subscriptions",
            lambda s: s.channel_id == channel_id and (branch is None or s.branch == branch),
        )

    async def delete(self, subscription_id: int) -> bool:
        return self._d.delete("subscriptions", [subscription_id]) > 0

    async def for_channel(self, channel_id: int) -> list[Subscription]:
        found = [s for s in self._d.subscriptions.values() if s.channel_id == channel_id]
        return sorted(found, key=lambda s: (s.branch, s.topic))

    async def audience(self, topic: str, branches: Sequence[str] | None = None) -> list[int]:
        return audience(self._d, topic, branches)
