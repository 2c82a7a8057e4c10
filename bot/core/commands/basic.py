"""/start, /help, /whoami and /ask."""

from __future__ import annotations

from bot.core.context import Call
from bot.core.events import Reply
from bot.core.models import Role
from bot.core.router import Command

FALLBACK_TOPICS = (
    "the pay campaign (/ask pay campaign)",
    "ballots and elections (/ask how do I vote)",
)


async def start(call: Call) -> list[Reply]:
    return await help_(call)


async def help_(call: Call) -> list[Reply]:
    router = call.ctx.extras["router"]
    lines = [
        f"{call.spell(c.name)}{' ' + c.usage if c.usage else ''} — {c.summary}"
        for c in router.visible(call.caller.role)  # type: ignore[attr-defined]
    ]
    return [Reply("help", {"role": call.caller.role.label, "commands": lines})]


async def whoami(call: Call) -> list[Reply]:
    member = call.caller.member
    grants = [f"{g.role.label}{' of ' + g.branch if g.branch else ''}" for g in call.caller.grants]
    return [
        Reply(
            "whoami",
            {
                "identities": [str(i) for i in member.identities] or [str(call.incoming.actor)],
                "branch": member.branch or "not set",
                "roles": grants or ["none yet — ask your branch secretary"],
            },
        )
    ]


COMMANDS = [
    Command("start", "what this bot does", Role.ANYONE, start),
    Command("help", "the commands you may use", Role.ANYONE, help_),
    Command(
        "whoami", "your linked identities, branch and roles", Role.ANYONE, whoami, dm_only=True
    ),
]
