"""A ballot's dates said for the moment asked: "closes in 3 days", "closed on Thursday 11
May", "the last safe posting day was Friday 5 May"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.ballots import WorkingDays, last_safe_posting_day, time_left
from bot.core.models import Ballot

# What the dated answers speak of, besides the ballots' own words.
DATED_WORDS = (
    "bank holiday holidays weekend today tomorrow tonight post posting posted last safe day "
    "arrive arrival late early time left open opens closes closed deadline replacement "
    "midnight midday noon morning afternoon evening night hour hours am pm oclock "
    # "by when must it reach the scrutineer?": who receives the papers by the close
    "scrutineer reach back"
)


class Clock:
    """Dates in the reader's zone, relative to the moment asked."""

    def __init__(self, now: datetime, zone: str, calendar: WorkingDays) -> None:
        self.now, self.zone, self.calendar = now, zone, calendar
        self.tz = ZoneInfo(zone)
        self.today = now.astimezone(self.tz).date()

    def day(self, moment: datetime | date) -> str:
        d = moment.astimezone(self.tz).date() if isinstance(moment, datetime) else moment
        return f"{d:%A} {d.day} {d:%B %Y}"

    def at(self, moment: datetime) -> str:
        local = moment.astimezone(self.tz)
        hour = "noon" if (local.hour, local.minute) == (12, 0) else f"{local:%H:%M}"
        return f"{hour} on {self.day(local)}"

    def deadline(self, moment: datetime) -> str:
        """A join-by at 23:59 is a day; anything else is a time on a day."""
        local = moment.astimezone(self.tz)
        return f"the end of {self.day(local)}" if local.hour == 23 else self.at(local)

    def relative(self, moment: datetime | date) -> str:
        d = moment.astimezone(self.tz).date() if isinstance(moment, datetime) else moment
        days = (d - self.today).days
        if days == 0:
            return "today"
        if days == 1:
            return "tomorrow"
        if days > 1:
            return f"in {days} days"
        return "yesterday" if days == -1 else f"{-days} days ago"

    def posting_day(self, ballot: Ballot) -> date | None:
        return last_safe_posting_day(ballot, self.calendar, self.zone)

    def opens_at_or_after(self, ballot: Ballot) -> bool:
        """Whether the ballot is open, or closed: its opening is no longer all to say."""
        return self.now >= ballot.opens_at

    def left(self, ballot: Ballot) -> str:
        return time_left(self.now, ballot.closes_at, self.zone)


def _closed(c: Clock, b: Ballot) -> str:
    return f"{b.title} closed at {c.at(b.closes_at)}: it is too late to vote in it."


def _before(c: Clock, b: Ballot, hour: bool = False) -> str:
    """Before it opens (`hour`: the papers' sending said at its hour too)."""
    when = f"on {c.day(b.opens_at)}" if b.kind.postal and not hour else f"at {c.at(b.opens_at)}"
    verb = "papers are posted to members" if b.kind.postal else "voting opens"
    return f"{b.title}: {verb} {when} ({c.relative(b.opens_at)}); it closes at {c.at(b.closes_at)}."


def _holidays(c: Clock, b: Ballot, day: date, short: bool) -> str:
    """The weekdays between the last safe posting day and the close that are not working
    days: bank holidays, not counted."""
    if short:
        return ""
    close = b.closes_at.astimezone(c.tz).date()
    off = [
        d
        for d in (day + timedelta(days=n) for n in range(1, (close - day).days))
        if d.weekday() < 5 and not c.calendar.is_working_day(d)
    ]
    if not off:
        return ""
    named = " and ".join(f"{d:%A}" for d in off)  # no date: one a member might post on
    return f" {named} {'is a bank holiday' if len(off) == 1 else 'are bank holidays'}, not counted."


def posting_line(c: Clock, b: Ballot, short: bool = False) -> str:
    """The last safe posting day, said for today; `short` when the close is said already."""
    day = c.posting_day(b)
    if day is None:
        return (
            f"{b.title} is an online vote, so there is nothing to post: you vote through the "
            f"personal link emailed to you, and it {c.left(b)}."
        )
    # (said short after the close, the rule still: it must arrive by then, not be posted by
    # then: "must it reach them by the close or just be posted?")
    close = (
        " It must arrive by the close." if short else f" It must arrive before {c.at(b.closes_at)}."
    )
    title = "" if short else f" for the {b.title}"
    if c.today < day:
        return (
            f"Post your paper by {c.day(day)} at the latest ({c.relative(day)}): that is the "
            f"last safe posting day{title}.{close}{_holidays(c, b, day, short)}"
        )
    if c.today == day:
        # (the day named: "is today the last safe day?" is answered with the date too)
        return (
            f"Today is the last safe posting day{title}: post your paper today "
            f"({c.day(day)}).{close}{_holidays(c, b, day, short)}"
        )
    late = (
        f"The last safe posting day{title} was {c.day(day)}, so a paper posted now may "
        "arrive too late"
    )
    if short:
        return late + "."
    return f"{late}: it must arrive before {c.at(b.closes_at)} ({c.relative(b.closes_at)})."


