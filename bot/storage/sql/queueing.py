"""Queueing a broadcast: its row and one pending delivery per channel, inside the caller's
transaction. Broadcasts, ballot reminders, reports and timers all queue this way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BigInteger, Select, any_, bindparam, false, insert, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
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
from bot.storage.tables import Id

# Channels a broadcast is queued for: active ones, and suspended ones (their app was cut
# off from the workspace), whose deliveries wait, held, until it is back.
QUEUED_FOR = (ChannelState.ACTIVE.value, ChannelState.SUSPENDED.value)
NOT_QUEUED_FOR = tuple(s.value for s in ChannelState if s.value not in QUEUED_FOR)
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
    skip: Sequence[int] = (),
) -> tuple[int, int]:
    """Store a queued broadcast and one delivery per active channel subscribed to its topic
    (in `branches`, or any) but not in `skip`, inside the caller's transaction. Returns
    (id, deliveries)."""
    result = await conn.execute(
        insert(t.broadcasts).values(
            **broadcast_values(broadcast),
            state=BroadcastState.QUEUED.value,
            reminder_id=reminder_id,
        )
    )
    broadcast_id = inserted_id(result)
    audience = _audience(broadcast.topic, branches, skip_banked_for)
    if skip:
        audience = audience.where(t.channels.c.id.not_in(list(skip)))
    return broadcast_id, await _insert_pending(conn, broadcast_id, audience)


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
    ids, made, c = sorted(set(channel_ids)), 0, t.channels.c
    if conn.dialect.name == "postgresql":
        # One statement whatever the audience: the ids travel as one array parameter, not
        # as thousands of parameters in chunks (each compiled, sent and planned).
        every = bindparam("channel_ids", ids, type_=ARRAY(BigInteger))
        return await _insert_pending(
            conn, broadcast_id, select(c.id, c.platform).where(c.id == any_(every))
        )
    for start in range(0, len(ids), CHUNK):
        chunk = select(c.id, c.platform).where(c.id.in_(ids[start : start + CHUNK]))
        made += await _insert_pending(conn, broadcast_id, chunk)
    return made


async def _insert_pending(conn: AsyncConnection, broadcast_id: int, targets: Select[Any]) -> int:
    """INSERT … SELECT: the rows are made in the database, in channel order, in one statement
    (not fetched, then sent back one by one)."""
    pending = targets.add_columns(
        literal(broadcast_id, Id),
        literal(DeliveryState.PENDING.value),
        literal(0),
        false(),
    ).order_by(t.channels.c.id)
    columns = ["channel_id", "platform", "broadcast_id", "state", "attempts", "ambiguous"]
    result = await conn.execute(insert(t.deliveries).from_select(columns, pending))
    return int(result.rowcount)
