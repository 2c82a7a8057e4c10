"""The inbox: updates and events stored before they are acknowledged, handled from here."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import InboxItem, InboxState
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo

KEY_WIDTH = 128  # the key column's width


def _item(row: Any) -> InboxItem:
    return InboxItem(
        key=row.key,
        source=row.source,
        received_at=row.received_at,
        payload=row.payload,
        state=InboxState(row.state),
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        handled_at=row.handled_at,
        attempts=row.attempts,
    )


async def _insert_ignore(conn: AsyncConnection, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: one statement, so two copies arriving at once
    cannot both insert (and neither fails)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    query = dialect.insert(t.inbox).values(values).on_conflict_do_nothing(index_elements=["key"])
    return bool((await conn.execute(query)).rowcount)


class SqlInbox(SqlRepo):
    async def receive(self, item: InboxItem, worker: str) -> bool:
        values = {
            "key": item.key[:KEY_WIDTH],
            "source": item.source,
            "received_at": item.received_at,
            "payload": item.payload,
            "state": InboxState.RECEIVED.value,
            "claimed_by": worker,
            "claimed_at": item.received_at,
            "attempts": 0,
        }
        async with self._engine.begin() as conn:
            return await _insert_ignore(conn, values)

    async def claim(self, key: str, worker: str, now: datetime) -> InboxItem | None:
        c = t.inbox.c
        async with self._engine.begin() as conn:
            taken = await conn.execute(
                update(t.inbox)
                .where(
                    c.key == key[:KEY_WIDTH],
                    c.state == InboxState.RECEIVED.value,
                    c.claimed_by.is_(None),
                )
                .values(claimed_by=worker, claimed_at=now)
            )
            if not taken.rowcount:
                return None
            query = select(t.inbox).where(c.key == key[:KEY_WIDTH])
            row = (await conn.execute(query)).first()
            return _item(row) if row is not None else None

    async def finish(self, key: str, state: InboxState, now: datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.inbox)
                .where(t.inbox.c.key == key[:KEY_WIDTH])
                .values(state=state.value, payload=None, handled_at=now)
                .values(claimed_by=None, claimed_at=None)
            )

    async def release(self, key: str, now: datetime) -> int:
        c = t.inbox.c
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.inbox)
                .where(c.key == key[:KEY_WIDTH], c.state == InboxState.RECEIVED.value)
                .values(claimed_by=None, claimed_at=None, attempts=c.attempts + 1)
            )
            attempts = await conn.scalar(select(c.attempts).where(c.key == key[:KEY_WIDTH]))
            return int(attempts or 0)

    async def stranded(
        self, live: Collection[str], before: datetime, limit: int
    ) -> list[InboxItem]:
        c = t.inbox.c
        unheld = or_(c.claimed_by.is_(None), c.claimed_by.not_in(list(live)))
        query = (
            select(t.inbox)
            .where(c.state == InboxState.RECEIVED.value, c.received_at < before, unheld)
            .order_by(c.received_at)
            .limit(limit)
        )
        async with self._engine.connect() as conn:
            return [_item(row) for row in await conn.execute(query)]

    async def take_over(
        self, key: str, held_by: str | None, worker: str, now: datetime
    ) -> InboxItem | None:
        c = t.inbox.c
        held = c.claimed_by.is_(None) if held_by is None else c.claimed_by == held_by
        async with self._engine.begin() as conn:
            taken = await conn.execute(
                update(t.inbox)
                .where(c.key == key[:KEY_WIDTH], c.state == InboxState.RECEIVED.value, held)
                .values(claimed_by=worker, claimed_at=now)
            )
            if not taken.rowcount:
                return None
            row = (await conn.execute(select(t.inbox).where(c.key == key[:KEY_WIDTH]))).first()
            return _item(row) if row is not None else None

    async def get(self, key: str) -> InboxItem | None:
        async with self._engine.connect() as conn:
            query = select(t.inbox).where(t.inbox.c.key == key[:KEY_WIDTH])
            row = (await conn.execute(query)).first()
            return _item(row) if row is not None else None

    async def seen(self, key: str) -> bool:
        return await self.get(key) is not None

    async def forget_before(self, cutoff: datetime) -> int:
        c = t.inbox.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                delete(t.inbox).where(c.received_at < cutoff, c.state != InboxState.RECEIVED.value)
            )
            return int(result.rowcount)
