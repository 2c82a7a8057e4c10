"""Timed work other than ballot reminders, as one due-work source: a meeting report's action
deadlines (a week before and on the morning) and consultations' closes. Each timer is fired
once, in one transaction with what it queues. After downtime, of an action's reminders that
fell due together only the latest goes, and none once the deadline's day is over: a
reminder then would say "due today" of a day already past."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core import wording
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
from bot.core.wording import counted
from bot.delivery.outbox import Outbox

log = logging.getLogger(__name__)


def _action(timer: Timer) -> str:
    """The action a report reminder is for: its ref less the days before (REPORT/ITEM/N)."""
    return timer.ref.rpartition("/")[0]


class ActionTimers:
    name = "timers"

    def __init__(self, store: Store, clock: Clock, outbox: Outbox, zone: str) -> None:
        self.store, self.clock, self.outbox, self.zone = store, clock, outbox, zone
        self.fired = 0

    async def next_due(self) -> datetime | None:
        return await self.store.timers.next_at()

    async def fire_due(self) -> int:
        due = await self.store.timers.due(self.clock.now())
        latest: dict[str, Timer] = {}
        for timer in due:
            if timer.kind is TimerKind.REPORT_ACTION:
                held = latest.get(_action(timer))
                if held is None or (timer.fire_at, timer.id) > (held.fire_at, held.id):
                    latest[_action(timer)] = timer
        fired = 0
        for timer in due:
            if timer.kind is TimerKind.REPORT_ACTION and latest[_action(timer)] is not timer:
                log.info("timer %s skipped: a later reminder of its action fell due", timer.ref)
                await self.store.timers.mark(timer.id, ReminderState.SKIPPED)
                continue
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
                "votes": counted(results.votes, "vote"),
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
        day_after = datetime.combine(deadline + timedelta(days=1), time(0), ZoneInfo(self.zone))
        if now >= day_after:
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
                "deadline": wording.day(deadline),
                "when": when,
                "id": detail["report"],
            },
            state=BroadcastState.QUEUED,
            created_at=now,
            kind=BroadcastKind.REMINDER,
            buttons=(("Noted (officers)", f"/noted {detail['report']}"),),
        )
        return await self.store.timers.fire(timer, broadcast, None)
