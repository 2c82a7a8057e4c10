"""The ballot demo: a postal ballot's whole window on an accelerated clock.

Everything runs for real — the bot, both stand-ins, the delivery engine, APScheduler — only
the clock is fast: 18 days of ballot pass in about fifteen seconds.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import datetime, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.app import Running, start_bot
from bot.core import wording
from bot.core.caller import Caller
from bot.core.clock import AcceleratedClock
from bot.core.models import Ballot, BallotKind, Identity, Platform, Role
from bot.core.results import BallotSpec
from bot.core.wording import counted
from bot.demo import demo_settings
from bot.settings import Settings
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from bot.standins.telegram.html import visible_text

PRIYA, TOM, LEEDS_GROUP = 5012345678, 6023456789, -1001678901234
SAM, ANA, LEEDS_CHANNEL = "U0SAM00001", "U0ANA00001", "C0LEEDS01"
SAM_DM = "D" + SAM[1:]
LONDON = ZoneInfo("Europe/London")
OPERATOR = Caller.operator("demo")
SPEED = 120_000.0  # a virtual day in about 0.7 s
BALLOT = "pay-2026"


def _at(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=LONDON)


class BallotDemo:
    def __init__(
        self,
        running: Running,
        clock: AcceleratedClock,
        tg: TelegramStandIn,
        slack: SlackStandIn,
        out: TextIO,
    ) -> None:
        self.running, self.clock, self.tg, self.slack, self.out = running, clock, tg, slack, out
        self.seen: dict[str, int] = {}
        self.shown_reminder = False
        self.reminders: dict[str, int] = {}
        events = running.http.url + "/slack/events"
        self.events = events

    def say(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def _messages(self) -> list[tuple[str, str, Any]]:
        found: list[tuple[str, str, Any]] = []
        names = {str(PRIYA): "Priya's DM", str(TOM): "Tom's DM", str(LEEDS_GROUP): "Leeds group"}
        for chat, sent in self.tg.received.items():
            found += [(f"telegram, {names.get(chat, chat)}", visible_text(s.text), s) for s in sent]
        labels = {LEEDS_CHANNEL: "#dwp-leeds", SAM_DM: "Sam's DM"}
        for channel, posted in self.slack.received.items():
            found += [(f"slack, {labels.get(channel, channel)}", p.text, p) for p in posted]
        return sorted(found, key=lambda item: float(item[2].at))

    def show_new(self, full: bool = False) -> None:
        """Print what arrived since last time: in full, or the first line of each (the
        first reminder is always shown in full)."""
        counts: dict[str, int] = {}
        for where, text, _ in self._messages():
            counts[where] = counts.get(where, 0) + 1
            if counts[where] <= self.seen.get(where, 0):
                continue
            lines = [line for line in text.strip().splitlines() if line.strip()]
            reminder = bool(lines) and lines[0].startswith("Pay ballot 2026:")
            if reminder:
                self.reminders[where] = self.reminders.get(where, 0) + 1
            stamp = wording.at(self.clock.now(), LONDON, short=True, year=False)
            shown = lines if full or (reminder and not self.shown_reminder) else lines[:1]
            self.shown_reminder |= reminder
            self.say(f"  [{stamp}] bot → {where}: {shown[0] if shown else ''}")
            for line in shown[1:]:
                self.say(f"      {line}")
        self.seen = counts

    async def until(
        self, check: Callable[[], bool], within: float = 20.0, full: bool = False
    ) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            self.show_new(full)
            if check():
                break
            await asyncio.sleep(0.01)
        self.show_new(full)

    async def run_fast(self, check: Callable[[], bool], within: float = 30.0) -> None:
        """Let the ballot's time pass quickly until `check` holds. While a reminder is being
        delivered the clock runs at real speed, as the platforms' rate limits are real."""
        app = self.running.app
        deadline = time.monotonic() + within
        while time.monotonic() < deadline and not check():
            busy = False
            for broadcast in await app.store.broadcasts.recent(10):
                if broadcast.reminder_id is not None:
                    busy = busy or bool(await app.store.deliveries.unsettled(broadcast.id))
            speed = 1.0 if busy else SPEED
            planned = await app.store.reminders.planned()
            ahead = planned[0].fire_at - self.clock.now() if planned else None
            if not busy and ahead is not None and ahead < timedelta(seconds=SPEED * 0.1):
                # Land on the due time itself rather than overshoot it between two polls.
                self.clock.set_speed(1.0)
                self.clock.jump(planned[0].fire_at)
                app.due_bell.ring()
                speed = 1.0
            if speed != self.clock.speed:
                self.clock.set_speed(speed)
                app.due_bell.ring()  # wake-ups re-timed for the new pace
            self.show_new()
            await asyncio.sleep(0.02)
        self.clock.set_speed(1.0)
        app.due_bell.ring()
        self.show_new()

    async def slash(self, user: str, channel: str, text: str) -> None:
        command = self.running.app.settings.slack_command
        # Slack names the channel the command was typed in: the one the demo calls #dwp-leeds
        name = "dwp-leeds" if channel == LEEDS_CHANNEL else "general"
        form = self.slack.command(user, channel, text, command, channel_name=name)
        await self.slack.post_command(self.events, form)

    def total(self) -> int:
        return len(self._messages())

    async def step(self, who: str, said: str, act: Callable[[], Any]) -> None:
        self.say(f"\n{who}: {said}")
        before = self.total()
        result = act()
        if asyncio.iscoroutine(result):
            await result
        await self.until(lambda: self.total() > before, within=10, full=True)
        await asyncio.sleep(0.2)
        self.show_new(full=True)


