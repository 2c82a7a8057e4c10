"""Neutral events: what every adapter translates platform payloads into, and replies out of."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from bot.core.models import ChatKind, Identity, Platform


@dataclass(frozen=True)
class Conversation:
    platform: Platform
    chat_id: str
    kind: ChatKind
    title: str | None = None
    topic: str | None = None  # a forum topic (Telegram): a place of its own in the chat


@dataclass(frozen=True)
class Incoming:
    """One thing a person did: a message, a command, or a button press."""

    actor: Identity
    conversation: Conversation
    text: str = ""
    event_id: str | None = None
    callback: str | None = None
    display_name: str | None = None
    addressed: bool = False  # a mention, a DM, or a command naming the bot
    thread: str | None = None  # a forum topic (Telegram) or thread (Slack) to answer in
    anonymous: bool = False  # sent as the group or a channel: the person is hidden
    command_key: str | None = None  # the message a command came in (edits run it once)
    edited: bool = False  # an edit of an earlier message

    @property
    def is_dm(self) -> bool:
        return self.conversation.kind is ChatKind.DM


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """What the bot says back. Rendered per platform outside the core.

    `template` names a file in messages/; `values` are inserted literally (escaped).
    """

    template: str
    values: dict[str, Any] = field(default_factory=dict)
    buttons: tuple[Button, ...] = ()
    dm: bool = False  # send to the actor privately rather than in the conversation
    ephemeral: bool = False
    attachment: tuple[str, str] | None = None  # (file name, text): sent as a file alongside
    # Said in the conversation instead when this message's private replies could not be
    # sent (a Telegram user who never opened a chat with the bot, or blocked it).
    if_dm_fails: Reply | None = None


def check_your_dms(command: str) -> Reply:
    """Said in a group when the answer went by DM; or, when it could not, how to get it."""
    return Reply(
        "check-your-dms", {"command": command}, if_dm_fails=Reply("dm-failed", {"command": command})
    )


class Change(enum.StrEnum):
    """What happened to the bot's place in a chat (or a forum topic)."""

    JOINED = "joined"  # the bot was added
    PRESENT = "present"  # still there: rights changed, restricted but a member, unarchived
    LEFT = "left"  # removed, left, kicked, archived, deleted; a topic closed
    BLOCKED = "blocked"  # a person blocked the bot in their DM
    UNBLOCKED = "unblocked"  # … and unblocked it
    RENAMED = "renamed"  # the conversation's title is the new one


@dataclass(frozen=True)
class ChatMembership:
    """The bot's own place in a chat changed."""

    conversation: Conversation
    change: Change
    by: Identity | None = None
    reason: str = ""  # with LEFT: how it was lost, as officers are told


@dataclass(frozen=True)
class ChatMigration:
    """A chat has a new id: a Telegram group became a supergroup, a Slack channel moved."""

    platform: Platform
    old_chat_id: str
    new_chat_id: str


@dataclass(frozen=True)
class AppRemoved:
    """The bot was cut off from a whole workspace: the app uninstalled, its token revoked."""

    platform: Platform
    reason: str


@dataclass(frozen=True)
class HomeOpened:
    """A person opened the bot's home (Slack's App Home tab)."""

    actor: Identity
    conversation: Conversation


@dataclass(frozen=True)
class Ignored:
    """A payload the bot deliberately does nothing with, and why (for the log)."""

    reason: str
    malformed: bool = False  # not the shape the platform documents: worth a warning


Event = Incoming | ChatMembership | ChatMigration | AppRemoved | HomeOpened | Ignored
