"""/mydata's file gives each time as ISO 8601 in the bot's time zone with its offset, to the
second (2023-05-08T10:00:00+01:00), on Telegram, Slack and the console alike.

Was UTC with microseconds (2023-05-08T09:00:00.123456+00:00) while every other time the bot
shows is in the union's zone. A zone with an offset all year round (Asia/Kolkata, +05:30)
keeps the test meaningful in winter, when London's offset is that of UTC."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from tests.harness import ROOT, eventually, running
from tests.test_actions import slack

ZONE, OFFSET = "Asia/Kolkata", timedelta(hours=5, minutes=30)
MEMBER, MEMBER_SLACK, MEMBER_SLACK_DM = 5077123777, "U0TIMES001", "D0TIMES001"


def times_in(held: object) -> list[str]:
    if isinstance(held, dict):
        return [t for v in held.values() for t in times_in(v)]
    if isinstance(held, list):
        return [t for v in held for t in times_in(v)]
    if isinstance(held, str) and held[:4].isdigit() and "T" in held[:11]:
        return [held]
    return []


def check_local(document: str) -> None:
    times = times_in(json.loads(document))
    assert times, document
    for shown in times:
        moment = datetime.fromisoformat(shown)
        assert moment.utcoffset() == OFFSET and "." not in shown, shown
        assert len(shown) == len("2023-05-08T10:00:00+05:30"), shown


async def test_mydata_times_are_in_the_bots_zone_on_telegram_and_slack(tmp_path: Path) -> None:
    async with running(tmp_path, BOT_TIMEZONE=ZONE) as h:
        h.tg.message(MEMBER, "/mydata")
        await eventually(lambda: bool(h.tg.documents[str(MEMBER)]), within=10)
        check_local(h.tg.documents[str(MEMBER)][-1][1])
        await slack(h, MEMBER_SLACK, "mydata", channel=MEMBER_SLACK_DM)
        await eventually(lambda: bool(h.slack.files[MEMBER_SLACK_DM]), within=10)
        check_local(h.slack.files[MEMBER_SLACK_DM][-1][1])


def test_mydata_times_are_in_the_bots_zone_in_the_console(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env |= {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "BOT_TIMEZONE": ZONE,
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--as", "member", "--branch", "dwp-leeds"],
        input="/mydata\n", capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = done.stdout.split("(file my-data.json)\n", 1)[1]
    check_local(document[: document.rindex("}") + 1])
