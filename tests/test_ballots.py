"""Ballot windows: plans over bank holidays and British Summer Time, reminders fired once
after downtime, banked members left out, turnout against the thresholds, /voted."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import App
from bot.content.loader import Content
from bot.content.sync import ballot_from_content, sync_content
from bot.content.templates import Templates
from bot.core.ballots import (
    last_safe_posting_day,
    mandate,
    plan,
    projected_share,
    time_left,
    turnout,
)
from bot.core.clock import FixedClock, SystemClock
from bot.core.events import Conversation, Incoming
from bot.core.models import (
    Ballot,
    BallotKind,
    ChatKind,
    Identity,
    Platform,
    ReminderState,
    Role,
    RoleGrant,
    SubscriptionState,
)
from bot.core.ports import Store
from bot.core.router import Router
from bot.scheduling.due import DueWork
from bot.scheduling.wakeups import Wakeups
from bot.services.calendar import UkWorkingDays
from bot.storage.memory import MemoryStore
from tests.conftest import ROOT, wired
from tests.harness import noon_zone

LONDON = ZoneInfo("Europe/London")
CAL = UkWorkingDays()


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)  # type: ignore[misc]


def nec(content: Content) -> Ballot:
    return ballot_from_content(next(b for b in content.ballots if b.id == "nec-2023"))


class WeekendsOnly:
    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5


# --- the calendar and the plan -------------------------------------------------------


def test_may_2023_had_three_bank_holidays() -> None:
    may = [date(2023, 5, d) for d in range(1, 32)]
    assert [d.day for d in may if d.weekday() < 5 and not CAL.is_working_day(d)] == [1, 8, 29]


def test_last_safe_posting_day_skips_the_coronation_bank_holiday(content: Content) -> None:
    ballot = nec(content)  # closes Thursday 11 May 2023 at noon, 3 working days to post
    # Wed 10, Tue 9 count; Mon 8 May is a bank holiday; the weekend does not count; Fri 5.
    assert last_safe_posting_day(ballot, CAL, "Europe/London") == date(2023, 5, 5)
    # Without bank holidays it would have been Monday 8 May.
    assert last_safe_posting_day(ballot, WeekendsOnly(), "Europe/London") == date(2023, 5, 8)
    online = replace(ballot, kind=BallotKind.ONLINE_ELECTION)
    assert last_safe_posting_day(online, CAL, "Europe/London") is None


def test_nec_2023_plan(content: Content) -> None:
    got = [
        (kind, when.astimezone(LONDON)) for kind, when in plan(nec(content), CAL, "Europe/London")
    ]
    assert got == [
        ("join-by", local(2023, 3, 29, 9)),  # two days before join-by, ahead of the papers
        ("opens", local(2023, 4, 20, 9)),
        ("replacement", local(2023, 5, 3, 9)),
        ("week-before", local(2023, 5, 4, 9)),
        ("last-posting-day", local(2023, 5, 5, 8)),
        ("day-before", local(2023, 5, 10, 9)),
        ("closing-day", local(2023, 5, 11, 8)),
    ]
    # Stored in UTC: 09:00 BST is 08:00 UTC.
    assert plan(nec(content), CAL, "Europe/London")[1][1] == datetime(2023, 4, 20, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("opens", "closes", "week_before_utc", "day_before_utc"),
    [
        # Clocks go forward on Sunday 26 March 2023.
        (local(2023, 3, 20, 9), local(2023, 4, 3, 12), (3, 27, 8), (4, 2, 8)),
        # Clocks go back on Sunday 29 October 2023.
        (local(2023, 10, 20, 9), local(2023, 11, 1, 12), (10, 25, 8), (10, 31, 9)),
    ],
)
def test_reminders_keep_local_wall_time_across_dst(
    opens: datetime,
    closes: datetime,
    week_before_utc: tuple[int, int, int],
    day_before_utc: tuple[int, int, int],
) -> None:
    ballot = Ballot("dst", "DST ballot", BallotKind.ONLINE_ELECTION, opens, closes)
    times = dict(plan(ballot, CAL, "Europe/London"))
    assert times["week-before"] == datetime(2023, *week_before_utc, tzinfo=UTC)
    assert times["day-before"] == datetime(2023, *day_before_utc, tzinfo=UTC)
    assert {t.astimezone(LONDON).hour for k, t in times.items() if k != "opens"} <= {8, 9}


@pytest.fixture
def host_zone() -> Iterator[None]:
    before = os.environ.get("TZ")
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_plan_does_not_depend_on_the_host_time_zone(content: Content, host_zone: None) -> None:
    plans = []
    for zone in ("UTC", "America/New_York", "Asia/Kolkata"):
        os.environ["TZ"] = zone
        time.tzset()
        plans.append(plan(nec(content), CAL, "Europe/London"))
    assert plans[0] == plans[1] == plans[2]


moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(LONDON)
)


@settings(max_examples=150, deadline=None)
@given(
    opens=moments,
    length=st.timedeltas(min_value=timedelta(hours=1), max_value=timedelta(days=60)),
    posting_days=st.integers(min_value=0, max_value=10),
)
def test_plan_properties(opens: datetime, length: timedelta, posting_days: int) -> None:
    closes = opens + length
    ballot = Ballot("p", "P", BallotKind.STATUTORY_POSTAL, opens, closes, posting_days=posting_days)
    reminders = plan(ballot, CAL, "Europe/London")
    whens = [w for _, w in reminders]
    assert whens == sorted(whens) and len(set(whens)) == len(whens)
    assert all(opens <= w < closes for w in whens)
    posting = last_safe_posting_day(ballot, CAL, "Europe/London")
    assert posting is not None and CAL.is_working_day(posting)
    close_day = closes.astimezone(LONDON).date()
    between = [
        posting + timedelta(days=i)
        for i in range(1, (close_day - posting).days)
        if CAL.is_working_day(posting + timedelta(days=i))
    ]
    if posting_days:
        assert posting < close_day
        assert len(between) == posting_days - 1


# --- firing ----------------------------------------------------------------------------


class Ballots:
    """The ballot service and its reminders' due-work source, as the app wires them."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.replan = app.services.ballots.replan
        self.fire_due = app.reminders.fire_due

    @property
    def fired(self) -> int:
        return self.app.reminders.fired


