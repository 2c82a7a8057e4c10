"""Broadcasts: drafts, scheduled sends, and queueing one for a list of channels."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from bot.core.models import Broadcast, BroadcastKind, BroadcastState
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo, inserted_id
from bot.storage.sql.queueing import broadcast_values, insert_deliveries


def _broadcast(row: Any) -> Broadcast:
    return Broadcast(
        id=row.id,
        title=row.title,
        body=row.body,
        topic=row.topic,
        template=row.template,
        branches=tuple(row.branches),
        group=row.group_name,
        state=BroadcastState(row.state),
        send_at=row.send_at,
        created_by=row.created_by,
        created_at=row.created_at,
        kind=BroadcastKind(row.kind),
        values=dict(row.template_values),
        buttons=tuple((str(label), str(data)) for label, data in row.buttons),
        reminder_id=row.reminder_id,
    )


class SqlBroadcasts(SqlRepo):
    async def create(self, broadcast: Broadcast) -> Broadcast:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                insert(t.broadcasts).values(
                    **broadcast_values(broadcast),
                    state=broadcast.state.value,
                    reminder_id=broadcast.reminder_id,
                )
            )
            new_id = inserted_id(result)
        found = await self.get(new_id)
        assert found is not None
        return found

    async def get(self, broadcast_id: int) -> Broadcast | None:
        async with self._engine.connect() as conn:
            query = select(t.broadcasts).where(t.broadcasts.c.id == broadcast_id)
            row = (await conn.execute(query)).first()
            return None if row is None else _broadcast(row)

    async def recent(self, limit: int = 50) -> list[Broadcast]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.broadcasts).order_by(t.broadcasts.c.id.desc()).limit(limit)
            )
            return [_broadcast(r) for r in rows]

    async def set_state(self, broadcast_id: int, state: BroadcastState) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.broadcasts)
                .where(t.broadcasts.c.id == broadcast_id)
                .values(state=state.value)
            )

    async def due(self, now: datetime) -> list[Broadcast]:
        b = t.broadcasts.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.broadcasts)
                .where(b.state == BroadcastState.SCHEDULED.value, b.send_at <= now)
                .order_by(b.send_at, b.id)
            )
            return [_broadcast(r) for r in rows]

    async def scheduled(self) -> list[Broadcast]:
        b = t.broadcasts.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.broadcasts)
                .where(b.state == BroadcastState.SCHEDULED.value)
                .order_by(b.send_at, b.id)
            )
            return [_broadcast(r) for r in rows]

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        b = t.broadcasts.c
        open_states = [BroadcastState.DRAFT.value, BroadcastState.SCHEDULED.value]
        async with self._engine.begin() as conn:
            claimed = await conn.execute(
                update(t.broadcasts)
                .where(b.id == broadcast_id, b.state.in_(open_states))
                .values(state=BroadcastState.QUEUED.value)
            )
            if not claimed.rowcount:
                return 0  # already queued by someone else, or cancelled
            return await insert_deliveries(conn, broadcast_id, channel_ids)
