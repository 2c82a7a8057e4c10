"""Members bring themselves in: /start CODE (Telegram's deep link) and /join CODE with an
invite, /join NUMBER BRANCH for an officer's approval (/approve_join, /decline_join), and
/members, each branch's reach."""

from __future__ import annotations

from bot.core.commands.basic import help_
from bot.core.commands.subscriptions import request_sent
from bot.core.context import Call
from bot.core.errors import InvalidInput
from bot.core.events import Reply
from bot.core.models import Role
from bot.core.results import BranchReach, Joined, JoinOutcome, MembersReport
from bot.core.router import Command
from bot.core.wording import counted


def _private(call: Call) -> None:
    if not call.incoming.is_dm:
        raise InvalidInput(
            "where",
            f"send {call.spell('join')} to me in a direct message: a membership number or an "
            "invite code typed here is seen by everyone in this chat. Nothing was done.",
        )


def _said(call: Call, joined: Joined) -> list[Reply]:
    if joined.outcome is JoinOutcome.REQUESTED:
        branch = joined.title or joined.branch or ""
        then = "once it has one, they can decide it on the dashboard's Members page"
        told, organisers = joined.officers_told, joined.organisers_told
        return [request_sent("join-requested", f"request to join {branch}", branch, told,
                             organisers, then)]  # fmt: skip
    values = {
        "branch": joined.title or joined.branch or "",
        "tries": str(joined.tries_left),
        "officers": str(joined.officers_told),
        "platforms": " and ".join(p.title() for p in joined.platforms),
        "join": call.spell("join"),
        "forget": call.spell("forget"),
    }
    return [Reply(f"join-{joined.outcome.value}", values)]


async def start(call: Call) -> list[Reply]:
    """Telegram's deep link (t.me/BOT?start=CODE) opens the bot with /start CODE."""
    if not call.args:
        return await help_(call)
    _private(call)
    return _said(call, await call.ctx.joining.redeem(call.args[0], call.caller))


async def join(call: Call) -> list[Reply]:
    if not call.args:
        values = {"join": call.spell("join"), "example": call.spell("join") + " 1234567 dwp-leeds"}
        return [Reply("join-usage", values)]
    _private(call)
    if len(call.args) == 1:
        return _said(call, await call.ctx.joining.redeem(call.args[0], call.caller))
    number, branch = call.args[0], " ".join(call.args[1:])
    return _said(call, await call.ctx.joining.join(number, branch, call.caller))


def _ids(call: Call) -> list[int]:
    if not call.args:
        raise InvalidInput("ID", "which request? Use the buttons in the request message")
    try:
        return [int(x) for x in call.args[0].split(",") if x]
    except ValueError:
        raise InvalidInput("ID", "request ids are numbers") from None


async def _decide(call: Call, approve: bool) -> list[Reply]:
    done = await call.ctx.joining.decide(_ids(call), approve, call.caller)
    note = (
        f" {done.not_linked} could not be linked: their record has lapsed or moved, or is "
        "linked on their platform already. They have been told."
        if done.not_linked
        else ""
    )
    values = {
        "decision": "approved" if done.approved else "declined",
        "branches": ", ".join(dict.fromkeys(done.branches)),
        "count": counted(len(done.branches), "request"),
        "note": note,
    }
    return [Reply("join-decided", values)]


async def approve_join(call: Call) -> list[Reply]:
    return await _decide(call, True)


async def decline_join(call: Call) -> list[Reply]:
    return await _decide(call, False)


def reach_line(row: BranchReach) -> str:
    c, share = row.counts, row.share
    parts = [f"{c.on_list:,} on the list", f"{c.in_chat:,} in chat"]
    if share is not None:
        parts[-1] += f" ({share:.0%})"
    if c.pending:
        parts.append(f"{c.pending:,} waiting for approval")
    if c.not_on_list:
        parts.append(f"{c.not_on_list:,} in chat with no record on the list")
    return f"{row.title}: " + ", ".join(parts)


def report_lines(report: MembersReport) -> list[str]:
    lines = [reach_line(row) for row in report.branches]
    if len(report.branches) > 1:
        lines.append(reach_line(report.total))
    return lines


async def members(call: Call) -> list[Reply]:
    report = await call.ctx.membership.report(call.caller)
    note = (
        ""
        if report.list_imported
        else "No membership list has been imported yet (campaign-bot members import FILE.csv)."
    )
    return [Reply("members-report", {"lines": report_lines(report), "note": note})]


START = Command("start", "what this bot does", Role.ANYONE, start, usage="[INVITE-CODE]")
COMMANDS = [
    Command(
        "join",
        "link this account to your membership (invite code, or number and branch)",
        Role.ANYONE,
        join,
        usage="CODE | NUMBER BRANCH",
    ),
    Command(
        "approve_join", "approve a member's request to join", Role.OFFICER, approve_join, usage="ID"
    ),
    Command(
        "decline_join", "decline a member's request to join", Role.OFFICER, decline_join, usage="ID"
    ),
    Command(
        "members", "your branch's members: on the list, in chat, waiting", Role.OFFICER, members
    ),
]
