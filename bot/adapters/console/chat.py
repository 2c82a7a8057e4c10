"""A terminal conversation through the same router and rendering as the chat platforms."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.app import App
from bot.core.events import Conversation, Incoming
from bot.core.models import ChatKind, Identity, Platform, Role, RoleGrant

CONSOLE_USER = Identity(Platform.CONSOLE, "local")
CONSOLE_CHAT = Conversation(Platform.CONSOLE, "console", ChatKind.DM, "terminal")


async def act_as(app: App, role: Role, branch: str | None) -> None:
    """Give the console user exactly this role (and branch) for the session."""
    member = await app.store.members.get_or_create(CONSOLE_USER)
    for grant in await app.store.roles.for_member(member.id):
        await app.store.roles.revoke(member.id, grant.role, grant.branch)
    branch = branch or app.content.branch_names()[0]
    await app.store.members.set_branch(member.id, branch)
    if role is not Role.ANYONE:
        scoped = branch if role in (Role.MEMBER, Role.OFFICER) else None
        await app.store.roles.grant(RoleGrant(member.id, role, scoped))


async def run_console(app: App, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
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
        for reply in await app.router.handle(incoming):
            for rendered in app.present(reply, Platform.CONSOLE):
                stdout.write(f"bot> {rendered.text}\n")
            for button in reply.buttons:
                stdout.write(f"     [{button.label}] type: {button.data}\n")
            if reply.attachment is not None:
                name, body = reply.attachment
                stdout.write(f"bot> (file {name})\n{body}\n")
        stdout.flush()
    if interactive:
        stdout.write("\nGoodbye.\n")
