"""Ballot windows: the reminder plan, the last safe posting day, turnout against thresholds.

Pure functions over the Ballot model; the working-day calendar is a port (bank holidays
come from a library outside the core).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.core import wording
from bot.core.models import Ballot

BALLOT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
BALLOT_NAME_RULE = "lower-case letters, digits and hyphens, like pay-2027"


def date_problems(
    opens: datetime,
    closes: datetime,
    packs_arrive_by: datetime | None = None,
    join_by: datetime | None = None,
    replacement_deadline: datetime | None = None,
) -> list[str]:
    """What is wrong with a ballot's key dates, each naming the field; empty when fine."""
    problems = []
    if closes <= opens:
        problems.append("closes: must be after opens")
    for name, when in (
        ("packs_arrive_by", packs_arrive_by),
        ("replacement_deadline", replacement_deadline),
    ):
        if when is not None and not (opens <= when <= closes):
            problems.append(f"{name}: must fall between opens and closes")
    if join_by is not None and join_by > closes:
        problems.append("join_by: must be before closes")
    return problems


def check_thresholds(turnout_threshold: float, yes_threshold: float | None) -> list[str]:
    problems = []
    if not 0 < turnout_threshold <= 1:
        problems.append("turnout_threshold: must be a share between 0 and 1, like 0.5")
    if yes_threshold is not None and not 0 < yes_threshold <= 1:
        problems.append("yes_threshold: must be a share between 0 and 1, like 0.4")
    return problems


class WorkingDays(Protocol):
    def is_working_day(self, day: date) -> bool:
        """Not a weekend, not a bank holiday."""
        ...


def last_safe_posting_day(ballot: Ballot, calendar: WorkingDays, zone: str) -> date | None:
    """The last day to post a paper so it arrives in time: the close minus N working days."""
    if not ballot.kind.postal:
        return None
    day = ballot.closes_at.astimezone(ZoneInfo(zone)).date()
    left = ballot.posting_days
    while left > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    while not calendar.is_working_day(day):  # posting needs a working day
        day -= timedelta(days=1)
    return day


def _awake(moment: datetime, tz: ZoneInfo, closes: datetime) -> datetime:
    """A reminder "at the moment itself", but not in the night: a ballot that opens at 00:00
    (a date typed alone) tells its channels at 09:00 that day, unless it closes first."""
    local = moment.astimezone(tz)
    if local.hour >= 7:
        return moment
    morning = datetime.combine(local.date(), time(9), tzinfo=tz)
    return morning if morning < closes else moment


# kind → (anchor, days, local hour). Anchors: opens, closes, posting, join_by, replacement.
DEFAULT_OFFSETS: dict[str, tuple[str, int, int]] = {
    "opens": ("opens", 0, -1),  # -1: at the moment itself (in the morning if at night)
    "join-by": ("join_by", -2, 9),
    "week-before": ("closes", -7, 9),
    "replacement": ("replacement", -1, 9),
    "last-posting-day": ("posting", 0, 8),
    "day-before": ("closes", -1, 9),
    "closing-day": ("closes", 0, 8),
}
ORDER = list(DEFAULT_OFFSETS)


def plan(
    ballot: Ballot,
    calendar: WorkingDays,
    zone: str,
    offsets: Mapping[str, tuple[str, int, int]] | None = None,
) -> list[tuple[str, datetime]]:
    """The reminders for a ballot: (kind, when) in time order, all inside the window."""
    tz = ZoneInfo(zone)
    posting = last_safe_posting_day(ballot, calendar, zone)
    anchors: dict[str, datetime | date | None] = {
        "opens": ballot.opens_at,
        "closes": ballot.closes_at,
        "join_by": ballot.join_by,
        "replacement": ballot.replacement_deadline,
        "posting": posting,
    }
    found: list[tuple[str, datetime]] = []
    for kind, (anchor, days, hour) in (offsets or DEFAULT_OFFSETS).items():
        base = anchors.get(anchor)
        if base is None:
            continue
        if hour < 0 and isinstance(base, datetime):
            when = _awake(base, tz, ballot.closes_at)
        else:
            day = base.astimezone(tz).date() if isinstance(base, datetime) else base
            # A wall-clock time in the bot's zone: BST or GMT as that day has it.
            when = datetime.combine(day + timedelta(days=days), time(max(hour, 0)), tzinfo=tz)
        # All inside the window, except the join-by reminder, which is for people not yet
        # in the union and so usually comes before the papers go out.
        starts = ballot.opens_at if anchor != "join_by" else datetime.min.replace(tzinfo=tz)
        if starts <= when < ballot.closes_at and all(w != when for _, w in found):
            found.append((kind, when.astimezone(ballot.closes_at.tzinfo)))
    return sorted(found, key=lambda item: item[1])


