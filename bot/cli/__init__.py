"""campaign-bot: the command line. One module per group of verbs; each verb parses its
arguments, calls the app, and renders what came back (common.py has what they share)."""

from __future__ import annotations

import signal
import sys

import typer

from bot.cli import (
    ballots,
    broadcast,
    consult,
    content,
    dashboard,
    db,
    members,
    petitions,
    questions,
    reports,
    roles,
)
from bot.cli.ask import ask_command
from bot.cli.audit import audit_command
from bot.cli.common import WholeSummaries
from bot.cli.run import chat_command, deliver_command, demo_command, run_command, standin_command
from bot.cli.turnout import turnout_command

app = typer.Typer(
    help="The union campaign bot: Telegram, Slack and console chat, broadcasts, ballots.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # as every noun's verbs (bot.cli.common.noun_app)
    cls=WholeSummaries,
)
app.command("run")(run_command)
app.command("chat")(chat_command)
app.command("demo")(demo_command)
app.command("ask")(ask_command)
app.command("deliver")(deliver_command)
app.command("standin")(standin_command)
app.add_typer(db.app, name="db")
app.add_typer(content.app, name="content")
app.add_typer(roles.app, name="roles")
app.add_typer(members.app, name="members")
app.add_typer(broadcast.app, name="broadcast")
app.add_typer(ballots.app, name="ballots")
app.command("turnout")(turnout_command)
app.add_typer(petitions.app, name="petition")
app.add_typer(reports.app, name="report")
app.add_typer(consult.app, name="consult")
app.add_typer(questions.app, name="questions")
app.command("audit")(audit_command)
app.add_typer(dashboard.app, name="dashboard")


def main() -> None:
    # Ctrl-C (SIGINT) stops every verb, even when the process was started with SIGINT
    # ignored, as a shell script's background job (`campaign-bot deliver &`) or a child of
    # a process that ignores it is (Python then leaves it ignored), or with SIGINT blocked
    # (a mask is inherited too): `deliver` or `standin` would run on after `kill -INT`.
    # `run` sets its own handler (bot/app.py), but a blocked SIGINT would reach it neither.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        app()
    except BrokenPipeError:
        sys.exit(0)
