"""The audit log: every organiser's and officer's action, and every refusal."""

from __future__ import annotations

from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.models import AuditEntry
from bot.core.ports import AuditRepo


class AuditService:
    def __init__(self, repo: AuditRepo, clock: Clock) -> None:
        self.repo, self.clock = repo, clock

    async def record(self, by: Caller, action: str, outcome: str, **detail: str) -> None:
        await self.repo.record(AuditEntry(self.clock.now(), by.label, action, outcome, detail))

    async def recent(self, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
        if action is None:
            return await self.repo.recent(limit)
        # Filtered here rather than in SQL: the log is read by people, a page at a time.
        found = [
            e for e in await self.repo.recent(max(limit * 20, 2000)) if e.action.startswith(action)
        ]
        return found[:limit]
