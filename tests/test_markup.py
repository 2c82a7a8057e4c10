"""Property tests: any text renders to markup the platform accepts, and splits losslessly."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.content.markup import (
    Block,
    Span,
    literal,
    parse,
    split,
    telegram_visible_text,
    to_plain,
    to_slack,
    to_telegram_html,
    utf16_len,
)
from bot.content.templates import TELEGRAM_LIMIT, render
from bot.core.models import Platform
from bot.standins.telegram.html import ParseEntitiesError, visible_text

DANGEROUS = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "@here",
    "@channel",
    "<b>",
    "</i>",
    "*",
    "_",
    "`",
    "&amp;",
    "<@U123>",
    "<!subteam^S1>",
    "<https://evil.example|bank>",
    "[x](y)",
    "\\",
]
user_text = st.one_of(
    st.text(),
    st.lists(st.sampled_from(DANGEROUS) | st.text(max_size=5), max_size=12).map("".join),
)
TEMPLATE = "**Update for {branch}:** {text}\n\n- {text}\n\nSee [the page]({url})."


def _texts(doc: tuple[Block, ...]) -> str:
    return "".join(s.text for b in doc for s in b.spans)


@given(user_text)
@example("<!channel> please *vote* _now_ <b>bold</b> & more")
def test_values_render_literally_everywhere(value: str) -> None:
    doc = parse(TEMPLATE, {"branch": value, "text": value, "url": "https://example.org/x?a=1&b=2"})
    html = to_telegram_html(doc)
    shown = visible_text(html)  # raises if Telegram would refuse it
    assert shown == telegram_visible_text(doc)
    if value.strip():
        assert value.strip() in shown or value.strip() in shown.replace("\n", "")
    slack = to_slack(doc)
    assert "<!" not in slack["text"] and "<@" not in slack["text"] and "<http" not in slack["text"]
    for element in _slack_texts(slack):
        assert "&lt;" not in element  # rich_text carries the literal characters, not entities
    assert "link_names" not in slack and "parse" not in slack


def _slack_texts(payload: dict[str, object]) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "text":
                found.append(str(node["text"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(payload.get("blocks", []))
    return found


@given(user_text)
def test_free_text_keeps_every_character_in_order(value: str) -> None:
    import re

    shown = to_plain(literal(value))
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", value)


@given(st.text(min_size=0, max_size=20000))
@settings(max_examples=60, deadline=None)
def test_split_loses_and_reorders_nothing(value: str) -> None:
    doc = (Block("para", (Span(value),)),) if value else ()
    parts = split(doc, TELEGRAM_LIMIT)
    assert "".join(_texts(p) for p in parts) == value
    for part in parts:
        assert utf16_len(visible_text(to_telegram_html(part))) <= TELEGRAM_LIMIT


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=900), st.booleans(), st.booleans()),
        min_size=1,
        max_size=30,
    )
)
@settings(max_examples=50, deadline=None)
def test_split_keeps_styles_and_surrogates(spans: list[tuple[str, bool, bool]]) -> None:
    emoji_heavy = [Span(t + "😀𝄞", bold=b, italic=i) for t, b, i in spans]
    doc = (Block("para", tuple(emoji_heavy)),) * 3
    parts = split(doc, 1000)
    assert "".join(_texts(p) for p in parts) == _texts(doc)
    for part in parts:
        html = to_telegram_html(part)
        visible_text(html)
        assert utf16_len(telegram_visible_text(part)) <= 1000
        for block in part:
            for span in block.spans:
                assert all(not (0xD800 <= ord(c) <= 0xDFFF) for c in span.text)


def _help(commands: int) -> tuple[Block, ...]:
    """/help's shape: a greeting, a paragraph, the line that opens the list, the list."""
    opening = [Block("para", (Span("Hello — I'm the union's campaign bot.", bold=True),))]
    opening.append(Block("para", (Span("I share campaign news and answer questions. " * 3),)))
    opening.append(Block("para", (Span("Commands for you (organiser):"),)))
    line = "/campaign command{} ARGS — what it does, in a line of about eighty characters"
    return (*opening, *(Block("bullet", (Span(line.format(n)),)) for n in range(commands)))


def test_a_split_leaves_no_line_alone_and_cuts_before_a_section() -> None:
    """Greedy filling left the last command alone in a second message. Cut where the two
    parts come out most even, before the line that opens the list (the list with it)."""
    doc = _help(36)
    limit = utf16_len(to_plain(doc)) + 64 - 80  # one line too long for one message
    first, second = split(doc, limit)
    assert first == doc[:2] and second == doc[2:]  # the section, whole, in the second part
    doc = _help(30)[3:]  # a list alone: no section starts inside it, so the two halves
    first, second = split(doc, utf16_len(to_plain(doc)) + 64 - 80)
    assert (len(first), len(second)) == (15, 15) and first + second == doc


def test_telegram_counts_utf16_units() -> None:
    text = "😀" * 3000  # 6000 UTF-16 units: must split though it is 3000 code points
    parts = render(literal(text), Platform.TELEGRAM)
    assert len(parts) == 2
    assert "".join(visible_text(p.text) for p in parts) == text


def test_bad_markup_is_refused_by_the_strict_reader() -> None:
    for bad in ["<b>unclosed", "a < b", "<script>x</script>", "&nbsp;", "<a>no href</a>"]:
        try:
            visible_text(bad)
        except ParseEntitiesError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_slack_payload_is_json_and_links_are_real() -> None:
    doc = parse(
        "Read [the report]({url}) by *{when}*", {"url": "https://example.org/r", "when": "Friday"}
    )
    payload = to_slack(doc)
    json.dumps(payload)
    section = payload["blocks"][0]["elements"][0]["elements"]
    assert {"type": "link", "url": "https://example.org/r", "text": "the report"} in section
    assert {"type": "text", "text": "Friday", "style": {"italic": True}} in section


def test_a_link_whose_address_is_an_empty_value_is_left_out() -> None:
    """A ballot added in chat has no information page: its reminders said "Official
    information" as if it led somewhere. A link typed with no address stays as written."""
    template = "Vote by Friday.\n\n[Official information]({url})\n\nNeutral."
    for url, shown in (("", "Vote by Friday.\n\nNeutral."), ("https://x.org", None)):
        doc = parse(template, {"url": url})
        assert (to_plain(doc) == shown) if shown else "Official information" in to_plain(doc)
        assert ("Official information" in to_telegram_html(doc)) is bool(url)
    assert to_plain(parse("See [the page]() now.")) == "See the page now."
