"""Replaying saved platform payloads through the running bot: where each one is about, a
clean slate before it, the state it needs first, and what the platforms received after."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml
from sqlalchemy import delete, func, select

from bot.core.models import (
    ChannelState,
    ChatKind,
    DeliveryState,
    Identity,
    InboxState,
    Platform,
    Role,
    RoleGrant,
    SubscriptionState,
)
from bot.core.ratelimit import TokenBuckets
from bot.storage import tables
from bot.storage.sql import SqlStore
from tests.harness import Harness

PAYLOADS = Path(__file__).parent / "payloads"
INDEX: list[dict[str, str]] = yaml.safe_load((PAYLOADS / "index.yaml").read_text())
OFFICER = {Platform.TELEGRAM: "7001", Platform.SLACK: "U7001"}  # of dwp-leeds
ORGANISER = {Platform.TELEGRAM: "7002", Platform.SLACK: "U7002"}  # one person, both places
STAFF_CHATS = {"7001", "7002", "U7001", "U7002"}  # their DMs: where notices go
BRANCH = "dwp-leeds"


def load(entry: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / entry["file"]).read_text())
    return data


def undecodable_by_ptb(entry: dict[str, str]) -> bool:
    return "Update.de_json raises" in entry.get("note", "")


@dataclass(frozen=True)
class Place:
    """What a payload is about: its chat (and forum topic or thread), and who acted."""

    platform: Platform
    chat_id: str | None
    user_id: str | None
    kind: ChatKind = ChatKind.GROUP
    topic: str | None = None  # a Telegram forum topic
    thread: str | None = None  # a Slack thread a reply belongs in


def telegram_place(update: dict[str, Any]) -> Place:
    body = next(v for k, v in update.items() if k != "update_id")
    message = body.get("message") if isinstance(body.get("message"), dict) else body
    chat = body.get("chat") or message.get("chat") or {}
    person = body.get("from") or {}
    kind = {"private": ChatKind.DM, "channel": ChatKind.CHANNEL}.get(chat.get("type"))
    topic = message.get("message_thread_id")
    return Place(
        Platform.TELEGRAM,
        str(chat["id"]) if "id" in chat else None,
        str(person["id"]) if "id" in person else None,
        kind or ChatKind.GROUP,
        str(topic) if isinstance(topic, int) else None,
    )


def slack_place(transport: str, body: dict[str, Any]) -> Place:
    if transport == "slash":
        channel, user = body.get("channel_id"), body.get("user_id")
        return Place(Platform.SLACK, channel, user, _slack_kind(channel))
    if transport == "interactivity":
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id"
        )
        user = (body.get("user") or {}).get("id")
        return Place(Platform.SLACK, channel, user, _slack_kind(channel))
    event = body.get("event") or {}
    channel = event.get("channel")
    channel = channel.get("id") if isinstance(channel, dict) else channel
    if event.get("type") == "channel_id_changed":
        channel = event.get("old_channel_id")
    thread = event.get("thread_ts") or event.get("ts")
    return Place(Platform.SLACK, channel, event.get("user"), _slack_kind(channel), thread=thread)


def _slack_kind(channel: object) -> ChatKind:
    text = str(channel or "")
    return ChatKind.DM if text.startswith("D") else ChatKind.GROUP if text[:1] == "G" else (
        ChatKind.CHANNEL
    )


# --- the bot's side ---------------------------------------------------------------------------


def sql(h: Harness) -> SqlStore:
    store = h.bot.app.store
    assert isinstance(store, SqlStore)
    return store


async def prepare(h: Harness) -> None:
    """Once per bot: the branch's officer and an organiser; no flood control (one person
    sends many of the payloads, faster than anyone types)."""
    store = h.bot.app.store
    for role, who in ((Role.OFFICER, OFFICER), (Role.ORGANISER, ORGANISER)):
        person = Identity(Platform.TELEGRAM, who[Platform.TELEGRAM])
        member = await store.members.get_or_create(person)
        await store.members.link(member.id, Identity(Platform.SLACK, who[Platform.SLACK]))
        branch = BRANCH if role is Role.OFFICER else None
        await store.roles.grant(RoleGrant(member.id, role, branch))
    # A seam, not a mock: the router's token buckets are its own attribute.
    h.bot.app.router._limiter = TokenBuckets(h.bot.app.clock, rate_per_s=1000.0, burst=1000)


async def reset(h: Harness) -> None:
    """A clean slate: nothing in flight, no chats, nothing queued, nothing received.
    Broadcasts stay: their ids are never used twice (the delivery workers remember them)."""
    await until(lambda: unsettled(h), within=10.0)
    async with sql(h).engine.begin() as conn:
        for table in ("deliveries", "subscriptions", "channels", "inbox"):
            await conn.execute(delete(tables.metadata.tables[table]))
    h.tg.received.clear()
    h.tg.answered_callbacks.clear()
    h.slack.received.clear()
    h.slack.responses.clear()
    h.slack.homes.clear()


async def unsettled(h: Harness) -> bool:
    d = tables.deliveries.c
    waiting = (DeliveryState.PENDING.value, DeliveryState.SENDING.value)
    held = tables.channels.c.state == ChannelState.SUSPENDED.value
    async with sql(h).engine.connect() as conn:
        held_ids = select(tables.channels.c.id).where(held)
        query = select(func.count()).where(d.state.in_(waiting), d.channel_id.not_in(held_ids))
        return not await conn.scalar(query.select_from(tables.deliveries))


async def deliveries(h: Harness) -> list[Any]:
    async with sql(h).engine.connect() as conn:
        return list(await conn.execute(select(tables.deliveries)))


async def given(
    h: Harness, place: Place, state: ChannelState = ChannelState.ACTIVE, subscribed: bool = True
) -> int:
    """The payload's chat (or topic) known to the bot, subscribed to pay for the branch."""
    assert place.chat_id is not None
    store = h.bot.app.store
    channel = await store.channels.upsert(
        place.platform, place.chat_id, place.kind, "Known chat", thread=place.topic or ""
    )
    await store.channels.set_state(channel.id, state)
    if subscribed:
        await store.subscriptions.add(channel.id, BRANCH, "pay", SubscriptionState.ACTIVE)
    return channel.id


async def handled(h: Harness, key: str, within: float = 10.0) -> None:
    """Until the bot has handled what it stored under `key` (replies are sent by then)."""

    async def done() -> bool:
        row = await h.bot.app.store.inbox.get(key)
        return row is not None and row.state is InboxState.HANDLED

    await until(done, within)


async def until(check: Callable[[], Awaitable[bool]], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


# --- posting ----------------------------------------------------------------------------------


async def post_slack(h: Harness, transport: str, body: dict[str, Any]) -> tuple[int, str]:
    if transport == "event":
        sent = await h.slack.post_event(h.events_url, body)
    elif transport == "interactivity":
        sent = await h.slack.post_action(h.events_url, body)
    else:
        sent = await h.slack.post_command(h.events_url, {k: str(v) for k, v in body.items()})
    return sent.status, sent.body


def slack_key(transport: str, body: dict[str, Any]) -> str | None:
    """The inbox key the bot stores a Slack request under (None: nothing to store)."""
    if transport == "event":
        return f"slack:{body['event_id']}" if body.get("type") == "event_callback" else None
    if transport == "slash" and "command" not in body:
        return None
    trigger = body.get("trigger_id")
    return f"slack:trigger:{trigger}" if trigger else None


def form(body: dict[str, Any]) -> str:
    return urlencode({k: str(v) for k, v in body.items()})
