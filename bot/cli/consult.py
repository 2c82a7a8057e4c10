"""`campaign-bot consult open|close|results|list`: consultations (indicative, never a
statutory ballot), through the same service as the chat's /consult."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.app import App
from bot.cli.ballots import parse_moment
from bot.cli.common import (
    Fatal,
    JsonOption,
    audit,
    fail,
    human_time,
    iso_time,
    on_app,
    print_json,
    say,
    settings,
    show_table,
)
from bot.core.actions import parse_consultation, results_lines
from bot.core.models import Consultation, ConsultationState

app = typer.Typer(
    help="Consultations (indicative, never a statutory ballot): open, close, results.",
    no_args_is_help=True,
)
Number = Annotated[int, typer.Argument(help="The consultation's number.")]


@dataclass(frozen=True)
class Opened:
    consultation: Consultation
    dms: int  # members sent their voting buttons


@app.command("open")
def consult_open(
    question: Annotated[str, typer.Option("--question", help="The question put to members.")],
    options: Annotated[
        list[str], typer.Option("--option", help="One answer members can choose (2 to 8).")
    ],
    closes: Annotated[
        str, typer.Option("--closes", help="When voting ends, e.g. '2026-12-04 17:00'.")
    ],
    topic: Annotated[
        str, typer.Option("--topic", help="Channels subscribed to this topic hear of it.")
    ] = "general",
    branches: Annotated[
        list[str] | None, typer.Option("--branch", help="Only these branches (repeatable).")
    ] = None,
) -> None:
    """Open a consultation: announced to the topic's channels; each member in scope gets
    their voting buttons by DM. One vote per member; results are totals only."""
    try:
        asked, choices = parse_consultation(" | ".join([question, *options]))
    except ValueError as error:
        raise fail(f"--question and --option: {error}") from None
    scope = [b.lower() for b in branches or []]
    cfg = settings()
    opened = on_app(lambda app: open_consultation(app, asked, choices, closes, topic, scope), cfg)
    until = human_time(opened.consultation.closes_at, cfg.zone)
    say(
        f"consultation {opened.consultation.id} open until {until}; "
        f"voting buttons queued for {opened.dms} members"
    )


async def open_consultation(
    app: App, question: str, options: tuple[str, ...], closes: str, topic: str, scope: list[str]
) -> Opened:
    moment = parse_moment("closes", closes, app.settings.bot_timezone)
    found, dms = await app.actions.open_consultation(
        question, options, moment, topic.lower(), scope, None
    )
    await audit(app, "consult open", {"consultation": str(found.id)})
    return Opened(found, dms)


@app.command("close")
def consult_close(consultation: Number) -> None:
    """Close now, before its time: the results go to the topic's channels."""
    closed = on_app(lambda app: close(app, consultation))
    for line in results_lines(closed.results or {}):
        say(line)


async def close(app: App, number: int) -> Consultation:
    found = await _find(app, number)
    if found.state is ConsultationState.CLOSED:
        raise Fatal(f"consultation {number} is already closed")
    closed = await app.actions.close_consultation(number)
    await audit(app, "consult close", {"consultation": str(number)})
    return closed


async def _find(app: App, number: int) -> Consultation:
    found = await app.store.consultations.get(number)
    if found is None:
        raise Fatal(f"no consultation {number}")
    return found


@dataclass(frozen=True)
class Results:
    consultation: Consultation
    totals: dict[str, object]  # options, totals, votes, branches, branches_withheld

    def as_json(self, zone: ZoneInfo) -> dict[str, object]:
        return {
            "consultation": self.consultation.id,
            "question": self.consultation.question,
            "state": self.consultation.state.value,
            "closes_at": iso_time(self.consultation.closes_at, zone),
            "statutory_ballot": False,
            **self.totals,
        }


@app.command("results")
def consult_results(consultation: Number, as_json: JsonOption = False) -> None:
    """Totals per option (so far, if still open); a branch's own only with 10 or more votes."""
    cfg = settings()
    found = on_app(lambda app: results(app, consultation), cfg)
    if as_json:
        print_json(found.as_json(cfg.zone))
        return
    say(f"{found.consultation.question} ({found.consultation.state.value})")
    for line in results_lines(found.totals):
        say(line)


async def results(app: App, number: int) -> Results:
    found = await _find(app, number)
    return Results(found, await app.actions.results(found))


@app.command("list")
def consult_list(as_json: JsonOption = False) -> None:
    """Every consultation, open and closed."""
    cfg = settings()
    found = on_app(lambda app: app.store.consultations.all(), cfg)
    if as_json:
        print_json([_listed(c, cfg.zone) for c in found])
        return
    rows = [
        (str(c.id), c.question, c.state.value, human_time(c.closes_at, cfg.zone), c.topic)
        for c in found
    ]
    show_table(("id", "question", "state", "closes", "topic"), rows)


def _listed(consultation: Consultation, zone: ZoneInfo) -> dict[str, object]:
    return {
        "id": consultation.id,
        "question": consultation.question,
        "state": consultation.state.value,
        "closes": iso_time(consultation.closes_at, zone),
        "topic": consultation.topic,
    }
