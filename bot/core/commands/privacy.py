"""Members' data: /link (one member across platforms), /mydata (see it), /forget (erase it)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.core import wording
from bot.core.actions import LINK_CODE_MINUTES
from bot.core.context import Call
from bot.core.errors import LinkFailed
from bot.core.events import Button, Reply
from bot.core.models import Role
from bot.core.router import Command


async def link(call: Call) -> list[Reply]:
    if not call.args:
        made = await call.ctx.members.link_code(call.caller)
        values = {
            "code": made.code,
            "minutes": str(made.minutes),
            "telegram": f"/link {made.code}",
            "slack": f"{call.ctx.slack_command} link {made.code}",
        }
        return [Reply("link-code", values)]
    try:
        linked = await call.ctx.members.link(call.args[0], call.caller)
    except LinkFailed as failed:
        return [
            Reply(
                "link-failed",
                {"minutes": str(LINK_CODE_MINUTES), "link": call.spell("link"), "why": failed.why},
            )
        ]
    return [Reply("linked", {"identities": [str(i) for i in linked.identities]})]


_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# A stored time, not a member's words that begin with one.
_WHOLE_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?")


def _shown(value: object, zone: ZoneInfo) -> str:
    """A value as a person reads it: the export's ISO times (UTC, with microseconds) in the
    bot's time zone, like every other time the bot shows; the JSON file keeps them ISO, with
    the zone's offset (_zoned)."""
    if isinstance(value, str) and _ISO_TIME.match(value):
        try:
            return wording.at(datetime.fromisoformat(value), zone, short=True)
        except ValueError:
            pass
    return str(value)


def _zoned(value: object, zone: ZoneInfo) -> object:
    """The export for the member's file: each time (stored in UTC) as ISO 8601 in the bot's
    time zone with its offset, to the second (2023-05-08T10:00:00+01:00), still machine-
    readable; everything else as it is."""
    if isinstance(value, dict):
        return {k: _zoned(v, zone) for k, v in value.items()}
    if isinstance(value, list):
        return [_zoned(v, zone) for v in value]
    if isinstance(value, str) and _WHOLE_ISO_TIME.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is None:  # the store's times are UTC
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(zone).isoformat(timespec="seconds")
    return value


def _held(value: object, zone: ZoneInfo) -> str:
    """A field of the member's own record: one the bot holds nothing in (no branch) is "not
    set", as /whoami says, not Python's None."""
    return "not set" if value is None else _shown(value, zone)


def _short(rows: list[object], zone: ZoneInfo) -> str:
    parts = []
    for row in rows[:5]:
        if isinstance(row, dict):
            parts.append(" ".join(_shown(v, zone) for v in row.values() if v is not None))
        else:
            parts.append(_shown(row, zone))
    return "; ".join(parts) + ("; …" if len(rows) > 5 else "")


async def mydata(call: Call) -> list[Reply]:
    held = (await call.ctx.members.export(call.caller)).held
    lines = []
    for key, value in held.items():
        label = key.replace("_", " ")
        if isinstance(value, list):
            shown = f" ({_short(value, call.zone)})" if value else ""
            lines.append(f"{label}: {len(value)}{shown}")
        elif isinstance(value, dict):
            pairs = (f"{k.replace('_', ' ')} {_held(v, call.zone)}" for k, v in value.items())
            lines.append(f"{label}: " + ", ".join(pairs))
    document = json.dumps(_zoned(held, call.zone), indent=2, ensure_ascii=False, default=str)
    return [
        Reply(
            "mydata",
            {"lines": lines, "forget": call.spell("forget")},
            attachment=("my-data.json", document),
        )
    ]


async def forget(call: Call) -> list[Reply]:
    confirmed = bool(call.args) and call.args[0].lower() == "confirm"
    if not confirmed or not call.incoming.is_dm:
        # Asked in a group, the router sends this privately; nothing is erased from there.
        values = {"command": f"{call.spell('forget')} confirm", "mydata": call.spell("mydata")}
        return [
            Reply(
                "forget-confirm",
                values,
                buttons=(Button("Yes, erase everything", "/forget confirm"),),
            )
        ]
    done = await call.ctx.members.forget(call.caller)
    lines = [f"{_ERASED.get(k, k.replace('_', ' '))}: {v}" for k, v in sorted(done.touched.items())]
    return [Reply("forgotten", {"lines": lines})]


# What each store table's count means to the person erased (was the table's own name:
# "audit_log: 1" read as if their audit entries were deleted; they are kept, pseudonymised).
_ERASED = {
    "members": "your member record, erased",
    "identities": "linked chat accounts, erased",
    "roles": "roles, removed",
    "channels": "direct-message chats, erased",
    "deliveries": "messages to you: waiting ones dropped, sent ones no longer name you",
    "subscriptions": "subscriptions you asked for: requests withdrawn, others no longer name you",
    "petition_signatures": "petition signatures, kept only as anonymous counts",
    "consultation_votes": "consultation votes, kept only as anonymous counts",
    "report_acks": "reports your branch noted, kept for no one",
    "ballot_banked": '"I\'ve voted" marks, erased',
    "questions": "questions, waiting or answered, erased",
    "link_codes": "link codes, erased",
    "audit_log": "audit entries, kept under a random pseudonym",
    "membership_list": "link to your membership record, removed (the union's list keeps it)",
    "invites": "invite codes, erased",
    "join_requests": "requests to join, erased",
    "dashboard_links": "dashboard sign-in links, erased",
    "dashboard_sessions": "dashboard sign-ins, ended",
    "broadcasts": "notices to you alone, erased; broadcasts you wrote, kept for no one",
    "consultations": "consultations you opened, kept for no one",
    "inbox": "messages not yet handled, dropped",
}


COMMANDS = [
    Command(
        "link",
        "join your Telegram and Slack accounts into one member (one-time code)",
        Role.ANYONE,
        link,
        usage="[CODE]",
        dm_only=True,
    ),
    Command("mydata", "everything the bot holds about you", Role.ANYONE, mydata, dm_only=True),
    Command("forget", "erase what the bot holds about you", Role.ANYONE, forget, dm_only=True),
]
