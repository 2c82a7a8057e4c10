"""/broadcast with a preview and confirm buttons; /broadcast_send, /broadcast_cancel."""

from __future__ import annotations

import re
from datetime import datetime

from bot.core import wording
from bot.core.context import Call
from bot.core.errors import InvalidInput
from bot.core.events import Button, Reply
from bot.core.models import Role
from bot.core.results import BroadcastRequest
from bot.core.router import Command
from bot.core.timeparse import FORMS, parse_when
from bot.core.wording import counted

_SHAPE = re.compile(
    r"^(?P<topic>\S+)\s+(?P<target>[^\s,]+(?:\s*,\s*[^\s,]+)*)"
    r"(?:\s+at\s+(?P<when>\"[^\"]+\"|'[^']+'|tomorrow\s+\S+"
    r"|\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}\S*|\S+))?"
    r"\s+(?P<text>\S.*)$",
    re.DOTALL,
)
# "at 09:00" and nothing after it: a time with no text, not a message reading "at 09:00"
_ONLY_A_TIME = re.compile(r"at(?:\s+(?:tomorrow\s*)?[\d:T -]*)?", re.IGNORECASE)


def _usage(call: Call) -> str:
    return (
        f"{call.spell('broadcast')} TOPIC all|group:NAME|BRANCH,... [at WHEN] TEXT — "
        f"WHEN is {FORMS}"
    )


def _when(call: Call, moment: datetime | None) -> str:
    if moment is None:
        return "now, once you confirm"
    return wording.at_zoned(moment, call.zone)


async def broadcast(call: Call) -> list[Reply]:
    match = _SHAPE.match(call.rest.strip())
    if match is None:
        raise InvalidInput("usage", _usage(call))
    when = None
    if match.group("when"):
        when = parse_when(match.group("when").strip("\"'"), call.ctx.clock.now(), call.ctx.timezone)
    elif _ONLY_A_TIME.fullmatch(match.group("text").strip()):
        raise InvalidInput("TEXT", f"nothing to send after the time; {_usage(call)}")
    # "dwp-leeds, hmrc-liverpool": both branches, not "hmrc-liverpool" as the text's first word
    target = re.sub(r"\s+", "", match.group("target"))
    request = BroadcastRequest(match.group("topic"), target, text=match.group("text"), send_at=when)
    draft = await call.ctx.broadcasts.draft(request, call.caller)
    made = draft.broadcast
    preview = Reply("broadcast", {"title": made.title, "body": made.body})
    summary = Reply(
        "broadcast-preview",
        {
            "id": str(made.id),
            "channels": counted(draft.channels, "channel"),
            "topic": made.topic,
            "audience": made.group or ", ".join(made.branches) or "all branches",
            "when": _when(call, made.send_at),
        },
        buttons=(
            Button("Schedule" if when else "Send now", f"/broadcast_send {made.id}"),
            Button("Cancel", f"/broadcast_cancel {made.id}"),
        ),
    )
    return [preview, summary]


def _id(call: Call, action: str) -> int:
    if not call.args or not call.args[0].isdigit():
        raise InvalidInput("ID", f"usage: {call.spell(action)} ID")
    return int(call.args[0])


async def broadcast_send(call: Call) -> list[Reply]:
    done = await call.ctx.broadcasts.confirm(_id(call, "broadcast_send"), call.caller)
    made = done.broadcast
    if done.scheduled_for is not None:
        return [
            Reply("broadcast-scheduled", {"id": str(made.id), "when": _when(call, made.send_at)})
        ]
    return [
        Reply("broadcast-queued", {"id": str(made.id), "channels": counted(done.queued, "channel")})
    ]


async def broadcast_cancel(call: Call) -> list[Reply]:
    done = await call.ctx.broadcasts.cancel(_id(call, "broadcast_cancel"), call.caller)
    return [
        Reply(
            "broadcast-cancelled",
            {"id": str(done.broadcast_id), "stopped": counted(done.stopped, "message")},
        )
    ]


COMMANDS = [
    Command(
        "broadcast",
        "compose a broadcast: preview, then send or schedule",
        Role.ORGANISER,
        broadcast,
        usage="TOPIC AUDIENCE [at WHEN] TEXT",
    ),
    Command(
        "broadcast_send",
        "send or schedule a broadcast you composed",
        Role.ORGANISER,
        broadcast_send,
        usage="ID",
    ),
    Command(
        "broadcast_cancel",
        "cancel a broadcast before it goes",
        Role.ORGANISER,
        broadcast_cancel,
        usage="ID",
    ),
]
