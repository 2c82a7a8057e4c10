"""Members, their platform identities, their roles, and the branches they belong to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import Branch, Identity, Member, Platform, Role, RoleGrant
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo, inserted_id
from bot.storage.sql.turnout import uncount_banked


async def _member(conn: AsyncConnection, member_id: int) -> Member | None:
    row = (await conn.execute(select(t.members).where(t.members.c.id == member_id))).first()
    if row is None:
        return None
    ids = await conn.execute(
        select(t.identities.c.platform, t.identities.c.user_id)
        .where(t.identities.c.member_id == member_id)
        .order_by(t.identities.c.platform)
    )
    identities = tuple(Identity(Platform(p), u) for p, u in ids)
    return Member(row.id, identities, row.branch)


class SqlMembers(SqlRepo):
    async def find(self, identity: Identity) -> Member | None:
        async with self._engine.connect() as conn:
            member_id = await conn.scalar(
                select(t.identities.c.member_id).where(
                    t.identities.c.platform == identity.platform.value,
                    t.identities.c.user_id == identity.user_id,
                )
            )
            return None if member_id is None else await _member(conn, member_id)

    async def get(self, member_id: int) -> Member | None:
        async with self._engine.connect() as conn:
            return await _member(conn, member_id)

    async def get_or_create(self, identity: Identity) -> Member:
        found = await self.find(identity)
        if found is not None:
            return found
        try:
            async with self._engine.begin() as conn:
                result = await conn.execute(
                    insert(t.members).values(branch=None, created_at=func.now())
                )
                await conn.execute(
                    insert(t.identities).values(
                        platform=identity.platform.value,
                        user_id=identity.user_id,
                        member_id=inserted_id(result),
                    )
                )
        except IntegrityError:  # another task created it first
            pass
        found = await self.find(identity)
        assert found is not None
        return found

    async def set_branch(self, member_id: int, branch: str | None) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.members).where(t.members.c.id == member_id).values(branch=branch)
            )

    async def link(self, member_id: int, identity: Identity) -> None:
        async with self._engine.begin() as conn:
            where = and_(
                t.identities.c.platform == identity.platform.value,
                t.identities.c.user_id == identity.user_id,
            )
            await conn.execute(delete(t.identities).where(where))
            await conn.execute(
                insert(t.identities).values(
                    platform=identity.platform.value,
                    user_id=identity.user_id,
                    member_id=member_id,
                )
            )

    async def delete(self, member_id: int) -> None:
        async with self._engine.begin() as conn:
            # Their banked votes go with them (a cascade): out of the turnout counts first.
            await uncount_banked(conn, t.ballot_banked.c.member_id == member_id)
            await conn.execute(delete(t.identities).where(t.identities.c.member_id == member_id))
            await conn.execute(delete(t.roles).where(t.roles.c.member_id == member_id))
            await conn.execute(delete(t.members).where(t.members.c.id == member_id))


def _grant(row: Any) -> RoleGrant:
    return RoleGrant(row.member_id, Role(row.role), row.branch)


class SqlRoles(SqlRepo):
    async def grant(self, grant: RoleGrant) -> None:
        try:
            async with self._engine.begin() as conn:
                await conn.execute(
                    insert(t.roles).values(
                        member_id=grant.member_id, role=grant.role.value, branch=grant.branch
                    )
                )
        except IntegrityError:
            pass  # already held

    async def revoke(self, member_id: int, role: Role, branch: str | None = None) -> bool:
        async with self._engine.begin() as conn:
            branch_clause = (
                t.roles.c.branch.is_(None) if branch is None else t.roles.c.branch == branch
            )
            result = await conn.execute(
                delete(t.roles).where(
                    t.roles.c.member_id == member_id, t.roles.c.role == role.value, branch_clause
                )
            )
            return bool(result.rowcount)

    async def for_member(self, member_id: int) -> list[RoleGrant]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.roles).where(t.roles.c.member_id == member_id).order_by(t.roles.c.id)
            )
            return [_grant(r) for r in rows]

    async def holders(self, role: Role, branch: str | None = None) -> list[RoleGrant]:
        query = select(t.roles).where(t.roles.c.role == role.value)
        if branch is not None:
            query = query.where(t.roles.c.branch == branch)
        async with self._engine.connect() as conn:
            return [_grant(r) for r in await conn.execute(query.order_by(t.roles.c.id))]


class SqlBranches(SqlRepo):
    async def upsert(self, branch: Branch) -> None:
        async with self._engine.begin() as conn:
            values = {"group_name": branch.group, "title": branch.title}
            result = await conn.execute(
                update(t.branches).where(t.branches.c.name == branch.name).values(**values)
            )
            if not result.rowcount:
                await conn.execute(insert(t.branches).values(name=branch.name, **values))

    async def get(self, name: str) -> Branch | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(t.branches).where(t.branches.c.name == name))).first()
            return None if row is None else Branch(row.name, row.group_name, row.title)

    async def all(self) -> list[Branch]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(t.branches).order_by(t.branches.c.name))
            return [Branch(r.name, r.group_name, r.title) for r in rows]