def service_for(
    store: Store, clock: FixedClock | SystemClock, content: Content, templates: Templates
) -> Ballots:
    return Ballots(wired(store, content, templates, clock))  # type: ignore[arg-type]


async def states(store: Store, name: str) -> dict[str, str]:
    return {r.kind: r.state.value for r in await store.reminders.for_ballot(name)}


async def test_downtime_over_two_reminders_sends_only_the_latest_once(
    store: Store, content: Content, templates: Templates
) -> None:
    clock = FixedClock(local(2023, 4, 19, 12))
    await sync_content(content, store)
    ballots = service_for(store, clock, content, templates)
    ballot = nec(content)
    await ballots.replan(ballot)
    await ballots.fire_due()  # the join-by reminder, long past, is skipped (join-by was 31 Mar)
    assert (await states(store, "nec-2023"))["opens"] == "planned"

    clock.set(local(2023, 4, 20, 9, 30))
    assert await ballots.fire_due() == 1
    # Down from Wednesday 3 May to Thursday 4 May 10:00: replacement and week-before fell due.
    clock.set(local(2023, 5, 4, 10))
    assert await ballots.fire_due() == 1
    assert await ballots.fire_due() == 0  # woken again: nothing twice
    got = await states(store, "nec-2023")
    assert got["replacement"] == "skipped" and got["week-before"] == "fired"
    assert got["last-posting-day"] == "planned"
    # After the close nothing more goes, however long the process was down.
    clock.set(local(2023, 5, 11, 12, 1))
    assert await ballots.fire_due() == 0
    assert set((await states(store, "nec-2023")).values()) == {"fired", "skipped"}
    assert ballots.fired == 2
    assert await store.reminders.planned() == [] or all(
        r.ballot != "nec-2023" for r in await store.reminders.planned()
    )


async def test_replanning_keeps_fired_reminders_fired(
    store: Store, content: Content, templates: Templates
) -> None:
    clock = FixedClock(local(2023, 4, 20, 9, 30))
    ballots = service_for(store, clock, content, templates)
    ballot = nec(content)
    await store.ballots.upsert(ballot)
    await ballots.replan(ballot)
    assert await ballots.fire_due() == 1
    await ballots.replan(ballot)  # a restart syncs content again
    assert await ballots.fire_due() == 0
    assert (await states(store, "nec-2023"))["opens"] == "fired"


