"""Deliveries: one broadcast to one channel, claimed before sending, settled after."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import (
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
from bot.storage.sql.queueing import insert_deliveries
from bot.storage.tables import SENDER

_UNSETTLED = (DeliveryState.PENDING.value, DeliveryState.SENDING.value)
_IN_LIST = 900  # ids per UPDATE … WHERE id IN (…), under SQLite's variable limit


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


# Channels whose queued rows are skipped: a SUSPENDED one is only held until it resumes.
LOST_STATES = (ChannelState.BLOCKED, ChannelState.GONE, ChannelState.NEEDS_ATTENTION)
HELD_STATES = (ChannelState.SUSPENDED, *LOST_STATES)  # every state but ACTIVE


class SqlDeliveries(SqlRepo):
    async def claim(
        self, platform: Platform, now: datetime, limit: int, epoch: int = 0
    ) -> list[Claimed]:
        """One statement (UPDATE … WHERE id IN (the due rows) RETURNING) in the claiming
        transaction, so the write lock is held for one round trip, not three; the channels
        the rows go to are read after the commit (the rows are ours by then)."""
        d, c = t.deliveries.c, t.channels.c
        async with self._engine.begin() as conn:
            due = or_(d.not_before.is_(None), d.not_before <= now)
            # Through ix_channels_state: the few channels not active, not every active one.
            held = select(c.id).where(c.state.in_([s.value for s in HELD_STATES]))
            query = (
                select(d.id)
                .where(d.platform == platform.value, d.state == DeliveryState.PENDING.value, due)
                .where(d.channel_id.not_in(held))
                .order_by(d.id)
                .limit(limit)
            )
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
                if epoch:
                    query = query.where(_lease_live(epoch))
            rows = await conn.execute(
                update(t.deliveries)
                .where(d.id.in_(query.scalar_subquery()))
                .values(
                    state=DeliveryState.SENDING.value,
                    attempts=d.attempts + 1,
                    updated_at=now,
                    epoch=epoch or None,
                    first_tried_at=func.coalesce(d.first_tried_at, now),
                )
                .returning(*t.deliveries.c)
            )
            claimed = sorted((_delivery(r) for r in rows), key=lambda delivery: delivery.id)
        if not claimed:
            return []
        async with self._engine.connect() as conn:
            return await _with_channels(conn, platform, claimed)

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
        """Outcomes alike (the common case: all SENT) become one UPDATE … WHERE id IN (…)."""
        if not outcomes:
            return
        groups: dict[tuple[Any, ...], list[Outcome]] = {}
        for o in outcomes:
            key = (o.state, o.reason, o.not_before, o.refund_attempt, o.ambiguous, o.resolved)
            groups.setdefault(key, []).append(o)
        async with self._engine.begin() as conn:
            for alike in groups.values():
                values = _outcome_values(alike)
                ids = [o.delivery_id for o in alike]
                for start in range(0, len(ids), _IN_LIST):
                    chunk = ids[start : start + _IN_LIST]
                    query = update(t.deliveries).where(t.deliveries.c.id.in_(chunk))
                    await conn.execute(query.values(**values))

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
                .values(state=DeliveryState.UNKNOWN.value, reason="in flight at a crash, last try")
            )
            once = await conn.execute(
                update(t.deliveries)
                .where(sending)
                .values(
                    state=DeliveryState.PENDING.value,
                    ambiguous=True,
                    reason="in flight at a crash",
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


def _lease_live(epoch: int) -> ColumnElement[bool]:
    """The sender's lease of this epoch has not expired, by the database's clock."""
    lead = t.leader.c
    return exists().where(lead.name == SENDER, lead.epoch == epoch, lead.expires_at > func.now())


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


def _outcome_values(alike: Sequence[Outcome]) -> dict[str, Any]:
    """The column values that record outcomes alike (same state, reason, retry and flags)."""
    first = alike[0]
    at = max((o.at for o in alike if o.at is not None), default=None)
    values: dict[str, Any] = {"state": first.state.value, "reason": first.reason, "updated_at": at}
    if first.state is DeliveryState.PENDING:
        values["not_before"] = first.not_before
    if first.state is DeliveryState.SENT:
        values["sent_at"] = at
    if first.refund_attempt:
        values["attempts"] = t.deliveries.c.attempts - 1
    if first.ambiguous:
        values["ambiguous"] = True
    if first.resolved:
        values["ambiguous"] = False
    return values
