"""/dashboard: a one-time sign-in link to the organisers' dashboard, by DM."""

from __future__ import annotations

from bot.core.context import Call
from bot.core.events import Reply
from bot.core.models import Role
from bot.core.router import Command


async def dashboard(call: Call) -> list[Reply]:
    made = await call.ctx.dashboard.sign_in_link(call.incoming.actor, call.caller)
    return [Reply("dashboard-link", {"url": made.url, "minutes": str(made.minutes)})]


COMMANDS = [
    Command(
        "dashboard",
        "a one-time sign-in link to the organisers' dashboard (by DM)",
        Role.OFFICER,
        dashboard,
        dm_only=True,
    ),
]