async def run_ballot_demo(base: Settings, out: TextIO) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="campaign-bot-ballot-demo-") as folder:
        async with TelegramStandIn() as tg, SlackStandIn() as slack, AsyncExitStack() as stack:
            return await _play(demo_settings(base, folder, tg, slack), tg, slack, stack, out)


PEOPLE = [
    (Identity(Platform.TELEGRAM, str(PRIYA)), Role.MEMBER, "dwp-leeds"),
    (Identity(Platform.TELEGRAM, str(TOM)), Role.OFFICER, "dwp-leeds"),
    (Identity(Platform.SLACK, SAM), Role.MEMBER, "dwp-leeds"),
    (Identity(Platform.SLACK, ANA), Role.ORGANISER, None),
]
SPEC = BallotSpec(
    BALLOT,
    "Pay ballot 2026",
    BallotKind.STATUTORY_POSTAL.value,
    "2026-06-01 09:00",
    "2026-06-18 12:00",
    group="dwp",
    replacement_deadline="2026-06-10 17:00",
    info_url="https://example.org/ballots/pay-2026",
)


async def _play(
    settings: Settings,
    tg: TelegramStandIn,
    slack: SlackStandIn,
    stack: AsyncExitStack,
    out: TextIO,
) -> dict[str, Any]:
    # Real time while the people set things up; fast once the ballot is under way.
    clock = AcceleratedClock(_at(2026, 5, 29, 10), 1.0)
    running = await start_bot(settings, stack, clock)
    demo = BallotDemo(running, clock, tg, slack, out)
    ballot = await _enter_ballot(demo)
    await _subscribe(demo)
    await _run_the_window(demo, ballot)
    states = {r.kind: r.state.value for r in await running.app.store.reminders.for_ballot(BALLOT)}
    summary = {"reminders_received": dict(sorted(demo.reminders.items())), "plan": states}
    demo.say("\nThe ballot has closed; no reminder goes after the close.")
    demo.say(json.dumps(summary))
    return summary


