"""`campaign-bot run`: start every configured adapter in one event loop, one lifecycle."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

from bot.app import App, build_app
from bot.core.clock import Clock
from bot.delivery.build import build_senders
from bot.delivery.engine import Engine
from bot.delivery.lock import acquire_sender_lock
from bot.delivery.ports import Sender
from bot.delivery.worker import WorkerOptions
from bot.http import HttpServer
from bot.scheduling.wakeups import Wakeups
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Running:
    """A started bot: what tests, the demo and `run` hold on to."""

    app: App
    http: HttpServer
    telegram: object | None = None
    slack: object | None = None
    engine: Engine | None = None
    stopped: asyncio.Event = field(default_factory=asyncio.Event)


async def start_bot(
    settings: Settings, stack: AsyncExitStack, clock: Clock | None = None
) -> Running:
    """Build the app and start every configured platform adapter and the HTTP server."""
    app = await build_app(settings, stack, clock)
    http = HttpServer(settings.http_host, settings.http_port)
    running = Running(app, http)
    if settings.telegram_enabled:
        from bot.adapters.telegram.app import TelegramAdapter

        running.telegram = TelegramAdapter(app)
        await running.telegram.start(stack, http)
    if settings.slack_enabled:
        from bot.adapters.slack.app import SlackAdapter

        running.slack = SlackAdapter(app)
        await running.slack.start(stack, http)
    running.engine = await start_delivery(app, stack)
    if running.engine is not None:
        http.checks["delivery"] = running.engine.healthy
    url = await http.start(stack)
    log.info("http: listening on %s (/health)", url)
    return running


async def start_delivery(
    app: App,
    stack: AsyncExitStack,
    *,
    unlimited: bool = False,
    options: WorkerOptions | None = None,
    senders: Sequence[Sender] | None = None,
) -> Engine | None:
    """Workers, recovery and scheduled releases, if no other process is sending already."""
    if not await acquire_sender_lock(app.store.engine, stack):
        log.warning("another process holds the sender lock: this one will not send")
        return None
    if senders is None:
        senders = await build_senders(app.settings, stack)
    engine = Engine(app.store, app.clock, app.outbox, senders, unlimited, options)
    await engine.start(stack)
    wakeups = Wakeups(app.clock)
    wakeups.start(stack)
    engine.schedule_releases(wakeups)
    app.outbox.on_scheduled.append(lambda b: engine.plan_one(b))
    await engine.plan()
    await engine._release_due()
    app.ballots.wakeups = wakeups
    await app.ballots.schedule()
    wakeups.every("reminders-sweep", 30, app.ballots.fire_due)
    await app.ballots.fire_due()  # catch up on anything that fell due while we were down
    app.actions.wakeups = wakeups
    wakeups.every("timers-sweep", 30, app.actions.fire_due)
    await app.actions.fire_due()  # report deadlines and consultation closes missed while down
    wakeups.every("retention", 6 * 3600, app.actions.sweep_retention)
    await app.actions.sweep_retention()
    return engine


async def run_bot(settings: Settings) -> None:
    async with AsyncExitStack() as stack:
        if not (settings.telegram_enabled or settings.slack_enabled):
            from bot.adapters.console.chat import act_as, run_console
            from bot.core.models import Role

            app = await build_app(settings, stack)
            log.info("no platform tokens set: starting the console chat")
            await act_as(app, Role.MEMBER, None)
            await run_console(app)
            return
        # Handlers first: a stop asked for during start-up is honoured once start-up ends.
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        running = await start_bot(settings, stack)
        log.info("campaign bot running; Ctrl-C to stop")
        stopped = asyncio.create_task(running.stopped.wait())
        asked = asyncio.create_task(stop.wait())
        await asyncio.wait({stopped, asked}, return_when=asyncio.FIRST_COMPLETED)
        for task in (stopped, asked):
            task.cancel()
        log.info("stopping")
