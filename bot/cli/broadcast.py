"""`campaign-bot broadcast ...`: compose, preview, send (with a progress bar), schedule,
cancel, list and report. Composing goes through the outbox like the chat's /broadcast."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text as RichText

from bot.app import App
from bot.cli.common import (
    Fatal,
    JsonOption,
    confirmed,
    fail,
    human_time,
    iso_time,
    noun_app,
    on_app,
    out,
    print_json,
    say,
    settings,
    show_table,
)
from bot.core import wording
from bot.core.caller import Caller
from bot.core.errors import InvalidInput
from bot.core.models import Broadcast, Platform
from bot.core.results import BroadcastLine, BroadcastRequest, DeliveryReport, Draft
from bot.core.timeparse import FORMS, parse_when
from bot.core.wording import counted

if TYPE_CHECKING:
    from bot.delivery.engine import Engine

app = noun_app("Compose, send, schedule, cancel and report on broadcasts.")

Topic = Annotated[str, typer.Option("--topic", help="Topic: pay, petitions, reports, ballots, …")]
To = Annotated[str, typer.Option("--to", help="all, group:NAME, or BRANCH[,BRANCH…]")]
Text = Annotated[str | None, typer.Option("--text", help="Free text, shown exactly as written.")]
TemplateOpt = Annotated[str | None, typer.Option("--template", help="A template in messages/.")]
Var = Annotated[
    list[str] | None, typer.Option("--var", help="KEY=VALUE for the template (repeat).")
]
Title = Annotated[
    str | None, typer.Option("--title", help="A short title (default: from the text).")
]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
BroadcastId = Annotated[int, typer.Argument(help="The broadcast's id.")]
OPERATOR = Caller.operator()

# The outbox names what is wrong in its own words; the organiser typed options.
OPTION_OF = {
    "topic": "--topic",
    "audience": "--to",
    "time": "--at",
    "message": "--text or --template",
    "text": "--text",
    "template": "--template",
    "values": "--var",
}


@dataclass(frozen=True)
class Typed:
    """A broadcast as the organiser typed it, before it meets the store."""

    topic: str
    to: str
    text: str | None
    template: str | None
    values: dict[str, str]
    title: str | None
    at: str | None = None


def typed(
    topic: str,
    to: str,
    text: str | None,
    template: str | None,
    var: list[str] | None,
    title: str | None,
    at: str | None = None,
) -> Typed:
    values: dict[str, str] = {}
    for pair in var or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise fail(f"--var: expected KEY=VALUE, got {pair!r}")
        values[key.strip()] = value
    if (text is None) == (template is None):
        raise fail("--text or --template: give one of them")
    # No --title: the service takes it as the chat does (a first line on its own, else the
    # topic's or template's name), so a one-line text is not sent as title and body both.
    return Typed(topic.lower(), to, text, template, values, title or None, at)


def request(app: App, message: Typed) -> BroadcastRequest:
    now = app.clock.now()
    try:
        send_at = parse_when(message.at, now, app.settings.bot_timezone) if message.at else None
    except InvalidInput as error:
        raise Fatal(f"--at: {error.problem}") from None
    return BroadcastRequest(
        message.topic,
        message.to,
        message.text,
        message.template,
        message.values,
        message.title,
        send_at,
    )


async def compose(app: App, message: Typed, *, save: bool = True) -> Draft:
    """A draft (saved unless `save` is False) and how it looks on each platform."""
    broadcasts = app.services.broadcasts
    try:
        if not save:
            return await broadcasts.preview(request(app, message))
        return await broadcasts.draft(request(app, message), OPERATOR)
    except InvalidInput as error:
        raise Fatal(f"{OPTION_OF.get(error.field, error.field)}: {error.problem}") from None


def show_preview(preview: Draft) -> None:
    for platform, parts in preview.previews.items():
        label = "plain text" if platform is Platform.CONSOLE else platform.value
        heading = f"{label} ({len(parts)} part(s))"
        body = "\n---\n".join(part.text for part in parts)
        if out.is_terminal:
            out.print(Panel(RichText(body), title=heading, expand=False))
        else:
            say(f"── {heading} ──\n{body}")
    draft = preview.broadcast
    name = f"Broadcast {draft.id}" if draft.id else "This broadcast"
    say(f"{name} ({draft.topic}) goes to {counted(preview.channels, 'channel')}.")


@app.command("send")
def send(
    topic: Topic,
    to: To,
    text: Text = None,
    template: TemplateOpt = None,
    var: Var = None,
    title: Title = None,
    yes: Yes = False,
) -> None:
    """Compose a broadcast, preview it for each platform, and send it now, with a progress bar."""
    message = typed(topic, to, text, template, var, title)
    show_report(on_app(lambda app: _send(app, message, yes)))


async def _send(app: App, message: Typed, yes: bool) -> DeliveryReport:
    # The platform libraries take about a second to import: only this verb needs them.
    from bot.cli.engine import NO_PLATFORM, start_engine

    broadcasts = app.services.broadcasts
    if not yes:
        show_preview(await compose(app, message, save=False))
        if not confirmed("Send it now?", "not sent"):
            raise typer.Exit(1)
    async with AsyncExitStack() as stack:
        try:  # before anything is saved: a broadcast queued here and not sent is a trap
            engine = await start_engine(app, stack)
        except Fatal as error:
            if str(error) != NO_PLATFORM:
                raise
            raise Fatal(f"{NO_PLATFORM}; nothing was sent") from None
        draft = await compose(app, message)
        if yes:
            show_preview(draft)
        done = await broadcasts.confirm(draft.broadcast.id, OPERATOR)
        await _deliver(app, engine, draft.broadcast.id, done.queued)
    return await broadcasts.report(draft.broadcast.id)


async def _deliver(app: App, engine: Engine | None, broadcast_id: int, total: int) -> None:
    from bot.cli.engine import watch

    if engine is None:
        say("Another process (the running bot) holds the sender lock; it will deliver.")
    if not out.is_terminal:
        await watch(app, engine, broadcast_id, lambda left: None)
        return
    columns = (TextColumn("delivering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=False) as progress:
        task = progress.add_task("deliver", total=total)
        await watch(
            app,
            engine,
            broadcast_id,
            lambda left: progress.update(task, completed=total - left),
        )


@app.command("schedule")
def schedule(
    topic: Topic,
    to: To,
    at: Annotated[str, typer.Option("--at", help=f"When: {FORMS}.")],
    text: Text = None,
    template: TemplateOpt = None,
    var: Var = None,
    title: Title = None,
) -> None:
    """Schedule a broadcast for later (BOT_TIMEZONE); the running bot sends it at that time."""
    message = typed(topic, to, text, template, var, title, at)
    cfg = settings()
    draft = on_app(lambda app: _schedule(app, message), cfg)
    assert draft.send_at is not None
    say(f"Broadcast {draft.id} scheduled for {wording.at_zoned(draft.send_at, cfg.zone)}.")


async def _schedule(app: App, message: Typed) -> Broadcast:
    draft = (await compose(app, message)).broadcast
    await app.services.broadcasts.confirm(draft.id, OPERATOR)
    return draft


@app.command("preview")
def preview(
    topic: Topic,
    to: To,
    text: Text = None,
    template: TemplateOpt = None,
    var: Var = None,
    title: Title = None,
) -> None:
    """Show how a broadcast would look on each platform, and its audience; nothing is saved."""
    message = typed(topic, to, text, template, var, title)
    show_preview(on_app(lambda app: compose(app, message, save=False)))


@app.command("cancel")
def cancel(broadcast_id: BroadcastId) -> None:
    """Cancel a broadcast before it goes (a queued one: the messages not yet sent)."""
    done = on_app(lambda app: app.services.broadcasts.cancel(broadcast_id, OPERATOR))
    say(f"Broadcast {broadcast_id} cancelled ({done.stopped} unsent messages stopped).")


@app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """The most recent broadcasts and their state."""
    cfg = settings()
    found = on_app(lambda app: app.services.broadcasts.recent(50), cfg)
    if as_json:
        print_json([_listed(line, cfg.zone) for line in found])
        return
    rows = [
        (
            str(line.broadcast.id),
            line.state,
            line.broadcast.topic,
            line.broadcast.title,
            f"{line.sent} of {line.total}",
            _at(line.broadcast.send_at, cfg.zone),
            _at(line.broadcast.created_at, cfg.zone),
        )
        for line in found
    ]
    show_table(
        ("id", "state", "topic", "title", "sent", "send at", "created"),
        rows,
        empty="No broadcasts yet.",
    )


def _at(moment: datetime | None, zone: ZoneInfo) -> str:
    return human_time(moment, zone) if moment else ""


def _listed(line: BroadcastLine, zone: ZoneInfo) -> dict[str, object]:
    broadcast = line.broadcast
    return {
        "id": broadcast.id,
        "state": line.state,
        "sent": line.sent,
        "deliveries": line.total,
        "kind": broadcast.kind.value,
        "topic": broadcast.topic,
        "title": broadcast.title,
        "send_at": iso_time(broadcast.send_at, zone) if broadcast.send_at else None,
        "created_at": iso_time(broadcast.created_at, zone) if broadcast.created_at else None,
    }


@app.command("report")
def report(broadcast_id: BroadcastId, as_json: JsonOption = False) -> None:
    """Counts per platform and branch: sent, pending, failed (with reasons), blocked, skipped
    (the channel was blocked, gone or needing attention before it went), unknown."""
    found = on_app(lambda app: app.services.broadcasts.report(broadcast_id))
    if as_json:
        print_json(found.as_json())
    else:
        show_report(found)


STATES = ("sent", "pending", "failed", "blocked", "skipped", "unknown", "cancelled")


def show_report(found: DeliveryReport) -> None:
    b = found.broadcast
    title = f"Broadcast {b.id}: {b.title} ({found.state})"
    for label, counts in (("platform", found.by_platform), ("branch", found.by_branch)):
        rows = [(name, *(str(c.get(s, 0)) for s in STATES)) for name, c in counts.items()]
        show_table((label, *STATES), sorted(rows), title=title if label == "platform" else None)
    if found.failures:
        say("Failed: " + ", ".join(f"{r} ({n})" for r, n in found.failures.items()))
    if found.skips:
        say("Skipped: " + ", ".join(f"{r} ({n})" for r, n in found.skips.items()))
    if found.possible_duplicates:
        say(
            "Possibly sent twice (in doubt at a crash or a timeout, and Telegram cannot be "
            f"read back): {found.possible_duplicates}"
        )
