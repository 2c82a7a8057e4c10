"""The dashboard's sign-in links and sessions, in memory."""

from __future__ import annotations

from datetime import datetime

from bot.core.models import SignIn
from bot.storage.memory.data import DashboardLinkRow, DashboardSessionRow, Data, utc_time


class MemoryDashboard:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def add_link(self, token_hash: str, sign_in: SignIn) -> None:
        self._d.dashboard_links[token_hash] = DashboardLinkRow(
            token_hash, sign_in.member_id, sign_in.identity, utc_time(sign_in.expires_at)
        )

    async def use_link(self, token_hash: str, now: datetime) -> SignIn | None:
        row = self._d.dashboard_links.pop(token_hash, None)
        self._d.delete_where("dashboard_links", lambda r: r.expires_at <= now)
        if row is None or row.expires_at <= now:
            return None
        return SignIn(row.member_id, row.identity, row.expires_at)

    async def add_session(self, session_hash: str, sign_in: SignIn, now: datetime) -> None:
        self._d.delete_where("dashboard_sessions", lambda r: r.expires_at <= now)
        self._d.dashboard_sessions[session_hash] = DashboardSessionRow(
            session_hash,
            sign_in.member_id,
            sign_in.identity,
            utc_time(now),
            utc_time(sign_in.expires_at),
        )

    async def session(self, session_hash: str, now: datetime) -> SignIn | None:
        row = self._d.dashboard_sessions.get(session_hash)
        if row is None:
            return None
        if row.expires_at <= now:
            del self._d.dashboard_sessions[session_hash]
            return None
        return SignIn(row.member_id, row.identity, row.expires_at)

    async def end_session(self, session_hash: str) -> None:
        self._d.dashboard_sessions.pop(session_hash, None)

    async def end_sessions(self, member_id: int) -> int:
        return self._d.delete_where("dashboard_sessions", lambda r: r.member_id == member_id)
