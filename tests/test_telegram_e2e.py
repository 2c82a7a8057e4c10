"""Telegram end to end: the real PTB client against the loopback Bot API stand-in."""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import start_bot
from bot.core.caller import Caller
from bot.core.models import ChannelState, ChatKind, Platform, SubscriptionState
from bot.core.ratelimit import TokenBuckets
from bot.core.results import BroadcastRequest
from bot.standins.telegram import TelegramStandIn
from tests.harness import eventually, running, settings_for, settle
from tests.replay_kit import handled

PRIYA, TOM = 5012345678, 6023456789
GROUP = -1001678901234


async def test_help_in_a_dm_and_commands_registered(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        assert {c["command"] for c in h.tg.commands} >= {"help", "whoami", "ask"}
        h.tg.message(PRIYA, "/help")
        await eventually(lambda: bool(h.tg.received[str(PRIYA)]))
        [text] = h.tg.texts(PRIYA)
        assert "/whoami" in text and "campaign bot" in text


async def test_whoami_in_a_group_answers_by_dm(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        h.tg.message(
            TOM,
            "/whoami@campaign_test_bot",
            chat_id=GROUP,
            chat_type="supergroup",
            title="DWP Leeds",
        )
        # the DM goes first: "check your DMs" is said once it has gone
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        assert "check your DMs" in h.tg.texts(GROUP)[0]
        assert f"telegram:{TOM}" in h.tg.texts(TOM)[0]
        assert f"telegram:{TOM}" not in h.tg.texts(GROUP)[0]


async def test_a_private_answer_that_cannot_be_sent_is_not_said_to_have_been(
    tmp_path: Path,
) -> None:
    """Was "I've sent the answer to /whoami to you privately — check your DMs" to someone who
    had never opened a chat with the bot, whom Telegram does not let it write to first."""
    async with running(tmp_path, slack=False) as h:
        h.tg.unstarted.add(str(TOM))
        group = {"chat_id": GROUP, "chat_type": "supergroup", "title": "DWP Leeds"}
        h.tg.message(TOM, "/whoami", **group)
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        [told] = h.tg.texts(GROUP)
        assert "check your DMs" not in told and f"telegram:{TOM}" not in told, told
        assert "couldn't send you the answer to /whoami privately" in told
        assert "press Start, and send /whoami there" in told and not h.tg.texts(TOM)
        h.tg.message(TOM, "/start")  # they open the chat: from now on it works
        h.tg.message(TOM, "/whoami", **group)
        await eventually(lambda: len(h.tg.texts(GROUP)) == 2)
        assert "check your DMs" in h.tg.texts(GROUP)[1]
        assert f"telegram:{TOM}" in h.tg.texts(TOM)[-1]


async def test_group_question_needs_a_mention(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        h.tg.message(PRIYA, "how do I vote?", chat_id=GROUP, chat_type="supergroup")
        h.tg.message(
            PRIYA, "@campaign_test_bot how do I vote?", chat_id=GROUP, chat_type="supergroup"
        )
        # the first answer loads the model: over 5 s at load average 7
        await eventually(lambda: bool(h.tg.received[str(GROUP)]), within=20)
        await settle()
        [answer] = h.tg.texts(GROUP)
        assert "ballot paper" in answer and "Source" in answer


async def test_duplicate_update_has_one_effect(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        update = h.tg.message(PRIYA, "/help")
        await eventually(lambda: bool(h.tg.received[str(PRIYA)]))
        h.tg.redeliver(update)
        h.tg.message(PRIYA, "/start")
        await eventually(lambda: len(h.tg.received[str(PRIYA)]) >= 2)
        await settle()
        assert len(h.tg.received[str(PRIYA)]) == 2


async def test_an_update_fetched_again_after_a_restart_has_one_effect(tmp_path: Path) -> None:
    """A poller stopped before Telegram learnt its offset gets the last batch again when it
    starts: what the first process handled (the inbox is in the database) is not handled
    twice, and what is new is."""
    async with TelegramStandIn() as tg:
        settings = settings_for(tmp_path, tg, None)
        async with AsyncExitStack() as stack:
            await start_bot(settings, stack)
            update = tg.message(PRIYA, "/help")
            await eventually(lambda: bool(tg.received[str(PRIYA)]))
        tg.redeliver(update)  # the offset past it was never confirmed
        async with AsyncExitStack() as stack:
            await start_bot(settings, stack)
            tg.message(PRIYA, "/start")
            await eventually(lambda: len(tg.received[str(PRIYA)]) >= 2)
            await settle()
        assert len(tg.received[str(PRIYA)]) == 2


async def test_a_flood_of_commands_is_answered_once_and_broadcasts_still_go(
    tmp_path: Path,
) -> None:
    """300 commands from one person while a broadcast falls due (RELIABILITY.md row 19; it
    says 1,000, which go the same way in three times as long): the burst is answered, then
    one "slow down" (not one per message: that would send the flood back), and the
    broadcast reaches every subscribed group."""
    async with running(tmp_path, slack=False) as h:
        app = h.bot.app
        app.router._limiter = TokenBuckets(app.clock, rate_per_s=0.001, burst=8)  # no refill
        groups = [str(GROUP - i) for i in range(1, 4)]
        for chat in groups:
            channel = await app.store.channels.upsert(Platform.TELEGRAM, chat, ChatKind.GROUP)
            await app.store.subscriptions.add(
                channel.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE
            )
        soon = app.clock.now() + timedelta(seconds=4)  # (sent before then, even under load)
        request = BroadcastRequest("pay", "all", "Talks resume.", title="Pay", send_at=soon)
        await app.services.broadcasts.send(request, Caller.operator())
        last = [h.tg.message(PRIYA, "/help") for _ in range(300)][-1]
        await eventually(lambda: all(h.tg.received[c] for c in groups), within=30)
        await handled(h, f"telegram:{last['update_id']}", within=120)
        await settle()
        texts = h.tg.texts(PRIYA)
        assert sum("faster than I can keep up" in t for t in texts) == 1
        assert len(texts) == 8 + 1
        assert all(len(h.tg.received[c]) == 1 for c in groups)


async def test_button_press_is_answered(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        h.tg.press(PRIYA, "/help")
        await eventually(lambda: bool(h.tg.received[str(PRIYA)]))
        assert len(h.tg.answered_callbacks) == 1


async def test_added_removed_and_migrated_chats_are_recorded(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        h.tg.bot_membership(-4012345678, "HMRC Liverpool reps", TOM)
        await eventually(lambda: bool(h.tg.received["-4012345678"]))
        assert "HMRC Liverpool reps" in h.tg.texts(-4012345678)[0]
        store = h.bot.app.store
        channel = await store.channels.find(Platform.TELEGRAM, "-4012345678")
        assert channel is not None and channel.state is ChannelState.ACTIVE
        await store.subscriptions.add(channel.id, "hmrc-liverpool", "pay", SubscriptionState.ACTIVE)
        h.tg.push(
            {
                "message": {
                    "message_id": 5,
                    "date": 0,
                    "from": h.tg.user(TOM),
                    "chat": {"id": -4012345678, "type": "group", "title": "x"},
                    "migrate_to_chat_id": -1009876543210,
                }
            }
        )
        h.tg.bot_membership(
            -1009876543210, "HMRC Liverpool reps", TOM, added=False, chat_type="supergroup"
        )

        async def moved() -> bool:
            found = await store.channels.find(Platform.TELEGRAM, "-1009876543210")
            gone = await store.channels.find(Platform.TELEGRAM, "-4012345678")
            return found is not None and gone is None and found.state is ChannelState.GONE

        for _ in range(100):
            if await moved():
                break
            await settle(0.05)
        assert await moved()
        survivor = await store.channels.find(Platform.TELEGRAM, "-1009876543210")
        assert survivor is not None
        assert [x.topic for x in await store.subscriptions.for_channel(survivor.id)] == ["pay"]


async def test_user_markup_never_breaks_our_html(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        h.tg.message(PRIYA, "/ask <b>who</b> & <!channel> *should* I vote for?")
        await eventually(lambda: bool(h.tg.received[str(PRIYA)]))
        [sent] = h.tg.received[str(PRIYA)]
        assert sent.parse_mode == "HTML"
        # (the neutral answer; after the close it invites no choice, so no "your choice")
        assert "never recommends" in h.tg.texts(PRIYA)[0]


async def test_webhook_checks_the_secret(tmp_path: Path) -> None:
    async with running(
        tmp_path,
        slack=False,
        HTTP_PORT=0,
        TELEGRAM_WEBHOOK_URL="http://127.0.0.1:1/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET="s3cret-token_value",
    ) as h:
        assert h.tg.webhook_secret == "s3cret-token_value"
        h.tg.webhook_url = h.webhook_url  # the public URL would route here
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "/help",
                "from": h.tg.user(PRIYA),
                "chat": {"id": PRIYA, "type": "private"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        assert await h.tg.post_webhook(update, secret="wrong") == 403
        assert await h.tg.post_webhook(update, secret="") == 403
        await settle()
        assert h.tg.received[str(PRIYA)] == []
        assert await h.bot.app.store.inbox.seen("telegram:1") is False
        assert await h.tg.post_webhook(update) == 200
        assert await h.tg.post_webhook(update) in (200,)
        await eventually(lambda: bool(h.tg.received[str(PRIYA)]))
        await settle()
        assert len(h.tg.received[str(PRIYA)]) == 1
        # Not an update at all (no update_id): refused, nothing stored.
        assert await h.tg.post_webhook({"nonsense": True}) == 400


async def test_a_refused_token_pauses_the_bot_until_telegram_takes_it_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """RELIABILITY.md row 14, the running bot: Telegram refuses the token (401 on every
    method). Polling and sending pause; getUpdates and getMe are asked again at a doubling
    wait (TOKEN_RETRY_SECONDS, 5 s in service); once the token is accepted both resume with
    no restart: the queued broadcast goes out and the /help sent meanwhile is answered. Each
    says so in one line when paused and one when resumed (polling stopped for good before)."""
    caplog.set_level(logging.INFO)
    async with running(tmp_path, slack=False, TOKEN_RETRY_SECONDS=0.1) as h:
        app = h.bot.app
        channel = await app.store.channels.upsert(Platform.TELEGRAM, str(GROUP), ChatKind.GROUP)
        await app.store.subscriptions.add(channel.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
        h.tg.revoked = True
        h.tg.message(TOM, "just chatting", chat_id=GROUP, chat_type="supergroup")  # ends the
        await eventually(lambda: h.tg.refused_token["getUpdates"] >= 3)  # poll under way
        request = BroadcastRequest("pay", "all", "Talks resume.", title="Pay")
        await app.services.broadcasts.send(request, Caller.operator("test"))
        h.tg.message(PRIYA, "/help")
        await eventually(lambda: h.tg.refused_token["getMe"] >= 2)
        assert h.tg.refused_token["sendMessage"] >= 1 and not h.tg.received
        h.tg.revoked = False
        await eventually(lambda: bool(h.tg.texts(GROUP) and h.tg.texts(PRIYA)), within=10)
        assert "Talks resume." in h.tg.texts(GROUP)[0] and "/whoami" in h.tg.texts(PRIYA)[0]
        said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert sum("polling paused" in line for line in said) == 1, said
        assert sum("polling resumed" in line for line in said) == 1, said
        assert sum("deliveries paused" in line for line in said) == 1, said
        assert sum("accepts the bot token again" in line for line in said) == 1, said
