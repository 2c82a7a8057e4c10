"""The delivery engine inside a CLI process: `deliver` until idle, `broadcast send` until its
broadcast has settled. Both refuse to start a second sender next to the running bot's."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AsyncExitStack

from bot.app import App, start_delivery
from bot.cli.common import Fatal
from bot.core.models import BroadcastState
from bot.delivery.engine import Engine

NO_PLATFORM = "no platform is configured: set TELEGRAM_BOT_TOKEN and/or SLACK_BOT_TOKEN"
POLL = 0.2


async def start_engine(app: App, stack: AsyncExitStack) -> Engine | None:
    """The engine, or None when another process (the running bot) holds the sender lock."""
    # With no platform, no due work: it would fire or skip reminders, and `deliver` then end
    # "no platform is configured" having changed what is planned.
    platforms = app.settings.telegram_enabled or app.settings.slack_enabled
    engine = await start_delivery(app, stack, due=platforms)
    if engine is not None and not engine.workers:
        raise Fatal(NO_PLATFORM)
    return engine


async def deliver(app: App, engine: Engine, *, until_idle: bool) -> int:
    """Send what is due, for ever or until nothing is pending or in flight; returns how many
    messages were sent. Until idle, a platform that refuses the token ends it (exit 2);
    for ever, its worker asks again now and then and sends once the token is accepted."""
    while True:
        pending = await app.store.deliveries.pending_platforms()
        if until_idle and not pending and not engine.busy():
            await engine.writer.flush()
            await _finish_queued(app)
            return sum(w.sent for w in engine.workers)
        if until_idle and (halted := engine.halted()):
            raise Fatal(halted)
        await asyncio.sleep(POLL)


async def _finish_queued(app: App) -> None:
    """Broadcasts whose every delivery has settled are done (the running bot's engine does
    this every half second; a CLI process that stops once idle does it before it stops)."""
    queued = {
        b.id for b in await app.store.broadcasts.recent(500) if b.state is BroadcastState.QUEUED
    }
    await app.outbox.after_outcomes(queued)


async def watch(
    app: App, engine: Engine | None, broadcast_id: int, progress: Callable[[int], None]
) -> None:
    """Until every delivery of one broadcast has settled, telling `progress` how many are
    left; sent by this process's engine, or by the running bot's when `engine` is None."""
    while True:
        left = await app.store.deliveries.unsettled(broadcast_id)
        progress(left)
        if left == 0:
            break
        if engine is not None and (halted := engine.halted()):
            raise Fatal(f"{halted}; deliveries kept pending")
        await asyncio.sleep(POLL)
    if engine is not None:
        await engine.writer.flush()
        await app.outbox.after_outcomes({broadcast_id})
