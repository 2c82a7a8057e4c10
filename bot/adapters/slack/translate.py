"""Slack payloads (slash commands, Events API, interactivity) → neutral events. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core import buttons
from bot.core.events import (
    AppRemoved,
    Change,
    ChatMembership,
    ChatMigration,
    Conversation,
    Event,
    HomeOpened,
    Ignored,
    Incoming,
)
from bot.core.models import ChatKind, Identity, Platform
from bot.core.parse import label

_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
# Message subtypes that are people typing; everything else (edits, joins, bots) is ignored.
_PEOPLE_SUBTYPES = {None, "thread_broadcast", "file_share"}
_OUR_ACTION = re.compile(r"^(?:ucb1|cb)-\d+$")  # cb-N: our buttons before versioning
_LOST = {
    "member_left_channel": "removed",
    "channel_left": "removed",
    "group_left": "removed",
    "channel_archive": "archived",
    "group_archive": "archived",
    "channel_deleted": "deleted",
    "group_deleted": "deleted",
}
_BACK = ("channel_unarchive", "group_unarchive")
_RENAMED = ("channel_rename", "group_rename")
_WORKSPACE = ("app_uninstalled", "tokens_revoked", "team_access_revoked")
# The bot events the app subscribes to (slack/manifest.yml), each with a meaning here.
# message.im is a `message` in a DM; team_access_revoked is sent to org-wide apps only.
EVENTS = frozenset(
    {
        "app_mention",
        "message.im",
        "member_joined_channel",
        "channel_id_changed",
        "app_home_opened",
        *_LOST,
        *_BACK,
        *_RENAMED,
        *_WORKSPACE,
    }
    - {"team_access_revoked"}
)


@dataclass(frozen=True)
class Me:
    """The bot in its workspace, as auth.test named it."""

    user_id: str | None = None
    team_id: str | None = None


def _kind(channel_id: str, channel_type: object = None) -> ChatKind:
    if channel_type in ("im", "D") or channel_id.startswith("D"):
        return ChatKind.DM
    if channel_type in ("mpim", "group", "G") or channel_id.startswith("G"):
        return ChatKind.GROUP
    return ChatKind.CHANNEL


def _channel(channel_id: object, channel_type: object = None, title: object = None) -> Conversation:
    if not isinstance(channel_id, str) or not channel_id:
        raise ValueError("no channel id")
    return Conversation(Platform.SLACK, channel_id, _kind(channel_id, channel_type), label(title))


def unescape(text: str) -> str:
    """Slack escapes &, < and > in what people type; turn them back before parsing."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def translate(kind: str, body: dict[str, Any], command: str, me: Me) -> Event:
    """A stored request (see intake.Arrival.kind) → one neutral event. Never raises."""
    try:
        if kind == "slash":
            return from_slash_command(body, command)
        if kind == "event":
            return from_event(body, me)
        if kind == "interactivity":
            return from_interaction(body)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        return Ignored(f"malformed {kind}: {type(error).__name__}", malformed=True)
    return Ignored(f"{kind} not handled")


def from_slash_command(body: dict[str, Any], command_name: str) -> Event:
    if body.get("command") != command_name:
        return Ignored("another app's slash command")
    channel = str(body["channel_id"])
    kind = ChatKind.DM if body.get("channel_name") == "directmessage" else _kind(channel)
    words = unescape(str(body.get("text") or "")).strip()
    text = "/" + words.lstrip("/") if words else "/help"
    name = body.get("user_name")
    return Incoming(
        Identity(Platform.SLACK, str(body["user_id"])),
        Conversation(Platform.SLACK, channel, kind, label(body.get("channel_name"))),
        text,
        display_name=label(name),
        addressed=True,
    )


def from_event(body: dict[str, Any], me: Me) -> Event:
    """An Events API envelope (`event_callback`) → what it means for the bot."""
    event = body["event"]
    kind = event.get("type")
    if kind in ("message", "app_mention"):
        return _message(body, event, me)
    if kind in ("member_joined_channel", "member_left_channel"):
        if event.get("user") != me.user_id:
            return Ignored("another person joined or left a channel")
    if kind == "member_joined_channel":
        where = _channel(event["channel"], event.get("channel_type"))
        by = event.get("inviter")
        return ChatMembership(where, Change.JOINED, _person(by))
    if kind in _LOST:
        where = _channel(event["channel"], event.get("channel_type"))
        return ChatMembership(where, Change.LEFT, _person(event.get("actor_id")), _LOST[kind])
    return _channel_event(body, event, me)


