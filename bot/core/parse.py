"""Parsing what people type into a command name and its arguments."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

MAX_TEXT = 4000
# A leading "/" word is a command, whatever its length: Telegram marks up to 64 characters
# as a bot_command entity though a bot may register only 32, and a name we do not have is
# answered as an unknown command, never read as a question.
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]{1,64}))?(?:\s+|$)")


@dataclass(frozen=True)
class CommandText:
    name: str
    args: tuple[str, ...]
    rest: str
    bot_name: str | None = None
    plain: bool = False  # typed without its slash, as plain text to the bot


def label(value: object, most: int = 200) -> str | None:
    """A platform's name for a chat or a person, as kept: control characters dropped (a NUL
    is refused by PostgreSQL's text columns), at most `most` characters; None for none."""
    if not isinstance(value, str):
        return None
    return "".join(ch for ch in value[: most * 2] if ch >= " ")[:most].strip() or None


def clean(text: str) -> str:
    """Drop NULs and other control characters (but keep newlines), and cap the length."""
    kept = "".join(ch for ch in text[: MAX_TEXT * 2] if ch in "\n\t" or ch >= " ")
    return kept[:MAX_TEXT].strip()


def parse_command(text: str) -> CommandText | None:
    """`/name@bot arg "quoted arg"` → CommandText; anything else → None."""
    match = _COMMAND.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip()
    try:
        args = tuple(shlex.split(rest))
    except ValueError:
        args = tuple(rest.split())
    return CommandText(match.group(1).lower(), args, rest, match.group(2))
