"""Slack workspaces on work emails (SLACK_MATCH_EMAIL=true): a Slack account the bot meets
for the first time, whose verified email is a member's on the list, is linked to them before
its first command runs, and told so (with how to undo it: /forget)."""

from __future__ import annotations

import logging

from bot.core.caller import Caller
from bot.core.models import Identity, Platform, Role
from bot.core.results import RoleHolder
from bot.core.services import Directory, Joining, Roles

log = logging.getLogger(__name__)
MAX_REMEMBERED = 10_000


class EmailMatchingRoles:
    """The Roles port, which first links a new Slack account by its email when it can."""

    def __init__(self, roles: Roles, joining: Joining, directory: Directory) -> None:
        self.roles, self.joining, self.directory = roles, joining, directory
        self._asked: set[Identity] = set()  # each account is looked up once per process

    async def caller(self, identity: Identity) -> Caller:
        found = await self.roles.caller(identity)
        if not self._worth_asking(identity, found):
            return found
        if len(self._asked) >= MAX_REMEMBERED:
            self._asked.clear()
        self._asked.add(identity)
        email = await self.directory.verified_email(identity)
        assert found.member is not None
        if email is None or await self.joining.match_email(found.member, email) is None:
            return found
        log.info("slack: an account was linked to its membership record by email")
        return await self.roles.caller(identity)

    def _worth_asking(self, identity: Identity, found: Caller) -> bool:
        """A Slack account with no branch and no role, not asked about before."""
        return (
            identity.platform is Platform.SLACK
            and identity not in self._asked
            and found.member is not None
            and found.member.branch is None
            and not found.grants
        )

    async def grant(self, who: Identity, role: Role, branch: str | None, by: Caller) -> bool:
        return await self.roles.grant(who, role, branch, by)

    async def revoke(self, who: Identity, role: Role, branch: str | None, by: Caller) -> None:
        await self.roles.revoke(who, role, branch, by)

    async def assign(self, who: Identity, role: Role, branch: str | None, by: Caller) -> None:
        await self.roles.assign(who, role, branch, by)

    async def holders(self) -> list[RoleHolder]:
        return await self.roles.holders()

    async def staff(self) -> list[RoleHolder]:
        return await self.roles.staff()

    async def formerly_staff(self, limit: int = 1000) -> list[Identity]:
        return await self.roles.formerly_staff(limit)
