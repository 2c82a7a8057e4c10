"""Campaign actions in chat: /petition, /signed, /reports, /noted, /consult, /vote."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.core.actions import (
    NOT_A_BALLOT,
    ballot_buttons,
    ballot_values,
    leaderboard,
    parse_consultation,
    results_lines,
)
from bot.core.commands.subscriptions import _audit
from bot.core.context import Call
from bot.core.errors import Forbidden, InvalidInput
from bot.core.events import Button, Reply
from bot.core.models import Consultation, ConsultationState, Platform, Role
from bot.core.ports import ActionsPort
from bot.core.router import Command


def _actions(call: Call) -> ActionsPort:
    actions = call.ctx.extras.get("actions")
    if actions is None:
        raise InvalidInput("campaign actions", "not running in this process")
    return actions  # type: ignore[return-value]


def _branch(call: Call) -> str | None:
    return call.caller.member.branch or next(iter(call.caller.branches), None)


def _not_a_member(call: Call, what: str) -> list[Reply] | None:
    """Members only; an unlinked or unknown account gets a way forward, not a bare refusal."""
    if call.caller.role.rank >= Role.MEMBER.rank:
        return None
    return [Reply("not-a-member", {"what": what, "link": call.spell("link")})]


# Petitions ---------------------------------------------------------------------------------


async def petition(call: Call) -> list[Reply]:
    actions = _actions(call)
    if call.args and call.args[0].lower() == "send":
        if call.caller.role is not Role.ORGANISER:
            raise Forbidden("/petition send", Role.ORGANISER.label)
        target = call.args[1] if len(call.args) > 1 else "all"
        broadcast_id, queued = await actions.send_petition(None, target, call.caller.member.id)
        await _audit(call, "/petition send", "done", broadcast=str(broadcast_id), target=target)
        return [Reply("broadcast-queued", {"id": str(broadcast_id), "channels": str(queued)})]
    found = actions.petition(call.args[0] if call.args else None)
    counts = await call.ctx.store.petitions.counts(found.id)
    total = sum(counts.values())
    lines: list[str] = []
    role = call.caller.role
    if role.rank >= Role.OFFICER.rank:
        board = leaderboard(counts, actions.branch_titles())
        if role is not Role.ORGANISER:
            board = [
                r for r in board if r["branch"] and call.caller.is_officer_of(str(r["branch"]))
            ]
        lines = [f"{r['rank'] or '-'}. {r['title']}: {r['signatures']}" for r in board[:20]] or [
            "No signatures counted in your branches yet."
        ]
    signed = await call.ctx.store.petitions.has_signed(found.id, call.caller.member.id)
    return [
        Reply(
            "petition",
            {
                "title": found.title,
                "url": found.url,
                "signed": str(total),
                "target": str(found.target),
                "share": f"{total / found.target:.1%}",
                "you": "You have signed: thank you." if signed else "",
                "lines": lines,
            },
            buttons=() if signed else (Button("I've signed", f"/signed {found.id}"),),
        )
    ]


async def signed(call: Call) -> list[Reply]:
    refused = _not_a_member(call, "say you've signed")
    if refused:
        return refused
    found = _actions(call).petition(call.args[0] if call.args else None)
    first = await call.ctx.store.petitions.sign(found.id, call.caller.member.id, _branch(call))
    total = sum((await call.ctx.store.petitions.counts(found.id)).values())
    values = {"title": found.title, "signed": str(total), "target": str(found.target)}
    return [Reply("signed" if first else "signed-again", values, ephemeral=True)]


# Meeting reports ---------------------------------------------------------------------------


async def reports(call: Call) -> list[Reply]:
    actions = _actions(call)
    args = [a.lower() for a in call.args]
    if args and args[0] in ("publish", "status"):
        if call.caller.role is not Role.ORGANISER:
            raise Forbidden(f"/reports {args[0]}", Role.ORGANISER.label)
        if len(args) < 2:
            raise InvalidInput("REPORT", f"usage: {call.spell('reports')} {args[0]} REPORT")
        if args[0] == "publish":
            broadcast_id, queued, planned = await actions.publish_report(
                args[1], call.caller.member.id
            )
            await _audit(
                call, "/reports publish", "done", report=args[1], broadcast=str(broadcast_id)
            )
            return [
                Reply(
                    "report-published",
                    {
                        "id": args[1],
                        "channels": str(queued),
                        "reminders": str(planned),
                    },
                )
            ]
        noted, missing = await actions.report_status(args[1])
        tz = ZoneInfo(call.ctx.timezone)
        return [
            Reply(
                "report-status",
                {
                    "title": actions.report(args[1]).title,
                    "noted": [
                        f"{b} ({at.astimezone(tz):%-d %b})" for b, at in sorted(noted.items())
                    ]
                    or ["none yet"],
                    "missing": missing or ["none: every branch has noted it"],
                },
            )
        ]
    if args:
        report = actions.report(args[0])
        items = []
        for item in report.items:
            line = f"{item.title}: {item.summary} Decision: {item.decision}"
            for text, deadline in item.actions:
                by = f" by {date.fromisoformat(deadline):%A %-d %B %Y}" if deadline else ""
                line += f" Action: {text}{by}."
            items.append(line)
        return [
            Reply(
                "report-full",
                {
                    "title": report.title,
                    "meeting": report.meeting,
                    "summary": report.summary,
                    "items": items,
                    "more": report.body.strip(),
                },
                buttons=(Button("Noted", f"/noted {report.id}"),),
            )
        ]
    lines = [f"{r.id}: {r.title} ({r.meeting})" for r in reversed(actions.reports())]
    return [Reply("reports", {"lines": lines or ["No meeting reports yet."]})]


async def noted(call: Call) -> list[Reply]:
    if not call.args:
        raise InvalidInput("REPORT", f"usage: {call.spell('noted')} REPORT [BRANCH]")
    actions = _actions(call)
    report = actions.report(call.args[0])
    store = call.ctx.store
    if await store.reports.published(report.id) is None:
        raise InvalidInput("REPORT", f"{report.id} has not been sent to branches yet")
    if len(call.args) > 1:
        branches = [call.args[1].lower()]
        if not call.caller.is_officer_of(branches[0]):
            raise InvalidInput("BRANCH", f"you are not an officer of {branches[0]}")
    else:
        branches = [g.branch for g in call.caller.grants if g.role is Role.OFFICER and g.branch]
        if not branches:
            raise InvalidInput("BRANCH", f"say which branch: {call.spell('noted')} REPORT BRANCH")
    now = call.ctx.clock.now()
    outcome = []
    for branch in branches:
        first = await store.reports.note(report.id, branch, call.caller.member.id, now)
        outcome.append(f"{branch}: {'noted' if first else 'already noted'}")
        if first:
            await _audit(call, "/noted", "done", report=report.id, branch=branch)
    return [Reply("noted", {"title": report.title, "lines": outcome})]


# Consultations -----------------------------------------------------------------------------


def _when(call: Call, moment: datetime) -> str:
    return f"{moment.astimezone(ZoneInfo(call.ctx.timezone)):%a %-d %b %Y %H:%M}"


async def _consultation(call: Call, text: str) -> Consultation:
    if not text.isdigit():
        raise InvalidInput("ID", f"a consultation number, e.g. {call.spell('consult')} results 1")
    found = await call.ctx.store.consultations.get(int(text))
    if found is None:
        raise InvalidInput("ID", f"no consultation {text}; see {call.spell('consult')}")
    return found


async def consult(call: Call) -> list[Reply]:
    usage = (
        f"usage: {call.spell('consult')} open TOPIC CLOSES QUESTION | OPTION | OPTION ..., "
        f"e.g. {call.spell('consult')} open general 2026-12-04T17:00 Should branches meet on "
        f"Zoom? | Yes | No; or {call.spell('consult')} close|results ID"
    )
    args = call.args
    verb = args[0].lower() if args else "list"
    actions = _actions(call)
    if verb == "list":
        lines = [
            f"{c.id}. {c.question} ({c.state.value}, closes {_when(call, c.closes_at)})"
            for c in await call.ctx.store.consultations.all()
        ]
        return [Reply("consultations", {"lines": lines or ["No consultations yet."]})]
    if verb == "open":
        if len(args) < 4:
            raise InvalidInput("consultation", usage)
        topic, closes_text = args[1].lower(), args[2]
        try:
            closes = datetime.fromisoformat(closes_text)
        except ValueError:
            raise InvalidInput("CLOSES", f"could not read {closes_text!r}; {usage}") from None
        if closes.tzinfo is None:
            closes = closes.replace(tzinfo=ZoneInfo(call.ctx.timezone))
        try:
            question, options = parse_consultation(call.rest.split(maxsplit=3)[3])
        except ValueError as error:
            raise InvalidInput("consultation", f"{error}; {usage}") from None
        opened, dms = await actions.open_consultation(
            question, options, closes.astimezone(UTC), topic, (), call.caller.member.id
        )
        await _audit(call, "/consult open", "done", consultation=str(opened.id))
        return [
            Reply(
                "consultation-opened",
                {
                    "id": str(opened.id),
                    "question": question,
                    "dms": str(dms),
                    "closes": _when(call, opened.closes_at),
                },
            )
        ]
    if verb in ("close", "results"):
        if len(args) < 2:
            raise InvalidInput("ID", usage)
        found = await _consultation(call, args[1])
        if verb == "close":
            if found.state is ConsultationState.CLOSED:
                raise InvalidInput("ID", f"consultation {found.id} is already closed")
            found = await actions.close_consultation(found.id)
            await _audit(call, "/consult close", "done", consultation=str(found.id))
        results = await actions.results(found)
        return [
            Reply(
                "consultation-results",
                {
                    "question": found.question,
                    "votes": str(results["votes"]),
                    "lines": "\n".join(results_lines(results)),
                    "note": "Still open: these are the totals so far."
                    if found.state is ConsultationState.OPEN
                    else NOT_A_BALLOT,
                },
            )
        ]
    raise InvalidInput("consultation", usage)


def _own_dm(call: Call) -> bool:
    """A vote counts only in the voter's own DM: on Telegram a private chat's id is the
    user's own id, so a press there by anyone else is refused."""
    conv = call.incoming.conversation
    if not call.incoming.is_dm:
        return False
    if conv.platform is Platform.TELEGRAM:
        return conv.chat_id == call.incoming.actor.user_id
    return True


