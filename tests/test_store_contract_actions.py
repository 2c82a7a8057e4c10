"""The contract, continued: campaign actions (petitions, reports, consultations), timers and
firing ballot reminders behave alike on memory, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.core.models import (
    Ballot,
    BallotKind,
    Broadcast,
    BroadcastState,
    ChatKind,
    Consultation,
    ConsultationState,
    DeliveryState,
    Identity,
    Platform,
    ReminderState,
    SubscriptionState,
    Tally,
    Timer,
    TimerKind,
)
from bot.core.ports import Store

T0 = datetime(2023, 4, 20, 8, 0, tzinfo=UTC)
BST = timezone(timedelta(hours=1))


async def _member(store: Store, user: str) -> int:
    return (await store.members.get_or_create(Identity(Platform.TELEGRAM, user))).id


async def _subscribed(store: Store, chat: str, branch: str, topic: str, **dm: int) -> int:
    kind = ChatKind.DM if dm else ChatKind.GROUP
    channel = await store.channels.upsert(Platform.TELEGRAM, chat, kind, member_id=dm.get("of"))
    await store.subscriptions.add(channel.id, branch, topic, SubscriptionState.ACTIVE)
    return channel.id


def _broadcast(topic: str, title: str = "News") -> Broadcast:
    return Broadcast(0, title, "body", topic, created_at=T0)


async def _deliveries(store: Store, broadcast_id: int) -> list[tuple[int, DeliveryState]]:
    made = await store.deliveries.for_broadcast(broadcast_id)
    return sorted((d.channel_id, d.state) for d in made)


async def test_a_petition_is_signed_once_per_member(store: Store) -> None:
    one, two, three = [await _member(store, u) for u in ("1", "2", "3")]
    assert await store.petitions.sign("pay", one, "dwp-leeds") is True
    assert await store.petitions.sign("pay", one, "dwp-leeds") is False
    assert await store.petitions.sign("pay", two, "dwp-leeds") is True
    assert await store.petitions.sign("pay", three, None) is True
    assert await store.petitions.sign("other", one, "dwp-leeds") is True
    assert await store.petitions.has_signed("pay", one) is True
    assert await store.petitions.has_signed("pay", 999) is False
    assert await store.petitions.counts("pay") == {"dwp-leeds": 2, None: 1}
    assert await store.petitions.counts("nobody-signed") == {}


async def test_a_report_is_published_once_with_its_timers(store: Store) -> None:
    leeds = await _subscribed(store, "-1", "dwp-leeds", "reports")
    await _subscribed(store, "-2", "hmrc-liverpool", "reports")
    await _subscribed(store, "-3", "dwp-leeds", "pay")
    due = Timer(0, TimerKind.REPORT_ACTION, "nec/1", T0 + timedelta(days=7), detail={"a": "b"})
    at = datetime(2023, 4, 20, 10, 0, tzinfo=BST)
    published = await store.reports.publish("nec", _broadcast("reports"), ["dwp-leeds"], [due], at)
    assert published is not None
    broadcast_id, queued = published
    assert queued == 1 and await _deliveries(store, broadcast_id) == [
        (leeds, DeliveryState.PENDING)
    ]
    made = await store.broadcasts.get(broadcast_id)
    assert made is not None and made.state is BroadcastState.QUEUED and made.title == "News"
    again = await store.reports.publish("nec", _broadcast("reports"), None, [due], at)
    assert again is None
    assert await store.reports.published("nec") == datetime(2023, 4, 20, 9, 0, tzinfo=UTC)
    assert await store.reports.published("never") is None
    assert await store.reports.sent_to("nec") == {"dwp-leeds"}
    assert await store.reports.sent_to("never") == frozenset()
    more = await store.reports.send_more("nec", _broadcast("reports"), ["hmrc-liverpool"])
    assert more[1] == 1 and await store.reports.sent_to("nec") == {"dwp-leeds", "hmrc-liverpool"}
    timer = await store.timers.find(TimerKind.REPORT_ACTION, "nec/1")
    assert timer is not None and timer.fire_at == due.fire_at and timer.detail == {"a": "b"}


async def test_a_branch_notes_a_report_once(store: Store) -> None:
    raj, ana = await _member(store, "1"), await _member(store, "2")
    assert await store.reports.note("nec", "dwp-leeds", raj, T0) is True
    assert await store.reports.note("nec", "dwp-leeds", ana, T0 + timedelta(hours=1)) is False
    assert await store.reports.note("nec", "hmrc-liverpool", ana, T0.astimezone(BST)) is True
    assert await store.reports.noted("nec") == {"dwp-leeds": T0, "hmrc-liverpool": T0}
    assert await store.reports.noted("other") == {}
    assert await store.reports.noted_by("nec") == {"dwp-leeds": raj, "hmrc-liverpool": ana}


def _consultation(**changes: object) -> Consultation:
    values: dict[str, object] = {
        "id": 0,
        "question": "Keep the Locals?",
        "options": ("Yes", "No"),
        "topic": "general",
        "opens_at": T0,
        "closes_at": T0 + timedelta(days=3),
    }
    values.update(changes)
    return Consultation(**values)  # type: ignore[arg-type]


async def test_a_consultation_counts_one_vote_per_member(store: Store) -> None:
    by = await _member(store, "9")
    opened = await store.consultations.open(_consultation(branches=("dwp-leeds",), created_by=by))
    assert opened.id > 0 and opened.state is ConsultationState.OPEN and opened.results is None
    assert opened.options == ("Yes", "No") and opened.branches == ("dwp-leeds",)
    assert opened.created_by == by and await store.consultations.get(opened.id) == opened
    second = await store.consultations.open(_consultation(question="Strike?"))
    assert [c.id for c in await store.consultations.all()] == [opened.id, second.id]
    one, two, three = [await _member(store, u) for u in ("1", "2", "3")]
    assert await store.consultations.vote(opened.id, one, "dwp-leeds", 0) is True
    assert await store.consultations.vote(opened.id, one, "dwp-leeds", 1) is False
    assert await store.consultations.vote(opened.id, two, "dwp-leeds", 1) is True
    assert await store.consultations.vote(opened.id, three, None, 1) is True
    assert await store.consultations.vote(second.id, one, None, 0) is True
    assert await store.consultations.choice_of(opened.id, one) == 0
    assert await store.consultations.choice_of(opened.id, 999) is None
    tally = await store.consultations.tally(opened.id)
    assert sorted(tally, key=lambda t: (t.branch or "", t.choice)) == [
        Tally(None, 1, 1),
        Tally("dwp-leeds", 0, 1),
        Tally("dwp-leeds", 1, 1),
    ]
    assert await store.consultations.get(999) is None


async def test_closing_a_consultation_fires_its_timer_once(store: Store) -> None:
    general = await _subscribed(store, "-1", "dwp-leeds", "general")
    opened = await store.consultations.open(_consultation(closes_at=T0.astimezone(BST)))
    close = await store.timers.find(TimerKind.CONSULTATION_CLOSE, str(opened.id))
    assert close is not None and close.fire_at == T0 and close.state is ReminderState.PLANNED
    assert await store.timers.next_at() == T0
    assert [t.id for t in await store.timers.due(T0)] == [close.id]
    results: dict[str, object] = {"totals": [3, 1], "by_branch": {"dwp-leeds": [3, 1]}}
    fired = await store.timers.fire(close, _broadcast("general", "Results"), None, results)
    assert fired is not None and fired[1] == 1
    assert await _deliveries(store, fired[0]) == [(general, DeliveryState.PENDING)]
    closed = await store.consultations.get(opened.id)
    assert closed is not None and closed.state is ConsultationState.CLOSED
    assert closed.results == results
    assert await store.timers.fire(close, _broadcast("general"), None, results) is None
    assert await store.timers.due(T0 + timedelta(days=9)) == []
    assert await store.timers.next_at() is None


async def test_timers_fall_due_in_order_and_are_marked_once(store: Store) -> None:
    later = Timer(0, TimerKind.REPORT_ACTION, "r/2", T0 + timedelta(days=2))
    sooner = Timer(0, TimerKind.REPORT_ACTION, "r/1", T0 + timedelta(days=1))
    published = await store.reports.publish("r", _broadcast("reports"), None, [later, sooner], T0)
    assert published is not None and published[1] == 0  # nobody subscribed to reports
    due = await store.timers.due(T0 + timedelta(days=5))
    assert [t.ref for t in due] == ["r/1", "r/2"]
    assert await store.timers.next_at() == T0 + timedelta(days=1)
    assert await store.timers.mark(due[0].id, ReminderState.SKIPPED) is True
    assert await store.timers.mark(due[0].id, ReminderState.FIRED) is False
    assert await store.timers.next_at() == T0 + timedelta(days=2)
    assert await store.timers.fire(due[1], None, None) == (0, 0)
    assert await store.timers.fire(due[1], None, None) is None
    skipped = await store.timers.find(TimerKind.REPORT_ACTION, "r/1")
    assert skipped is not None and skipped.state is ReminderState.SKIPPED
    assert await store.timers.find(TimerKind.CONSULTATION_CLOSE, "r/1") is None


async def test_a_reminder_fires_once_and_skips_members_who_voted(store: Store) -> None:
    ballot = Ballot("nec", "NEC", BallotKind.POSTAL_ELECTION, T0, T0 + timedelta(days=21))
    await store.ballots.upsert(ballot)
    voted, waiting = await _member(store, "1"), await _member(store, "2")
    group = await _subscribed(store, "-1", "dwp-leeds", "ballots")
    await _subscribed(store, "1", "dwp-leeds", "ballots", of=voted)
    waiting_dm = await _subscribed(store, "2", "dwp-leeds", "ballots", of=waiting)
    await _subscribed(store, "-2", "hmrc-liverpool", "ballots")
    assert await store.ballots.bank("nec", voted, "dwp-leeds", T0) is True
    await store.reminders.replace_plan("nec", [("open", T0), ("close", T0 + timedelta(days=1))])
    first, second = await store.reminders.planned()
    reminder = Broadcast(0, "Vote", "body", "ballots", created_at=T0)
    fired = await store.reminders.fire(
        [(first, reminder, ["dwp-leeds"]), (first, reminder, None), (second, reminder, None)]
    )
    assert fired[1] is None and fired[0] is not None and fired[2] is not None
    assert fired[0][1] == 2 and fired[2][1] == 3
    assert [c for c, _ in await _deliveries(store, fired[0][0])] == sorted([group, waiting_dm])
    made = await store.broadcasts.get(fired[0][0])
    assert made is not None and made.reminder_id == first.id
    assert made.state is BroadcastState.QUEUED
    assert [r.state for r in await store.reminders.for_ballot("nec")] == [ReminderState.FIRED] * 2
    assert await store.reminders.next_at() is None
