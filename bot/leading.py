"""What the holder of the sender's lease runs: the platforms' senders, the delivery engine
(recovering what older epochs left in flight) and the due work."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from bot.delivery.engine import Engine
from bot.delivery.ports import Sender
from bot.delivery.worker import WorkerOptions
from bot.observe.metrics import CountedSender
from bot.scheduling.due import DueWork
from bot.scheduling.wakeups import Wakeups
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import App


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


def lost_lease(engine: Engine) -> None:
    """After the engine stopped with its lease: say so to whoever watches it (the CLI)."""
    for worker in engine.workers:
        worker.halted = worker.halted or "this process no longer holds the sender's lease"
