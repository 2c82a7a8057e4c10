"""The bot's own membership, end to end (RELIABILITY.md row 34): added, restricted, removed
and added back on Telegram; joined, archived and unarchived on Slack. What each chat is
sent — one welcome on joining, broadcasts while it may be posted to, none after the bot is
removed or the channel archived, and again once it is back — through the real webhook and
Events API paths and the delivery engine."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.core.caller import Caller
from bot.core.models import ChannelState, ChatKind, Platform, SubscriptionState
from bot.core.results import BroadcastRequest
from bot.standins.slack.events import BOT_USER_ID
from bot.standins.telegram.html import visible_text
from tests.harness import Harness, eventually, running, settle

GROUP, TOM = -1001700000001, 6023456789
CHANNEL = "C0MEMBERS1"
RESTRICTED = {
    "status": "restricted",
    "is_member": True,
    "until_date": 0,
    **dict.fromkeys(
        [
            "can_send_messages",
            "can_send_audios",
            "can_send_documents",
            "can_send_photos",
            "can_send_videos",
            "can_send_video_notes",
            "can_send_voice_notes",
            "can_send_polls",
            "can_send_other_messages",
            "can_add_web_page_previews",
        ],
        True,
    ),
    **dict.fromkeys(
        ["can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics"], False
    ),
}


def membership(h: Harness, old: str, new: dict[str, Any]) -> None:
    me = h.tg.me()
    h.tg.push(
        {
            "my_chat_member": {
                "chat": {"id": GROUP, "type": "supergroup", "title": "DWP Leeds reps"},
                "from": h.tg.user(TOM),
                "date": int(time.time()),
                "old_chat_member": {"user": me, "status": old},
                "new_chat_member": {"user": me, **new},
            }
        }
    )


async def state_becomes(h: Harness, platform: Platform, chat: str, state: ChannelState) -> int:
    store = h.bot.app.store
    for _ in range(250):
        found = await store.channels.find(platform, chat)
        if found is not None and found.state is state:
            return found.id
        await asyncio.sleep(0.02)
    raise AssertionError(f"{platform.value} {chat} never became {state.value}")


async def broadcast(h: Harness, text: str) -> None:
    """A broadcast to every pay subscriber, until every delivery has settled."""
    request = BroadcastRequest("pay", "all", text=text, title="Pay update")
    done = await h.bot.app.services.broadcasts.send(request, Caller.operator())
    assert h.bot.engine is not None
    await asyncio.wait_for(h.bot.engine.settle(done.broadcast.id, poll=0.02), 30)


async def subscribe(h: Harness, channel_id: int) -> None:
    await h.bot.app.store.subscriptions.add(
        channel_id, "dwp-leeds", "pay", SubscriptionState.ACTIVE
    )


async def always_subscribed(h: Harness, platform: Platform, chat: str) -> None:
    """A member's DM that stays subscribed throughout: every broadcast reaches it."""
    store = h.bot.app.store
    channel = await store.channels.upsert(platform, chat, ChatKind.DM, "a member's DM")
    await subscribe(h, channel.id)


def group_texts(h: Harness) -> list[str]:
    return [visible_text(m.text) for m in h.tg.received[str(GROUP)]]


