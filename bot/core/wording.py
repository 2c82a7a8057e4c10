"""How counts and times are written for people, in one place for the chat, the CLI, the
dashboard and the messages: "1 channel", "3 channels"; "Sunday 1 November 2026, 09:00" in
sentences and "Sun 1 Nov 2026 09:00" in tables, in the bot's time zone, never a day
written "01". Output for scripts (--json) keeps ISO 8601 with its offset instead."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

# Nouns whose plural is not the noun with an "s".
_PLURALS = {
    "branch": "branches",
    "delivery": "deliveries",
    "reply": "replies",
    "try": "tries",
    "person": "people",
    "identity": "identities",
}


def plural(noun: str) -> str:
    last = noun.rsplit(" ", 1)[-1]
    return noun[: len(noun) - len(last)] + _PLURALS.get(last, last + "s")


def counted(number: int, noun: str, many: str | None = None) -> str:
    """'1 channel', '0 channels', '1,200 members' (of a noun said once, like 'channel' or
    'voting button'; `many` where its plural is irregular and not known here)."""
    return f"{number:,} {noun if number == 1 else many or plural(noun)}"


def share(part: float) -> str:
    """A share as a percentage never rounded past what it is: 1 signature of 20,000 is
    'under 0.1%' (not '0.0%'), 19,999 of 20,000 is '99.9%' (not '100.0%'), a turnout of
    49.96% is '49.9%' beside a 50% threshold."""
    if part <= 0:
        return "0%"
    tenths = math.floor(part * 1000 + 1e-9)  # (+1e-9: 0.3 is 0.29999... in binary)
    return "under 0.1%" if tenths == 0 else f"{tenths / 10:,.1f}%"


# A command named in the bot's own words: "/help", "(/consult results"; not a path in a
# link ("example.org/elections"), nor "and/or".
_COMMAND = re.compile(r"(?<![\w/.:\-])/([a-z][a-z_]*)\b")


def slash_commands(text: str, slash: str) -> str:
    """The commands the bot's own text names, as Slack takes them: "/help" is "/campaign
    help". Slack runs a message that starts with a slash as a command of its own, so only
    `slash` (SLACK_COMMAND) reaches the bot. Never for what a person typed."""
    own = slash.lstrip("/")  # "/campaign subscribe" is already as Slack takes it
    return _COMMAND.sub(lambda m: m[0] if m[1] == own else f"{slash} {m[1]}", text)


def typed(value: str, most: int = 40) -> str:
    """What someone typed, quoted back in a refusal: 'dwp-leds'; a 4,000-character
    argument is shown by its first `most` characters, not echoed whole."""
    return repr(value if len(value) <= most else value[:most] + "…")


def day(moment: date, *, short: bool = False, year: bool = True) -> str:
    """'Sunday 1 November 2026', short 'Sun 1 Nov 2026'; without the year 'Sun 1 Nov'."""
    written = (
        f"{moment:%a} {moment.day} {moment:%b}"
        if short
        else f"{moment:%A} {moment.day} {moment:%B}"
    )
    return f"{written} {moment:%Y}" if year else written


def at(moment: datetime, zone: ZoneInfo, *, short: bool = False, year: bool = True) -> str:
    """A stored time as people here read it: 'Sunday 1 November 2026, 09:00', or short
    'Sun 1 Nov 2026 09:00' (for tables)."""
    local = moment.astimezone(zone)
    on = day(local, short=short, year=year)
    return f"{on} {local:%H:%M}" if short else f"{on}, {local:%H:%M}"


def zone_name(moment: datetime, zone: ZoneInfo, *, whole_year: bool = False) -> str:
    """The zone as its readers name it: its abbreviation at that moment, GMT in winter and
    BST in summer for Europe/London (not the zone's key, which no member says). With
    `whole_year`, for a form's field or a page's times of either season: every name it goes
    by in that moment's year, 'GMT/BST' (January's, then July's: either hemisphere)."""
    if not whole_year:
        return moment.astimezone(zone).tzname() or zone.key
    seasons = (datetime(moment.year, month, 1, 12, tzinfo=zone) for month in (1, 7))
    return "/".join(dict.fromkeys(s.tzname() or zone.key for s in seasons))


def at_zoned(moment: datetime, zone: ZoneInfo) -> str:
    """A time with its zone's name, where a reader may be elsewhere or the season matters:
    'Thursday 15 January 2027, 09:00 (GMT)', 'Thursday 15 July 2027, 09:00 (BST)'."""
    return f"{at(moment, zone)} ({zone_name(moment, zone)})"
