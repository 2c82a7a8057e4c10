"""The membership list (keyed hashes only), invites, join requests and attempts.

An import's rows are staged in short transactions (a running bot is never held up for long on
SQLite) and applied with set-based statements in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.membership import BranchCounts, Invite, JoinRequest, ListChanges, Listed, StagedRow
from bot.core.models import Role
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo, inserted_id

L, S, V = t.membership_list.c, t.membership_staging.c, t.invites.c
J, A, R = t.join_requests.c, t.membership_attempts.c, t.roles.c
CHUNK = 5000  # bound parameters per statement stay well under both databases' limits


def _listed(row: Any) -> Listed:
    return Listed(row.number_hash, row.branch, row.email_hash, row.member_id)


def _request(row: Any) -> JoinRequest:
    return JoinRequest(row.id, row.member_id, row.branch, row.requested_at, row.number_hash)


def _staged(import_id: str) -> ColumnElement[bool]:
    """Records of the list that the import also holds."""
    return exists().where(S.import_id == import_id, S.number_hash == L.number_hash)


async def _changes(conn: AsyncConnection, import_id: str) -> ListChanges:
    """What the import changes (its rows hold each number once: see duplicates())."""
    mine = S.import_id == import_id
    rows = await conn.scalar(select(func.count(S.number_hash.distinct())).where(mine))
    moved = func.sum(case((L.branch != S.branch, 1), else_=0))
    emails = func.sum(case((L.email_hash.is_distinct_from(S.email_hash), 1), else_=0))
    kept = (
        await conn.execute(
            select(func.count(), moved, emails)
            .select_from(t.membership_staging)
            .join(t.membership_list, L.number_hash == S.number_hash)
            .where(mine)
        )
    ).one()
    lapsed = (
        await conn.execute(select(func.count(), func.count(L.member_id)).where(~_staged(import_id)))
    ).one()
    branches = await conn.execute(
        select(S.branch, func.count(S.number_hash.distinct()))
        .where(mine)
        .group_by(S.branch)
        .order_by(S.branch)
    )
    both, moves = int(kept[0] or 0), int(kept[1] or 0)
    return ListChanges(
        rows=int(rows or 0),
        added=int(rows or 0) - both,
        moved=moves,
        lapsed=int(lapsed[0]),
        unchanged=both - moves,
        emails_changed=int(kept[2] or 0),
        lapsed_in_chat=int(lapsed[1]),
        branches=tuple((b, int(n)) for b, n in branches),
    )


async def _set_branch(conn: AsyncConnection, member_id: int, branch: str) -> None:
    """The member is in this branch, with its member role and no other branch's."""
    await conn.execute(update(t.members).where(t.members.c.id == member_id).values(branch=branch))
    await conn.execute(
        delete(t.roles).where(
            R.member_id == member_id,
            R.role == Role.MEMBER.value,
            or_(R.branch.is_(None), R.branch != branch),
        )
    )
    held = select(R.id).where(
        R.member_id == member_id, R.role == Role.MEMBER.value, R.branch == branch
    )
    if (await conn.execute(held)).first() is None:
        await conn.execute(
            insert(t.roles).values(member_id=member_id, role=Role.MEMBER.value, branch=branch)
        )


async def _lapse(conn: AsyncConnection, import_id: str) -> None:
    """Members linked to records the import no longer holds lose the member role, and the
    branch unless an officer's role keeps it."""
    gone = select(L.member_id).where(L.member_id.is_not(None), ~_staged(import_id))
    officer = exists().where(R.member_id == t.members.c.id, R.role == Role.OFFICER.value)
    await conn.execute(
        update(t.members).where(t.members.c.id.in_(gone), ~officer).values(branch=None)
    )
    await conn.execute(delete(t.roles).where(R.role == Role.MEMBER.value, R.member_id.in_(gone)))
    await conn.execute(delete(t.membership_list).where(~_staged(import_id)))


async def _update(conn: AsyncConnection, import_id: str) -> None:
    """Records the import moves to another branch, or gives another email."""
    differs = or_(S.branch != L.branch, S.email_hash.is_distinct_from(L.email_hash))
    changed = exists().where(S.import_id == import_id, S.number_hash == L.number_hash, differs)
    moved = await conn.execute(
        select(L.member_id, S.branch)
        .join(t.membership_staging, S.number_hash == L.number_hash)
        .where(S.import_id == import_id, L.member_id.is_not(None), S.branch != L.branch)
    )
    for member_id, branch in moved.all():
        await _set_branch(conn, int(member_id), branch)
    new = select(S.branch, S.email_hash).where(
        S.import_id == import_id, S.number_hash == L.number_hash
    )
    await conn.execute(
        update(t.membership_list)
        .where(changed)
        .values(
            branch=new.with_only_columns(S.branch).limit(1).scalar_subquery(),
            email_hash=new.with_only_columns(S.email_hash).limit(1).scalar_subquery(),
        )
    )


async def _add(conn: AsyncConnection, import_id: str) -> None:
    listed = exists().where(L.number_hash == S.number_hash)
    await conn.execute(
        insert(t.membership_list).from_select(
            ["number_hash", "branch", "email_hash"],
            select(S.number_hash, S.branch, S.email_hash).where(S.import_id == import_id, ~listed),
        )
    )


class SqlMembership(SqlRepo):
    async def stage(self, import_id: str, rows: Sequence[StagedRow], at: datetime) -> None:
        if not rows:
            return
        values = [
            {
                "import_id": import_id,
                "line": r.row,
                "number_hash": r.number_hash,
                "branch": r.branch,
                "email_hash": r.email_hash,
                "staged_at": at,
            }
            for r in rows
        ]
        async with self._engine.begin() as conn:
            await conn.execute(insert(t.membership_staging), values)

    async def duplicates(self, import_id: str, limit: int) -> tuple[int, list[tuple[int, int]]]:
        first = (
            select(S.number_hash, func.min(S.line).label("first"))
            .where(S.import_id == import_id)
            .group_by(S.number_hash)
            .having(func.count() > 1)
            .subquery()
        )
        later = (
            select(S.line, first.c.first)
            .join(first, S.number_hash == first.c.number_hash)
            .where(S.import_id == import_id, S.line != first.c.first)
        )
        async with self._engine.connect() as conn:
            count = await conn.scalar(select(func.count()).select_from(later.subquery()))
            rows = await conn.execute(later.order_by(S.line).limit(limit))
            return int(count or 0), [(int(a), int(b)) for a, b in rows]

    async def compare(self, import_id: str) -> ListChanges:
        async with self._engine.connect() as conn:
            return await _changes(conn, import_id)

    async def apply(self, import_id: str) -> ListChanges:
        async with self._engine.begin() as conn:
            changes = await _changes(conn, import_id)
            await _lapse(conn, import_id)
            await _update(conn, import_id)
            await _add(conn, import_id)
            return changes

    async def discard(self, import_id: str | None = None, before: datetime | None = None) -> None:
        which = [S.import_id == import_id] if import_id is not None else []
        which += [S.staged_at < before] if before is not None else []
        if which:
            async with self._engine.begin() as conn:
                await conn.execute(delete(t.membership_staging).where(or_(*which)))

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
            await _set_branch(conn, member_id, record.branch)
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
