"""Every payload in tests/payloads, replayed through the bot's real entry points: the
Telegram webhook (with its secret) and long polling from the stand-in; Slack's
/slack/events, signed (events as JSON, interactions and slash commands form-encoded).

For each kind the table below says what the bot must do — the reply and where it goes, the
channel's state afterwards, or that it is ignored (nothing sent, nothing queued) — and the
test checks exactly that. A kind missing from the table fails the test: a new payload needs
a decision. After each payload python-telegram-bot 22.8 cannot decode, a /help in a DM must
still be answered: ingestion goes on.
"""

from __future__ import annotations

import enum
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.models import Broadcast, BroadcastState, ChannelState, ChatKind, Platform
from bot.storage import tables
from tests.harness import Harness, running
from tests.replay_kit import (
    INDEX,
    ORGANISER,
    STAFF_CHATS,
    Place,
    deliveries,
    given,
    handled,
    load,
    post_slack,
    prepare,
    reset,
    slack_key,
    slack_place,
    sql,
    telegram_place,
    undecodable_by_ptb,
    until,
)


class Effect(enum.Enum):
    IGNORED = "nothing sent, nothing queued (a button press is answered, empty)"
    DM = "a reply in the person's own DM"
    CHAT = "a reply in the chat itself, in no topic or thread"
    TOPIC = "a reply in the forum topic it came from"
    THREAD = "a reply in the Slack thread it came from (a mention starts one)"
    EPHEMERAL = "a reply only the person sees (Slack)"
    PRIVATELY = "'check your DMs' in the chat, the answer in the person's DM"
    WELCOME = "the channel active, one welcome in it"
    STILL_ACTIVE = "a known channel stays active; nothing said"
    BACK = "a lost channel active again; no second welcome"
    GONE = "a known channel gone; its branch's officer told, once; nothing said in it"
    BLOCKED = "the person's DM marked blocked; nothing said"
    UNBLOCKED = "the DM active again; a DM's hello, not a group's welcome"
    RENAMED = "the channel's title is the new one; nothing said"
    MIGRATED = "the channel's subscriptions follow its new id; nothing said"
    SUSPENDED = "the workspace's channels suspended, queued messages held, organisers told"
    HOME = "the person's App Home tab published with the help"
    CHALLENGE = "Slack's challenge echoed"
    OPTIONS = "an empty options list"


@dataclass(frozen=True)
class Expect:
    effect: Effect
    says: str = ""  # a piece of the reply


NOTHING, DM, CHAT = Expect(Effect.IGNORED), Effect.DM, Effect.CHAT
HELP = "commands"  # what every help text says

