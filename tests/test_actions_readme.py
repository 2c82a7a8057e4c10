"""The commands the README's "petitions, meeting reports, consultations" section shows
inline (issue 13, point 8), run through the CLI in this process on a temporary database
whose chats are subscribed to petitions, reports and general news: each exits 0 without a
traceback. Optional parts are given as a person would type them, `ID` is the report or
consultation the command is about."""

from __future__ import annotations

import asyncio
import json
import re
import shlex
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from bot.app import build_app
from bot.cli import app
from tests.delivery_kit import add_channels
from tests.harness import ROOT, settings_for

SECTION = (
    (ROOT / "README.md")
    .read_text()
    .split("\n## For organisers: petitions, meeting reports, consultations")[1]
    .split("\n## ")[0]
)
SHOWN = [" ".join(c.split()) for c in re.findall(r"`(campaign-bot\s[^`]+)`", SECTION)]


async def subscribe_chats(tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        bot = await build_app(settings_for(tmp_path, None, None), stack)
        for topic in ("petitions", "reports", "general"):
            await add_channels(bot, 2, 2, topic=topic)


def run(cli: CliRunner, shown: str, typed: str) -> str:
    """`typed` is the README's `shown` command with its placeholders filled in."""
    assert shown in SHOWN, (shown, SHOWN)
    result = cli.invoke(app, shlex.split(typed)[1:])
    assert result.exit_code == 0, (typed, result.output)
    assert "Traceback" not in result.output
    return result.output


def in_the_future(when: str) -> str:
    """The README's example closing time while it is to come; later, moved on whole years."""
    moment = datetime.fromisoformat(when).replace(tzinfo=UTC)
    years = 0
    while moment.replace(year=moment.year + years) <= datetime.now(UTC):
        years += 1
    return when.replace(str(moment.year), str(moment.year + years), 1)


def test_the_sections_inline_commands_run(cli: CliRunner, tmp_path: Path) -> None:
    asyncio.run(subscribe_chats(tmp_path))
    sent = run(
        cli,
        "campaign-bot petition send [--petition ID] [--to all|group:NAME|branch,branch]",
        "campaign-bot petition send --petition pay-petition --to all",
    )
    assert "4 channels queued" in sent
    report = json.loads(
        run(cli, "campaign-bot petition report --json", "campaign-bot petition report --json")
    )
    assert report
    published = run(
        cli, "campaign-bot report publish ID", "campaign-bot report publish nec-2020-11"
    )
    assert "nec-2020-11: broadcast" in published and "4 channels queued" in published
    status = json.loads(
        run(
            cli,
            "campaign-bot report status ID [--json]",
            "campaign-bot report status nec-2020-11 --json",
        )
    )
    assert status["never_sent"], status  # add_channels' chats are of some branches only
    never = status["never_sent"][0]
    refused = cli.invoke(app, ["report", "publish", "nec-2020-11", "--branch", never])
    assert "campaign-bot report publish ID --branch BRANCH" in SHOWN
    assert refused.exit_code == 2 and f"no channel of {never}" in refused.output
    shown = (
        'campaign-bot consult open --question Q --option A --option B --closes "2026-12-04 17:00"'
        " [--topic T] [--branch B ...]"
    )
    closes = in_the_future("2026-12-04 17:00")
    opened = run(
        cli,
        shown,
        "campaign-bot consult open --question 'Should branch AGMs meet on Zoom?' "
        f"--option Yes --option No --closes '{closes}' --topic general",
    )
    found = re.search(r"consultation (\d+) open until", opened)
    assert found, opened
    run(cli, "campaign-bot consult close ID", f"campaign-bot consult close {found.group(1)}")
    audit = json.loads(
        run(
            cli,
            "campaign-bot audit [--action /consult] [--json]",
            "campaign-bot audit --action /consult --json",
        )
    )
    assert {row["action"] for row in audit} >= {"/consult open", "/consult close"}
