"""Turnout by branch stays equal to the members banked, however banked rows come and go:
banking (once), a /link merge that drops a banking both accounts held, /forget."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.models import Ballot, BallotKind, Branch, Identity, Platform
from bot.core.ports import Store

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


async def _members(store: Store, n: int) -> list[int]:
    return [
        (await store.members.get_or_create(Identity(Platform.TELEGRAM, f"77000000{i:02d}"))).id
        for i in range(n)
    ]


async def test_turnout_counts_follow_banking_merging_and_forgetting(store: Store) -> None:
    for name in ("x", "y"):
        await store.branches.upsert(Branch(name))
    for name in ("b", "c"):
        await store.ballots.upsert(
            Ballot(name, name, BallotKind.POSTAL_ELECTION, NOW, NOW + timedelta(days=3))
        )
    a, b, c, d = await _members(store, 4)
    for member, branch in ((a, "x"), (b, "x"), (c, "y"), (d, None)):
        assert await store.ballots.bank("b", member, branch, NOW)
    assert await store.ballots.bank("c", b, "x", NOW)
    assert not await store.ballots.bank("b", a, "x", NOW)  # once only
    assert await store.ballots.banked("b") == {"x": 2, "y": 1}  # none counted without a branch
    await store.privacy.merge(b, a)  # both banked for b: one banking left
    assert await store.ballots.banked("b") == {"x": 1, "y": 1}
    assert await store.ballots.banked("c") == {"x": 1}  # repointed, still counted
    await store.privacy.forget(c, ["telegram:7700000002"], "forgotten:c")
    assert await store.ballots.banked("b") == {"x": 1}
    await store.privacy.forget(a, ["telegram:7700000000", "telegram:7700000001"], "forgotten:a")
    assert await store.ballots.banked("b") == {} and await store.ballots.banked("c") == {}
    assert await store.ballots.bank("b", d, "y", NOW) is False
    e = (await _members(store, 5))[-1]
    assert await store.ballots.bank("b", e, "y", NOW)
    assert await store.ballots.banked("b") == {"y": 1}
