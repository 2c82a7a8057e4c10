"""The contract, continued: the dashboard's sign-in links and sessions behave alike on
memory, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.models import (
    AuditEntry,
    AuditQuery,
    Broadcast,
    ChatKind,
    DeliveryState,
    Identity,
    Outcome,
    Platform,
    Role,
    RoleGrant,
    SignIn,
    SubscriptionState,
)
from bot.core.ports import Store

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
ORGANISER = Identity(Platform.TELEGRAM, "7100000001")


async def test_a_link_is_used_once_and_never_after_it_expires(store: Store) -> None:
    member = (await store.members.get_or_create(ORGANISER)).id
    soon = NOW + timedelta(minutes=10)
    await store.dashboard.add_link("a" * 64, SignIn(member, str(ORGANISER), soon))
    await store.dashboard.add_link("b" * 64, SignIn(member, str(ORGANISER), soon))
    used = await store.dashboard.use_link("a" * 64, NOW)
    assert used == SignIn(member, str(ORGANISER), soon)
    assert await store.dashboard.use_link("a" * 64, NOW) is None  # replayed
    assert await store.dashboard.use_link("b" * 64, soon) is None  # expired at that moment
    assert await store.dashboard.use_link("b" * 64, NOW) is None  # and it was used up
    assert await store.dashboard.use_link("c" * 64, NOW) is None  # never issued


async def test_sessions_expire_and_end_for_one_member_only(store: Store) -> None:
    one = (await store.members.get_or_create(ORGANISER)).id
    other = (await store.members.get_or_create(Identity(Platform.SLACK, "U0OTHER1"))).id
    later = NOW + timedelta(hours=12)
    await store.dashboard.add_session("1" * 64, SignIn(one, str(ORGANISER), later), NOW)
    await store.dashboard.add_session("2" * 64, SignIn(one, str(ORGANISER), later), NOW)
    await store.dashboard.add_session("3" * 64, SignIn(other, "slack:U0OTHER1", later), NOW)
    found = await store.dashboard.session("1" * 64, NOW + timedelta(hours=1))
    assert found == SignIn(one, str(ORGANISER), later)
    assert await store.dashboard.session("1" * 64, later) is None  # expired, and deleted
    assert await store.dashboard.session("1" * 64, NOW) is None
    assert await store.dashboard.end_sessions(one) == 1
    assert await store.dashboard.session("2" * 64, NOW) is None
    assert await store.dashboard.session("3" * 64, NOW) is not None
    await store.dashboard.end_session("3" * 64)
    assert await store.dashboard.session("3" * 64, NOW) is None


async def test_a_forgotten_member_has_no_link_or_session_left(store: Store) -> None:
    member = (await store.members.get_or_create(ORGANISER)).id
    later = NOW + timedelta(hours=1)
    await store.dashboard.add_link("l" * 64, SignIn(member, str(ORGANISER), later))
    await store.dashboard.add_session("s" * 64, SignIn(member, str(ORGANISER), later), NOW)
    touched = await store.privacy.forget(member, [str(ORGANISER)], "forgotten:abc")
    assert touched["dashboard_links"] == 1 and touched["dashboard_sessions"] == 1
    assert await store.dashboard.session("s" * 64, NOW) is None
    assert await store.dashboard.use_link("l" * 64, NOW) is None


async def test_a_form_number_counts_once_for_two_days(store: Store) -> None:
    assert await store.dashboard.first_post("f" * 64, NOW)
    assert not await store.dashboard.first_post("f" * 64, NOW + timedelta(hours=47))
    assert await store.dashboard.first_post("g" * 64, NOW + timedelta(days=3))
    assert await store.dashboard.first_post("f" * 64, NOW + timedelta(days=3))  # forgotten


async def test_the_dashboards_counts(store: Store) -> None:
    """Progress by state, a report per platform and per branch (a channel heard in two
    branches counts in both; one in none under None), people a page at a time, waiting
    requests, the audit log by person, action and date."""
    groups = [
        await store.channels.upsert(Platform.TELEGRAM, str(-100 - i), ChatKind.GROUP, f"g{i}")
        for i in range(3)
    ]
    slack = await store.channels.upsert(Platform.SLACK, "C1", ChatKind.CHANNEL, "c")
    subs = store.subscriptions
    await subs.add(groups[0].id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    await subs.add(groups[0].id, "dwp-glasgow", "pay", SubscriptionState.ACTIVE)
    await subs.add(groups[1].id, "dwp-leeds", "pay", SubscriptionState.PENDING)
    await subs.add(slack.id, "hmrc-liverpool", "pay", SubscriptionState.ACTIVE)
    made = await store.broadcasts.create(Broadcast(0, "t", "b", "pay", created_at=NOW))
    await store.broadcasts.enqueue(made.id, [groups[0].id, groups[1].id, slack.id])
    rows = await store.deliveries.for_broadcast(made.id)
    by_channel = {d.channel_id: d.id for d in rows}
    await store.deliveries.apply(
        [
            Outcome(by_channel[groups[0].id], DeliveryState.SENT, at=NOW),
            Outcome(by_channel[slack.id], DeliveryState.FAILED, "channel_not_found", at=NOW),
        ]
    )
    assert await store.dashboard.progress([made.id, 999]) == {
        made.id: {"sent": 1, "failed": 1, "pending": 1},
        999: {},
    }
    platforms, branches = await store.dashboard.delivery_counts(made.id, "pay")
    assert sorted((c.key, c.state.value, c.count, c.reason) for c in platforms) == [
        ("slack", "failed", 1, "channel_not_found"),
        ("telegram", "pending", 1, None),
        ("telegram", "sent", 1, None),
    ]
    assert sorted((str(c.key), c.state.value, c.count) for c in branches) == [
        ("None", "pending", 1),  # its request is still waiting: heard in no branch yet
        ("dwp-glasgow", "sent", 1),
        ("dwp-leeds", "sent", 1),
        ("hmrc-liverpool", "failed", 1),
    ]
    [(waiting, chat)] = await store.dashboard.waiting("dwp-leeds")
    assert waiting.channel_id == groups[1].id and chat.title == "g1"


async def test_people_a_page_at_a_time_and_the_audit_log(store: Store) -> None:
    ids = []
    for i in range(5):
        member = await store.members.get_or_create(Identity(Platform.SLACK, f"U{i}"))
        await store.roles.grant(RoleGrant(member.id, Role.MEMBER, "dwp-leeds"))
        ids.append(member.id)
    await store.roles.grant(RoleGrant(ids[0], Role.OFFICER, "dwp-leeds"))
    await store.roles.grant(RoleGrant(ids[1], Role.MEMBER, "dwp-glasgow"))
    page, total = await store.dashboard.people("dwp-leeds", 0, 2)
    assert total == 5 and [p.member.id for p in page] == ids[:2]
    assert [g.role for g in page[0].roles] == [Role.MEMBER, Role.OFFICER]
    assert page[1].member.identities == (Identity(Platform.SLACK, "U1"),)
    rest, _ = await store.dashboard.people("dwp-leeds", 4, 2)
    assert [p.member.id for p in rest] == ids[4:]
    for i, (who, action) in enumerate(
        (("slack:U1", "/voted"), ("slack:U2", "/voted"), ("slack:U1", "roles grant"))
    ):
        at = NOW + timedelta(days=i)
        await store.audit.record(AuditEntry(at, who, action, "done", {"n": str(i)}))
    found = await store.dashboard.audit(AuditQuery(actor="slack:U1"))
    assert [e.detail["n"] for e in found] == ["2", "0"]
    found = await store.dashboard.audit(AuditQuery(action="/vot", since=NOW + timedelta(hours=1)))
    assert [e.detail["n"] for e in found] == ["1"]
    until = await store.dashboard.audit(AuditQuery(until=NOW + timedelta(days=1), limit=5))
    assert [e.detail["n"] for e in until] == ["0"]
    assert await store.dashboard.audit(AuditQuery(action="%")) == []  # literal, not a pattern
