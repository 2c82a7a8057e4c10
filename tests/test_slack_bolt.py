"""slack-bolt behind our gate: its listeners store and ack what passed the signature check;
what bolt cannot route is answered without a 5xx, and bolt never logs what a request said."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp

from bot.adapters.slack import SlackAdapter
from bot.adapters.slack.listeners import BOLT_LOGGER, Withheld
from tests.harness import eventually, running, settle
from tests.test_ingress_fuzz import FORM, post_slack, row_counts

WORDS = "U0SECRET1 my private words"


async def test_the_adapter_routes_through_a_bolt_app_whose_logger_withholds_text(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, telegram=False) as h:
        adapter = h.bot.slack
        assert isinstance(adapter, SlackAdapter) and isinstance(adapter.bolt, AsyncApp)
        assert any(isinstance(f, Withheld) for f in adapter.bolt.logger.filters)
        assert adapter.bolt.logger.name == BOLT_LOGGER


async def test_a_command_that_mentions_payload_is_answered(tmp_path: Path) -> None:
    """Bolt would read such a form as an empty interaction: it is given the body we read."""
    async with running(tmp_path, telegram=False) as h:
        form = h.slack.command("U0ANA00001", "D0ANA00001", "ask what is the payload?")
        form["channel_name"] = "directmessage"
        assert (await h.slack.post_command(h.events_url, form)).status == 200
        await eventually(lambda: bool(h.slack.responses or h.slack.received["D0ANA00001"]))


async def test_what_bolt_cannot_route_gets_no_5xx_and_its_text_is_never_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # Bolt's "Unhandled request" warning quotes the payload's type: a forger's words.
    unknown = {"type": WORDS, "trigger_id": "1.2", "text": WORDS}
    odd_user = {
        "type": "event_callback",
        "event_id": "Ev0ODD0001",
        "event": {"type": "message", "user": 7, "text": WORDS, "channel": "D0ANA00001"},
    }
    async with running(tmp_path, telegram=False) as h:
        before = await row_counts(h)
        caplog.clear()
        body = ("payload=" + json.dumps(unknown)).encode()
        assert await post_slack(h, body, FORM) == 200  # no listener: acknowledged
        assert await post_slack(h, json.dumps(odd_user).encode(), "application/json") == 400
        await settle(0.3)
        assert await row_counts(h) == before  # neither was stored
        bolt = [r for r in caplog.records if r.name.startswith((BOLT_LOGGER, "slack_bolt"))]
        assert bolt, "bolt said nothing: the unhandled request should be noted, withheld"
        for record in caplog.records:
            text = record.getMessage()
            assert "SECRET" not in text and "private words" not in text, text
            assert record.levelno <= logging.WARNING and record.exc_info is None
        assert "Traceback" not in caplog.text
