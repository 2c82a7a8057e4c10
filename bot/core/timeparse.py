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
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_when(text: str, now: datetime, zone: str) -> datetime:
    """A future instant (UTC) from what an organiser typed; a clear error otherwise."""
    tz = ZoneInfo(zone)
    local_now = now.astimezone(tz)
    raw = text.strip().lower()
    when: datetime | None = None
    day = local_now.date()
    if raw.startswith("tomorrow"):
        day, raw = day + timedelta(days=1), raw.removeprefix("tomorrow").strip()
        clock = _CLOCK.match(raw)
        when = _at(day, clock, tz) if clock else None
    elif clock := _CLOCK.match(raw):
        when = _at(day, clock, tz)
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
