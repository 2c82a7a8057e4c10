"""More of what a new organiser typed at the CLI and was told (issue 13, point 6): every
mistake is one line naming what they typed (an option as `--option`, an argument by its
name), exit status 2, never a traceback, nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.test_organiser_truth import add_args, ballots_saved


@pytest.mark.parametrize("option", ["opens", "closes"])
@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_required_date_is_named_not_a_traceback(
    cli: CliRunner, tmp_path: Path, option: str, typed: str
) -> None:
    result = cli.invoke(app, add_args(**{option: typed}))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"--{option}: must be given" in result.output
    assert ballots_saved(tmp_path) == 0


def test_a_name_already_taken_is_named_as_the_argument_not_an_option(cli: CliRunner) -> None:
    assert cli.invoke(app, add_args()).exit_code == 0
    result = cli.invoke(app, add_args())
    assert result.exit_code == 2
    assert "name: a ballot called 'pay-2030' already exists" in result.output
    assert "--name" not in result.output  # there is no such option


def test_import_electorate_names_the_ballot_option(cli: CliRunner, tmp_path: Path) -> None:
    csv = tmp_path / "electorate.csv"
    csv.write_text("branch,eligible\ndwp-leeds,120\n")
    assert cli.invoke(app, add_args()).exit_code == 0
    second = [*add_args(), "--branch", "dwp-leeds"]
    second[2], second[second.index("--group") + 1] = "pay-2031", "dwp"
    second.remove("--group")
    second.remove("dwp")
    assert cli.invoke(app, second).exit_code == 0, "second ballot"
    unnamed = cli.invoke(app, ["ballots", "import-electorate", str(csv)])
    assert unnamed.exit_code == 2
    assert "--ballot: more than one ballot is open or coming up" in unnamed.output
    assert "pay-2030" in unnamed.output and "pay-2031" in unnamed.output
    unknown = cli.invoke(app, ["ballots", "import-electorate", str(csv), "--ballot", "nosuch"])
    assert unknown.exit_code == 2
    assert "--ballot: no ballot called 'nosuch'" in unknown.output


def test_import_electorate_with_no_ballot_at_all_says_to_add_one(
    cli: CliRunner, tmp_path: Path
) -> None:
    csv = tmp_path / "electorate.csv"
    csv.write_text("branch,eligible\ndwp-leeds,120\n")
    result = cli.invoke(app, ["ballots", "import-electorate", str(csv)])
    assert result.exit_code == 2
    assert "--ballot: no ballot is open or coming up" in result.output
    assert "campaign-bot ballots add" in result.output


# --- broadcasts: what the members will read -------------------------------------------


def test_a_one_line_text_is_not_sent_twice_as_title_and_body(cli: CliRunner) -> None:
    """As in chat: a first line on its own is the title; a single line is the body under
    the topic's title, not repeated as its own title."""
    chat = ["chat", "--as", "organiser", "--in", "group:leeds-reps"]
    assert cli.invoke(app, chat, input="/subscribe dwp-leeds pay\n").exit_code == 0
    shown = cli.invoke(
        app, ["broadcast", "preview", "--topic", "pay", "--to", "all", "--text", "Talks resume."]
    )
    assert shown.exit_code == 0, shown.output
    assert shown.output.count("Talks resume.") == 3  # once for each platform's preview
    assert "Pay update" in shown.output
    titled = cli.invoke(
        app,
        ["broadcast", "preview", "--topic", "pay", "--to", "all", "--text", "Pay talks\nMonday."],
    )
    assert titled.output.count("Pay talks") == 3 and "Pay update" not in titled.output
    given = cli.invoke(
        app,
        ["broadcast", "preview", "--topic", "pay", "--to", "all", "--title", "Talks",
         "--text", "Monday."],
    )  # fmt: skip
    assert given.output.count("Talks") == 3 and given.output.count("Monday.") == 3


def test_send_with_no_platform_to_send_from_queues_nothing(cli: CliRunner) -> None:
    """No token set: `broadcast send` cannot deliver, so it says so before anything is
    saved; it did queue the broadcast, then end with 'no platform is configured' (an
    organiser who tried again sent it twice)."""
    chat = ["chat", "--as", "organiser", "--in", "group:leeds-reps"]
    assert cli.invoke(app, chat, input="/subscribe dwp-leeds pay\n").exit_code == 0
    args = ["broadcast", "send", "--topic", "pay", "--to", "all", "--text", "Hi.", "--yes"]
    result = cli.invoke(app, args)
    assert result.exit_code == 2
    assert "no platform is configured" in result.output
    assert "nothing was sent" in result.output
    listed = cli.invoke(app, ["broadcast", "list"]).output
    assert "Pay update" not in listed and "sending" not in listed, listed


# --- requests: who they went to, as it is ----------------------------------------------


def test_a_request_says_who_it_went_to_or_that_nobody_can_approve_it(cli: CliRunner) -> None:
    """It said "gone to the branch's officers (0)" with nobody to approve it, and "the
    branch's officers" when it went to the organisers."""
    member = ["chat", "--as", "member", "--branch", "dwp-leeds", "--in", "group:shop-floor"]
    alone = cli.invoke(app, member, input="/subscribe dwp-leeds pay\n")
    assert alone.exit_code == 0, alone.output
    assert "nobody has been told of it yet: dwp-leeds has no officer" in alone.output
    assert "officers (0)" not in alone.output
    granted = cli.invoke(app, ["roles", "grant", "telegram:7100000001", "organiser"])
    assert granted.exit_code == 0, granted.output
    told = cli.invoke(app, member, input="/subscribe dwp-leeds pay\n")
    assert "has gone to the organisers (1), as dwp-leeds has no officer" in told.output
    assert cli.invoke(app, member, input="/subscriptions\n").output.count("waiting") == 1


def test_an_officer_no_message_reaches_is_not_counted_as_told(cli: CliRunner) -> None:
    """An officer whose only account is a terminal session gets no direct message, yet the
    request said it had "gone to the branch's officers (1)"."""
    officer = ["chat", "--as", "officer", "--branch", "dwp-leeds"]
    assert cli.invoke(app, officer, input="/whoami\n").exit_code == 0
    member = ["chat", "--as", "member", "--branch", "dwp-leeds", "--in", "group:canteen"]
    asked = cli.invoke(app, member, input="/subscribe dwp-leeds pay\n")
    assert asked.exit_code == 0, asked.output
    assert "officers (1)" not in asked.output
    assert "nobody has been told of it yet: dwp-leeds has no officer" in asked.output
    grant = ["roles", "grant", "telegram:7100000002", "officer", "--branch", "dwp-leeds"]
    granted = cli.invoke(app, grant)
    assert granted.exit_code == 0, granted.output
    again = cli.invoke(app, member, input="/subscribe dwp-leeds pay\n")
    assert "has gone to the branch's officers (1)" in again.output, again.output
