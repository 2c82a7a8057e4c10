"""Ballot reminders: planned in the store, woken by APScheduler, fired once through the outbox."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content.loader import Content
from bot.core.ballots import WorkingDays, last_safe_posting_day, plan, time_left
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
from bot.scheduling.wakeups import Wakeups

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


class BallotService:
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
        self.wakeups: Wakeups | None = None
        self.fired = 0
        self.lateness: list[float] = []  # seconds from due to queued, per fired reminder
        self._firing = asyncio.Lock()

    def scope_branches(self, ballot: Ballot) -> list[str] | None:
        if ballot.scope_branches:
            return list(ballot.scope_branches)
        if ballot.scope_group:
            group = next(g for g in self.content.structure.groups if g.name == ballot.scope_group)
            return [b.name for b in group.branches]
        return None

    async def replan(
        self, ballot: Ballot, offsets: Mapping[str, tuple[str, int, int]] | None = None
    ) -> int:
        """Store the ballot's reminder plan (fired reminders keep their state)."""
        reminders = [] if ballot.cancelled else plan(ballot, self.calendar, self.zone, offsets)
        await self.store.reminders.replace_plan(ballot.name, reminders)
        if self.wakeups is not None:
            await self.schedule()
        return len(reminders)

    async def schedule(self) -> datetime | None:
        """Set the one wake-up for the next planned reminder, read from the store (after a
        restart, a replan, or a firing). Returns when that is."""
        assert self.wakeups is not None
        upcoming = await self.store.reminders.next_at()
        self._arm(upcoming)
        return upcoming

    def _arm(self, upcoming: datetime | None) -> None:
        if self.wakeups is None:
            return
        if upcoming is None:
            self.wakeups.cancel("reminders-next")
        else:
            self.wakeups.at("reminders-next", upcoming, self.fire_due)

    async def fire_due(self) -> int:
        """Send what is due: per ballot, only the latest due reminder, and not after close.
        Then wake again for the next one."""
        async with self._firing:  # a wake-up and the sweep run one after another
            sent = 0
            while True:
                sent += await self._fire_due()
                upcoming = await self.store.reminders.next_at()
                if upcoming is None or upcoming > self.clock.now():
                    break  # else one fell due while we worked: go again
            self._arm(upcoming)
            return sent

    async def _fire_due(self) -> int:
        now = self.clock.now()
        due: defaultdict[str, list[Reminder]] = defaultdict(list)
        for reminder in await self.store.reminders.due(now):
            due[reminder.ballot].append(reminder)
        if not due:
            return 0
        ballots = {b.name: b for b in await self.store.ballots.all()}
        batch: list[tuple[Reminder, Broadcast, list[str] | None]] = []
        for name, reminders in due.items():
            ballot = ballots.get(name)
            latest = max(reminders, key=lambda r: (r.fire_at, r.id))
            for older in reminders:
                if older is not latest:
                    await self.store.reminders.mark(older.id, ReminderState.SKIPPED)
            if ballot is None or ballot.cancelled or now >= ballot.closes_at:
                log.info("reminder %s of %s skipped: the ballot is closed", latest.kind, name)
                await self.store.reminders.mark(latest.id, ReminderState.SKIPPED)
            elif now >= self.deadline_of(latest.kind, ballot):
                log.info("reminder %s of %s skipped: its deadline has passed", latest.kind, name)
                await self.store.reminders.mark(latest.id, ReminderState.SKIPPED)
            else:
                batch.append(
                    (latest, self._broadcast(latest, ballot, now), self.scope_branches(ballot))
                )
        if not batch:
            return 0
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

    def _broadcast(self, reminder: Reminder, ballot: Ballot, now: datetime) -> Broadcast:
        return Broadcast(
            id=0,
            title=f"{ballot.title}: reminder",
            body="",
            topic="ballots",
            template="ballot-reminder",
            values=self.values(reminder, ballot, now),
            branches=tuple(self.scope_branches(ballot) or ()),
            state=BroadcastState.QUEUED,
            created_at=now,
            kind=BroadcastKind.REMINDER,
            reminder_id=reminder.id,
            buttons=(("I've voted", f"/voted {ballot.name}"),),
        )

    def deadline_of(self, kind: str, ballot: Ballot) -> datetime:
        """After this moment the reminder no longer makes sense (sent late after downtime,
        "join by Friday" on Saturday would mislead)."""
        if kind == "join-by" and ballot.join_by:
            return ballot.join_by
        if kind == "replacement" and ballot.replacement_deadline:
            return ballot.replacement_deadline
        if kind == "last-posting-day":
            posting = last_safe_posting_day(ballot, self.calendar, self.zone)
            if posting is not None:
                return datetime.combine(
                    posting + timedelta(days=1), time(0), tzinfo=ZoneInfo(self.zone)
                )
        return ballot.closes_at

    def values(self, reminder: Reminder, ballot: Ballot, now: datetime) -> dict[str, str]:
        tz = ZoneInfo(self.zone)
        posting = last_safe_posting_day(ballot, self.calendar, self.zone)

        def day(moment: datetime | None) -> str:
            return f"{moment.astimezone(tz):%A %-d %B at %H:%M}" if moment else ""

        when = {
            "opens": "papers are on their way" if ballot.kind.postal else "voting is open",
            "join-by": f"join by {day(ballot.join_by)} to get a vote",
            "replacement": f"no paper yet? Ask for a new one by {day(ballot.replacement_deadline)}",
            "last-posting-day": "today is the last safe day to post your paper",
        }.get(reminder.kind, time_left(now, ballot.closes_at, self.zone))
        deadline = (f"Last safe posting day: {posting:%A %-d %B}. " if posting else "") + (
            f"The ballot {time_left(now, ballot.closes_at, self.zone)}."
        )
        return {
            "title": ballot.title,
            "when": when,
            "how": how_to_vote(ballot),
            "deadline": deadline,
            "info_url": ballot.info_url or "",
        }
