"""Every message the bot sends on Slack, stated once: command replies and broadcasts alike.

A message is one or more parts: rich-text blocks (people's words shown literally, so
`<!channel>` never notifies) with an escaped plain-text fallback, link unfurls off, buttons
on the last part. Both replies and broadcasts take their turn at the same pacer, one turn
per part: about one message a second per channel. A broadcast's parts carry our delivery id
in their `metadata`, so a send left in doubt can be looked up (`conversations.history` with
`include_all_metadata`) instead of being sent twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.content.templates import Rendered
from bot.core.buttons import encode
from bot.core.events import Button
from bot.core.models import CONNECTION_DROPPED
from bot.delivery.ports import SendResult, Verdict

NEEDS_PERSON = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "restricted_action",
    "team_access_not_granted",
}
BAD_TOKEN = {
    "invalid_auth",
    "token_revoked",
    "not_authed",
    "account_inactive",
    "token_expired",
    "no_permission",
}
TRANSIENT = {"fatal_error", "internal_error", "service_unavailable", "request_timeout"}
DELIVERY_EVENT = "campaign_delivery"  # the metadata event_type on every broadcast part


def delivery_metadata(delivery_id: int, part: int) -> dict[str, Any]:
    """What tells a broadcast part apart in a channel's history: our delivery id."""
    return {"event_type": DELIVERY_EVENT, "event_payload": {"delivery": delivery_id, "part": part}}


def parts_found(messages: Sequence[dict[str, Any]], delivery_id: int) -> set[int]:
    """Which parts of this delivery are among these messages (from conversations.history)."""
    found: set[int] = set()
    for message in messages:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == DELIVERY_EVENT and payload.get("delivery") == delivery_id:
            part = payload.get("part", 0)
            found.add(part if isinstance(part, int) else 0)
    return found


def actions_block(buttons: Sequence[Button]) -> dict[str, Any]:
    return {
        "type": "actions",
        "block_id": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": f"ucb1-{i}",  # ours, versioned: see bot/core/buttons.py
                "value": encode(b.data)[:2000],
                "text": {"type": "plain_text", "text": b.label[:75], "emoji": True},
            }
            for i, b in enumerate(buttons)
        ],
    }


def payloads(parts: Sequence[Rendered], buttons: Sequence[Button] = ()) -> list[dict[str, Any]]:
    """chat.postMessage arguments for each part; buttons on the last one."""
    found: list[dict[str, Any]] = [
        {**(part.slack or {"text": part.text}), "unfurl_links": False, "unfurl_media": False}
        for part in parts
    ]
    if buttons and found:
        last = found[-1]
        last["blocks"] = [*last.get("blocks", []), actions_block(buttons)]
    return found


def chunks(text: str, most: int) -> list[str]:
    """Slack-escaped `text` in ordered pieces of at most `most` characters that join back
    to it, none cutting an escape (`&amp;`, `&lt;`, `&gt;`: at most 5 characters) in two."""
    pieces: list[str] = []
    while len(text) > most:
        cut = most
        start = text.rfind("&", max(0, cut - 4), cut)
        if start > 0 and ";" not in text[start:cut]:
            cut = start
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def classify(error: SlackApiError) -> SendResult:
    """What a refused send means for the delivery engine (see delivery/ports.Verdict)."""
    response = error.response
    code = str(response.get("error", "error")) if response is not None else "error"
    status = getattr(response, "status_code", 200)
    if status == 429 or code == "ratelimited":
        headers = getattr(response, "headers", {}) or {}
        wait = float(headers.get("Retry-After", headers.get("retry-after", 1)) or 1)
        return SendResult(Verdict.RETRY_AFTER, "ratelimited", retry_after=wait)
    if code in NEEDS_PERSON:
        return SendResult(Verdict.NEEDS_ATTENTION, code)
    if code in BAD_TOKEN:
        return SendResult(Verdict.HALT, f"Slack rejected the bot token ({code})")
    if code in TRANSIENT or status >= 500:
        return SendResult(Verdict.TRANSIENT, f"{code} ({status})")
    return SendResult(Verdict.FAILED, code)


def classify_network(error: Exception) -> SendResult:
    """A failure below Slack's API: never connected (safe to retry) or maybe delivered."""
    if isinstance(error, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        return SendResult(Verdict.TRANSIENT, f"could not connect: {type(error).__name__}")
    if isinstance(error, TimeoutError):  # the platform may still hold it, and post it later
        return SendResult(Verdict.AMBIGUOUS, f"no answer: {type(error).__name__}")
    return SendResult(Verdict.AMBIGUOUS, f"{CONNECTION_DROPPED}: {type(error).__name__}")
