"""The dashboard's sign-in links and sessions (hashes only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select

from bot.core.models import SignIn
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo


class SqlDashboard(SqlRepo):
    async def add_link(self, token_hash: str, sign_in: SignIn) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                insert(t.dashboard_links).values(
                    token_hash=token_hash,
                    member_id=sign_in.member_id,
                    identity=sign_in.identity,
                    expires_at=sign_in.expires_at,
                )
            )

    async def use_link(self, token_hash: str, now: datetime) -> SignIn | None:
        c = t.dashboard_links.c
        async with self._engine.begin() as conn:
            row = (
                await conn.execute(select(t.dashboard_links).where(c.token_hash == token_hash))
            ).first()
            await conn.execute(delete(t.dashboard_links).where(c.token_hash == token_hash))
            await conn.execute(delete(t.dashboard_links).where(c.expires_at <= now))
            if row is None or row.expires_at <= now:
                return None
            return SignIn(int(row.member_id), row.identity, row.expires_at)

    async def add_session(self, session_hash: str, sign_in: SignIn, now: datetime) -> None:
        c = t.dashboard_sessions.c
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.dashboard_sessions).where(c.expires_at <= now))
            await conn.execute(
                insert(t.dashboard_sessions).values(
                    session_hash=session_hash,
                    member_id=sign_in.member_id,
                    identity=sign_in.identity,
                    created_at=now,
                    expires_at=sign_in.expires_at,
                )
            )

    async def session(self, session_hash: str, now: datetime) -> SignIn | None:
        c = t.dashboard_sessions.c
        async with self._engine.connect() as conn:
            query = select(c.member_id, c.identity, c.expires_at).where(
                c.session_hash == session_hash
            )
            row = (await conn.execute(query)).first()
        if row is None:
            return None
        if row.expires_at <= now:
            await self.end_session(session_hash)
            return None
        return SignIn(int(row.member_id), row.identity, row.expires_at)

    async def end_session(self, session_hash: str) -> None:
        c = t.dashboard_sessions.c
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.dashboard_sessions).where(c.session_hash == session_hash))

    async def end_sessions(self, member_id: int) -> int:
        c = t.dashboard_sessions.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                delete(t.dashboard_sessions).where(c.member_id == member_id)
            )
            return int(result.rowcount)