async def _enter_ballot(demo: BallotDemo) -> Ballot:
    """The organiser's part, through the same services as `campaign-bot ballots ...`."""
    app = demo.running.app
    for identity, role, branch in PEOPLE:
        await app.services.roles.grant(identity, role, branch, OPERATOR)
    demo.say("══ A statutory postal ballot, from papers posted to the close " + "═" * 6)
    demo.say(
        "\nAna, organiser: campaign-bot ballots add pay-2026 --kind statutory_postal "
        "--opens '2026-06-01 09:00' --closes '2026-06-18 12:00' --group dwp …"
    )
    added = await app.services.ballots.add(SPEC, OPERATOR)
    for reminder in await app.store.reminders.for_ballot(BALLOT):
        when = wording.at(reminder.fire_at, LONDON, short=True, year=False)
        demo.say(f"  planned: {reminder.kind:<17} {when}")
    demo.say(
        f"  ({counted(added.reminders, 'reminder')}; the last safe posting day skips weekends and "
        "bank holidays)"
    )
    demo.say("Ana, organiser: campaign-bot ballots import-electorate electorate.csv")
    electorate = "branch,eligible\ndwp-leeds,40\ndwp-glasgow,25\n"
    await app.services.ballots.import_electorate(BALLOT, electorate, OPERATOR)
    demo.say("  Electorate of pay-2026: 65 members in 2 branches.")
    return added.ballot


def _in_leeds_group(tg: TelegramStandIn, text: str) -> object:
    return tg.message(
        TOM, text, chat_id=LEEDS_GROUP, chat_type="supergroup", title="DWP Leeds branch"
    )


async def _subscribe(demo: BallotDemo) -> None:
    tg, slack = demo.tg, demo.slack
    command = demo.running.app.settings.slack_command
    leeds = "Tom, branch officer (Telegram, Leeds group)"
    await demo.step(
        leeds,
        "/subscribe dwp-leeds ballots",
        lambda: _in_leeds_group(tg, "/subscribe dwp-leeds ballots"),
    )
    await demo.step(
        "Ana, organiser (Slack, #dwp-leeds)",
        "/campaign subscribe dwp-leeds ballots",
        lambda: demo.slash(ANA, LEEDS_CHANNEL, "subscribe dwp-leeds ballots"),
    )
    await demo.step(
        "Priya, member (Telegram, DM)", "/remindme on", lambda: tg.message(PRIYA, "/remindme on")
    )
    form = {**slack.command(SAM, SAM_DM, "remindme on", command), "channel_name": "directmessage"}
    await demo.step(
        "Sam, member (Slack, DM)",
        "/campaign remindme on",
        lambda: slack.post_command(demo.events, form),
    )


async def _run_the_window(demo: BallotDemo, ballot: Ballot) -> None:
    store, clock = demo.running.app.store, demo.clock
    demo.say(f"\n══ Time runs {SPEED:,.0f}× faster between reminders " + "═" * 20)
    await demo.run_fast(lambda: demo.reminders.get("telegram, Priya's DM", 0) >= 1)
    await demo.step(
        "Priya (Telegram, DM)",
        "presses “I've voted” under the reminder",
        lambda: _press_voted(demo.tg),
    )
    await demo.run_fast(lambda: demo.reminders.get("slack, Sam's DM", 0) >= 3)
    await demo.step("Sam (Slack, DM)", "presses “I've voted”", lambda: _press_voted_slack(demo))
    # Other members report through their own chats; here they are added directly.
    for first, count, branch in ((800, 17, "dwp-leeds"), (900, 14, "dwp-glasgow")):
        for n in range(count):
            member = await store.members.get_or_create(Identity(Platform.TELEGRAM, str(first + n)))
            await store.ballots.bank(BALLOT, member.id, branch, clock.now())
    demo.say("  (31 more members in Leeds and Glasgow told the bot they had voted)")
    await demo.step(
        "Tom, branch officer (Telegram, Leeds group)",
        "/turnout pay-2026",
        lambda: _in_leeds_group(demo.tg, "/turnout pay-2026"),
    )
    await demo.run_fast(lambda: clock.now() > ballot.closes_at + timedelta(days=1))


async def _press_voted(tg: TelegramStandIn) -> None:
    markup = tg.received[str(PRIYA)][-1].reply_markup or {}
    button = markup["inline_keyboard"][0][0]
    tg.press(PRIYA, button["callback_data"])


async def _press_voted_slack(demo: BallotDemo) -> None:
    posted = demo.slack.received[SAM_DM][-1]
    value = next(
        element["value"]
        for block in posted.blocks or []
        if block.get("type") == "actions"
        for element in block["elements"]
    )
    await demo.slack.post_action(demo.events, demo.slack.block_action(SAM, SAM_DM, value))
