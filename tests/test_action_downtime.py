"""A meeting report's action reminders after downtime (issue 13, point 4, for the report
timers as for ballot reminders): of the reminders of one action that fell due while the bot
was down, only the latest still relevant goes; none once the deadline's day is over."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.app import App
from bot.content.loader import Content
from bot.content.templates import Templates
from bot.core.caller import Caller
from bot.core.clock import FixedClock
from bot.core.models import BroadcastKind, ChatKind, Platform, ReminderState, SubscriptionState
from bot.core.ports import Store
from tests.conftest import wired

LONDON = ZoneInfo("Europe/London")
REPORT = "nec-2020-11"  # its AGM action is due Friday 26 February 2021


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)  # type: ignore[misc]


async def published(store: Store, content: Content, templates: Templates) -> tuple[App, FixedClock]:
    clock = FixedClock(local(2020, 11, 13, 10))
    app = wired(store, content, templates, clock)
    channel = await store.channels.upsert(Platform.TELEGRAM, "-100777", ChatKind.GROUP, "leeds")
    await store.subscriptions.add(channel.id, "dwp-leeds", "reports", SubscriptionState.ACTIVE)
    done = await app.services.reports.publish(REPORT, Caller.operator())
    assert done.reminders == 2
    return app, clock


async def reminders_sent(store: Store) -> list[str]:
    return [b.title for b in await store.broadcasts.recent(20) if b.kind is BroadcastKind.REMINDER]


async def test_down_over_both_reminders_of_an_action_sends_only_the_latest(
    store: Store, content: Content, templates: Templates
) -> None:
    app, clock = await published(store, content, templates)
    clock.set(local(2021, 2, 26, 10))  # back on the deadline's morning, after both fell due
    assert await app.timers.fire_due() == 1
    assert await app.timers.fire_due() == 0
    [sent] = await reminders_sent(store)
    assert sent.endswith("action due today")
    assert await store.timers.next_at() is None


async def test_no_action_reminder_once_the_deadlines_day_is_over(
    store: Store, content: Content, templates: Templates
) -> None:
    """Down from the week before until 08:00 the day after the deadline: "due today" would
    be false, so nothing goes."""
    app, clock = await published(store, content, templates)
    clock.set(local(2021, 2, 27, 8))
    assert await app.timers.fire_due() == 0
    assert await reminders_sent(store) == []
    assert await store.timers.next_at() is None
    states = {t.state for t in await store.timers.due(clock.now())}
    assert states <= {ReminderState.SKIPPED}
