"""Who and where, as Telegram names them: people, chats and forum topics."""

from __future__ import annotations

from typing import Any

from bot.core.events import Conversation
from bot.core.models import ChatKind, Identity, Platform
from bot.core.parse import label

KINDS = {
    "private": ChatKind.DM,
    "group": ChatKind.GROUP,
    "supergroup": ChatKind.GROUP,
    "channel": ChatKind.CHANNEL,
}


def conversation(
    chat: dict[str, Any], topic: str | None = None, title: object = None
) -> Conversation:
    """A chat, or a forum topic in it (a place of its own: it has its own subscriptions)."""
    kind = KINDS.get(str(chat.get("type")), ChatKind.GROUP)
    named = title or chat.get("title") or chat.get("username") or chat.get("first_name")
    return Conversation(
        Platform.TELEGRAM,
        str(int(chat["id"])),
        kind,
        label(named),
        topic,
    )


def actor(user: dict[str, Any]) -> Identity:
    return Identity(Platform.TELEGRAM, str(int(user["id"])))


def display_name(user: dict[str, Any]) -> str | None:
    return label(user.get("first_name"))


def topic_of(message: dict[str, Any]) -> str | None:
    """The forum topic a message is in (None: the chat itself, or its General topic).

    In a group without topics a reply also carries message_thread_id, but only a forum's
    messages say is_topic_message: those alone are in a topic."""
    thread = message.get("message_thread_id")
    if message.get("is_topic_message") is True and isinstance(thread, int):
        return str(thread)
    return None


def service_topic(message: dict[str, Any]) -> str | None:
    """The topic a forum service message (closed, reopened, renamed) is about."""
    thread = message.get("message_thread_id")
    return str(thread) if isinstance(thread, int) and not isinstance(thread, bool) else None
