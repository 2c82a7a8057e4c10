"""The contract, continued: what delivery needs of the store after a crash and a block —
rows for channels no longer active are never claimed, and are found to be skipped; the first
claim is remembered (a look-up searches from then); a platform whose sends can be looked up
never gives a send in doubt up as unknown; a looked-up send is no longer in doubt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.models import (
    Broadcast,
    BroadcastState,
    ChannelState,
    ChatKind,
    DeliveryState,
    Outcome,
    Platform,
)
from bot.core.ports import Store

T0 = datetime(2023, 4, 20, 8, 0, tzinfo=UTC)


async def _queued(store: Store, platform: Platform, n: int) -> tuple[int, list[int]]:
    channels = []
    for i in range(n):
        chat = f"C{i:04d}" if platform is Platform.SLACK else str(-100 - i)
        channels.append((await store.channels.upsert(platform, chat, ChatKind.GROUP)).id)
    made = await store.broadcasts.create(
        Broadcast(0, "Pay", "Talks resume.", "pay", state=BroadcastState.DRAFT, created_at=T0)
    )
    await store.broadcasts.enqueue(made.id, channels)
    return made.id, channels


async def test_rows_for_channels_no_longer_active_are_never_claimed(store: Store) -> None:
    broadcast, (ok, blocked, attention) = await _queued(store, Platform.TELEGRAM, 3)
    await store.channels.set_state(blocked, ChannelState.BLOCKED)
    await store.channels.set_state(attention, ChannelState.NEEDS_ATTENTION)
    claimed = await store.deliveries.claim(Platform.TELEGRAM, T0, 10)
    assert [c.channel.id for c in claimed] == [ok]
    stranded = await store.deliveries.unreachable(Platform.TELEGRAM, 10)
    assert [(c.channel.id, c.channel.state) for c in stranded] == [
        (blocked, ChannelState.BLOCKED),
        (attention, ChannelState.NEEDS_ATTENTION),
    ]
    assert await store.deliveries.unreachable(Platform.SLACK, 10) == []
    await store.deliveries.apply(
        [Outcome(c.delivery.id, DeliveryState.SKIPPED, "skipped: blocked", at=T0) for c in stranded]
    )
    assert await store.deliveries.unreachable(Platform.TELEGRAM, 10) == []
    assert await store.deliveries.unsettled(broadcast) == 1  # the one claimed
    states = {d.channel_id: d.state for d in await store.deliveries.for_broadcast(broadcast)}
    assert states == {
        ok: DeliveryState.SENDING,
        blocked: DeliveryState.SKIPPED,
        attention: DeliveryState.SKIPPED,
    }


async def test_first_claim_is_remembered_and_a_looked_up_send_is_no_longer_in_doubt(
    store: Store,
) -> None:
    broadcast, _ = await _queued(store, Platform.SLACK, 2)
    first = await store.deliveries.claim(Platform.SLACK, T0, 10)
    assert [c.delivery.first_tried_at for c in first] == [T0, T0]
    assert await store.deliveries.recover(checkable=[Platform.SLACK]) == 2
    later = T0 + timedelta(minutes=5)
    again = await store.deliveries.claim(Platform.SLACK, later, 10)
    assert [c.delivery.first_tried_at for c in again] == [T0, T0]  # not moved on
    assert all(c.delivery.ambiguous for c in again)
    # A second crash: on a platform that can look sends up, nothing is given up as unknown.
    assert await store.deliveries.recover(checkable=[Platform.SLACK]) == 2
    rows = await store.deliveries.for_broadcast(broadcast)
    assert {d.state for d in rows} == {DeliveryState.PENDING}
    assert all(d.ambiguous for d in rows)
    found, resent = await store.deliveries.claim(Platform.SLACK, later, 10)
    await store.deliveries.apply(
        [
            Outcome(found.delivery.id, DeliveryState.SENT, "found", at=later, resolved=True),
            Outcome(resent.delivery.id, DeliveryState.SENT, at=later, resolved=True),
        ]
    )
    rows = await store.deliveries.for_broadcast(broadcast)
    assert [(d.state, d.ambiguous) for d in rows] == [(DeliveryState.SENT, False)] * 2
