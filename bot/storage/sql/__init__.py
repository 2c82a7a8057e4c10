"""The store on SQLAlchemy Core, portable across SQLite and PostgreSQL: one module per
family of repositories, all built on one engine by `SqlStore`."""

from bot.storage.sql.store import SqlStore

__all__ = ["SqlStore"]
