"""Who may do what: members' records, their roles, and granting them."""

from __future__ import annotations

from bot.content.loader import Content
from bot.core.caller import Caller
from bot.core.errors import Forbidden, InvalidInput, NotFound
from bot.core.models import AuditQuery, Identity, Platform, Role, RoleGrant
from bot.core.ports import Store
from bot.core.results import BranchPeople, RoleHolder
from bot.services.audit import AuditService

# Telegram's stand-ins for anonymous group admins and channels: never trusted with a role.
ANONYMOUS_TELEGRAM_IDS = frozenset({"1087968824", "136817688", "777000"})


def is_anonymous(identity: Identity) -> bool:
    return identity.platform is Platform.TELEGRAM and identity.user_id in ANONYMOUS_TELEGRAM_IDS


class RoleService:
    def __init__(self, store: Store, content: Content, audit: AuditService) -> None:
        self.store, self.content, self.audit = store, content, audit

    async def caller(self, identity: Identity) -> Caller:
        member = await self.store.members.get_or_create(identity)
        if is_anonymous(identity):
            return Caller(member, (), str(identity))
        grants = tuple(await self.store.roles.for_member(member.id))
        return Caller(member, grants, str(identity))

    def _check(self, role: Role, branch: str | None) -> str | None:
        if role is Role.ANYONE:
            raise InvalidInput("ROLE", "'anyone' needs no grant; use member, officer or organiser")
        if role is Role.ORGANISER:
            return None
        if not branch:
            raise InvalidInput("--branch", f"is needed for the {role.label} role")
        if branch not in self.content.branch_names():
            raise InvalidInput("--branch", f"unknown branch {branch!r}; see campaigns/structure.md")
        return branch

    async def _may_manage(self, role: Role, branch: str | None, by: Caller, action: str) -> None:
        """Organisers manage every role; a branch officer grants and revokes the member role
        in their own branches, nothing else."""
        if by.is_organiser:
            return
        if role is Role.MEMBER and branch and by.is_officer_of(branch):
            return
        who = f"officer of {branch}" if role is Role.MEMBER and branch else "organiser"
        await self.audit.record(by, action, "refused", role=role.value, branch=branch or "")
        raise Forbidden(action, who)

    async def grant(self, who: Identity, role: Role, branch: str | None, by: Caller) -> bool:
        """False when they already hold that role (for that branch): nothing changes."""
        await self._may_manage(role, branch, by, "roles grant")
        scoped = self._check(role, branch)
        if is_anonymous(who):
            raise InvalidInput("PLATFORM:USER_ID", "an anonymous account can never hold a role")
        if who.platform is Platform.TELEGRAM and not who.user_id.isdigit():
            # A typo would else make a role nobody can ever use, and say "Granted".
            raise InvalidInput(
                "PLATFORM:USER_ID", "a Telegram user id is a number, like telegram:7100000001"
            )
        member = await self.store.members.get_or_create(who)
        grant = RoleGrant(member.id, role, scoped)
        held = grant in await self.store.roles.for_member(member.id)
        if not held:
            await self.store.roles.grant(grant)
        if scoped and member.branch is None:
            await self.store.members.set_branch(member.id, scoped)
        outcome = "already held" if held else "done"
        await self.audit.record(
            by, "roles grant", outcome, who=str(who), role=role.value, branch=branch or ""
        )
        return not held

    async def revoke(self, who: Identity, role: Role, branch: str | None, by: Caller) -> None:
        await self._may_manage(role, branch, by, "roles revoke")
        member = await self.store.members.find(who)
        scoped = branch if role is not Role.ORGANISER else None
        if member is None or not await self.store.roles.revoke(member.id, role, scoped):
            raise NotFound("role", f"{role.value} held by {who}")
        # What they could do on the dashboard may have changed: sign them out everywhere.
        await self.store.dashboard.end_sessions(member.id)
        await self.audit.record(
            by, "roles revoke", "done", who=str(who), role=role.value, branch=branch or ""
        )

    async def assign(self, who: Identity, role: Role, branch: str | None, by: Caller) -> None:
        member = await self.store.members.get_or_create(who)
        for held in await self.store.roles.for_member(member.id):
            await self.store.roles.revoke(member.id, held.role, held.branch)
        branch = branch or self.content.branch_names()[0]
        await self.store.members.set_branch(member.id, branch)
        if role is not Role.ANYONE:
            await self.grant(who, role, branch if role is not Role.ORGANISER else None, by)

    async def holders(self) -> list[RoleHolder]:
        return await self._holding((Role.ORGANISER, Role.OFFICER, Role.MEMBER))

    async def staff(self) -> list[RoleHolder]:
        return await self._holding((Role.ORGANISER, Role.OFFICER))

    async def _holding(self, roles: tuple[Role, ...]) -> list[RoleHolder]:
        found = []
        for role in roles:
            for grant in await self.store.roles.holders(role):
                member = await self.store.members.get(grant.member_id)
                identities = member.identities if member else ()
                found.append(RoleHolder(identities, grant.role, grant.branch))
        return found

    async def formerly_staff(self, limit: int = 1000) -> list[Identity]:
        staff = (Role.ORGANISER.value, Role.OFFICER.value)
        query = AuditQuery(action="roles revoke", limit=limit)
        found = []
        for entry in await self.audit.search(query, Caller.operator("menus")):
            if entry.outcome == "done" and entry.detail.get("role") in staff:
                try:
                    found.append(Identity.parse(entry.detail.get("who", "")))
                except ValueError:  # forgotten since: no account named
                    continue
        return found

    async def people(
        self, branch: str, by: Caller, offset: int = 0, limit: int = 100
    ) -> BranchPeople:
        """A branch's members with roles, a page at a time, and the subscription requests
        waiting for its officers: for its officers and organisers only."""
        titles = {
            b.name: b.title or b.name for g in self.content.structure.groups for b in g.branches
        }
        if branch not in titles:
            raise NotFound("branch", branch)
        if not by.is_officer_of(branch):
            await self.audit.record(by, "dashboard branch", "refused", branch=branch)
            raise Forbidden("this branch", f"officer of {branch}")
        found, total = await self.store.dashboard.people(branch, max(0, offset), limit)
        waiting = await self.store.dashboard.waiting(branch)
        return BranchPeople(branch, titles[branch], tuple(found), total, offset, tuple(waiting))

    async def organisers(self) -> list[RoleHolder]:
        found = []
        for grant in await self.store.roles.holders(Role.ORGANISER):
            member = await self.store.members.get(grant.member_id)
            found.append(RoleHolder(member.identities if member else (), grant.role, None))
        return found
