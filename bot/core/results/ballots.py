"""What the ballot services return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.core.ballots import Turnout
from bot.core.models import (
    Ballot,
    Reminder,
)


@dataclass(frozen=True)
class BallotSpec:
    """A ballot as an organiser types it: times as text, read in the bot's time zone.

    A date without a time means the start of that day for `opens` and the end of it for the
    deadlines (closes, join_by, replacement_deadline, packs_arrive_by).
    """

    name: str
    title: str
    kind: str
    opens: str
    closes: str
    packs_arrive_by: str | None = None
    join_by: str | None = None
    replacement_deadline: str | None = None
    posting_days: int = 3
    group: str | None = None
    branches: tuple[str, ...] = ()
    threshold: float = 0.5
    yes_threshold: float | None = None
    info_url: str | None = None


@dataclass(frozen=True)
class BallotAdded:
    ballot: Ballot
    reminders: int
    notes: tuple[str, ...] = ()  # how a date-only time was read
    warnings: tuple[str, ...] = ()  # a close on a weekend or bank holiday, ...


@dataclass(frozen=True)
class KeyDate:
    label: str
    at: datetime | date


@dataclass(frozen=True)
class BallotDetails:
    ballot: Ballot
    state: str  # coming, open, closed, cancelled
    dates: tuple[KeyDate, ...]
    last_posting_day: date | None
    reminders: tuple[Reminder, ...]
    how_to_vote: str
    time_left: str
    electorate: dict[str, int] = field(default_factory=dict)  # branch → entitled to vote
    banked: dict[str, int] = field(default_factory=dict)  # branch → said they have voted

    @property
    def reminders_sent(self) -> int:
        return sum(r.state.value == "fired" for r in self.reminders)


@dataclass(frozen=True)
class ElectorateImported:
    ballot: str
    branches: int
    members: int


@dataclass(frozen=True)
class TurnoutView:
    ballot: Ballot
    turnout: Turnout
    projected: float | None  # share reported by the close at this pace; None unless open
    as_of: datetime
    whole: bool = True  # False: an officer's view, their own branches only

    @property
    def total_label(self) -> str:
        """What the total line covers: an officer's total is not the whole ballot's."""
        if self.whole:
            return "Whole ballot"
        return "Your branch" if len(self.turnout.branches) == 1 else "Your branches"


@dataclass(frozen=True)
class Banked:
    ballot: Ballot
    first: bool  # False: they had already said so


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a ballot's timeline: a key date, or a reminder and what became of it."""

    at: datetime | date
    label: str
    kind: str  # "date" or "reminder"
    state: str = ""  # a reminder's: planned, sent, skipped
    why: str = ""  # why a reminder was skipped
