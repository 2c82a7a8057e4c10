"""`campaign-bot broadcast ...`: compose, preview, send (with a progress bar), schedule, report."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bot.core.errors import DomainError
from bot.core.models import Platform
from bot.core.timeparse import FORMS, parse_when

out = Console(highlight=False)
app = typer.Typer(
    help="Compose, send, schedule, cancel and report on broadcasts.", no_args_is_help=True
)

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


def _values(pairs: list[str] | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            from bot.cli import Fatal

            raise Fatal(f"--var: expected KEY=VALUE, got {pair!r}")
        found[key.strip()] = value
    return found


def _title(title: str | None, text: str | None, template: str | None) -> str:
    if title:
        return title
    if text:
        return text.strip().splitlines()[0][:80] if text.strip() else "Update"
    return (template or "update").replace("-", " ").capitalize()


async def _compose(
    built: Any,
    topic: str,
    to: str,
    text: str | None,
    template: str | None,
    var: list[str] | None,
    title: str | None,
    at: str | None = None,
    save: bool = True,
) -> Any:
    send_at = parse_when(at, built.clock.now(), built.settings.bot_timezone) if at else None
    return await built.outbox.compose_for(
        _title(title, text, template),
        topic,
        to,
        text=text,
        template=template,
        values=_values(var),
        send_at=send_at,
        save=save,
    )


def _show_previews(built: Any, draft: Any, channels: int) -> None:
    for platform in (Platform.TELEGRAM, Platform.SLACK, Platform.CONSOLE):
        message = built.outbox.render(draft, platform)
        body = "\n---\n".join(part.text for part in message.parts)
        label = {"console": "plain text"}.get(platform.value, platform.value)
        out.print(
            Panel(body, title=f"{label} ({len(message.parts)} part(s))", expand=False), markup=False
        )
    name = f"Broadcast {draft.id}" if draft.id else "This broadcast"
    out.print(f"{name} ({draft.topic}) goes to {channels} channels.")


def _run(work: Any) -> Any:
    from bot.cli import _with_app, run_async, settings

    cfg = settings()
    return run_async(lambda: _with_app(cfg, work))


async def _deliver(built: Any, broadcast_id: int, total: int) -> None:
    from bot.runner import start_delivery

    engine = await start_delivery(built, built.stack)
    if engine is None:
        out.print(
            "Another process (the running bot) holds the sender lock; it will deliver. "
            "Watching progress…"
        )
    elif not engine.workers:
        from bot.cli import Fatal

        raise Fatal("no platform is configured: set TELEGRAM_BOT_TOKEN and/or SLACK_BOT_TOKEN")
    columns = (TextColumn("delivering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=False) as progress:
        task = progress.add_task("deliver", total=total)
        import asyncio

        while True:
            left = await built.store.deliveries.unsettled(broadcast_id)
            progress.update(task, completed=total - left)
            if left == 0:
                break
            if engine is not None and any(w.halted for w in engine.workers):
                from bot.cli import Fatal

                raise Fatal(
                    next(w.halted for w in engine.workers if w.halted) + "; deliveries kept pending"
                )
            await asyncio.sleep(0.2)
    if engine is not None:
        await engine.writer.flush()
        await engine.outbox.after_outcomes({broadcast_id})


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

    async def work(built: Any) -> dict[str, Any]:
        draft = await _compose(built, topic, to, text, template, var, title)
        channels = await built.outbox.audience_size(draft)
        _show_previews(built, draft, channels)
        if not yes:
            if not sys.stdin.isatty():
                await built.outbox.cancel(draft.id)
                from bot.cli import Fatal

                raise Fatal("not sent: add --yes to send without a prompt")
            if not typer.confirm("Send it now?"):
                await built.outbox.cancel(draft.id)
                raise typer.Exit(1)
        queued = await built.outbox.confirm(draft.id)
        await _deliver(built, draft.id, queued)
        report: dict[str, Any] = (await built.outbox.report(draft.id)).as_json()
        return report

    try:
        report = _run(work)
    except DomainError as error:
        raise _fail(str(error)) from None
    _print_report(report)


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

    async def work(built: Any) -> str:
        draft = await _compose(built, topic, to, text, template, var, title, at)
        await built.outbox.confirm(draft.id)
        from zoneinfo import ZoneInfo

        local = draft.send_at.astimezone(ZoneInfo(built.settings.bot_timezone))
        return f"Broadcast {draft.id} scheduled for {local:%A %d %B %Y %H:%M %Z}."

    out.print(_guard(work))


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

    async def work(built: Any) -> None:
        draft = await _compose(built, topic, to, text, template, var, title, save=False)
        _show_previews(built, draft, await built.outbox.audience_size(draft))

    _guard(work)


@app.command("cancel")
def cancel(broadcast_id: Annotated[int, typer.Argument(help="The broadcast's id.")]) -> None:
    """Cancel a broadcast before it goes (a queued one: the messages not yet sent)."""

    async def work(built: Any) -> str:
        stopped = await built.outbox.cancel(broadcast_id)
        return f"Broadcast {broadcast_id} cancelled ({stopped} unsent messages stopped)."

    out.print(_guard(work))


@app.command("list")
def list_() -> None:
    """The most recent broadcasts and their state."""

    async def work(built: Any) -> list[Any]:
        return list(await built.store.broadcasts.recent(50))

    table = Table("id", "state", "topic", "title", "send at (UTC)")
    for b in _guard(work):
        table.add_row(
            str(b.id),
            b.state.value,
            b.topic,
            b.title,
            f"{b.send_at:%Y-%m-%d %H:%M}" if b.send_at else "",
        )
    out.print(table)


@app.command("report")
def report(
    broadcast_id: Annotated[int, typer.Argument(help="The broadcast's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts per platform and branch: sent, pending, failed (with reasons), blocked, unknown."""

    async def work(built: Any) -> dict[str, Any]:
        result: dict[str, Any] = (await built.outbox.report(broadcast_id)).as_json()
        return result

    data = _guard(work)
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        _print_report(data)


