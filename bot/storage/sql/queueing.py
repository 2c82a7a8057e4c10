"""Queueing a broadcast: its row and one pending delivery per channel, inside the caller's
transaction. Broadcasts, ballot reminders, reports and timers all queue this way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import (
    Broadcast,
    BroadcastState,
    ChannelState,
    DeliveryState,
    SubscriptionState,
)
from bot.storage import tables as t
from bot.storage.sql.base import inserted_id

# Channels a broadcast is queued for: active ones, and suspended ones (their app was cut
# off from the workspace), whose deliveries wait, held, until it is back.
QUEUED_FOR = (ChannelState.ACTIVE.value, ChannelState.SUSPENDED.value)
CHUNK = 5000  # rows per multi-row INSERT (and ids per IN list), within every driver's limits


def broadcast_values(broadcast: Broadcast) -> dict[str, Any]:
    """A broadcast as column values (without state and reminder, which callers choose)."""
    return {
        "kind": broadcast.kind.value,
        "title": broadcast.title,
        "body": broadcast.body,
        "topic": broadcast.topic,
        "template": broadcast.template,
        "template_values": dict(broadcast.values),
        "buttons": [list(b) for b in broadcast.buttons],
        "branches": list(broadcast.branches),
        "group_name": broadcast.group,
        "send_at": broadcast.send_at,
        "created_by": broadcast.created_by,
        "created_at": broadcast.created_at,
    }


async def queue_broadcast(
    conn: AsyncConnection,
    broadcast: Broadcast,
    branches: Sequence[str] | None,
    *,
    skip_banked_for: str | None = None,
    reminder_id: int | None = None,
) -> tuple[int, int]:
    """Store a queued broadcast and one delivery per active channel subscribed to its topic
    (in `branches`, or any), inside the caller's transaction. Returns (id, deliveries)."""
    result = await conn.execute(
        insert(t.broadcasts).values(
            **broadcast_values(broadcast),
            state=BroadcastState.QUEUED.value,
            reminder_id=reminder_id,
        )
    )
    broadcast_id = inserted_id(result)
    audience = _audience(broadcast.topic, branches, skip_banked_for)
    targets = [(int(cid), str(platform)) for cid, platform in await conn.execute(audience)]
    return broadcast_id, await _insert_pending(conn, broadcast_id, targets)


def _audience(
    topic: str, branches: Sequence[str] | None, skip_banked_for: str | None
) -> Select[Any]:
    """(channel id, platform) of the active (or suspended) channels with an active
    subscription to `topic`;
    with `skip_banked_for`, not the DMs of members banked for that ballot."""
    s, c = t.subscriptions.c, t.channels.c
    audience = (
        select(c.id, c.platform)
        .join(t.subscriptions, s.channel_id == c.id)
        .where(
            s.topic == topic,
            s.state == SubscriptionState.ACTIVE.value,
            c.state.in_(QUEUED_FOR),
        )
        .distinct()
    )
    if skip_banked_for is not None:
        b = t.ballot_banked.c
        banked = select(b.member_id).where(b.ballot == skip_banked_for, b.member_id == c.member_id)
        audience = audience.where(~banked.exists())
    if branches is not None:
        audience = audience.where(s.branch.in_(list(branches)))
    return audience


async def insert_deliveries(
    conn: AsyncConnection, broadcast_id: int, channel_ids: Sequence[int]
) -> int:
    """One pending delivery per channel that exists; returns how many were made."""
    platforms: dict[int, str] = {}
    ids = list(channel_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        query = select(t.channels.c.id, t.channels.c.platform).where(t.channels.c.id.in_(chunk))
        platforms.update((int(i), str(p)) for i, p in await conn.execute(query))
    targets = [(cid, platforms[cid]) for cid in ids if cid in platforms]
    return await _insert_pending(conn, broadcast_id, targets)


async def _insert_pending(
    conn: AsyncConnection, broadcast_id: int, targets: Iterable[tuple[int, str]]
) -> int:
    rows = [
        {
            "broadcast_id": broadcast_id,
            "channel_id": channel_id,
            "platform": platform,
            "state": DeliveryState.PENDING.value,
            "attempts": 0,
            "ambiguous": False,
        }
        for channel_id, platform in targets
    ]
    for start in range(0, len(rows), CHUNK):
        await conn.execute(insert(t.deliveries), rows[start : start + CHUNK])
    return len(rows)
