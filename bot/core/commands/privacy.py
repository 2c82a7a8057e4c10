"""Members' data: /link (one member across platforms), /mydata (see it), /forget (erase it)."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

from bot.core.actions import hash_code, new_link_code, normalise_code, pseudonym
from bot.core.commands.subscriptions import _audit
from bot.core.context import Call
from bot.core.events import Button, Reply
from bot.core.models import AuditEntry, Role
from bot.core.router import Command

LINK_CODE_MINUTES = 15


async def link(call: Call) -> list[Reply]:
    store, now = call.ctx.store, call.ctx.clock.now()
    member = call.caller.member
    if not call.args:
        code = new_link_code()
        await store.privacy.issue_code(
            member.id, hash_code(code), now + timedelta(minutes=LINK_CODE_MINUTES)
        )
        return [
            Reply(
                "link-code",
                {
                    "code": code,
                    "minutes": str(LINK_CODE_MINUTES),
                    "telegram": f"/link {code}",
                    "slack": f"{call.ctx.slack_command} link {code}",
                },
            )
        ]
    code = normalise_code(call.args[0])
    target = await store.privacy.redeem_code(hash_code(code), now) if code else None
    if target is None:
        return [Reply("link-failed", _failed(call))]
    if target == member.id:
        return [Reply("linked", {"identities": [str(i) for i in member.identities]})]
    into = await store.members.get(target)
    if into is None:
        return [Reply("link-failed", _failed(call))]
    platform = call.incoming.actor.platform
    if any(i.platform is platform for i in into.identities):
        return [
            Reply(
                "link-failed",
                {
                    "minutes": str(LINK_CODE_MINUTES),
                    "link": call.spell("link"),
                    "why": f": that member already has a {platform.value} account linked",
                },
            )
        ]
    await store.privacy.merge(member.id, target)
    merged = await store.members.get(target)
    await _audit(
        call,
        "/link",
        "linked",
        platforms=",".join(i.platform.value for i in merged.identities) if merged else "",
    )
    return [
        Reply("linked", {"identities": [str(i) for i in (merged.identities if merged else ())]})
    ]


def _failed(call: Call) -> dict[str, str]:
    return {"minutes": str(LINK_CODE_MINUTES), "link": call.spell("link"), "why": ""}


async def mydata(call: Call) -> list[Reply]:
    held = await call.ctx.store.privacy.export(call.caller.member.id)
    lines = []
    for key, value in held.items():
        label = key.replace("_", " ")
        if isinstance(value, list):
            lines.append(f"{label}: {len(value)}" + (f" ({_short(value)})" if value else ""))
        elif isinstance(value, dict):
            lines.append(f"{label}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
    document = json.dumps(held, indent=2, ensure_ascii=False, default=str)
    return [
        Reply(
            "mydata",
            {"lines": lines, "forget": call.spell("forget")},
            attachment=("my-data.json", document),
        )
    ]


def _short(rows: list[object]) -> str:
    parts = []
    for row in rows[:5]:
        if isinstance(row, dict):
            parts.append(" ".join(str(v) for v in row.values() if v is not None))
        else:
            parts.append(str(row))
    return "; ".join(parts) + ("; …" if len(rows) > 5 else "")


async def forget(call: Call) -> list[Reply]:
    confirmed = bool(call.args) and call.args[0].lower() == "confirm"
    if not confirmed or not call.incoming.is_dm:
        # Asked in a group, the router sends this privately; nothing is erased from there.
        return [
            Reply(
                "forget-confirm",
                {"command": f"{call.spell('forget')} confirm", "mydata": call.spell("mydata")},
                buttons=(Button("Yes, erase everything", "/forget confirm"),),
            )
        ]
    member = call.caller.member
    identities = [str(i) for i in member.identities] or [str(call.incoming.actor)]
    alias = pseudonym(identities, secrets.token_hex(16))
    touched = await call.ctx.store.privacy.forget(member.id, identities, alias)
    await _audit_as(call, alias, touched)
    return [Reply("forgotten", {"lines": [f"{k}: {v}" for k, v in sorted(touched.items())]})]


async def _audit_as(call: Call, alias: str, touched: dict[str, int]) -> None:
    entry = AuditEntry(
        call.ctx.clock.now(), alias, "/forget", "erased", {k: str(v) for k, v in touched.items()}
    )
    await call.ctx.store.audit.record(entry)


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
