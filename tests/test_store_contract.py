"""One contract for every store: memory, SQLite and PostgreSQL must behave alike."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from bot.core.models import (
    AuditEntry,
    Ballot,
    BallotKind,
    Branch,
    Broadcast,
    BroadcastState,
    ChannelState,
    ChatKind,
    DeliveryState,
    Identity,
    InboxItem,
    InboxState,
    Outcome,
    Platform,
    Question,
    ReminderState,
    Role,
    RoleGrant,
    SubscriptionState,
)
from bot.core.ports import Store

T0 = datetime(2023, 4, 20, 8, 0, tzinfo=UTC)


async def test_members_are_created_once_and_linked(store: Store) -> None:
    tg = Identity(Platform.TELEGRAM, "5000000001")
    first = await store.members.get_or_create(tg)
    again = await store.members.get_or_create(tg)
    assert first.id == again.id
    assert first.identities == (tg,)
    slack = Identity(Platform.SLACK, "U0123")
    await store.members.link(first.id, slack)
    linked = await store.members.find(slack)
    assert linked is not None and linked.id == first.id
    assert set(linked.identities) == {tg, slack}


async def test_member_branch_and_delete(store: Store) -> None:
    await store.branches.upsert(Branch("dwp-leeds", "dwp", "DWP Leeds"))
    member = await store.members.get_or_create(Identity(Platform.SLACK, "U9"))
    await store.members.set_branch(member.id, "dwp-leeds")
    await store.roles.grant(RoleGrant(member.id, Role.MEMBER, "dwp-leeds"))
    assert (await store.members.get(member.id)).branch == "dwp-leeds"
    await store.members.delete(member.id)
    assert await store.members.get(member.id) is None
    assert await store.members.find(Identity(Platform.SLACK, "U9")) is None
    assert await store.roles.for_member(member.id) == []


async def test_roles_grant_is_idempotent_and_revocable(store: Store) -> None:
    member = await store.members.get_or_create(Identity(Platform.TELEGRAM, "42"))
    grant = RoleGrant(member.id, Role.OFFICER, "hmrc-liverpool")
    await store.roles.grant(grant)
    await store.roles.grant(grant)
    await store.roles.grant(RoleGrant(member.id, Role.ORGANISER, None))
    assert await store.roles.for_member(member.id) == [
        grant,
        RoleGrant(member.id, Role.ORGANISER, None),
    ]
    assert [g.member_id for g in await store.roles.holders(Role.OFFICER, "hmrc-liverpool")] == [
        member.id
    ]
    assert await store.roles.holders(Role.OFFICER, "dwp-leeds") == []
    assert await store.roles.revoke(member.id, Role.ORGANISER) is True
    assert await store.roles.revoke(member.id, Role.ORGANISER) is False
    assert await store.roles.for_member(member.id) == [grant]


async def test_branches_upsert(store: Store) -> None:
    await store.branches.upsert(Branch("dwp-leeds", "dwp", "DWP Leeds"))
    await store.branches.upsert(Branch("dwp-leeds", "dwp", "DWP Leeds Quarry House"))
    await store.branches.upsert(Branch("a-branch", None, None))
    assert [b.name for b in await store.branches.all()] == ["a-branch", "dwp-leeds"]
    assert (await store.branches.get("dwp-leeds")).title == "DWP Leeds Quarry House"
    assert await store.branches.get("nope") is None


async def test_channel_ids_hold_64_bit_telegram_ids(store: Store) -> None:
    big = str(-1001234567890123)  # a supergroup id, far past 2^32
    channel = await store.channels.upsert(Platform.TELEGRAM, "-4001", ChatKind.GROUP, "Leeds")
    assert await store.channels.migrate(channel.id, big) == channel.id
    found = await store.channels.find(Platform.TELEGRAM, big)
    assert found is not None and found.id == channel.id and found.title == "Leeds"
    assert await store.channels.find(Platform.TELEGRAM, "-4001") is None
    await store.channels.set_state(channel.id, ChannelState.BLOCKED)
    assert (await store.channels.get(channel.id)).state is ChannelState.BLOCKED


async def test_migration_onto_a_known_chat_merges(store: Store) -> None:
    old = await store.channels.upsert(Platform.TELEGRAM, "-4001", ChatKind.GROUP, "Leeds")
    new = await store.channels.upsert(Platform.TELEGRAM, "-1009876543210", ChatKind.GROUP)
    await store.subscriptions.add(old.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    await store.subscriptions.add(old.id, "dwp-leeds", "ballots", SubscriptionState.ACTIVE)
    await store.subscriptions.add(new.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    made = await store.broadcasts.create(_broadcast())
    await store.broadcasts.enqueue(made.id, [old.id])
    assert await store.channels.migrate(old.id, "-1009876543210") == new.id
    assert await store.channels.get(old.id) is None
    merged = await store.channels.find(Platform.TELEGRAM, "-1009876543210")
    assert merged is not None and merged.id == new.id and merged.title == "Leeds"
    topics = sorted(s.topic for s in await store.subscriptions.for_channel(new.id))
    assert topics == ["ballots", "pay"]
    assert [d.channel_id for d in await store.deliveries.for_broadcast(made.id)] == [new.id]


async def test_same_chat_id_on_two_platforms_is_two_channels(store: Store) -> None:
    a = await store.channels.upsert(Platform.TELEGRAM, "C1", ChatKind.GROUP)
    b = await store.channels.upsert(Platform.SLACK, "C1", ChatKind.CHANNEL)
    again = await store.channels.upsert(Platform.SLACK, "C1", ChatKind.CHANNEL, "general")
    assert a.id != b.id and again.id == b.id and again.title == "general"


async def _channels(store: Store, n: int) -> list[int]:
    made = []
    for i in range(n):
        ch = await store.channels.upsert(Platform.TELEGRAM, str(-100 - i), ChatKind.GROUP)
        made.append(ch.id)
    return made


async def test_subscriptions_and_audience(store: Store) -> None:
    a, b, c = await _channels(store, 3)
    await store.subscriptions.add(a, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    await store.subscriptions.add(a, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    await store.subscriptions.add(b, "hmrc-liverpool", "pay", SubscriptionState.ACTIVE)
    pending = await store.subscriptions.add(c, "dwp-leeds", "pay", SubscriptionState.PENDING)
    assert await store.subscriptions.audience("pay") == [a, b]
    assert await store.subscriptions.audience("pay", ["dwp-leeds"]) == [a]
    assert await store.subscriptions.audience("ballots") == []
    await store.subscriptions.set_state(pending.id, SubscriptionState.ACTIVE)
    assert await store.subscriptions.audience("pay", ["dwp-leeds"]) == [a, c]
    await store.channels.set_state(b, ChannelState.GONE)
    assert await store.subscriptions.audience("pay") == [a, c]
    assert len(await store.subscriptions.for_channel(a)) == 1
    assert await store.subscriptions.remove(a) == 1
    assert await store.subscriptions.audience("pay") == [c]


def _broadcast(**changes: Any) -> Broadcast:
    values: dict[str, Any] = {
        "id": 0,
        "title": "Pay update",
        "body": "Talks resume",
        "topic": "pay",
        "state": BroadcastState.DRAFT,
        "created_at": T0,
    }
    values.update(changes)
    return Broadcast(**values)


async def test_broadcast_enqueue_makes_one_delivery_per_channel_once(store: Store) -> None:
    channels = await _channels(store, 4)
    made = await store.broadcasts.create(_broadcast(branches=("dwp-leeds",)))
    assert made.id > 0 and made.branches == ("dwp-leeds",) and made.created_at == T0
    assert await store.broadcasts.enqueue(made.id, channels) == 4
    assert await store.broadcasts.enqueue(made.id, channels) == 0  # never twice
    assert (await store.broadcasts.get(made.id)).state is BroadcastState.QUEUED
    deliveries = await store.deliveries.for_broadcast(made.id)
    assert sorted(d.channel_id for d in deliveries) == channels
    assert {d.state for d in deliveries} == {DeliveryState.PENDING}


async def test_scheduled_broadcasts_fall_due(store: Store) -> None:
    later = await store.broadcasts.create(
        _broadcast(state=BroadcastState.SCHEDULED, send_at=T0 + timedelta(hours=2))
    )
    assert [b.id for b in await store.broadcasts.scheduled()] == [later.id]
    assert await store.broadcasts.due(T0) == []
    due = await store.broadcasts.due(T0 + timedelta(hours=2))
    assert [b.id for b in due] == [later.id]
    assert due[0].send_at == T0 + timedelta(hours=2)
    await store.broadcasts.set_state(later.id, BroadcastState.CANCELLED)
    assert await store.broadcasts.due(T0 + timedelta(days=1)) == []
    assert await store.broadcasts.enqueue(later.id, await _channels(store, 1)) == 0


async def test_claim_apply_and_recover(store: Store) -> None:
    channels = await _channels(store, 4)
    made = await store.broadcasts.create(_broadcast(values={"k": "v"}, buttons=(("OK", "/ok"),)))
    assert made.values == {"k": "v"} and made.buttons == (("OK", "/ok"),)
    await store.broadcasts.enqueue(made.id, channels)
    assert await store.deliveries.pending_platforms() == {Platform.TELEGRAM}
    first = await store.deliveries.claim(Platform.TELEGRAM, T0, 3)
    assert [c.channel.id for c in first] == channels[:3]
    assert first[0].channel.chat_id == "-100" and first[0].channel.kind is ChatKind.GROUP
    assert {c.delivery.state for c in first} == {DeliveryState.SENDING}
    assert all(c.delivery.attempts == 1 for c in first)
    assert await store.deliveries.claim(Platform.SLACK, T0, 10) == []
    sent, later, halted = (c.delivery.id for c in first)
    await store.deliveries.apply(
        [
            Outcome(sent, DeliveryState.SENT, at=T0),
            Outcome(later, DeliveryState.PENDING, "429", T0 + timedelta(seconds=30), True),
            Outcome(halted, DeliveryState.PENDING, "token rejected", refund_attempt=True),
        ]
    )
    assert await store.deliveries.unsettled(made.id) == 3
    rest = await store.deliveries.claim(Platform.TELEGRAM, T0, 10)
    assert sorted(c.delivery.id for c in rest) == sorted([halted, rest[-1].delivery.id])
    assert await store.deliveries.recover() == 2  # both in flight when we "crashed"
    states = {d.id: d for d in await store.deliveries.for_broadcast(made.id)}
    assert states[halted].state is DeliveryState.PENDING and states[halted].ambiguous
    assert states[later].attempts == 0 and not states[later].ambiguous
    again = await store.deliveries.claim(Platform.TELEGRAM, T0 + timedelta(seconds=30), 10)
    assert sorted(c.delivery.id for c in again) == sorted([later, halted, rest[-1].delivery.id])
    assert await store.deliveries.recover() == 3  # a second crash: nothing is given up
    second = {d.id: d for d in await store.deliveries.for_broadcast(made.id)}
    assert second[halted].state is DeliveryState.PENDING and second[halted].ambiguous
    assert second[later].state is DeliveryState.PENDING and second[later].ambiguous
    assert second[sent].state is DeliveryState.SENT
    # A third crash, and one has been tried as often as allowed: that one is given up.
    third = await store.deliveries.claim(Platform.TELEGRAM, T0 + timedelta(seconds=30), 10)
    tries = {c.delivery.id: c.delivery.attempts for c in third}
    assert tries[halted] > tries[later]
    assert await store.deliveries.recover(most_attempts=tries[halted]) == 3
    final = {d.id: d.state for d in await store.deliveries.for_broadcast(made.id)}
    assert final[halted] is DeliveryState.UNKNOWN and final[later] is DeliveryState.PENDING


async def test_cancel_pending_and_direct_enqueue(store: Store) -> None:
    channels = await _channels(store, 3)
    made = await store.broadcasts.create(_broadcast(state=BroadcastState.QUEUED))
    assert await store.broadcasts.enqueue(made.id, channels) == 0  # queued: not twice
    assert await store.deliveries.enqueue(made.id, channels[:2]) == 2
    await store.deliveries.claim(Platform.TELEGRAM, T0, 1)
    assert await store.deliveries.cancel_pending(made.id) == 1
    states = [d.state for d in await store.deliveries.for_broadcast(made.id)]
    assert states == [DeliveryState.SENDING, DeliveryState.CANCELLED]
    assert await store.deliveries.unsettled(made.id) == 1


def _ballot(**changes: Any) -> Ballot:
    values: dict[str, Any] = {
        "name": "nec-2023",
        "title": "NEC",
        "kind": BallotKind.POSTAL_ELECTION,
        "opens_at": T0,
        "closes_at": T0 + timedelta(days=21),
        "scope_branches": ("dwp-leeds",),
    }
    values.update(changes)
    return Ballot(**values)


async def test_ballots_round_trip_with_aware_times(store: Store) -> None:
    bst = timezone(timedelta(hours=1))
    ballot = _ballot(replacement_deadline=datetime(2023, 5, 4, 17, 0, tzinfo=bst))
    await store.ballots.upsert(ballot)
    got = await store.ballots.get("nec-2023")
    assert got == ballot
    assert got.replacement_deadline.utcoffset() == timedelta(0)
    assert got.replacement_deadline == datetime(2023, 5, 4, 16, 0, tzinfo=UTC)
    await store.ballots.upsert(_ballot(title="NEC 2023", cancelled=True))
    assert [(b.title, b.cancelled) for b in await store.ballots.all()] == [("NEC 2023", True)]


async def test_reminder_plan_keeps_fired_state(store: Store) -> None:
    await store.ballots.upsert(_ballot())
    plan = [
        ("open", T0),
        ("week-before", T0 + timedelta(days=14)),
        ("close", T0 + timedelta(days=21)),
    ]
    await store.reminders.replace_plan("nec-2023", plan)
    planned = await store.reminders.planned()
    assert [r.kind for r in planned] == ["open", "week-before", "close"]
    assert await store.reminders.mark(planned[0].id, ReminderState.FIRED) is True
    assert await store.reminders.mark(planned[0].id, ReminderState.FIRED) is False
    moved = [("open", T0 + timedelta(hours=1)), ("close", T0 + timedelta(days=20))]
    await store.reminders.replace_plan("nec-2023", moved)
    after = await store.reminders.planned()
    assert [(r.kind, r.fire_at) for r in after] == [("close", T0 + timedelta(days=20))]
    assert [r.kind for r in await store.reminders.for_ballot("nec-2023")] == ["open", "close"]


async def test_withdrawing_a_file_ballot_drops_its_plan_in_one_step(store: Store) -> None:
    plan = [("open", T0), ("close", T0 + timedelta(days=21))]
    for name, from_file, cancelled in (
        ("from-file", True, False),
        ("by-command", False, False),
        ("unknown", None, False),
        ("cancelled", True, True),
    ):
        await store.ballots.upsert(_ballot(name=name, from_file=from_file, cancelled=cancelled))
        await store.reminders.replace_plan(name, plan)
    [channel] = await _channels(store, 1)
    await store.subscriptions.add(channel, "dwp-leeds", "ballots", SubscriptionState.ACTIVE)
    opened = (await store.reminders.for_ballot("from-file"))[0]
    reminder = Broadcast(0, "Vote", "body", "ballots", created_at=T0)
    [fired] = await store.reminders.fire([(opened, reminder, None)])
    assert fired is not None and fired[1] == 1
    assert await store.ballots.withdraw("from-file") == 1
    [left] = await store.deliveries.for_broadcast(fired[0])
    assert left.state is DeliveryState.CANCELLED  # fired, not yet sent: it never goes
    assert await store.ballots.withdraw("from-file") is None  # once
    for name in ("by-command", "unknown", "cancelled", "nowhere"):
        assert await store.ballots.withdraw(name) is None
    got = await store.ballots.get("from-file")
    assert got is not None and got.withdrawn and got.cancelled and got.from_file is True
    kept = await store.reminders.for_ballot("from-file")
    assert [(r.kind, r.state) for r in kept] == [("open", ReminderState.FIRED)]
    assert len(await store.reminders.for_ballot("by-command")) == 2
    untouched = await store.ballots.get("by-command")
    assert untouched is not None and not untouched.withdrawn and untouched.from_file is False


async def test_reminders_due_and_next(store: Store) -> None:
    await store.ballots.upsert(_ballot())
    assert await store.reminders.next_at() is None
    plan = [("a", T0), ("b", T0 + timedelta(hours=2)), ("c", T0 + timedelta(days=3))]
    await store.reminders.replace_plan("nec-2023", plan)
    next_at = await store.reminders.next_at()
    assert next_at == T0 and next_at.tzinfo is not None
    due = await store.reminders.due(T0 + timedelta(hours=2))
    assert [r.kind for r in due] == ["a", "b"]
    await store.reminders.mark(due[0].id, ReminderState.SKIPPED)
    assert await store.reminders.next_at() == T0 + timedelta(hours=2)
    assert [r.kind for r in await store.reminders.due(T0)] == []


async def test_audit_log(store: Store) -> None:
    await store.audit.record(
        AuditEntry(T0, "telegram:1", "/broadcast", "refused", {"needed": "organiser"})
    )
    await store.audit.record(AuditEntry(T0, "cli", "roles grant", "done", {}))
    recent = await store.audit.recent(10)
    assert [e.action for e in recent] == ["roles grant", "/broadcast"]
    assert recent[1].detail == {"needed": "organiser"} and recent[1].at == T0


def _item(key: str, text: str = "how do I join?") -> InboxItem:
    return InboxItem(key, "slack:event", T0, {"event": {"text": text, "user": "U1"}})


async def test_inbox_stores_first_then_handles_once(store: Store) -> None:
    assert await store.inbox.seen("slack:Ev1") is False
    assert await store.inbox.receive(_item("slack:Ev1"), "w1") is True
    assert await store.inbox.receive(_item("slack:Ev1", "changed"), "w2") is False
    row = await store.inbox.get("slack:Ev1")
    assert row is not None and row.state is InboxState.RECEIVED
    assert row.claimed_by == "w1"
    assert row.payload == {"event": {"text": "how do I join?", "user": "U1"}}
    assert await store.inbox.claim("slack:Ev1", "w2", T0) is None  # w1 holds it
    await store.inbox.finish("slack:Ev1", InboxState.HANDLED, T0 + timedelta(seconds=1))
    done = await store.inbox.get("slack:Ev1")
    assert done is not None and done.state is InboxState.HANDLED
    assert done.payload is None and done.claimed_by is None
    assert done.handled_at == T0 + timedelta(seconds=1)
    assert await store.inbox.claim("slack:Ev1", "w2", T0) is None  # handled: never again
    assert await store.inbox.receive(_item("slack:Ev1"), "w2") is False
    assert await store.inbox.forget_before(T0 + timedelta(days=1)) == 1
    assert await store.inbox.seen("slack:Ev1") is False


async def test_inbox_failed_handler_lets_go_and_a_retry_takes_it(store: Store) -> None:
    await store.inbox.receive(_item("telegram:7"), "w1")
    assert await store.inbox.release("telegram:7", T0) == 1
    taken = await store.inbox.claim("telegram:7", "w2", T0 + timedelta(seconds=5))
    assert taken is not None and taken.claimed_by == "w2" and taken.attempts == 1
    assert taken.payload == _item("telegram:7").payload
    assert await store.inbox.claim("telegram:7", "w3", T0) is None
    # A row still waiting is never swept away.
    assert await store.inbox.forget_before(T0 + timedelta(days=1)) == 0
    await store.inbox.finish("telegram:7", InboxState.FAILED, T0)
    row = await store.inbox.get("telegram:7")
    assert row is not None and row.state is InboxState.FAILED and row.payload is None


async def test_inbox_two_copies_at_once_store_one_row(store: Store) -> None:
    results = await asyncio.gather(
        *(store.inbox.receive(_item("slack:EvSame"), f"w{n}") for n in range(8))
    )
    assert sorted(results) == [False] * 7 + [True]
    await store.inbox.release("slack:EvSame", T0)
    claims = await asyncio.gather(
        *(store.inbox.claim("slack:EvSame", f"w{n}", T0) for n in range(8))
    )
    assert len([c for c in claims if c is not None]) == 1


@pytest.mark.parametrize("sql_url", ["sqlite", "postgres"], indirect=True)
async def test_migrations_build_exactly_the_tables(sql_url: str) -> None:
    """Alembic's migrations and bot/storage/tables/ describe the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.storage import tables
    from bot.storage.database import create_engine

    engine = create_engine(sql_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), tables.metadata)
            )
    finally:
        await engine.dispose()
    assert diff == []


async def test_questions_wait_then_forget_who_asked(store: Store) -> None:
    asker = Identity(Platform.TELEGRAM, "5012345678")
    first = await store.questions.add(
        Question(0, "Can I claim for my glasses?", T0, asker, "dwp-leeds")
    )
    second = await store.questions.add(Question(0, "x" * 3000, T0 + timedelta(minutes=1), None))
    assert len(second.text) == 2000
    assert [q.id for q in await store.questions.open()] == [first.id, second.id]
    assert (await store.questions.get(first.id)).asker == asker  # type: ignore[union-attr]
    assert await store.questions.answer(first.id, "Yes, up to £50.", T0 + timedelta(hours=1), True)
    assert not await store.questions.answer(first.id, "again", T0, False)
    answered = await store.questions.get(first.id)
    assert answered is not None and answered.asker is None and answered.answer == "Yes, up to £50."
    assert [q.id for q in await store.questions.open()] == [second.id]
    assert [q.text for q in await store.questions.faq()] == ["Can I claim for my glasses?"]
