"""`campaign-bot db upgrade`: the database schema."""

from __future__ import annotations

from bot.cli.common import noun_app, run_async, say, settings
from bot.cluster.identity import adopt_identity, check_identity, refuse_sqlite_replica
from bot.storage.database import check_reachable, create_engine, redact_url, upgrade

app = noun_app("Manage the database schema.")


@app.command("upgrade")
def db_upgrade() -> None:
    """Create or update the database schema to the latest version (also done on start)."""
    cfg = settings()

    async def work() -> str | None:
        engine = create_engine(cfg.database_url)
        try:
            refuse_sqlite_replica(engine, cfg.cluster_id)
            await check_reachable(engine)
            await upgrade(engine)
            if cfg.cluster_id is not None and engine.dialect.name == "postgresql":
                await adopt_identity(engine, cfg.cluster_id)
            return await check_identity(engine, cfg.cluster_id)
        finally:
            await engine.dispose()

    cluster = run_async(work)
    say(f"Database is up to date: {redact_url(cfg.database_url)}")
    if cluster is not None:
        say(f"It is the database of cluster {cluster}.")
