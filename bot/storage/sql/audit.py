"""The audit log of what was done and by whom, and the inbox of platform events handled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select

from bot.core.models import AuditEntry
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo

INBOX_KEY = 128  # the key column's width


class SqlAudit(SqlRepo):
    async def record(self, entry: AuditEntry) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                insert(t.audit_log).values(
                    at=entry.at,
                    actor=entry.actor,
                    action=entry.action,
                    outcome=entry.outcome,
                    detail=dict(entry.detail),
                )
            )

    async def recent(self, limit: int = 100) -> list[AuditEntry]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.audit_log).order_by(t.audit_log.c.id.desc()).limit(limit)
            )
            return [AuditEntry(r.at, r.actor, r.action, r.outcome, dict(r.detail)) for r in rows]


class SqlInbox(SqlRepo):
    async def seen(self, key: str) -> bool:
        async with self._engine.connect() as conn:
            found = await conn.scalar(select(t.inbox.c.key).where(t.inbox.c.key == key[:INBOX_KEY]))
            return found is not None

    async def record(self, key: str, at: datetime) -> bool:
        return await self._insert_once(t.inbox, key=key[:INBOX_KEY], at=at)

    async def forget_before(self, cutoff: datetime) -> int:
        async with self._engine.begin() as conn:
            result = await conn.execute(delete(t.inbox).where(t.inbox.c.at < cutoff))
            return int(result.rowcount)
