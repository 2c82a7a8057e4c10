"""`campaign-bot run` and `campaign-bot demo` as separate processes, against the stand-ins."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import aiohttp

from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.harness import ROOT, eventually
from tests.ports import free_port
from tests.processes import spawn


def env_for(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env |= {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
    }
    return env | values


async def start(tmp_path: Path, *args: str, **values: str) -> asyncio.subprocess.Process:
    return await spawn(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=tmp_path,
        env=env_for(tmp_path, **values),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_run_answers_help_through_any_bot_api_server(tmp_path: Path) -> None:
    async with TelegramStandIn() as tg:
        proc = await start(
            tmp_path,
            "run",
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.url,
            HTTP_PORT=str(free_port()),
        )
        try:
            await eventually(lambda: tg.calls["getUpdates"] > 0, within=30)
            # as a person trying it by hand: POST /_standin/say, then GET /_standin/said
            async with aiohttp.ClientSession(tg.url) as http:
                await http.post("/_standin/say", json={"user": 777001, "text": "/help"})
                group = {"chat": -100777, "title": "Leeds", "user": 777001}
                await http.post("/_standin/say", json=group | {"text": "/whoami"})
                await eventually(lambda: bool(tg.received["-100777"]), within=15)
                async with http.get("/_standin/said", params={"chat": "777001"}) as said:
                    help_, whoami = await said.json()
                async with http.get("/_standin/said", params={"chat": "-100777"}) as said:
                    [told] = await said.json()
            assert "/whoami" in help_["text"] and "telegram:777001" in whoami["text"]
            assert "check your DMs" in told["text"] and told["chat"] == "-100777"
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, err.decode()
        assert tg.token not in err.decode()


async def test_rejected_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    async with TelegramStandIn() as tg:
        proc = await start(
            tmp_path,
            "run",
            TELEGRAM_BOT_TOKEN="999:wrong-token-value-abcdefghijkl",
            TELEGRAM_API_BASE_URL=tg.url,
            HTTP_PORT=str(free_port()),
        )
        _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2
    lines = [line for line in err.decode().splitlines() if line.startswith("campaign-bot:")]
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "Traceback" not in err.decode() and "wrong-token-value" not in err.decode()


async def test_run_in_slack_http_mode_verifies_signatures(tmp_path: Path) -> None:
    async with SlackStandIn() as slack:
        port = free_port()
        proc = await start(
            tmp_path,
            "run",
            SLACK_BOT_TOKEN=slack.token,
            SLACK_SIGNING_SECRET=slack.signing_secret,
            SLACK_API_BASE_URL=slack.base_url,
            HTTP_PORT=str(port),
        )
        url = f"http://127.0.0.1:{port}/slack/events"
        try:
            await eventually(lambda: slack.calls["auth.test"] > 0, within=30)
            form = slack.command("U0PRIYA01", "C0LEEDS01", "help")
            for _ in range(100):
                try:
                    good = await slack.post_command(url, form)
                    break
                except OSError:
                    await asyncio.sleep(0.1)
            assert good.status == 200
            await eventually(lambda: bool(slack.received["C0LEEDS01"]), within=10)
            assert "/campaign whoami" in slack.received["C0LEEDS01"][0].text
            bad = await slack.post_command(url, form, secret="forged")
            assert bad.status == 401
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0


async def test_demo_runs_and_counts(tmp_path: Path) -> None:
    proc = await start(tmp_path, "demo")
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()
    text = out.decode()
    assert "══ Telegram" in text and "══ Slack" in text
    lines = text.strip().splitlines()
    chat = json.loads(next(line for line in lines if line.startswith('{"received"')))
    assert chat["received"]["telegram"] >= 4 and chat["received"]["slack"] >= 3
    # The ballot scenario: every reminder to the branch channels, none after banking.
    ballot = json.loads(lines[-1])
    assert ballot["reminders_received"] == {
        "slack, #dwp-leeds": 6,
        "slack, Sam's DM": 3,  # until Sam pressed "I've voted" after the third
        "telegram, Leeds group": 6,
        "telegram, Priya's DM": 1,  # Priya pressed it under the first
    }
    assert set(ballot["plan"].values()) == {"fired"}
    assert "Reported turnout: Pay ballot 2026" in text
    assert "19 of 40 reported (48%); 1 more needed" in text
    # The officer's total is his branch's, not the whole ballot's (65 in two branches)
    assert "Your branch: 19 of 40 (48%)" in text and "Whole ballot" not in text
    # The channel the demo shows as #dwp-leeds is called that in the bot's reply too
    assert "bot → slack, #dwp-leeds: Done: dwp-leeds now gets dwp-leeds news" in text
