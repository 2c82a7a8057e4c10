"""No request, signed or not, gets a 5xx; a malformed one gets a 4xx, one warning without
its body, and writes nothing. Random bytes, random JSON and random structures are posted,
with valid signatures (Slack) and the right secret (Telegram), to the running bot."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp import ClientSession, ClientTimeout
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.standins.slack import TEST_SIGNING_SECRET
from bot.storage import tables
from bot.storage.sql import SqlStore
from tests.harness import Harness, running, settle

SECRET = "fuzz-secret_0123456789"
WEBHOOK = {
    "TELEGRAM_WEBHOOK_URL": "http://127.0.0.1:1/telegram/webhook",
    "TELEGRAM_WEBHOOK_SECRET": SECRET,
}
FORM = "application/x-www-form-urlencoded"
PRINTABLE = st.characters(min_codepoint=32, max_codepoint=126)  # what an HTTP header holds


@contextmanager
def bot_in_a_loop(tmp_path: Path) -> Iterator[tuple[asyncio.AbstractEventLoop, Harness]]:
    """The bot on both stand-ins, in an event loop of its own that each example drives."""
    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()
    harness = loop.run_until_complete(stack.enter_async_context(running(tmp_path, **WEBHOOK)))
    harness.tg.webhook_url = harness.webhook_url
    try:
        yield loop, harness
    finally:
        loop.run_until_complete(stack.aclose())
        loop.close()


async def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    async with ClientSession(timeout=ClientTimeout(total=15)) as session:
        async with session.post(url, data=body, headers=headers) as response:
            await response.read()
            return response.status


def signature(body: bytes, stamp: str | None = None) -> dict[str, str]:
    """Slack's v0 signature over the raw bytes, whatever they are."""
    stamp = stamp or str(int(time.time()))
    digest = hmac.new(
        TEST_SIGNING_SECRET.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256
    )
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + digest.hexdigest()}


async def post_slack(h: Harness, body: bytes, content_type: str, sign: bool = True) -> int:
    headers = {"Content-Type": content_type, **(signature(body) if sign else {})}
    return await post(h.events_url, body, headers)


async def post_telegram(h: Harness, body: bytes, secret: str = SECRET) -> int:
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
    return await post(h.webhook_url, body, headers)


# --- what is posted -----------------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)
ids = st.integers(min_value=-(2**63), max_value=2**63) | st.text(max_size=20) | st.none()
people = st.fixed_dictionaries(
    {"id": ids}, optional={"is_bot": st.booleans(), "first_name": st.text(max_size=5)}
)
chats = st.fixed_dictionaries(
    {"id": ids, "type": st.sampled_from(["private", "group", "supergroup", "channel", "x"])},
    optional={"title": json_values, "is_forum": st.booleans()},
)
messages = st.fixed_dictionaries(
    {"chat": chats | json_values},
    optional={
        "from": people | json_values,
        "sender_chat": chats,
        "text": st.sampled_from(["/help", "/subscribe x", "/x@campaign_test_bot", "hi"])
        | json_values,
        "message_thread_id": ids,
        "is_topic_message": st.booleans(),
        "migrate_to_chat_id": ids,
        "new_chat_members": st.lists(people, max_size=2) | json_values,
        "left_chat_member": people | json_values,
        "new_chat_title": json_values,
        "reply_to_message": json_values,
    },
)
fields = st.sampled_from(
    ["message", "edited_message", "channel_post", "my_chat_member", "chat_member", "x_new"]
)
members = st.fixed_dictionaries(
    {"chat": chats, "from": people, "new_chat_member": json_values, "old_chat_member": json_values}
)
callbacks = st.fixed_dictionaries(
    {"id": ids, "from": people | json_values},
    optional={"data": json_values, "message": messages | json_values},
)
updates = st.builds(
    lambda uid, field, body: {"update_id": uid, field: body},
    st.integers(min_value=0, max_value=2**31),
    fields | st.just("callback_query"),
    messages | members | callbacks | json_values,
)
slack_events = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            ["message", "app_mention", "member_joined_channel", "channel_rename",
             "channel_id_changed", "app_uninstalled", "tokens_revoked", "app_home_opened",
             "channel_archive", "group_left", "x"]
        ),
    },
    optional={
        "user": ids | json_values,
        "channel": ids | json_values | st.fixed_dictionaries({"id": ids, "name": json_values}),
        "text": json_values,
        "subtype": json_values,
        "channel_type": json_values,
        "tokens": json_values,
        "old_channel_id": json_values,
        "new_channel_id": json_values,
        "thread_ts": json_values,
        "tab": json_values,
    },
)
envelopes = st.fixed_dictionaries(
    {"type": st.just("event_callback"), "event": slack_events | json_values},
    optional={"event_id": ids, "team_id": json_values, "authorizations": json_values},
)
interactions = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            ["block_actions", "interactive_message", "view_submission", "shortcut", "x"]
        )
    },
    optional={
        "user": json_values,
        "channel": json_values,
        "container": json_values,
        "actions": st.lists(json_values, max_size=2) | json_values,
        "trigger_id": ids,
    },
)
slash_forms = st.dictionaries(
    st.sampled_from(["command", "text", "user_id", "channel_id", "channel_name", "trigger_id"]),
    st.text(max_size=20),
)


