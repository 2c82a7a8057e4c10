"""`campaign-bot run|chat|demo|deliver|standin`: the bot, or a part of it, running.

The verbs that talk to a platform import it when they run: the Telegram and Slack
libraries (and the stand-ins' web server) take about a second to import, which every
other verb, and every script that calls one, would otherwise pay for nothing."""

from __future__ import annotations

import asyncio
import errno
import json
import sys
from contextlib import AsyncExitStack
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from bot.adapters import console
from bot.app import App
from bot.cli.common import Fatal, fail, on_app, run_async, say, settings
from bot.core.errors import InvalidInput
from bot.core.models import Platform, Role
from bot.core.wording import counted

if TYPE_CHECKING:
    from bot.delivery.engine import Engine
    from bot.standins.slack import SlackStandIn
    from bot.standins.telegram import TelegramStandIn


def run_command() -> None:
    """Start the bot: every platform configured in .env, or the console chat when none is.

    Ctrl-C or SIGTERM stops it (exit status 0). A part still running SHUTDOWN_GRACE_SECONDS
    (10) later is named in the log and the bot exits anyway, with status 3: what was in
    flight is taken up at the next start."""
    from bot.app import run_bot

    cfg = settings(chatty=True)
    run_async(lambda: run_bot(cfg), grace=cfg.shutdown_grace_seconds, serves=True)


def chat_command(
    as_role: Annotated[
        Role, typer.Option("--as", help="Chat as this role: anyone, member, officer, organiser.")
    ] = Role.MEMBER,
    branch: Annotated[str | None, typer.Option(help="Branch for a member or officer.")] = None,
    where: Annotated[
        str | None,
        typer.Option(
            "--in",
            metavar="<dm|group:NAME>",
            help="dm (the default): your private chat with the bot; group:NAME: a group chat"
            " called NAME (subscribe, broadcasts there).",
        ),
    ] = None,
) -> None:
    """Chat with the bot in the terminal (reads stdin; works with a pipe; ends at end of input).

    Buttons are numbered: type /press N to press one. Broadcasts to console groups are
    delivered to this terminal while the chat runs. Ctrl-D (end of input) or Ctrl-C ends it."""
    seat = console.Seat(as_role, branch)
    try:
        conversation = console.place(where, seat.who)
    except InvalidInput as error:
        raise fail(str(error)) from None

    async def work(app: App) -> None:
        if branch is not None and branch not in app.content.branch_names():
            raise Fatal(f"--branch: unknown branch {branch!r}")
        who = await console.play(app.services.roles, seat)
        pad = console.Pad(app.present, sys.stdout)
        async with AsyncExitStack() as stack:
            engine = await _deliver_here(app, stack, pad)
            await console.run(app.router, app.present, who, where=conversation, pad=pad)
            if engine is not None:
                await _drain(app, engine)

    on_app(work)


async def _deliver_here(app: App, stack: AsyncExitStack, pad: console.Pad) -> Engine | None:
    """Deliver to the console's chats while the chat runs (not if a running bot sends)."""
    from bot.adapters.console.sender import ConsoleSender
    from bot.app import start_delivery

    engine = await start_delivery(app, stack, senders=[ConsoleSender(pad)], due=False)
    if engine is None:
        say("(a running bot holds the sender's lease: broadcasts to this chat are not shown here)")
    return engine


async def _drain(app: App, engine: Engine) -> None:
    """At the end of the input, let what was just queued for the console be shown (ten
    seconds at most: a row waiting for a later time stays queued)."""
    for _ in range(100):
        waiting = Platform.CONSOLE in await app.store.deliveries.pending_platforms()
        if not waiting and not engine.busy():
            return
        await asyncio.sleep(0.1)


class Scenario(StrEnum):
    ALL = "all"
    CHAT = "chat"
    BALLOT = "ballot"


