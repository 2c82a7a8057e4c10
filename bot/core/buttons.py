"""Our buttons' data: namespaced and versioned, so a button is known for ours.

A button carries a command ("/voted nec-2023"). On the wire it is `ucb1:` and the command;
a press whose data is anything else is not ours (another bot's message, a forged or
mangled press) and is answered with nothing. Buttons sent before the prefix existed carry
the bare command: those still work, if the command is one the bot has.
"""

from __future__ import annotations

import re

PREFIX = "ucb1:"
_LEGACY = re.compile(r"^/[a-z][a-z0-9_]{0,31}(?: [^\n]{0,200})?$")


def encode(command: str) -> str:
    """A command as a button carries it."""
    return PREFIX + command


def decode(data: object) -> str | None:
    """The command a pressed button carries, or None if the button is not ours."""
    if not isinstance(data, str):
        return None
    if data.startswith(PREFIX):
        command = data[len(PREFIX) :]
        return command if _LEGACY.match(command) else None
    return data if _LEGACY.match(data) else None
