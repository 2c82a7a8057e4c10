"""The contract, continued: channels as places (a chat, or a forum topic in it), and a
platform's channels suspended while its app is cut off — on memory, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.models import (
    Broadcast,
    BroadcastState,
    ChannelState,
    ChatKind,
    DeliveryState,
    Platform,
    SubscriptionState,
)
from bot.core.ports import Store

T0 = datetime(2023, 4, 20, 8, 0, tzinfo=UTC)
FORUM = "-1001234567891"


async def test_a_forum_topic_is_a_place_of_its_own(store: Store) -> None:
    chat = await store.channels.upsert(Platform.TELEGRAM, FORUM, ChatKind.GROUP, "Branch forum")
    topic = await store.channels.upsert(
        Platform.TELEGRAM, FORUM, ChatKind.GROUP, "Branch forum", thread="4"
    )
    again = await store.channels.upsert(Platform.TELEGRAM, FORUM, ChatKind.GROUP, thread="4")
    assert topic.id != chat.id and again.id == topic.id and topic.thread == "4"
    assert chat.thread == ""
    assert await store.channels.find(Platform.TELEGRAM, FORUM) == chat
    assert await store.channels.find(Platform.TELEGRAM, FORUM, "4") == topic
    assert await store.channels.find(Platform.TELEGRAM, FORUM, "5") is None
    assert [c.id for c in await store.channels.for_chat(Platform.TELEGRAM, FORUM)] == [
        chat.id,
        topic.id,
    ]
    await store.subscriptions.add(topic.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    assert await store.subscriptions.audience("pay") == [topic.id]
    made = await store.broadcasts.create(Broadcast(0, "t", "b", "pay", created_at=T0))
    await store.broadcasts.enqueue(made.id, [topic.id])
    [claimed] = await store.deliveries.claim(Platform.TELEGRAM, T0, 10)
    assert claimed.channel.thread == "4" and claimed.channel.chat_id == FORUM


async def test_a_suspended_platform_queues_but_holds_its_messages(store: Store) -> None:
    slack = [
        await store.channels.upsert(Platform.SLACK, f"C{i}", ChatKind.CHANNEL) for i in range(3)
    ]
    telegram = await store.channels.upsert(Platform.TELEGRAM, "-100", ChatKind.GROUP)
    await store.channels.set_state(slack[2].id, ChannelState.GONE)
    for channel in (*slack, telegram):
        await store.subscriptions.add(channel.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    first = await store.broadcasts.create(Broadcast(0, "t", "b", "pay", created_at=T0))
    await store.broadcasts.enqueue(first.id, [slack[0].id])
    assert await store.channels.suspend(Platform.SLACK) == 2  # the gone one stays gone
    assert (await store.channels.get(slack[0].id)).state is ChannelState.SUSPENDED  # type: ignore[union-attr]
    assert (await store.channels.get(slack[2].id)).state is ChannelState.GONE  # type: ignore[union-attr]
    assert (await store.channels.get(telegram.id)).state is ChannelState.ACTIVE  # type: ignore[union-attr]
    # Queued for, never claimed while suspended: held, not failed.
    queued_for = sorted([slack[0].id, slack[1].id, telegram.id])
    assert await store.subscriptions.audience("pay") == queued_for
    second = await store.broadcasts.create(
        Broadcast(0, "t", "b", "pay", state=BroadcastState.DRAFT, created_at=T0)
    )
    await store.broadcasts.enqueue(second.id, await store.subscriptions.audience("pay"))
    assert await store.deliveries.claim(Platform.SLACK, T0, 10) == []
    [claimed] = await store.deliveries.claim(Platform.TELEGRAM, T0, 10)
    assert claimed.channel.id == telegram.id
    held = await store.deliveries.for_broadcast(first.id)
    assert [d.state for d in held] == [DeliveryState.PENDING]
    assert await store.channels.resume(Platform.SLACK) == 2
    again = await store.deliveries.claim(Platform.SLACK, T0, 10)
    assert sorted(c.channel.id for c in again) == sorted([slack[0].id, slack[0].id, slack[1].id])


async def test_a_moved_slack_channel_keeps_its_kind(store: Store) -> None:
    old = await store.channels.upsert(Platform.SLACK, "G1002", ChatKind.GROUP, "reps")
    await store.subscriptions.add(old.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    assert await store.channels.migrate(old.id, "C1005") == old.id
    moved = await store.channels.find(Platform.SLACK, "C1005")
    assert moved is not None and moved.kind is ChatKind.GROUP and moved.title == "reps"
    assert [s.topic for s in await store.subscriptions.for_channel(moved.id)] == ["pay"]


async def test_a_deleted_subscription_request_gives_its_id_to_no_other(store: Store) -> None:
    """Was SQLite's highest id + 1 again: an officer's Approve button (/approve 1) for a
    request since declined approved the next request, another chat's (migration 0017)."""
    first = await store.channels.upsert(Platform.TELEGRAM, "-1001", ChatKind.GROUP, "Social")
    other = await store.channels.upsert(Platform.TELEGRAM, "-1002", ChatKind.GROUP, "Reps")
    waiting = SubscriptionState.PENDING
    declined = await store.subscriptions.add(first.id, "dwp-leeds", "reports", waiting)
    assert await store.subscriptions.delete(declined.id)
    later = await store.subscriptions.add(other.id, "dwp-leeds", "pay", waiting)
    assert later.id != declined.id and await store.subscriptions.get(declined.id) is None
