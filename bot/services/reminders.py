"""Ballot reminders as due work: planned in the store, fired once, in one transaction a pass.

After downtime several reminders of one ballot may have fallen due together. Of those, the
latest one that is still relevant is sent (never one after the close or past its own
deadline, such as "join by Friday" on the Saturday); the others are marked skipped. A
reminder is fired or skipped exactly once.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content.loader import Content
from bot.core import wording
from bot.core.ballots import WorkingDays, last_safe_posting_day, time_left
from bot.core.clock import Clock
from bot.core.models import (
    Ballot,
    Broadcast,
    BroadcastKind,
    BroadcastState,
    Reminder,
    ReminderState,
)
from bot.core.ports import Store
from bot.delivery.outbox import Outbox

log = logging.getLogger(__name__)


def how_to_vote(ballot: Ballot) -> str:
    if ballot.kind.postal:
        return (
            "Fill in your ballot paper and post it in the prepaid envelope that came with "
            "it. It must arrive before the close, so post it in good time."
        )
    if ballot.kind.value == "consultative":
        return "This is a consultation, not a statutory ballot: vote with the link you were sent."
    return "Vote online with the personal link in your email; it takes a couple of minutes."


def scope_branches(ballot: Ballot, content: Content) -> list[str] | None:
    """The branches a ballot is for (None: the whole union)."""
    if ballot.scope_branches:
        return list(ballot.scope_branches)
    if ballot.scope_group:
        group = next(g for g in content.structure.groups if g.name == ballot.scope_group)
        return [b.name for b in group.branches]
    return None


class BallotReminders:
    """The due-work source for ballot reminders."""

    name = "reminders"

    def __init__(
        self,
        store: Store,
        clock: Clock,
        outbox: Outbox,
        content: Content,
        calendar: WorkingDays,
        zone: str,
    ) -> None:
        self.store, self.clock, self.outbox, self.content = store, clock, outbox, content
        self.calendar, self.zone = calendar, zone
        self.fired = 0
        self.lateness: list[float] = []  # seconds from due to queued, per fired reminder

    async def next_due(self) -> datetime | None:
        return await self.store.reminders.next_at()

    async def fire_due(self) -> int:
        now = self.clock.now()
        due: defaultdict[str, list[Reminder]] = defaultdict(list)
        for reminder in await self.store.reminders.due(now):
            due[reminder.ballot].append(reminder)
        if not due:
            return 0
        ballots = {b.name: b for b in await self.store.ballots.all()}
        batch: list[tuple[Reminder, Broadcast, Sequence[str] | None]] = []
        for name, reminders in due.items():
            chosen = await self._choose(ballots.get(name), reminders, now)
            if chosen is not None:
                ballot = ballots[name]
                broadcast = self._broadcast(chosen, ballot, now)
                batch.append((chosen, broadcast, scope_branches(ballot, self.content)))
        return await self._fire(batch) if batch else 0

    async def _choose(
        self, ballot: Ballot | None, reminders: list[Reminder], now: datetime
    ) -> Reminder | None:
        """The latest reminder still relevant; every other one is skipped."""
        chosen = None
        if ballot is not None and not ballot.cancelled and now < ballot.closes_at:
            relevant = [r for r in reminders if now < self.deadline_of(r.kind, ballot)]
            chosen = max(relevant, key=lambda r: (r.fire_at, r.id), default=None)
        for reminder in reminders:
            if reminder is not chosen:
                log.info(
                    "reminder %s of %s skipped: no longer relevant", reminder.kind, reminder.ballot
                )
                await self.store.reminders.mark(reminder.id, ReminderState.SKIPPED)
        return chosen

    async def _fire(self, batch: list[tuple[Reminder, Broadcast, Sequence[str] | None]]) -> int:
        # One transaction: each marked fired, its broadcast stored, its deliveries queued.
        results = await self.store.reminders.fire(batch)
        queued_at = self.clock.now()
        sent = 0
        for (reminder, _, _), fired in zip(batch, results, strict=True):
            if fired is None:
                continue  # another process fired it first
            sent += 1
            self.lateness.append((queued_at - reminder.fire_at).total_seconds())
            log.info("reminder %s of %s: %d deliveries", reminder.kind, reminder.ballot, fired[1])
        self.fired += sent
        if sent:
            self.outbox.wake()
        return sent

    def deadline_of(self, kind: str, ballot: Ballot) -> datetime:
        """After this moment the reminder no longer makes sense."""
        if kind == "join-by" and ballot.join_by:
            return ballot.join_by
        if kind == "replacement" and ballot.replacement_deadline:
            return ballot.replacement_deadline
        if kind == "last-posting-day":
            posting = last_safe_posting_day(ballot, self.calendar, self.zone)
            if posting is not None:
                next_day = datetime.combine(posting + timedelta(days=1), time(0))
                return min(next_day.replace(tzinfo=ZoneInfo(self.zone)), ballot.closes_at)
        return ballot.closes_at

    def _broadcast(self, reminder: Reminder, ballot: Ballot, now: datetime) -> Broadcast:
        return Broadcast(
            id=0,
            title=f"{ballot.title}: reminder",
            body="",
            topic="ballots",
            template="ballot-reminder",
            values=self.values(reminder, ballot, now),
            branches=tuple(scope_branches(ballot, self.content) or ()),
            state=BroadcastState.QUEUED,
            created_at=now,
            kind=BroadcastKind.REMINDER,
            reminder_id=reminder.id,
            buttons=(("I've voted", f"/voted {ballot.name}"),),
        )

    def values(self, reminder: Reminder, ballot: Ballot, now: datetime) -> dict[str, str]:
        tz = ZoneInfo(self.zone)
        posting = last_safe_posting_day(ballot, self.calendar, self.zone)

        def day(moment: datetime | None) -> str:
            return wording.at(moment, tz, year=False) if moment else ""

        when = {
            "opens": "papers are on their way" if ballot.kind.postal else "voting is open",
            "join-by": f"join by {day(ballot.join_by)} to get a vote",
            "replacement": f"no paper yet? Ask for a new one by {day(ballot.replacement_deadline)}",
            "last-posting-day": "today is the last safe day to post your paper",
        }.get(reminder.kind, time_left(now, ballot.closes_at, self.zone))
        deadline = (
            f"Last safe posting day: {wording.day(posting, year=False)}. " if posting else ""
        ) + (f"The ballot {time_left(now, ballot.closes_at, self.zone)}.")
        return {
            "title": ballot.title,
            "when": when,
            "how": how_to_vote(ballot),
            "deadline": deadline,
            "info_url": ballot.info_url or "",
        }
