"""Slack end to end: signed requests to our /slack/events; replies through the real slack-sdk."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.errors import StartupError
from bot.adapters.slack.intake import signed
from bot.content.markup import SLACK_BLOCK
from tests.harness import Harness, eventually, running, settle
from tests.test_actions import ANA, ORGANISERS, people, slack

PRIYA, TOM = "U2147483697", "U0TOM00001"


async def audit_count(h: Harness) -> int:
    return len(await h.bot.app.store.audit.recent(1000))


async def test_signed_slash_help_is_answered_ephemerally(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        form = h.slack.command(PRIYA, "C0LEEDS01", "help")
        result = await h.slack.post_command(h.events_url, form)
        assert result.status == 200 and result.seconds < 3
        await eventually(lambda: bool(h.slack.received["C0LEEDS01"]))
        [posted] = h.slack.received["C0LEEDS01"]
        assert posted.ephemeral_user == PRIYA
        assert "/campaign whoami" in posted.text and posted.blocks


async def test_an_organisers_help_is_one_message(tmp_path: Path) -> None:
    """An organiser's /help (about 2,900 characters) was cut at 3,000 a message into a
    second message holding only its last line; a Slack message holds several rich_text
    blocks, so it goes as one, each block within a section's 3,000."""
    async with running(tmp_path) as h:
        await people(h)
        await slack(h, ANA, "help")
        await eventually(lambda: bool(h.slack.received[ORGANISERS]))
        await settle()
        [posted] = h.slack.received[ORGANISERS]
        assert posted.text.startswith("Hello") and "/campaign dashboard" in posted.text
        assert 2_500 < len(posted.text) and posted.blocks
        for block in posted.blocks:
            assert sum(len(t) for t in _texts(block)) <= SLACK_BLOCK


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "text" else []
        return own + [t for v in node.values() for t in _texts(v)]
    return [t for v in node for t in _texts(v)] if isinstance(node, list) else []


@pytest.mark.parametrize(
    "tamper",
    ["wrong-secret", "stale", "future", "body-changed", "no-headers"],
)
async def test_bad_signatures_get_401_and_write_nothing(tmp_path: Path, tamper: str) -> None:
    async with running(tmp_path, telegram=False) as h:
        form = h.slack.command(PRIYA, "C0LEEDS01", "whoami")
        body = "&".join(f"{k}={v}" for k, v in form.items())
        headers = h.slack.sign(body)
        if tamper == "wrong-secret":
            headers = h.slack.sign(body, secret="not-the-secret")
        elif tamper == "stale":
            headers = h.slack.sign(body, timestamp=int(time.time()) - 301)
        elif tamper == "future":
            headers = h.slack.sign(body, timestamp=int(time.time()) + 360)
        elif tamper == "body-changed":
            body = body.replace("whoami", "whoamj")
        elif tamper == "no-headers":
            headers = {}
        before = await audit_count(h)
        result = await h.slack._post(
            h.events_url, body, "application/x-www-form-urlencoded", headers
        )
        assert result.status == 401
        await settle()
        assert h.slack.received == {} and await audit_count(h) == before
        assert (
            await h.bot.app.store.members.find(
                __import__("bot.core.models", fromlist=["Identity"]).Identity.parse(
                    f"slack:{PRIYA}"
                )
            )
            is None
        )


async def test_an_empty_signing_secret_never_verifies(tmp_path: Path) -> None:
    """Signed with the empty key, a request is still refused, and the bot will not take
    Slack's HTTP requests at all with no signing secret (it never fails open)."""
    body, stamp = b"command=%2Fcampaign&text=help&user_id=U1", str(int(time.time()))
    base = b"v0:" + stamp.encode() + b":" + body
    forged = "v0=" + hmac.new(b"", base, hashlib.sha256).hexdigest()
    assert signed("", stamp, forged, body, time.time()) is False
    real = "v0=" + hmac.new(b"k", base, hashlib.sha256).hexdigest()
    assert signed("k", stamp, real, body, time.time()) is True  # the check itself works
    with pytest.raises(StartupError, match="SLACK_SIGNING_SECRET"):
        async with running(tmp_path, telegram=False, SLACK_SIGNING_SECRET=""):
            pass


