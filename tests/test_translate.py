"""Translation of saved platform payloads into neutral events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.slack import translate as slack
from bot.adapters.telegram import translate as telegram
from bot.core.events import Change, ChatMembership, ChatMigration, Ignored, Incoming
from bot.core.models import ChatKind, Identity, Platform

PAYLOADS = Path(__file__).parent / "payloads"
BOT = "campaign_test_bot"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / name).read_text())
    return data


def tg(name: str) -> object:
    return telegram.translate(load(f"telegram/{name}.json"), BOT, bot_id=123456789)


def test_telegram_private_message_is_a_question() -> None:
    event = tg("private_message")
    assert isinstance(event, Incoming)
    assert event.actor == Identity(Platform.TELEGRAM, "5012345678")
    assert event.conversation.kind is ChatKind.DM and event.addressed
    assert event.text == "when do I have to post my vote by?"
    assert event.event_id == "telegram:725318001"


def test_telegram_group_mention_is_addressed_and_stripped() -> None:
    event = tg("group_message")
    assert isinstance(event, Incoming)
    assert event.conversation.chat_id == "-1001678901234"
    assert event.conversation.kind is ChatKind.GROUP and event.addressed
    assert event.text == "what did the NEC decide about pay?"


def test_telegram_command_with_botname() -> None:
    event = tg("command_with_botname")
    assert isinstance(event, Incoming) and event.text == "/whoami"
    other = load("telegram/command_with_botname.json")
    other["message"]["text"] = "/whoami@someone_elses_bot"
    assert isinstance(telegram.translate(other, BOT), Ignored)


def test_telegram_edits_carry_their_command_and_anonymous_admins_are_recognised() -> None:
    edited = tg("edited_message")
    assert isinstance(edited, Incoming) and edited.edited and edited.text.startswith("/voted")
    assert edited.command_key is not None
    anonymous = tg("anonymous_admin")
    assert isinstance(anonymous, Incoming) and anonymous.anonymous
    assert anonymous.text.startswith("/broadcast") and anonymous.display_name is None


def test_telegram_callback_query() -> None:
    event = tg("callback_query")
    assert isinstance(event, Incoming)
    assert event.callback == "/voted nec-2023" and event.conversation.kind is ChatKind.DM
    ours = load("telegram/callback_query.json")
    ours["callback_query"]["data"] = "ucb1:/voted nec-2023"
    event = telegram.translate(ours, BOT, 123456789)
    assert isinstance(event, Incoming) and event.callback == "/voted nec-2023"
    for foreign in ("click_me_123", "ucb1:not a command", "", None, 7):
        ours["callback_query"]["data"] = foreign
        assert isinstance(telegram.translate(ours, BOT, 123456789), Ignored)


def test_telegram_bot_added_removed_and_migrated() -> None:
    added, kicked = tg("my_chat_member_added"), tg("my_chat_member_kicked")
    assert isinstance(added, ChatMembership) and added.change is Change.JOINED
    assert added.conversation.title == "HMRC Liverpool reps"
    assert isinstance(kicked, ChatMembership) and kicked.change is Change.LEFT
    assert kicked.reason == "removed"
    migrated = tg("migrate_to_supergroup")
    assert migrated == ChatMigration(Platform.TELEGRAM, "-4012345678", "-1009876543210")


def test_telegram_restricted_but_present_is_not_a_join() -> None:
    for name in (
        "my_chat_member_supergroup_member_to_restricted__autogram",
        "my_chat_member_supergroup_member_to_restricted_minimal__ptb-issue1803",
        "my_chat_member_supergroup_administrator_rights_changed__autogram",
    ):
        event = tg(name)
        assert isinstance(event, ChatMembership) and event.change is Change.PRESENT, name
    gone = tg("my_chat_member_supergroup_restricted_not_member__autogram")
    assert isinstance(gone, ChatMembership) and gone.change is Change.LEFT


def test_telegram_dm_block_and_unblock() -> None:
    blocked = tg("my_chat_member_private_blocked__autogram")
    unblocked = tg("my_chat_member_private_unblocked__autogram")
    assert isinstance(blocked, ChatMembership) and blocked.change is Change.BLOCKED
    assert isinstance(unblocked, ChatMembership) and unblocked.change is Change.UNBLOCKED


def test_telegram_forum_topics() -> None:
    command = tg("message_forum_topic_command__teloxide")
    assert isinstance(command, Incoming) and command.thread == "4"
    assert command.conversation.topic == "4" and command.text == "/help"
    general = tg("message_forum_general_topic_text__teloxide")
    assert not isinstance(general, Incoming) or general.conversation.topic is None
    reply = tg("message_supergroup_reply_thread_command__teloxide-issue1107")
    assert not isinstance(reply, Incoming) or reply.thread is None  # not a forum: no topic


def test_slack_slash_command() -> None:
    event = slack.from_slash_command(load("slack/slash_command.json"), "/campaign")
    assert isinstance(event, Incoming)
    assert event.text == "/help" and event.actor == Identity(Platform.SLACK, "U2147483697")
    assert event.conversation.kind is ChatKind.CHANNEL
    assert isinstance(slack.from_slash_command(load("slack/slash_command.json"), "/other"), Ignored)
    empty = load("slack/slash_command.json") | {"text": "", "channel_name": "directmessage"}
    event = slack.from_slash_command(empty, "/campaign")
    assert isinstance(event, Incoming) and event.text == "/help" and event.is_dm


ME = slack.Me("U0LAN0Z89", "T0001")


def test_slack_app_mention_and_dm() -> None:
    mention = slack.from_event(load("slack/app_mention.json"), ME)
    assert isinstance(mention, Incoming) and mention.addressed
    assert mention.text == "is the pay petition still open?"
    assert mention.event_id == "slack:Ev0LAN670R"
    dm = slack.from_event(load("slack/message_im.json"), ME)
    assert isinstance(dm, Incoming) and dm.is_dm
    assert dm.text == "how do I get a replacement ballot paper?"


def test_slack_ignores_its_own_messages() -> None:
    assert isinstance(slack.from_event(load("slack/message_im_bot_echo.json"), ME), Ignored)
    own = load("slack/message_im.json")
    own["event"]["user"] = "U0LAN0Z89"
    assert isinstance(slack.from_event(own, ME), Ignored)


def test_slack_block_action() -> None:
    event = slack.from_interaction(load("slack/block_actions.json"))
    assert isinstance(event, Incoming) and event.callback == "/voted nec-2023"
    assert event.conversation.chat_id == "D024BE91L"
    foreign = load("slack/block_actions_button_foreign__bolt.json")
    assert isinstance(slack.from_interaction(foreign), Ignored)
    legacy = load("slack/interactive_message_button__docs.json")
    assert isinstance(slack.from_interaction(legacy), Ignored)


def test_slack_text_keeps_mentions_literal() -> None:
    body = load("slack/message_im.json")
    body["event"]["text"] = "&lt;!channel&gt; tell everyone"
    event = slack.from_event(body, ME)
    assert isinstance(event, Incoming) and event.text == "<!channel> tell everyone"


def test_slack_someone_elses_mention_keeps_its_place_but_not_their_id() -> None:
    """Was dropped: "did <@U0TOM0001> get it right?" became "did  get it right?"."""
    body = load("slack/message_im.json")
    body["event"]["text"] = "<@U0LAN0Z89> did <@U0TOM0001|tom> get it right about &lt;@U1&gt;?"
    event = slack.from_event(body, ME)
    assert isinstance(event, Incoming)
    assert event.text == "did @someone get it right about <@U1>?", event.text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "update_id",
                "message",
                "callback_query",
                "my_chat_member",
                "edited_message",
                "channel_post",
                "poll",
            ]
        ),
        json_values,
    )
)
def test_telegram_never_raises_on_malformed_updates(update: dict[str, Any]) -> None:
    telegram.translate(update, BOT, 1)


@given(json_values, st.sampled_from(["slash", "event", "interactivity"]))
def test_slack_never_raises_on_malformed_payloads(body: Any, kind: str) -> None:
    shaped = body if isinstance(body, dict) else {"event": body, "actions": body}
    slack.translate(kind, shaped, "/campaign", ME)
