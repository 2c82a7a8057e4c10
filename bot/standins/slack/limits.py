"""Slack's documented limits on what a message (or a view) may carry, with the errors Slack
answers when one is passed: `msg_too_long` for a message's `text` over 40,000 characters
(chat.postMessage); `invalid_blocks` for more than 50 blocks in a message (100 in a view),
a section's text over 3,000 characters, a section field's over 2,000 (10 fields at most),
or a header's over 150. Characters are counted as Slack counts them, one per code point."""

from __future__ import annotations

from typing import Any

MOST_TEXT = 40_000
MOST_BLOCKS = 50
MOST_VIEW_BLOCKS = 100
SECTION_TEXT = 3_000
FIELD_TEXT = 2_000
MOST_FIELDS = 10
HEADER_TEXT = 150


def refusal(text: object, blocks: object, most_blocks: int = MOST_BLOCKS) -> str | None:
    """The error Slack answers for this text and these blocks, or None if it takes them."""
    if text and len(str(text)) > MOST_TEXT:
        return "msg_too_long"
    if blocks is None:
        return None
    if not isinstance(blocks, list) or len(blocks) > most_blocks:
        return "invalid_blocks"
    if not all(isinstance(block, dict) and _block_fits(block) for block in blocks):
        return "invalid_blocks"
    return None


def _block_fits(block: dict[str, Any]) -> bool:
    kind = block.get("type")
    if kind == "section":
        text, fields = block.get("text"), block.get("fields") or []
        if text is None and not fields:
            return False
        if text is not None and _length(text) > SECTION_TEXT:
            return False
        return len(fields) <= MOST_FIELDS and all(_length(f) <= FIELD_TEXT for f in fields)
    if kind == "header":
        return _length(block.get("text")) <= HEADER_TEXT
    return isinstance(kind, str)


def _length(text_object: object) -> int:
    """A text object's length; one that is not a text object is over every limit."""
    if not isinstance(text_object, dict) or not isinstance(text_object.get("text"), str):
        return MOST_TEXT + 1
    return len(text_object["text"])