async def vote(call: Call) -> list[Reply]:
    refused = _not_a_member(call, "vote in a consultation")
    if refused:
        return refused
    if not call.args:
        raise InvalidInput(
            "ID", f"usage: {call.spell('vote')} ID [OPTION]; see {call.spell('consult')}"
        )
    found = await _consultation(call, call.args[0])
    now = call.ctx.clock.now()
    if not found.is_open(now):
        return [
            Reply(
                "vote-refused",
                {"reason": f"consultation {found.id} has closed; nothing was counted"},
            )
        ]
    ballot = Reply(
        "consultation-ballot",
        ballot_values(found, call.ctx.timezone),
        buttons=tuple(Button(label, data) for label, data in ballot_buttons(found)),
    )
    if len(call.args) < 2 or not _own_dm(call):
        if call.incoming.is_dm and len(call.args) >= 2:
            return [
                Reply(
                    "vote-refused",
                    {"reason": "that button was sent to someone else; nothing was counted"},
                )
            ]
        if call.incoming.is_dm:
            return [ballot]
        return [
            Reply("check-your-dms", {"command": call.spell("vote")}),
            Reply(ballot.template, ballot.values, ballot.buttons, dm=True),
        ]
    choice_text = call.args[1]
    if not choice_text.isdigit() or not 1 <= int(choice_text) <= len(found.options):
        raise InvalidInput("OPTION", f"a number from 1 to {len(found.options)}")
    member = call.caller.member
    previous = await call.ctx.store.consultations.choice_of(found.id, member.id)
    if previous is not None:
        return [
            Reply(
                "vote-refused",
                {
                    "reason": (
                        f"you have already voted ({found.options[previous]}); a vote "
                        "cannot be changed, and nothing more was counted"
                    )
                },
            )
        ]
    counted = await call.ctx.store.consultations.vote(
        found.id, member.id, _branch(call), int(choice_text) - 1
    )
    if not counted:  # a second press racing the first
        return [
            Reply("vote-refused", {"reason": "you have already voted; nothing more was counted"})
        ]
    return [
        Reply(
            "vote-counted",
            {
                "choice": found.options[int(choice_text) - 1],
                "question": found.question,
                "closes": _when(call, found.closes_at),
            },
        )
    ]


COMMANDS = [
    Command(
        "petition",
        "the campaign's petition and how many have signed",
        Role.ANYONE,
        petition,
        usage="[PETITION | send [TARGET]]",
    ),
    Command(
        "signed",
        "say you've signed the petition (counted once)",
        Role.ANYONE,
        signed,
        usage="[PETITION]",
    ),
    Command(
        "reports",
        "meeting reports; REPORT reads one in full",
        Role.ANYONE,
        reports,
        usage="[REPORT | publish REPORT | status REPORT]",
    ),
    Command(
        "noted", "your branch has noted a report", Role.OFFICER, noted, usage="REPORT [BRANCH]"
    ),
    Command(
        "consult",
        "consult members: open, close, results",
        Role.ORGANISER,
        consult,
        usage="[open TOPIC CLOSES QUESTION | A | B | close ID | results ID]",
    ),
    Command(
        "vote", "vote in a consultation, privately by DM", Role.ANYONE, vote, usage="ID [OPTION]"
    ),
]
