"""campaign-bot: the command line. Parses arguments, builds Settings, calls the app."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Coroutine
from contextlib import AsyncExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from bot import logsetup
from bot.adapters.errors import StartupError
from bot.content.loader import ContentError, load_content
from bot.content.templates import Templates
from bot.core.errors import DomainError
from bot.core.models import Identity, Role, RoleGrant
from bot.settings import Settings, SettingsError, load_settings
from bot.storage.database import DatabaseUrlError

T = TypeVar("T")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

app = typer.Typer(
    help="The union campaign bot: Telegram, Slack and console chat, broadcasts, ballots.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)
content_app = typer.Typer(
    help="Check the campaign content and message templates.", no_args_is_help=True
)
roles_app = typer.Typer(help="Grant, revoke and list who may do what.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(content_app, name="content")
app.add_typer(roles_app, name="roles")


def _register_subcommands() -> None:
    from bot.cli_ballots import app as ballots_app
    from bot.cli_ballots import turnout_command
    from bot.cli_broadcast import app as broadcast_app

    app.add_typer(broadcast_app, name="broadcast")
    app.add_typer(ballots_app, name="ballots")
    app.command("turnout")(turnout_command)
    from bot.cli_actions import audit_command, consult_app, petition_app, report_app

    app.add_typer(petition_app, name="petition")
    app.add_typer(report_app, name="report")
    app.add_typer(consult_app, name="consult")
    app.command("audit")(audit_command)


class Fatal(Exception):
    """A problem that is the operator's to fix: one line, exit status 2."""


def fail(message: str) -> typer.Exit:
    err.print(f"campaign-bot: {message}", markup=False, soft_wrap=True)
    return typer.Exit(2)


