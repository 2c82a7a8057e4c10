"""Members bring themselves in, end to end through both stand-ins (the real PTB and
slack-sdk clients) and the organisers' command line: the list imported, invites made, a
member opening the deep link on Telegram and sending the code on Slack, /join with an
officer's approval, a re-import that lapses a member, Slack accounts matched by email; and
after it all, no membership number or email in clear in any table or log line."""

from __future__ import annotations

import asyncio
import csv
import json
import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot import logsetup
from bot.cli import app as cli_app
from bot.core.caller import Caller
from bot.core.models import Ballot, BallotKind, Identity, Platform, Role
from bot.core.ratelimit import TokenBuckets
from bot.storage.sql import SqlStore
from tests.harness import ROOT, Harness, eventually, running, settle
from tests.test_actions import new_reply, tg_buttons
from tests.test_privacy import scan

KEY = "test-member-key-" + "0123456789abcdef" * 3
ANN_TG, ANN_SLACK, ANN_DM = 5077300001, "U0ANN00001", "D0ANN00001"
BOB_TG, RAJ_TG, STRANGER_TG = 5077300002, 5077300009, 5077300099
SAM, ORG, ORG_DM = "U0SAM00002", "U0ORG00001", "D0ORG00001"
CAT = "U0CAT00003"
LIST = [
    ("A-100001", "dwp-leeds", "ann@example.org"),
    ("A-100002", "DWP Leeds", ""),
    ("A-100003", "hmrc-liverpool", "cat@example.org"),
]
SECRETS = ["A-100001", "A100001", "A100002", "A100003", "ann@example.org", "cat@example.org"]


def write_list(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["membership_number", "branch", "email", "name"])
        writer.writerows([(*row, "Someone") for row in rows])
    return path


def cli(h: Harness, tmp_path: Path, *args: str) -> Any:
    """The organiser's command line on the bot's database; getMe from the Telegram stand-in
    gives the deep links their username."""
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "MEMBER_KEY": KEY,
        "TELEGRAM_BOT_TOKEN": h.tg.token,
        "TELEGRAM_API_BASE_URL": h.tg.url,
        "TELEGRAM_BOT_USERNAME": "",
        "SLACK_BOT_TOKEN": "",
    }
    return CliRunner().invoke(cli_app, list(args), env=env)


async def run_cli(h: Harness, tmp_path: Path, *args: str) -> Any:
    return await asyncio.to_thread(cli, h, tmp_path, *args)


async def imported(h: Harness, tmp_path: Path) -> dict[str, dict[str, str]]:
    """The list imported and invites made for every branch: the invite rows by number."""
    listed = write_list(tmp_path / "members.csv", LIST)
    done = await run_cli(h, tmp_path, "members", "import", str(listed))
    assert done.exit_code == 0 and "Saved." in done.output, done.output
    out = tmp_path / "invites.csv"
    made = await run_cli(h, tmp_path, "members", "invites", str(listed), "--all", "--out", str(out))
    assert made.exit_code == 0 and "Wrote 3 invites" in made.output, made.output
    with out.open(encoding="utf-8") as handle:
        return {row["membership_number"]: row for row in csv.DictReader(handle)}


async def open_ballot(h: Harness) -> str:
    now = datetime.now(UTC)
    await h.bot.app.store.ballots.upsert(
        Ballot(
            "pay-2027",
            "Pay ballot 2027",
            BallotKind.CONSULTATIVE,
            now - timedelta(days=1),
            now + timedelta(days=10),
        )
    )
    return "pay-2027"


def fast(h: Harness) -> None:
    """A day of members' use squeezed into seconds: lift the per-person flood limit."""
    h.bot.app.router._limiter = TokenBuckets(h.bot.app.clock, rate_per_s=100, burst=100)


async def tg_says(h: Harness, user: int, text: str) -> str:
    before = len(h.tg.received[str(user)])
    h.tg.message(user, text)
    return await new_reply(h, str(user), before)


async def slack_says(h: Harness, user: str, dm: str, text: str) -> str:
    before = len(h.slack.received[dm])
    await h.slack.post_command(
        h.events_url, h.slack.command(user, dm, text, channel_name="directmessage")
    )
    return await new_reply(h, dm, before, telegram=False)