@dataclass(frozen=True)
class BranchTurnout:
    branch: str
    eligible: int
    reported: int
    needed: int  # more reported votes needed to reach the threshold

    @property
    def share(self) -> float:
        return self.reported / self.eligible if self.eligible else 0.0


@dataclass(frozen=True)
class Turnout:
    ballot: str
    threshold: float
    branches: tuple[BranchTurnout, ...]
    yes_threshold: float | None

    @property
    def eligible(self) -> int:
        return sum(b.eligible for b in self.branches)

    @property
    def reported(self) -> int:
        return sum(b.reported for b in self.branches)

    @property
    def share(self) -> float:
        return self.reported / self.eligible if self.eligible else 0.0

    @property
    def needed(self) -> int:
        return max(0, math.ceil(self.threshold * self.eligible) - self.reported)


def turnout(ballot: Ballot, eligible: Mapping[str, int], reported: Mapping[str, int]) -> Turnout:
    rows = []
    for branch in sorted(eligible):
        count = eligible[branch]
        got = reported.get(branch, 0)
        rows.append(
            BranchTurnout(
                branch, count, got, max(0, math.ceil(ballot.turnout_threshold * count) - got)
            )
        )
    return Turnout(ballot.name, ballot.turnout_threshold, tuple(rows), ballot.yes_threshold)


def projected_share(turnout: Turnout, opens: datetime, closes: datetime, now: datetime) -> float:
    """The share that will have reported by the close if reports keep their pace so far."""
    if not turnout.eligible:
        return 0.0
    elapsed = (min(now, closes) - opens).total_seconds()
    window = (closes - opens).total_seconds()
    if elapsed <= 0 or window <= 0:
        return turnout.share
    return min(1.0, turnout.share * window / elapsed)


def turnout_lines(result: Turnout) -> tuple[list[str], str]:
    """Per-branch lines and the whole-ballot line of a turnout report."""
    lines = [
        f"{b.branch}: {b.reported} of {b.eligible} reported ({b.share:.0%}); "
        + (f"{b.needed} more needed" if b.needed else "threshold reached")
        for b in result.branches
    ]
    total = f"{result.reported} of {result.eligible} ({result.share:.0%}); " + (
        f"{result.needed} more {'vote' if result.needed == 1 else 'votes'} needed"
        if result.needed
        else "over the threshold"
    )
    return lines, total


def pace(ballot: Ballot, projected: float | None, now: datetime, zone: ZoneInfo) -> str:
    """Where a turnout report stands: not open yet (no pace to speak of), at a pace, or
    closed."""
    if now < ballot.opens_at:
        return f"the ballot has not opened yet: it opens {wording.at(ballot.opens_at, zone)}"
    if projected is None:
        return "the ballot has closed"
    return f"at this pace about {projected:.0%} will have reported by the close"


def mandate(ballot: Ballot, eligible: int, votes_cast: int, yes: int) -> tuple[bool, list[str]]:
    """Whether a statutory result stands: turnout, a majority, and (important public
    services) 40% of all entitled voting yes. Returns (valid, reasons it fails)."""
    problems = []
    if eligible <= 0:
        return False, ["no electorate"]
    if votes_cast < ballot.turnout_threshold * eligible:
        turnout = wording.share(votes_cast / eligible)
        problems.append(f"turnout {turnout} is under {ballot.turnout_threshold:.0%}")
    if yes * 2 <= votes_cast:
        problems.append("no majority voted yes")
    if ballot.yes_threshold is not None and yes < ballot.yes_threshold * eligible:
        problems.append(
            f"yes votes are {wording.share(yes / eligible)} of those entitled, under "
            f"{ballot.yes_threshold:.0%}"
        )
    return not problems, problems


def time_left(now: datetime, closes: datetime, zone: str) -> str:
    """ "closes in 3 days, on Thursday 11 May at noon" in the reader's zone."""
    tz = ZoneInfo(zone)
    local = closes.astimezone(tz)
    at = (
        "noon"
        if (local.hour, local.minute) == (12, 0)
        else ("midnight" if (local.hour, local.minute) == (0, 0) else local.strftime("%H:%M"))
    )
    days = (local.date() - now.astimezone(tz).date()).days
    # Half a year or more away, "Wednesday 25 March" would be read as the coming one.
    year = f" {local.year}" if abs(days) > 180 else ""
    on = f"{local:%A} {local.day} {local:%B}{year} at {at}"
    delta = closes - now
    if delta.total_seconds() <= 0:
        return f"closed on {on}"
    if days == 0:
        hours = max(1, round(delta.total_seconds() / 3600))
        plural = "s" if hours != 1 else ""
        day = f"{local:%A} {local.day} {local:%B}"  # ("is it Tuesday?": the date, and "today")
        return f"closes today, in {hours} hour{plural}, at {at} on {day}"
    if days == 1:
        return f"closes tomorrow, {on}"
    return f"closes in {days} days, on {on}"
