"""Deliveries: one broadcast to one channel, claimed before sending, settled after."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import (
    IN_FLIGHT_AT_A_CRASH,
    Channel,
    ChannelState,
    ChatKind,
    Claimed,
    Delivery,
    DeliveryState,
    Outcome,
    Platform,
)
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo
from bot.storage.sql.claiming import (
    claim_statement,
    claim_values,
    claimed_rows,
    ids_value,
    outcome_statement,
    outcome_values,
)
from bot.storage.sql.queueing import insert_deliveries

_UNSETTLED = (DeliveryState.PENDING.value, DeliveryState.SENDING.value)


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row.id,
        broadcast_id=row.broadcast_id,
        channel_id=row.channel_id,
        state=DeliveryState(row.state),
        attempts=row.attempts,
        reason=row.reason,
        not_before=row.not_before,
        member_id=row.member_id,
        reminder_id=row.reminder_id,
        ambiguous=bool(row.ambiguous),
        first_tried_at=row.first_tried_at,
    )


# Channels whose queued rows are skipped (claiming.HELD_STATES: also those only held).
LOST_STATES = (ChannelState.BLOCKED, ChannelState.GONE, ChannelState.NEEDS_ATTENTION)


class SqlDeliveries(SqlRepo):
    async def claim(
        self, platform: Platform, now: datetime, limit: int, epoch: int = 0
    ) -> list[Claimed]:
        """One statement, built once (bot/storage/sql/claiming.py): UPDATE … WHERE id IN
        (the due rows) RETURNING each row with its channel's fields."""
        async with self._engine.begin() as conn:
            statement = claim_statement(conn.dialect.name, bool(epoch))
            rows = await conn.execute(statement, claim_values(platform, now, limit, epoch))
            return claimed_rows(rows, platform)

    async def unreachable(self, platform: Platform, limit: int) -> list[Claimed]:
        d, c = t.deliveries.c, t.channels.c
        async with self._engine.connect() as conn:
            lost = select(c.id).where(c.state.in_([s.value for s in LOST_STATES]))
            query = (
                select(d.id)
                .where(d.platform == platform.value, d.state == DeliveryState.PENDING.value)
                .where(d.channel_id.in_(lost))
                .order_by(d.id)
                .limit(limit)
            )
            ids = [int(r[0]) for r in await conn.execute(query)]
            if not ids:
                return []
            rows = await conn.execute(select(t.deliveries).where(d.id.in_(ids)).order_by(d.id))
            return await _with_channels(conn, platform, [_delivery(r) for r in rows])

    async def apply(self, outcomes: Sequence[Outcome]) -> None:
        """Outcomes alike (the common case: all SENT) become one UPDATE of the rows listed
        in one parameter; the statement for each kind of outcome is built once."""
        if not outcomes:
            return
        groups: dict[tuple[Any, ...], list[Outcome]] = {}
        for o in outcomes:
            key = (o.state, o.reason, o.not_before, o.refund_attempt, o.ambiguous, o.resolved)
            groups.setdefault(key, []).append(o)
        async with self._engine.begin() as conn:
            dialect = conn.dialect.name
            for alike in groups.values():
                values = outcome_values(alike)
                statement = outcome_statement(dialect, tuple(values), alike[0].refund_attempt)
                ids = [o.delivery_id for o in alike]
                params = {f"set_{key}": value for key, value in values.items()}
                await conn.execute(statement, params | {"ids": ids_value(dialect, ids)})

    async def recover(
        self, epoch: int = 0, checkable: Collection[Platform] = (), most_attempts: int = 5
    ) -> int:
        d = t.deliveries.c
        sending = d.state == DeliveryState.SENDING.value
        if epoch:
            sending = and_(sending, or_(d.epoch.is_(None), d.epoch < epoch))
        looked_up = d.platform.in_([p.value for p in checkable])
        async with self._engine.begin() as conn:
            twice = await conn.execute(
                update(t.deliveries)
                .where(sending, d.attempts >= most_attempts, ~looked_up)
                .values(
                    state=DeliveryState.UNKNOWN.value, reason=f"{IN_FLIGHT_AT_A_CRASH}, last try"
                )
            )
            once = await conn.execute(
                update(t.deliveries)
                .where(sending)
                .values(
                    state=DeliveryState.PENDING.value,
                    ambiguous=True,
                    reason=IN_FLIGHT_AT_A_CRASH,
                    not_before=None,
                )
            )
            return int(twice.rowcount) + int(once.rowcount)

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        async with self._engine.begin() as conn:
            return await insert_deliveries(conn, broadcast_id, channel_ids)

    async def cancel_pending(self, broadcast_id: int) -> int:
        d = t.deliveries.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.deliveries)
                .where(d.broadcast_id == broadcast_id, d.state == DeliveryState.PENDING.value)
                .values(state=DeliveryState.CANCELLED.value, reason="cancelled")
            )
            return int(result.rowcount)

    async def for_broadcast(self, broadcast_id: int) -> list[Delivery]:
        d = t.deliveries.c
        async with self._engine.connect() as conn:
            query = select(t.deliveries).where(d.broadcast_id == broadcast_id).order_by(d.id)
            return [_delivery(r) for r in await conn.execute(query)]

    async def unsettled(self, broadcast_id: int) -> int:
        d = t.deliveries.c
        async with self._engine.connect() as conn:
            count = await conn.scalar(
                select(func.count())
                .select_from(t.deliveries)
                .where(d.broadcast_id == broadcast_id, d.state.in_(_UNSETTLED))
            )
            return int(count or 0)

    async def pending_platforms(self) -> set[Platform]:
        d = t.deliveries.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(d.platform).where(d.state == DeliveryState.PENDING.value).distinct()
            )
            return {Platform(r[0]) for r in rows}


async def _with_channels(
    conn: AsyncConnection, platform: Platform, deliveries: list[Delivery]
) -> list[Claimed]:
    """The deliveries with the channels they go to, in the order given."""
    c = t.channels.c
    wanted = sorted({delivery.channel_id for delivery in deliveries})
    rows = await conn.execute(
        select(c.id, c.chat_id, c.kind, c.title, c.state, c.thread).where(c.id.in_(wanted))
    )
    channels = {
        r.id: Channel(
            r.id,
            platform,
            r.chat_id,
            ChatKind(r.kind),
            r.title,
            ChannelState(r.state),
            thread=r.thread,
        )
        for r in rows
    }
    return [Claimed(d, channels[d.channel_id]) for d in deliveries if d.channel_id in channels]
