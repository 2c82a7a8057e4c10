"""/ballots, /ballot NAME, /voted [NAME], /turnout [NAME], /addballot, /cancelballot."""

from __future__ import annotations

from datetime import date, datetime

from bot.core import wording
from bot.core.ballots import pace, turnout_lines
from bot.core.context import Call
from bot.core.errors import Ambiguous, InvalidInput, NoneOpen, NotOpen
from bot.core.events import Button, Reply
from bot.core.models import BallotKind, Role
from bot.core.results import BallotSpec
from bot.core.router import Command
from bot.core.wording import counted


def _at(call: Call, moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return wording.at(moment, call.zone)
    return wording.day(moment)


async def ballots(call: Call) -> list[Reply]:
    now = call.ctx.clock.now()
    lines = []
    for ballot in await call.ctx.ballots.all():
        if ballot.cancelled or ballot.closes_at <= now:
            continue
        details = await call.ctx.ballots.details(ballot.name)
        state = (
            "open"
            if ballot.opens_at <= now
            else f"opens {wording.day(call.local(ballot.opens_at), year=False)}"
        )
        lines.append(f"{ballot.title} ({ballot.name}): {state}, {details.time_left}")
    return [Reply("ballots", {"lines": lines or ["No ballot is open or coming up."]})]


async def ballot(call: Call) -> list[Reply]:
    if not call.args:
        raise InvalidInput(
            "NAME", f"usage: {call.spell('ballot')} NAME (see {call.spell('ballots')})"
        )
    details = await call.ctx.ballots.details(call.args[0])
    found = details.ballot
    dates = [f"{d.label}: {_at(call, d.at)}" for d in details.dates]
    if details.state != "cancelled":  # a cancelled ballot's close is not "in 19 days"
        dates[-1] += f" ({details.time_left})"
    how = (
        "Postal ballot: the bot never collects votes, it only reminds you."
        if found.kind.postal
        else "Online ballot: vote with the link you were sent."
    )
    kind = found.kind.value.replace("_", " ")
    cancelled = details.state == "cancelled"
    values = {
        "title": found.title,
        "summary": f"{found.name}: {kind}"
        + (": cancelled by the organisers, no reminders go out for it" if cancelled else ""),
        "dates": dates,
        "how": how,
        "info_url": found.info_url or "",
    }
    # "I've voted" only while there is a vote to have cast: /voted refuses it otherwise
    voting = details.state == "open"
    buttons = (Button("I've voted", f"/voted {found.name}"),) if voting else ()
    return [Reply("ballot-info", values, buttons=buttons)]


def _say_which(call: Call, command: str, error: Ambiguous) -> InvalidInput:
    spelled = " or ".join(f"{call.spell(command)} {name}" for name in error.names)
    return InvalidInput("BALLOT", f"more than one ballot is open: {spelled}")


async def voted(call: Call) -> list[Reply]:
    try:
        banked = await call.ctx.ballots.bank(call.args[0] if call.args else None, call.caller)
    except Ambiguous as error:
        raise _say_which(call, "voted", error) from None
    except NoneOpen:
        return [Reply("voted-none")]
    except NotOpen as closed:
        return [Reply("voted-closed", {"title": closed.title})]
    how = "post" if banked.ballot.kind.postal else "online ballot"
    template = "voted" if banked.first else "voted-again"
    return [Reply(template, {"title": banked.ballot.title, "how": how})]


async def turnout_(call: Call) -> list[Reply]:
    try:
        view = await call.ctx.ballots.turnout(call.args[0] if call.args else None, call.caller)
    except Ambiguous as error:
        raise _say_which(call, "turnout", error) from None
    lines, total = turnout_lines(view.turnout)
    projection = pace(view.ballot, view.projected, view.as_of, call.zone)
    values = {
        "title": view.ballot.title,
        "threshold": f"{view.turnout.threshold:.0%}",
        "lines": lines,
        "scope": view.total_label,
        "total": total,
        "projection": projection,
    }
    return [Reply("turnout", values)]


async def addballot(call: Call) -> list[Reply]:
    """Organisers: /addballot NAME KIND OPENS CLOSES TITLE (times as 2026-12-01T09:00)."""
    usage = (
        f"usage: {call.spell('addballot')} NAME KIND OPENS CLOSES TITLE, e.g. "
        f"{call.spell('addballot')} pay-2027 statutory_postal 2027-03-01T09:00 "
        "2027-03-25T12:00 Pay ballot 2027 (kinds: " + ", ".join(k.value for k in BallotKind) + ")"
    )
    if len(call.args) < 5:
        raise InvalidInput("BALLOT", usage)
    name, kind, opens, closes = (a.strip() for a in call.args[:4])
    title = call.rest.split(maxsplit=4)[4].strip()
    spec = BallotSpec(name, title, kind, opens, closes)
    added = await call.ctx.ballots.add(spec, call.caller)
    notes = [*added.notes, *(f"note: {w}" for w in added.warnings)]
    return [
        Reply(
            "ballot-added",
            {
                "title": added.ballot.title,
                "name": added.ballot.name,
                "reminders": counted(added.reminders, "reminder"),
                "closes": (await call.ctx.ballots.details(added.ballot.name)).time_left,
                "notes": notes,
            },
        )
    ]


async def cancelballot(call: Call) -> list[Reply]:
    if not call.args:
        raise InvalidInput("NAME", f"usage: {call.spell('cancelballot')} NAME")
    found = await call.ctx.ballots.cancel(call.args[0], call.caller)
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