def close_line(c: Clock, b: Ballot, status: str | None = None) -> str:
    """When it closes; `status` "open" answers "is it still open?", "over" "is it over?"."""
    if c.now >= b.closes_at:
        return _closed(c, b)
    if c.now < b.opens_at:
        return _before(c, b)
    day = c.posting_day(b)
    if status == "over" and day is not None and c.today > day:
        line = posting_line(c, b)  # open, but a paper posted now may arrive too late
        return f"It may be: {line[0].lower()}{line[1:]}"
    yes = {"open": "Yes", "over": "No"}.get(status or "")
    lead = f"{yes}, the {b.title} is still open: it" if yes else f"{b.title}: it"
    line = f"{lead} {c.left(b)}."
    if b.kind.postal:
        line += " " + posting_line(c, b, short=True)
    return line


def none_open(c: Clock, b: Ballot) -> str:
    """ "Is there a ballot open?" when none is: the next to open, or else the last to close
    (`b`, the one `live.which` chose)."""
    if c.now < b.opens_at:
        return f"No ballot is open now. The next: {_before(c, b)}"
    return (
        f"No ballot is open now, and none is coming up. The latest to close, the {b.title}, "
        f"closed at {c.at(b.closes_at)}."
    )


def opening_line(c: Clock, b: Ballot, hour: bool = False) -> str:
    """When papers go or voting opens (`hour`: asked at what time, the hour said too)."""
    if c.now < b.opens_at:
        line = _before(c, b, hour)
    else:
        verb = "papers were posted" if b.kind.postal else "voting opened"
        when = f"at {c.at(b.opens_at)}" if hour else f"on {c.day(b.opens_at)}"
        line = f"{b.title}: {verb} {when}."
    if b.kind.postal and b.packs_arrive_by is not None:
        should = "should arrive" if c.now < b.packs_arrive_by else "should have arrived"
        line += f" Packs {should} by {c.day(b.packs_arrive_by)}."
    if c.now >= b.opens_at:
        line += " " + (_closed(c, b) if c.now >= b.closes_at else f"It {c.left(b)}.")
    return line


def pack_line(c: Clock, b: Ballot, replacement_first: bool = False) -> str:
    if c.now >= b.closes_at:
        return _closed(c, b)
    if not b.kind.postal:  # ("postal packs for the group exec?": there are none to wait for)
        return f"{b.title} is an online vote: the link to vote comes by email, not by post. " + (
            opening_line(c, b)
        )
    if b.replacement_deadline is None:
        return opening_line(c, b)
    repl = b.replacement_deadline
    if c.now >= repl:
        passed = f"the deadline to ask for a replacement paper was {c.at(repl)}, and it has passed"
        if replacement_first:
            return f"{b.title}: {passed}. The ballot {c.left(b)}."
        return f"{opening_line(c, b)} {passed[0].upper()}{passed[1:]}."
    ask = f"ask for a replacement before {c.at(repl)} ({c.relative(repl)})" if c.now < repl else ""
    if replacement_first:  # (how and by when; the close is not what is asked)
        first = f"{b.title}: if your pack has not arrived or you spoilt your paper, {ask}."
        if b.packs_arrive_by is None:
            return first
        should = "should arrive" if c.now < b.packs_arrive_by else "should have arrived"
        return f"{first} Packs {should} by {c.day(b.packs_arrive_by)}."
    return opening_line(c, b) + f" If yours has not arrived by then, or you spoilt it, {ask}."


def join_line(c: Clock, b: Ballot) -> str | None:
    if b.join_by is None:
        return None
    # ("just joined, when do I get my paper?": when the papers go, for those in time)
    coming = ""
    if c.now < b.opens_at:
        verb = "papers are posted to members" if b.kind.postal else "voting opens"
        when = f"on {c.day(b.opens_at)}" if b.kind.postal else f"at {c.at(b.opens_at)}"
        coming = f" For members in time, {verb} {when} ({c.relative(b.opens_at)})."
    if c.now < b.join_by:
        return (
            f"To vote in the {b.title}, join by {c.deadline(b.join_by)} "
            f"({c.relative(b.join_by)}).{coming}"
        )
    return (
        f"To vote in the {b.title} you had to be a member by {c.deadline(b.join_by)}, its "
        f"join-by date: members who joined after that do not get a vote in it.{coming}"
    )


def line_for(slot: str, c: Clock, b: Ballot) -> str | None:
    if slot == "join":
        return join_line(c, b)
    if slot == "replace" and not b.kind.postal:
        return None  # an online ballot's email that never came: no replacement to ask for
    if slot in ("replace", "pack"):
        return pack_line(c, b, replacement_first=slot == "replace")
    if slot == "posting":
        if c.now >= b.closes_at:
            return _closed(c, b)
        if c.now < b.opens_at and b.kind.postal:
            return _before(c, b) + " " + posting_line(c, b)
        return posting_line(c, b)
    if slot == "opening":
        return opening_line(c, b)
    if slot == "when" and c.opens_at_or_after(b):
        return timeline(c, b)  # "when" of nothing named: every date still of use, not one
    return close_line(c, b, status={"status": "open", "over": "over"}.get(slot))


