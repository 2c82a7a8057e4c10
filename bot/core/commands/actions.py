"""Campaign actions in chat: /petition, /signed, /reports, /noted, /consult, /vote."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.core import timeparse, wording
from bot.core.actions import (
    NOT_A_BALLOT,
    ballot_buttons,
    ballot_values,
    parse_consultation,
    results_lines,
)
from bot.core.context import Call
from bot.core.errors import Forbidden, InvalidInput
from bot.core.events import Button, Reply, check_your_dms
from bot.core.models import Consultation, ConsultationState, Role
from bot.core.router import Command
from bot.core.wording import counted


def _not_a_member(call: Call, what: str) -> list[Reply] | None:
    """Members only; an unlinked or unknown account gets a way forward, not a bare refusal."""
    if call.caller.role.rank >= Role.MEMBER.rank:
        return None
    spelt = {"join": call.spell("join"), "link": call.spell("link")}
    return [Reply("not-a-member", {"what": what, **spelt})]


def _organiser(call: Call, what: str) -> None:
    if not call.caller.is_organiser:
        raise Forbidden(what, Role.ORGANISER.label)


# Petitions ---------------------------------------------------------------------------------


async def petition(call: Call) -> list[Reply]:
    if call.args and call.args[0].lower() == "send":
        _organiser(call, "/petition send")
        rest = list(call.args[1:])
        known = [p.id for p in call.ctx.petitions.all()]
        # with several petitions, "/petition send PETITION [TARGET]" says which
        which = rest.pop(0).lower() if rest and rest[0].lower() in known else None
        if which is None and len(known) > 1:
            usage = f"{call.spell('petition')} send PETITION [TARGET]"
            raise InvalidInput("PETITION", f"say which: {usage}; petitions: {', '.join(known)}")
        sent = await call.ctx.petitions.send(which, rest[0] if rest else "all", call.caller)
        return [
            Reply(
                "broadcast-queued",
                {"id": str(sent.broadcast_id), "channels": counted(sent.deliveries, "channel")},
            )
        ]
    if call.args:
        return [await _petition(call, call.args[0])]
    # Several campaigns may each have a petition: show every one, each with its button.
    return [await _petition(call, p.id) for p in call.ctx.petitions.all()] or [
        await _petition(call, None)
    ]


async def _petition(call: Call, petition_id: str | None) -> Reply:
    shown = await call.ctx.petitions.progress(petition_id, call.caller)
    lines: list[str] = []
    if call.caller.role.rank >= Role.OFFICER.rank:
        where = "" if call.caller.is_organiser else " in your branches"  # organisers: all
        lines = [f"{r.rank or '-'}. {r.title}: {r.signatures:,}" for r in shown.board[:20]] or [
            f"No signatures counted{where} yet."
        ]
    found = shown.petition
    return Reply(
        "petition",
        {
            "title": found.title,
            "url": found.url,
            "signed": f"{shown.total:,}",  # "50,000", as the petition's call writes it
            "target": f"{found.target:,}",
            "share": wording.share(shown.share),
            "you": "You have signed: thank you." if shown.signed else "",
            "lines": lines,
        },
        buttons=() if shown.signed else (Button("I've signed", f"/signed {found.id}"),),
    )


async def signed(call: Call) -> list[Reply]:
    refused = _not_a_member(call, "say you've signed")
    if refused:
        return refused
    done = await call.ctx.petitions.sign(call.args[0] if call.args else None, call.caller)
    values = {
        "title": done.petition.title,
        "signed": f"{done.total:,}",
        "target": f"{done.petition.target:,}",
    }
    return [Reply("signed" if done.first else "signed-again", values, ephemeral=True)]


# Meeting reports ---------------------------------------------------------------------------


async def reports(call: Call) -> list[Reply]:
    args = [a.lower() for a in call.args]
    if args and args[0] in ("publish", "status"):
        _organiser(call, f"/reports {args[0]}")
        if len(args) < 2:
            raise InvalidInput("REPORT", f"usage: {call.spell('reports')} {args[0]} REPORT")
        if args[0] == "publish":
            done = await call.ctx.reports.publish(args[1], call.caller, args[2:])
            values = {
                "id": done.report,
                "channels": counted(done.channels, "channel"),
                "reminders": str(done.reminders),
                "skipped": list(done.skipped),  # as the CLI says them; escaped per platform
            }
            return [Reply("report-published", values)]
        status = await call.ctx.reports.status(args[1], call.caller)
        if not status.published:  # every branch "not yet noted" would read as slow to note it
            raise InvalidInput("REPORT", f"{status.report} has not been sent to branches yet")
        lines = [f"{b}: {state}" for b, state in status.states(call.zone)]
        shown: dict[str, object] = {"title": status.title, "lines": lines or ["no branches"]}
        return [Reply("report-status", shown)]
    if args:
        return [_full_report(call, args[0])]
    lines = [f"{r.id}: {r.title} ({r.meeting})" for r in reversed(call.ctx.reports.all())]
    return [Reply("reports", {"lines": lines or ["No meeting reports yet."]})]


def _full_report(call: Call, report_id: str) -> Reply:
    report = call.ctx.reports.get(report_id)
    items = []
    for item in report.items:
        line = f"{item.title}: {item.summary} Decision: {item.decision}"
        for text, deadline in item.actions:
            by = f" by {wording.day(date.fromisoformat(deadline))}" if deadline else ""
            line += f" Action: {text}{by}."
        items.append(line)
    values = {
        "title": report.title,
        "meeting": report.meeting,
        "summary": report.summary,
        "items": items,
        "more": report.body.strip(),
    }
    # Only a branch's officer can note it (as /noted REPORT does for their branches); a
    # member or an organiser of no branch would be refused the press.
    officer = bool(call.caller.officer_branches)
    noted = (Button("Noted", f"/noted {report.id}"),) if officer else ()
    return Reply("report-full", values, buttons=noted)


async def noted(call: Call) -> list[Reply]:
    if not call.args:
        raise InvalidInput("REPORT", f"usage: {call.spell('noted')} REPORT [BRANCH]")
    branch = call.args[1] if len(call.args) > 1 else None
    if branch is None and not call.caller.officer_branches and not call.caller.is_organiser:
        raise InvalidInput("BRANCH", f"say which branch: {call.spell('noted')} REPORT BRANCH")
    lines = await call.ctx.reports.note(call.args[0], branch, call.caller)
    title = call.ctx.reports.get(call.args[0]).title
    outcome = [f"{n.branch}: {'noted' if n.first else 'already noted'}" for n in lines]
    return [Reply("noted", {"title": title, "lines": outcome})]


# Consultations -----------------------------------------------------------------------------


def _when(call: Call, moment: datetime) -> str:
    return wording.at(moment, call.zone, short=True)


def _consultation_id(call: Call, text: str) -> int:
    if not text.isdigit():
        raise InvalidInput("ID", f"a consultation number, e.g. {call.spell('consult')} results 1")
    return int(text)


def _consult_usage(call: Call) -> str:
    return (
        f"usage: {call.spell('consult')} open TOPIC CLOSES QUESTION | OPTION | OPTION ..., "
        f"e.g. {call.spell('consult')} open general 2026-12-04T17:00 Should branches meet on "
        f"Zoom? | Yes | No; or {call.spell('consult')} close|results ID"
    )


async def _open(call: Call) -> list[Reply]:
    if len(call.args) < 4:
        raise InvalidInput("consultation", _consult_usage(call))
    topic, closes_text, words = call.args[1].lower(), call.args[2], 3
    if timeparse.DATE_ONLY.match(closes_text) and timeparse.CLOCK.match(call.args[3]):
        # "2026-12-04 17:00", as /broadcast takes it: the time is not the question's first word
        closes_text, words = f"{closes_text} {call.args[3]}", 4
    try:
        closes, whole_day = timeparse.read_moment(closes_text, call.ctx.timezone, start=False)
    except ValueError:
        raise InvalidInput(
            "CLOSES", f"could not read {closes_text!r}; {_consult_usage(call)}"
        ) from None
    try:
        question, options = parse_consultation(call.rest.split(maxsplit=words)[words])
    except (ValueError, IndexError) as error:
        raise InvalidInput("consultation", f"{error}; {_consult_usage(call)}") from None
    opened = await call.ctx.consultations.open(question, options, closes, topic, (), call.caller)
    values = {
        "id": str(opened.consultation.id),
        "question": question,
        "dms": counted(opened.dms, "member"),
        "closes": _when(call, opened.consultation.closes_at)
        + (" (a date alone is read as the end of that day)" if whole_day else ""),
    }
    return [Reply("consultation-opened", values)]


async def _results(call: Call, found: Consultation) -> list[Reply]:
    results = await call.ctx.consultations.results(found.id)
    still_open = found.state is ConsultationState.OPEN
    values = {
        "question": found.question,
        "votes": counted(results.votes, "vote"),
        "lines": "\n".join(results_lines(results)),
        "note": "Still open: these are the totals so far." if still_open else NOT_A_BALLOT,
    }
    return [Reply("consultation-results", values)]


async def consult(call: Call) -> list[Reply]:
    verb = call.args[0].lower() if call.args else "list"
    if verb == "list":
        lines = [
            f"{c.id}. {c.question} ({c.state.value}, closes {_when(call, c.closes_at)})"
            for c in await call.ctx.consultations.all()
        ]
        return [Reply("consultations", {"lines": lines or ["No consultations yet."]})]
    if verb == "open":
        return await _open(call)
    if verb in ("close", "results"):
        if len(call.args) < 2:
            raise InvalidInput("ID", _consult_usage(call))
        number = _consultation_id(call, call.args[1])
        if verb == "close":
            found = await call.ctx.consultations.close(number, call.caller)
        else:
            found = await call.ctx.consultations.get(number)
        return await _results(call, found)
    raise InvalidInput("consultation", _consult_usage(call))


async def _choice(call: Call, number: int, typed: Sequence[str]) -> int:
    """The option's number, or the option itself as written ("/vote 1 yes")."""
    if len(typed) == 1 and typed[0].isdigit():
        return int(typed[0])
    options = (await call.ctx.consultations.get(number)).options
    words = " ".join(typed).casefold()
    for index, option in enumerate(options, 1):
        if option.casefold() == words:
            return index
    example = f"{call.spell('vote')} {number} 1"
    raise InvalidInput(
        "OPTION", f"the option's number, 1 to {len(options)}, or its words as written: {example}"
    )


