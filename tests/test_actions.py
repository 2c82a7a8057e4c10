"""Petitions, meeting reports and consultations, end to end through both stand-ins (the real
PTB and slack-sdk clients), with the refusals the issue names; and the pure rules under them."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.core import buttons
from bot.core.actions import (
    MIN_BRANCH_VOTES,
    consultation_results,
    hash_code,
    leaderboard,
    new_link_code,
    normalise_code,
    parse_consultation,
)
from bot.core.caller import Caller
from bot.core.clock import AcceleratedClock
from bot.core.models import (
    ChatKind,
    Consultation,
    Identity,
    Member,
    Platform,
    Role,
    RoleGrant,
    SubscriptionState,
    Tally,
)
from bot.core.ports import Store
from bot.standins.telegram.html import visible_text
from tests.harness import Harness, eventually, running, settle

PRIYA, RAJ, STRANGER_TG = 5077123456, 5077999001, 5077000999
GROUP = -1001234500001  # dwp-leeds' Telegram group
SAM, ANA, STRANGER = "U0SAM00001", "U0ANA00001", "U0NOBODY01"
SLACK_CHANNEL = "C0LIVERPOO"  # hmrc-liverpool's Slack channel
ORGANISERS = "C0ORGANISE"


async def member(
    store: Store, identity: Identity, role: Role = Role.MEMBER, branch: str | None = "dwp-leeds"
) -> Member:
    found = await store.members.get_or_create(identity)
    await store.members.set_branch(found.id, branch)
    await store.roles.grant(RoleGrant(found.id, role, None if role is Role.ORGANISER else branch))
    return found


async def subscribe(store: Store, platform: Platform, chat: str, branch: str, *topics: str) -> None:
    kind = ChatKind.GROUP if platform is Platform.TELEGRAM else ChatKind.CHANNEL
    channel = await store.channels.upsert(platform, chat, kind, f"{branch} chat")
    for topic in topics:
        await store.subscriptions.add(channel.id, branch, topic, SubscriptionState.ACTIVE)


async def people(h: Harness) -> dict[str, Member]:
    store = h.bot.app.store
    await subscribe(
        store, Platform.TELEGRAM, str(GROUP), "dwp-leeds", "petitions", "reports", "general"
    )
    await subscribe(
        store, Platform.SLACK, SLACK_CHANNEL, "hmrc-liverpool", "petitions", "reports", "general"
    )
    return {
        "priya": await member(store, Identity(Platform.TELEGRAM, str(PRIYA))),
        "raj": await member(store, Identity(Platform.TELEGRAM, str(RAJ)), Role.OFFICER),
        "sam": await member(store, Identity(Platform.SLACK, SAM), branch="hmrc-liverpool"),
        "ana": await member(store, Identity(Platform.SLACK, ANA), Role.ORGANISER, None),
    }


def tg_texts(h: Harness, chat: int) -> list[str]:
    return [visible_text(s.text) for s in h.tg.received[str(chat)]]


def ours(data: str) -> str:
    """The command a button of ours carries (on the wire it is namespaced and versioned)."""
    assert data.startswith(buttons.PREFIX), data
    return data.removeprefix(buttons.PREFIX)


def tg_buttons(h: Harness, chat: int) -> list[str]:
    last = h.tg.received[str(chat)][-1].reply_markup or {}
    return [ours(b["callback_data"]) for row in last.get("inline_keyboard", []) for b in row]


def slack_buttons(h: Harness, channel: str) -> list[str]:
    blocks = h.slack.received[channel][-1].blocks or []
    return [ours(e["value"]) for b in blocks if b.get("type") == "actions" for e in b["elements"]]


async def slack(h: Harness, user: str, text: str, channel: str = ORGANISERS) -> None:
    form = h.slack.command(user, channel, text)
    if channel.startswith("D"):
        form = h.slack.command(user, channel, text, channel_name="directmessage")
    await h.slack.post_command(h.events_url, form)


async def new_reply(h: Harness, key: str, before: int, telegram: bool = True) -> str:
    box = h.tg.received if telegram else h.slack.received
    await eventually(lambda: len(box[key]) > before, within=10)
    last = box[key][-1]
    return visible_text(last.text) if telegram else last.text


def cli(tmp_path: Path, *args: str) -> Any:
    """The organiser's CLI on the harness's database, from a thread (it runs its own loop)."""
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(Path(__file__).resolve().parent.parent / "campaigns"),
        "MESSAGES_DIR": str(Path(__file__).resolve().parent.parent / "messages"),
        "TELEGRAM_BOT_TOKEN": "",
        "SLACK_BOT_TOKEN": "",
    }
    return CliRunner().invoke(cli_app, list(args), env=env)


# Petitions ---------------------------------------------------------------------------------


async def test_petition_goes_out_and_members_sign_once(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await people(h)
        store = h.bot.app.store
        await slack(h, ANA, "petition send")
        await eventually(
            lambda: bool(h.tg.received[str(GROUP)]) and bool(h.slack.received[SLACK_CHANNEL]),
            within=10,
        )
        assert "Sign the petition: Fund fair pay in public services" in tg_texts(h, GROUP)[-1]
        assert tg_buttons(h, GROUP) == ["/signed pay-petition"]
        assert slack_buttons(h, SLACK_CHANNEL) == ["/signed pay-petition"]

        # Priya presses the group's button twice; Sam says so on Slack; a stranger is refused.
        h.tg.press(PRIYA, "/signed pay-petition", chat_id=GROUP, chat_type="supergroup")
        reply = await new_reply(h, str(GROUP), 1)
        assert "Thank you for signing" in reply and "1 of 50,000" in reply
        h.tg.press(PRIYA, "/signed pay-petition", chat_id=GROUP, chat_type="supergroup")
        assert "already counted" in await new_reply(h, str(GROUP), 2)
        h.tg.press(STRANGER_TG, "/signed pay-petition", chat_id=GROUP, chat_type="supergroup")
        refused = await new_reply(h, str(GROUP), 3)
        assert "needs to know you're a member" in refused and "Nothing was counted" in refused
        before = len(h.slack.received[SLACK_CHANNEL])
        await slack(h, SAM, "signed", channel=SLACK_CHANNEL)
        assert "Thank you for signing" in await new_reply(h, SLACK_CHANNEL, before, telegram=False)
        assert await store.petitions.counts("pay-petition") == {"dwp-leeds": 1, "hmrc-liverpool": 1}

        # Progress for anyone; per-branch counts for the officer's own branch only.
        h.tg.message(PRIYA, "/petition")
        shown = await new_reply(h, str(PRIYA), 0)
        assert "2 of 50,000" in shown and "You have signed" in shown and "dwp-leeds" not in shown
        assert "(under 0.1%)" in shown and "0.0%" not in shown  # 2 of 50,000 is not none
        h.tg.message(RAJ, "/petition")
        officer = await new_reply(h, str(RAJ), 0)
        assert "Leeds" in officer and "Liverpool" not in officer
        h.tg.message(PRIYA, "/petition nope")
        assert "no petition called 'nope'" in await new_reply(h, str(PRIYA), 1)
        h.tg.message(PRIYA, "/petition send")
        assert "only for organisers" in await new_reply(h, str(PRIYA), 2)

    report = await asyncio.to_thread(cli, tmp_path, "petition", "report", "--json")
    assert report.exit_code == 0, report.output
    data = json.loads(report.output)
    assert data["signatures"] == 2 and data["target"] == 50000
    assert [(r["rank"], r["branch"], r["signatures"]) for r in data["leaderboard"]] == [
        (1, "dwp-leeds", 1),
        (2, "hmrc-liverpool", 1),
    ]
    bad = await asyncio.to_thread(cli, tmp_path, "petition", "report", "--petition", "nope")
    assert bad.exit_code == 2 and "no petition called 'nope'" in bad.output


def test_leaderboard_ranks_by_signatures_and_puts_no_branch_last() -> None:
    rows = leaderboard({"b": 3, "a": 3, None: 9, "c": 5}, {"a": "A branch"})
    assert [(r.rank, r.branch, r.title) for r in rows] == [
        (1, "c", "c"),
        (2, "a", "A branch"),
        (3, "b", "b"),
        (None, None, "no branch"),
    ]


# Meeting reports ---------------------------------------------------------------------------


async def test_report_published_noted_and_tracked(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await people(h)
        await slack(h, ANA, "reports publish nope")
        await eventually(lambda: bool(h.slack.received[ORGANISERS]))
        assert "no report called 'nope'" in h.slack.received[ORGANISERS][-1].text
        await slack(h, ANA, "reports publish nec-2020-11")
        await eventually(lambda: bool(h.tg.received[str(GROUP)]), within=10)
        await eventually(lambda: any("on its way" in p.text for p in h.slack.received[ORGANISERS]))
        summary = tg_texts(h, GROUP)[-1]
        assert "Report from the NEC meeting of 12 November 2020" in summary
        assert "• National pay ballot readiness: Not ready yet." in summary
        assert "Action: Hold your branch AGM" in summary
        assert tg_buttons(h, GROUP) == ["/reports nec-2020-11", "/noted nec-2020-11"]
        await eventually(lambda: bool(h.slack.received[SLACK_CHANNEL]))
        assert slack_buttons(h, SLACK_CHANNEL) == ["/reports nec-2020-11", "/noted nec-2020-11"]
        await slack(h, ANA, "reports publish nec-2020-11")
        await eventually(
            lambda: any("already published" in p.text for p in h.slack.received[ORGANISERS])
        )

        # The full text; a member pressing Noted is refused; the officer's press counts.
        h.tg.press(PRIYA, "/reports nec-2020-11", chat_id=GROUP, chat_type="supergroup")
        full = await new_reply(h, str(GROUP), 1)
        assert "Union Locals: Locals bring members" in full
        assert "Decision: Set up at least two Locals" in full
        assert "on Zoom if you need to by Friday 26 February 2021." in full
        h.tg.press(PRIYA, "/noted nec-2020-11", chat_id=GROUP, chat_type="supergroup")
        assert "only for branch officers" in await new_reply(h, str(GROUP), 2)
        assert await h.bot.app.store.reports.noted("nec-2020-11") == {}
        h.tg.press(RAJ, "/noted nec-2020-11", chat_id=GROUP, chat_type="supergroup")
        assert "dwp-leeds: noted" in await new_reply(h, str(GROUP), 3)
        h.tg.press(RAJ, "/noted nec-2020-11", chat_id=GROUP, chat_type="supergroup")
        assert "dwp-leeds: already noted" in await new_reply(h, str(GROUP), 4)
        h.tg.message(RAJ, "/noted nec-1999")
        assert "no report called 'nec-1999'" in await new_reply(h, str(RAJ), 0)

        before = len(h.slack.received[ORGANISERS])
        await slack(h, ANA, "reports status nec-2020-11")
        status = await new_reply(h, ORGANISERS, before, telegram=False)
        assert re.search(r"^• dwp-leeds: noted .+ by member \d+$", status, re.M), status
        assert "hmrc-liverpool: sent, not yet noted" in status
        assert "dwp-glasgow: never sent" in status

    result = await asyncio.to_thread(cli, tmp_path, "report", "status", "nec-2020-11", "--json")
    assert result.exit_code == 0, result.output
    status_json = json.loads(result.output)
    assert (
        list(status_json["noted"]) == ["dwp-leeds"] and "hmrc-liverpool" in status_json["not_noted"]
    )
    missing_report = await asyncio.to_thread(cli, tmp_path, "report", "publish", "nope")
    assert missing_report.exit_code == 2 and "no report called 'nope'" in missing_report.output
    audit = await asyncio.to_thread(cli, tmp_path, "audit", "--json", "--action", "/reports")
    assert audit.exit_code == 0, audit.output
    [published] = json.loads(audit.output)
    assert (published["actor"], published["action"], published["outcome"]) == (
        f"slack:{ANA}",
        "/reports publish",
        "done",
    )
    noted_rows = json.loads(
        (await asyncio.to_thread(cli, tmp_path, "audit", "--json", "--action", "/noted")).output
    )
    # The officer's acknowledgement, and the member's refused press, both on the record.
    assert sorted((r["actor"], r["outcome"]) for r in noted_rows) == [
        (f"telegram:{PRIYA}", "refused"),
        (f"telegram:{RAJ}", "done"),
    ]
    refused = await asyncio.to_thread(cli, tmp_path, "audit", "--limit", "0")
    assert refused.exit_code == 2


async def test_report_action_becomes_a_reminder_on_the_scheduler(tmp_path: Path) -> None:
    """Published in November 2020, the AGM action (due Fri 26 Feb 2021) is planned for a
    week before and the morning of; the scheduler wakes for it, sends once, and a restart
    does not send it again."""
    clock = AcceleratedClock(datetime(2020, 11, 13, 10, tzinfo=UTC), 1.0)
    async with running(tmp_path, slack=False, clock=clock) as h:
        await people(h)
        app = h.bot.app
        published = await app.services.reports.publish("nec-2020-11", Caller.operator())
        assert published.reminders == 2
        await eventually(lambda: bool(h.tg.received[str(GROUP)]), within=10)
        week_before = datetime(2021, 2, 19, 9, tzinfo=UTC)  # GMT in February
        assert await app.store.timers.next_at() == week_before
        clock.jump(week_before - timedelta(seconds=1))
        app.due_bell.ring()  # re-arm on the jumped clock, as after any change
        await eventually(lambda: len(h.tg.received[str(GROUP)]) >= 2, within=10)
        reminder = tg_texts(h, GROUP)[-1]
        assert (
            "Action from Report from the NEC meeting of 12 November 2020 — due in 7 days"
            in reminder
        )
        assert (
            "Hold your branch AGM and mandating meeting, on Zoom if you need to, "
            "by Friday 26 February 2021" in reminder
        )
        assert tg_buttons(h, GROUP) == ["/noted nec-2020-11"]
        assert await app.store.timers.next_at() == datetime(2021, 2, 26, 9, tzinfo=UTC)
        await app.timers.fire_due()
        await settle()
        assert len(h.tg.received[str(GROUP)]) == 2  # fired once, not again

    # Down over the deadline's morning: on restart the missed reminder goes once, the
    # week-before one is not sent again.
    later = AcceleratedClock(datetime(2021, 2, 26, 10, tzinfo=UTC), 1.0)
    async with running(tmp_path, slack=False, clock=later) as h:
        await eventually(lambda: bool(h.tg.received[str(GROUP)]), within=10)
        await settle()
        [again] = tg_texts(h, GROUP)
        assert "due today" in again and "Hold your branch AGM" in again
        assert await h.bot.app.store.timers.next_at() is None


# Consultations and /link -------------------------------------------------------------------


async def test_consultation_votes_are_private_single_and_cross_platform(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        folks = await people(h)
        store = h.bot.app.store
        closes = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0).isoformat()
        await slack(
            h,
            ANA,
            f"consult open general {closes} Should branch AGMs meet on Zoom this year? | Yes | No",
        )
        await eventually(lambda: bool(h.slack.received[ORGANISERS]))
        opened = h.slack.received[ORGANISERS][-1].text
        assert "Consultation 1 is open" in opened and "sent by DM to 3 members" in opened

        # The announcement in the channels, the member's own buttons by DM; never a ballot.
        await eventually(
            lambda: bool(h.tg.received[str(GROUP)]) and bool(h.tg.received[str(PRIYA)]), within=10
        )
        assert "not a statutory ballot" in tg_texts(h, GROUP)[-1]
        assert tg_buttons(h, GROUP) == ["/vote 1"]
        assert "not a statutory ballot" in tg_texts(h, PRIYA)[-1]
        assert tg_buttons(h, PRIYA) == ["/vote 1 1", "/vote 1 2"]
        await eventually(lambda: bool(h.slack.received[SAM]))
        assert slack_buttons(h, SAM) == ["/vote 1 1", "/vote 1 2"]

        # Priya votes in her DM; a second press is refused and nothing changes.
        h.tg.press(PRIYA, "/vote 1 1")
        assert "Counted: you chose Yes" in await new_reply(h, str(PRIYA), 1)
        h.tg.press(PRIYA, "/vote 1 2")
        assert "already voted (Yes)" in await new_reply(h, str(PRIYA), 2)
        # Raj presses a button in Priya's chat: not his to press.
        h.tg.press(RAJ, "/vote 1 2", chat_id=PRIYA)
        assert "sent to someone else" in await new_reply(h, str(PRIYA), 3)
        # A vote button pressed in the group is not counted: the buttons go by DM instead.
        h.tg.press(RAJ, "/vote 1 2", chat_id=GROUP, chat_type="supergroup")
        assert "check your DMs" in await new_reply(h, str(GROUP), 1)
        assert tg_buttons(h, RAJ) == ["/vote 1 1", "/vote 1 2"]
        # An account the bot does not know as a member's.
        await slack(h, STRANGER, "vote 1 1", channel="D0NOBODY01")
        await eventually(lambda: bool(h.slack.received["D0NOBODY01"]))
        assert "needs to know you're a member" in h.slack.received["D0NOBODY01"][-1].text
        assert [t.votes for t in await store.consultations.tally(1)] == [1]

        # Priya links a Slack account with a one-time code; her vote there is already cast.
        h.tg.message(PRIYA, "/link")
        code_text = await new_reply(h, str(PRIYA), 4)
        code = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", code_text)
        assert code is not None
        await slack(h, "U0PRIYA001", "link WRONG-CODE", channel="D0PRIYA001")
        await eventually(lambda: bool(h.slack.received["D0PRIYA001"]))
        assert "didn't work" in h.slack.received["D0PRIYA001"][-1].text
        await slack(h, "U0PRIYA001", f"link {code.group(1)}", channel="D0PRIYA001")
        await eventually(lambda: len(h.slack.received["D0PRIYA001"]) >= 2)
        assert "Linked" in h.slack.received["D0PRIYA001"][-1].text
        linked = await store.members.find(Identity(Platform.SLACK, "U0PRIYA001"))
        assert linked is not None and linked.id == folks["priya"].id
        await slack(h, "U0PRIYA001", f"link {code.group(1)}", channel="D0PRIYA001")  # used up
        await eventually(lambda: len(h.slack.received["D0PRIYA001"]) >= 3)
        assert "didn't work" in h.slack.received["D0PRIYA001"][-1].text
        await slack(h, "U0PRIYA001", "vote 1 2", channel="D0PRIYA001")
        await eventually(lambda: len(h.slack.received["D0PRIYA001"]) >= 4)
        assert "already voted (Yes)" in h.slack.received["D0PRIYA001"][-1].text

        # Sam votes on Slack; the organiser closes; totals go to the channels.
        await slack(h, SAM, "vote 1 2", channel="D0SAM00001")
        await eventually(lambda: bool(h.slack.received["D0SAM00001"]))
        assert "Counted: you chose No" in h.slack.received["D0SAM00001"][-1].text
        group_before = len(h.tg.received[str(GROUP)])
        await slack(h, ANA, "consult close 1")
        await eventually(lambda: len(h.tg.received[str(GROUP)]) > group_before, within=10)
        results = tg_texts(h, GROUP)[-1]
        assert "Consultation results" in results and "2 votes." in results
        # Two votes: totals would tell Priya how Sam voted. None are shown under ten.
        assert "Yes:" not in results and "No:" not in results
        assert "shown once at least 10 members have voted" in results
        assert "not a statutory ballot" in results
        assert "dwp-leeds:" not in results
        before = len(h.tg.received[str(RAJ)])
        h.tg.press(RAJ, "/vote 1 1")
        assert "has closed; nothing was counted" in await new_reply(h, str(RAJ), before)
        assert sum(t.votes for t in await store.consultations.tally(1)) == 2

    shown = await asyncio.to_thread(cli, tmp_path, "consult", "results", "1", "--json")
    assert shown.exit_code == 0, shown.output
    results = json.loads(shown.output)
    assert results["state"] == "closed" and results["statutory_ballot"] is False
    assert results["totals"] == [] and results["branches"] == {}
    assert results["votes"] == 2 and results["totals_withheld"] is True
    again = await asyncio.to_thread(cli, tmp_path, "consult", "close", "1")
    assert again.exit_code == 2 and "already closed" in again.output
    unknown = await asyncio.to_thread(cli, tmp_path, "consult", "results", "99")
    assert unknown.exit_code == 2 and "no consultation 99" in unknown.output


async def test_consultation_closes_on_time_through_the_scheduler(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        await people(h)
        store = h.bot.app.store
        organiser = await member(
            store, Identity(Platform.TELEGRAM, "5077000111"), Role.ORGANISER, None
        )
        assert organiser.id
        closes = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
        h.tg.message(
            5077000111,
            f"/consult open general {closes.isoformat()} Keep the Locals? | Yes | No | Unsure",
        )
        await eventually(lambda: bool(h.tg.received[str(PRIYA)]), within=10)
        h.tg.press(PRIYA, "/vote 1 3")
        assert "you chose Unsure" in await new_reply(h, str(PRIYA), 1)
        await eventually(
            lambda: any("Consultation results" in t for t in tg_texts(h, GROUP)), within=15
        )
        found = await store.consultations.get(1)
        assert found is not None and found.results is not None
        assert found.results["totals"] == [] and found.results["votes"] == 1  # under ten


def test_consultation_results_hide_small_branches() -> None:
    c = Consultation(
        1,
        "Q?",
        ("Yes", "No"),
        "general",
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 2, 1, tzinfo=UTC),
    )
    tallies = [
        Tally("big", 0, MIN_BRANCH_VOTES - 3),
        Tally("big", 1, 3),
        Tally("small", 0, MIN_BRANCH_VOTES - 1),
        Tally(None, 1, 4),
    ]
    results = consultation_results(c, tallies)
    assert results.totals == (2 * MIN_BRANCH_VOTES - 4, 7)
    assert results.branches == {"big": (MIN_BRANCH_VOTES - 3, 3)}
    assert results.branches_withheld == 1
    # One vote in another branch: the totals minus big's would show it, so big's go too.
    results = consultation_results(c, [Tally("big", 0, MIN_BRANCH_VOTES), Tally("small", 1, 1)])
    assert results.totals == (MIN_BRANCH_VOTES, 1) and results.branches == {}
    assert results.branches_withheld == 2
    # Fewer than ten in all: no totals, only how many voted.
    results = consultation_results(c, [Tally("big", 0, 2), Tally("big", 1, 1)])
    assert results.totals == () and results.votes == 3 and results.withheld


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]), st.lists(st.integers(0, 30), min_size=3, max_size=3)
    )
)
def test_consultation_results_add_up_and_never_show_a_branch_under_ten(
    votes: dict[str, list[int]],
) -> None:
    c = Consultation(
        1,
        "Q?",
        ("x", "y", "z"),
        "general",
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 2, 1, tzinfo=UTC),
    )
    tallies = [Tally(b, i, n) for b, counts in votes.items() for i, n in enumerate(counts) if n]
    results = consultation_results(c, tallies)
    cast = sum(sum(v) for v in votes.values())
    assert results.votes == cast
    assert results.withheld == (0 < cast < MIN_BRANCH_VOTES)
    assert not results.withheld or results.totals == ()
    shown = results.branches
    assert all(sum(v) >= MIN_BRANCH_VOTES for v in shown.values())
    rest = cast - sum(sum(v) for v in shown.values())
    assert results.withheld or rest == 0 or rest >= MIN_BRANCH_VOTES  # nothing to subtract
    big = {b for b, v in votes.items() if sum(v) >= MIN_BRANCH_VOTES}
    assert set(shown) in (big, set())


@given(st.text(max_size=300))
def test_consultation_parser_accepts_only_well_formed_questions(text: str) -> None:
    try:
        question, options = parse_consultation(text)
    except ValueError as error:
        assert str(error)
        return
    assert question and 2 <= len(options) <= 8
    assert len({o.casefold() for o in options}) == len(options)
    assert "|" not in question and all("|" not in o for o in options)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Q? | Yes", "at least two options"),
        ("| Yes | No", "the question is empty"),
        ("Q? | Yes | yes", "two options are the same"),
        ("Q? | " + " | ".join(str(n) for n in range(9)), "at most 8 options"),
    ],
)
def test_consultation_parser_names_the_problem(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_consultation(text)


@given(st.text(max_size=20))
def test_link_codes_are_read_forgivingly_and_stored_only_as_hashes(noise: str) -> None:
    code = new_link_code()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", code)
    assert hash_code(code.lower()) == hash_code(code.replace("-", " ")) == hash_code(code)
    assert code.replace("-", "") not in hash_code(code)
    if normalise_code(noise) != normalise_code(code):
        assert hash_code(noise) != hash_code(code)