EXPECT: dict[str, Expect] = {
    # Telegram: people talking to the bot
    "message.private.text": Expect(DM),
    "message.private.command_start": Expect(DM, HELP),
    # t.me/BOT?start=CODE: an invite code to join with; this one is not a real invite
    "message.private.command_start_deeplink": Expect(DM, "That code isn't right"),
    "message.private.reply_to_bot": Expect(DM),
    "message.private.reply": Expect(DM, HELP),
    "message.private.entities": Expect(DM),
    "message.private.photo_caption": Expect(DM),
    "message.private.paid_media": Expect(DM),  # its caption answered, as a photo's is
    "message.private.reply_markup_echo": Expect(DM),
    "message.private.long_text": Expect(DM),
    "message.private.long_text_entities": Expect(DM, "don't know the command /feedback"),
    "message.supergroup.mention": Expect(CHAT, "Source"),
    "message.supergroup.command_with_botname": Expect(Effect.PRIVATELY, "telegram:"),
    "message.supergroup.command_no_botname": Expect(CHAT, HELP),
    "message.group.command_for_us": Expect(CHAT, "only for members"),
    "message.group.photo_caption_command": Expect(CHAT, "only for organisers"),
    "message.supergroup.anonymous_admin_command": Expect(CHAT, "anonymously"),
    "channel_post.signed_command": Expect(CHAT, "anonymously"),
    "edited_message.private.command": Expect(DM),  # its original never came: it runs once
    "edited_message.supergroup.command": Expect(CHAT, "only for members"),
    "callback_query.private.ours": Expect(DM, "only for members"),
    "callback_query.group.ours": Expect(CHAT, "only for members"),
    "callback_query.inaccessible_message": Expect(CHAT, "only for members"),
    "callback_query.inline_message.ours": Expect(DM, "only for members"),
    "message.forum.topic_command": Expect(Effect.TOPIC, HELP),
    "message.forum.general_topic_text": Expect(CHAT, HELP),
    # Telegram: what is not for the bot
    "message.supergroup.text": NOTHING,
    "message.supergroup.reply_thread_command": NOTHING,  # /report: not ours, not addressed to us
    "message.group.command_other_bot": NOTHING,
    "message.supergroup.via_other_bot": NOTHING,
    "message.private.via_bot": NOTHING,
    "message.private.forwarded_user": NOTHING,
    "message.private.forwarded_channel_malformed": NOTHING,
    "message.supergroup.anonymous_admin_forward": NOTHING,
    "message.supergroup.automatic_forward": NOTHING,
    "message.forum.topic_message": NOTHING,
    "edited_message.private.text": NOTHING,
    "edited_message.private.text_link_preview": NOTHING,
    "edited_channel_post.text": NOTHING,
    "channel_post.text": NOTHING,
    "callback_query.private.foreign_data": NOTHING,
    "callback_query.inline_message.docs": NOTHING,
    "callback_query.game_short_name": NOTHING,
    "callback_query.group.other_bot_message": NOTHING,
    **dict.fromkeys(
        [
            "message.supergroup.story",
            "message.private.photo",
            "message.private.sticker",
            "message.supergroup.sticker_video",
            "message.private.document",
            "message.private.document_pdf",
            "message.private.voice",
            "message.private.audio",
            "message.private.video",
            "message.private.media_group_video",
            "message.private.location",
            "message.private.venue_no_from",
            "message.private.contact",
            "message.supergroup.dice",
            "message.private.dice",
            "message.private.poll_quiz",
            "message.supergroup.poll",
            "message.private.empty",
            "message.private.chat_shared",
            "message.supergroup.new_chat_members.user",
            "message.group.left_chat_member.user",
            "message.supergroup.new_chat_photo",
            "message.supergroup.delete_chat_photo",
            "message.supergroup.migrate_from_chat_id",
            "message.supergroup.pinned_message",
            "message.supergroup.pinned_bot_message",
            "message.private.message_auto_delete_timer_changed",
            "message.supergroup.message_auto_delete_timer_changed",
            "message.private.write_access_allowed",
            "message.private.write_access_allowed_empty",
            "message.supergroup.video_chat_started",
            "message.supergroup.video_chat_ended",
            "message.supergroup.video_chat_scheduled",
            "message.supergroup.video_chat_participants_invited",
            "message.supergroup.voice_chat_started_legacy",
            "message.forum.topic_created",
            "message.forum.topic_closed",  # as captured it does not say which topic
            "message.forum.general_forum_topic_hidden",
            "message.forum.general_forum_topic_unhidden",
            "message.private.successful_payment",
            "poll.closed",
            "poll_answer.user",
            "poll_answer.retracted",
            "poll_answer.voter_chat",
            "chat_member.supergroup.user_joined",
            "chat_member.supergroup.user_left",
            "chat_member.supergroup.user_joined_by_request",
            "chat_member.supergroup.user_banned",
            "chat_join_request.supergroup",
            "chat_join_request.channel",
            "inline_query.docs",
            "inline_query.private",
            "chosen_inline_result.docs",
            "message_reaction.user",
            "message_reaction.actor_chat",
            "message_reaction.custom_emoji",
            "message_reaction_count.channel",
            "business_connection.enabled",
            "business_connection.enabled_72",
            "business_connection.disabled",
            "business_message.private",
            "business_message.from_owner",
            "edited_business_message.private",
            "deleted_business_messages.private",
            "chat_boost.premium",
            "removed_chat_boost.premium",
            "chat_boost.giveaway",
            "shipping_query.private",
            "pre_checkout_query.private",
            "pre_checkout_query.stars",
            "purchased_paid_media.private",
            # Bot API 7.x-9.x wrappers: no text from a member, or not a chat the bot is in
            "message.private.checklist",
            "message.supergroup.checklist_tasks_done",
            "message.supergroup.checklist_tasks_added",
            "channel_post.giveaway",
            "channel_post.giveaway_created",
            "channel_post.giveaway_completed",
            "message.supergroup.giveaway_winners",
            "message.private.gift",
            "message.supergroup.paid_message_price_changed",
            "message.direct_messages.text",  # a channel's DM inbox: a reply needs its topic
            "message.direct_messages.command",
        ],
        NOTHING,
    ),
    # Telegram: the bot's own place in chats
    "my_chat_member.group.left_to_member": Expect(Effect.WELCOME),
    "my_chat_member.supergroup.left_to_member": Expect(Effect.WELCOME),
    "my_chat_member.supergroup.left_to_member_after_migration": Expect(Effect.WELCOME),
    "my_chat_member.supergroup.via_invite_link": Expect(Effect.WELCOME),
    "my_chat_member.channel.left_to_administrator": Expect(Effect.WELCOME),
    "message.group.new_chat_members.bot": Expect(Effect.WELCOME),
    "message.supergroup.new_chat_members.several": Expect(Effect.WELCOME),
    "message.group.group_chat_created": Expect(Effect.WELCOME),
    "message.supergroup.supergroup_chat_created": Expect(Effect.WELCOME),
    "channel_post.channel_chat_created": Expect(Effect.WELCOME),
    **dict.fromkeys(
        [
            "my_chat_member.supergroup.member_to_restricted",
            "my_chat_member.supergroup.member_to_restricted_pre65",
            "my_chat_member.supergroup.member_to_restricted_minimal",
            "my_chat_member.supergroup.restricted_rights_changed",
            "my_chat_member.supergroup.restricted_to_administrator",
            "my_chat_member.supergroup.member_to_administrator",
            "my_chat_member.supergroup.administrator_rights_changed",
            "my_chat_member.supergroup.administrator_made_anonymous",
            "my_chat_member.supergroup.administrator_to_member",
        ],
        Expect(Effect.STILL_ACTIVE),
    ),
    "my_chat_member.supergroup.member_to_kicked": Expect(Effect.GONE, "removed"),
    "my_chat_member.supergroup.administrator_to_kicked": Expect(Effect.GONE, "removed"),
    "my_chat_member.supergroup.member_to_left": Expect(Effect.GONE, "left"),
    "my_chat_member.supergroup.restricted_not_member": Expect(Effect.GONE, "restricted"),
    "message.supergroup.left_chat_member.bot": Expect(Effect.GONE, "removed"),
    "my_chat_member.private.blocked": Expect(Effect.BLOCKED),
    "my_chat_member.private.unblocked": Expect(Effect.UNBLOCKED, "Welcome back"),
    "message.group.new_chat_title": Expect(Effect.RENAMED, "Reps Test Group (renamed)"),
    "message.forum.topic_edited": Expect(Effect.RENAMED, "Pay ballot 2023"),
    "message.forum.topic_reopened": Expect(Effect.BACK),
    "message.group.migrate_to_chat_id": Expect(Effect.MIGRATED),
    # Slack: people talking to the bot
    "event.app_mention.channel": Expect(Effect.THREAD),
    "event.app_mention.thread": Expect(Effect.THREAD),
    "event.app_mention.org_install": Expect(Effect.THREAD),
    "event.app_mention.shared_install": Expect(Effect.THREAD),
    "event.message.im": Expect(DM),
    "event.message.im.thread": Expect(Effect.THREAD),
    "event.message.im.file_share": Expect(DM),
    "event.message.im.file_share_restricted": Expect(DM),
    "event.message.im.assistant_thread": Expect(Effect.THREAD),
    "block_actions.button.ours": Expect(DM, "only for members"),
    "block_actions.button.ours_channel": Expect(Effect.EPHEMERAL, "only for members"),
    "slash.ours.help": Expect(Effect.EPHEMERAL, "/campaign whoami"),
    "slash.ours.subscribe": Expect(Effect.EPHEMERAL),
    "slash.ours.private_channel": Expect(Effect.EPHEMERAL),
    "slash.ours.enterprise_install": Expect(Effect.EPHEMERAL),
    "slash.ours.empty_text": Expect(DM, HELP),
    "event.app_home_opened.home": Expect(Effect.HOME, HELP),
    "event.app_home_opened.home_with_view": Expect(Effect.HOME, HELP),
    "url_verification": Expect(Effect.CHALLENGE),
    "block_suggestion": Expect(Effect.OPTIONS),
    # Slack: what is not for the bot
    **dict.fromkeys(
        [
            "event.message.im.bot_message",
            "event.assistant_thread_started",  # the bot is no assistant app
            "event.assistant_thread_context_changed",
            "event.message.im.message_changed.assistant_app_thread",
            "event.message.im.message_changed",
            "event.message.channels.message_changed",
            "event.message.im.message_deleted",
            "event.message.channels.message_deleted",
            "event.message.im.from_self",
            "event.message.im.response_url_reply",
            "event.message.channels.other_app_bot",
            "event.message.channels.bot_message_reacji",
            "event.message.im.slackbot",
            "event.message.channels.plain",
            "event.message.channels.link",
            "event.message.channels.channel_join.bot",
            "event.message.channels.channel_join.user",
            "event.message.channels.channel_topic",
            "event.message.channels.thread_broadcast",
            "event.message.groups.file_share",
            "event.message.channels.org_install",
            "event.message.channels.ext_shared",
            "event.member_joined_channel.user",
            "event.member_joined_channel.grid_user",
            "event.member_left_channel.user",
            "event.member_left_channel.grid_inconsistent",
            "event.channel_shared",
            "event.channel_unshared",
            "event.team_access_granted",
            "event.team_access_revoked",  # another workspace's access
            "event.app_home_opened.messages",
            "event.app_home_opened.messages_org",
            "event.reaction_added",
            "event.reaction_added.on_bot_message",
            "event.reaction_added.file",
            "event.team_join",
            "event.user_change",
            "event.user_change.deactivated",
            "event.link_shared",
            "event.link_shared.composer",
            "app_rate_limited",
            "slash.ssl_check",
            "slash.other_app.giphy",
            "slash.other_app.hello_world",
            "block_actions.button.foreign",
            "block_actions.static_select.message",
            "block_actions.overflow.message",
            "block_actions.datepicker.modal",
            "block_actions.button.app_home",
            "interactive_message.select",
            "interactive_message.button",
            "message_action",
            "shortcut",
            "view_submission",
            "view_submission.response_urls",
            "view_closed",
            "dialog_submission",
        ],
        NOTHING,
    ),
    # Slack: the bot's own place in channels, and in the workspace
    "event.member_joined_channel.bot": Expect(Effect.WELCOME, "/campaign subscribe"),
    "event.member_joined_channel.bot_private": Expect(Effect.WELCOME, "/campaign subscribe"),
    "event.member_left_channel.bot": Expect(Effect.GONE, "removed"),
    "event.channel_left": Expect(Effect.GONE, "removed"),
    "event.group_left": Expect(Effect.GONE, "removed"),
    "event.channel_archive": Expect(Effect.GONE, "archived"),
    "event.group_archive": Expect(Effect.GONE, "archived"),
    "event.channel_deleted": Expect(Effect.GONE, "deleted"),
    "event.channel_unarchive": Expect(Effect.BACK),
    "event.group_unarchive": Expect(Effect.BACK),
    "event.channel_rename": Expect(Effect.RENAMED, "pay-ballot-2023"),
    "event.group_rename": Expect(Effect.RENAMED),
    "event.channel_id_changed": Expect(Effect.MIGRATED),
    "event.app_uninstalled": Expect(Effect.SUSPENDED),
    "event.app_uninstalled.org": Expect(Effect.SUSPENDED),
    "event.tokens_revoked": Expect(Effect.SUSPENDED),
    "event.tokens_revoked.org": Expect(Effect.SUSPENDED),
}