@st.composite
def slack_bodies(draw: st.DrawFn) -> tuple[bytes, str]:
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.binary(max_size=200)), draw(st.sampled_from(["application/json", FORM]))
    if choice == 1:
        return json.dumps(draw(json_values)).encode(), "application/json"
    if choice <= 4:
        return json.dumps(draw(envelopes)).encode(), "application/json"
    if choice <= 7:
        payload = json.dumps(draw(interactions | json_values))
        return urlencode({"payload": payload}).encode(), FORM
    return urlencode(draw(slash_forms)).encode(), FORM


@st.composite
def telegram_bodies(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.binary(max_size=200))
    if choice == 1:
        return json.dumps(draw(json_values)).encode()
    return json.dumps(draw(updates)).encode()


# --- the properties -----------------------------------------------------------------------

FUZZ = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def no_error_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_signed_slack_requests_never_get_a_5xx_or_an_error_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    statuses: set[int] = set()
    with bot_in_a_loop(tmp_path) as (loop, h):

        @FUZZ
        @given(slack=slack_bodies())
        def posted(slack: tuple[bytes, str]) -> None:
            status = loop.run_until_complete(post_slack(h, *slack))
            statuses.add(status)
            assert status in (200, 400, 413)

        posted()
        loop.run_until_complete(settle(1.0))  # the handlers of what was accepted finish
    assert no_error_lines(caplog) == []
    assert statuses >= {200, 400}  # both kinds were tried


