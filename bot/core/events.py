"""Neutral events: what every adapter translates platform payloads into, and replies out of."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.models import ChatKind, Identity, Platform


@dataclass(frozen=True)
class Conversation:
    platform: Platform
    chat_id: str
    kind: ChatKind
    title: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One thing a person did: a message, a command, or a button press."""

    actor: Identity
    conversation: Conversation
    text: str = ""
    event_id: str | None = None
    callback: str | None = None
    display_name: str | None = None
    addressed: bool = False  # a mention or DM: plain text here is a question
    thread: str | None = None  # a forum topic (Telegram) or thread (Slack) to answer in

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


@dataclass(frozen=True)
class ChatMembership:
    """The bot was added to, or removed from, a chat."""

    conversation: Conversation
    present: bool
    by: Identity | None = None


@dataclass(frozen=True)
class ChatMigration:
    """A Telegram group became a supergroup with a new id."""

    platform: Platform
    old_chat_id: str
    new_chat_id: str


@dataclass(frozen=True)
class Ignored:
    """A payload the bot deliberately does nothing with, and why (for the log)."""

    reason: str
    malformed: bool = False  # not the shape the platform documents: worth a warning


Event = Incoming | ChatMembership | ChatMigration | Ignored
