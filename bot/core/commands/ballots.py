"""/ballots, /ballot NAME, /voted [NAME], /turnout [NAME]."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.core.ballots import (
    BALLOT_NAME,
    BALLOT_NAME_RULE,
    WorkingDays,
    date_problems,
    last_safe_posting_day,
    projected_share,
    time_left,
    turnout,
    turnout_lines,
)
from bot.core.commands.subscriptions import _audit
from bot.core.context import Call
from bot.core.errors import InvalidInput, NotFound
from bot.core.events import Button, Reply
from bot.core.models import Ballot, BallotKind, Role
from bot.core.router import Command


def _calendar(call: Call) -> WorkingDays:
    return call.ctx.extras["calendar"]  # type: ignore[return-value]


async def _ballots(call: Call) -> list[Ballot]:
    return [b for b in await call.ctx.store.ballots.all() if not b.cancelled]


def _in_scope(ballot: Ballot, branches: tuple[str, ...], content: object) -> bool:
    if not ballot.scope_branches and not ballot.scope_group:
        return True
    if set(ballot.scope_branches) & set(branches):
        return True
    group_of = getattr(content, "group_of", None)
    return bool(
        ballot.scope_group and group_of and any(group_of(b) == ballot.scope_group for b in branches)
    )


async def ballots(call: Call) -> list[Reply]:
    now = call.ctx.clock.now()
    zone = call.ctx.timezone
    lines = []
    for ballot in await _ballots(call):
        if ballot.closes_at <= now:
            continue
        state = (
            "open"
            if ballot.opens_at <= now
            else (f"opens {ballot.opens_at.astimezone(ZoneInfo(zone)):%A %-d %B}")
        )
        lines.append(
            f"{ballot.title} ({ballot.name}): {state}, {time_left(now, ballot.closes_at, zone)}"
        )
    if not lines:
        return [Reply("ballots", {"lines": ["No ballot is open or coming up."]})]
    return [Reply("ballots", {"lines": lines})]


async def _find(call: Call, name: str | None) -> Ballot:
    open_ones = [
        b for b in await _ballots(call) if b.opens_at <= call.ctx.clock.now() < b.closes_at
    ]
    if name:
        found = await call.ctx.store.ballots.get(name.lower())
        if found is None or found.cancelled:
            names = ", ".join(b.name for b in await _ballots(call)) or "none"
            raise InvalidInput("BALLOT", f"no ballot called {name!r}; ballots: {names}")
        return found
    content = call.ctx.extras.get("content")
    mine = [b for b in open_ones if _in_scope(b, call.caller.branches, content)] or open_ones
    if len(mine) == 1:
        return mine[0]
    if not mine:
        raise NotFound("open ballot", "now")
    raise InvalidInput(
        "BALLOT",
        "more than one ballot is open: "
        + ", ".join(f"{call.spell('voted')} {b.name}" for b in mine),
    )


async def ballot(call: Call) -> list[Reply]:
    if not call.args:
        raise InvalidInput(
            "NAME", f"usage: {call.spell('ballot')} NAME (see {call.spell('ballots')})"
        )
    found = await _find(call, call.args[0])
    zone, now = call.ctx.timezone, call.ctx.clock.now()
    tz = ZoneInfo(zone)

    def at(moment: object) -> str:
        return f"{moment.astimezone(tz):%A %-d %B %Y, %H:%M}"  # type: ignore[attr-defined]

    dates = [f"{'Papers posted' if found.kind.postal else 'Voting opens'}: {at(found.opens_at)}"]
    if found.packs_arrive_by:
        dates.append(f"Allow until {at(found.packs_arrive_by)} for your pack to arrive")
    if found.join_by:
        dates.append(f"Join by {at(found.join_by)} to get a vote")
    if found.replacement_deadline:
        dates.append(f"Ask for a replacement paper by {at(found.replacement_deadline)}")
    posting = last_safe_posting_day(found, _calendar(call), zone)
    if posting:
        dates.append(f"Last safe posting day: {posting:%A %-d %B %Y}")
    dates.append(f"Closes: {at(found.closes_at)} ({time_left(now, found.closes_at, zone)})")
    how = (
        "Postal ballot: the bot never collects votes, it only reminds you."
        if found.kind.postal
        else "Online ballot: vote with the link you were sent."
    )
    return [
        Reply(
            "ballot-info",
            {
                "title": found.title,
                "summary": f"{found.name}: {found.kind.value.replace('_', ' ')}",
                "dates": dates,
                "how": how,
                "info_url": found.info_url or "",
            },
            buttons=(Button("I've voted", f"/voted {found.name}"),),
        )
    ]


async def voted(call: Call) -> list[Reply]:
    try:
        found = await _find(call, call.args[0] if call.args else None)
    except NotFound:
        return [Reply("voted-none")]
    now = call.ctx.clock.now()
    if not found.opens_at <= now < found.closes_at:
        return [Reply("voted-closed", {"title": found.title})]
    member = call.caller.member
    branch = member.branch or next(iter(call.caller.branches), None)
    first = await call.ctx.store.ballots.bank(found.name, member.id, branch, now)
    if first:
        await _audit(call, "/voted", "banked", ballot=found.name)
    how = "post" if found.kind.postal else "online ballot"
    return [Reply("voted" if first else "voted-again", {"title": found.title, "how": how})]


async def turnout_(call: Call) -> list[Reply]:
    found = await _find(call, call.args[0] if call.args else None)
    eligible = await call.ctx.store.ballots.electorate(found.name)
    if not eligible:
        raise InvalidInput(
            "electorate",
            f"no electorate entered for {found.name} yet (campaign-bot ballots import-electorate)",
        )
    if call.caller.role is not Role.ORGANISER:
        eligible = {b: n for b, n in eligible.items() if call.caller.is_officer_of(b)}
        if not eligible:
            raise InvalidInput("branch", "none of your branches is in this ballot")
    result = turnout(found, eligible, await call.ctx.store.ballots.banked(found.name))
    lines, total = turnout_lines(result)
    now = call.ctx.clock.now()
    pace = projected_share(result, found.opens_at, found.closes_at, now)
    projection = (
        f"at this pace about {pace:.0%} will have reported by the close"
        if now < found.closes_at
        else "the ballot has closed"
    )
    return [
        Reply(
            "turnout",
            {
                "title": found.title,
                "threshold": f"{result.threshold:.0%}",
                "lines": lines,
                "total": total,
                "projection": projection,
            },
        )
    ]


async def addballot(call: Call) -> list[Reply]:
    """Organisers: /addballot NAME KIND OPENS CLOSES TITLE (times as 2026-12-01T09:00)."""
    usage = (
        f"usage: {call.spell('addballot')} NAME KIND OPENS CLOSES TITLE, e.g. "
        f"{call.spell('addballot')} pay-2027 statutory_postal 2027-03-01T09:00 "
        "2027-03-29T12:00 Pay ballot 2027 (kinds: " + ", ".join(k.value for k in BallotKind) + ")"
    )
    if len(call.args) < 5:
        raise InvalidInput("BALLOT", usage)
    name, kind, opens, closes = (a.strip() for a in call.args[:4])
    title = call.rest.split(maxsplit=4)[4].strip()
    problems = []
    if not BALLOT_NAME.fullmatch(name):
        problems.append(f"NAME: {BALLOT_NAME_RULE}")
    elif await call.ctx.store.ballots.get(name) is not None:
        problems.append(f"NAME: a ballot called {name!r} already exists")
    if kind not in {k.value for k in BallotKind}:
        problems.append(f"KIND: one of {', '.join(k.value for k in BallotKind)}")
    moments = []
    for field, text in (("OPENS", opens), ("CLOSES", closes)):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            problems.append(f"{field}: could not read {text!r}; use 2027-03-01T09:00")
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(call.ctx.timezone))
        moments.append(moment.astimezone(UTC))
    if len(moments) == 2:
        problems += date_problems(moments[0], moments[1])
    if problems:
        raise InvalidInput("BALLOT", "; ".join(problems))
    found = Ballot(name, title, BallotKind(kind), moments[0], moments[1])
    await call.ctx.store.ballots.upsert(found)
    planner = call.ctx.extras.get("ballots")
    planned = await planner.replan(found) if planner is not None else 0  # type: ignore[attr-defined]
    await _audit(call, "/addballot", "done", ballot=name)
    return [
        Reply(
            "ballot-added",
            {
                "title": title,
                "name": name,
                "reminders": str(planned),
                "closes": time_left(call.ctx.clock.now(), found.closes_at, call.ctx.timezone),
            },
        )
    ]


async def cancelballot(call: Call) -> list[Reply]:
    if not call.args:
        raise InvalidInput("NAME", f"usage: {call.spell('cancelballot')} NAME")
    found = await _find(call, call.args[0])
    cancelled = replace(found, cancelled=True)
    await call.ctx.store.ballots.upsert(cancelled)
    planner = call.ctx.extras.get("ballots")
    if planner is not None:
        await planner.replan(cancelled)  # type: ignore[attr-defined]
    await _audit(call, "/cancelballot", "done", ballot=found.name)
    return [Reply("ballot-cancelled", {"title": found.title, "name": found.name})]


COMMANDS = [
    Command("ballots", "open and coming ballots, with time left", Role.ANYONE, ballots),
    Command("ballot", "a ballot's key dates and how to vote", Role.ANYONE, ballot, usage="NAME"),
    Command(
        "voted",
        "tell your branch you have voted (no more reminders)",
        Role.MEMBER,
        voted,
        usage="[BALLOT]",
    ),
    Command(
        "addballot",
        "add a ballot; its reminders are planned at once",
        Role.ORGANISER,
        addballot,
        usage="NAME KIND OPENS CLOSES TITLE",
    ),
    Command(
        "cancelballot",
        "cancel a ballot's remaining reminders",
        Role.ORGANISER,
        cancelballot,
        usage="NAME",
    ),
    Command(
        "turnout",
        "reported turnout per branch against the threshold",
        Role.OFFICER,
        turnout_,
        usage="[BALLOT]",
    ),
]