def _channel_event(body: dict[str, Any], event: dict[str, Any], me: Me) -> Event:
    kind = event.get("type")
    if kind in _BACK:
        where, by = _channel(event["channel"]), _person(event.get("user"))
        return ChatMembership(where, Change.PRESENT, by)
    if kind in _RENAMED:
        room = event["channel"]
        return ChatMembership(_channel(room["id"], None, room.get("name")), Change.RENAMED)
    if kind == "channel_id_changed":
        old, new = event["old_channel_id"], event["new_channel_id"]
        return ChatMigration(Platform.SLACK, str(old), str(new))
    if kind in _WORKSPACE:
        return _app_removed(body, event, me)
    if kind == "app_home_opened":
        if event.get("tab") != "home":
            return Ignored("the Messages tab opened")
        return HomeOpened(Identity(Platform.SLACK, str(event["user"])), _channel(event["channel"]))
    return Ignored(f"event {str(kind)[:40]} not handled")


def _app_removed(body: dict[str, Any], event: dict[str, Any], me: Me) -> Event:
    team = body.get("team_id")
    if isinstance(team, str) and me.team_id and team != me.team_id:
        return Ignored("another workspace's app")
    if event["type"] == "app_uninstalled":
        return AppRemoved(Platform.SLACK, "the app was uninstalled")
    if event["type"] == "team_access_revoked":
        if me.team_id not in (event.get("team_ids") or []):
            return Ignored("an org app's access revoked for another workspace")
        return AppRemoved(Platform.SLACK, "the org app's access to this workspace was revoked")
    revoked = (event.get("tokens") or {}).get("bot") or []
    if me.user_id not in revoked:
        return Ignored("people's tokens revoked, not the bot's")
    return AppRemoved(Platform.SLACK, "the bot's token was revoked")


def _unmention(text: str, bot: str | None) -> str:
    """The bot's own mention goes; anyone else's reads "@someone", so "what did <@U1> mean"
    keeps its sense without the bot keeping another person's id (all go while the bot's
    own id is not known). Before unescaping: a "<@U1>" a person typed out arrives as
    "&lt;@U1&gt;" and stays as typed."""
    return _MENTION.sub(lambda m: "" if bot in (None, m[1]) else "@someone", text)


def _message(body: dict[str, Any], event: dict[str, Any], me: Me) -> Event:
    if event.get("bot_id") or event.get("subtype") not in _PEOPLE_SUBTYPES:
        return Ignored(f"event subtype {str(event.get('subtype'))[:40]} not handled")
    user = event.get("user")
    if not isinstance(user, str) or user in (me.user_id, "USLACKBOT"):
        return Ignored("an event without a person, the bot's own or Slackbot's")
    where = _channel(event["channel"], event.get("channel_type"))
    if event.get("type") != "app_mention" and where.kind is not ChatKind.DM:
        return Ignored(f"a message in a {where.kind.value} not for the bot")
    text = unescape(_unmention(str(event.get("text") or ""), me.user_id)).strip()
    # Answer in the thread it came from; a mention in a channel starts one under itself.
    thread = event.get("thread_ts") or (event.get("ts") if where.kind is not ChatKind.DM else None)
    event_id = body.get("event_id")
    return Incoming(
        Identity(Platform.SLACK, user),
        where,
        text,
        event_id=f"slack:{event_id}" if isinstance(event_id, str) else None,
        addressed=True,
        thread=str(thread) if isinstance(thread, str) else None,
    )


def from_interaction(body: dict[str, Any]) -> Event:
    """Our own buttons (block_actions) only; legacy attachments, modals and shortcuts are not
    ours to answer."""
    if body.get("type") != "block_actions":
        return Ignored(f"interaction {str(body.get('type'))[:40]} not ours")
    action = body["actions"][0]
    value = action.get("value") or (action.get("selected_option") or {}).get("value")
    command = buttons.decode(value) if _OUR_ACTION.match(str(action.get("action_id"))) else None
    if command is None:
        return Ignored("a button that is not ours")
    channel = (body.get("channel") or {}).get("id") or body["container"]["channel_id"]
    return Incoming(
        Identity(Platform.SLACK, str(body["user"]["id"])),
        _channel(channel),
        "",
        callback=command,
        addressed=True,
    )


def _person(user: object) -> Identity | None:
    return Identity(Platform.SLACK, user) if isinstance(user, str) and user else None
