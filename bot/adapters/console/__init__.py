"""A terminal conversation through the same router and rendering as the chat platforms.

By default the terminal is a private chat with the bot; `place("group:NAME")` makes it a
group chat called NAME, where /subscribe and broadcasts can be tried. Buttons are numbered
as they are shown, and `/press N` presses the N-th of the latest ones shown.

Each role is played by its own person (`console:member`, `console:officer`, ...), with its
own private chat: a member session never holds what an officer session was given (its
rights, the subscriptions it asked for, its audit entries), even with both open at once.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from bot.content.templates import Rendered
from bot.core.caller import Caller
from bot.core.errors import InvalidInput
from bot.core.events import Button, Conversation, Incoming, Reply
from bot.core.models import ChatKind, Identity, Platform, Role
from bot.core.router import Router
from bot.core.services import Roles
from bot.core.threads import in_daemon_thread

Present = Callable[[Reply, Platform], list[Rendered]]
PRESS = re.compile(r"/press(?:\s+(\S+))?\s*$")
FAILED = (
    "bot> That failed on the bot's side, not because of what you typed (the log says why). "
    "The chat goes on: try again, or something else.\n"
)
log = logging.getLogger(__name__)


def person(role: Role) -> Identity:
    """Who plays this role at the terminal: one person per role."""
    return Identity(Platform.CONSOLE, role.value)


def private(who: Identity) -> Conversation:
    """That person's private chat with the bot (its id is theirs, as on Telegram)."""
    return Conversation(Platform.CONSOLE, who.user_id, ChatKind.DM, "terminal")


def place(spec: str | None, who: Identity) -> Conversation:
    """Where the terminal chats: None (or "dm") `who`'s private chat with the bot;
    "group:NAME" a group chat called NAME."""
    if spec is None or spec == "dm":
        return private(who)
    kind, _, name = spec.partition(":")
    if kind != "group" or not re.fullmatch(r"[\w.-]{1,64}", name):
        raise InvalidInput("--in", "use group:NAME (letters, digits, - . _) or dm")
    return Conversation(Platform.CONSOLE, f"group:{name}", ChatKind.GROUP, name)


class Pad:
    """What the terminal shows: replies and delivered messages, their buttons numbered, the
    latest ones kept for /press."""

    def __init__(self, present: Present, stdout: TextIO) -> None:
        self.present, self.stdout = present, stdout
        self.buttons: list[Button] = []
        # Where the latest buttons were shown when not in the terminal's own chat: a reply
        # sent privately from a group (/forget's "Yes, erase everything") is pressed there.
        self.pressed_in: Conversation | None = None
        # Buttons shown after one typed line are numbered on from each other: /petition with
        # two campaigns' petitions shows two "I've signed", [1] and [2], not two [1]s.
        self.fresh = True

    def new_turn(self) -> None:
        """A line was typed: the next buttons shown replace the ones before."""
        self.fresh = True

    def show(
        self, reply: Reply, where: str | None = None, private: Conversation | None = None
    ) -> None:
        lead = f"bot> (in {where}) " if where else "bot> "
        for rendered in self.present(reply, Platform.CONSOLE):
            self.stdout.write(f"{lead}{rendered.text}\n")
        self.show_buttons(reply.buttons, private)
        if reply.attachment is not None:
            name, body = reply.attachment
            self.stdout.write(f"bot> (file {name})\n{body}\n")
        self.stdout.flush()

    def show_buttons(
        self, buttons: tuple[Button, ...], shown_in: Conversation | None = None
    ) -> None:
        if not buttons:
            return
        if self.fresh:
            self.buttons, self.fresh = [], False
        first = len(self.buttons) + 1
        self.buttons.extend(buttons)
        self.pressed_in = shown_in
        for number, button in enumerate(buttons, start=first):
            self.stdout.write(f"     [{number}] {button.label}  (type /press {number})\n")

    def pressed(self, text: str) -> str | None:
        """The command behind `/press N` (None: not a press); a wrong N is explained."""
        found = PRESS.match(text)
        if found is None:
            return None
        choice = found.group(1) or ""
        if not self.buttons:
            raise InvalidInput("N", "no buttons have been shown yet")
        if not choice.isdigit() or not 1 <= int(choice) <= len(self.buttons):
            shown = len(self.buttons)
            which = "/press 1" if shown == 1 else f"a number from 1 to {shown}, e.g. /press 1"
            raise InvalidInput("N", f"there is no button {choice or 'given'}: type {which}")
        return self.buttons[int(choice) - 1].data


@dataclass(frozen=True)
class Seat:
    """Who the person at the terminal plays: a role, and the branch they belong to."""

    role: Role
    branch: str | None = None

    @classmethod
    def member(cls) -> Seat:
        return cls(Role.MEMBER)

    @property
    def who(self) -> Identity:
        return person(self.role)


async def play(roles: Roles, seat: Seat) -> Identity:
    """Give the seat's person exactly its role (and branch) for the session: theirs alone,
    so no other role's session gains or loses anything by it."""
    await roles.assign(seat.who, seat.role, seat.branch, Caller.operator("console"))
    return seat.who


async def run(
    router: Router,
    present: Present,
    who: Identity,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    where: Conversation | None = None,
    pad: Pad | None = None,
) -> None:
    where = where or private(who)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    pad = pad or Pad(present, stdout)
    interactive = stdin.isatty()
    if interactive:
        stdout.write("Campaign bot — console chat. Type /help, a question, or Ctrl-D to leave.\n")
    number = 0
    while True:
        if interactive:
            stdout.write("you> ")
            stdout.flush()
        line = await in_daemon_thread(stdin.readline, "console-stdin")  # Ctrl-C: no Enter needed
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        number += 1
        incoming = _incoming(pad, who, where, text, f"console-{number}")
        if incoming is None:
            continue
        try:
            replies = await router.handle(incoming)
        except Exception:  # the store or a bug: the platforms' inbox retries, a terminal says so
            log.exception("console: handling a message failed")
            stdout.write(FAILED)
            replies = []
        for reply in replies:
            pad.show(
                reply, private=private(who) if reply.dm and where.kind is not ChatKind.DM else None
            )
        stdout.flush()
    if interactive:
        stdout.write("\nGoodbye.\n")


def _incoming(
    pad: Pad, who: Identity, where: Conversation, text: str, event_id: str
) -> Incoming | None:
    """The line as the platforms would send it: a message, or `/press N` as a button press."""
    try:
        command = pad.pressed(text)
    except InvalidInput as error:
        pad.stdout.write(f"bot> /press: {error.problem}\n")
        return None
    pad.new_turn()
    if command is not None:
        where = pad.pressed_in or where
        return Incoming(who, where, event_id=event_id, callback=command, addressed=True)
    return Incoming(who, where, text, event_id=event_id, addressed=True)