def test_unsigned_slack_requests_always_get_401(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with bot_in_a_loop(tmp_path) as (loop, h):

        @settings(FUZZ, max_examples=30)
        @given(slack=slack_bodies(), stamp=st.text(PRINTABLE, max_size=14) | st.just("1"))
        def posted(slack: tuple[bytes, str], stamp: str) -> None:
            body, content_type = slack
            headers = {"Content-Type": content_type, **signature(body + b"x")}
            headers["X-Slack-Request-Timestamp"] = stamp
            assert loop.run_until_complete(post(h.events_url, body, headers)) == 401

        posted()
    assert no_error_lines(caplog) == []


def test_telegram_webhook_never_gives_a_5xx_or_an_error_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    statuses: set[int] = set()
    with bot_in_a_loop(tmp_path) as (loop, h):

        @FUZZ
        @given(body=telegram_bodies())
        def posted(body: bytes) -> None:
            status = loop.run_until_complete(post_telegram(h, body))
            statuses.add(status)
            assert status in (200, 400, 413)

        posted()
        loop.run_until_complete(settle(1.0))
    assert no_error_lines(caplog) == []
    assert statuses >= {200, 400}


async def row_counts(h: Harness) -> dict[str, int]:
    store = h.bot.app.store
    assert isinstance(store, SqlStore)
    async with store.engine.connect() as conn:
        return {
            t.name: int(await conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in tables.metadata.sorted_tables
        }


DEEP = ("[" * 5000 + "]" * 5000).encode()
SLACK_BAD: list[tuple[str, bytes, str, int]] = [
    ("not utf-8", b"\xff\xfe\x00payload", FORM, 400),
    ("malformed json", b'{"type": "event_callback", "event": {', "application/json", 400),
    ("payload not json", b"payload=%7Bnot-json", FORM, 400),
    ("payload a list", b"payload=%5B1%2C2%5D", FORM, 400),
    ("json a list", b"[1, 2, 3]", "application/json", 400),
    ("json null", b"null", "application/json", 400),
    ("deeply nested", DEEP, "application/json", 400),
    ("nested object", b'{"a":' * 3000 + b"1" + b"}" * 3000, "application/json", 400),
    ("event not an object", b'{"type": "event_callback", "event": "x"}', "application/json", 400),
    ("form without a command", b"text=help&user_id=U1", FORM, 400),
]


@pytest.mark.parametrize(("name", "body", "content_type", "status"), SLACK_BAD)
async def test_malformed_slack_requests_are_refused_and_write_nothing(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    name: str,
    body: bytes,
    content_type: str,
    status: int,
) -> None:
    async with running(tmp_path, telegram=False) as h:
        before = await row_counts(h)
        caplog.clear()
        assert await post_slack(h, body, content_type) == status
        await settle(0.2)
        assert await row_counts(h) == before
        assert_one_warning_without_the_body(caplog, body)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": ""},
        {"X-Slack-Request-Timestamp": "１２３", "X-Slack-Signature": "v0=ab"},
        {"X-Slack-Request-Timestamp": "9" * 40, "X-Slack-Signature": "v0=ab"},
    ],
)
async def test_unsigned_slack_requests_get_401_before_the_body_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, headers: dict[str, str]
) -> None:
    async with running(tmp_path, telegram=False) as h:
        before = await row_counts(h)
        caplog.clear()
        body = b"\xff not even utf-8 user_id=U0SECRET1 text=my+words"
        assert await post(h.events_url, body, {"Content-Type": FORM, **headers}) == 401
        assert await row_counts(h) == before
        assert_one_warning_without_the_body(caplog, body)


TELEGRAM_BAD: list[tuple[str, bytes]] = [
    ("a list", b"[1, 2]"),
    ("a string", b'"update"'),
    ("null", b"null"),
    ("deeply nested", DEEP),
    ("not utf-8", b"\xff\xfe{}"),
    ("no update id", b'{"message": {"text": "/help"}}'),
    ("update id not a number", b'{"update_id": "7", "message": {}}'),
    ("update id a boolean", b'{"update_id": true, "message": {}}'),
]


@pytest.mark.parametrize(("name", "body"), TELEGRAM_BAD)
async def test_malformed_telegram_webhook_bodies_are_refused_and_write_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, body: bytes
) -> None:
    async with running(tmp_path, slack=False, **WEBHOOK) as h:
        before = await row_counts(h)
        caplog.clear()
        assert await post_telegram(h, body) == 400
        assert await post_telegram(h, body, secret="wrong") == 403
        await settle(0.2)
        assert await row_counts(h) == before
        warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(warnings) == 2 and all(r.levelno == logging.WARNING for r in warnings)


def assert_one_warning_without_the_body(caplog: pytest.LogCaptureFixture, body: bytes) -> None:
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    text = warnings[0].getMessage()
    for word in (b"U0SECRET1", b"my+words", b"event_callback", b"user_id"):
        assert word.decode() not in text
    assert "Traceback" not in caplog.text