def settings() -> Settings:
    try:
        loaded = load_settings()
    except SettingsError as error:
        raise fail(str(error)) from None
    logsetup.configure(loaded.log_level, loaded.secrets())
    return loaded


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run one coroutine; known operator errors become a single line and exit 2."""
    try:
        return asyncio.run(make())
    except (SettingsError, DatabaseUrlError, Fatal, StartupError, DomainError) as error:
        raise fail(str(error)) from None
    except ContentError as error:
        for problem in error.problems:
            err.print(f"campaign-bot: {problem}", markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except OSError as error:
        raise fail(f"cannot reach the database or a service: {error}") from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


async def _with_app(cfg: Settings, work: Callable[[Any], Awaitable[T]]) -> T:
    from bot.app import build_app

    async with AsyncExitStack() as stack:
        built = await build_app(cfg, stack)
        return await work(built)


@app.command()
def run() -> None:
    """Start the bot: every platform configured in .env, or the console chat when none is."""
    cfg = settings()
    from bot.runner import run_bot

    run_async(lambda: run_bot(cfg))


@app.command()
def chat(
    as_role: Annotated[
        Role, typer.Option("--as", help="Chat as this role: anyone, member, officer, organiser.")
    ] = Role.MEMBER,
    branch: Annotated[str | None, typer.Option(help="Branch for a member or officer.")] = None,
) -> None:
    """Chat with the bot in the terminal (reads stdin; works with a pipe; ends at end of input)."""
    cfg = settings()
    from bot.adapters.console.chat import act_as, run_console

    async def work(built: Any) -> None:
        if branch is not None and branch not in built.content.branch_names():
            raise Fatal(f"--branch: unknown branch {branch!r}")
        await act_as(built, as_role, branch)
        await run_console(built)

    run_async(lambda: _with_app(cfg, work))


class Scenario(StrEnum):
    ALL = "all"
    CHAT = "chat"
    BALLOT = "ballot"


@app.command()
def demo(
    scenario: Annotated[
        Scenario,
        typer.Option(
            help="chat: members, officers and organisers talk to the bot on both platforms; "
            "ballot: a postal ballot's reminders, banking and turnout on a fast clock; all: both."
        ),
    ] = Scenario.ALL,
) -> None:
    """Play scripted sessions on Telegram and Slack stand-ins on loopback (no accounts)."""
    cfg = settings()
    logsetup.configure("WARNING", cfg.secrets())
    if scenario in (Scenario.ALL, Scenario.CHAT):
        from bot.demo import run_demo

        counts = run_async(lambda: run_demo(cfg, sys.stdout))
        if not all(counts.values()):
            raise fail("the demo finished but a platform received nothing")
    if scenario in (Scenario.ALL, Scenario.BALLOT):
        from bot.demo_ballot import run_ballot_demo

        summary = run_async(lambda: run_ballot_demo(cfg, sys.stdout))
        if not summary["reminders_received"]:
            raise fail("the ballot demo finished but no reminder arrived")


@app.command()
def ask(
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
    cfg = settings()
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = None
    if now is not None:
        try:
            moment = datetime.fromisoformat(now)
        except ValueError:
            raise fail(
                f"--now: could not read {now!r}; use ISO 8601 like 2023-05-08T10:00"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(cfg.bot_timezone))

    async def work(built: Any) -> Any:
        when = moment or built.clock.now()
        return await built.router.ctx.answerer.answer(question, when)

    answer = run_async(lambda: _with_app(cfg, work))
    if as_json:
        import json

        payload = {
            "answer": answer.text,
            "sources": list(answer.sources),
            "confidence": round(answer.confidence, 3),
            "handoff": answer.handoff,
        }
        if answer.handoff:
            payload["suggestions"] = list(answer.suggestions)
        print(json.dumps(payload, ensure_ascii=False))
        return
    if answer.handoff:
        out.print("Not sure, so the bot would hand this to an organiser.", markup=False)
        for topic in answer.suggestions:
            out.print(f"  nearest topic: {topic}", markup=False)
        return
    out.print(answer.text, markup=False)
    for source in answer.sources:
        out.print(f"Source: {source}", markup=False)
    out.print(f"Confidence: {answer.confidence:.2f}", markup=False)


@app.command()
def deliver(
    until_idle: Annotated[
        bool, typer.Option("--until-idle", help="Stop once nothing is left to send.")
    ] = False,
) -> None:
    """Run only the delivery engine: send what is pending and scheduled (no chat adapters)."""
    from bot.cli_broadcast import deliver as run_deliver

    run_deliver(until_idle)


@app.command()
def standin(
    platform: Annotated[str, typer.Argument(help="telegram or slack")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0: any free one).")] = 8081,
    delay: Annotated[float, typer.Option(help="Round-trip delay in seconds.")] = 0.0,
    limits: Annotated[bool, typer.Option(help="Enforce the platform's rate limits.")] = False,
) -> None:
    """Run a loopback stand-in for the Telegram Bot API or the Slack Web API (no account).

    Prints one JSON line with its URL and token, then serves until interrupted. Point
    TELEGRAM_API_BASE_URL or SLACK_API_BASE_URL at it. Telegram's accepts
    POST /_standin/say {"user": 1, "text": "/help"} to play a user; both serve
    GET /_standin/stats.
    """
    import json as json_

    from bot.standins.slack import SlackStandIn
    from bot.standins.telegram import TelegramStandIn

    if platform not in ("telegram", "slack"):
        raise fail("PLATFORM: use telegram or slack")

    async def serve() -> None:
        server: Any = (
            TelegramStandIn(delay=delay, enforce_limits=limits)
            if platform == "telegram"
            else SlackStandIn(delay=delay, enforce_limits=limits)
        )
        url = await server.start(port=port)
        info = {"platform": platform, "url": url, "token": server.token}
        if platform == "slack":
            info |= {"base_url": server.base_url, "signing_secret": server.signing_secret}
        sys.stdout.write(json_.dumps(info) + "\n")
        sys.stdout.flush()
        try:
            await asyncio.Event().wait()
        finally:
            await server.stop()

    run_async(serve)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or update the database schema to the latest version (also done on start)."""
    cfg = settings()
    from bot.storage.database import create_engine, redact_url, upgrade

    async def work() -> None:
        engine = create_engine(cfg.database_url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    run_async(work)
    out.print(f"Database is up to date: {redact_url(cfg.database_url)}")


@content_app.command("check")
def content_check(
    path: Annotated[Path | None, typer.Option(help="Content folder (default CONTENT_DIR).")] = None,
    messages: Annotated[
        Path | None, typer.Option(help="Templates folder (default MESSAGES_DIR).")
    ] = None,
) -> None:
    """Validate a content folder and the message templates. Exit 2 and name each error."""
    cfg = settings()
    problems: list[str] = []
    try:
        content = load_content(path or cfg.content_dir, cfg.zone)
    except ContentError as error:
        problems.extend(error.problems)
        content = None
    try:
        templates = Templates.load(messages or cfg.messages_dir)
    except ContentError as error:
        problems.extend(error.problems)
        templates = None
    if problems:
        for problem in problems:
            err.print(f"campaign-bot: {problem}", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    assert content is not None and templates is not None
    out.print(
        f"Content OK: {len(content.files)} files ({len(content.campaigns)} campaigns, "
        f"{len(content.ballots)} ballots, {len(content.reports)} reports, "
        f"{len(content.faqs)} FAQ files); {len(templates.keys())} message templates."
    )


def _identity(text: str) -> Identity:
    try:
        return Identity.parse(text)
    except ValueError as error:
        raise fail(f"PLATFORM:USER_ID: {error}") from None


@roles_app.command("grant")
def roles_grant(
    who: Annotated[
        str, typer.Argument(help="PLATFORM:USER_ID, e.g. telegram:12345 or slack:U123.")
    ],
    role: Annotated[Role, typer.Argument(help="member, officer or organiser.")],
    branch: Annotated[
        str | None, typer.Option(help="The branch (needed for member and officer).")
    ] = None,
) -> None:
    """Give someone a role. Members and branch officers belong to a branch."""
    identity = _identity(who)
    if role is Role.ANYONE:
        raise fail("ROLE: 'anyone' needs no grant; use member, officer or organiser")
    if role in (Role.MEMBER, Role.OFFICER) and not branch:
        raise fail(f"--branch is needed for the {role.label} role")
    cfg = settings()

    async def work(built: Any) -> None:
        if branch is not None and branch not in built.content.branch_names():
            raise Fatal(f"--branch: unknown branch {branch!r}; see campaigns/structure.md")
        member = await built.store.members.get_or_create(identity)
        scoped = branch if role is not Role.ORGANISER else None
        await built.store.roles.grant(RoleGrant(member.id, role, scoped))
        if branch and role in (Role.MEMBER, Role.OFFICER) and member.branch is None:
            await built.store.members.set_branch(member.id, branch)
        from bot.core.models import AuditEntry

        await built.store.audit.record(
            AuditEntry(
                built.clock.now(),
                "cli",
                "roles grant",
                "done",
                {"who": str(identity), "role": role.value, "branch": branch or ""},
            )
        )

    run_async(lambda: _with_app(cfg, work))
    out.print(f"Granted {role.label}{' of ' + branch if branch else ''} to {identity}.")


@roles_app.command("revoke")
def roles_revoke(
    who: Annotated[str, typer.Argument(help="PLATFORM:USER_ID.")],
    role: Annotated[Role, typer.Argument(help="member, officer or organiser.")],
    branch: Annotated[str | None, typer.Option(help="The branch the role was granted for.")] = None,
) -> None:
    """Take a role away."""
    identity = _identity(who)
    cfg = settings()

    async def work(built: Any) -> bool:
        member = await built.store.members.find(identity)
        if member is None:
            return False
        scoped = branch if role is not Role.ORGANISER else None
        return bool(await built.store.roles.revoke(member.id, role, scoped))

    if not run_async(lambda: _with_app(cfg, work)):
        raise fail(f"{identity} does not hold that role")
    out.print(f"Revoked {role.label} from {identity}.")


@roles_app.command("list")
def roles_list() -> None:
    """List everyone who holds a role."""
    cfg = settings()

    async def work(built: Any) -> list[tuple[str, str, str]]:
        rows = []
        for role in (Role.ORGANISER, Role.OFFICER, Role.MEMBER):
            for grant in await built.store.roles.holders(role):
                member = await built.store.members.get(grant.member_id)
                ids = ", ".join(str(i) for i in member.identities) if member else "?"
                rows.append((ids, grant.role.label, grant.branch or ""))
        return rows

    table = Table("who", "role", "branch")
    for row in run_async(lambda: _with_app(cfg, work)):
        table.add_row(*row)
    out.print(table)


_register_subcommands()


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        sys.exit(0)