STATES = ("sent", "pending", "failed", "blocked", "unknown", "cancelled")


def _print_report(data: dict[str, Any]) -> None:
    for key, label in (("per_platform", "platform"), ("per_branch", "branch")):
        table = Table(
            label, *STATES, title=f"Broadcast {data['id']}: {data['title']} ({data['state']})"
        )
        for name, counts in data[key].items():
            table.add_row(name, *(str(counts.get(s, 0)) for s in STATES))
        out.print(table)
    if data["failed_reasons"]:
        out.print("Failed: " + ", ".join(f"{r} ({n})" for r, n in data["failed_reasons"].items()))


def _fail(message: str) -> typer.Exit:
    from bot.cli import fail

    return fail(message)


def _guard(work: Any) -> Any:
    try:
        return _run(work)
    except DomainError as error:
        raise _fail(str(error)) from None


def deliver(until_idle: bool) -> None:
    """Run only the delivery engine (no chat adapters)."""

    async def work(built: Any) -> int:
        import asyncio

        from bot.cli import Fatal
        from bot.runner import start_delivery

        engine = await start_delivery(built, built.stack)
        if engine is None:
            raise Fatal("another process holds the sender lock and is delivering")
        if not engine.workers:
            raise Fatal("no platform is configured: set TELEGRAM_BOT_TOKEN and/or SLACK_BOT_TOKEN")
        while True:
            pending = await built.store.deliveries.pending_platforms()
            busy = any(w._in_flight for w in engine.workers)
            if until_idle and not pending and not busy:
                await engine.writer.flush()
                return sum(w.sent for w in engine.workers)
            if any(w.halted for w in engine.workers):
                raise Fatal(next(w.halted for w in engine.workers if w.halted))
            await asyncio.sleep(0.2)

    sent = _guard(work)
    out.print(f"Delivered {sent} messages; nothing is left pending.")
