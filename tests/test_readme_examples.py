"""Every command the README shows for broadcasts and delivery, run as written (through bash,
`campaign-bot` on the PATH) against the stand-ins on a temporary database: none may end in a
traceback or with a failing status. `ID` is the broadcast the command is about."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from contextlib import AsyncExitStack
from pathlib import Path

from bot.app import build_app
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.delivery_kit import add_channels
from tests.harness import ROOT, settings_for
from tests.processes import spawn

SECTIONS = ("## For organisers: broadcasts", "## How delivery works")


def examples(section: str) -> list[str]:
    """The commands in a README section's ```sh blocks, continuation lines joined."""
    text = (ROOT / "README.md").read_text().split(section, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [
        line.strip()
        for block in blocks
        for line in block.replace("\\\n", " ").splitlines()
        if line.strip()
    ]


def test_the_sections_show_commands() -> None:
    commands = [c for s in SECTIONS for c in examples(s)]
    assert len(commands) >= 9
    assert any("--in group:" in c and "/press" in c for c in commands)


def _env(tmp_path: Path, tg: TelegramStandIn, sl: SlackStandIn) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    return env | {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.url,
        "SLACK_BOT_TOKEN": sl.token,
        "SLACK_SIGNING_SECRET": sl.signing_secret,
        "SLACK_API_BASE_URL": sl.base_url,
        "LOG_LEVEL": "WARNING",
    }


async def _bash(command: str, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    proc = await spawn(
        "bash",
        "-c",
        command,
        env=env,
        cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 180)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def _broadcast_id(state: str, env: dict[str, str], cwd: Path) -> str:
    """The latest broadcast in this state (`campaign-bot broadcast list --json`)."""
    code, out, err = await _bash("campaign-bot broadcast list --json", env, cwd)
    assert code == 0, err
    found = [line for line in json.loads(out) if line["state"] == state]
    assert found, (state, out)
    return str(max(int(line["id"]) for line in found))


async def test_every_broadcast_and_delivery_example_runs(tmp_path: Path) -> None:
    async with TelegramStandIn() as tg, SlackStandIn() as sl:
        async with AsyncExitStack() as stack:
            app = await build_app(settings_for(tmp_path, tg, sl), stack)
            for topic in ("pay", "petitions", "reports"):
                await add_channels(app, 3, 2, topic=topic)
        env = _env(tmp_path, tg, sl)
        ran = []
        for section in SECTIONS:
            for command in examples(section):
                if re.search(r"\bID\b", command):
                    state = "scheduled" if " cancel " in command else "done"
                    command = re.sub(r"\bID\b", await _broadcast_id(state, env, tmp_path), command)
                code, out, err = await _bash(command, env, tmp_path)
                assert "Traceback" not in err + out, (command, err)
                assert code == 0, (command, out, err)
                ran.append((command, out))
        assert len(ran) >= 9
        outputs = dict(ran)
        sent = next(out for c, out in ran if c.startswith("campaign-bot broadcast report"))
        assert json.loads(sent)["per_platform"]["telegram"]["sent"] == 3
        chat = next(out for c, out in ran if "--in group:" in c)
        assert "(in group:" in chat, outputs
        assert tg.received and sl.received
