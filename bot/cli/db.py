"""`campaign-bot db upgrade`: the database schema."""

from __future__ import annotations

import typer

from bot.cli.common import run_async, say, settings
from bot.storage.database import create_engine, redact_url, upgrade

app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


@app.command("upgrade")
def db_upgrade() -> None:
    """Create or update the database schema to the latest version (also done on start)."""
    cfg = settings()

    async def work() -> None:
        engine = create_engine(cfg.database_url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    run_async(work)
    say(f"Database is up to date: {redact_url(cfg.database_url)}")
