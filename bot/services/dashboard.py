"""Signing in to the dashboard through chat: a one-time link (10 minutes, kept only as a hash)
opens a session (DASHBOARD_SESSION_HOURS) whose caller is worked out afresh on every request,
so a role revoked or a member forgotten ends it at once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.errors import Forbidden, InvalidInput, NotSignedIn
from bot.core.models import Identity, Role, SignIn
from bot.core.ports import Store
from bot.core.results import OpenedSession, SignInLink
from bot.services.audit import AuditService
from bot.services.roles import RoleService

LINK_MINUTES = 10


def digest(secret: str) -> str:
    """What the store keeps of a link or session secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def may_use(caller: Caller) -> bool:
    """Organisers and branch officers use the dashboard; members do not."""
    return caller.role.rank >= Role.OFFICER.rank


class DashboardService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        roles: RoleService,
        audit: AuditService,
        base_url: str | None,
        session_hours: int,
    ) -> None:
        self.store, self.clock, self.roles, self.audit = store, clock, roles, audit
        self.base_url, self.session_hours = base_url, session_hours

    async def sign_in_link(self, who: Identity, by: Caller) -> SignInLink:
        """A link for `who`: asked for in chat by themselves, or made by the operator."""
        if self.base_url is None:
            raise InvalidInput("dashboard", "the dashboard is not switched on (DASHBOARD_URL)")
        if by.member is not None and by.label != str(who):
            raise Forbidden("/dashboard", "the person the link is for")
        target = await self.roles.caller(who)
        if target.member is None or not may_use(target):
            await self.audit.record(by, "/dashboard", "refused", who=str(who))
            raise Forbidden("/dashboard", Role.OFFICER.label)
        token = secrets.token_urlsafe(32)
        expires = self.clock.now() + timedelta(minutes=LINK_MINUTES)
        await self.store.dashboard.add_link(
            digest(token), SignIn(target.member.id, str(who), expires)
        )
        await self.audit.record(by, "/dashboard", "link sent", who=str(who))
        return SignInLink(f"{self.base_url}/sign-in/{token}", LINK_MINUTES, str(who))

    async def sign_in(self, token: str) -> OpenedSession:
        """Open a session with a link; the link is used up, whatever happens."""
        now = self.clock.now()
        link = await self.store.dashboard.use_link(digest(token), now)
        if link is None:
            raise NotSignedIn("that sign-in link is wrong, used or expired: ask for /dashboard")
        caller = await self._caller(link)
        secret = secrets.token_urlsafe(32)
        expires = now + timedelta(hours=self.session_hours)
        opened = SignIn(link.member_id, link.identity, expires)
        await self.store.dashboard.add_session(digest(secret), opened, now)
        await self.audit.record(caller, "dashboard sign-in", "done")
        return OpenedSession(secret, expires)

    async def caller(self, secret: str) -> Caller:
        """Who is behind a session cookie, with their roles as they are now."""
        found = await self.store.dashboard.session(digest(secret), self.clock.now())
        if found is None:
            raise NotSignedIn()
        try:
            return await self._caller(found)
        except NotSignedIn:
            await self.store.dashboard.end_session(digest(secret))
            raise

    async def _caller(self, sign_in: SignIn) -> Caller:
        caller = await self.roles.caller(Identity.parse(sign_in.identity))
        if caller.member is None or caller.member.id != sign_in.member_id:
            raise NotSignedIn("that account is no longer the one that signed in")
        if not may_use(caller):
            raise NotSignedIn("the dashboard is for organisers and branch officers")
        return caller

    async def sign_out(self, secret: str) -> None:
        await self.store.dashboard.end_session(digest(secret))

    async def first_post(self, nonce: str) -> bool:
        """Whether a form (by the one-time number it carries) is posted for the first time:
        a form sent twice, by a double click or a reload, has one effect."""
        if not nonce or len(nonce) > 64:
            raise InvalidInput("form", "this form has no one-time number: reload the page")
        return await self.store.dashboard.first_post(digest(nonce), self.clock.now())
