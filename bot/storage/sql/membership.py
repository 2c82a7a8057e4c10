"""The membership list (keyed hashes only), invites, join requests and attempts. Importing
the list (its staging table and set-based apply) is bot/storage/sql/membership_import.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    and_,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)

from bot.core.membership import (
    BranchCounts,
    Invite,
    JoinRequest,
    Listed,
)
from bot.core.models import Role
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo, inserted_id
from bot.storage.sql.membership_import import SqlListImport, import_table, set_branch

L, V = t.membership_list.c, t.invites.c
J, A, R = t.join_requests.c, t.membership_attempts.c, t.roles.c
CHUNK = 5000  # bound parameters per statement stay well under both databases' limits


def _listed(row: Any) -> Listed:
    return Listed(row.number_hash, row.branch, row.email_hash, row.member_id)


def _request(row: Any) -> JoinRequest:
    return JoinRequest(row.id, row.member_id, row.branch, row.requested_at, row.number_hash)


class SqlMembership(SqlRepo):
    @asynccontextmanager
    async def importing(self) -> AsyncIterator[SqlListImport]:
        async with self._engine.connect() as conn:
            await import_table(conn, create=True)
            try:
                yield SqlListImport(conn)
            finally:
                await import_table(conn, create=False)

    async def has_list(self) -> bool:
        async with self._engine.connect() as conn:
            return (await conn.execute(select(L.number_hash).limit(1))).first() is not None

    async def records(self, number_hashes: Sequence[str]) -> dict[str, Listed]:
        found: dict[str, Listed] = {}
        async with self._engine.connect() as conn:
            for i in range(0, len(number_hashes), CHUNK):
                chunk = list(number_hashes[i : i + CHUNK])
                query = select(t.membership_list).where(L.number_hash.in_(chunk))
                found |= {r.number_hash: _listed(r) for r in await conn.execute(query)}
        return found

    async def record_of(self, member_id: int) -> Listed | None:
        async with self._engine.connect() as conn:
            query = select(t.membership_list).where(L.member_id == member_id)
            row = (await conn.execute(query)).first()
            return None if row is None else _listed(row)

    async def by_email(self, email_hash: str) -> Listed | None:
        async with self._engine.connect() as conn:
            query = (
                select(t.membership_list)
                .where(L.email_hash == email_hash)
                .order_by(L.number_hash)
                .limit(1)
            )
            row = (await conn.execute(query)).first()
            return None if row is None else _listed(row)

    async def link(self, number_hash: str, member_id: int) -> bool:
        async with self._engine.begin() as conn:
            record = (
                await conn.execute(select(t.membership_list).where(L.number_hash == number_hash))
            ).first()
            member = await conn.scalar(select(t.members.c.id).where(t.members.c.id == member_id))
            other = await conn.scalar(
                select(L.number_hash).where(L.member_id == member_id, L.number_hash != number_hash)
            )
            if record is None or member is None or other is not None:
                return False
            if record.member_id not in (None, member_id):
                return False
            mine = L.number_hash == number_hash
            await conn.execute(update(t.membership_list).where(mine).values(member_id=member_id))
            await conn.execute(
                update(t.invites).where(V.number_hash == number_hash).values(member_id=member_id)
            )
            await set_branch(conn, member_id, record.branch)
            return True

    async def issue(self, invites: Sequence[Invite]) -> None:
        numbers = list({i.number_hash for i in invites})
        async with self._engine.begin() as conn:
            linked = {
                n: m
                for n, m in await conn.execute(
                    select(L.number_hash, L.member_id).where(L.number_hash.in_(numbers))
                )
            }
            if len(linked) != len(numbers):
                raise ValueError("an invite for a record not on the list")
            await conn.execute(delete(t.invites).where(V.number_hash.in_(numbers)))
            values = [
                {
                    "code_hash": i.code_hash,
                    "number_hash": i.number_hash,
                    "expires_at": i.expires_at,
                    "used_on": ",".join(i.used_on),
                    "member_id": linked[i.number_hash],
                }
                for i in invites
            ]
            if values:
                await conn.execute(insert(t.invites), values)

    async def invite(self, code_hash: str) -> Invite | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(t.invites).where(V.code_hash == code_hash))).first()
        if row is None:
            return None
        used = tuple(p for p in row.used_on.split(",") if p)
        return Invite(row.code_hash, row.number_hash, row.expires_at, used, row.member_id)

    async def use_invite(self, code_hash: str, platform: str) -> bool:
        async with self._engine.begin() as conn:
            used = await conn.scalar(select(V.used_on).where(V.code_hash == code_hash))
            if used is None or platform in used.split(","):
                return False
            now_used = ",".join(p for p in (*used.split(","), platform) if p)
            result = await conn.execute(
                update(t.invites)
                .where(V.code_hash == code_hash, V.used_on == used)
                .values(used_on=now_used)
            )
            return bool(result.rowcount)

    async def request(
        self, member_id: int, branch: str, number_hash: str | None, at: datetime
    ) -> JoinRequest:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                insert(t.join_requests).values(
                    member_id=member_id, branch=branch, number_hash=number_hash, requested_at=at
                )
            )
            row = (
                await conn.execute(select(t.join_requests).where(J.id == inserted_id(result)))
            ).one()
            return _request(row)

    async def requests_of(self, member_id: int) -> list[JoinRequest]:
        async with self._engine.connect() as conn:
            query = select(t.join_requests).where(J.member_id == member_id).order_by(J.id)
            return [_request(r) for r in await conn.execute(query)]

    async def requests_in(self, branch: str) -> list[JoinRequest]:
        async with self._engine.connect() as conn:
            query = select(t.join_requests).where(J.branch == branch).order_by(J.id)
            return [_request(r) for r in await conn.execute(query)]

    async def get_request(self, request_id: int) -> JoinRequest | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(t.join_requests).where(J.id == request_id))).first()
            return None if row is None else _request(row)

    async def close_request(self, request_id: int) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(delete(t.join_requests).where(J.id == request_id))
            return bool(result.rowcount)

    async def attempts(self, account_hash: str, since: datetime) -> int:
        async with self._engine.connect() as conn:
            count = await conn.scalar(
                select(func.count()).where(A.account_hash == account_hash, A.at >= since)
            )
            return int(count or 0)

    async def attempt(self, account_hash: str, at: datetime, forget_before: datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.membership_attempts).where(A.at < forget_before))
            await conn.execute(
                insert(t.membership_attempts).values(account_hash=account_hash, at=at)
            )

    async def reach(self) -> dict[str, BranchCounts]:
        m = t.members.c
        linked = exists().where(L.member_id == m.id)
        in_role = and_(R.member_id == m.id, R.role.in_([Role.MEMBER.value, Role.OFFICER.value]))
        async with self._engine.connect() as conn:
            listed = await conn.execute(
                select(L.branch, func.count(), func.count(L.member_id)).group_by(L.branch)
            )
            pending = await conn.execute(select(J.branch, func.count()).group_by(J.branch))
            unlisted = await conn.execute(
                select(m.branch, func.count(m.id.distinct()))
                .join(t.roles, in_role)
                .where(m.branch.is_not(None), ~linked)
                .group_by(m.branch)
            )
            counts: dict[str, dict[str, int]] = {}
            for branch, on_list, in_chat in listed:
                counts.setdefault(branch, {}).update(on_list=on_list, in_chat=in_chat)
            for branch, waiting in pending:
                counts.setdefault(branch, {})["pending"] = waiting
            for branch, others in unlisted:
                counts.setdefault(branch, {})["not_on_list"] = others
        return {b: BranchCounts(**counts[b]) for b in sorted(counts)}