async def test_banked_members_get_no_more_reminders(
    store: Store, content: Content, templates: Templates
) -> None:
    clock = FixedClock(local(2023, 5, 10, 9, 5))  # the day before the close
    await sync_content(content, store)
    ballots = service_for(store, clock, content, templates)
    await ballots.replan(nec(content))
    group = await store.channels.upsert(Platform.TELEGRAM, "-100555", ChatKind.GROUP, "Leeds")
    await store.subscriptions.add(group.id, "dwp-leeds", "ballots", SubscriptionState.ACTIVE)
    dms = {}
    for who in ("101", "102"):
        member = await store.members.get_or_create(Identity(Platform.TELEGRAM, who))
        dm = await store.channels.upsert(Platform.TELEGRAM, who, ChatKind.DM, member_id=member.id)
        await store.subscriptions.add(
            dm.id, "dwp-leeds", "ballots", SubscriptionState.ACTIVE, member.id
        )
        dms[who] = (member, dm)
    assert await store.ballots.bank("nec-2023", dms["101"][0].id, "dwp-leeds", clock.now())
    assert await ballots.fire_due() == 1
    [broadcast] = [b for b in await store.broadcasts.recent(10) if b.reminder_id is not None]
    to = {d.channel_id for d in await store.deliveries.for_broadcast(broadcast.id)}
    assert to == {group.id, dms["102"][1].id}
    assert broadcast.buttons == (("I've voted", "/voted nec-2023"),)


async def test_a_cancelled_ballot_sends_nothing_more(
    store: Store, content: Content, templates: Templates
) -> None:
    clock = FixedClock(local(2023, 5, 4, 10))
    ballots = service_for(store, clock, content, templates)
    ballot = nec(content)
    await store.ballots.upsert(ballot)
    await ballots.replan(ballot)
    cancelled = replace(ballot, cancelled=True)
    await store.ballots.upsert(cancelled)
    await ballots.replan(cancelled)
    assert await ballots.fire_due() == 0
    assert await store.reminders.planned() == []


async def test_a_wake_up_fires_the_reminder_on_time(content: Content, templates: Templates) -> None:
    store = MemoryStore()
    # An "opens" reminder waits for the morning when the moment is at night (00:00-07:00
    # locally), and this test runs on the real clock: in a zone where it is about noon now,
    # so it means the same at any hour CI runs it (it failed at 00:45 in London).
    app = wired(store, content, templates, SystemClock(), zone=noon_zone())  # type: ignore[arg-type]
    ballots = Ballots(app)
    from contextlib import AsyncExitStack

    async with AsyncExitStack() as stack:
        await DueWork(Wakeups(), app.clock, [app.reminders], app.due_bell).start(stack)
        opens = datetime.now(UTC) + timedelta(seconds=1)
        ballot = Ballot(
            "soon", "Soon", BallotKind.ONLINE_ELECTION, opens, opens + timedelta(days=9)
        )
        await store.ballots.upsert(ballot)
        await ballots.replan(ballot)  # schedules the wake-ups from the store
        # How late it fires is a benchmark's figure (make bench, reminders), not a test's:
        # a loaded machine may take seconds. Here: it fires, once, and never early.
        for _ in range(600):
            if ballots.fired:
                break
            await asyncio.sleep(0.05)
        assert ballots.fired == 1
        [fired] = [r for r in await store.reminders.for_ballot("soon") if r.kind == "opens"]
        assert fired.state is ReminderState.FIRED
        assert app.reminders.lateness[-1] >= 0
        assert datetime.now(UTC) >= opens


# --- turnout and thresholds ----------------------------------------------------------


def test_mandate_needs_turnout_majority_and_40_percent_for_ips() -> None:
    ordinary = Ballot("b", "B", BallotKind.STATUTORY_POSTAL, local(2023, 1, 2), local(2023, 2, 2))
    ips = replace(ordinary, yes_threshold=0.4)
    assert mandate(ordinary, 1000, 500, 251) == (True, [])
    valid, why = mandate(ordinary, 1000, 499, 400)
    assert not valid and why == ["turnout 49.9% is under 50%"]
    assert mandate(ordinary, 1000, 600, 300)[1] == ["no majority voted yes"]
    # Important public services: 40% of everyone entitled must vote yes.
    assert mandate(ips, 1000, 700, 400) == (True, [])
    valid, why = mandate(ips, 1000, 700, 399)
    assert not valid and why == ["yes votes are 39.9% of those entitled, under 40%"]
    assert mandate(ips, 0, 0, 0) == (False, ["no electorate"])


