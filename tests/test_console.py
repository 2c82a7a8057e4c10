from __future__ import annotations

import io
import logging
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.adapters import console
from bot.content.loader import Content
from bot.content.sync import sync_content
from bot.content.templates import Templates
from bot.core.clock import FixedClock
from bot.core.models import Role
from bot.storage.database import create_engine
from bot.storage.sql import SqlStore
from tests import databases
from tests.conftest import wired
from tests.limits import within
from tests.test_settings import ROOT, cli


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
    }


def test_help_through_a_pipe(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="/help\n",
        capture_output=True,
        text=True,
        env={**_env(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        timeout=within(60),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "/whoami" in result.stdout and "/ask QUESTION" in result.stdout


def test_conversation_as_organiser(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = "/whoami\nwhen does the NEC ballot close?\n/nonsense\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--as", "organiser"],
        input=script,
        capture_output=True,
        text=True,
        env={**_env(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        timeout=within(60),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "organiser" in out and "console:organiser" in out
    assert "President and National Executive" in out
    assert "I don't know the command /nonsense" in out


def test_roles_grant_cli(tmp_path: Path) -> None:
    env = _env(tmp_path)
    ok = cli(
        "roles",
        "grant",
        "telegram:5550001",
        "officer",
        "--branch",
        "dwp-leeds",
        env=env,
        cwd=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    listed = cli("roles", "list", env=env, cwd=tmp_path)
    assert "telegram:5550001" in listed.stdout and "dwp-leeds" in listed.stdout
    for bad in (
        ["nobody", "officer", "--branch", "dwp-leeds"],
        ["telegram:1", "officer"],
        ["telegram:1", "officer", "--branch", "atlantis"],
        ["fax:1", "organiser"],
        ["telegram:abc", "organiser"],  # a Telegram user id is a number
    ):
        result = cli("roles", "grant", *bad, env=env, cwd=tmp_path)
        assert result.returncode == 2, bad
        assert "Traceback" not in result.stderr


def test_every_command_has_help() -> None:
    top = cli("--help")
    assert top.returncode == 0
    for verb in ("run", "chat", "db", "content", "roles"):
        assert verb in top.stdout
    for sub in (["db", "upgrade"], ["content", "check"], ["roles", "grant"], ["chat"], ["run"]):
        result = cli(*sub, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout, sub


def _chat(tmp_path: Path, *args: str, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", *args],
        input=script,
        capture_output=True,
        text=True,
        env={**_env(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        timeout=within(120),
        check=False,
    )


def test_a_group_played_in_the_terminal_gets_its_broadcast(tmp_path: Path) -> None:
    """--in group:NAME: subscribe there, compose a broadcast, press its button with /press,
    and the broadcast is delivered to that group, in the terminal."""
    script = (
        "/subscribe dwp-leeds pay\n"
        "/broadcast pay dwp-leeds Talks resume on Monday.\n"
        "/press 3\n"
        "/press 1\n"
    )
    result = _chat(tmp_path, "--as", "organiser", "--in", "group:leeds-reps", script=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "leeds-reps now gets dwp-leeds news on: pay" in out
    assert "[1] Send now  (type /press 1)" in out
    assert "/press: there is no button 3: type a number from 1 to 2, e.g. /press 1" in out
    assert "Broadcast 1 is on its way to 1 channel." in out
    assert "bot> (in group:leeds-reps) Pay update" in out
    # No order between the two: the confirmation is a reply, the message a delivery, and
    # the delivery can reach the terminal first (the full run saw it once).
    again = _chat(tmp_path, "--as", "organiser", script="/broadcast_send 1\n")
    assert "(in group:leeds-reps)" not in again.stdout  # delivered once, not on every start


def test_press_and_place_are_explained_when_wrong(tmp_path: Path) -> None:
    result = _chat(tmp_path, script="/press 1\n/whoami\n")
    assert result.returncode == 0, result.stderr
    assert "/press: no buttons have been shown yet" in result.stdout
    assert "console:member" in result.stdout
    for bad in ("channel:x", "group:", "group:two words"):
        refused = _chat(tmp_path, "--in", bad, script="")
        assert refused.returncode == 2, bad
        assert "group:NAME" in refused.stderr and "Traceback" not in refused.stderr


def test_each_role_is_its_own_person_even_with_both_sessions_open(tmp_path: Path) -> None:
    """The console played one person (console:local) whatever the role: an officer session
    started while a member session was open gave the member session an officer's rights,
    and the member's /mydata held the officer's subscription and audit entries."""
    member = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--as", "member", "--branch", "dwp-leeds"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**_env(tmp_path), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    # Its output is read line by line, which waits for ever on a session that says nothing:
    # it is killed at the test's own limit instead, and the read ends.
    watchdog = threading.Timer(within(120), member.kill)
    watchdog.start()
    try:
        assert member.stdin is not None and member.stdout is not None
        member.stdin.write("/whoami\n")
        member.stdin.flush()
        seen = ""
        while "member of dwp-leeds" not in seen:  # the session is open and answering
            line = member.stdout.readline()
            assert line, member.stderr.read() if member.stderr else ""
            seen += line
        officer = _chat(
            tmp_path,
            *("--as", "officer", "--branch", "dwp-leeds", "--in", "group:leeds-reps"),
            script="/subscribe dwp-leeds pay\n/whoami\n",
        )
        assert officer.returncode == 0, officer.stderr
        assert "leeds-reps now gets dwp-leeds news on: pay" in officer.stdout
        assert "branch officer of dwp-leeds" in officer.stdout
        script = "/whoami\n/subscribe dwp-leeds pay\n/mydata\n"
        rest, errors = member.communicate(script, within(120))
    finally:
        watchdog.cancel()
        if member.poll() is None:
            member.kill()
    assert member.returncode == 0, errors
    assert "branch officer" not in rest and rest.count("member of dwp-leeds") == 1
    assert "subscriptions you asked for: 0" in rest and "audit entries: 0" in rest
    assert "console:member" in seen and "console:officer" in officer.stdout


class _Lines:
    """A terminal's input, a line at a time; `before` runs just before its numbered line is
    read (a fault arriving mid-chat)."""

    def __init__(self, lines: list[str], before: dict[int, Callable[[], None]]) -> None:
        self.lines, self.before, self.read = lines, before, 0

    def readline(self) -> str:
        if self.read in self.before:
            self.before[self.read]()
        if self.read >= len(self.lines):
            return ""
        self.read += 1
        return self.lines[self.read - 1] + "\n"

    def isatty(self) -> bool:
        return False


async def test_a_message_the_bot_fails_on_is_said_and_the_chat_goes_on(
    tmp_path: Path, content: Content, templates: Templates, clock: FixedClock, caplog: Any
) -> None:
    """A store fault mid-chat (a table gone) used to end the console chat with a traceback;
    the platforms' inbox retries such a message, the terminal says so and reads the next."""
    url = databases.migrated_sqlite(tmp_path)
    engine = create_engine(url)
    try:
        store = SqlStore(engine)
        await sync_content(content, store)
        app = wired(store, content, templates, clock)
        who = await console.play(app.services.roles, console.Seat(Role.ORGANISER))

        def drop() -> None:
            with sqlite3.connect(tmp_path / "bot.db") as db:
                db.execute("DROP TABLE subscriptions")
                db.execute("DROP TABLE channels")

        secret = "my manager Priya is bullying me"
        stdin = _Lines(["/subscriptions", f"/subscriptions {secret}", "/whoami"], {1: drop})
        out = io.StringIO()
        with caplog.at_level(logging.INFO):
            await console.run(app.router, app.present, who, stdin=stdin, stdout=out)  # type: ignore[arg-type]
    finally:
        await engine.dispose()
    said = out.getvalue()
    assert said.count("failed on the bot's side") == 1, said
    assert said.index("failed on the bot's side") < said.index("console:organiser")  # /whoami
    assert "Traceback" not in said
    assert "console: handling a message failed" in caplog.text
    assert secret not in caplog.text and "Priya" not in caplog.text
