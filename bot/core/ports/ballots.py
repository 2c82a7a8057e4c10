"""Repositories of ballots and their reminders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from bot.core.models import (
    Ballot,
    Broadcast,
    Reminder,
    ReminderState,
)


class BallotRepo(Protocol):
    async def upsert(self, ballot: Ballot) -> None: ...

    async def withdraw(self, name: str) -> int | None:
        """In one transaction: mark a ballot written from a file withdrawn (and so
        cancelled), delete its planned reminders and cancel the pending deliveries of those
        already fired. Returns how many planned reminders went; None (nothing done) for a
        ballot not from a file, or cancelled already (withdrawn, or by an organiser, whose
        cancellation stays when the file comes back)."""
        ...

    async def get(self, name: str) -> Ballot | None: ...

    async def all(self) -> list[Ballot]: ...

    async def set_electorate(self, ballot: str, eligible: Mapping[str, int]) -> None:
        """Replace a ballot's electorate per branch, in one transaction."""
        ...

    async def electorate(self, ballot: str) -> dict[str, int]: ...

    async def bank(self, ballot: str, member_id: int, branch: str | None, at: datetime) -> bool:
        """Record that a member has voted; False if they already had."""
        ...

    async def banked(self, ballot: str) -> dict[str, int]:
        """Banked members per branch."""
        ...


class ReminderRepo(Protocol):
    async def replace_plan(self, ballot: str, plan: Sequence[tuple[str, datetime]]) -> None:
        """Store a ballot's reminder plan, keeping the state of reminders already fired."""
        ...

    async def planned(self) -> list[Reminder]: ...

    async def due(self, now: datetime) -> list[Reminder]:
        """Planned reminders whose time has come, oldest first."""
        ...

    async def fire(
        self, batch: Sequence[tuple[Reminder, Broadcast, Sequence[str] | None]]
    ) -> list[tuple[int, int] | None]:
        """Fire reminders, all in one transaction: for each (reminder, its broadcast, the
        branches in scope or None for all), mark it fired, store the broadcast (queued) and
        queue a delivery to every active channel subscribed to `ballots` in those branches,
        except the DMs of members banked for the ballot. Returns (broadcast id, deliveries
        queued) per item, or None for one that was no longer planned. A crash leaves all of
        it or none of it."""
        ...

    async def next_at(self) -> datetime | None:
        """When the next planned reminder falls due (None: nothing planned)."""
        ...

    async def for_ballot(self, ballot: str) -> list[Reminder]:
        """Every reminder of a ballot, whatever its state, in time order."""
        ...

    async def mark(self, reminder_id: int, state: ReminderState) -> bool:
        """Move a PLANNED reminder on; False if another worker already did."""
        ...
