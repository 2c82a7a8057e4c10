"""The audit log: every organiser's and officer's action, and every refusal."""

from __future__ import annotations

from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.errors import Forbidden
from bot.core.models import AuditEntry, AuditQuery
from bot.core.ports import AuditRepo, DashboardRepo

WHO = "who"  # the detail naming the person an action was done to


class AuditService:
    def __init__(self, repo: AuditRepo, clock: Clock, reads: DashboardRepo) -> None:
        self.repo, self.clock, self.reads = repo, clock, reads

    async def record(self, by: Caller, action: str, outcome: str, **detail: str) -> None:
        """`who`, when given, names the person the action was done to (PLATFORM:USER_ID):
        it is the entry's subject, through which /forget finds it."""
        entry = AuditEntry(self.clock.now(), by.label, action, outcome, detail, detail.get(WHO))
        await self.repo.record(entry)

    async def recent(self, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
        if action is None:
            return await self.repo.recent(limit)
        # Filtered here rather than in SQL: the log is read by people, a page at a time.
        found = [
            e for e in await self.repo.recent(max(limit * 20, 2000)) if e.action.startswith(action)
        ]
        return found[:limit]

    async def search(self, query: AuditQuery, by: Caller) -> list[AuditEntry]:
        """Entries by action, person (their account, or the pseudonym of one forgotten) and
        date, newest first: organisers only, since it names everyone's actions."""
        if not by.is_organiser:
            await self.record(by, "audit", "refused")
            raise Forbidden("the audit log", "organiser")
        return await self.reads.audit(query)
