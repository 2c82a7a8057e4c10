"""A terminal conversation through the same router and rendering as the chat platforms."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from bot.content.templates import Rendered
from bot.core.caller import Caller
from bot.core.events import Conversation, Incoming, Reply
from bot.core.models import ChatKind, Identity, Platform, Role
from bot.core.router import Router
from bot.core.services import Roles

CONSOLE_USER = Identity(Platform.CONSOLE, "local")
CONSOLE_CHAT = Conversation(Platform.CONSOLE, "console", ChatKind.DM, "terminal")
Present = Callable[[Reply, Platform], list[Rendered]]


@dataclass(frozen=True)
class Seat:
    """Who the person at the terminal plays: a role, and the branch they belong to."""

    role: Role
    branch: str | None = None

    @classmethod
    def member(cls) -> Seat:
        return cls(Role.MEMBER)


async def play(roles: Roles, seat: Seat) -> None:
    """Give the console user exactly this role (and branch) for the session."""
    await roles.assign(CONSOLE_USER, seat.role, seat.branch, Caller.operator("console"))


async def run(
    router: Router, present: Present, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> None:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    if interactive:
        stdout.write("Campaign bot — console chat. Type /help, a question, or Ctrl-D to leave.\n")
    number = 0
    while True:
        if interactive:
            stdout.write("you> ")
            stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        number += 1
        incoming = Incoming(
            CONSOLE_USER, CONSOLE_CHAT, text, event_id=f"console-{number}", addressed=True
        )
        for reply in await router.handle(incoming):
            show(reply, present, stdout)
        stdout.flush()
    if interactive:
        stdout.write("\nGoodbye.\n")


def show(reply: Reply, present: Present, stdout: TextIO) -> None:
    for rendered in present(reply, Platform.CONSOLE):
        stdout.write(f"bot> {rendered.text}\n")
    for button in reply.buttons:
        stdout.write(f"     [{button.label}] type: {button.data}\n")
    if reply.attachment is not None:
        name, body = reply.attachment
        stdout.write(f"bot> (file {name})\n{body}\n")
