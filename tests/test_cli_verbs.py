"""Every verb in the README's command table, each as its own `python -m bot` process, on a
temporary SQLite database, against the loopback stand-ins: exit status and a line of output,
and for each verb its clearest misuse (exit 2, one line naming the problem, no traceback).

`run` and `demo` are exercised the same way in tests/test_run_cli.py."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from bot.app import build_app
from bot.cli import app as cli_app
from bot.core import wording
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.delivery_kit import add_channels
from tests.harness import ROOT, settings_for
from tests.processes import spawn

# Forty-odd subprocesses: on one worker of make test's -n 2, never beside the cluster's; a
# test here runs up to thirty CLI processes, each importing the whole bot.
pytestmark = [pytest.mark.xdist_group("subprocesses"), pytest.mark.timeout(900)]
LONDON = ZoneInfo("Europe/London")
LOG = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (INFO|WARNING) ")
# What add_channels makes: two Telegram groups and two Slack channels, one branch each.
TG_GROUPS = ("-1001000000000", "-1001000000001")
SLACK_CHANNELS = ("C00000000", "C00000001")


@dataclass
class Done:
    code: int
    out: str
    err: str

    def line(self, needle: str) -> str:
        """The one line of stdout that holds `needle` (whole: nothing wrapped)."""
        found = [line for line in self.out.splitlines() if needle in line]
        assert found, f"{needle!r} not in:\n{self.out}\n{self.err}"
        return found[0]

    def number(self, pattern: str) -> int:
        found = re.search(pattern, self.out)
        assert found, f"{pattern!r} not in:\n{self.out}"
        return int(found.group(1))


@dataclass
class World:
    tmp: Path
    tg: TelegramStandIn
    slack: SlackStandIn

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
        env.pop("LOG_LEVEL", None)
        return env | {
            "DATABASE_URL": f"sqlite+aiosqlite:///{self.tmp / 'bot.db'}",
            "CONTENT_DIR": str(ROOT / "campaigns"),
            "MESSAGES_DIR": str(ROOT / "messages"),
            "BOT_TIMEZONE": "Europe/London",
            "TELEGRAM_BOT_TOKEN": self.tg.token,
            "TELEGRAM_API_BASE_URL": self.tg.url,
            "SLACK_BOT_TOKEN": self.slack.token,
            "SLACK_SIGNING_SECRET": self.slack.signing_secret,
            "SLACK_API_BASE_URL": self.slack.base_url,
        }

    async def start(self, *args: str, **env: str) -> asyncio.subprocess.Process:
        return await spawn(
            sys.executable,
            "-m",
            "bot",
            *args,
            cwd=self.tmp,
            env=self.env() | env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )

    async def ok(self, *args: str, stdin: str = "") -> Done:
        done = await self.cli(*args, stdin=stdin)
        assert done.code == 0, f"{args}: exit {done.code}\n{done.out}\n{done.err}"
        assert "Traceback" not in done.err, done.err
        return done

    async def refused(self, *args: str, problem: str, **env: str) -> Done:
        """Exit 2 and one line naming the problem (ours start `campaign-bot:`; typer's own
        usage errors put theirs in a box), and never a traceback."""
        done = await self.cli(*args, **env)
        assert done.code == 2, f"{args}: exit {done.code}\n{done.out}\n{done.err}"
        assert "Traceback" not in done.err + done.out, done.err
        lines = [line for line in done.err.splitlines() if line.strip()]
        naming = [line for line in lines if problem in line]
        assert len(naming) == 1, done.err
        if naming[0].startswith("campaign-bot:"):  # ours: nothing else, bar a verb's log
            assert all(line.startswith("campaign-bot:") or LOG.match(line) for line in lines)
        return done

    async def cli(self, *args: str, stdin: str = "", **env: str) -> Done:
        proc = await self.start(*args, **env)
        out, err = await asyncio.wait_for(proc.communicate(stdin.encode()), 90)
        assert proc.returncode is not None
        return Done(proc.returncode, out.decode(), err.decode())


@asynccontextmanager
async def world(tmp_path: Path, topics: tuple[str, ...] = ()) -> AsyncIterator[World]:
    """Both stand-ins, and a database where their chats are subscribed to `topics`."""
    async with TelegramStandIn() as tg, SlackStandIn() as slack:
        async with AsyncExitStack() as stack:
            app = await build_app(settings_for(tmp_path, tg, slack), stack)
            for topic in topics:
                await add_channels(app, 2, 2, topic=topic)
        yield World(tmp_path, tg, slack)


def got(w: World, text: str) -> list[str]:
    """The stand-in chats whose last message holds `text`."""
    chats = [c for c in TG_GROUPS if w.tg.texts(c) and text in w.tg.texts(c)[-1]]
    return chats + [c for c in SLACK_CHANNELS if w.slack.texts(c) and text in w.slack.texts(c)[-1]]


ALL_CHATS = [*TG_GROUPS, *SLACK_CHANNELS]


@pytest.mark.slow
async def test_broadcast_verbs_and_deliver(tmp_path: Path) -> None:
    async with world(tmp_path, topics=("pay", "petitions")) as w:
        done = await w.ok("db", "upgrade")
        assert "Database is up to date" in done.out
        args = ("--topic", "pay", "--to", "all")

        done = await w.ok("broadcast", "preview", *args, "--text", "Talks resume on Monday.")
        assert "This broadcast (pay) goes to 4 channels." in done.out
        assert done.line("telegram (1 part(s))") and not got(w, "Talks resume")
        assert done.err == ""  # no log chatter for a plain verb

        done = await w.ok("broadcast", "send", *args, "--text", "Talks resume on Monday.", "--yes")
        assert got(w, "Talks resume on Monday.") == ALL_CHATS
        assert re.search(r"^telegram\s+2(\s+0){6}$", done.out, re.M), done.out  # 7 states
        sent_id = done.number(r"Broadcast (\d+): ")

        done = await w.ok("broadcast", "schedule", *args, "--at", "tomorrow 09:00", "--text", "Hi")
        tomorrow = datetime.now(LONDON) + timedelta(days=1)
        assert f"scheduled for {wording.day(tomorrow)}, 09:00 (" in done.out
        later_id = done.number(r"Broadcast (\d+) scheduled")

        done = await w.ok("broadcast", "list")
        when = f"{wording.day(tomorrow, short=True)} 09:00"
        scheduled = rf"^{later_id}\s+scheduled\s+pay\s+Pay update\s+0 of 0\s+{when}"
        assert re.search(scheduled, done.out, re.M)
        assert re.search(rf"^{sent_id}\s+done\s+pay\s+Pay update\s", done.out, re.M)
        listed = {b["id"]: b for b in json.loads((await w.ok("broadcast", "list", "--json")).out)}
        send_at = listed[later_id]["send_at"]  # ISO 8601 with the offset, to the second
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT09:00:00[+-]\d\d:\d\d", send_at), send_at
        assert datetime.fromisoformat(send_at).date() == tomorrow.date()
        assert listed[sent_id]["state"] == "done" and listed[sent_id]["send_at"] is None

        done = await w.ok("broadcast", "report", str(sent_id))
        assert done.line("Broadcast") and re.search(r"^slack\s+2\s", done.out, re.M)
        report = json.loads((await w.ok("broadcast", "report", str(sent_id), "--json")).out)
        assert report["per_platform"]["telegram"]["sent"] == 2 and report["state"] == "done"

        done = await w.ok("broadcast", "cancel", str(later_id))
        assert f"Broadcast {later_id} cancelled" in done.out

        # Queued for the running bot, then delivered by `deliver` alone.
        done = await w.ok("petition", "send")
        assert re.search(r"petition: broadcast \d+, 4 channels queued", done.out)
        assert not got(w, "Sign the petition")
        done = await w.ok("deliver", "--until-idle")
        assert "Delivered 4 messages; nothing is left pending." in done.out
        assert got(w, "Sign the petition") == ALL_CHATS

        await w.refused(
            "broadcast",
            "preview",
            "--topic",
            "nope",
            "--to",
            "all",
            "--text",
            "x",
            problem="--topic: unknown topic 'nope'",
        )
        await w.refused(
            "broadcast",
            "send",
            *args,
            "--text",
            "No prompt",
            problem="not sent: confirm with --yes (no terminal to ask on)",
        )
        assert "No prompt" not in (await w.ok("broadcast", "list")).out  # nothing kept
        await w.refused(
            "broadcast",
            "schedule",
            *args,
            "--at",
            "yesterday",
            "--text",
            "x",
            problem="--at: could not read 'yesterday'",
        )
        await w.refused(
            "broadcast",
            "send",
            *args,
            "--template",
            "petition-call",
            "--var",
            "title=T",
            "--yes",
            problem="--var: petition-call needs url=…",
        )
        await w.refused("broadcast", "report", "999", problem="No broadcast called '999'")
        await w.refused("broadcast", "cancel", str(sent_id), problem=f"broadcast {sent_id} is done")
        await w.refused("broadcast", "list", "--json", "extra", problem="unexpected extra argument")
        await w.refused(
            "deliver", "--until-idle", problem="no platform is configured", TELEGRAM_BOT_TOKEN="",
            SLACK_BOT_TOKEN="", SLACK_SIGNING_SECRET="",
        )  # fmt: skip


@pytest.mark.slow
async def test_ballot_verbs_and_turnout(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        opens = date.today() + timedelta(days=30)
        closes = datetime.combine(opens + timedelta(days=21), time(12), tzinfo=LONDON)
        add = ("pay-2031", "--title", "Pay ballot 2031", "--kind",
               "statutory_postal", "--opens", f"{opens:%Y-%m-%d} 09:00", "--closes",
               f"{closes:%Y-%m-%d %H:%M}", "--group", "dwp")  # fmt: skip
        done = await w.ok("ballots", "add", *add)
        assert re.search(r"Ballot pay-2031 added with \d+ reminders", done.out)

        # A pipe gets one line per ballot, dates whole and local: a script can grep them.
        done = await w.ok("ballots", "list")
        assert "Thu 11 May 2023 12:00" in done.line("nec-2023")
        line = done.line("pay-2031")
        assert f"{wording.day(closes, short=True)} 12:00" in line and "coming" in line
        assert done.err == ""
        listed = {b["name"]: b for b in json.loads((await w.ok("ballots", "list", "--json")).out)}
        assert listed["nec-2023"]["closes_at"] == "2023-05-11T12:00:00+01:00"

        done = await w.ok("ballots", "show", "nec-2023")
        assert done.line("last safe posting day").endswith("Friday 5 May 2023")
        assert re.search(
            r"^closing-day\s+Thursday 11 May 2023, 08:00 \(BST\)\s+planned$", done.out, re.M
        )

        electorate = tmp_path / "electorate.csv"
        electorate.write_text("branch,eligible\ndwp-leeds,120\ndwp-glasgow,80\n")
        done = await w.ok("ballots", "import-electorate", str(electorate), "--ballot", "pay-2031")
        assert "Electorate of pay-2031: 200 members in 2 branches." in done.out

        done = await w.ok("turnout", "pay-2031")
        assert re.search(r"^dwp-leeds\s+120\s+0\s+0%\s+60$", done.out, re.M), done.out
        chart = tmp_path / "turnout.png"
        done = await w.ok("turnout", "pay-2031", "--json", "--chart", str(chart))
        report = json.loads(done.out)
        assert (report["eligible"], report["needed"]) == (200, 100)
        assert report["closes_at"] == closes.isoformat()
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

        done = await w.ok("ballots", "cancel", "pay-2031", "--yes")
        assert "Ballot pay-2031 cancelled" in done.out
        assert "cancelled" in (await w.ok("ballots", "list")).line("pay-2031")

        bad = tmp_path / "bad.csv"
        bad.write_text("branch,eligible\nnowhere,5\n")
        await w.refused(
            "ballots",
            "add",
            *add[:-4],
            "--closes",
            "someday",
            problem="--closes: could not read 'someday'",
        )
        await w.refused("ballots", "show", "nope", problem="no ballot called 'nope'")
        await w.refused("ballots", "cancel", "nope", "--yes", problem="no ballot called 'nope'")
        await w.refused(
            "ballots",
            "import-electorate",
            str(bad),
            "--ballot",
            "nec-2023",
            problem="row 2: unknown branch 'nowhere'",
        )
        await w.refused("ballots", "list", "--json", "extra", problem="unexpected extra argument")
        await w.refused("turnout", "nec-2023", problem="no electorate for nec-2023 yet")


@pytest.mark.slow
async def test_roles_ask_content_chat(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        done = await w.ok(
            "roles", "grant", "telegram:5012345678", "officer", "--branch", "dwp-leeds"
        )
        assert "Granted branch officer of dwp-leeds to telegram:5012345678." in done.out
        await w.ok("roles", "grant", "slack:U0ANA00001", "organiser")
        done = await w.ok("roles", "list")
        assert re.search(r"^telegram:5012345678\s+branch officer\s+dwp-leeds$", done.out, re.M)
        held = json.loads((await w.ok("roles", "list", "--json")).out)
        assert {"who": ["slack:U0ANA00001"], "role": "organiser", "branch": None} in held
        # as `roles grant` and `roles revoke` take it, so a script can hand it back
        tom = {"who": ["telegram:5012345678"], "role": "officer", "branch": "dwp-leeds"}
        assert tom in held, held
        done = await w.ok("roles", "revoke", "slack:U0ANA00001", "organiser")
        assert "Revoked organiser from slack:U0ANA00001." in done.out
        done = await w.ok("audit", "--action", "roles")
        assert re.search(
            r"^\w{3} \d{1,2} \w{3} \d{4} \d\d:\d\d\s+cli\s+roles grant\s+done"
            r"\s+who=slack:U0ANA00001, role=organiser, branch=$",
            done.out,
            re.M,
        )

        done = await w.ok("ask", "when do I have to post my vote by?", "--now", "2023-05-08T10:00")
        assert "Friday 5 May 2023" in done.out and done.line("Confidence:")
        answer = json.loads(
            (await w.ok("ask", "what did the NEC decide about a pay ballot?", "--json")).out
        )
        assert answer["handoff"] is False and answer["sources"]

        done = await w.ok("content", "check")
        assert done.line("Content OK:")
        done = await w.ok("chat", "--as", "organiser", stdin="/whoami\n")
        assert "organiser" in done.out

        await w.refused(
            "roles",
            "grant",
            "telegram:5012345678",
            "officer",
            problem="--branch is needed for the branch officer role",
        )
        await w.refused("roles", "grant", "fax:1", "organiser", problem="PLATFORM:USER_ID")
        await w.refused(
            "roles",
            "revoke",
            "telegram:1",
            "organiser",
            problem="telegram:1 does not hold that role",
        )
        await w.refused("roles", "list", "--json", "extra", problem="unexpected extra argument")
        await w.refused("audit", "--limit", "0", problem="--limit")
        await w.refused(
            "ask", "x", "--now", "next week", problem="--now: could not read 'next week'"
        )
        await w.refused("content", "check", "--path", str(tmp_path / "missing"), problem="missing")
        await w.refused("chat", "--branch", "nowhere", problem="--branch: unknown branch 'nowhere'")
        await w.refused("db", "upgrade", problem="DATABASE_URL", DATABASE_URL="mysql://nope")


@pytest.mark.slow
async def test_petition_report_consult_verbs(tmp_path: Path) -> None:
    async with world(tmp_path, topics=("reports", "general")) as w:
        done = await w.ok("petition", "report")
        assert done.line("Fund fair pay in public services: 0 of 50,000 (0%)")
        standing = json.loads((await w.ok("petition", "report", "--json")).out)
        assert standing["signatures"] == 0 and standing["leaderboard"] == []

        done = await w.ok("report", "list")
        assert re.search(
            r"^nec-2020-11\s+Report from the NEC meeting .+\s+6\s+not yet$", done.out, re.M
        )
        done = await w.ok("report", "publish", "nec-2020-11")
        assert "report nec-2020-11: broadcast 1, 4 channels queued" in done.out
        listed = json.loads((await w.ok("report", "list", "--json")).out)
        published = datetime.fromisoformat(listed[0]["published"])
        assert published.utcoffset() is not None and published.microsecond == 0
        assert f"{wording.at(published, LONDON, short=True)}" in (
            await w.ok("report", "list")
        ).line("nec-2020-11")
        done = await w.ok("report", "status", "nec-2020-11")
        assert re.search(r"^dwp-leeds\s+sent, not yet noted$", done.out, re.M)
        status = json.loads((await w.ok("report", "status", "nec-2020-11", "--json")).out)
        assert "dwp-leeds" in status["not_noted"]

        closes = datetime.now(LONDON).replace(second=0, microsecond=0) + timedelta(days=3)
        question = "Should branch AGMs meet on Zoom?"
        when = f"{closes:%Y-%m-%d %H:%M}"
        opening = ("--question", question, "--option", "Yes", "--option", "No", "--closes", when)
        done = await w.ok("consult", "open", *opening)
        assert (
            f"consultation 1 open until {wording.at(closes, LONDON, short=True)}; voting buttons"
            in done.out
        )
        done = await w.ok("consult", "list")
        shown = wording.at(closes, LONDON, short=True)
        assert re.search(
            rf"^1\s+{re.escape(question)}\s+open\s+{re.escape(shown)}\s+general$",
            done.out,
            re.M,
        )
        assert (
            json.loads((await w.ok("consult", "list", "--json")).out)[0]["closes"]
            == closes.isoformat()
        )
        done = await w.ok("consult", "results", "1")
        assert "Should branch AGMs meet on Zoom? (open)" in done.out and done.line("Yes: 0")
        results = json.loads((await w.ok("consult", "results", "1", "--json")).out)
        assert results["statutory_ballot"] is False and results["closes_at"] == closes.isoformat()
        done = await w.ok("consult", "close", "1")
        assert done.line("No: 0")
        # was the totals alone: nothing said it had closed, or where the results go
        assert done.line(f"consultation 1 closed: {question} (0 votes); the results go to")

        # Everything queued above goes out: the report's summary, the consultation's
        # announcement and its results.
        done = await w.ok("deliver", "--until-idle")
        assert re.search(r"^Delivered \d+ messages; nothing is left pending\.$", done.out, re.M)
        assert got(w, f"Consultation results: {question}") == ALL_CHATS
        assert all(
            any("Report from the NEC meeting" in t for t in w.tg.texts(chat)) for chat in TG_GROUPS
        )

        # The same audit rows as the chat commands write: one use case, one action name.
        done = await w.ok("audit", "--action", "/reports")
        assert re.search(
            r"^\w{3} \d{1,2} \w{3} \d{4} \d\d:\d\d\s+cli\s+/reports publish\s+done"
            r"\s+report=nec-2020-11, broadcast=1$",
            done.out,
            re.M,
        )
        rows = json.loads((await w.ok("audit", "--json")).out)
        actions = {r["action"] for r in rows}
        assert actions >= {"/reports publish", "/consult open", "/consult close"}
        assert all(datetime.fromisoformat(r["at"]).utcoffset() is not None for r in rows)

        await w.refused(
            "petition", "send", "--to", "group:nowhere", problem="unknown group 'nowhere'"
        )
        await w.refused(
            "petition", "report", "--petition", "nope", problem="no petition called 'nope'"
        )
        await w.refused(
            "report", "publish", "nec-2020-11", problem="nec-2020-11 was already published"
        )
        await w.refused("report", "status", "nope", problem="no report called 'nope'")
        await w.refused("report", "list", "--json", "extra", problem="unexpected extra argument")
        await w.refused(
            "consult",
            "open",
            "--question",
            "Q?",
            "--option",
            "Only one",
            "--closes",
            "2030-01-01 09:00",
            problem="give at least two options",
        )
        await w.refused("consult", "close", "1", problem="consultation 1 is already closed")
        await w.refused("consult", "results", "9", problem="no consultation 9")
        await w.refused("consult", "list", "--json", "extra", problem="unexpected extra argument")


async def test_questions_verbs(tmp_path: Path) -> None:
    """The week's hand-offs, and another way of asking an FAQ entry's question."""
    async with world(tmp_path) as w:
        week = json.loads((await w.ok("questions", "report", "--json")).out)
        assert week["questions"] == [] and week["days"] == 7
        done = await w.ok("questions", "alias", "bot-reminders", "make the bot stop pinging me")
        assert "bot-reminders" in done.out
        done = await w.ok("audit", "--action", "/faq alias")
        assert "entry=bot-reminders" in done.out
        await w.refused("questions", "alias", "no-such-entry", "hi", problem="no-such-entry")
        await w.refused("questions", "report", "--days", "0", problem="--days")


async def test_deliver_waits_out_a_refused_token(tmp_path: Path) -> None:
    """RELIABILITY.md row 14 for `deliver` run for ever: Telegram refuses the token once it
    is running. It exited (exit 2, naming the token); now it asks again
    (TOKEN_RETRY_SECONDS) and delivers once the token is accepted, with no restart."""
    async with world(tmp_path, topics=("petitions",)) as w:
        proc = await w.start("deliver", TOKEN_RETRY_SECONDS="0.1")

        async def until(check: Callable[[], bool]) -> None:
            for _ in range(600):
                if check() or proc.returncode is not None:
                    return
                await asyncio.sleep(0.05)

        try:
            await until(lambda: w.tg.calls["getMe"] >= 1 and w.slack.calls["auth.test"] >= 1)
            w.tg.revoked = True
            await w.ok("petition", "send")
            # Slack's sends go on while Telegram refuses: wait for both (under load the
            # sends can come after the second refusal; the full suite met that once)
            await until(
                lambda: (
                    w.tg.refused_token["getMe"] >= 2
                    and got(w, "Sign the petition") == [*SLACK_CHANNELS]
                )
            )
            assert proc.returncode is None and w.tg.refused_token["getMe"] >= 2
            assert got(w, "Sign the petition") == [*SLACK_CHANNELS]
            w.tg.revoked = False
            await until(lambda: got(w, "Sign the petition") == ALL_CHATS)
            assert got(w, "Sign the petition") == ALL_CHATS
            assert [len(w.tg.received[c]) for c in TG_GROUPS] == [1, 1]
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGINT)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
        assert "Traceback" not in err.decode()


@pytest.mark.slow
async def test_standin_verb_serves_until_stopped(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        for platform in ("telegram", "slack"):
            proc = await w.start("standin", platform, "--port", "0")
            assert proc.stdout is not None
            info = json.loads(await asyncio.wait_for(proc.stdout.readline(), 30))
            assert info["platform"] == platform and info["token"]
            async with aiohttp.ClientSession() as session:
                async with session.get(info["url"] + "/_standin/stats") as response:
                    assert (await response.json())["received"] == 0
            # a second stand-in on a port in use: which port, and how to choose another
            port = info["url"].rsplit(":", 1)[1]
            await w.refused("standin", platform, "--port", port, problem=f"port {port} is in use")
            proc.send_signal(signal.SIGINT)
            await asyncio.wait_for(proc.communicate(), 30)
            assert proc.returncode == 130
        await w.refused("standin", "discord", problem="PLATFORM: use telegram or slack")


@pytest.mark.slow
async def test_members_verbs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEMBER_KEY", "cli-verbs-member-key-" + "0" * 32)
    listed = tmp_path / "members.csv"
    listed.write_text(
        "membership_number,branch,email,name\n"
        "A-100001,dwp-leeds,ann@example.org,Ann\n"
        "A-100002,DWP Leeds,,Bob\n"
        "A-100003,hmrc-liverpool,,Cat\n"
    )
    async with world(tmp_path) as w:
        done = await w.ok("members", "import", str(listed))
        assert re.search(r"^added\s+3$", done.out, re.M) and "Saved." in done.out
        assert "Ignored columns: name" in done.out
        out = tmp_path / "invites.csv"
        done = await w.ok(
            "members", "invites", str(listed), "--branch", "dwp-leeds", "--out", str(out)
        )
        assert "Wrote 2 invites" in done.out
        rows = out.read_text().splitlines()
        assert rows[0] == "membership_number,branch,email,code,telegram_link,slack,expires"
        assert rows[1].startswith("A-100001,dwp-leeds,ann@example.org,")
        assert "https://t.me/campaign_test_bot?start=" in rows[1]  # from getMe
        report = json.loads((await w.ok("members", "report", "--json")).out)
        assert report["total"]["on_list"] == 3 and report["list_imported"] is True
        done = await w.ok("members", "report")
        assert re.search(r"^DWP Leeds\s+2\s+0\s+0%\s+0\s+0$", done.out, re.M)
        listed.write_text("membership_number,branch\nA-100002,dwp-leeds\n")
        done = await w.cli("members", "import", str(listed), "--json")
        assert done.code == 3, done.err  # members would lapse: not saved without --yes
        assert json.loads(done.out)["lapsed"] == 2 and json.loads(done.out)["applied"] is False

        listed.write_text("membership_number,branch\nA-100002,nowhere\n")
        await w.refused("members", "import", str(listed), problem="row 2: unknown branch")
        await w.refused("members", "invites", str(listed), "--out", str(out), problem="--all")
        await w.refused("members", "report", "extra", problem="unexpected extra argument")
        await w.refused(
            "members", "import", str(listed), problem="MEMBER_KEY: is not set", MEMBER_KEY=""
        )


def documented_verbs() -> set[str]:
    """`noun` or `noun verb` for every command the README's command table names."""
    groups = {group.name for group in cli_app.registered_groups}
    commands = groups | {command.name for command in cli_app.registered_commands}
    section = (ROOT / "README.md").read_text().split("## The command line")[1].split("\n## ")[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("| `"))
    found = set()
    for span in re.findall(r"`([^`]+)`", table):
        noun, _, rest = span.removeprefix("campaign-bot ").partition(" ")
        if noun not in commands:
            continue
        if noun not in groups:
            found.add(noun)
            continue
        for piece in rest.replace("\\|", "|").split("|"):
            verb = piece.split()[0] if piece.split() else ""
            if re.fullmatch(r"[a-z][a-z-]*", verb):
                found.add(f"{noun} {verb}")
    return found