def test_turnout_per_branch_and_projection() -> None:
    ballot = Ballot("b", "B", BallotKind.STATUTORY_POSTAL, local(2023, 5, 1), local(2023, 5, 11))
    result = turnout(ballot, {"dwp-leeds": 100, "dwp-glasgow": 51}, {"dwp-leeds": 50, "x": 3})
    rows = {b.branch: (b.reported, b.needed) for b in result.branches}
    assert rows == {"dwp-leeds": (50, 0), "dwp-glasgow": (0, 26)}
    assert (result.eligible, result.reported, result.needed) == (151, 50, 26)
    halfway = local(2023, 5, 6)
    assert projected_share(result, ballot.opens_at, ballot.closes_at, halfway) == pytest.approx(
        2 * 50 / 151
    )


# --- /voted and friends ----------------------------------------------------------------

MEMBER = Identity(Platform.TELEGRAM, "4242")
DM = Conversation(Platform.TELEGRAM, "4242", ChatKind.DM)


async def chat_router(content: Content, clock: FixedClock) -> tuple[Router, MemoryStore]:
    store = MemoryStore()
    await sync_content(content, store)
    router = wired(store, content, Templates.load(ROOT / "messages"), clock).router
    member = await store.members.get_or_create(MEMBER)
    await store.members.set_branch(member.id, "dwp-leeds")
    await store.roles.grant(RoleGrant(member.id, Role.MEMBER, "dwp-leeds"))
    return router, store


async def test_voted_twice_is_counted_once(content: Content) -> None:
    clock = FixedClock(local(2023, 5, 2, 12))  # both 2023 ballots are open: name one
    router, store = await chat_router(content, clock)
    [reply] = await router.handle(Incoming(MEMBER, DM, "/voted"))
    assert reply.template == "error" and "/voted nec-2023" in str(reply.values)
    [first] = await router.handle(Incoming(MEMBER, DM, "/voted nec-2023"))
    [again] = await router.handle(Incoming(MEMBER, DM, "/voted NEC-2023"))
    assert (first.template, again.template) == ("voted", "voted-again")
    assert await store.ballots.banked("nec-2023") == {"dwp-leeds": 1}


async def test_voted_with_no_open_ballot_is_a_friendly_reply(content: Content) -> None:
    router, store = await chat_router(content, FixedClock(local(2023, 6, 1, 12)))
    [reply] = await router.handle(Incoming(MEMBER, DM, "/voted"))
    assert reply.template == "voted-none"
    [closed] = await router.handle(Incoming(MEMBER, DM, "/voted nec-2023"))
    assert closed.template == "voted-closed"
    assert await store.ballots.banked("nec-2023") == {}


async def test_ballot_shows_dates_and_time_left(content: Content) -> None:
    router, _ = await chat_router(content, FixedClock(local(2023, 5, 8, 10)))
    [listing] = await router.handle(Incoming(MEMBER, DM, "/ballots"))
    assert any(
        "closes in 3 days, on Thursday 11 May at noon" in line for line in listing.values["lines"]
    )
    [info] = await router.handle(Incoming(MEMBER, DM, "/ballot nec-2023"))
    assert "Last safe posting day: Friday 5 May 2023" in info.values["dates"]


def test_time_left_names_the_year_of_a_close_half_a_year_or_more_away() -> None:
    """Was "closes in 26412 days, on Wednesday 25 March at noon", read as the coming March;
    and "closed on Thursday 11 May at noon" of the 2023 ballot, three years on."""
    now, zone = local(2026, 12, 1, 10), "Europe/London"
    far, past, soon = local(2099, 3, 25, 12), local(2023, 5, 11, 12), local(2027, 1, 10, 12)
    assert time_left(now, far, zone).endswith("days, on Wednesday 25 March 2099 at noon")
    assert time_left(now, past, zone) == "closed on Thursday 11 May 2023 at noon"
    assert time_left(now, soon, zone) == "closes in 40 days, on Sunday 10 January at noon"


