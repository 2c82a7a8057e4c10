"""Socket Mode end to end: the bot connects with bolt's real AsyncSocketModeHandler (slack-sdk's
aiohttp client) to the stand-in's WebSocket, as it would to Slack when SLACK_APP_TOKEN is set;
events, slash commands and button presses come down it as envelopes and are acknowledged."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.standins.slack import TEST_APP_TOKEN
from tests.harness import Harness, eventually, running, settle

PRIYA, TOM = "U2147483697", "U0TOM00001"


@asynccontextmanager
async def socket_mode(tmp_path: Path) -> AsyncIterator[Harness]:
    # No signing secret: in Socket Mode the connection itself is authenticated.
    async with running(
        tmp_path, telegram=False, SLACK_APP_TOKEN=TEST_APP_TOKEN, SLACK_SIGNING_SECRET=None
    ) as h:
        await h.slack.socket_connected()
        yield h


def mention(h: Harness, text: str, channel: str = "C0LEEDS01") -> dict[str, object]:
    return h.slack.event({"type": "app_mention", "user": PRIYA, "channel": channel, "text": text})


async def test_a_mention_and_a_dm_come_down_the_socket_and_are_answered(tmp_path: Path) -> None:
    async with socket_mode(tmp_path) as h:
        assert h.slack.socket_opens == 1
        # No /slack/events route in Socket Mode: nothing is served over HTTP for Slack.
        assert (await h.slack.post_event(h.events_url, mention(h, "hi"))).status == 404
        acked = await h.slack.push(
            "events_api", mention(h, "<@UBOTSTAND1> how do I sign the petition?")
        )
        assert acked.envelope_id.startswith("standin-envelope-")
        dm = h.slack.event(
            {
                "type": "message",
                "channel_type": "im",
                "user": TOM,
                "channel": "D0TOM0001",
                "text": "how do I get a replacement ballot paper?",
            }
        )
        await h.slack.push("events_api", dm)
        await eventually(
            lambda: bool(h.slack.received["C0LEEDS01"]) and bool(h.slack.received["D0TOM0001"]),
            within=10,
        )
        [answer] = h.slack.received["C0LEEDS01"]
        assert "petition" in answer.text.lower() and answer.thread_ts is not None
        assert "replacement" in h.slack.received["D0TOM0001"][0].text.lower()


async def test_a_slash_command_is_acknowledged_and_answered_to_its_author(
    tmp_path: Path,
) -> None:
    async with socket_mode(tmp_path) as h:
        form = h.slack.command(PRIYA, "C0LEEDS01", "help")
        await h.slack.push("slash_commands", form)
        await eventually(lambda: bool(h.slack.received["C0LEEDS01"]), within=10)
        [posted] = h.slack.received["C0LEEDS01"]
        assert posted.ephemeral_user == PRIYA
        assert "/campaign whoami" in posted.text


async def test_a_button_press_runs_its_command(tmp_path: Path) -> None:
    async with socket_mode(tmp_path) as h:
        await h.slack.push("interactive", h.slack.block_action(PRIYA, "D0PRIYA01", "/help"))
        await eventually(lambda: bool(h.slack.received["D0PRIYA01"]), within=10)
        assert "/campaign whoami" in " ".join(h.slack.texts("D0PRIYA01"))


async def test_a_retried_envelope_has_one_effect(tmp_path: Path) -> None:
    async with socket_mode(tmp_path) as h:
        h.slack.delay = 0.5  # the first is still being answered when the retries arrive
        envelope = mention(h, "<@UBOTSTAND1> how do I join?")
        await asyncio.gather(
            *(h.slack.push("events_api", envelope, retry_attempt=n) for n in range(3))
        )
        await eventually(lambda: bool(h.slack.received["C0LEEDS01"]), within=10)
        await settle(1.0)
        assert len(h.slack.received["C0LEEDS01"]) == 1
        assert await h.bot.app.store.inbox.seen(f"slack:{envelope['event_id']}")


@pytest.mark.parametrize(
    "frame",
    [
        "not json at all",
        "[1, 2, 3]",
        json.dumps({"envelope_id": "x1", "type": "events_api", "payload": "a string"}),
        json.dumps({"envelope_id": "x2", "type": "events_api", "payload": {"type": "x"}}),
        json.dumps({"envelope_id": "x3", "type": "events_api", "payload": {"event": []}}),
        json.dumps({"envelope_id": "x4", "type": "slash_commands", "payload": {"text": 5}}),
        json.dumps({"envelope_id": "x5", "type": "interactive", "payload": {"type": None}}),
        json.dumps({"envelope_id": "x6", "type": "surprise", "payload": {}}),
        json.dumps({"type": "events_api", "payload": {"event": {"type": "app_mention"}}}),
    ],
)
async def test_a_malformed_frame_leaves_the_connection_answering(
    tmp_path: Path, frame: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with socket_mode(tmp_path) as h:
        await h.slack.push_raw(frame)
        await settle(0.5)
        await h.slack.push("events_api", mention(h, "<@UBOTSTAND1> how do I join?"))
        await eventually(lambda: bool(h.slack.received["C0LEEDS01"]), within=10)
        assert h.slack.socket_opens == 1  # the same connection
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not [r for r in caplog.records if "Traceback" in r.getMessage()]


async def test_the_bot_reconnects_when_slack_closes_the_socket(tmp_path: Path) -> None:
    async with socket_mode(tmp_path) as h:
        await h.slack.push_raw(json.dumps({"type": "disconnect", "reason": "refresh_requested"}))
        await h.slack.drop_connections()
        await eventually(lambda: h.slack.socket_opens >= 2, within=30)
        await h.slack.push("events_api", mention(h, "<@UBOTSTAND1> how do I join?"), within=30)
        await eventually(lambda: bool(h.slack.received["C0LEEDS01"]), within=10)


async def test_the_bot_token_cannot_open_a_socket_nor_the_app_token_post(tmp_path: Path) -> None:
    from slack_sdk.errors import SlackApiError
    from slack_sdk.web.async_client import AsyncWebClient

    async with socket_mode(tmp_path) as h:
        bot = AsyncWebClient(token=h.slack.token, base_url=h.slack.base_url)
        with pytest.raises(SlackApiError) as refused:
            await bot.apps_connections_open(app_token=h.slack.token)
        assert refused.value.response["error"] == "not_allowed_token_type"
        app = AsyncWebClient(token=TEST_APP_TOKEN, base_url=h.slack.base_url)
        with pytest.raises(SlackApiError) as also:
            await app.chat_postMessage(channel="C0LEEDS01", text="hello")
        assert also.value.response["error"] == "not_allowed_token_type"
        await bot.session.close() if bot.session else None


async def test_every_captured_slack_request_through_socket_mode(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The payload corpus (tests/payloads/, each with its source) down the socket, each with
    the effect it has over HTTP. URL verification and rate-limit notes are HTTP-only: Slack
    never sends them in Socket Mode."""
    from tests.replay_kit import handled, load, prepare, reset, slack_key, slack_place
    from tests.test_payload_replay import EXPECT, SLACK, arrange, assert_no_error_lines, check

    caplog.set_level(logging.WARNING)
    replayed = 0
    async with running(tmp_path, SLACK_APP_TOKEN=TEST_APP_TOKEN, SLACK_SIGNING_SECRET=None) as h:
        await h.slack.socket_connected()
        await prepare(h)
        for entry in SLACK:
            body, transport = load(entry), entry["transport"]
            if transport == "event" and body.get("type") != "event_callback":
                continue
            expect, place = EXPECT[entry["kind"]], slack_place(transport, body)
            await reset(h)
            await arrange(h, expect, place)
            caplog.clear()
            kind = {"event": "events_api", "slash": "slash_commands"}.get(transport, "interactive")
            payload = {k: str(v) for k, v in body.items()} if transport == "slash" else body
            key = slack_key(transport, body)
            try:
                acked = await h.slack.push(kind, payload)
                if key is not None:
                    await handled(h, key)
                answer = json.dumps(acked.payload or {})
                await check(h, expect, place, answer=answer, body=body, caplog=caplog)
            except (AssertionError, TimeoutError) as error:
                raise AssertionError(f"{entry['file']}: {expect.effect.value}: {error!r}") from None
            replayed += 1
        assert h.slack.socket_opens == 1
    assert replayed >= 85, replayed  # of 94: all but the HTTP-only ones
    assert_no_error_lines(caplog)
