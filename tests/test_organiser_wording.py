"""What a new organiser trying the tools was told that was not right (issue 13, point 6,
the audit's remainder): a long command name read as a question, "about 0%" of a ballot not
yet open, a Noted button offered to members, a cancelled ballot's name "already exists"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from bot.cli import app
from bot.core import buttons
from bot.core.models import Identity, Platform, Role
from bot.core.results import BallotSpec
from bot.core.wording import at
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