async def vote(call: Call) -> list[Reply]:
    refused = _not_a_member(call, "vote in a consultation")
    if refused:
        return refused
    if not call.args:
        # Not "see /consult": listing consultations is an organiser's; a member has the
        # consultation's own message, which names its number and options.
        raise InvalidInput(
            "ID",
            f"usage: {call.spell('vote')} ID [OPTION]: the consultation's message gives its"
            " number and its options",
        )
    number = _consultation_id(call, call.args[0])
    choice = await _choice(call, number, call.args[1:]) if len(call.args) > 1 else None
    outcome = await call.ctx.consultations.vote(
        number, choice, call.incoming.conversation, call.caller
    )
    found = outcome.consultation
    if outcome.refused is not None:
        return [Reply("vote-refused", {"reason": outcome.refused})]
    if outcome.counted is not None:
        values = {
            "choice": outcome.counted,
            "question": found.question,
            "closes": _when(call, found.closes_at),
        }
        return [Reply("vote-counted", values)]
    ballot = Reply(
        "consultation-ballot",
        ballot_values(found, call.ctx.timezone),
        buttons=tuple(Button(label, data) for label, data in ballot_buttons(found)),
    )
    if call.incoming.is_dm:
        return [ballot]
    return [
        check_your_dms(call.spell("vote")),
        Reply(ballot.template, ballot.values, ballot.buttons, dm=True),
    ]


COMMANDS = [
    Command(
        "petition",
        "the campaign's petition and how many have signed",
        Role.ANYONE,
        petition,
        usage="[PETITION]",
        organiser_usage="[PETITION | send [TARGET]]",
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
        usage="[REPORT]",
        organiser_usage="[REPORT | publish REPORT | status REPORT]",
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
