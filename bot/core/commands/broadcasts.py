"""/broadcast with a preview and confirm buttons; /broadcast_send, /broadcast_cancel."""

from __future__ import annotations

import re

from bot.core.commands.subscriptions import _audit, _outbox
from bot.core.context import Call
from bot.core.errors import Forbidden, InvalidInput, NotFound
from bot.core.events import Button, Reply
from bot.core.models import Broadcast, BroadcastState, Role
from bot.core.router import Command
from bot.core.timeparse import FORMS, parse_when

_SHAPE = re.compile(
    r"^(?P<topic>\S+)\s+(?P<target>\S+)"
    r"(?:\s+at\s+(?P<when>\"[^\"]+\"|'[^']+'|tomorrow\s+\S+"
    r"|\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}\S*|\S+))?"
    r"\s+(?P<text>\S.*)$",
    re.DOTALL,
)


def _usage(call: Call) -> str:
    return (
        f"{call.spell('broadcast')} TOPIC all|group:NAME|BRANCH,... [at WHEN] TEXT — "
        f"WHEN is {FORMS}"
    )


async def broadcast(call: Call) -> list[Reply]:
    match = _SHAPE.match(call.rest.strip())
    if match is None:
        raise InvalidInput("usage", _usage(call))
    text = match.group("text").strip()
    lines = text.splitlines()
    if len(lines) > 1 and len(lines[0]) <= 120:
        title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
    else:
        title, body = f"{match.group('topic').capitalize()} update", text
    when = None
    if match.group("when"):
        when = parse_when(match.group("when").strip("\"'"), call.ctx.clock.now(), call.ctx.timezone)
    outbox = _outbox(call)
    draft = await outbox.compose_for(
        title,
        match.group("topic").lower(),
        match.group("target"),
        text=body,
        send_at=when,
        created_by=call.caller.member.id,
    )
    size = await outbox.audience_size(draft)
    await _audit(call, "/broadcast", "drafted", broadcast=str(draft.id))
    go = "Schedule" if when else "Send now"
    preview = Reply("broadcast", {"title": draft.title, "body": draft.body})
    summary = Reply(
        "broadcast-preview",
        {
            "id": str(draft.id),
            "channels": str(size),
            "topic": draft.topic,
            "audience": draft.group or ", ".join(draft.branches) or "all branches",
            "when": _when(call, draft),
        },
        buttons=(
            Button(go, f"/broadcast_send {draft.id}"),
            Button("Cancel", f"/broadcast_cancel {draft.id}"),
        ),
    )
    return [preview, summary]


def _when(call: Call, broadcast: Broadcast) -> str:
    if broadcast.send_at is None:
        return "now, once you confirm"
    from zoneinfo import ZoneInfo

    local = broadcast.send_at.astimezone(ZoneInfo(call.ctx.timezone))
    return f"{local:%A %d %B %Y at %H:%M} ({call.ctx.timezone})"


async def _own_draft(call: Call, action: str) -> Broadcast:
    if not call.args or not call.args[0].isdigit():
        raise InvalidInput("ID", f"usage: {call.spell(action)} ID")
    draft = await call.ctx.store.broadcasts.get(int(call.args[0]))
    if draft is None:
        raise NotFound("broadcast", call.args[0])
    if draft.created_by != call.caller.member.id:
        await _audit(call, "/" + action, "refused", broadcast=str(draft.id), why="not the author")
        raise Forbidden("/" + action, "organiser who composed it")
    return draft


async def broadcast_send(call: Call) -> list[Reply]:
    draft = await _own_draft(call, "broadcast_send")
    if draft.state is not BroadcastState.DRAFT:
        raise InvalidInput("broadcast", f"broadcast {draft.id} is already {draft.state.value}")
    queued = await _outbox(call).confirm(draft.id)
    await _audit(call, "/broadcast_send", "done", broadcast=str(draft.id), queued=str(queued))
    if draft.send_at is not None:
        return [Reply("broadcast-scheduled", {"id": str(draft.id), "when": _when(call, draft)})]
    return [Reply("broadcast-queued", {"id": str(draft.id), "channels": str(queued)})]


async def broadcast_cancel(call: Call) -> list[Reply]:
    draft = await _own_draft(call, "broadcast_cancel")
    stopped = await _outbox(call).cancel(draft.id)
    await _audit(call, "/broadcast_cancel", "done", broadcast=str(draft.id))
    return [Reply("broadcast-cancelled", {"id": str(draft.id), "stopped": str(stopped)})]


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
