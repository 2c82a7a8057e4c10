"""What a new organiser met following the README from a fresh clone (1 December 2026), each
through the real `campaign-bot chat` or command line on a temporary database: a refusal that
names who may in plain words, /mydata's times as people read them, a consultation closing on
a day typed alone, a broadcast "at" a day with no time, an officer's turnout total, the
consultation options the CLI takes, an empty question."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core import wording
from tests.harness import ROOT
from tests.limits import within


def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "BOT_TIMEZONE": "Europe/London",
        **more,
    }


def cli(
    tmp_path: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """`campaign-bot ARGS` with no platform token: the console chat, or the verb."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full | _env(tmp_path, **env),
        cwd=tmp_path,
        timeout=within(60),
        check=False,
    )


def chat(tmp_path: Path, script: str, *args: str, **env: str) -> str:
    result = cli(tmp_path, "chat", *args, stdin=script, **env)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = cli(tmp_path, *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_refusal_names_who_may_in_plain_words(tmp_path: Path) -> None:
    """Was "only for officer of hmrc-liverpools"."""
    chat(tmp_path, "/subscribe hmrc-liverpool pay\n", "--as", "organiser", "--in", "group:g")
    script = "/unsubscribe hmrc-liverpool\n"
    out = chat(tmp_path, script, "--as", "officer", "--branch", "dwp-leeds", "--in", "group:g")
    assert "/unsubscribe is only for officers of hmrc-liverpool." in out, out
    assert "liverpools" not in out


def test_whoever_asked_for_a_subscription_may_withdraw_it_while_it_waits(
    tmp_path: Path,
) -> None:
    """Was refused: an officer of dwp-leeds who asked for hmrc-liverpool's news in a group
    could not take back the request they had just made."""
    script = "/subscribe hmrc-liverpool pay\n/unsubscribe hmrc-liverpool\n/subscriptions\n"
    out = chat(tmp_path, script, "--as", "officer", "--branch", "dwp-leeds", "--in", "group:g")
    assert "Removed 1 subscription from g." in out, out
    assert out.rstrip().endswith("• none"), out


def test_mydata_shows_times_as_people_read_them_in_the_bots_zone(tmp_path: Path) -> None:
    """Was raw ISO 8601 in UTC with microseconds; the attached file keeps ISO."""
    out = chat(tmp_path, "/remindme off\n/mydata\n", BOT_TIMEZONE="Asia/Tokyo")
    summary, attached = out.split("(file my-data.json)", 1)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", summary), summary
    first_seen = re.search(r'"first_seen": "([^"]+)"', attached)
    assert first_seen, attached
    moment = datetime.fromisoformat(first_seen.group(1))
    assert f"first seen {wording.at(moment, ZoneInfo('Asia/Tokyo'), short=True)}" in summary


def test_a_consultation_closing_on_a_day_alone_closes_at_its_end(tmp_path: Path) -> None:
    """Was 00:00 of that day; and "DAY HH:MM" took the time as the question's first word."""
    script = (
        "/consult open general 2099-12-04 Meet on Zoom? | Yes | No\n"
        "/consult open general 2099-12-05 17:00 Meet in person? | Yes | No\n"
    )
    out = chat(tmp_path, script, "--as", "organiser")
    assert "closes Fri 4 Dec 2099 23:59 (a date alone is read as the end of that day)" in out
    assert '"Meet in person?"' in out and "closes Sat 5 Dec 2099 17:00." in out, out


def test_a_broadcast_at_a_day_with_no_time_is_refused(tmp_path: Path) -> None:
    """Was scheduled for midnight without a word, in chat and from the CLI."""
    script = "/subscribe dwp-leeds pay\n/broadcast pay dwp-leeds at 2099-12-25 Merry\n"
    out = chat(tmp_path, script, "--as", "organiser", "--in", "group:g")
    assert "'2099-12-25' is a day without a time" in out and "'2099-12-25 09:00'" in out, out
    assert "Preview of broadcast" not in out
    args = ("--topic", "pay", "--to", "all", "--text", "Merry", "--at", "2099-12-25")
    scheduled = run(tmp_path, "broadcast", "schedule", *args)
    assert scheduled.returncode == 2, scheduled.stdout
    assert "--at: '2099-12-25' is a day without a time" in scheduled.stderr


def test_an_officers_turnout_total_is_their_branches_not_the_whole_ballot(
    tmp_path: Path,
) -> None:
    (tmp_path / "electorate.csv").write_text("branch,eligible\ndwp-leeds,100\ndwp-glasgow,50\n")
    dates = ("--opens", "2020-01-01", "--closes", "2099-01-01")
    added = run(tmp_path, "ballots", "add", "t", "--title", "T", "--kind", "consultative", *dates)
    assert added.returncode == 0, added.stderr
    imported = run(tmp_path, "ballots", "import-electorate", "electorate.csv", "--ballot", "t")
    assert imported.returncode == 0, imported.stderr
    out = chat(tmp_path, "/turnout t\n", "--as", "officer", "--branch", "dwp-leeds")
    assert "Your branch: 0 of 100 (0%)" in out and "Whole ballot" not in out, out


def test_consult_open_names_the_options_that_were_typed(tmp_path: Path) -> None:
    """Was "consultation: TOPIC: one of …", "BRANCHES: unknown atlantis", "separated by |"."""
    common = ("consult", "open", "--question", "Zoom?", "--closes", "2099-12-04 17:00")
    both = run(tmp_path, *common, "--option", "A", "--option", "B", "--topic", "nope",
               "--branch", "atlantis")  # fmt: skip
    assert both.returncode == 2
    assert "campaign-bot: --topic: unknown topic 'nope'" in both.stderr, both.stderr
    assert "campaign-bot: --branch: unknown branch 'atlantis'" in both.stderr
    one = run(tmp_path, *common, "--option", "A")
    assert one.returncode == 2, one.stderr
    assert "two options, each with its own --option" in one.stderr, one.stderr


def test_an_empty_question_is_refused(tmp_path: Path) -> None:
    """Was "Not sure, so the bot would hand this to an organiser", exit status 0."""
    asked = run(tmp_path, "ask", " ")
    assert asked.returncode == 2 and "QUESTION: empty" in asked.stderr, asked.stderr


def test_help_shows_a_member_only_the_verbs_they_may_use(tmp_path: Path) -> None:
    """Was "/petition [PETITION | send [TARGET]]" and "/reports [… | publish REPORT | …]" in
    every member's /help, though sending and publishing are an organiser's."""
    member = chat(tmp_path, "/help\n")
    assert "• /petition [PETITION] —" in member and "• /reports [REPORT] —" in member, member
    assert "send [TARGET]" not in member and "publish REPORT" not in member
    organiser = chat(tmp_path, "/help\n/petition\n", "--as", "organiser")
    assert "/petition [PETITION | send [TARGET]]" in organiser
    # an organiser sees every branch: not "none in your branches"
    assert "No signatures counted yet." in organiser, organiser
    assert "/reports [REPORT | publish REPORT | status REPORT]" in organiser


def test_deliver_with_no_platform_changes_nothing_before_it_says_so(tmp_path: Path) -> None:
    """Was: the due work ran first (the 2023 elections' reminders skipped, an open ballot's
    opening reminder fired), then "no platform is configured", exit status 2."""
    dates = ("--opens", "2020-01-01", "--closes", "2099-01-01")
    added = run(tmp_path, "ballots", "add", "t", "--title", "T", "--kind", "consultative", *dates)
    assert added.returncode == 0, added.stderr
    delivered = run(tmp_path, "deliver", "--until-idle")
    assert delivered.returncode == 2 and "no platform is configured" in delivered.stderr
    # and it did not first say it would send ("this replica leads ...: it sends")
    assert "leads" not in delivered.stderr and "sends" not in delivered.stderr, delivered.stderr
    plan = run(tmp_path, "ballots", "show", "t").stdout
    assert re.search(r"^opens\s.*\splanned$", plan, re.M), plan
    assert "skipped" not in run(tmp_path, "ballots", "show", "nec-2023").stdout


def test_broadcast_in_chat_reads_a_spaced_audience_and_refuses_a_time_with_no_text(
    tmp_path: Path,
) -> None:
    """Was: "dwp-leeds, hmrc-liverpool Two" went to dwp-leeds only, reading "hmrc-liverpool
    Two"; "at 09:00" with nothing after it was sent at once, reading "at 09:00"."""
    script = (
        "/subscribe dwp-leeds pay\n"
        "/broadcast pay dwp-leeds, hmrc-liverpool Two branches\n"
        "/broadcast pay dwp-leeds at 09:00\n"
    )
    out = chat(tmp_path, script, "--as", "organiser", "--in", "group:g")
    assert "Pay update\n\nTwo branches\n" in out and "in dwp-leeds, hmrc-liverpool," in out, out
    assert "I couldn't do /broadcast: TEXT: nothing to send after the time" in out


def test_cancelling_a_broadcast_that_has_gone_out_says_so(tmp_path: Path) -> None:
    """Was "Broadcast 1 is cancelled: 0 messages not yet sent will not go out" for one that
    every channel had received."""
    sent = chat(tmp_path, "/subscribe dwp-leeds pay\n/broadcast pay dwp-leeds Hello\n/press 1\n",
                "--as", "organiser", "--in", "group:g")  # fmt: skip
    assert "(in group:g) Pay update" in sent, sent
    out = chat(tmp_path, "/broadcast_cancel 1\n", "--as", "organiser")
    assert "I couldn't do /broadcast_cancel" in out and "is cancelled" not in out, out


def test_a_question_handed_off_from_the_terminal_promises_no_dm(tmp_path: Path) -> None:
    """Was "their answer will come to you here by direct message", which never happens in the
    console: the organiser's /reply there says "no one to send it to"."""
    out = chat(tmp_path, "what is the weather in Leeds tomorrow?\n")
    assert "passed your question to the organisers (question #1)" in out, out
    assert "by direct message" not in out and "no answer comes back to you" in out


def test_a_cancelled_or_closed_ballot_offers_no_ive_voted_button(tmp_path: Path) -> None:
    """Was: /ballot of a cancelled ballot read "closes in 19 days" with an "I've voted"
    button, and the 2023 ballots, long closed, carried the button too (/voted refuses both)."""
    script = (
        "/addballot a1 consultative 2020-11-01T09:00 2099-12-20T12:00 Alpha\n"
        "/cancelballot a1\n/ballot a1\n/ballot nec-2023\n"
    )
    out = chat(tmp_path, script, "--as", "organiser")
    cancelled = out.split("bot> Alpha\n", 1)[1]
    assert "a1: consultative: cancelled by the organisers" in cancelled, out
    assert "closes in" not in cancelled.split("bot> ", 1)[0]
    assert "I've voted" not in cancelled, out


def test_a_button_sent_privately_from_a_group_is_pressed_in_private(tmp_path: Path) -> None:
    """Was: /forget in a group sent "Yes, erase everything" privately, and /press 1 pressed
    it in the group, where /forget only asks again: nothing could be erased from there."""
    script = "/forget\n/press 1\n"
    out = chat(tmp_path, script, "--as", "officer", "--branch", "dwp-leeds", "--in", "group:g")
    assert "Done: the bot no longer holds anything that identifies you" in out, out


def test_forget_says_what_changed_in_words_for_every_table_it_touches(tmp_path: Path) -> None:
    """Was the store's table names: "audit_log: 1" read as if the audit entries were deleted
    (they are kept, under a pseudonym)."""
    from bot.core.commands.privacy import _ERASED
    from bot.storage.erasure import FORGET

    assert {step.table for step in FORGET} <= set(_ERASED)
    out = chat(tmp_path, "/remindme off\n/forget confirm\n", "--as", "organiser")
    assert "audit_log" not in out and "linked chat accounts, erased: 1" in out, out


def test_the_status_of_a_report_never_sent_says_so(tmp_path: Path) -> None:
    """Was every branch "not yet" (noted), in chat and from the CLI, for a report no branch
    had been sent."""
    out = chat(tmp_path, "/reports status nec-2020-11\n", "--as", "organiser")
    assert "nec-2020-11 has not been sent to branches yet" in out and "Not yet" not in out, out
    status = run(tmp_path, "report", "status", "nec-2020-11")
    assert status.returncode == 2 and "has not been sent to branches yet" in status.stderr


def test_a_ballot_that_has_closed_cannot_be_cancelled(tmp_path: Path) -> None:
    """Was "Ballot nec-2023 cancelled; no more reminders will go out for it": the 2023
    election, run and closed, listed as cancelled, its reminder plan gone (0 of 0)."""
    refused = run(tmp_path, "ballots", "cancel", "nec-2023", "--yes")
    assert refused.returncode == 2 and "nec-2023 has closed" in refused.stderr, refused.stderr
    listed = run(tmp_path, "ballots", "list").stdout
    assert re.search(r"^nec-2023 .* closed\s+0 of 7 sent$", listed, re.M), listed


def test_remindme_alone_says_what_it_does_and_changes_nothing(tmp_path: Path) -> None:
    """Was "Personal ballot reminders by DM: on": /remindme with no argument switched them on."""
    out = chat(tmp_path, "/remindme\n/subscriptions\n/remindme on\n/remindme\n")
    alone, _, after = out.partition("Subscriptions of terminal:")
    assert "reminders by DM are off for you" in alone, out
    assert "Send /remindme on to start them, /remindme off to stop them." in alone
    assert after.split("bot> ", 1)[0].strip() == "• none", out  # nothing was switched on
    assert "reminders by DM are on for you" in after, out


def test_granting_a_role_already_held_says_so(tmp_path: Path) -> None:
    """Was "Granted branch officer of dwp-leeds to …" a second time."""
    args = ("roles", "grant", "telegram:7100000001", "officer", "--branch", "dwp-leeds")
    first, again = run(tmp_path, *args), run(tmp_path, *args)
    assert first.returncode == 0 and "Granted branch officer of dwp-leeds" in first.stdout
    assert again.returncode == 0 and "Granted" not in again.stdout, again.stdout
    assert "telegram:7100000001 already holds branch officer of dwp-leeds" in again.stdout
    audit = run(tmp_path, "audit", "--action", "roles grant", "--json").stdout
    assert [e["outcome"] for e in json.loads(audit)] == ["already held", "done"], audit


def test_members_import_exit_status_tells_a_script_what_happened(tmp_path: Path) -> None:
    """Was exit status 0 for a dry run with members lapsing, as for one with nothing to do."""
    key = {"MEMBER_KEY": "k" * 40}
    rows = {"all": "1001,dwp-leeds\n1002,dwp-leeds\n", "one": "1001,dwp-leeds\n"}
    for name, body in rows.items():
        (tmp_path / f"{name}.csv").write_text("membership_number,branch\n" + body)

    def status(*args: str) -> tuple[int, str]:
        done = cli(tmp_path, "members", "import", *args, **key)
        assert "Traceback" not in done.stderr, done.stderr
        return done.returncode, done.stdout

    assert status("all.csv")[0] == 0
    code, out = status("all.csv", "--dry-run")
    assert code == 0 and "Dry run: nothing to change" in out, out
    code, out = status("one.csv", "--dry-run")
    assert code == 1 and "Run again with --yes to make these changes." in out, out
    code, out = status("one.csv")
    assert code == 3 and "1 member would lapse" in out, out
    assert status("one.csv", "--yes")[0] == 0
    assert status("one.csv", "--dry-run")[0] == 0
    help_text = cli(tmp_path, "members", "import", "--help").stdout
    assert "3 members would lapse" in " ".join(help_text.split()), help_text


def test_a_member_votes_by_the_options_words_and_is_not_sent_to_consult(
    tmp_path: Path,
) -> None:
    """Was "/vote 1 yes" refused ("OPTION: the option's number"), and /vote alone said "see
    /consult", which is an organiser's: a member who followed it was refused."""
    opened = "/consult open general 2099-12-04T17:00 Meet on Zoom? | Yes | No, in person\n"
    chat(tmp_path, opened, "--as", "organiser")
    out = chat(tmp_path, "/vote\n/vote 1 maybe\n/vote 1 no, IN person\n")
    assert "/consult" not in out and "the consultation's message gives its number" in out, out
    assert "OPTION: the option's number, 1 to 2, or its words as written: /vote 1 1" in out
    assert "Counted: you chose No, in person for" in out, out


def test_a_4000_character_argument_is_not_echoed_whole(tmp_path: Path) -> None:
    """Was the whole argument quoted back: a refusal of 4,000 characters and more, split
    over two messages on Telegram, the list of topics cut off into the second."""
    long = "x" * 4000
    script = f"/subscribe dwp-leeds {long}\n/ballot {long}\n/reports {long}\n"
    out = chat(tmp_path, script, "--as", "organiser", "--in", "group:g")
    refusals = [line for line in out.splitlines() if line.startswith("bot> ")]
    assert len(refusals) == 3 and all(len(line) < 300 for line in refusals), out
    shown = "'" + "x" * 40 + "…'"
    assert f"unknown topic {shown}; topics: pay," in refusals[0], refusals[0]
    assert f"no ballot called {shown}; ballots:" in refusals[1], refusals[1]
    assert f"no report called {shown}; reports:" in refusals[2], refusals[2]


def test_an_officer_is_not_told_to_run_the_command_line(tmp_path: Path) -> None:
    """Was "no electorate for nec-2023 yet: campaign-bot ballots import-electorate FILE.csv
    --ballot nec-2023" to a branch officer in chat, who has no command line."""
    officer = chat(tmp_path, "/turnout nec-2023\n", "--as", "officer", "--branch", "dwp-leeds")
    assert "no electorate for nec-2023 yet: an organiser enters" in officer, officer
    assert "campaign-bot" not in officer
    organiser = chat(tmp_path, "/turnout nec-2023\n", "--as", "organiser")
    assert "campaign-bot ballots import-electorate FILE.csv --ballot nec-2023" in organiser


def test_a_published_report_says_how_to_read_it_in_full(tmp_path: Path) -> None:
    """Was "Type /reports to read the full report.": /reports alone lists the reports."""
    script = "/subscribe dwp-leeds reports\n/reports publish nec-2020-11\n"
    out = chat(tmp_path, script, "--as", "organiser", "--in", "group:g")
    assert "Type /reports nec-2020-11 to read the full report." in out, out
