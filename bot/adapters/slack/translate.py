"""Slack payloads (slash commands, Events API, interactivity) → neutral events. Pure."""

from __future__ import annotations

import re
from typing import Any

from bot.core.events import Conversation, Event, Ignored, Incoming
from bot.core.models import ChatKind, Identity, Platform

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
# Message subtypes that are people typing; everything else (edits, joins, bots) is ignored.
_PEOPLE_SUBTYPES = {None, "thread_broadcast", "file_share"}


def _kind(channel_id: str, channel_type: str | None = None) -> ChatKind:
    if channel_type == "im" or channel_id.startswith("D"):
        return ChatKind.DM
    if channel_type == "mpim" or channel_id.startswith("G"):
        return ChatKind.GROUP
    return ChatKind.CHANNEL


def unescape(text: str) -> str:
    """Slack escapes &, < and > in what people type; turn them back before parsing."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def from_slash_command(body: dict[str, Any], command_name: str) -> Event:
    try:
        if body.get("command") != command_name:
            return Ignored(f"slash command {body.get('command')!r} is not ours")
        channel = str(body["channel_id"])
        kind = ChatKind.DM if body.get("channel_name") == "directmessage" else _kind(channel)
        words = unescape(str(body.get("text") or "")).strip()
        text = "/" + words.lstrip("/") if words else "/help"
        return Incoming(
            Identity(Platform.SLACK, str(body["user_id"])),
            Conversation(Platform.SLACK, channel, kind, body.get("channel_name")),
            text,
            event_id=None,
            display_name=body.get("user_name"),
            addressed=True,
        )
    except (KeyError, TypeError, AttributeError) as error:
        return Ignored(f"malformed slash command: {type(error).__name__}")


def from_event(body: dict[str, Any], bot_user_id: str | None = None) -> Event:
    """An Events API envelope (`event_callback`) → an Incoming, or why it was ignored."""
    try:
        event = body["event"]
        event_id = f"slack:{body['event_id']}" if body.get("event_id") else None
        if event.get("bot_id") or event.get("subtype") not in _PEOPLE_SUBTYPES:
            return Ignored(f"event subtype {event.get('subtype') or 'bot message'} not handled")
        user = event.get("user")
        if not user or user == bot_user_id:
            return Ignored("event without a person, or the bot's own")
        channel = str(event["channel"])
        kind = _kind(channel, event.get("channel_type"))
        raw = unescape(str(event.get("text") or ""))
        if event.get("type") == "app_mention":
            addressed = True
        elif event.get("type") == "message" and kind is ChatKind.DM:
            addressed = True
        else:
            return Ignored(f"event {event.get('type')} in a {kind.value} is not for the bot")
        text = _MENTION.sub("", raw).strip()
        # Answer in the thread it came from; a mention in a channel starts one under itself.
        thread = event.get("thread_ts") or (event.get("ts") if kind is not ChatKind.DM else None)
        return Incoming(
            Identity(Platform.SLACK, str(user)),
            Conversation(Platform.SLACK, channel, kind),
            text,
            event_id=event_id,
            addressed=addressed,
            thread=str(thread) if thread else None,
        )
    except (KeyError, TypeError, AttributeError) as error:
        return Ignored(f"malformed event: {type(error).__name__}")


def translate(kind: str, body: dict[str, Any], command: str, bot_user_id: str | None) -> Event:
    """A stored request (see intake.Arrival.kind) → one neutral event."""
    if kind == "slash":
        return from_slash_command(body, command)
    if kind == "event":
        return from_event(body, bot_user_id)
    if kind == "interactivity" and body.get("type") == "block_actions":
        return from_block_action(body)
    return Ignored(f"{kind} {str(body.get('type'))[:40]} not handled")


def from_block_action(body: dict[str, Any]) -> Event:
    try:
        action = body["actions"][0]
        value = action.get("value") or action.get("selected_option", {}).get("value")
        channel = (body.get("channel") or {}).get("id") or body["container"]["channel_id"]
        return Incoming(
            Identity(Platform.SLACK, str(body["user"]["id"])),
            Conversation(Platform.SLACK, str(channel), _kind(str(channel))),
            "",
            event_id=None,
            callback=str(value or ""),
            addressed=True,
        )
    except (KeyError, TypeError, IndexError, AttributeError) as error:
        return Ignored(f"malformed block action: {type(error).__name__}")