def test_every_verb_in_the_readme_is_exercised() -> None:
    documented = documented_verbs()
    assert {"run", "turnout", "db upgrade", "report status", "roles list"} <= documented
    here = Path(__file__).read_text() + (ROOT / "tests" / "test_run_cli.py").read_text()
    calls = re.findall(
        r'(?:\.ok|\.refused|\.start|\bstart)\(\s*(?:tmp_path,\s*)?"([a-z-]+)"(?:,\s*"([a-z-]+)")?',
        here,
    )
    exercised = {noun for noun, _ in calls} | {f"{noun} {verb}" for noun, verb in calls}
    assert documented - exercised == set()


@pytest.mark.slow
async def test_dashboard_link_verb(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        await w.ok("roles", "grant", "telegram:7100000001", "organiser")
        await w.refused(
            "dashboard", "link", "telegram:7100000001", problem="the dashboard is not switched on"
        )
        url = "https://bot.example.org/dashboard"
        done = await w.cli("dashboard", "link", "telegram:7100000001", DASHBOARD_URL=url)
        assert done.code == 0, done.err
        assert done.out.splitlines()[0].startswith(url + "/sign-in/")
        await w.refused(
            "dashboard", "link", "telegram:999", problem="branch officer", DASHBOARD_URL=url
        )
