"""Telegram update JSON → neutral events. Pure: no client, no I/O."""

from __future__ import annotations

import re
from typing import Any

from bot.core.events import ChatMembership, ChatMigration, Conversation, Event, Ignored, Incoming
from bot.core.models import ChatKind, Identity, Platform

_KINDS = {
    "private": ChatKind.DM,
    "group": ChatKind.GROUP,
    "supergroup": ChatKind.GROUP,
    "channel": ChatKind.CHANNEL,
}
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?")


def _conversation(chat: dict[str, Any]) -> Conversation:
    kind = _KINDS.get(str(chat.get("type")), ChatKind.GROUP)
    title = chat.get("title") or chat.get("username") or chat.get("first_name")
    return Conversation(Platform.TELEGRAM, str(int(chat["id"])), kind, title)


def _actor(user: dict[str, Any]) -> Identity:
    return Identity(Platform.TELEGRAM, str(int(user["id"])))


def _name(user: dict[str, Any]) -> str | None:
    name = user.get("first_name")
    return str(name) if name else None


def translate(update: Any, bot_username: str, bot_id: int | None = None) -> Event:
    """One Bot API update → one neutral event. Never raises on odd input."""
    try:
        return _translate(update, bot_username.lower(), bot_id)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return Ignored(f"malformed update: {type(error).__name__}", malformed=True)


def _translate(update: dict[str, Any], username: str, bot_id: int | None) -> Event:
    if not isinstance(update, dict) or "update_id" not in update:
        return Ignored("not an update")
    event_id = f"telegram:{int(update['update_id'])}"
    if "message" in update or "channel_post" in update:
        return _message(update.get("message") or update["channel_post"], username, bot_id, event_id)
    if "edited_message" in update or "edited_channel_post" in update:
        return Ignored("edited message: commands run once, when first sent")
    if "callback_query" in update:
        query = update["callback_query"]
        message = query.get("message") or {}
        chat = message.get("chat") or {"id": query["from"]["id"], "type": "private"}
        return Incoming(
            _actor(query["from"]),
            _conversation(chat),
            "",
            event_id,
            callback=str(query.get("data") or ""),
            display_name=_name(query["from"]),
            addressed=True,
        )
    if "my_chat_member" in update:
        change = update["my_chat_member"]
        status = change["new_chat_member"]["status"]
        present = status in ("member", "administrator", "creator")
        return ChatMembership(_conversation(change["chat"]), present, _actor(change["from"]))
    return Ignored(f"update type not handled: {sorted(k for k in update if k != 'update_id')}")


def _message(message: dict[str, Any], username: str, bot_id: int | None, event_id: str) -> Event:
    chat = message["chat"]
    if "migrate_to_chat_id" in message:
        return ChatMigration(
            Platform.TELEGRAM, str(int(chat["id"])), str(int(message["migrate_to_chat_id"]))
        )
    sender = message.get("from") or message.get("sender_chat")
    if sender is None:
        return Ignored("message without a sender")
    if sender.get("is_bot") or (bot_id is not None and sender.get("id") == bot_id):
        return Ignored("message from a bot")
    text = message.get("text") or message.get("caption") or ""
    if not isinstance(text, str) or not text:
        return Ignored("message without text")
    conversation = _conversation(chat)
    addressed = conversation.kind is ChatKind.DM
    command = _COMMAND.match(text)
    if command:
        target = (command.group(2) or "").lower()
        if target and target != username:
            return Ignored("command for another bot")
        text = "/" + command.group(1) + text[command.end() :]
    else:
        mention = f"@{username}"
        if mention in text.lower():
            addressed = True
            text = re.sub(re.escape(mention), "", text, flags=re.IGNORECASE).strip()
        reply_to = (message.get("reply_to_message") or {}).get("from") or {}
        if bot_id is not None and reply_to.get("id") == bot_id:
            addressed = True
    topic = message.get("message_thread_id") if message.get("is_topic_message") else None
    return Incoming(
        _actor(sender),
        conversation,
        text,
        event_id,
        display_name=_name(sender),
        addressed=addressed,
        thread=str(topic) if topic else None,
    )