def test_every_payload_kind_has_a_decision() -> None:
    kinds = {entry["kind"] for entry in INDEX}
    assert sorted(kinds - set(EXPECT)) == []  # a new payload kind needs a decision here
    assert sorted(set(EXPECT) - kinds) == []  # and the table holds nothing stale
    assert len(INDEX) == len({e["file"] for e in INDEX}) >= 240


TELEGRAM = [e for e in INDEX if e["platform"] == "telegram"]
SLACK = [e for e in INDEX if e["platform"] == "slack"]
KEY = {"MEMBER_KEY": "replay-member-key-" + "0" * 32}  # as `make run` writes into .env
WEBHOOK = {
    "TELEGRAM_WEBHOOK_URL": "http://127.0.0.1:1/telegram/webhook",
    "TELEGRAM_WEBHOOK_SECRET": "replay-secret",
    **KEY,
}


async def test_every_telegram_update_through_the_webhook(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(tmp_path, **WEBHOOK) as h:
        h.tg.webhook_url = h.webhook_url
        await prepare(h)
        for entry in TELEGRAM:
            update = load(entry)

            async def send(update: dict[str, Any] = update) -> None:
                assert await h.tg.post_webhook(update) == 200

            await replay_telegram(h, entry, update, send)
    assert_no_error_lines(caplog)


async def test_every_telegram_update_through_long_polling(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(tmp_path, **KEY) as h:
        await prepare(h)
        for number, entry in enumerate(TELEGRAM):
            # Numbered in order, as Telegram numbers what it queues for a poller.
            update = {**load(entry), "update_id": 990_000_000 + 2 * number}

            async def send(update: dict[str, Any] = update) -> None:
                h.tg.push(update)

            await replay_telegram(h, entry, update, send)
    assert_no_error_lines(caplog)


async def replay_telegram(
    h: Harness, entry: dict[str, str], update: dict[str, Any], send: Any
) -> None:
    expect = EXPECT[entry["kind"]]
    place = telegram_place(update)
    step = "reset"
    try:
        await reset(h)
        await arrange(h, expect, place)
        step = "handled"
        await send()
        await handled(h, f"telegram:{update['update_id']}")
        step = "check"
        await check(h, expect, place, callback="callback_query" in update)
        if undecodable_by_ptb(entry):
            await still_answers_telegram(h, update["update_id"] + 1)
    except AssertionError as error:
        raise AssertionError(f"{entry['file']} ({step}): {expect.effect.value}: {error}") from None


async def still_answers_telegram(h: Harness, update_id: int) -> None:
    """The next command after an update PTB cannot decode is answered."""
    await reset(h)
    probe = {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 0,
            "from": h.tg.user(4242),
            "chat": {"id": 4242, "type": "private"},
            "text": "/help",
        },
    }
    if h.tg.webhook_url:
        assert await h.tg.post_webhook(probe) == 200
    else:
        h.tg.push(probe)
    await handled(h, f"telegram:{update_id}")
    assert HELP in " ".join(h.tg.texts(4242))


async def test_every_slack_request_through_the_events_endpoint(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with running(tmp_path) as h:
        await prepare(h)
        for entry in SLACK:
            body, transport = load(entry), entry["transport"]
            expect = EXPECT[entry["kind"]]
            place = slack_place(transport, body)
            try:
                await replay_slack(h, expect, place, transport, body, caplog)
            except AssertionError as error:
                raise AssertionError(f"{entry['file']}: {expect.effect.value}: {error}") from None
    assert_no_error_lines(caplog)


async def replay_slack(
    h: Harness,
    expect: Expect,
    place: Place,
    transport: str,
    body: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    await reset(h)
    await arrange(h, expect, place)
    caplog.clear()
    status, answer = await post_slack(h, transport, body)
    assert status == 200
    key = slack_key(transport, body)
    if key is not None:
        await handled(h, key)
    await check(h, expect, place, answer=answer, body=body, caplog=caplog)


# --- before: the state a payload needs -----------------------------------------------------


async def arrange(h: Harness, expect: Expect, place: Place) -> None:
    effect = expect.effect
    if effect in (Effect.GONE, Effect.STILL_ACTIVE, Effect.RENAMED, Effect.MIGRATED):
        await given(h, place)
    elif effect is Effect.BACK:
        await given(h, place, ChannelState.GONE)
    elif effect is Effect.UNBLOCKED:
        await given(h, place, ChannelState.BLOCKED, subscribed=False)
    elif effect is Effect.SUSPENDED:
        await held_broadcast(h)


async def held_broadcast(h: Harness) -> None:
    """A Slack channel subscribed to pay, and a broadcast queued for it: the send waits."""
    slack_room = Place(Platform.SLACK, "C0HELD0001", None, ChatKind.CHANNEL)
    channel = await given(h, slack_room)
    store = h.bot.app.store
    made = await store.broadcasts.create(
        Broadcast(
            0,
            "Held",
            "while the app is away",
            "pay",
            state=BroadcastState.DRAFT,
            created_at=h.bot.app.clock.now(),
        )
    )
    h.slack.revoked = True  # as Slack answers once the app is gone
    await store.broadcasts.enqueue(made.id, [channel])


# --- after: what the platforms received, and the store ---------------------------------------


def sent(h: Harness) -> dict[str, list[str]]:
    """Messages per chat on both platforms, the staff's own DMs aside."""
    found: dict[str, list[str]] = {}
    for chat in list(h.tg.received):
        if h.tg.received[chat] and chat not in STAFF_CHATS:
            found[chat] = h.tg.texts(chat)
    for channel, posts in list(h.slack.received.items()):
        if posts and channel not in STAFF_CHATS:
            found[channel] = [p.text for p in posts]
    return found


async def check(
    h: Harness,
    expect: Expect,
    place: Place,
    *,
    callback: bool = False,
    answer: str = "",
    body: dict[str, Any] | None = None,
    caplog: pytest.LogCaptureFixture | None = None,
) -> None:
    effect = expect.effect
    if callback:  # every press is answered at once, empty: ours or not
        assert [list(a) for a in h.tg.answered_callbacks] == [["callback_query_id"]]
    if effect is Effect.IGNORED:
        assert sent(h) == {} and h.slack.responses == [] and h.slack.homes == {}
        assert await deliveries(h) == []
    elif effect in REPLIES:
        await REPLIES[effect](h, expect, place)
    elif effect in STATES:
        await STATES[effect](h, expect, place)
    elif effect is Effect.CHALLENGE:
        assert json.loads(answer) == {"challenge": (body or {})["challenge"]}
    elif effect is Effect.OPTIONS:
        assert json.loads(answer) == {"options": []}
    else:
        await suspended(h, caplog)


def _where(h: Harness, place: Place) -> list[Any]:
    if place.platform is Platform.TELEGRAM:
        return list(h.tg.received.get(str(place.chat_id), []))
    return list(h.slack.received.get(str(place.chat_id), []))


def _text(message: Any) -> str:
    return str(getattr(message, "text", ""))


async def reply_dm(h: Harness, expect: Expect, place: Place) -> None:
    dm = place.chat_id if place.kind is ChatKind.DM else place.user_id
    mine = h.tg.texts(str(dm)) if place.platform is Platform.TELEGRAM else [
        p.text for p in h.slack.received.get(str(dm), [])
    ]
    assert mine and expect.says in " ".join(mine), sent(h)
    assert set(sent(h)) == {str(dm)}


async def reply_chat(h: Harness, expect: Expect, place: Place) -> None:
    here = _where(h, place)
    assert here and expect.says in " ".join(_text(m) for m in here), sent(h)
    assert set(sent(h)) == {str(place.chat_id)}
    assert all(getattr(m, "thread", None) is None for m in here)  # not in a topic


async def reply_topic(h: Harness, expect: Expect, place: Place) -> None:
    here = _where(h, place)
    assert here and expect.says in " ".join(_text(m) for m in here)
    assert {m.thread for m in here} == {int(str(place.topic))}


async def reply_thread(h: Harness, expect: Expect, place: Place) -> None:
    here = _where(h, place)
    assert here and {p.thread_ts for p in here} == {place.thread}, sent(h)
    assert set(sent(h)) == {str(place.chat_id)}


async def reply_ephemeral(h: Harness, expect: Expect, place: Place) -> None:
    here = [p for p in _where(h, place) if p.ephemeral_user == place.user_id]
    texts = [p.text for p in here] + [str(r.get("text")) for r in h.slack.responses]
    assert texts and expect.says in " ".join(texts)
    assert all(p.ephemeral_user == place.user_id for p in _where(h, place))


async def reply_privately(h: Harness, expect: Expect, place: Place) -> None:
    assert "check your DMs" in " ".join(_text(m) for m in _where(h, place))
    assert expect.says in " ".join(h.tg.texts(str(place.user_id)))


async def home(h: Harness, expect: Expect, place: Place) -> None:
    view = h.slack.homes[str(place.user_id)]
    assert view["type"] == "home" and expect.says in json.dumps(view)
    assert sent(h) == {}


REPLIES = {
    Effect.DM: reply_dm,
    Effect.CHAT: reply_chat,
    Effect.TOPIC: reply_topic,
    Effect.THREAD: reply_thread,
    Effect.EPHEMERAL: reply_ephemeral,
    Effect.PRIVATELY: reply_privately,
    Effect.HOME: home,
}


async def _channel(h: Harness, place: Place) -> Any:
    found = await h.bot.app.store.channels.find(
        place.platform, str(place.chat_id), place.topic if place.topic else ""
    )
    assert found is not None, "the channel is not known"
    return found


async def welcome(h: Harness, expect: Expect, place: Place) -> None:
    assert (await _channel(h, place)).state is ChannelState.ACTIVE
    [hello] = [_text(m) for m in _where(h, place)]
    assert "Hello" in hello and expect.says in hello
    assert set(sent(h)) == {str(place.chat_id)}


async def quietly_active(h: Harness, expect: Expect, place: Place) -> None:
    assert (await _channel(h, place)).state is ChannelState.ACTIVE
    assert sent(h) == {} and await deliveries(h) == []


async def gone(h: Harness, expect: Expect, place: Place) -> None:
    assert (await _channel(h, place)).state is ChannelState.GONE
    assert sent(h) == {}
    officer = "7001" if place.platform is Platform.TELEGRAM else "U7001"
    received = h.tg.received if place.platform is Platform.TELEGRAM else h.slack.received
    await until(_has(lambda: [_text(m) for m in received.get(officer, [])]), within=10)
    [notice] = [_text(m) for m in received[officer]]
    assert "no longer in" in notice and expect.says in notice


def _has(texts: Any) -> Any:
    async def check() -> bool:
        return bool(texts())

    return check


async def blocked(h: Harness, expect: Expect, place: Place) -> None:
    assert (await _channel(h, place)).state is ChannelState.BLOCKED
    assert sent(h) == {} and await deliveries(h) == []


async def unblocked(h: Harness, expect: Expect, place: Place) -> None:
    assert (await _channel(h, place)).state is ChannelState.ACTIVE
    [hello] = h.tg.texts(str(place.chat_id))
    assert expect.says in hello and "subscribe" not in hello


async def renamed(h: Harness, expect: Expect, place: Place) -> None:
    channel = await _channel(h, place)
    assert channel.title != "Known chat" and expect.says in str(channel.title)
    assert sent(h) == {}


async def migrated(h: Harness, expect: Expect, place: Place) -> None:
    store = h.bot.app.store
    assert await store.channels.find(place.platform, str(place.chat_id)) is None
    [moved] = [c for c in await all_channels(h) if c.platform is place.platform]
    assert moved.chat_id != place.chat_id
    assert [s.topic for s in await store.subscriptions.for_channel(moved.id)] == ["pay"]
    assert sent(h) == {}


async def all_channels(h: Harness) -> list[Any]:
    store = h.bot.app.store
    async with sql(h).engine.connect() as conn:
        ids = [int(r[0]) for r in await conn.execute(select(tables.channels.c.id))]
    return [c for c in [await store.channels.get(i) for i in ids] if c is not None]


STATES = {
    Effect.WELCOME: welcome,
    Effect.STILL_ACTIVE: quietly_active,
    Effect.BACK: quietly_active,
    Effect.GONE: gone,
    Effect.BLOCKED: blocked,
    Effect.UNBLOCKED: unblocked,
    Effect.RENAMED: renamed,
    Effect.MIGRATED: migrated,
}


async def suspended(h: Harness, caplog: pytest.LogCaptureFixture | None) -> None:
    """The Slack workspace's channels stop; the queued message is held, not failed; one
    operator line; the organiser hears of it on Telegram."""
    store = h.bot.app.store
    room = await store.channels.find(Platform.SLACK, "C0HELD0001")
    assert room is not None and room.state is ChannelState.SUSPENDED
    # A send the worker had already started when the workspace went ends held too: under load
    # the rows were read while it was still in flight ('sending').

    async def held() -> bool:
        return [d.state for d in await deliveries(h) if d.channel_id == room.id] == ["pending"]

    await until(held, within=10)
    organiser = ORGANISER[Platform.TELEGRAM]
    await until(_has(lambda: h.tg.texts(organiser)), within=10)
    assert "cut off from slack" in h.tg.texts(organiser)[0]
    assert h.slack.received.get("C0HELD0001", []) == []
    if caplog is not None:
        # One line from the channels service (the delivery worker may also have met the
        # revoked token first, and said so in its own line).
        lines = [
            r.getMessage()
            for r in caplog.records
            if "operator:" in r.getMessage() and r.name == "bot.services.channels"
        ]
        assert len(lines) == 1, lines
    h.slack.revoked = False
    await store.channels.resume(Platform.SLACK)


def assert_no_error_lines(caplog: pytest.LogCaptureFixture) -> None:
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
