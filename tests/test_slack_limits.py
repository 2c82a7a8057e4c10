"""RELIABILITY.md row 15 on Slack: the stand-in refuses what Slack refuses (a section's text
over 3,000 characters, more than 50 blocks, `text` over 40,000), and the bot never sends
that: long text goes as ordered parts, each within every limit, nothing lost, no escape cut
in two. Telegram's side of the row is tests/test_markup.py (4,096 UTF-16 units)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from slack_sdk.errors import SlackApiError

from bot.adapters.slack.app import make_client
from bot.adapters.slack.outgoing import chunks, payloads
from bot.content.markup import SLACK_BLOCK, Block, Span, literal, utf16_len
from bot.content.templates import SLACK_MESSAGE, render
from bot.core.events import Button
from bot.core.models import DeliveryState, Platform
from bot.delivery.pacing import Limits, Pacer
from bot.standins.slack import SlackStandIn
from bot.standins.slack.limits import MOST_TEXT, SECTION_TEXT, refusal
from tests.delivery_kit import delivery_kit

ESCAPED = re.compile(r"(?:[^&<>]|&amp;|&lt;|&gt;)*", re.DOTALL)  # every & starts an escape
TRICKY = [
    "&",
    "&amp;",
    "<",
    ">",
    "<!channel>",
    "<!here>",
    "<@U123>",
    "<!subteam^S1>",
    "<https://evil.example|bank>",
    "😀",
    "𝄞",
    "中文字符",
    "👩‍👩‍👧",
    " ",
    "\n",
    "word ",
]
pieces = st.lists(st.sampled_from(TRICKY) | st.text(max_size=40), min_size=1, max_size=200)
long_text = (
    st.tuples(pieces, st.integers(1, 120)).map(lambda t: "".join(t[0]) * t[1]).filter(bool)
)


def _rich_texts(payload: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("text", "link") and isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk([b for b in payload.get("blocks", []) if b.get("type") == "rich_text"])
    return found


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _within_every_limit(payload: dict[str, Any]) -> None:
    assert refusal(payload["text"], payload.get("blocks")) is None
    assert ESCAPED.fullmatch(payload["text"])  # no escape cut, no mention or link formed
    blocks = [b for b in payload.get("blocks", []) if b.get("type") == "rich_text"]
    for block in blocks:  # each block within a section's limit, the message within ours
        assert utf16_len("".join(_rich_texts({"blocks": [block]}))) <= SLACK_BLOCK <= SECTION_TEXT
    assert utf16_len("".join(_rich_texts(payload))) <= SLACK_MESSAGE


@given(long_text)
@example("&" * 9_000)  # 45,000 characters once escaped, were it one part
@example("<!channel> " * 5_000)
@settings(max_examples=60, deadline=None)
def test_parts_join_back_to_the_text_and_each_is_within_slacks_limits(value: str) -> None:
    doc = (Block("para", (Span(value),)),)
    found = payloads(render(doc, Platform.SLACK), (Button("Sign", "/sign pay"),))
    for payload in found:
        _within_every_limit(payload)
    assert "".join(t for p in found for t in _rich_texts(p)) == value
    assert _unescape("".join(p["text"] for p in found)) == value


@given(long_text)
@settings(max_examples=40, deadline=None)
def test_paragraphs_keep_every_character_in_order(value: str) -> None:
    found = payloads(render(literal(value), Platform.SLACK))
    for payload in found:
        _within_every_limit(payload)
    shown = "".join(t for p in found for t in _rich_texts(p))
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", value)
    fallback = _unescape("".join(p["text"] for p in found))
    assert re.sub(r"\s", "", fallback) == re.sub(r"\s", "", value)


@given(st.lists(st.sampled_from(TRICKY), max_size=300).map("".join), st.integers(5, 60))
@settings(max_examples=100, deadline=None)
def test_chunks_never_cut_an_escape(value: str, most: int) -> None:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    found = chunks(escaped, most)
    assert "".join(found) == escaped
    assert all(len(piece) <= most and ESCAPED.fullmatch(piece) for piece in found)


async def test_the_standin_refuses_what_slack_refuses() -> None:
    """Each limit, one character either side, through the real slack-sdk client."""

    def section(length: int) -> dict[str, Any]:
        return {"type": "section", "text": {"type": "plain_text", "text": "x" * length}}

    async with SlackStandIn() as slack:
        client = make_client(slack.token, slack.base_url)
        client.retry_handlers.clear()
        post = client.chat_postMessage
        taken = [
            await post(channel="C1", text="x" * MOST_TEXT),
            await post(channel="C1", text="x", blocks=[section(SECTION_TEXT)]),
            await post(channel="C1", text="x", blocks=[section(1)] * 50),
            await post(channel="C1", text="x", blocks=[_rich(SECTION_TEXT + 1)]),
        ]
        assert all(answer["ok"] for answer in taken)
        for error, kwargs in [
            ("msg_too_long", {"text": "x" * (MOST_TEXT + 1)}),
            ("invalid_blocks", {"text": "x", "blocks": [section(SECTION_TEXT + 1)]}),
            ("invalid_blocks", {"text": "x", "blocks": [section(1)] * 51}),
        ]:
            with pytest.raises(SlackApiError) as refused:
                await post(channel="C1", **kwargs)
            assert refused.value.response["error"] == error
        with pytest.raises(SlackApiError) as view:
            crowded = {"type": "home", "blocks": [section(1)] * 101}
            await client.views_publish(user_id="U1", view=crowded)
        assert view.value.response["error"] == "invalid_blocks"
        assert slack.over_limits == 4 and len(slack.received["C1"]) == 4


def _rich(length: int) -> dict[str, Any]:
    """A rich_text block (Slack documents no limit on its length)."""
    text = {"type": "text", "text": "x" * length}
    return {"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [text]}]}


@pytest.mark.parametrize("length", [3_500, 45_000])
async def test_a_long_broadcast_reaches_slack_whole_in_parts(tmp_path: Path, length: int) -> None:
    """Longer than a section (3,000) and than a message's text (40,000): delivered, in
    order, every part taken by the stand-in, on Telegram (4,096 UTF-16 units) as well."""
    unit = "Pay & conditions <!channel> 😀 中文 <https://x.example|bank> — read this. "
    body = (unit * (length // len(unit) + 1))[:length]
    async with delivery_kit(tmp_path, telegram=1, slack=1) as kit:
        # Size, not pace, is under test: at Slack's 1 a second per channel 6 parts take 6 s.
        kit.app.pacers[Platform.SLACK] = Pacer(Limits(None, None, None))
        await kit.restart()
        broadcast = await kit.send(f"Long update\n{body}")
        await kit.settle(broadcast)
        rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
        assert {d.state for d in rows} == {DeliveryState.SENT}
        tg_chat, slack_chat = kit.channels
        posted = kit.slack.received[slack_chat.chat_id]
        assert len(posted) >= length // SLACK_MESSAGE + 1 and kit.slack.over_limits == 0
        shown = "".join(t for p in posted for t in _rich_texts({"blocks": p.blocks}))
        assert re.sub(r"\s", "", body) in re.sub(r"\s", "", shown)
        assert all(len(p.text) <= MOST_TEXT and ESCAPED.fullmatch(p.text) for p in posted)
        assert kit.slack.notified_everyone == []
        telegram = "".join(kit.tg.texts(tg_chat.chat_id))
        assert len(kit.tg.received[tg_chat.chat_id]) >= length // 4096 + 1
        assert re.sub(r"\s", "", body) in re.sub(r"\s", "", telegram)
