"""The audit log of what was done and by whom."""

from __future__ import annotations

from sqlalchemy import insert, select

from bot.core.models import AuditEntry
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo


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