async def test_organiser_adds_and_cancels_a_ballot_in_chat(
    content: Content, templates: Templates
) -> None:
    clock = FixedClock(local(2027, 2, 1, 12))
    router, store = await chat_router(content, clock)
    organiser = Identity(Platform.SLACK, "U0ANA00001")
    member = await store.members.get_or_create(organiser)
    await store.roles.grant(RoleGrant(member.id, Role.ORGANISER))
    slack_dm = Conversation(Platform.SLACK, "D0ANA00001", ChatKind.DM)
    add = "/addballot pay-2027 statutory_postal 2027-03-01T09:00 2027-03-29T12:00 Pay ballot 2027"
    [refused] = await router.handle(Incoming(MEMBER, DM, add))
    assert refused.template == "forbidden"
    [bad] = await router.handle(
        Incoming(organiser, slack_dm, add.replace("2027-03-29T12:00", "2027-02-20T12:00"))
    )
    assert bad.template == "error" and "closes: must be after opens" in bad.values["problem"]
    assert await store.ballots.get("pay-2027") is None
    [added] = await router.handle(Incoming(organiser, slack_dm, add))
    assert added.template == "ballot-added" and added.values["title"] == "Pay ballot 2027"
    assert len(await store.reminders.for_ballot("pay-2027")) == 5
    [cancelled] = await router.handle(Incoming(organiser, slack_dm, "/cancelballot pay-2027"))
    assert cancelled.template == "ballot-cancelled"
    assert [r for r in await store.reminders.planned() if r.ballot == "pay-2027"] == []


async def test_after_downtime_the_latest_still_relevant_reminder_goes(
    store: Store, content: Content, templates: Templates
) -> None:
    """Down over the opening and a join-by date: the join-by reminder is stale (the date has
    passed) but the opening one is still true, so the opening one goes, once."""
    clock = FixedClock(local(2027, 2, 28, 12))
    ballots = service_for(store, clock, content, templates)
    ballot = Ballot(
        "late-join",
        "Late join",
        BallotKind.ONLINE_ELECTION,
        local(2027, 3, 1, 9),
        local(2027, 4, 1, 12),
        join_by=local(2027, 3, 20, 17),
    )
    await store.ballots.upsert(ballot)
    await ballots.replan(ballot)
    clock.set(local(2027, 3, 21, 10))  # back up: join-by reminder (18 Mar) is past its date
    assert await ballots.fire_due() == 1
    assert await ballots.fire_due() == 0
    got = await states(store, "late-join")
    assert (got["opens"], got["join-by"]) == ("fired", "skipped")
    [broadcast] = [b for b in await store.broadcasts.recent(5) if b.reminder_id is not None]
    assert "join by" not in broadcast.values["when"]


async def test_after_downtime_nothing_goes_once_every_due_reminder_is_stale(
    store: Store, content: Content, templates: Templates
) -> None:
    clock = FixedClock(local(2023, 4, 19, 12))
    ballots = service_for(store, clock, content, templates)
    ballot = nec(content)
    await store.ballots.upsert(ballot)
    await ballots.replan(ballot)
    await ballots.fire_due()
    clock.set(local(2023, 5, 11, 12, 30))  # back after the close
    assert await ballots.fire_due() == 0
    assert "planned" not in (await states(store, "nec-2023")).values()


def test_a_ballot_opening_at_midnight_is_announced_in_the_morning() -> None:
    """`--opens 2027-03-01` is the start of that day: its opening reminder went to every
    channel at 00:00. It goes at 09:00, unless the ballot has closed by then."""
    ballot = Ballot(
        "m", "M", BallotKind.ONLINE_ELECTION, local(2027, 3, 1, 0), local(2027, 3, 25, 12)
    )
    assert dict(plan(ballot, CAL, "Europe/London"))["opens"] == local(2027, 3, 1, 9)
    night = Ballot("n", "N", BallotKind.ONLINE_ELECTION, local(2027, 3, 1, 0), local(2027, 3, 1, 6))
    assert dict(plan(night, CAL, "Europe/London"))["opens"] == local(2027, 3, 1, 0)
