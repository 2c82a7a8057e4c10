"""What happens next and what is being delivered now: the dashboard's first page, read from
the store as the due-work sources read it (nothing here schedules anything)."""

from __future__ import annotations

from datetime import date

from bot.content.loader import Content
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.models import Broadcast, ConsultationState
from bot.core.ports import Store
from bot.core.results import BroadcastLine, Upcoming
from bot.services.broadcasts import Audience, BroadcastService
from bot.services.reminders import scope_branches
from bot.services.reports import ReportService, at_nine


class OverviewService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        content: Content,
        broadcasts: BroadcastService,
        reports: ReportService,
    ) -> None:
        self.store, self.clock, self.content = store, clock, content
        self.broadcasts, self.reports = broadcasts, reports

    def _mine(self, branches: list[str] | None, by: Caller) -> bool:
        """Whether something for these branches (None: every branch) is this caller's to see."""
        return by.is_organiser or branches is None or any(by.is_officer_of(b) for b in branches)

    async def upcoming(self, by: Caller, limit: int = 30) -> list[Upcoming]:
        found = [
            *await self._reminders(by),
            *await self._scheduled(by),
            *await self._actions(),
            *await self._closes(by),
        ]
        return sorted(found, key=lambda u: u.at)[:limit]

    async def _reminders(self, by: Caller) -> list[Upcoming]:
        ballots = {b.name: b for b in await self.store.ballots.all()}
        found = []
        for reminder in await self.store.reminders.planned():
            ballot = ballots.get(reminder.ballot)
            if ballot is None or not self._mine(scope_branches(ballot, self.content), by):
                continue
            title = f"{ballot.title}: {reminder.kind.replace('-', ' ')} reminder"
            found.append(Upcoming(reminder.fire_at, "reminder", title, f"ballot:{ballot.name}"))
        return found

    def _branches_of(self, broadcast: Broadcast) -> list[str] | None:
        return self.broadcasts.branches_of(
            Audience(broadcast.topic, broadcast.branches, broadcast.group)
        )

    async def _scheduled(self, by: Caller) -> list[Upcoming]:
        return [
            Upcoming(b.send_at, "broadcast", b.title, f"broadcast:{b.id}")
            for b in await self.store.broadcasts.scheduled()
            if b.send_at is not None and self._mine(self._branches_of(b), by)
        ]

    async def _actions(self) -> list[Upcoming]:
        today = self.clock.now().astimezone(self.reports.zone_info).date()
        found = []
        for report in self.reports.all():
            if await self.store.reports.published(report.id) is None:
                continue
            for item in report.items:
                for text, deadline in item.actions:
                    if deadline and date.fromisoformat(deadline) >= today:
                        at = at_nine(date.fromisoformat(deadline), self.reports.zone)
                        title = f"{report.title}: {text}"
                        found.append(Upcoming(at, "action deadline", title, f"report:{report.id}"))
        return found

    async def _closes(self, by: Caller) -> list[Upcoming]:
        now = self.clock.now()
        return [
            Upcoming(c.closes_at, "consultation closes", c.question, f"consultation:{c.id}")
            for c in await self.store.consultations.all()
            if c.state is ConsultationState.OPEN
            and c.closes_at > now
            and self._mine(list(c.branches) or None, by)
        ]

    async def sending(self, by: Caller) -> list[BroadcastLine]:
        """Broadcasts being delivered now, with their progress (organisers only)."""
        if not by.is_organiser:
            return []
        return await self.broadcasts.sending()
