"""A ballot written from a file in campaigns/ballots/ is withdrawn when its file is removed:
its planned reminders go (none is sent), the operator is told in one line, and a ballot an
organiser added by command is left alone; the file put back restores it, its reminders
rebuilt from the store, nothing sent twice. Each step is `campaign-bot deliver --until-idle`
in its own process against the stand-ins; one is killed with SIGKILL as it starts.

Was: the file's ballot stayed in the store and members were still reminded of it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import AsyncExitStack
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_app
from bot.core.caller import Caller
from bot.core.results import BallotSpec
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.delivery_kit import add_channels
from tests.harness import ROOT, noon_zone, settings_for
from tests.processes import spawn

ZONE = noon_zone()  # the "opens" reminders fall due now, not the next morning
FILE_TITLE, COMMAND_TITLE = "Pay ballot from a file", "Pay ballot by command"


def ballot_file(opens: datetime, closes: datetime) -> str:
    return (
        f"---\nkind: ballot\nid: pay-file\ntitle: {FILE_TITLE}\nballot_kind: consultative\n"
        f"opens: {opens:%Y-%m-%d %H:%M}\ncloses: {closes:%Y-%m-%d %H:%M}\n"
        "summary: An indicative ballot on the pay offer.\n---\nVote online.\n"
    )


def env_for(tmp_path: Path, content: Path, tg: TelegramStandIn, sl: SlackStandIn) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    return env | {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(content),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.url,
        "SLACK_BOT_TOKEN": sl.token,
        "SLACK_SIGNING_SECRET": sl.signing_secret,
        "SLACK_API_BASE_URL": sl.base_url,
        "LOG_LEVEL": "WARNING",
        "BOT_TIMEZONE": ZONE,
    }


async def deliver(env: dict[str, str], cwd: Path, kill_after: float | None = None) -> str:
    proc = await spawn(
        sys.executable, "-m", "bot", "deliver", "--until-idle", env=env, cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    if kill_after is not None:
        await asyncio.sleep(kill_after)
        with contextlib.suppress(ProcessLookupError):  # on a fast machine it may be done
            os.kill(proc.pid, signal.SIGKILL)
        out, err = await proc.communicate()  # what it said before it was killed
        return out.decode() + err.decode()
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()
    return out.decode() + err.decode()


def reminders(tmp_path: Path, ballot: str) -> list[tuple[str, str]]:
    db = sqlite3.connect(tmp_path / "bot.db")
    try:
        query = "SELECT kind, state FROM reminders WHERE ballot = ? ORDER BY fire_at"
        return [(str(k), str(s)) for k, s in db.execute(query, (ballot,))]
    finally:
        db.close()


async def test_a_removed_ballot_file_withdraws_it_and_its_return_restores_it(
    tmp_path: Path,
) -> None:
    content = tmp_path / "campaigns"
    shutil.copytree(ROOT / "campaigns", content)
    zone = ZoneInfo(ZONE)
    opens = datetime.now(zone).replace(second=0, microsecond=0) - timedelta(hours=1)
    closes = opens + timedelta(days=20)
    path = content / "ballots" / "pay-file.md"
    path.write_text(ballot_file(opens, closes))
    async with TelegramStandIn() as tg, SlackStandIn() as sl:
        env = env_for(tmp_path, content, tg, sl)
        async with AsyncExitStack() as stack:
            settings = settings_for(tmp_path, tg, sl, BOT_TIMEZONE=ZONE, CONTENT_DIR=str(content))
            app = await build_app(settings, stack)
            channels = await add_channels(app, 2, 1, topic="ballots")
            spec = BallotSpec(
                "pay-command", COMMAND_TITLE, "consultative",
                f"{opens:%Y-%m-%d %H:%M}", f"{closes:%Y-%m-%d %H:%M}",
            )  # fmt: skip
            await app.services.ballots.add(spec, Caller.operator())
        planned = reminders(tmp_path, "pay-file")
        assert planned and {s for _, s in planned} == {"planned"}

        def got(title: str) -> list[int]:
            counts = []
            for c in channels:
                box = (tg if c.platform.value == "telegram" else sl).received[c.chat_id]
                counts.append(sum(title in m.text for m in box))
            return counts

        # The file goes; the process is killed as it starts, then run to the end. Where the
        # kill falls (before or after the withdrawal) depends on the machine's speed: the
        # operator is told once over both runs.
        path.unlink()
        said = await deliver(env, tmp_path, kill_after=1.5)
        said += await deliver(env, tmp_path)
        withdrawn = [line for line in said.splitlines() if "withdrawn" in line]
        assert len(withdrawn) == 1 and "ballot pay-file withdrawn" in withdrawn[0], said
        assert all(s != "planned" for _, s in reminders(tmp_path, "pay-file"))
        assert got(FILE_TITLE) == [0, 0, 0]
        assert got(COMMAND_TITLE) == [1, 1, 1]  # the organiser's ballot: reminded as before
        assert "withdrawn" not in await deliver(env, tmp_path)  # said once
        listed = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "bot", "ballots", "list"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
        )  # fmt: skip
        assert re.search(r"^pay-file .* withdrawn\s", listed.stdout, re.M), listed.stdout
        assert re.search(r"^pay-command .* open\s", listed.stdout, re.M), listed.stdout

        # The file is back: restored, its reminders planned again from the store.
        path.write_text(ballot_file(opens, closes))
        said = await deliver(env, tmp_path)
        assert "ballot pay-file restored" in said, said
        assert got(FILE_TITLE) == [1, 1, 1] and got(COMMAND_TITLE) == [1, 1, 1]
        await deliver(env, tmp_path)
        assert got(FILE_TITLE) == [1, 1, 1]  # nothing twice
        assert ("opens", "fired") in reminders(tmp_path, "pay-file")


async def test_a_ballot_marked_withdrawn_with_its_plan_left_sends_nothing(
    tmp_path: Path,
) -> None:
    """A crash between marking a ballot withdrawn and dropping its plan cannot happen (one
    transaction), but were its reminders left planned, the process started next would send
    none of them: a cancelled ballot's due reminders are skipped, never sent."""
    content = tmp_path / "campaigns"
    shutil.copytree(ROOT / "campaigns", content)
    opens = datetime.now(ZoneInfo(ZONE)).replace(second=0, microsecond=0) - timedelta(hours=1)
    path = content / "ballots" / "pay-file.md"
    path.write_text(ballot_file(opens, opens + timedelta(days=20)))
    async with TelegramStandIn() as tg, SlackStandIn() as sl:
        async with AsyncExitStack() as stack:
            settings = settings_for(tmp_path, tg, sl, BOT_TIMEZONE=ZONE, CONTENT_DIR=str(content))
            app = await build_app(settings, stack)
            channels = await add_channels(app, 2, 1, topic="ballots")
        db = sqlite3.connect(tmp_path / "bot.db")
        with db:
            db.execute("UPDATE ballots SET withdrawn = 1, cancelled = 1 WHERE name = 'pay-file'")
        db.close()
        path.unlink()
        await deliver(env_for(tmp_path, content, tg, sl), tmp_path)
        for c in channels:
            assert not (tg if c.platform.value == "telegram" else sl).received[c.chat_id]
        assert ("opens", "skipped") in reminders(tmp_path, "pay-file")
