"""Reading a ballot's dates as an organiser types them, and checking them.

A date without a time is the START of that day for `opens` and the END of it (23:59) for
every deadline, and the confirmation says so: "closes 2027-03-29" must not mean the first
minute of the 29th.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core import timeparse, wording
from bot.core.ballots import WorkingDays, date_problems, last_safe_posting_day
from bot.core.errors import InvalidInput
from bot.core.models import Ballot

DATE_FORMS = "'2027-03-01 09:00', '2027-03-01' (a whole day), or ISO 8601 with an offset"
FIELDS = ("opens", "closes", "packs_arrive_by", "join_by", "replacement_deadline")
REQUIRED = ("opens", "closes")


@dataclass
class ReadDates:
    moments: dict[str, datetime | None] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field, what is wrong)
    notes: list[str] = field(default_factory=list)


def read_moment(name: str, text: str, zone: str, found: ReadDates) -> None:
    start = name == "opens"
    try:
        moment, whole_day = timeparse.read_moment(text, zone, start=start)
    except ValueError:
        found.problems.append((name, f"could not read {text!r}; use {DATE_FORMS}"))
        return
    if whole_day:
        found.notes.append(timeparse.read_as(name.replace("_", " "), moment, zone, start=start))
    found.moments[name] = moment


def parse_deadline(name: str, text: str, zone: str) -> datetime:
    """One deadline as typed (a date alone: the end of that day), in UTC; InvalidInput else."""
    found = ReadDates()
    read_moment(name, text, zone, found)
    if found.problems:
        raise InvalidInput(*found.problems[0])
    moment = found.moments[name]
    assert moment is not None
    return moment


def read_dates(texts: dict[str, str | None], zone: str, now: datetime) -> ReadDates:
    found = ReadDates()
    for name in FIELDS:
        text = texts.get(name)
        if text is None or not text.strip():
            found.moments[name] = None
            if name in REQUIRED:
                found.problems.append((name, f"must be given: {DATE_FORMS}"))
        else:
            read_moment(name, text, zone, found)
    opens, closes = found.moments.get("opens"), found.moments.get("closes")
    if opens is not None and closes is not None:
        m = found.moments
        for problem in date_problems(
            opens, closes, m.get("packs_arrive_by"), m.get("join_by"), m.get("replacement_deadline")
        ):
            key, _, why = problem.partition(": ")
            found.problems.append((key, why))
    if closes is not None and closes <= now:
        found.problems.append(
            ("closes", "that time has already passed: a ballot must close in the future")
        )
    return found


def _kind_of_day(day: date, calendar: WorkingDays) -> str | None:
    if calendar.is_working_day(day):
        return None
    return "a weekend" if day.weekday() >= 5 else "a bank holiday"


def date_warnings(ballot: Ballot, calendar: WorkingDays, zone: str) -> list[str]:
    """Days that are allowed but probably a mistake, or worth saying: a close on a day that
    is not a working day, and bank holidays that move the last safe posting day back."""
    tz = ZoneInfo(zone)
    found = []
    closing = ballot.closes_at.astimezone(tz).date()
    kind = _kind_of_day(closing, calendar)
    if kind:
        found.append(f"closes on {wording.day(closing)}, which is {kind}")
    posting = last_safe_posting_day(ballot, calendar, zone)
    if posting is not None:
        days = (posting + timedelta(days=n) for n in range(1, (closing - posting).days))
        holidays = [d for d in days if d.weekday() < 5 and not calendar.is_working_day(d)]
        if holidays:
            listed = ", ".join(wording.day(d, short=True, year=False) for d in holidays)
            found.append(
                f"bank holiday ({listed}) before the close: the last safe posting day is "
                f"{wording.day(posting)}"
            )
    return found