async def test_invite_links_telegram_and_slack_into_one_member(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running(tmp_path, MEMBER_KEY=KEY) as h:
        logsetup.configure("INFO", h.bot.app.settings.secrets())
        fast(h)
        store = h.bot.app.store
        invites = await imported(h, tmp_path)
        ann = invites["A-100001"]
        assert ann["branch"] == "dwp-leeds" and ann["email"] == "ann@example.org"
        assert ann["telegram_link"] == (
            "https://t.me/campaign_test_bot?start=" + ann["code"].replace("-", "")
        )
        assert ann["slack"] == f"/campaign join {ann['code']}"
        ballot = await open_ballot(h)

        # Ann opens the deep link: Telegram sends /start with the code.
        payload = ann["telegram_link"].split("start=")[1]
        welcome = await tg_says(h, ANN_TG, f"/start {payload}")
        assert "Welcome" in welcome and "member of DWP Leeds" in welcome
        # She sends the same code on Slack, in her DM with the bot.
        linked = await slack_says(h, ANN_SLACK, ANN_DM, f"join {ann['code']}")
        assert "Linked" in linked and "Slack and Telegram accounts" in linked
        on_tg = await store.members.find(Identity(Platform.TELEGRAM, str(ANN_TG)))
        on_slack = await store.members.find(Identity(Platform.SLACK, ANN_SLACK))
        assert on_tg is not None and on_tg == on_slack and on_tg.branch == "dwp-leeds"
        assert [g.role for g in await store.roles.for_member(on_tg.id)] == [Role.MEMBER]

        # Nobody else can use it on either platform; she gets a kind answer.
        used = await tg_says(h, STRANGER_TG, f"/start {payload}")
        assert "already been used" in used
        assert await store.members.find(Identity(Platform.TELEGRAM, str(STRANGER_TG))) != on_tg
        assert "already linked" in await tg_says(h, ANN_TG, f"/join {ann['code']}")

        # /voted from Slack counts once, for her branch, whichever account says it.
        assert "Thank" in await slack_says(h, ANN_SLACK, ANN_DM, "voted")
        assert "already" in await tg_says(h, ANN_TG, "/voted")
        assert await store.ballots.banked(ballot) == {"dwp-leeds": 1}

        # The organisers' view: reach per branch.
        await h.bot.app.services.roles.grant(
            Identity(Platform.SLACK, ORG), Role.ORGANISER, None, Caller.operator()
        )
        shown = await slack_says(h, ORG, ORG_DM, "members")
        assert "DWP Leeds: 2 on the list, 1 in chat (50%)" in shown
        report = await run_cli(h, tmp_path, "members", "report", "--json")
        leeds = next(b for b in json.loads(report.stdout)["branches"] if b["branch"] == "dwp-leeds")
        assert (leeds["on_list"], leeds["in_chat"], leeds["share"]) == (2, 1, 0.5)

        # /mydata says she is linked, never by her number; /forget takes the link away.
        held = await tg_says(h, ANN_TG, "/mydata")
        assert "linked to your membership record" in held and "100001" not in held
        before = len(h.tg.received[str(ANN_TG)])
        h.tg.press(ANN_TG, "/forget confirm")
        await new_reply(h, str(ANN_TG), before)
        assert await store.membership.record_of(on_tg.id) is None
        record = await store.membership.by_email(
            h.bot.app.services.membership.key.email("ann@example.org")
        )  # type: ignore[union-attr]
        assert record is not None and record.member_id is None  # the union's list keeps it
        assert isinstance(store, SqlStore)
        assert await scan(store, [*SECRETS, ann["code"], payload], -1) == []
    assert "100001" not in caplog.text and "example.org" not in caplog.text
    assert ann["code"] not in caplog.text and payload not in caplog.text


async def test_join_with_an_officers_approval(tmp_path: Path) -> None:
    async with running(tmp_path, MEMBER_KEY=KEY) as h:
        fast(h)
        store, roles = h.bot.app.store, h.bot.app.services.roles
        await imported(h, tmp_path)
        ballot = await open_ballot(h)
        await roles.grant(
            Identity(Platform.TELEGRAM, str(RAJ_TG)), Role.OFFICER, "dwp-leeds", Caller.operator()
        )
        await roles.grant(
            Identity(Platform.SLACK, SAM), Role.OFFICER, "hmrc-liverpool", Caller.operator()
        )

        # In a group: refused before anything is read, nothing counted.
        h.tg.message(BOB_TG, "/join A-100002 dwp-leeds", chat_id=-1009, chat_type="supergroup")
        await eventually(lambda: bool(h.tg.received["-1009"]))
        assert "direct message" in h.tg.received["-1009"][-1].text
        # No oracle: a number on the list for another branch, and a number on no list,
        # get the same answer.
        other_branch = await tg_says(h, BOB_TG, "/join A-100003 dwp-leeds")
        unknown = await tg_says(h, BOB_TG, "/join Z-999999 dwp-leeds")
        assert "couldn't match that membership number to DWP Leeds" in unknown
        tries = re.compile(r"Tries left today: \d+")
        assert tries.sub("", other_branch) == tries.sub("", unknown)
        assert "Tries left today: 4." in other_branch and "Tries left today: 3." in unknown

        asked = await tg_says(h, BOB_TG, "/join A-100002 dwp-leeds")
        assert "gone to the branch's officers (1)" in asked
        await eventually(lambda: bool(h.tg.received[str(RAJ_TG)]), within=10)
        notice = h.tg.received[str(RAJ_TG)][-1].text
        assert "Join request" in notice and "holds their number for DWP Leeds" in notice
        assert "100002" not in notice
        approve, decline = tg_buttons(h, RAJ_TG)
        assert approve.startswith("/approve_join ") and decline.startswith("/decline_join ")
        assert "still waiting" in await tg_says(h, BOB_TG, "/join A-100002 dwp-leeds")

        # An officer of another branch cannot decide it (refused and audited); Bob cannot
        # either: he is no officer.
        refused = await slack_says(h, SAM, "D0SAM00002", approve.lstrip("/"))
        assert "only for officers of dwp-leeds" in refused
        assert "only for branch officers" in await tg_says(h, BOB_TG, approve)
        audit = [(e.action, e.outcome) for e in await store.audit.recent()]
        assert ("/approve_join", "refused") in audit and ("/join", "no-match") in audit

        before = len(h.tg.received[str(RAJ_TG)])
        h.tg.press(RAJ_TG, approve)
        assert "approved" in await new_reply(h, str(RAJ_TG), before)
        await eventually(
            lambda: any("You're in" in m.text for m in h.tg.received[str(BOB_TG)]), within=10
        )
        bob = await store.members.find(Identity(Platform.TELEGRAM, str(BOB_TG)))
        assert bob is not None and bob.branch == "dwp-leeds"
        assert (await store.membership.record_of(bob.id)) is not None
        assert "Thank" in await tg_says(h, BOB_TG, "/voted")
        assert await store.ballots.banked(ballot) == {"dwp-leeds": 1}
        # The button again: already decided.
        assert "already decided" in await tg_says(h, RAJ_TG, approve)


async def test_a_reimport_lapses_a_member(tmp_path: Path) -> None:
    async with running(tmp_path, MEMBER_KEY=KEY) as h:
        fast(h)
        store = h.bot.app.store
        invites = await imported(h, tmp_path)
        ballot = await open_ballot(h)
        assert "Welcome" in await tg_says(h, ANN_TG, f"/start {invites['A-100001']['code']}")
        ann = await store.members.find(Identity(Platform.TELEGRAM, str(ANN_TG)))
        assert ann is not None

        # Ann has left the union: the next export no longer holds her. A dry run first.
        smaller = write_list(tmp_path / "members-2.csv", LIST[1:])
        dry = await run_cli(h, tmp_path, "members", "import", str(smaller))
        assert dry.exit_code == 3, dry.output  # not saved without --yes
        assert "Dry run: nothing was saved. 1 member would lapse" in dry.output
        assert "1 in chat: they lose the member role" in dry.output
        assert [g.role for g in await store.roles.for_member(ann.id)] == [Role.MEMBER]

        done = await run_cli(h, tmp_path, "members", "import", str(smaller), "--yes")
        assert done.exit_code == 0 and "Saved." in done.output, done.output
        assert await store.roles.for_member(ann.id) == []
        lapsed = await store.members.get(ann.id)
        assert lapsed is not None and lapsed.branch is None
        assert "only for members" in await tg_says(h, ANN_TG, "/voted")
        assert await store.ballots.banked(ballot) == {}
        # Her invite went with her record.
        assert "isn't right" in await tg_says(h, ANN_TG, f"/join {invites['A-100001']['code']}")

        # A file with problems: every one by row, exit 2, nothing saved.
        broken = tmp_path / "broken.csv"
        broken.write_bytes(
            b"membership_number,branch,email\nA-100002,dwp-leeds,\nA-100002,dwp-leeds,\n"
            b"A-100004,nowhere,x@\n"
        )
        bad = await run_cli(h, tmp_path, "members", "import", str(broken), "--yes")
        assert bad.exit_code == 2
        assert "broken.csv: row 3: this membership number is already in row 2" in bad.output
        assert "broken.csv: row 4: unknown branch 'nowhere'" in bad.output
        assert "broken.csv: row 4: the email address is malformed" in bad.output
        assert "nothing was saved" in bad.output
        assert (
            await h.bot.app.services.membership.report(Caller.operator())
        ).total.counts.on_list == 2


async def test_slack_accounts_are_matched_by_their_work_email(tmp_path: Path) -> None:
    async with running(tmp_path, MEMBER_KEY=KEY, SLACK_MATCH_EMAIL="true") as h:
        fast(h)
        await imported(h, tmp_path)
        h.slack.emails[CAT] = "Cat@Example.org"
        h.slack.emails[SAM] = "sam@example.org"  # on no list: nothing happens
        await slack_says(h, CAT, "D0CAT00003", "whoami")
        await eventually(lambda: bool(h.slack.received[CAT]), within=10)
        told = h.slack.received[CAT][-1].text
        assert "matches a member's record" in told and "HMRC Liverpool" in told
        assert "/campaign forget" in told
        cat = await h.bot.app.store.members.find(Identity(Platform.SLACK, CAT))
        assert cat is not None and cat.branch == "hmrc-liverpool"
        await slack_says(h, SAM, "D0SAM00002", "whoami")
        await settle()
        assert not h.slack.received[SAM]
        sam = await h.bot.app.store.members.find(Identity(Platform.SLACK, SAM))
        assert sam is not None and sam.branch is None
