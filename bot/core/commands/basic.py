"""/help, /whoami (and /start's help: bot/core/commands/membership.py)."""

from __future__ import annotations

from bot.core.context import Call
from bot.core.events import Reply
from bot.core.models import Role
from bot.core.router import Command


async def help_(call: Call) -> list[Reply]:
    lines = [
        f"{call.spell(c.name)}{' ' + c.usage if c.usage else ''} — {c.summary}" for c in call.menu
    ]
    return [Reply("help", {"role": call.caller.role.label, "commands": lines})]


async def whoami(call: Call) -> list[Reply]:
    caller = call.caller
    grants = [f"{g.role.label}{' of ' + g.branch if g.branch else ''}" for g in caller.grants]
    identities = [str(i) for i in call.member.identities] or [str(call.incoming.actor)]
    join = call.spell("join") + " (an invite's code, or NUMBER BRANCH)"
    return [
        Reply(
            "whoami",
            {
                "identities": identities,
                "branch": call.member.branch or "not set",
                "roles": grants or [f"none yet — members link their account with {join}"],
            },
        )
    ]


COMMANDS = [
    Command("help", "the commands you may use", Role.ANYONE, help_),
    Command(
        "whoami", "your linked identities, branch and roles", Role.ANYONE, whoami, dm_only=True
    ),
]
