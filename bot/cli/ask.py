"""`campaign-bot ask`: the bot's answer to a member's question, as of any moment."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from bot.app import App
from bot.cli.common import fail, on_app, print_json, say, settings
from bot.core.services import Answer


def ask_command(
    question: Annotated[str, typer.Argument(help="The question, in a member's own words.")],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help='Print {"answer", "sources", "confidence", "handoff"} as JSON.'
        ),
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(
            help="Answer as if it were this moment (ISO 8601; BOT_TIMEZONE if no offset)."
        ),
    ] = None,
) -> None:
    """Ask the bot a question as a member would, and see its answer, sources and confidence."""
    if not question.strip():
        raise fail('QUESTION: empty; ask it in quotes, e.g. campaign-bot ask "when does it close?"')
    cfg = settings()
    moment = None
    if now is not None:
        try:
            moment = datetime.fromisoformat(now)
        except ValueError:
            raise fail(
                f"--now: could not read {now!r}; use ISO 8601 like 2023-05-08T10:00"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=cfg.zone)

    async def work(app: App) -> Answer:
        return await app.services.answers.answer(question, moment or app.clock.now())

    answer = on_app(work, cfg)
    if as_json:
        print_json(_as_json(answer), indent=None)
    else:
        _show(answer)


def _as_json(answer: Answer) -> dict[str, object]:
    payload: dict[str, object] = {
        "answer": answer.text,
        "sources": list(answer.sources),
        "confidence": round(answer.confidence, 3),
        "handoff": answer.handoff,
    }
    if answer.handoff:
        payload["suggestions"] = list(answer.suggestions)
    return payload


def _show(answer: Answer) -> None:
    if answer.handoff and answer.text:  # the part it could answer, then the whole handed off
        say(answer.text)
        for source in answer.sources:
            say(f"Source: {source}")
        say("Not sure of the rest, so the bot would hand the question to an organiser.")
        return
    if answer.handoff:
        say("Not sure, so the bot would hand this to an organiser.")
        for topic in answer.suggestions:
            say(f"  nearest topic: {topic}")
        return
    say(answer.text)
    for source in answer.sources:
        say(f"Source: {source}")
    say(f"Confidence: {answer.confidence:.2f}")
