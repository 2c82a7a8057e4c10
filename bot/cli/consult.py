"""`campaign-bot consult open|close|results|list`: consultations (indicative, never a
statutory ballot), through the same service as the chat's /consult."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.app import App
from bot.cli.common import (
    Fatal,
    JsonOption,
    Problems,
    fail,
    human_time,
    iso_time,
    noun_app,
    on_app,
    print_json,
    say,
    settings,
    show_table,
)
from bot.core.actions import parse_consultation, results_lines
from bot.core.caller import Caller
from bot.core.errors import InvalidInput
from bot.core.errors import Problems as Refused
from bot.core.models import Consultation
from bot.core.results import ConsultationOpened, ConsultationResults
from bot.core.wording import counted
from bot.services.ballot_dates import parse_deadline

app = noun_app("Consultations (indicative, never a statutory ballot): open, close, results.")
OPERATOR = Caller.operator()
Number = Annotated[int, typer.Argument(help="The consultation's number.")]


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
        said = str(error).replace("separated by |", "each with its own --option")
        raise fail(f"--question and --option: {said}") from None
    scope = [b.lower() for b in branches or []]
    cfg = settings()
    opened = on_app(lambda app: open_consultation(app, asked, choices, closes, topic, scope), cfg)
    until = human_time(opened.consultation.closes_at, cfg.zone)
    say(
        f"consultation {opened.consultation.id} open until {until}; "
        f"voting buttons queued for {counted(opened.dms, 'member')}"
    )


async def open_consultation(
    app: App, question: str, options: tuple[str, ...], closes: str, topic: str, scope: list[str]
) -> ConsultationOpened:
    try:
        moment = parse_deadline("closes", closes, app.settings.bot_timezone)
    except InvalidInput as error:
        raise Fatal(f"--closes: {error.problem}") from None
    try:
        return await app.services.consultations.open(
            question, options, moment, topic, scope, OPERATOR
        )
    except Refused as error:  # the service names its fields; the organiser typed options
        raise Problems([f"--{field}: {problem}" for field, problem in error.problems]) from None


@app.command("close")
def consult_close(consultation: Number) -> None:
    """Close now, before its time: the results go to the topic's channels."""
    found = on_app(lambda app: close(app, consultation))
    asked = found.consultation
    say(
        f"consultation {asked.id} closed: {asked.question} ({counted(found.votes, 'vote')}); "
        f"the results go to the channels subscribed to {asked.topic}"
    )
    for line in results_lines(found):
        say(line)


async def close(app: App, number: int) -> ConsultationResults:
    await app.services.consultations.close(number, OPERATOR)
    return await app.services.consultations.results(number)


@app.command("results")
def consult_results(consultation: Number, as_json: JsonOption = False) -> None:
    """Totals per option (so far, if still open); a branch's own only with 10 or more votes."""
    cfg = settings()
    found = on_app(lambda app: app.services.consultations.results(consultation), cfg)
    asked = found.consultation
    if as_json:
        print_json(
            {
                "consultation": asked.id,
                "closes_at": iso_time(asked.closes_at, cfg.zone),
                "statutory_ballot": False,
                **found.as_json(),
            }
        )
        return
    say(f"{asked.question} ({asked.state.value})")
    for line in results_lines(found):
        say(line)


@app.command("list")
def consult_list(as_json: JsonOption = False) -> None:
    """Every consultation, open and closed."""
    cfg = settings()
    found = on_app(lambda app: app.services.consultations.all(), cfg)
    if as_json:
        print_json([_listed(c, cfg.zone) for c in found])
        return
    rows = [
        (str(c.id), c.question, c.state.value, human_time(c.closes_at, cfg.zone), c.topic)
        for c in found
    ]
    show_table(("id", "question", "state", "closes", "topic"), rows, empty="No consultations yet.")


def _listed(consultation: Consultation, zone: ZoneInfo) -> dict[str, object]:
    return {
        "id": consultation.id,
        "question": consultation.question,
        "state": consultation.state.value,
        "closes": iso_time(consultation.closes_at, zone),
        "topic": consultation.topic,
    }