def demo_command(
    scenario: Annotated[
        Scenario,
        typer.Option(
            help="chat: members, officers and organisers talk to the bot on both platforms; "
            "ballot: a postal ballot's reminders, banking and turnout on a fast clock; all: both."
        ),
    ] = Scenario.ALL,
) -> None:
    """Play scripted sessions on Telegram and Slack stand-ins on loopback (no accounts)."""
    from bot.demo import run_demo  # the platforms: see the module's docstring
    from bot.demo_ballot import run_ballot_demo

    cfg = settings()  # the transcript is the output: warnings only, as for a plain verb
    if scenario in (Scenario.ALL, Scenario.CHAT):
        counts = run_async(lambda: run_demo(cfg, sys.stdout))
        if not all(counts.values()):
            raise fail("the demo finished but a platform received nothing")
    if scenario in (Scenario.ALL, Scenario.BALLOT):
        summary = run_async(lambda: run_ballot_demo(cfg, sys.stdout))
        if not summary["reminders_received"]:
            raise fail("the ballot demo finished but no reminder arrived")


def deliver_command(
    until_idle: Annotated[
        bool, typer.Option("--until-idle", help="Stop once nothing is left to send.")
    ] = False,
) -> None:
    """Run only the delivery engine: send what is pending and scheduled (no chat adapters)."""
    from bot.cli.engine import NO_PLATFORM, deliver, start_engine  # see the docstring

    async def work(app: App) -> int:
        if not (app.settings.telegram_enabled or app.settings.slack_enabled):
            # Said before the sender's lease is taken: taking it logged "this replica leads:
            # it sends and runs the due work", then this process had nothing to send with.
            raise Fatal(NO_PLATFORM)
        async with AsyncExitStack() as stack:
            engine = await start_engine(app, stack)
            if engine is None:
                raise Fatal("another process holds the sender lock and is delivering")
            return await deliver(app, engine, until_idle=until_idle)

    sent = on_app(work, settings(chatty=True))
    say(f"Delivered {counted(sent, 'message')}; nothing is left pending.")


# Each its own default, so both stand-ins run at once as the README shows.
STANDIN_PORTS = {"telegram": 8081, "slack": 8082}


def standin_command(
    platform: Annotated[str, typer.Argument(help="telegram or slack")],
    port: Annotated[
        int | None,
        typer.Option(
            help="Port on 127.0.0.1 (0: any free one). Default: 8081 for telegram, 8082 for"
            " slack, so both can run at once.",
            show_default=False,
        ),
    ] = None,
    delay: Annotated[float, typer.Option(help="Round-trip delay in seconds.")] = 0.0,
    limits: Annotated[bool, typer.Option(help="Enforce the platform's rate limits.")] = False,
) -> None:
    """Run a loopback stand-in for the Telegram Bot API or the Slack Web API (no account).

    Prints one JSON line with its URL and token, then serves until interrupted. Point
    TELEGRAM_API_BASE_URL or SLACK_API_BASE_URL at it. Telegram's accepts
    POST /_standin/say {"user": 1, "text": "/help"} to play a user (add "chat": -1001,
    "title": "Leeds" for a group, "topic": 4 for a forum topic) and shows what the bot sent
    at GET /_standin/said?chat=1; both serve GET /_standin/stats.
    """
    from bot.standins.slack import SlackStandIn  # a web server: see the module's docstring
    from bot.standins.telegram import TelegramStandIn

    server: TelegramStandIn | SlackStandIn
    info = {"platform": platform}
    if platform == "telegram":
        server = TelegramStandIn(delay=delay, enforce_limits=limits)
    elif platform == "slack":
        server = SlackStandIn(delay=delay, enforce_limits=limits)
        info["signing_secret"] = server.signing_secret
    else:
        raise fail("PLATFORM: use telegram or slack")
    chosen = STANDIN_PORTS[platform] if port is None else port
    run_async(lambda: _serve(server, chosen, info))


async def _serve(server: TelegramStandIn | SlackStandIn, port: int, info: dict[str, str]) -> None:
    """Serve until interrupted, after one JSON line saying where and with which token."""
    try:
        url = await server.start(port=port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            problem = f"port {port} is in use: choose another with --port N (0: any free one)"
            raise Fatal(problem) from None
        raise Fatal(f"cannot serve on 127.0.0.1:{port}: {error.strerror}") from None
    info |= {"url": url, "base_url": server.base_url, "token": server.token}
    sys.stdout.write(json.dumps(info) + "\n")
    sys.stdout.flush()
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()
