"""The bot's own place in Telegram chats: my_chat_member (every transition), chat_member
about the bot, and the service messages that say a chat or topic changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.adapters.telegram.places import actor, conversation, service_topic
from bot.core.events import Change, ChatMembership, Event, Ignored
from bot.core.models import ChatKind

IsMe = Callable[[object], bool]
PRESENT = frozenset({"member", "administrator", "creator"})
# Service messages the bot has nothing to do with.
QUIET = (
    "pinned_message",
    "new_chat_photo",
    "delete_chat_photo",
    "message_auto_delete_timer_changed",
    "migrate_from_chat_id",
    "forum_topic_created",
    "general_forum_topic_hidden",
    "general_forum_topic_unhidden",
    "video_chat_started",
    "video_chat_ended",
    "video_chat_scheduled",
    "video_chat_participants_invited",
    "voice_chat_started",
    "voice_chat_ended",
    "voice_chat_scheduled",
    "voice_chat_participants_invited",
    "write_access_allowed",
    "chat_shared",
    "users_shared",
    "user_shared",
    "successful_payment",
    "refunded_payment",
    "proximity_alert_triggered",
    "boost_added",
    "chat_background_set",
    "giveaway_created",
    "giveaway_completed",
    "web_app_data",
    "connected_website",
)
CREATED = ("group_chat_created", "supergroup_chat_created", "channel_chat_created")


def present(member: object) -> bool:
    """In the chat: a member, an admin, the creator, or restricted but still a member."""
    if not isinstance(member, dict):
        return False
    status = member.get("status")
    if status == "restricted":
        return member.get("is_member") is not False
    return status in PRESENT


def my_chat_member(change: dict[str, Any], is_me: IsMe) -> Event:
    """Every transition of the bot's own membership, as one lifecycle change."""
    where = conversation(change["chat"])
    by = actor(change["from"]) if isinstance(change.get("from"), dict) else None
    new, old = change["new_chat_member"], change.get("old_chat_member")
    now, before = present(new), present(old)
    if where.kind is ChatKind.DM:
        return ChatMembership(where, Change.UNBLOCKED if now else Change.BLOCKED, by)
    if now:
        return ChatMembership(where, Change.PRESENT if before else Change.JOINED, by)
    status = new.get("status") if isinstance(new, dict) else None
    reason = {"kicked": "removed", "restricted": "restricted out of the chat"}.get(
        str(status), "left"
    )
    return ChatMembership(where, Change.LEFT, by, reason)


def chat_member(change: dict[str, Any], is_me: IsMe) -> Event:
    """chat_member is about anyone; only the bot's own is ours to act on."""
    new = change.get("new_chat_member")
    if isinstance(new, dict) and is_me(new.get("user")):
        return my_chat_member(change, is_me)
    return Ignored("another person joined or left")


def from_service_message(message: dict[str, Any], is_me: IsMe) -> Event | None:
    """A service message as a lifecycle change, an ignored service message, or None when
    the message is not a service message."""
    chat = message["chat"]
    by = actor(message["from"]) if isinstance(message.get("from"), dict) else None
    joined = message.get("new_chat_members")
    if isinstance(joined, list):
        if any(is_me(user) for user in joined):
            return ChatMembership(conversation(chat), Change.JOINED, by)
        return Ignored("people joined the chat")
    if isinstance(message.get("left_chat_member"), dict):
        if is_me(message["left_chat_member"]):
            return ChatMembership(conversation(chat), Change.LEFT, by, "removed")
        return Ignored("someone left the chat")
    if any(message.get(created) for created in CREATED):
        return ChatMembership(conversation(chat), Change.JOINED, by)
    title = message.get("new_chat_title")
    if isinstance(title, str) and title:
        return ChatMembership(conversation(chat, title=title), Change.RENAMED, by)
    return _topic(message, chat, by) or _quiet(message)


def _topic(message: dict[str, Any], chat: dict[str, Any], by: Any) -> Event | None:
    """A forum topic closed, reopened or renamed: a place of its own changed."""
    changes = {
        "forum_topic_closed": Change.LEFT,
        "forum_topic_reopened": Change.PRESENT,
        "forum_topic_edited": Change.RENAMED,
    }
    found = next((k for k in changes if k in message), None)
    if found is None:
        return None
    topic = service_topic(message)
    if topic is None:
        return Ignored(f"{found}, without saying which topic")
    name = (message.get(found) or {}).get("name") if isinstance(message.get(found), dict) else None
    if changes[found] is Change.RENAMED and not isinstance(name, str):
        return Ignored("a topic's icon changed")
    where = conversation(chat, topic, title=name)
    reason = "the topic was closed" if changes[found] is Change.LEFT else ""
    return ChatMembership(where, changes[found], by, reason)


def _quiet(message: dict[str, Any]) -> Event | None:
    kind = next((k for k in QUIET if k in message), None)
    return Ignored(f"service message {kind}") if kind else None
