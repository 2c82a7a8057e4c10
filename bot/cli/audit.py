"""`campaign-bot audit`: the audit log of organiser and officer actions, and refusals."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.app import App
from bot.cli.common import (
    JsonOption,
    human_time,
    iso_time,
    on_app,
    print_json,
    settings,
    show_table,
)
from bot.core.models import AuditEntry


def audit_command(
    limit: Annotated[int, typer.Option("--limit", min=1, max=10000, help="How many rows.")] = 50,
    action: Annotated[
        str | None,
        typer.Option("--action", help="Only actions starting with this, e.g. /broadcast."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The audit log of organiser and officer actions (and refusals), newest first.

    Erased members appear under a pseudonym."""
    cfg = settings()
    rows = on_app(lambda app: entries(app, limit, action), cfg)
    if as_json:
        print_json(
            [
                {
                    "at": iso_time(r.at, cfg.zone),
                    "actor": r.actor,
                    "action": r.action,
                    "outcome": r.outcome,
                    "detail": r.detail,
                }
                for r in rows
            ]
        )
        return
    table = [
        (
            human_time(r.at, cfg.zone),
            r.actor,
            r.action,
            r.outcome,
            ", ".join(f"{k}={v}" for k, v in r.detail.items()),
        )
        for r in rows
    ]
    nothing = f"No actions starting with {action} in the audit log." if action else None
    show_table(
        ("at", "actor", "action", "outcome", "detail"),
        table,
        empty=nothing or "Nothing in the audit log yet.",
    )


async def entries(app: App, limit: int, action: str | None) -> list[AuditEntry]:
    rows = await app.store.audit.recent(limit if action is None else 10000)
    return [r for r in rows if action is None or r.action.startswith(action)][:limit]
