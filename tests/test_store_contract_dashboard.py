"""The contract, continued: the dashboard's sign-in links and sessions behave alike on
memory, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.models import Identity, Platform, SignIn
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
