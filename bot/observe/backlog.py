"""The work waiting in the store, as an operator sees it: deliveries by platform and state,
the oldest delivery that is due and unsent, and the oldest timed work that fell due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.models import DeliveryState
from bot.scheduling.due import DueSource
from bot.storage import tables as t


@dataclass(frozen=True)
class Backlog:
    now: datetime
    oldest_due_delivery: datetime | None = None  # pending, due, not yet sent
    next_due: dict[str, datetime] = field(default_factory=dict)  # per timed-work source
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (platform, state)

    def late(self, when: datetime | None) -> float:
        return max(0.0, (self.now - when).total_seconds()) if when is not None else 0.0

    @property
    def delivery_late(self) -> float:
        """Seconds the oldest due delivery has waited."""
        return self.late(self.oldest_due_delivery)

    def source_late(self, name: str) -> float:
        return self.late(self.next_due.get(name))

    @property
    def timed_work_late(self) -> float:
        """Seconds the oldest fallen-due timed work (reminder, timer, schedule) has waited."""
        return max((self.late(when) for when in self.next_due.values()), default=0.0)


async def oldest_due_delivery(engine: AsyncEngine, now: datetime) -> datetime | None:
    """When the oldest pending delivery fell due: its retry time, else its broadcast's
    schedule, else when the broadcast was made."""
    d, b = t.deliveries.c, t.broadcasts.c
    due_since = func.coalesce(d.not_before, b.send_at, b.created_at)
    query = (
        select(type_coerce(func.min(due_since), t.UTCDateTime()))
        .select_from(t.deliveries.outerjoin(t.broadcasts, b.id == d.broadcast_id))
        .where(
            d.state == DeliveryState.PENDING.value, or_(d.not_before.is_(None), d.not_before <= now)
        )
    )
    async with engine.connect() as conn:
        found = await conn.scalar(query)
    return found if isinstance(found, datetime) else None


async def delivery_counts(engine: AsyncEngine) -> dict[tuple[str, str], int]:
    d = t.deliveries.c
    query = select(d.platform, d.state, func.count()).group_by(d.platform, d.state)
    async with engine.connect() as conn:
        return {(row[0], row[1]): int(row[2]) for row in await conn.execute(query)}


async def read_backlog(
    engine: AsyncEngine, sources: Sequence[DueSource], now: datetime, counts: bool = False
) -> Backlog:
    next_due = {}
    for source in sources:
        when = await source.next_due()
        if when is not None:
            next_due[source.name] = when
    return Backlog(
        now,
        await oldest_due_delivery(engine, now),
        next_due,
        await delivery_counts(engine) if counts else {},
    )
