"""The README's first sections, as a new organiser follows them on a fresh clone: every
command they show is run, as written, through bash with the installed `campaign-bot` (also
as `.venv/bin/campaign-bot`) on a temporary database. Only the ports change: the stand-ins'
fixed 8081 and 8082, which another test or a stand-in left running may hold, become free
ones (`--port N` added to the stand-in's command, the same N in the URLs).

`make run` and `make test` build .venv and are not run here: `make test` is this suite, and
`make run` is `db upgrade` then `run` (tests/test_cli_verbs.py, tests/test_run_cli.py)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from tests.harness import ROOT
from tests.ports import free_port
from tests.processes import spawn

README = (ROOT / "README.md").read_text()
FIRST = README.split("## Connecting Telegram")[0]
NOT_RUN = {"make run", "make test"}  # see the docstring
# Run as written elsewhere: the whole demo takes half a minute, and is run once.
ELSEWHERE = {".venv/bin/campaign-bot demo": "tests/test_run_cli.py::test_demo_runs_and_counts"}
BIN = Path(sys.executable).parent


def shown() -> list[str]:
    """The commands in the first sections' code: ```sh blocks (comments dropped, continued
    lines joined) and inline code that starts with a command."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", FIRST, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command:
                found.append(" ".join(command.split()))
    starts = ("campaign-bot ", ".venv/bin/", "echo ", "make ", "curl ")
    found += [c for c in re.findall(r"`([^`\n]+)`", FIRST) if c.startswith(starts)]
    return list(dict.fromkeys(found))


RUN_HERE = [
    "echo /help | .venv/bin/campaign-bot chat",
    "campaign-bot demo --scenario ballot",
    "campaign-bot standin telegram",
    "TELEGRAM_BOT_TOKEN=TOKEN TELEGRAM_API_BASE_URL=http://127.0.0.1:8081 campaign-bot run",
    """curl -d '{"user": 7100000001, "text": "/help"}' http://127.0.0.1:8081/_standin/say""",
    """curl -d '{"user": 7100000001, "chat": -1001, "title": "Leeds", "text": "/whoami"}'"""
    " http://127.0.0.1:8081/_standin/say",
    "curl 'http://127.0.0.1:8081/_standin/said?chat=7100000001'",
    "campaign-bot standin slack",
    "campaign-bot roles grant telegram:7100000001 officer --branch dwp-leeds",
]


def test_every_command_of_the_first_sections_is_run_here() -> None:
    """A command added to these sections fails this until it is run below."""
    assert sorted(set(shown()) - NOT_RUN - set(ELSEWHERE)) == sorted(RUN_HERE)
    for command, test in ELSEWHERE.items():
        path, name = test.split("::")
        source = (ROOT / path).read_text()
        verb = command.split("campaign-bot ")[1]
        assert f"def {name}(" in source and f'"{verb}"' in source, test


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    return env | {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "HTTP_PORT": str(free_port()),  # not 8080, which another test may serve on
    }


def _as_written(command: str) -> str:
    return command.replace(".venv/bin/", f"{BIN}/")


async def _bash(command: str, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    proc = await _start(command, env, cwd)
    out, err = await asyncio.wait_for(proc.communicate(), 240)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def _start(command: str, env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    """bash -c COMMAND; bash execs a lone command, so a signal reaches it directly."""
    return await spawn(
        "bash",
        "-c",
        _as_written(command),
        env=env,
        cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _ok(command: str, env: dict[str, str], cwd: Path) -> str:
    code, out, err = await _bash(command, env, cwd)
    assert code == 0 and "Traceback" not in out + err, (command, out, err)
    return out


async def _until(check: Callable[[], Awaitable[bool]], within: float) -> None:
    for _ in range(int(within * 5)):
        if await check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError("not in time")


async def test_the_console_chat_and_the_demos(tmp_path: Path) -> None:
    env = _env(tmp_path)
    chat = await _ok("echo /help | .venv/bin/campaign-bot chat", env, tmp_path)
    assert "Commands for you (member)" in chat and "/whoami" in chat
    ballot = await _ok("campaign-bot demo --scenario ballot", env, tmp_path)
    assert "══ Telegram" not in ballot  # the ballot scenario alone
    assert json.loads(ballot.strip().splitlines()[-1])["reminders_received"]


async def _serve(
    command: str, port: int, env: dict[str, str], cwd: Path
) -> tuple[asyncio.subprocess.Process, dict[str, str]]:
    """A stand-in's command with `--port N`; the process and the JSON line it printed."""
    proc = await _start(f"{command} --port {port}", env, cwd)
    assert proc.stdout is not None
    line = await asyncio.wait_for(proc.stdout.readline(), 60)
    return proc, json.loads(line)


async def _stopped(proc: asyncio.subprocess.Process, signum: int) -> tuple[int, str]:
    proc.send_signal(signum)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


async def test_playing_a_telegram_member_and_officer_against_the_stand_in(
    tmp_path: Path,
) -> None:
    env, port = _env(tmp_path), free_port()
    here = {c: c.replace(":8081", f":{port}") for c in RUN_HERE if "8081" in c}
    standin, info = await _serve("campaign-bot standin telegram", port, env, tmp_path)
    assert info["url"] == f"http://127.0.0.1:{port}" and info["token"]
    [run] = [c for c in here.values() if c.endswith("campaign-bot run")]
    bot = await _start(run.replace("=TOKEN ", f"={shlex.quote(info['token'])} "), env, tmp_path)
    [say_dm, say_group] = [c for c in here.values() if "/_standin/say" in c]
    [said] = [c for c in here.values() if "/_standin/said" in c]

    async def answered(role: str) -> bool:
        out = await _ok(said, env, tmp_path)
        return any(f"Commands for you ({role})" in m["text"] for m in json.loads(out))

    try:
        await _ok(say_dm, env, tmp_path)  # kept until the bot, still starting, polls
        await _until(lambda: answered("anyone"), 60)  # not yet a member
        await _ok(say_group, env, tmp_path)
        group = f"curl 'http://127.0.0.1:{port}/_standin/said?chat=-1001'"
        await _until(lambda: _has(group, "check your DMs", env, tmp_path), 30)
        granted = await _ok(RUN_HERE[-1], env, tmp_path)
        assert "Granted branch officer of dwp-leeds to telegram:7100000001" in granted
        await _ok(say_dm, env, tmp_path)
        await _until(lambda: answered("branch officer"), 60)
    finally:
        stopped, err = await _stopped(bot, signal.SIGTERM)
        served, _ = await _stopped(standin, signal.SIGINT)
    assert stopped == 0 and "Traceback" not in err, err
    assert served == 130


async def _has(command: str, text: str, env: dict[str, str], cwd: Path) -> bool:
    return text in await _ok(command, env, cwd)


async def test_the_slack_stand_in_prints_what_the_bot_needs(tmp_path: Path) -> None:
    env = _env(tmp_path)
    standin, info = await _serve("campaign-bot standin slack", free_port(), env, tmp_path)
    code, _ = await _stopped(standin, signal.SIGINT)
    assert {"token", "base_url", "signing_secret"} <= set(info) and code == 130
