"""The shared commands, one module per area. `all_commands()` lists them for the router."""

from __future__ import annotations

from bot.core.commands import (
    actions,
    ballots,
    basic,
    broadcasts,
    dashboard,
    membership,
    privacy,
    questions,
    subscriptions,
)
from bot.core.router import Command


def all_commands() -> list[Command]:
    return [
        membership.START,
        *basic.COMMANDS,
        *membership.COMMANDS,
        *questions.COMMANDS,
        *ballots.COMMANDS,
        *subscriptions.COMMANDS,
        *broadcasts.COMMANDS,
        *actions.COMMANDS,
        *privacy.COMMANDS,
        *dashboard.COMMANDS,
    ]
