"""Telegram update JSON → neutral events. Pure: no client, no I/O, never raises.

Updates are read as Telegram sends them (dicts), whatever their Bot API version: a field
added or dropped since changes nothing here unless it is one we use.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from bot.adapters.telegram.membership import chat_member, from_service_message, my_chat_member
from bot.adapters.telegram.places import actor, conversation, display_name, topic_of
from bot.core import buttons
from bot.core.events import ChatMigration, Event, Ignored, Incoming
from bot.core.models import ChatKind, Platform

_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?")
# Accounts Telegram posts as when the real sender is hidden: an anonymous group admin, a
# user posting as a channel. The message's sender_chat says which chat spoke.
HIDDEN_SENDERS = frozenset({1087968824, 136817688})
FORWARDED = ("forward_origin", "forward_from", "forward_from_chat", "forward_sender_name")
NOT_HANDLED = frozenset(
    {
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "message_reaction",
        "message_reaction_count",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
    }
)


class Me:
    """Who the bot is, as updates name it."""

    def __init__(self, username: str, bot_id: int | None) -> None:
        self.username, self.id = username.lower(), bot_id

    def is_me(self, user: object) -> bool:
        if not isinstance(user, dict):
            return False
        if self.id is not None:
            return user.get("id") == self.id
        name = user.get("username")
        return bool(user.get("is_bot")) and isinstance(name, str) and name.lower() == self.username


def translate(update: Any, bot_username: str, bot_id: int | None = None) -> Event:
    """One Bot API update → one neutral event. Never raises on odd input."""
    try:
        return _translate(update, Me(bot_username, bot_id))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        return Ignored(f"malformed update: {type(error).__name__}", malformed=True)


def _translate(update: Any, me: Me) -> Event:
    if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
        return Ignored("not an update", malformed=True)
    event_id = f"telegram:{int(update['update_id'])}"
    fields = [k for k in update if k != "update_id"]
    kind = fields[0] if len(fields) == 1 else "?"
    if kind in ("message", "edited_message", "channel_post"):
        return _message(update[kind], me, event_id, kind)
    if kind == "callback_query":
        return _button(update[kind], event_id)
    if kind == "my_chat_member":
        return my_chat_member(update[kind], me.is_me)
    if kind == "chat_member":
        return chat_member(update[kind], me.is_me)
    if kind in NOT_HANDLED:
        return Ignored(f"{kind}: nothing for the bot to do")
    return Ignored("an update of a kind the bot does not know", malformed=not fields)


def _button(query: dict[str, Any], event_id: str) -> Event:
    command = buttons.decode(query.get("data"))
    if command is None:
        return Ignored("a button that is not ours")
    person = query["from"]
    message = query.get("message")
    chat = message.get("chat") if isinstance(message, dict) else None
    if not isinstance(chat, dict):  # a button under an inline message: answer by DM
        chat = {"id": person["id"], "type": "private"}
    topic = topic_of(message) if isinstance(message, dict) else None
    return Incoming(
        actor(person),
        conversation(chat, topic),
        "",
        event_id,
        callback=command,
        display_name=display_name(person),
        addressed=True,
        thread=topic,
    )


def _message(message: dict[str, Any], me: Me, event_id: str, kind: str) -> Event:
    chat = message["chat"]
    if "migrate_to_chat_id" in message:
        old, new = str(int(chat["id"])), str(int(message["migrate_to_chat_id"]))
        return ChatMigration(Platform.TELEGRAM, old, new)
    if chat.get("is_direct_messages") or "direct_messages_topic" in message:
        # A channel's direct messages chat (Bot API 9.2), met as the channel's admin: no
        # branch chat, and a reply there would need the topic's id, which replies don't carry.
        return Ignored("a message in a channel's direct messages chat")
    service = from_service_message(message, me.is_me)
    if service is not None:
        return service
    if message.get("is_automatic_forward"):
        return Ignored("a channel post forwarded into its discussion group")
    if any(key in message for key in FORWARDED):
        return Ignored("a forwarded message: not the sender's own words to the bot")
    if me.is_me(message.get("via_bot")):
        return Ignored("a message made with the bot's own inline mode")
    text = message.get("text") or message.get("caption") or ""
    if not isinstance(text, str) or not text.strip():
        return Ignored("a message without text")
    sender = message.get("from")
    hidden = _hidden(sender, message.get("sender_chat"), kind)
    if not hidden:
        if not isinstance(sender, dict):
            return Ignored("a message without a sender")
        if sender.get("is_bot") or me.is_me(sender):
            return Ignored("a message from a bot")
    return _incoming(message, text, me, event_id, kind, hidden)


def _hidden(sender: object, sender_chat: object, kind: str) -> bool:
    """Sent as a chat (an anonymous admin, a channel): the person cannot be identified."""
    if kind == "channel_post":
        return True
    if not isinstance(sender_chat, dict):
        return False
    return not isinstance(sender, dict) or sender.get("id") in HIDDEN_SENDERS


def _incoming(
    message: dict[str, Any], text: str, me: Me, event_id: str, kind: str, hidden: bool
) -> Event:
    chat = message["chat"]
    topic = topic_of(message)
    where = conversation(chat, topic)
    speaker = message.get("sender_chat") if hidden else message["from"]
    if not isinstance(speaker, dict):
        speaker = chat
    addressed = where.kind is ChatKind.DM
    command = _COMMAND.match(text)
    key = None
    if command:
        target = (command.group(2) or "").lower()
        if target and target != me.username:
            return Ignored("a command for another bot")
        if kind == "channel_post" and not target:
            return Ignored("a command in a channel post, not naming the bot")
        addressed = addressed or bool(target)
        text = "/" + command.group(1) + text[command.end() :]
        key = _command_key(int(chat["id"]), int(message.get("message_id") or 0))
    elif kind == "edited_message":
        return Ignored("an edited message: only an edited command may run")
    elif kind == "channel_post":
        return Ignored("a channel post that is not a command")
    else:
        addressed = addressed or _mentions(text, message, me)
        text = re.sub(re.escape(f"@{me.username}"), "", text, flags=re.IGNORECASE).strip()
    return Incoming(
        actor(speaker),
        where,
        text,
        event_id,
        display_name=None if hidden else display_name(speaker),
        addressed=addressed,
        thread=topic,
        anonymous=hidden,
        command_key=key,
        edited=kind == "edited_message",
    )


def _mentions(text: str, message: dict[str, Any], me: Me) -> bool:
    """A mention of the bot, or a reply to one of its messages."""
    if f"@{me.username}" in text.lower():
        return True
    replied = message.get("reply_to_message")
    return isinstance(replied, dict) and me.is_me(replied.get("from"))


def _command_key(chat_id: int, message_id: int) -> str:
    """A command's key across its message and its edits. The chat id is hashed, not kept: a
    DM's chat id is the member's own user id, and handled inbox rows outlive /forget."""
    digest = hashlib.sha256(f"{chat_id}:{message_id}".encode()).hexdigest()[:32]
    return f"telegram:command:{digest}"