def timeline(c: Clock, b: Ballot) -> str:
    """The ballot's dates in order, for a "when" that names none of them."""
    line = opening_line(c, b)
    if b.kind.postal and c.now < b.closes_at:
        line += " " + posting_line(c, b, short=True)
    return line


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_PAST = re.compile(r"\b(posted|sent|put it in|went in|dropped it)\b")
_DAYS = "|".join(_WEEKDAYS)
# "I know there's a bank holiday Monday", "bank holiday yesterday and another one next
# Monday", "is Monday a bank holiday?": the holiday named, not a day to post on ("can I post
# on Tuesday after the bank holiday?" keeps its Tuesday).
_HOLIDAY = re.compile(
    r"\bbank hol(iday|idays|s)?\b( (?!(post|posted|posting|send|sent|it|mine|i)\b)\w+){0,6}? "
    rf"(on |next |this |last |the )?({_DAYS})\b|"
    rf"\b({_DAYS})s?( is| was| being)?( a| the)? bank hol"
)


def day_named(text: str, today: date) -> date | None:
    """The day a question names to post on: "tomorrow", or a weekday (the next one; the last
    one for a paper already posted, "posted it on Sunday")."""
    lowered = _HOLIDAY.sub(" bank holiday ", text.lower())
    if re.search(r"\btomorrow\b", lowered):
        return today + timedelta(days=1)
    past = bool(_PAST.search(lowered))
    if past and re.search(r"\byesterday\b", lowered):
        return today - timedelta(days=1)
    if past and re.search(r"\b(today|this (morning|afternoon)|earlier)\b", lowered):
        return today
    dated = re.search(r"\bon (the )?(\d{1,2})(st|nd|rd|th)?\b(?! (am|pm)\b)", lowered)
    if dated and 1 <= int(dated.group(2)) <= 31:  # "post it on the 11th": this month's,
        return _nth(today, int(dated.group(2)), past)  # or the next one still to come
    for number, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", lowered):
            if past:
                return today - timedelta(days=(today.weekday() - number) % 7)
            return today + timedelta(days=(number - today.weekday()) % 7)
    return None


def _nth(today: date, day: int, past: bool) -> date | None:
    """The day of the month named: this month's, unless it is over and the paper is still to
    be posted ("can I post it on the 5th?" asked on 24 April: 5 May), or still to come and
    the paper was posted already ("posted it on the 28th", asked on 2 May: 28 April)."""
    month = today.replace(day=1)
    if not past and day < today.day:
        month = (month + timedelta(days=32)).replace(day=1)
    elif past and day > today.day:
        month = (month - timedelta(days=1)).replace(day=1)
    try:
        return month.replace(day=day)
    except ValueError:
        return None


def posting_on(c: Clock, b: Ballot, asked: date) -> str | None:
    """Whether a paper posted on the day asked ("can I post it on Monday?") is in time."""
    day = c.posting_day(b)
    if day is None or c.now >= b.closes_at:
        return None
    arrive = f"it must arrive before {c.at(b.closes_at)}"
    if asked < c.today:  # posted already
        if asked <= day:
            return (
                f"A paper posted on {c.day(asked)} was posted by the last safe posting day for "
                f"the {b.title} ({c.day(day)}), so it should arrive in time: {arrive}."
            )
        return (
            f"A paper posted on {c.day(asked)} was posted after the last safe posting day for "
            f"the {b.title} ({c.day(day)}), so it may arrive too late: {arrive} "
            f"({c.relative(b.closes_at)})."
        )
    if asked <= day:
        return (
            f"Posting on {c.day(asked)} is in time for the {b.title}: the last safe posting "
            f"day is {c.day(day)}, and {arrive}."
        )
    tense = "is" if c.today <= day else "was"
    return (
        f"{c.day(asked)} is too late to post safely for the {b.title}: the last safe posting "
        f"day {tense} {c.day(day)}, and {arrive}.{_holidays(c, b, day, False)}"
    )


# "What time on the 20th do the papers go out?": the hour asked, not only the day.
_TIME_ASKED = re.compile(r"\b(what|which|wat|wot) (time|hour)\b|\bhow early\b|\btime of day\b")


def said_for(slot: str, c: Clock, b: Ballot, question: str) -> str | None:
    """The line for the slot asked; for posting on a day named, whether that day is in time;
    for the papers' sending asked at what time, its hour."""
    if slot == "opening" and _TIME_ASKED.search(question.lower()):
        return opening_line(c, b, hour=True)
    asked = day_named(question, c.today) if slot == "posting" else None
    return (asked and posting_on(c, b, asked)) or line_for(slot, c, b)
