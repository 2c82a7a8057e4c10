"""What reaches /slack/events, checked before anything else is done with it.

The signature is verified on the raw bytes first (HMAC-SHA256 with the signing secret,
five-minute window); only then is the body read: an Events API envelope (JSON), an
interaction (`payload=<json>`, form-encoded) or a slash command (form fields). Anything
else is refused. Pure functions: no I/O, never an exception.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from bot.adapters.rawjson import loads_object, too_deep

WINDOW = 300  # seconds either side of now that a request's timestamp may be
_STAMP = re.compile(r"^[0-9]{1,12}$")
_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def signed(secret: str, timestamp: str, signature: str, body: bytes, now: float) -> bool:
    """Slack's v0 signature over the raw body; false for anything missing or odd (and for
    an empty secret: this never fails open)."""
    if not secret or not _STAMP.match(timestamp) or abs(now - int(timestamp)) > WINDOW:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


@dataclass(frozen=True)
class Arrival:
    """A verified request, read: what kind it is, its body, its inbox key (None: nothing to
    store, only answer) and what Slack is answered with (None: an empty 200)."""

    kind: str  # "event", "interactivity" or "slash"
    body: dict[str, Any] = field(default_factory=dict)
    key: str | None = None
    ack: dict[str, Any] | None = None


def read(content_type: str, body: bytes) -> Arrival | None:
    """A verified HTTP body → what it is, or None if it is not a Slack payload."""
    if content_type == "application/json" or body[:1] == b"{":
        envelope = loads_object(body)
        return from_envelope(envelope) if envelope is not None else None
    try:
        text = body.decode("utf-8")
        form = {k: v[0] for k, v in parse_qs(text, max_num_fields=100).items()}
    except (UnicodeDecodeError, ValueError):
        return None
    return from_form(form)


def from_envelope(envelope: dict[str, Any]) -> Arrival | None:
    kind = envelope.get("type")
    if kind == "url_verification" and isinstance(envelope.get("challenge"), str):
        return Arrival("verification", ack={"challenge": envelope["challenge"]})
    if kind == "app_rate_limited":
        return Arrival("rate-limited")
    if kind == "event_callback" and isinstance(envelope.get("event"), dict):
        return Arrival("event", envelope, _key(envelope.get("event_id")))
    return None


def from_form(form: dict[str, str]) -> Arrival | None:
    if "payload" in form:
        payload = loads_object(form["payload"])
        return from_interaction(payload) if payload is not None else None
    if "ssl_check" in form:
        return Arrival("ssl-check")
    if isinstance(form.get("command"), str) and form["command"].startswith("/"):
        return Arrival("slash", dict(form), _key(form.get("trigger_id"), "trigger"))
    return None


def from_interaction(payload: dict[str, Any]) -> Arrival | None:
    if not isinstance(payload.get("type"), str):
        return None
    ack: dict[str, Any] | None = {"options": []} if payload["type"] == "block_suggestion" else None
    return Arrival("interactivity", payload, _key(payload.get("trigger_id"), "trigger"), ack)


def from_socket(kind: str, payload: object) -> Arrival | None:
    """A Socket Mode envelope's payload (already parsed by the SDK) → what it is."""
    if not isinstance(payload, dict) or too_deep(payload):
        return None
    if kind == "events_api":
        return from_envelope(payload)
    if kind == "interactive":
        return from_interaction(payload)
    if kind == "slash_commands":
        form = {str(k): str(v) for k, v in payload.items() if isinstance(v, str)}
        return from_form(form)
    return None


def _key(platform_id: object, prefix: str = "") -> str:
    """The inbox key: Slack's own id when it gives one (so its retries meet the first
    copy), otherwise a fresh one."""
    if isinstance(platform_id, str) and _ID.match(platform_id):
        return f"slack:{prefix + ':' if prefix else ''}{platform_id}"
    return f"slack:local:{uuid.uuid4().hex}"
