"""The organiser's tools tell the truth (issue 13, point 6): what a new organiser was told
that was not so, each through the caller they used (the CLI in process, the chat through
the stand-ins, or the service every caller shares)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.core.caller import Caller
from bot.core.models import (
    BroadcastState,
    ChatKind,
    Identity,
    Platform,
    Role,
    RoleGrant,
    SubscriptionState,
)
from bot.core.results import BallotSpec
from tests.delivery_kit import delivery_kit
from tests.harness import Harness, eventually, running

LONDON = ZoneInfo("Europe/London")
PRIYA = 5012345678
OPERATOR = Caller.operator()


def ballots_saved(tmp_path: Path) -> int:
    if not (tmp_path / "bot.db").exists():
        return 0
    db = sqlite3.connect(tmp_path / "bot.db")
    try:
        return int(db.execute("SELECT count(*) FROM ballots WHERE name = 'pay-2030'").fetchone()[0])
    finally:
        db.close()


def add_args(**change: str) -> list[str]:
    """`campaign-bot ballots add pay-2030 …`, with options changed or added."""
    options = {
        "--title": "Pay ballot 2030",
        "--kind": "statutory_postal",
        "--opens": "2030-03-04 09:00",
        "--closes": "2030-04-01 12:00",
        "--group": "dwp",
    } | {f"--{k.replace('_', '-')}": v for k, v in change.items()}
    return ["ballots", "add", "pay-2030", *(x for pair in options.items() for x in pair)]


# --- ballots add: fields named as typed, dates read as people mean them ---------------


def test_a_bad_threshold_is_named_by_the_option_typed(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, add_args(threshold="1.5"))
    assert result.exit_code == 2
    assert "--threshold: must be a share between 0 and 1" in result.output
    assert "--turnout-threshold" not in result.output
    assert ballots_saved(tmp_path) == 0


def test_a_ballot_wholly_in_the_past_is_refused(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, add_args(opens="2020-03-04 09:00", closes="2020-04-01 12:00"))
    assert result.exit_code == 2
    assert "--closes: that time has already passed" in result.output
    assert "nothing was saved" in result.output and ballots_saved(tmp_path) == 0


def test_a_date_alone_is_the_end_of_that_day_for_deadlines_and_the_start_for_opens(
    cli: CliRunner, tmp_path: Path
) -> None:
    dates = {
        "opens": "2030-03-04",
        "closes": "2030-04-03",
        "join_by": "2030-02-20",
        "replacement_deadline": "2030-03-25",
    }
    result = cli.invoke(app, add_args(**dates))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for said in (
        "opens: Mon 4 Mar 2030 read as the start of that day (00:00)",
        "closes: Wed 3 Apr 2030 read as the end of that day (23:59)",
        "join by: Wed 20 Feb 2030 read as the end of that day (23:59)",
        "replacement deadline: Mon 25 Mar 2030 read as the end of that day (23:59)",
    ):
        assert any(said in line for line in lines), result.output
    listed = json.loads(cli.invoke(app, ["ballots", "list", "--json"]).output)
    [ballot] = [b for b in listed if b["name"] == "pay-2030"]
    # 3 April 2030 is in British Summer Time: 23:59 there is 22:59 UTC.
    assert datetime.fromisoformat(ballot["closes_at"]) == datetime(2030, 4, 3, 22, 59, tzinfo=UTC)
    assert datetime.fromisoformat(ballot["opens_at"]) == datetime(2030, 3, 4, 0, 0, tzinfo=LONDON)
    shown = cli.invoke(app, ["ballots", "show", "pay-2030"]).output
    assert "Wednesday 20 February 2030, 23:59" in shown  # join by
    assert "Monday 25 March 2030, 23:59" in shown  # replacement deadline


@pytest.mark.parametrize(
    ("closes", "warning"),
    [
        # Saturday 6 April 2030.
        ("2030-04-06 12:00", "closes on Saturday 6 April 2030, which is a weekend"),
        # Boxing Day 2030 is a Thursday, a bank holiday.
        ("2030-12-26 12:00", "closes on Thursday 26 December 2030, which is a bank holiday"),
        # Wednesday 28 August 2030, two days after the summer bank holiday: posting three
        # working days ahead means Thursday 22 August, not Friday 23.
        (
            "2030-08-28 12:00",
            "bank holiday (Mon 26 Aug) before the close: the last safe posting day is "
            "Thursday 22 August 2030",
        ),
    ],
)
def test_a_close_on_a_day_off_or_a_posting_day_moved_by_a_bank_holiday_is_warned_about(
    cli: CliRunner, closes: str, warning: str
) -> None:
    result = cli.invoke(app, add_args(closes=closes))
    assert result.exit_code == 0, result.output
    assert f"warning: {warning}" in result.output


def test_a_close_on_a_working_day_with_none_off_before_it_gets_no_warning(cli: CliRunner) -> None:
    result = cli.invoke(app, add_args(closes="2030-04-03 12:00"))  # a Wednesday in term time
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_electorate_rows_outside_the_ballots_scope_are_refused(
    cli: CliRunner, tmp_path: Path
) -> None:
    assert cli.invoke(app, add_args()).exit_code == 0  # the DWP group's branches only
    csv = tmp_path / "electorate.csv"
    csv.write_text("branch,eligible\ndwp-leeds,120\nhmrc-liverpool,90\n")
    result = cli.invoke(app, ["ballots", "import-electorate", str(csv), "--ballot", "pay-2030"])
    assert result.exit_code == 2
    assert "branch 'hmrc-liverpool' is not in this ballot's scope" in result.output
    db = sqlite3.connect(tmp_path / "bot.db")
    try:
        assert db.execute("SELECT count(*) FROM ballot_electorate").fetchone()[0] == 0
    finally:
        db.close()


# --- the chat, through the stand-ins --------------------------------------------------


async def grant(h: Harness, who: Identity, role: Role, branch: str | None = None) -> None:
    store = h.bot.app.store
    member = await store.members.get_or_create(who)
    if branch:
        await store.members.set_branch(member.id, branch)
    await store.roles.grant(RoleGrant(member.id, role, branch))


async def reply_to(h: Harness, text: str) -> str:
    before = len(h.tg.texts(PRIYA))
    h.tg.message(PRIYA, text)
    await eventually(lambda: len(h.tg.texts(PRIYA)) > before)
    return h.tg.texts(PRIYA)[before]


async def test_turnout_with_no_ballot_named_takes_the_open_one(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), Role.ORGANISER)
        none_open = await reply_to(h, "/turnout")
        assert "No ballot is open now" in none_open and "'now'" not in none_open
        services, now = h.bot.app.services, datetime.now(UTC)
        spec = BallotSpec(
            "pay-now",
            "Pay ballot now",
            "online_election",
            (now - timedelta(days=1)).isoformat(),
            (now + timedelta(days=20)).isoformat(),
        )
        await services.ballots.add(spec, OPERATOR)
        await services.ballots.import_electorate("pay-now", "dwp-leeds,120\n", OPERATOR)
        shown = await reply_to(h, "/turnout")
        assert "Pay ballot now" in shown and "'now'" not in shown


async def test_decline_says_decline(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), Role.OFFICER, "dwp-leeds")
        said = await reply_to(h, "/decline 99")
        assert "/decline" in said and "/approve" not in said
        assert "already decided, or there is no such request" in said


async def test_a_report_read_in_chat_has_every_item_whole(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        [report] = h.bot.app.content.reports
        before = len(h.tg.texts(PRIYA))
        h.tg.message(PRIYA, f"/reports {report.id}")
        await eventually(lambda: "secretary" in "".join(h.tg.texts(PRIYA)[before:]))
        said = h.tg.texts(PRIYA)[before:]
        for item in report.items:
            whole = f"{item.title}: {item.summary} Decision: {item.decision}"
            assert any(whole in text for text in said), whole


# --- broadcasts: what the report and the list say -------------------------------------


async def test_a_request_waiting_for_approval_is_not_counted_and_done_is_not_queued(
    tmp_path: Path,
) -> None:
    async with delivery_kit(tmp_path, telegram=2) as kit:
        store = kit.app.store
        # One more group asked for hmrc-newcastle's pay news and waits for an officer; one
        # already subscribed also asked for a second branch.
        waiting = await store.channels.upsert(Platform.TELEGRAM, "-1009", ChatKind.GROUP, "w")
        await store.subscriptions.add(
            waiting.id, "hmrc-newcastle", "pay", SubscriptionState.PENDING
        )
        first = kit.channels[0]
        await store.subscriptions.add(first.id, "hmrc-newcastle", "pay", SubscriptionState.PENDING)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        report = await kit.app.services.broadcasts.report(broadcast.id)
        assert report.total("sent") == 2 and report.total("pending") == 0
        assert set(report.by_branch) == {"dwp-leeds", "dwp-glasgow"}
        assert kit.received(waiting) == 0
        assert report.state == "done" and report.as_json()["state"] == "done"
        # Killed after the last message's outcome was written and before the broadcast was
        # marked done: it is stored as queued, but nothing is left to send.
        await store.broadcasts.set_state(broadcast.id, BroadcastState.QUEUED)
        services = kit.app.services.broadcasts
        [line] = [x for x in await services.recent() if x.broadcast.id == broadcast.id]
        assert (line.state, line.sent, line.total) == ("done", 2, 2)
        report = await services.report(broadcast.id)
        assert report.state == "done" and report.as_json()["state"] == "done"
