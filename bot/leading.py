"""What the holder of the sender's lease runs: the platforms' senders, the delivery engine
(recovering what older epochs left in flight) and the due work; and what every replica shows
of it (/health, /metrics)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cluster.leadership import Failure, Leadership
from bot.delivery.engine import Engine
from bot.delivery.ports import Sender
from bot.delivery.worker import WorkerOptions
from bot.observe.health import ClusterHealth
from bot.observe.metrics import CountedSender, MetricsPage
from bot.scheduling.due import DueWork
from bot.scheduling.wakeups import Wakeups
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import App, Running


async def make_senders(settings: Settings, stack: AsyncExitStack) -> list[Sender]:
    # The platform libraries take about a second to import: only a sending process needs them.
    from bot.adapters import slack, telegram

    senders: list[Sender] = []
    if settings.telegram_bot_token is not None:
        senders.append(await telegram.make_sender(settings, stack))
    if settings.slack_bot_token is not None:
        senders.append(await slack.make_sender(settings, stack))
    return senders


async def start_sending(
    app: App,
    stack: AsyncExitStack,
    epoch: int,
    unlimited: bool = False,
    options: WorkerOptions | None = None,
    senders: Sequence[Sender] | None = None,
) -> tuple[Engine, DueWork]:
    """The engine and the due work, on a stack closed when this epoch's lease ends."""
    if senders is None:
        senders = await make_senders(app.settings, stack)
    counted = [CountedSender(sender, app.metrics) for sender in senders]
    engine = Engine(
        app.store,
        app.clock,
        app.outbox,
        counted,
        app.delivery_bell,
        unlimited,
        options,
        app.pacers,
        epoch=epoch,
    )
    await engine.start(stack)
    due = DueWork(Wakeups(app.clock), app.clock, app.due, app.due_bell)
    await due.start(stack)
    return engine, due


def watch(running: Running, database: AsyncEngine, leadership: Leadership) -> None:
    """/health and /metrics for this replica."""
    app, http = running.app, running.http
    limit = app.settings.health_overdue_seconds
    http.statuses["cluster"] = ClusterHealth(
        leadership, database, app.due, app.clock, limit, lambda: running.engine
    )
    page = MetricsPage(app.metrics, database, app.due, app.clock, lambda: leadership)
    http.route("GET", "/metrics", page.handle)


async def lead(running: Running, work: AsyncExitStack, epoch: int) -> Failure:
    """The leader's work, on a stack closed when leadership ends."""
    engine, due = await start_sending(running.app, work, epoch)
    running.engine = engine
    work.callback(setattr, running, "engine", None)
    if running.telegram is not None:
        await running.telegram.receive(work)
    return lambda: engine.failed() or due.failed()


def lost_lease(engine: Engine) -> None:
    """After the engine stopped with its lease: say so to whoever watches it (the CLI)."""
    for worker in engine.workers:
        worker.halted = worker.halted or "this process no longer holds the sender's lease"
