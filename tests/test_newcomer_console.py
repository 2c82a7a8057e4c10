"""The README's console example left behind on the bot's database: a group played in the
terminal (`campaign-bot chat --in group:leeds-reps`) stays subscribed after the chat ends.
With a platform configured, a broadcast reaching it must still finish, through the real CLI
and the Telegram stand-in: the console's message is settled as failed, saying why, never
left pending for ever (it held `broadcast send` without end and made /health 503)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from bot.standins.telegram import TelegramStandIn
from tests.harness import ROOT
from tests.processes import spawn


async def campaign_bot(
    env: dict[str, str], *args: str, stdin: str = "", within: float = 60
) -> tuple[int, str, str]:
    proc = await spawn(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(stdin.encode()), within)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_a_broadcast_to_a_console_group_left_subscribed_finishes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env |= {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
    }
    played = "/subscribe dwp-leeds pay\n"
    code, out, err = await campaign_bot(
        env, "chat", "--as", "organiser", "--in", "group:leeds-reps", stdin=played
    )
    assert code == 0 and "now gets dwp-leeds news on: pay" in out, out + err

    async with TelegramStandIn() as tg:
        env |= {"TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_API_BASE_URL": tg.url}
        send = ("broadcast", "send", "--topic", "pay", "--to", "dwp-leeds")
        code, out, err = await campaign_bot(env, *send, "--text", "Talks resume.", "--yes")
        assert code == 0, out + err
        code, out, err = await campaign_bot(env, "broadcast", "report", "1", "--json")
    assert code == 0, out + err
    report = json.loads(out)
    assert report["state"] == "done", report
    assert report["per_platform"]["console"] == {"failed": 1}, report
    assert any("no terminal chat was open" in reason for reason in report["failed_reasons"])
