"""`campaign-bot questions report|alias`: the questions the bot handed to the organisers,
so gaps in the content show, and other ways members ask an FAQ entry's question."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.cli.common import (
    JsonOption,
    human_time,
    iso_time,
    noun_app,
    on_app,
    print_json,
    say,
    settings,
    show_table,
)
from bot.core.caller import Caller
from bot.core.results import HandoffReport
from bot.core.wording import counted

app = noun_app("Members' questions the bot handed off, and FAQ phrasings.")

OPERATOR = Caller.operator()


@app.command("report")
def questions_report(
    days: Annotated[int, typer.Option("--days", min=1, max=366, help="How many days back.")] = 7,
    as_json: JsonOption = False,
) -> None:
    """The questions handed to the organisers in the last DAYS days, oldest first, and
    whether each was answered: the gaps in the content."""
    cfg = settings()
    found = on_app(lambda app: app.services.questions.report(days, OPERATOR), cfg)
    if as_json:
        print_json(_report_json(found, cfg.zone))
        return
    if not found.lines:
        say(f"No questions were handed off in the last {counted(days, 'day')}.")
        return
    answered = sum(1 for line in found.lines if line.answered)
    handed = counted(len(found.lines), "question")
    say(f"{handed} handed off in the last {counted(days, 'day')}, {answered} answered")
    rows = [
        (
            f"#{line.question_id}",
            human_time(line.asked_at, cfg.zone),
            line.branch or "-",
            "faq" if line.faq else ("yes" if line.answered else "no"),
            line.text[:120],
        )
        for line in found.lines
    ]
    show_table(("id", "asked", "branch", "answered", "question"), rows)


def _report_json(found: HandoffReport, zone: ZoneInfo) -> dict[str, object]:
    return {
        "days": found.days,
        "since": iso_time(found.since, zone),
        "handed_off": len(found.lines),
        "answered": sum(1 for line in found.lines if line.answered),
        "questions": [
            {
                "id": line.question_id,
                "asked_at": iso_time(line.asked_at, zone),
                "branch": line.branch,
                "text": line.text,
                "answered": line.answered,
                "faq": line.faq,
            }
            for line in found.lines
        ],
    }


@app.command("alias")
def questions_alias(
    entry: Annotated[str, typer.Argument(help="The FAQ entry's id (bot-reminders) or #N.")],
    phrase: Annotated[str, typer.Argument(help="Another way members ask its question.")],
) -> None:
    """Add another way of asking an FAQ entry's question (as /faq alias in chat)."""
    added = on_app(lambda app: app.services.questions.alias(entry, phrase, OPERATOR))
    say(f"faq {added.entry}: now also answers {added.phrase!r}")
