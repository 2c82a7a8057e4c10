"""The contract, continued: the membership list, invites, join requests and attempts behave
alike on memory, SQLite and PostgreSQL — imports staged, compared and applied, links, and
what /mydata, /forget and /link merging do with them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.membership import BranchCounts, Invite, ListChanges, Listed, StagedRow
from bot.core.models import Branch, Identity, Platform, Role, RoleGrant
from bot.core.ports import Store
from tests.test_store_contract_privacy import scan

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
TG, SLACK = Identity(Platform.TELEGRAM, "4400000077"), Identity(Platform.SLACK, "U0LIST0001")


def h(name: str) -> str:
    """A stand-in for a keyed hash: 64 characters, like the real ones."""
    return name.ljust(64, "0")


def staged(rows: list[tuple[str, str, str | None]]) -> list[StagedRow]:
    return [StagedRow(i + 2, h(n), b, h(e) if e else None) for i, (n, b, e) in enumerate(rows)]


async def load(store: Store, rows: list[tuple[str, str, str | None]]) -> ListChanges:
    """An import of these rows (in two batches), applied."""
    async with store.membership.importing() as batch:
        await batch.stage(staged(rows)[:2])
        await batch.stage(staged(rows)[2:])
        return await batch.apply(lambda changes: True)


async def branches(store: Store) -> None:
    for name in ("dwp-leeds", "hmrc-liverpool"):
        await store.branches.upsert(Branch(name))


async def test_an_import_is_compared_then_applied(store: Store) -> None:
    await branches(store)
    first = [("a", "dwp-leeds", "ea"), ("b", "dwp-leeds", None), ("c", "hmrc-liverpool", "ec")]
    expected = ListChanges(rows=3, added=3, branches=(("dwp-leeds", 2), ("hmrc-liverpool", 1)))
    seen: list[ListChanges] = []
    async with store.membership.importing() as batch:
        await batch.stage(staged(first))
        assert await batch.duplicates(10) == (0, [])
        assert await batch.apply(lambda changes: seen.append(changes) or False) == expected
    assert seen == [expected]
    assert await store.membership.has_list() is False  # not committed: nothing changed
    assert await load(store, first) == expected
    assert await store.membership.has_list() is True
    assert await store.membership.records([h("a"), h("c"), h("zz")]) == {
        h("a"): Listed(h("a"), "dwp-leeds", h("ea")),
        h("c"): Listed(h("c"), "hmrc-liverpool", h("ec")),
    }
    assert await store.membership.by_email(h("ec")) == Listed(h("c"), "hmrc-liverpool", h("ec"))

    # b moves, c lapses, a's email changes, d is new.
    second = [("a", "dwp-leeds", "ea2"), ("b", "hmrc-liverpool", None), ("d", "dwp-leeds", None)]
    assert await load(store, second) == ListChanges(
        rows=3,
        added=1,
        moved=1,
        lapsed=1,
        unchanged=1,
        emails_changed=1,
        branches=(("dwp-leeds", 2), ("hmrc-liverpool", 1)),
    )
    held = await store.membership.records([h(x) for x in "abcd"])
    assert {k[:1]: (v.branch, v.email_hash) for k, v in held.items()} == {
        "a": ("dwp-leeds", h("ea2")),
        "b": ("hmrc-liverpool", None),
        "d": ("dwp-leeds", None),
    }


async def test_duplicates_are_found_with_their_rows(store: Store) -> None:
    rows = [("a", "dwp-leeds", None), ("b", "x", None), ("a", "y", None), ("a", "z", None)]
    async with store.membership.importing() as batch:
        await batch.stage(staged(rows))
        assert await batch.duplicates(10) == (2, [(4, 2), (5, 2)])
        assert await batch.duplicates(1) == (2, [(4, 2)])
    # Each import stages apart from the others, and leaves nothing behind.
    async with store.membership.importing() as one, store.membership.importing() as two:
        await one.stage(staged([("a", "dwp-leeds", None)]))
        await two.stage(staged([("b", "dwp-leeds", None)]))
        assert (await one.apply(lambda c: False)).rows == 1
    async with store.membership.importing() as batch:
        assert (await batch.apply(lambda c: False)).rows == 0


async def test_linked_members_follow_their_record(store: Store) -> None:
    await branches(store)
    await load(store, [("a", "dwp-leeds", None), ("b", "dwp-leeds", None)])
    ann = await store.members.get_or_create(TG)
    bob = await store.members.get_or_create(SLACK)
    await store.roles.grant(RoleGrant(ann.id, Role.MEMBER, "hmrc-liverpool"))  # by hand, before
    assert await store.membership.link(h("a"), ann.id) is True
    assert await store.membership.link(h("a"), ann.id) is True  # again: nothing changes
    assert await store.membership.link(h("a"), bob.id) is False  # someone else's record
    assert await store.membership.link(h("b"), ann.id) is False  # she has one already
    assert await store.membership.link(h("nobody"), bob.id) is False
    assert await store.membership.link(h("b"), 999_999) is False
    assert await store.membership.link(h("b"), bob.id) is True
    await store.roles.grant(RoleGrant(bob.id, Role.OFFICER, "dwp-leeds"))
    assert (await store.members.get(ann.id)).branch == "dwp-leeds"  # type: ignore[union-attr]
    assert await store.roles.for_member(ann.id) == [RoleGrant(ann.id, Role.MEMBER, "dwp-leeds")]
    assert await store.membership.record_of(ann.id) == Listed(h("a"), "dwp-leeds", None, ann.id)
    assert await store.membership.reach() == {"dwp-leeds": BranchCounts(2, 2, 0, 0)}

    # Ann moves to Liverpool; Bob lapses: he keeps his officer's role and so his branch.
    changes = await load(store, [("a", "hmrc-liverpool", None)])
    assert (changes.moved, changes.lapsed, changes.lapsed_in_chat) == (1, 1, 1)
    assert (await store.members.get(ann.id)).branch == "hmrc-liverpool"  # type: ignore[union-attr]
    assert await store.roles.for_member(ann.id) == [
        RoleGrant(ann.id, Role.MEMBER, "hmrc-liverpool")
    ]
    assert await store.roles.for_member(bob.id) == [RoleGrant(bob.id, Role.OFFICER, "dwp-leeds")]
    assert (await store.members.get(bob.id)).branch == "dwp-leeds"  # type: ignore[union-attr]
    assert await store.membership.record_of(bob.id) is None
    assert await store.membership.reach() == {
        "dwp-leeds": BranchCounts(0, 0, 0, 1),  # Bob, an officer in chat, on no list now
        "hmrc-liverpool": BranchCounts(1, 1, 0, 0),
    }

    # Ann lapses too: no member role, no branch.
    await load(store, [("z", "dwp-leeds", None)])
    assert await store.roles.for_member(ann.id) == []
    assert (await store.members.get(ann.id)).branch is None  # type: ignore[union-attr]


async def test_invites_work_once_per_platform_and_go_with_their_record(store: Store) -> None:
    await branches(store)
    await load(store, [("a", "dwp-leeds", None), ("b", "dwp-leeds", None)])
    later = NOW + timedelta(days=30)
    await store.membership.issue([Invite(h("c1"), h("a"), later), Invite(h("c2"), h("b"), later)])
    await store.membership.issue([Invite(h("c3"), h("a"), later)])  # replaces c1
    assert await store.membership.invite(h("c1")) is None
    assert await store.membership.invite(h("c3")) == Invite(h("c3"), h("a"), later)
    with pytest.raises(ValueError):
        await store.membership.issue([Invite(h("c4"), h("nobody"), later)])
    assert await store.membership.use_invite(h("c3"), "telegram") is True
    assert await store.membership.use_invite(h("c3"), "telegram") is False
    assert await store.membership.use_invite(h("c3"), "slack") is True
    assert await store.membership.use_invite(h("gone"), "slack") is False
    ann = await store.members.get_or_create(TG)
    await store.membership.link(h("a"), ann.id)
    found = await store.membership.invite(h("c3"))
    assert found == Invite(h("c3"), h("a"), later, ("telegram", "slack"), ann.id)
    # b lapses: its invite goes with it.
    await load(store, [("a", "dwp-leeds", None)])
    assert await store.membership.invite(h("c2")) is None


async def test_join_requests_and_attempts(store: Store) -> None:
    await branches(store)
    await load(store, [("a", "dwp-leeds", None)])
    ann, bob = await store.members.get_or_create(TG), await store.members.get_or_create(SLACK)
    first = await store.membership.request(ann.id, "dwp-leeds", h("a"), NOW)
    second = await store.membership.request(ann.id, "hmrc-liverpool", None, NOW)
    assert first.id != second.id and first.requested_at == NOW
    assert await store.membership.requests_of(ann.id) == [first, second]
    third = await store.membership.request(bob.id, "dwp-leeds", None, NOW)
    assert await store.membership.requests_in("dwp-leeds") == [first, third]
    assert await store.membership.requests_in("hmrc-liverpool") == [second]
    assert await store.membership.get_request(second.id) == second
    assert (await store.membership.reach())["hmrc-liverpool"] == BranchCounts(pending=1)
    assert await store.membership.close_request(second.id) is True
    assert await store.membership.close_request(second.id) is False
    assert await store.membership.get_request(second.id) is None
    assert await store.membership.requests_in("hmrc-liverpool") == []

    # A decided request's id goes to no later request (SQLite reused it: migration 0017).
    assert await store.membership.close_request(third.id) is True  # the newest
    fourth = await store.membership.request(bob.id, "hmrc-liverpool", None, NOW)
    assert fourth.id not in (first.id, second.id, third.id)

    for minutes in (0, 10, 20):
        await store.membership.attempt(h("acct"), NOW + timedelta(minutes=minutes), NOW)
    await store.membership.attempt(h("other"), NOW, NOW)
    assert await store.membership.attempts(h("acct"), NOW) == 3
    assert await store.membership.attempts(h("acct"), NOW + timedelta(minutes=5)) == 2
    await store.membership.attempt(h("acct"), NOW + timedelta(days=1), NOW + timedelta(minutes=15))
    assert await store.membership.attempts(h("acct"), NOW - timedelta(days=1)) == 2
    assert await store.membership.attempts(h("other"), NOW - timedelta(days=1)) == 0


async def test_mydata_forget_and_merge(store: Store) -> None:
    await branches(store)
    await load(store, [("a", "dwp-leeds", "ea"), ("b", "dwp-leeds", None)])
    ann = await store.members.get_or_create(TG)
    slack = await store.members.get_or_create(SLACK)
    await store.membership.issue([Invite(h("c1"), h("a"), NOW + timedelta(days=3))])
    await store.membership.link(h("a"), ann.id)
    await store.membership.request(slack.id, "dwp-leeds", None, NOW)

    # /link: the Slack account's member merges into Ann's; her record and request follow.
    await store.privacy.merge(slack.id, ann.id)
    assert await store.membership.record_of(ann.id) == Listed(h("a"), "dwp-leeds", h("ea"), ann.id)
    assert [r.member_id for r in await store.membership.requests_of(ann.id)] == [ann.id]
    held = await store.privacy.export(ann.id)
    assert held["membership_record"] == [
        {"record": "linked to your membership record", "branch": "dwp-leeds"}
    ]
    assert held["invite_codes"] == [
        {"expires_at": (NOW + timedelta(days=3)).isoformat(), "used_on": ""}
    ]
    assert held["join_requests_waiting"] == [
        {"branch": "dwp-leeds", "requested_at": NOW.isoformat()}
    ]

    touched = await store.privacy.forget(ann.id, [str(TG), str(SLACK)], "forgotten:x")
    assert {k: touched[k] for k in ("join_requests", "invites", "membership_list")} == {
        "join_requests": 1,
        "invites": 1,
        "membership_list": 1,
    }
    assert await scan(store, [TG.user_id, SLACK.user_id], ann.id) == []
    # The union's list still holds the record, linked to no one.
    assert await store.membership.records([h("a")]) == {
        h("a"): Listed(h("a"), "dwp-leeds", h("ea"))
    }
