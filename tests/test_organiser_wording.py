"""What a new organiser trying the tools was told that was not right (issue 13, point 6,
the audit's remainder): a long command name read as a question, "about 0%" of a ballot not
yet open, a Noted button offered to members, a cancelled ballot's name "already exists"."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.cli import app
from bot.core import buttons
from bot.core.models import Identity, Platform, Role
from bot.core.results import BallotSpec
from bot.core.wording import at, counted, share
from tests.conftest import ROOT
from tests.harness import Harness, eventually, running
from tests.test_organiser_truth import OPERATOR, PRIYA, add_args, grant, reply_to

LONDON = ZoneInfo("Europe/London")


# --- a leading "/" word is a command, however long -----------------------------------


async def test_a_command_name_over_32_characters_is_an_unknown_command(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        for typed in ("/thisisaverylongcommandnamethatgoesonandon", "/nonsense", "/x" + "9" * 70):
            said = await reply_to(h, typed)
            assert "I don't know the command" in said and "/help" in said, said
            assert typed[:33] in said and len(said) < 120, said  # a long name is cut short


# --- /turnout and `campaign-bot turnout` before a ballot opens -------------------------


async def test_turnout_before_the_ballot_opens_says_when_it_opens(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), Role.ORGANISER)
        opens = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
        spec = BallotSpec(
            "pay-soon",
            "Pay ballot soon",
            "online_election",
            opens.isoformat(),
            (opens + timedelta(days=20)).isoformat(),
        )
        await h.bot.app.services.ballots.add(spec, OPERATOR)
        await h.bot.app.services.ballots.import_electorate("pay-soon", "dwp-leeds,120\n", OPERATOR)
        said = await reply_to(h, "/turnout pay-soon")
        assert f"the ballot has not opened yet: it opens {at(opens, LONDON)}" in said, said
        assert "about 0%" not in said and "at this pace" not in said


def test_cli_turnout_before_the_ballot_opens_says_when_it_opens(
    cli: CliRunner, tmp_path: Path
) -> None:
    assert cli.invoke(app, add_args()).exit_code == 0  # opens Monday 4 March 2030, 09:00
    csv = tmp_path / "electorate.csv"
    csv.write_text("branch,eligible\ndwp-leeds,120\n")
    imported = cli.invoke(app, ["ballots", "import-electorate", str(csv), "--ballot", "pay-2030"])
    assert imported.exit_code == 0, imported.output
    result = cli.invoke(app, ["turnout", "pay-2030"])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "the ballot has not opened yet: it opens Monday 4 March 2030, 09:00" in shown
    assert "about 0%" not in shown


# --- a Noted button only for whoever may press it -------------------------------------


def noted_buttons(h: Harness, chat: int, before: int) -> list[str]:
    found = []
    for message in h.tg.received[str(chat)][before:]:
        for row in (message.reply_markup or {}).get("inline_keyboard", []):
            found += [b["callback_data"].removeprefix(buttons.PREFIX) for b in row]
    return [b for b in found if b.startswith("/noted")]


async def test_a_report_read_in_chat_offers_noted_to_its_branchs_officer_only(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, slack=False) as h:
        [report] = h.bot.app.content.reports
        for role, branch, offered in (
            (None, None, False),  # a member, or someone with no role yet
            (Role.ORGANISER, None, False),  # /noted needs a branch they are officer of
            (Role.OFFICER, "dwp-leeds", True),
        ):
            if role is not None:
                await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), role, branch)
            before = len(h.tg.received[str(PRIYA)])
            h.tg.message(PRIYA, f"/reports {report.id}")
            await eventually(lambda b=before: "secretary" in "".join(h.tg.texts(PRIYA)[b:]))
            await eventually(lambda b=before: len(h.tg.texts(PRIYA)) > b)
            shown = noted_buttons(h, PRIYA, before)
            assert shown == ([f"/noted {report.id}"] if offered else []), (role, shown)


# --- a cancelled ballot's name ---------------------------------------------------------


def test_reusing_a_cancelled_ballots_name_says_so_and_what_to_do(cli: CliRunner) -> None:
    assert cli.invoke(app, add_args()).exit_code == 0
    assert cli.invoke(app, ["ballots", "cancel", "pay-2030", "--yes"]).exit_code == 0
    result = cli.invoke(app, add_args())
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "name: a cancelled ballot ('Pay ballot 2030') holds the name 'pay-2030'" in said
    assert "give this one a different name, e.g. pay-2030-2" in said
    renamed = add_args()
    renamed[2] = "pay-2030-2"
    assert cli.invoke(app, renamed).exit_code == 0


# --- counts: one thing is singular ----------------------------------------------------


def test_counted_says_one_thing_in_the_singular() -> None:
    assert counted(1, "channel") == "1 channel" and counted(0, "channel") == "0 channels"
    assert counted(2, "branch") == "2 branches" and counted(1, "branch") == "1 branch"
    assert counted(1200, "member") == "1,200 members"
    assert counted(3, "action reminder") == "3 action reminders"
    assert counted(1, "try") == "1 try" and counted(4, "try") == "4 tries"


def test_one_channel_one_member_one_branch_are_said_so(cli: CliRunner, tmp_path: Path) -> None:
    chat = ["chat", "--as", "organiser", "--in", "group:leeds-reps"]
    subscribed = cli.invoke(app, chat, input="/subscribe dwp-leeds pay\n")
    assert subscribed.exit_code == 0, subscribed.output
    preview = ["broadcast", "preview", "--topic", "pay", "--to", "all", "--text", "Talks resume."]
    shown = cli.invoke(app, preview)
    assert shown.exit_code == 0, shown.output
    assert "goes to 1 channel." in shown.output and "1 channels" not in shown.output
    assert cli.invoke(app, add_args()).exit_code == 0
    csv = tmp_path / "electorate.csv"
    csv.write_text("branch,eligible\ndwp-leeds,1\n")
    imported = cli.invoke(app, ["ballots", "import-electorate", str(csv), "--ballot", "pay-2030"])
    assert imported.exit_code == 0, imported.output
    assert "Electorate of pay-2030: 1 member in 1 branch." in imported.output
    shown = cli.invoke(app, ["ballots", "show", "pay-2030"])
    assert "1 in 1 branch" in shown.output and "1 branches" not in shown.output
    removed = cli.invoke(app, chat, input="/unsubscribe dwp-leeds\n")
    assert removed.exit_code == 0, removed.output
    assert "Removed 1 subscription from" in removed.output, removed.output


# --- dates: one way of writing them for people ----------------------------------------


def test_ballots_list_writes_the_day_as_everywhere_else_and_json_keeps_iso(
    cli: CliRunner,
) -> None:
    opening = add_args(opens="2030-12-01 09:00", closes="2030-12-20 12:00")
    assert cli.invoke(app, opening).exit_code == 0
    listed = cli.invoke(app, ["ballots", "list"]).output
    assert "Sun 1 Dec 2030 09:00" in listed and "01 Dec" not in listed, listed
    shown = cli.invoke(app, ["ballots", "show", "pay-2030"]).output
    assert "Sunday 1 December 2030, 09:00" in shown
    listed_json = json.loads(cli.invoke(app, ["ballots", "list", "--json"]).output)
    [ballot] = [b for b in listed_json if b["name"] == "pay-2030"]
    assert ballot["opens_at"] == "2030-12-01T09:00:00+00:00"


def test_no_day_is_written_zero_padded_for_people() -> None:
    """Times for people go through bot.core.wording; a strftime day of "%d" beside a
    weekday or a month name would write "Sun 01 Nov"."""
    padded = re.compile(r"%d %[bB]|%[aA] %d")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if padded.search(line)
    ]
    assert found == []
    assert at(datetime(2026, 11, 1, 9, tzinfo=UTC), LONDON, short=True) == "Sun 1 Nov 2026 09:00"
    assert at(datetime(2026, 11, 1, 9, tzinfo=UTC), LONDON) == "Sunday 1 November 2026, 09:00"


def test_remindme_off_does_not_talk_of_reminders_to_come(cli: CliRunner) -> None:
    chat = ["chat", "--as", "member", "--branch", "dwp-leeds"]
    said = cli.invoke(app, chat, input="/remindme on\n/remindme off\n")
    assert said.exit_code == 0, said.output
    on, off = said.output.split("Personal ballot reminders by DM: ")[1:3]
    assert on.startswith("on.") and "until you say you have voted (/voted)" in on
    assert off.startswith("off.") and "/remindme on starts them again" in off
    assert "until you say you have voted" not in off


# --- a share is never rounded past what it is --------------------------------------------


@given(st.integers(0, 10**7), st.integers(1, 10**7))
def test_a_share_is_never_more_than_it_is_nor_none_when_there_is_some(
    part: int, whole: int
) -> None:
    """1 signature of 20,000 showed "0.0%", 19,999 "100.0%", a turnout of 49.96% "50.0%" in
    "turnout 50.0% is under 50%"."""
    said = share(part / whole)
    if part == 0:
        assert said == "0%"
    elif part * 1000 < whole:
        assert said == "under 0.1%"
    else:
        shown = float(said.removesuffix("%").replace(",", ""))
        assert shown * whole <= part * 100 + 1e-6 * whole  # never more than it is
        assert part * 100 < (shown + 0.1) * whole  # and less than a tenth of a point under
        assert said != "100.0%" or part >= whole