async def test_telegram_added_restricted_removed_and_added_back(tmp_path: Any) -> None:
    async with running(tmp_path, slack=False) as h:
        await always_subscribed(h, Platform.TELEGRAM, "7100001")
        membership(h, "left", {"status": "member"})
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        channel_id = await state_becomes(h, Platform.TELEGRAM, str(GROUP), ChannelState.ACTIVE)
        await subscribe(h, channel_id)
        membership(h, "member", RESTRICTED)  # may still post: nothing changes, nothing said
        await settle()
        await broadcast(h, "First: talks resume.")
        assert await state_becomes(h, Platform.TELEGRAM, str(GROUP), ChannelState.ACTIVE)
        membership(h, "restricted", {"status": "kicked", "until_date": 0})
        await state_becomes(h, Platform.TELEGRAM, str(GROUP), ChannelState.GONE)
        await broadcast(h, "Second: while removed.")
        membership(h, "kicked", {"status": "member"})
        await state_becomes(h, Platform.TELEGRAM, str(GROUP), ChannelState.ACTIVE)
        await broadcast(h, "Third: back again.")
        await settle()
        texts = group_texts(h)
        assert [t for t in texts if "Second" in t] == []
        assert len([t for t in texts if "First" in t]) == 1
        assert len([t for t in texts if "Third" in t]) == 1
        assert sum("Hello" in t for t in texts) == 1, texts  # one welcome, on joining
        assert len(h.tg.received["7100001"]) == 3  # the DM got all three


async def archive(h: Harness, kind: str) -> None:
    envelope = h.slack.event({"type": kind, "channel": CHANNEL, "user": "U0ADMIN01"})
    assert (await h.slack.post_event(h.events_url, envelope)).status == 200


async def test_slack_joined_archived_and_unarchived(tmp_path: Any) -> None:
    async with running(tmp_path, telegram=False) as h:
        await always_subscribed(h, Platform.SLACK, "D0ALWAYS1")
        joined = h.slack.event(
            {
                "type": "member_joined_channel",
                "user": BOT_USER_ID,
                "channel": CHANNEL,
                "channel_type": "C",
                "team": "T0001",
                "inviter": "U0ADMIN01",
            }
        )
        assert (await h.slack.post_event(h.events_url, joined)).status == 200
        await eventually(lambda: bool(h.slack.received[CHANNEL]))
        channel_id = await state_becomes(h, Platform.SLACK, CHANNEL, ChannelState.ACTIVE)
        await subscribe(h, channel_id)
        await broadcast(h, "First: talks resume.")
        await archive(h, "channel_archive")
        await state_becomes(h, Platform.SLACK, CHANNEL, ChannelState.GONE)
        await broadcast(h, "Second: while archived.")
        await archive(h, "channel_unarchive")
        await state_becomes(h, Platform.SLACK, CHANNEL, ChannelState.ACTIVE)
        await broadcast(h, "Third: back again.")
        await settle()
        texts = [p.text for p in h.slack.received[CHANNEL]]
        assert [t for t in texts if "Second" in t] == []
        assert len([t for t in texts if "First" in t]) == 1
        assert len([t for t in texts if "Third" in t]) == 1
        assert sum("Hello" in t for t in texts) == 1, texts
        assert len(h.slack.received["D0ALWAYS1"]) == 3


@pytest.mark.parametrize("sql_url", ["sqlite", "postgres"], indirect=True)
async def test_names_with_control_characters_are_kept_without_them(
    tmp_path: Any, sql_url: str
) -> None:
    """A chat title or a person's name holding a NUL (PostgreSQL's text columns refuse one)
    is kept without it: the chat is recorded and welcomed, the person answered (row 20)."""
    async with running(tmp_path, slack=False, DATABASE_URL=sql_url) as h:
        me = h.tg.me()
        chat = {"id": GROUP, "type": "supergroup", "title": "DWP\x00 Leeds\x07 reps"}
        h.tg.push(
            {
                "my_chat_member": {
                    "chat": chat,
                    "from": {**h.tg.user(TOM), "first_name": "T\x00om"},
                    "date": int(time.time()),
                    "old_chat_member": {"user": me, "status": "left"},
                    "new_chat_member": {"user": me, "status": "member"},
                }
            }
        )
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        found = await h.bot.app.store.channels.find(Platform.TELEGRAM, str(GROUP))
        assert found is not None and found.title == "DWP Leeds reps"
        h.tg.message(TOM, "/whoami", first_name="T\x00om")
        await eventually(lambda: bool(h.tg.received[str(TOM)]))
