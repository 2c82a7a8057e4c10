"""/forget while messages for the member are queued or scheduled (RELIABILITY.md row 27):
what is queued for their DM is cancelled, what is scheduled does not reach them, and the
platform receives nothing more for them; everyone else still gets theirs."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from bot.core.caller import Caller
from bot.core.models import ChatKind, Identity, Platform, SubscriptionState
from bot.core.results import BroadcastRequest
from tests.delivery_kit import Kit, delivery_kit

PRIYA = "7000123"


async def her_dm(kit: Kit) -> int:
    store = kit.app.store
    member = await store.members.get_or_create(Identity(Platform.TELEGRAM, PRIYA))
    channel = await store.channels.upsert(
        Platform.TELEGRAM, PRIYA, ChatKind.DM, "Priya", member_id=member.id
    )
    for topic in ("pay", "ballots"):
        await store.subscriptions.add(channel.id, "dwp-leeds", topic, SubscriptionState.ACTIVE)
    return channel.id


async def test_forget_cancels_what_is_queued_and_scheduled_for_the_member(
    tmp_path: Path,
) -> None:
    async with delivery_kit(tmp_path, telegram=2) as kit:
        channel_id = await her_dm(kit)
        await kit.engine_stack.aclose()  # type: ignore[union-attr]  # nothing goes yet
        queued = await kit.send("Queued before she asked to be forgotten.")
        assert channel_id in {
            d.channel_id for d in await kit.app.store.deliveries.for_broadcast(queued.id)
        }
        soon = kit.app.clock.now() + timedelta(seconds=6)  # (sent before then, even under load)
        request = BroadcastRequest("pay", "all", "Scheduled.", title="Later", send_at=soon)
        later = (await kit.app.services.broadcasts.send(request, Caller.operator())).broadcast
        priya = await kit.app.services.roles.caller(Identity(Platform.TELEGRAM, PRIYA))
        await kit.app.services.members.forget(priya)
        await kit.restart()
        await kit.settle(queued)
        for _ in range(400):  # until the scheduled one has gone to the others
            if all(kit.received(c) == 2 for c in kit.channels):
                break
            await asyncio.sleep(0.05)
        await kit.settle(later)
        assert [kit.received(c) for c in kit.channels] == [2, 2]
        assert kit.tg.received[PRIYA] == []
        for broadcast in (queued, later):
            rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
            assert channel_id not in {d.channel_id for d in rows}
        assert await kit.app.store.channels.get(channel_id) is None
