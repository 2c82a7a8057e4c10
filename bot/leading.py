"""What the holder of the sender's lease runs: the platforms' senders, the delivery engine
(recovering what older epochs left in flight) and the due work; and what every replica shows
of it (/health, /metrics); and, while it leads, the inbox rows that replicas which died left
unhandled."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack
from functools import partial
from typing import TYPE_CHECKING

from bot.adapters.console.sender import NoTerminal
from bot.adapters.inbox import Work
from bot.cluster.leadership import Failure, Leadership
from bot.cluster.takeover import Takeover
from bot.delivery.engine import Engine
from bot.delivery.ports import Sender
from bot.delivery.worker import WorkerOptions
from bot.observe.health import ClusterHealth, Readiness
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
    if senders:  # with no platform, a console group's messages wait for `campaign-bot chat`
        senders.append(NoTerminal())
    return senders


async def start_sending(
    app: App,
    stack: AsyncExitStack,
    epoch: int,
    unlimited: bool = False,
    options: WorkerOptions | None = None,
    senders: Sequence[Sender] | None = None,
    due_work: bool = True,
) -> tuple[Engine, DueWork]:
    """The engine and (unless not `due_work`: it is then never started) the due work, on a
    stack closed when this epoch's lease ends."""
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
        token_retry=app.settings.token_retry_seconds,
    )
    await engine.start(stack)
    due = DueWork(Wakeups(app.clock), app.clock, app.due, app.due_bell)
    if due_work:
        await due.start(stack)
    return engine, due


def watch(running: Running, leadership: Leadership) -> None:
    """/health, /ready and /metrics for this replica (on a database; not on the in-memory fake)."""
    app, http, database = running.app, running.http, running.app.database
    if database is None:
        return
    limit = app.settings.health_overdue_seconds
    http.statuses["cluster"] = ClusterHealth(
        leadership, database, app.due, app.clock, limit, lambda: running.engine
    )
    http.readiness["database"] = Readiness(leadership, database)
    page = MetricsPage(app.metrics, database, app.due, app.clock, lambda: leadership)
    http.route("GET", "/metrics", page.handle)


async def lead(running: Running, work: AsyncExitStack, epoch: int) -> Failure:
    """The leader's work, on a stack closed when leadership ends."""
    engine, due = await start_sending(running.app, work, epoch)
    running.engine = engine
    work.callback(setattr, running, "engine", None)
    if running.telegram is not None:
        await running.telegram.receive(work)
    if running.app.database is not None:
        await take_over_inbox(running.app, work, partial(work_for, running))
    return lambda: engine.failed() or due.failed()


def work_for(running: Running, source: str) -> Work | None:
    """How an inbox row from `source` is handled here (None: that platform is not)."""
    if source == "telegram:update" and running.telegram is not None:
        return running.telegram.handle
    platform, _, kind = source.partition(":")
    if platform == "slack" and running.slack is not None:
        return partial(running.slack.handle, kind)
    return None


async def take_over_inbox(
    app: App, work: AsyncExitStack, work_for: Callable[[str], Work | None]
) -> Takeover:
    """Handle what replicas that died had stored and not handled, while this one leads."""
    assert app.database is not None
    ingress = app.ingress()
    work.push_async_callback(ingress.drain)
    dead_after = app.settings.leader_lease_seconds
    takeover = Takeover(app.store.inbox, app.database, app.clock, ingress, work_for, dead_after)
    await takeover.start(work)
    return takeover


def lost_lease(engine: Engine) -> None:
    """After the engine stopped with its lease: say so to whoever watches it (the CLI)."""
    for worker in engine.workers:
        settle = worker.settle
        settle.halted = settle.halted or "this process no longer holds the sender's lease"
