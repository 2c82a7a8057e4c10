"""The audit log of what was done and by whom."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from bot.core.models import AuditEntry
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo


def entry_of(row: Any) -> AuditEntry:
    """An audit_log row as the entry it records."""
    return AuditEntry(
        row.at, row.actor, row.action, row.outcome, dict(row.detail), row.subject_identity
    )


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
                    subject_identity=entry.subject,
                )
            )

    async def recent(self, limit: int = 100) -> list[AuditEntry]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.audit_log).order_by(t.audit_log.c.id.desc()).limit(limit)
            )
            return [entry_of(r) for r in rows]