async def test_mention_is_answered_in_thread_and_dm_answered(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        mention = h.slack.event(
            {
                "type": "app_mention",
                "user": PRIYA,
                "channel": "C0LEEDS01",
                "text": "<@UBOTSTAND1> how do I sign the petition?",
            }
        )
        assert (await h.slack.post_event(h.events_url, mention)).status == 200
        dm = h.slack.event(
            {
                "type": "message",
                "channel_type": "im",
                "user": TOM,
                "channel": "D0TOM0001",
                "text": "how do I get a replacement ballot paper?",
            }
        )
        assert (await h.slack.post_event(h.events_url, dm)).status == 200
        await eventually(  # the first answers load the model: 6.7 s at load average 7
            lambda: bool(h.slack.received["C0LEEDS01"]) and bool(h.slack.received["D0TOM0001"]),
            within=20,
        )
        [answer] = h.slack.received["C0LEEDS01"]
        assert "petition" in answer.text.lower() and answer.thread_ts is not None
        assert "replacement" in h.slack.received["D0TOM0001"][0].text.lower()


async def test_a_question_handed_off_in_a_channel_is_told_as_slack_types_it(
    tmp_path: Path,
) -> None:
    """Was "their answer will come to you here by direct message" in the channel's thread,
    and the nearest topics as "(/ask pay campaign)": Slack runs a message that starts with
    a slash as a command of its own, so only /campaign ask reaches the bot."""
    async with running(tmp_path, telegram=False) as h:
        mention = {"type": "app_mention", "user": PRIYA, "channel": "C0LEEDS01"}
        text = "<@UBOTSTAND1> what is the policy on colonies on Mars?"
        await h.slack.post_event(h.events_url, h.slack.event(mention | {"text": text}))
        await eventually(lambda: bool(h.slack.received["C0LEEDS01"]), within=15)
        [told] = h.slack.received["C0LEEDS01"]
        assert "passed your question to the organisers" in told.text, told.text
        assert "will come to you by direct message" in told.text
        assert "(/campaign ask fair pay for public services)" in told.text, told.text
        assert "(/ask " not in told.text


async def test_the_commands_a_message_names_are_written_as_slack_takes_them(
    tmp_path: Path,
) -> None:
    """Was "type /signed", "Type /reports", "I couldn't do /ballot": a Slack member who
    typed what they were told got Slack's own "/signed is not a valid command"."""
    async with running(tmp_path, telegram=False, SLACK_COMMAND="/union") as h:
        said = h.slack.received["D0PRIYA01"]

        async def says(text: str) -> str:
            before = len(said)
            form = h.slack.command(PRIYA, "D0PRIYA01", text, command="/union")
            await h.slack.post_command(h.events_url, form)
            await eventually(lambda: len(said) > before)
            return said[-1].text

        assert "type /union signed so your branch can count you" in await says("petition")
        assert "Type /union reports REPORT to read one in full." in await says("reports")
        assert (await says("approve 1")).startswith("Sorry, /union approve is only for")
        assert "the command /union foo. Type /union help" in await says("foo")
        refused = await says("ballot /signed")  # what a person typed is never rewritten
        assert refused.startswith("I couldn't do /union ballot: BALLOT: no ballot called '/signed'")


async def test_an_answer_names_the_commands_as_slack_takes_them(tmp_path: Path) -> None:
    """Was "Send /remindme off to the bot…" on Slack too, where /remindme never reaches it."""
    async with running(tmp_path, telegram=False) as h:
        dm = {"type": "message", "channel_type": "im", "user": TOM, "channel": "D0TOM0001"}
        text = "how do I stop the ballot reminders?"
        await h.slack.post_event(h.events_url, h.slack.event(dm | {"text": text}))
        await eventually(lambda: bool(h.slack.received["D0TOM0001"]), within=15)
        [answer] = h.slack.received["D0TOM0001"]
        assert "/campaign remindme off" in answer.text, answer.text
        assert " /remindme" not in answer.text and "(/remindme" not in answer.text


async def test_join_typed_without_its_slash_is_join_not_a_question(tmp_path: Path) -> None:
    """Was handed to the organisers as a question, "join 1234567 dwp-leeds" stored in clear
    and listed by /questions, though asked in a channel: membership numbers are taken only
    by /join, in a DM, and kept only as keyed hashes."""
    async with running(tmp_path, telegram=False) as h:
        mention = {"type": "app_mention", "user": PRIYA, "channel": "C0LEEDS01"}
        text = "<@UBOTSTAND1> join 1234567 dwp-leeds"
        await h.slack.post_event(h.events_url, h.slack.event(mention | {"text": text}))
        await eventually(lambda: bool(h.slack.received["C0LEEDS01"]), within=15)
        [told] = h.slack.received["C0LEEDS01"]
        assert "send /campaign join to me in a direct message" in told.text, told.text
        assert "Nothing was done" in told.text
        assert await h.bot.app.store.questions.open() == []


async def test_own_messages_and_edits_are_ignored(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        own = h.slack.event(
            {
                "type": "message",
                "channel_type": "im",
                "user": "UBOTSTAND1",
                "channel": "D0TOM0001",
                "text": "echo",
            }
        )
        bot_msg = h.slack.event(
            {
                "type": "message",
                "subtype": "bot_message",
                "bot_id": "B1",
                "channel_type": "im",
                "channel": "D0TOM0001",
                "text": "x",
            }
        )
        edited = h.slack.event(
            {
                "type": "message",
                "subtype": "message_changed",
                "channel_type": "im",
                "channel": "D0TOM0001",
            }
        )
        unknown = h.slack.event({"type": "reaction_added", "user": PRIYA})
        for envelope in (own, bot_msg, edited, unknown):
            assert (await h.slack.post_event(h.events_url, envelope)).status == 200
        await settle()
        assert h.slack.received == {}


async def test_redelivered_event_has_one_effect(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        h.slack.delay = 0.5  # the first attempt is still running when the retries arrive
        envelope = h.slack.event(
            {
                "type": "message",
                "channel_type": "im",
                "user": PRIYA,
                "channel": "D0PRIYA01",
                "text": "how do I join?",
            }
        )
        results = await asyncio.gather(
            h.slack.post_event(h.events_url, envelope),
            *(h.slack.post_event(h.events_url, envelope, retry_num=n) for n in (1, 2, 3)),
        )
        assert [r.status for r in results] == [200] * 4
        await eventually(lambda: bool(h.slack.received["D0PRIYA01"]))
        await settle(1.0)
        assert len(h.slack.received["D0PRIYA01"]) == 1
        assert await h.bot.app.store.inbox.seen(f"slack:{envelope['event_id']}")


async def test_retry_is_processed_when_the_first_attempt_crashed(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        router = h.bot.app.router
        real = router.handle
        calls: list[Any] = []

        async def crash_once(incoming: Any) -> Any:  # a seam: the router is an attribute
            calls.append(incoming)
            if len(calls) == 1:
                raise RuntimeError("database went away")
            return await real(incoming)

        router.handle = crash_once  # type: ignore[method-assign]
        envelope = h.slack.event(
            {
                "type": "message",
                "channel_type": "im",
                "user": PRIYA,
                "channel": "D0PRIYA01",
                "text": "how do I join?",
            }
        )
        assert (await h.slack.post_event(h.events_url, envelope)).status == 200
        await eventually(lambda: len(calls) == 1)
        await settle()
        assert h.slack.received["D0PRIYA01"] == []
        assert (await h.slack.post_event(h.events_url, envelope, retry_num=1)).status == 200
        await eventually(lambda: bool(h.slack.received["D0PRIYA01"]))
        assert len(calls) == 2


async def test_slow_work_is_acknowledged_within_three_seconds(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        h.slack.delay = 4.0  # every Web API call takes 4 s
        form = h.slack.command(PRIYA, "D0PRIYA01", "help", channel_name="directmessage")
        result = await h.slack.post_command(h.events_url, form)
        assert result.status == 200 and result.seconds < 3
        await eventually(lambda: bool(h.slack.received["D0PRIYA01"]), within=10)


async def test_button_press_runs_the_command(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        payload = h.slack.block_action(PRIYA, "D0PRIYA01", "/help")
        assert (await h.slack.post_action(h.events_url, payload)).status == 200
        await eventually(lambda: bool(h.slack.received["D0PRIYA01"]))
        assert "/campaign whoami" in h.slack.received["D0PRIYA01"][0].text


async def test_mentions_in_user_text_never_notify(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        envelope = h.slack.event(
            {
                "type": "message",
                "channel_type": "im",
                "user": PRIYA,
                "channel": "D0PRIYA01",
                "text": "&lt;!channel&gt; who should I vote for? &lt;@U123&gt;",
            }
        )
        await h.slack.post_event(h.events_url, envelope)
        form = h.slack.command(PRIYA, "C0LEEDS01", "frob <!here>")
        await h.slack.post_command(h.events_url, form)
        await eventually(
            lambda: bool(h.slack.received["D0PRIYA01"]) and bool(h.slack.received["C0LEEDS01"])
        )
        assert h.slack.notified_everyone == []
        for posted in [*h.slack.received["D0PRIYA01"], *h.slack.received["C0LEEDS01"]]:
            assert "<!" not in posted.text and "<@" not in posted.text


async def test_whoami_in_a_channel_goes_to_dm(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        form = h.slack.command(TOM, "C0LEEDS01", "whoami")
        await h.slack.post_command(h.events_url, form)
        await eventually(lambda: bool(h.slack.received[TOM]))
        assert f"slack:{TOM}" in h.slack.received[TOM][0].text
        assert "check your DMs" in h.slack.received["C0LEEDS01"][0].text


async def test_not_in_channel_falls_back_to_response_url(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        h.slack.not_in.add("C0PRIVATE1")
        form = h.slack.command(PRIYA, "C0PRIVATE1", "help")
        await h.slack.post_command(h.events_url, form)
        await eventually(lambda: bool(h.slack.responses))
        assert h.slack.responses[0]["response_type"] == "ephemeral"
