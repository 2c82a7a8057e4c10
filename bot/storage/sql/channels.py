"""Channels (chats the bot is in, DMs included) and their subscriptions to topics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import (
    Channel,
    ChannelState,
    ChatKind,
    Platform,
    Subscription,
    SubscriptionState,
)
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo
from bot.storage.sql.queueing import NOT_QUEUED_FOR


def _channel(row: Any) -> Channel:
    return Channel(
        row.id,
        Platform(row.platform),
        row.chat_id,
        ChatKind(row.kind),
        row.title,
        ChannelState(row.state),
        row.member_id,
        row.thread,
    )


_LIVE = (ChannelState.ACTIVE.value, ChannelState.NEEDS_ATTENTION.value)


class SqlChannels(SqlRepo):
    async def upsert(
        self,
        platform: Platform,
        chat_id: str,
        kind: ChatKind,
        title: str | None = None,
        member_id: int | None = None,
        thread: str = "",
    ) -> Channel:
        found = await self.find(platform, chat_id, thread)
        if found is not None and (found.kind, found.title) == (kind, title or found.title):
            if member_id is not None:
                await self._set_member(found.id, member_id)
            return found
        try:
            async with self._engine.begin() as conn:
                if found is None:
                    await conn.execute(
                        insert(t.channels).values(
                            platform=platform.value,
                            chat_id=chat_id,
                            thread=thread,
                            kind=kind.value,
                            title=title,
                            state=ChannelState.ACTIVE.value,
                            member_id=member_id,
                        )
                    )
                else:
                    await conn.execute(
                        update(t.channels)
                        .where(t.channels.c.id == found.id)
                        .values(kind=kind.value, title=title or found.title)
                    )
        except IntegrityError:  # another task saw it first
            pass
        channel = await self.find(platform, chat_id, thread)
        assert channel is not None
        return channel

    async def _set_member(self, channel_id: int, member_id: int) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.channels).where(t.channels.c.id == channel_id).values(member_id=member_id)
            )

    async def get(self, channel_id: int) -> Channel | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(select(t.channels).where(t.channels.c.id == channel_id))
            ).first()
            return None if row is None else _channel(row)

    async def find(self, platform: Platform, chat_id: str, thread: str = "") -> Channel | None:
        c = t.channels.c
        async with self._engine.connect() as conn:
            query = select(t.channels).where(
                c.platform == platform.value, c.chat_id == chat_id, c.thread == thread
            )
            row = (await conn.execute(query)).first()
            return None if row is None else _channel(row)

    async def for_chat(self, platform: Platform, chat_id: str) -> list[Channel]:
        c = t.channels.c
        async with self._engine.connect() as conn:
            query = (
                select(t.channels)
                .where(c.platform == platform.value, c.chat_id == chat_id)
                .order_by(c.thread)
            )
            return [_channel(r) for r in await conn.execute(query)]

    async def suspend(self, platform: Platform) -> int:
        return await self._move(platform, _LIVE, ChannelState.SUSPENDED)

    async def resume(self, platform: Platform) -> int:
        return await self._move(platform, (ChannelState.SUSPENDED.value,), ChannelState.ACTIVE)

    async def _move(self, platform: Platform, states: tuple[str, ...], to: ChannelState) -> int:
        c = t.channels.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.channels)
                .where(c.platform == platform.value, c.state.in_(states))
                .values(state=to.value)
            )
            return int(result.rowcount)

    async def set_state(self, channel_id: int, state: ChannelState) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.channels).where(t.channels.c.id == channel_id).values(state=state.value)
            )

    async def migrate(self, channel_id: int, new_chat_id: str) -> int:
        async with self._engine.begin() as conn:
            old = (
                await conn.execute(select(t.channels).where(t.channels.c.id == channel_id))
            ).one()
            target = await conn.scalar(
                select(t.channels.c.id).where(
                    t.channels.c.platform == old.platform,
                    t.channels.c.chat_id == new_chat_id,
                    t.channels.c.thread == old.thread,
                )
            )
            if target is None:
                await conn.execute(
                    update(t.channels)
                    .where(t.channels.c.id == channel_id)
                    .values(chat_id=new_chat_id)
                )
                return channel_id
            await _merge_channel(conn, old, int(target))
            return int(target)


async def _merge_channel(conn: AsyncConnection, old: Any, target: int) -> None:
    """Move a channel's subscriptions (those the target lacks) and deliveries to the target,
    give the target its title if it has none, and drop it."""
    subs = t.subscriptions.c
    have = {
        (r.branch, r.topic)
        for r in await conn.execute(select(t.subscriptions).where(subs.channel_id == target))
    }
    for row in await conn.execute(select(t.subscriptions).where(subs.channel_id == old.id)):
        if (row.branch, row.topic) not in have:
            await conn.execute(
                update(t.subscriptions).where(subs.id == row.id).values(channel_id=target)
            )
    await conn.execute(
        update(t.deliveries).where(t.deliveries.c.channel_id == old.id).values(channel_id=target)
    )
    if old.title:
        await conn.execute(
            update(t.channels)
            .where(t.channels.c.id == target, t.channels.c.title.is_(None))
            .values(title=old.title)
        )
    await conn.execute(delete(t.channels).where(t.channels.c.id == old.id))


def _subscription(row: Any) -> Subscription:
    return Subscription(
        row.id,
        row.channel_id,
        row.branch,
        row.topic,
        SubscriptionState(row.state),
        row.requested_by,
    )


class SqlSubscriptions(SqlRepo):
    async def add(
        self,
        channel_id: int,
        branch: str,
        topic: str,
        state: SubscriptionState,
        requested_by: int | None = None,
    ) -> Subscription:
        where = (
            t.subscriptions.c.channel_id == channel_id,
            t.subscriptions.c.branch == branch,
            t.subscriptions.c.topic == topic,
        )
        async with self._engine.begin() as conn:
            row = (await conn.execute(select(t.subscriptions).where(*where))).first()
            if row is None:
                await conn.execute(
                    insert(t.subscriptions).values(
                        channel_id=channel_id,
                        branch=branch,
                        topic=topic,
                        state=state.value,
                        requested_by=requested_by,
                    )
                )
            elif row.state != state.value and state is SubscriptionState.ACTIVE:
                await conn.execute(update(t.subscriptions).where(*where).values(state=state.value))
            row = (await conn.execute(select(t.subscriptions).where(*where))).one()
            return _subscription(row)

    async def set_state(self, subscription_id: int, state: SubscriptionState) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.subscriptions)
                .where(t.subscriptions.c.id == subscription_id)
                .values(state=state.value)
            )

    async def get(self, subscription_id: int) -> Subscription | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(
                    select(t.subscriptions).where(t.subscriptions.c.id == subscription_id)
                )
            ).first()
            return None if row is None else _subscription(row)

    async def remove(self, channel_id: int, branch: str | None = None) -> int:
        query = delete(t.subscriptions).where(t.subscriptions.c.channel_id == channel_id)
        if branch is not None:
            query = query.where(t.subscriptions.c.branch == branch)
        async with self._engine.begin() as conn:
            return int((await conn.execute(query)).rowcount)

    async def delete(self, subscription_id: int) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                delete(t.subscriptions).where(t.subscriptions.c.id == subscription_id)
            )
            return bool(result.rowcount)

    async def for_channel(self, channel_id: int) -> list[Subscription]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.subscriptions)
                .where(t.subscriptions.c.channel_id == channel_id)
                .order_by(t.subscriptions.c.branch, t.subscriptions.c.topic)
            )
            return [_subscription(r) for r in rows]

    async def audience(self, topic: str, branches: Sequence[str] | None = None) -> list[int]:
        s, c = t.subscriptions.c, t.channels.c
        # Read from ix_subscriptions_topic alone, less the few channels no broadcast goes to
        # (through ix_channels_state), not joined to every channel; deduplicated here.
        unqueued = select(c.id).where(c.state.in_(NOT_QUEUED_FOR))
        query = select(s.channel_id).where(
            s.topic == topic,
            s.state == SubscriptionState.ACTIVE.value,
            s.channel_id.not_in(unqueued),
        )
        if branches is not None:
            query = query.where(s.branch.in_(list(branches)))
        async with self._engine.connect() as conn:
            return sorted({int(r[0]) for r in await conn.execute(query)})
