"""Timers: timed work other than ballot reminders (a report's action deadlines, a
consultation's close), fired once, in one transaction, like reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import Broadcast, ConsultationState, ReminderState, Timer, TimerKind
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo
from bot.storage.sql.queueing import queue_broadcast

_PLANNED = ReminderState.PLANNED.value


def _timer(row: Any) -> Timer:
    return Timer(
        int(row.id),
        TimerKind(row.kind),
        row.ref,
        row.fire_at,
        ReminderState(row.state),
        {str(k): str(v) for k, v in dict(row.detail).items()},
    )


async def add_timer(conn: AsyncConnection, timer: Timer) -> None:
    """Plan a timer inside the caller's transaction, unless one of its kind and ref exists."""
    c = t.timers.c
    exists = await conn.scalar(select(c.id).where(c.kind == timer.kind.value, c.ref == timer.ref))
    if exists is None:
        await conn.execute(
            insert(t.timers).values(
                kind=timer.kind.value,
                ref=timer.ref,
                fire_at=timer.fire_at,
                state=timer.state.value,
                detail=dict(timer.detail),
            )
        )


class SqlTimers(SqlRepo):
    async def due(self, now: datetime) -> list[Timer]:
        c = t.timers.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.timers)
                .where(c.state == _PLANNED, c.fire_at <= now)
                .order_by(c.fire_at, c.id)
            )
            return [_timer(r) for r in rows]

    async def next_at(self) -> datetime | None:
        c = t.timers.c
        async with self._engine.connect() as conn:
            found: datetime | None = await conn.scalar(
                select(func.min(c.fire_at)).where(c.state == _PLANNED)
            )
            return found

    async def fire(
        self,
        timer: Timer,
        broadcast: Broadcast | None,
        branches: Sequence[str] | None,
        results: dict[str, object] | None = None,
    ) -> tuple[int, int] | None:
        c = t.timers.c
        async with self._engine.begin() as conn:
            marked = await conn.execute(
                update(t.timers)
                .where(c.id == timer.id, c.state == _PLANNED)
                .values(state=ReminderState.FIRED.value)
            )
            if not marked.rowcount:
                return None
            if timer.kind is TimerKind.CONSULTATION_CLOSE:
                await conn.execute(
                    update(t.consultations)
                    .where(t.consultations.c.id == int(timer.ref))
                    .values(state=ConsultationState.CLOSED.value, results=results)
                )
            if broadcast is None:
                return (0, 0)
            return await queue_broadcast(conn, broadcast, branches)

    async def mark(self, timer_id: int, state: ReminderState) -> bool:
        c = t.timers.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.timers)
                .where(c.id == timer_id, c.state == _PLANNED)
                .values(state=state.value)
            )
            return bool(result.rowcount)

    async def find(self, kind: TimerKind, ref: str) -> Timer | None:
        c = t.timers.c
        async with self._engine.connect() as conn:
            query = select(t.timers).where(c.kind == kind.value, c.ref == ref)
            row = (await conn.execute(query)).first()
            return None if row is None else _timer(row)
