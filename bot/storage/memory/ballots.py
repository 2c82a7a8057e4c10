"""Ballots: their electorate, who has banked their vote, and their reminder plans."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from bot.core.models import WITHDRAWN, Ballot, Broadcast, DeliveryState, Reminder, ReminderState
from bot.storage.memory.broadcasts import queue_broadcast
from bot.storage.memory.data import BankedRow, Data, ElectorateRow, utc, utc_time


class MemoryBallots:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def upsert(self, ballot: Ballot) -> None:
        self._d.ballots[ballot.name] = utc(ballot)

    async def withdraw(self, name: str) -> int | None:
        found = self._d.ballots.get(name)
        if found is None or found.from_file is not True or found.cancelled:
            return None
        self._d.ballots[name] = replace(found, withdrawn=True, cancelled=True)
        mine = [r for r in self._d.reminders.values() if r.ballot == name]
        planned = [r.id for r in mine if r.state is ReminderState.PLANNED]
        self._d.delete("reminders", planned)
        fired = {r.id for r in mine} - set(planned)
        of_fired = {b.id for b in self._d.broadcasts.values() if b.reminder_id in fired}
        for d in list(self._d.deliveries.values()):
            if d.broadcast_id in of_fired and d.state is DeliveryState.PENDING:
                self._d.deliveries[d.id] = replace(
                    d, state=DeliveryState.CANCELLED, reason=WITHDRAWN
                )
        return len(planned)

    async def get(self, name: str) -> Ballot | None:
        return self._d.ballots.get(name)

    async def all(self) -> list[Ballot]:
        return sorted(self._d.ballots.values(), key=lambda b: b.opens_at)

    async def set_electorate(self, ballot: str, eligible: Mapping[str, int]) -> None:
        self._d.delete_where("ballot_electorate", lambda e: e.ballot == ballot)
        for branch, n in eligible.items():
            self._d.ballot_electorate[(ballot, branch)] = ElectorateRow(ballot, branch, n)

    async def electorate(self, ballot: str) -> dict[str, int]:
        rows = self._d.ballot_electorate.values()
        return {e.branch: e.eligible for e in rows if e.ballot == ballot}

    async def bank(self, ballot: str, member_id: int, branch: str | None, at: datetime) -> bool:
        rows = self._d.ballot_banked
        if any((b.ballot, b.member_id) == (ballot, member_id) for b in rows.values()):
            return False
        rows[self._d.next_id("ballot_banked")] = BankedRow(ballot, member_id, branch, utc_time(at))
        return True

    async def banked(self, ballot: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for b in self._d.ballot_banked.values():
            if b.ballot == ballot and b.branch is not None:
                counts[b.branch] = counts.get(b.branch, 0) + 1
        return counts


class MemoryReminders:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def replace_plan(self, ballot: str, plan: Sequence[tuple[str, datetime]]) -> None:
        kinds = {kind for kind, _ in plan}
        mine = {r.kind: r for r in self._d.reminders.values() if r.ballot == ballot}
        stale = [
            r.id for r in mine.values() if r.state is ReminderState.PLANNED and r.kind not in kinds
        ]
        self._d.delete("reminders", stale)
        for kind, fire_at in plan:
            existing = mine.get(kind)
            if existing is None:
                made = Reminder(self._d.next_id("reminders"), ballot, kind, utc_time(fire_at))
                self._d.reminders[made.id] = made
            elif existing.state is ReminderState.PLANNED:
                self._d.reminders[existing.id] = replace(existing, fire_at=utc_time(fire_at))

    async def planned(self) -> list[Reminder]:
        found = [r for r in self._d.reminders.values() if r.state is ReminderState.PLANNED]
        return sorted(found, key=lambda r: (r.fire_at, r.id))

    async def due(self, now: datetime) -> list[Reminder]:
        return [r for r in await self.planned() if r.fire_at <= now]

    async def fire(
        self, batch: Sequence[tuple[Reminder, Broadcast, Sequence[str] | None]]
    ) -> list[tuple[int, int] | None]:
        results: list[tuple[int, int] | None] = []
        for reminder, broadcast, branches in batch:
            if not self._mark(reminder.id, ReminderState.FIRED):
                results.append(None)
                continue
            queued = queue_broadcast(
                self._d,
                broadcast,
                branches,
                skip_banked_for=reminder.ballot,
                reminder_id=reminder.id,
            )
            results.append(queued)
        return results

    async def next_at(self) -> datetime | None:
        planned = await self.planned()
        return planned[0].fire_at if planned else None

    async def for_ballot(self, ballot: str) -> list[Reminder]:
        found = [r for r in self._d.reminders.values() if r.ballot == ballot]
        return sorted(found, key=lambda r: (r.fire_at, r.id))

    async def mark(self, reminder_id: int, state: ReminderState) -> bool:
        return self._mark(reminder_id, state)

    def _mark(self, reminder_id: int, state: ReminderState) -> bool:
        reminder = self._d.reminders.get(reminder_id)
        if reminder is None or reminder.state is not ReminderState.PLANNED:
            return False
        self._d.reminders[reminder_id] = replace(reminder, state=state)
        return True
