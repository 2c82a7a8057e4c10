"""Timed work other than ballot reminders, as one due-work source: a meeting report's action
deadlines (a week before and on the morning) and consultations' closes. Each timer is fired
once, in one transaction with what it queues; a reminder for a deadline already past is
skipped rather than sent late."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.actions import NOT_A_BALLOT, consultation_results, results_lines
from bot.core.clock import Clock
from bot.core.models import (
    Broadcast,
    BroadcastKind,
    BroadcastState,
    ReminderState,
    Timer,
    TimerKind,
)
from bot.core.ports import Store
from bot.delivery.outbox import Outbox
from bot.services.reports import at_nine

log = logging.getLogger(__name__)


class ActionTimers:
    name = "timers"

    def __init__(self, store: Store, clock: Clock, outbox: Outbox, zone: str) -> None:
        self.store, self.clock, self.outbox, self.zone = store, clock, outbox, zone
        self.fired = 0

    async def next_due(self) -> datetime | None:
        return await self.store.timers.next_at()

    async def fire_due(self) -> int:
        fired = 0
        for timer in await self.store.timers.due(self.clock.now()):
            fired += await self.fire_one(timer)
        return fired

    async def fire_one(self, timer: Timer) -> int:
        now = self.clock.now()
        if timer.kind is TimerKind.CONSULTATION_CLOSE:
            fired = await self._close(timer, now)
        else:
            fired = await self._remind(timer, now)
        if fired is None:
            return 0
        self.fired += 1
        log.info("timer %s %s: %d deliveries", timer.kind.value, timer.ref, fired[1])
        self.outbox.wake()
        return 1

    async def _close(self, timer: Timer, now: datetime) -> tuple[int, int] | None:
        consultation = await self.store.consultations.get(int(timer.ref))
        if consultation is None:
            await self.store.timers.mark(timer.id, ReminderState.SKIPPED)
            return None
        results = consultation_results(
            consultation, await self.store.consultations.tally(consultation.id)
        )
        broadcast = Broadcast(
            id=0,
            title=f"Consultation results: {consultation.question[:150]}",
            body="",
            topic=consultation.topic,
            template="consultation-results",
            values={
                "question": consultation.question,
                "votes": str(results.votes),
                "lines": "\n".join(results_lines(results)),
                "note": NOT_A_BALLOT,
            },
            branches=consultation.branches,
            state=BroadcastState.QUEUED,
            created_at=now,
        )
        branches = list(consultation.branches) or None
        return await self.store.timers.fire(timer, broadcast, branches, results.as_json())

    async def _remind(self, timer: Timer, now: datetime) -> tuple[int, int] | None:
        detail = timer.detail
        deadline = date.fromisoformat(detail["deadline"])
        if now >= at_nine(deadline + timedelta(days=1), self.zone):
            await self.store.timers.mark(timer.id, ReminderState.SKIPPED)
            return None  # the deadline has passed (we were down): a reminder now would mislead
        days = (deadline - now.astimezone(ZoneInfo(self.zone)).date()).days
        when = "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"
        broadcast = Broadcast(
            id=0,
            title=f"{detail['title']}: action due {when}",
            body="",
            topic=detail.get("topic", "reports"),
            template="report-action",
            values={
                "title": detail["title"],
                "action": detail["action"],
                "deadline": f"{deadline:%A %-d %B %Y}",
                "when": when,
                "id": detail["report"],
            },
            state=BroadcastState.QUEUED,
            created_at=now,
            kind=BroadcastKind.REMINDER,
            buttons=(("Noted", f"/noted {detail['report']}"),),
        )
        return await self.store.timers.fire(timer, broadcast, None)
