"""The README's dashboard commands, run as written: they print a sign-in link, and that link
opens a session for the organiser (once)."""

from __future__ import annotations

import re
import shlex
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from bot.app import build_app
from bot.core.errors import NotSignedIn
from tests.harness import ROOT, settings_for
from tests.test_cli_verbs import world


def readme_commands() -> list[list[str]]:
    section = (ROOT / "README.md").read_text().split("\n## The dashboard\n")[1]
    section = section.split("\n## ")[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "no sh block in the README's dashboard section"
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


def env_and_args(words: list[str]) -> tuple[dict[str, str], list[str]]:
    env = {}
    while "=" in words[0] and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "campaign-bot", words
    return env, words[1:]


@pytest.mark.slow
async def test_the_readmes_dashboard_commands_print_a_working_link(tmp_path: Path) -> None:
    commands = readme_commands()
    assert [c[-3:-1] for c in commands][-1] == ["dashboard", "link"]
    async with world(tmp_path) as w:
        printed = ""
        for words in commands:
            env, args = env_and_args(words)
            done = await w.cli(*args, **env)
            assert done.code == 0, (words, done.err)
            printed = done.out
        link = printed.splitlines()[0]
        assert link.startswith("https://bot.example.org/dashboard/sign-in/")
        async with AsyncExitStack() as stack:
            app = await build_app(settings_for(tmp_path, None, None), stack)
            opened = await app.services.dashboard.sign_in(link.rsplit("/", 1)[1])
            me = await app.services.dashboard.caller(opened.secret)
            assert me.is_organiser and me.label == "telegram:7100000001"
            with pytest.raises(NotSignedIn):
                await app.services.dashboard.sign_in(link.rsplit("/", 1)[1])
