"""Reading the times organisers type, in the bot's time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core import wording
from bot.core.errors import InvalidInput

FORMS = (
    "'2026-12-01 09:00', '2026-12-01T09:00', 'tomorrow 09:00', '09:00' (today), "
    "or ISO 8601 with an offset"
)
CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
END_OF_DAY = time(23, 59)


def read_moment(text: str, zone: str, *, start: bool) -> tuple[datetime, bool]:
    """A moment as typed, in UTC, and whether it was a date alone: that is the START of the
    day for an opening and its END (23:59) for a deadline, so "closes 2027-03-29" never means
    the first minute of the 29th. ValueError when it cannot be read."""
    raw, tz = text.strip(), ZoneInfo(zone)
    if DATE_ONLY.match(raw):
        day = date.fromisoformat(raw)
        moment = datetime.combine(day, time(0) if start else END_OF_DAY, tzinfo=tz)
        return moment.astimezone(UTC), True
    parsed = datetime.fromisoformat(raw)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)).astimezone(UTC), False


def read_as(name: str, moment: datetime, zone: str, *, start: bool) -> str:
    """What a date alone was read as, for the confirmation."""
    on = wording.day(moment.astimezone(ZoneInfo(zone)).date(), short=True)
    return f"{name}: {on} read as " + (
        "the start of that day (00:00)" if start else "the end of that day (23:59)"
    )


def parse_when(text: str, now: datetime, zone: str) -> datetime:
    """A future instant (UTC) from what an organiser typed; a clear error otherwise."""
    tz = ZoneInfo(zone)
    local_now = now.astimezone(tz)
    raw = text.strip().lower()
    when: datetime | None = None
    day = local_now.date()
    if raw.startswith("tomorrow"):
        day, raw = day + timedelta(days=1), raw.removeprefix("tomorrow").strip()
        clock = CLOCK.match(raw)
        when = _at(day, clock, tz) if clock else None
    elif clock := CLOCK.match(raw):
        when = _at(day, clock, tz)
    elif DATE_ONLY.match(raw):
        # Midnight is rarely what a day alone meant for a send, and we will not guess a time.
        raise InvalidInput(
            "time",
            f"{text.strip()!r} is a day without a time: say when on that day, e.g. '{raw} 09:00'",
        )
    else:
        try:
            parsed = datetime.fromisoformat(text.strip())
        except ValueError:
            parsed = None
        if parsed is not None:
            when = parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
    if when is None:
        raise InvalidInput("time", f"could not read {text!r}; use {FORMS}")
    if when <= now:
        raise InvalidInput("time", f"{wording.at(when, tz)} has already passed")
    return when.astimezone(UTC)


def _at(day: date, clock: re.Match[str], tz: ZoneInfo) -> datetime | None:
    hour, minute = int(clock.group(1)), int(clock.group(2))
    if hour > 23 or minute > 59:
        return None
    return datetime.combine(day, time(hour, minute), tzinfo=tz)
