"""The membership list (keyed hashes only), invites, join requests and attempts, in memory:
the same contract as bot/storage/sql/membership.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime

from bot.core.membership import BranchCounts, Invite, JoinRequest, ListChanges, Listed, StagedRow
from bot.core.models import Role, RoleGrant
from bot.storage.memory.data import AttemptRow, Data, InviteRow, utc_time


class MemoryListImport:
    def __init__(self, data: Data) -> None:
        self._d = data
        self._rows: list[StagedRow] = []

    async def stage(self, rows: Sequence[StagedRow]) -> None:
        self._rows.extend(rows)

    async def duplicates(self, limit: int) -> tuple[int, list[tuple[int, int]]]:
        first: dict[str, int] = {}
        found: list[tuple[int, int]] = []
        for row in sorted(self._rows, key=lambda r: r.row):
            if row.number_hash in first:
                found.append((row.row, first[row.number_hash]))
            else:
                first[row.number_hash] = row.row
        return len(found), found[:limit]

    def _changes(self) -> tuple[ListChanges, dict[str, StagedRow]]:
        staged = {r.number_hash: r for r in self._rows}
        held = self._d.membership_list
        kept = [(held[n], s) for n, s in staged.items() if n in held]
        lapsed = [r for n, r in held.items() if n not in staged]
        branches = Counter(s.branch for s in staged.values())
        return (
            ListChanges(
                rows=len(staged),
                added=len(staged) - len(kept),
                moved=sum(1 for old, new in kept if old.branch != new.branch),
                lapsed=len(lapsed),
                unchanged=sum(1 for old, new in kept if old.branch == new.branch),
                emails_changed=sum(1 for old, new in kept if old.email_hash != new.email_hash),
                lapsed_in_chat=sum(1 for r in lapsed if r.member_id is not None),
                branches=tuple(sorted(branches.items())),
            ),
            staged,
        )

    async def apply(self, commit: Callable[[ListChanges], bool]) -> ListChanges:
        changes, staged = self._changes()
        if not commit(changes):
            return changes
        held = self._d.membership_list
        for number, record in list(held.items()):
            new = staged.get(number)
            if new is None:
                if record.member_id is not None:
                    _lapse_member(self._d, record.member_id)
                self._d.delete("membership_list", [number])
                continue
            if new.branch != record.branch and record.member_id is not None:
                _member_branch(self._d, record.member_id, new.branch)
            held[number] = replace(record, branch=new.branch, email_hash=new.email_hash)
        for number, new in staged.items():
            if number not in held:
                held[number] = Listed(number, new.branch, new.email_hash)
        return changes


def _lapse_member(data: Data, member_id: int) -> None:
    data.delete_where("roles", lambda g: g.member_id == member_id and g.role is Role.MEMBER)
    officer = any(g.member_id == member_id and g.role is Role.OFFICER for g in data.roles.values())
    member = data.members.get(member_id)
    if member is not None and not officer:
        data.members[member_id] = replace(member, branch=None)


def _member_branch(data: Data, member_id: int, branch: str) -> None:
    member = data.members.get(member_id)
    if member is not None:
        data.members[member_id] = replace(member, branch=branch)
    data.delete_where(
        "roles",
        lambda g: g.member_id == member_id and g.role is Role.MEMBER and g.branch != branch,
    )
    grant = RoleGrant(member_id, Role.MEMBER, branch)
    if grant not in data.roles.values():
        data.roles[data.next_id("roles")] = grant


class MemoryMembership:
    def __init__(self, data: Data) -> None:
        self._d = data

    @asynccontextmanager
    async def importing(self) -> AsyncIterator[MemoryListImport]:
        yield MemoryListImport(self._d)

    # The list --------------------------------------------------------------------------

    async def has_list(self) -> bool:
        return bool(self._d.membership_list)

    async def records(self, number_hashes: Sequence[str]) -> dict[str, Listed]:
        held = self._d.membership_list
        return {n: held[n] for n in number_hashes if n in held}

    async def record_of(self, member_id: int) -> Listed | None:
        return next((r for r in self._d.membership_list.values() if r.member_id == member_id), None)

    async def by_email(self, email_hash: str) -> Listed | None:
        found = [r for r in self._d.membership_list.values() if r.email_hash == email_hash]
        return min(found, key=lambda r: r.number_hash) if found else None

    async def link(self, number_hash: str, member_id: int) -> bool:
        record = self._d.membership_list.get(number_hash)
        if record is None or member_id not in self._d.members:
            return False
        if record.member_id not in (None, member_id):
            return False
        other = await self.record_of(member_id)
        if other is not None and other.number_hash != number_hash:
            return False
        self._d.membership_list[number_hash] = replace(record, member_id=member_id)
        for key, invite in self._d.invites.items():
            if invite.number_hash == number_hash:
                self._d.invites[key] = replace(invite, member_id=member_id)
        _member_branch(self._d, member_id, record.branch)
        return True

    # Invites ---------------------------------------------------------------------------

    async def issue(self, invites: Sequence[Invite]) -> None:
        numbers = {i.number_hash for i in invites}
        held = self._d.membership_list
        if not numbers <= held.keys():
            raise ValueError("an invite for a record not on the list")
        self._d.delete_where("invites", lambda row: row.number_hash in numbers)
        for i in invites:
            record = held[i.number_hash]
            self._d.invites[i.code_hash] = InviteRow(
                i.code_hash,
                i.number_hash,
                utc_time(i.expires_at),
                ",".join(i.used_on),
                record.member_id,
            )

    async def invite(self, code_hash: str) -> Invite | None:
        row = self._d.invites.get(code_hash)
        if row is None:
            return None
        used = tuple(p for p in row.used_on.split(",") if p)
        return Invite(row.code_hash, row.number_hash, row.expires_at, used, row.member_id)

    async def use_invite(self, code_hash: str, platform: str) -> bool:
        row = self._d.invites.get(code_hash)
        if row is None or platform in row.used_on.split(","):
            return False
        used = ",".join(p for p in (*row.used_on.split(","), platform) if p)
        self._d.invites[code_hash] = replace(row, used_on=used)
        return True

    # Join requests and attempts ----------------------------------------------------------

    async def request(
        self, member_id: int, branch: str, number_hash: str | None, at: datetime
    ) -> JoinRequest:
        made = JoinRequest(
            self._d.next_id("join_requests"), member_id, branch, utc_time(at), number_hash
        )
        self._d.join_requests[made.id] = made
        return made

    async def requests_of(self, member_id: int) -> list[JoinRequest]:
        mine = [r for r in self._d.join_requests.values() if r.member_id == member_id]
        return sorted(mine, key=lambda r: r.id)

    async def requests_in(self, branch: str) -> list[JoinRequest]:
        found = [r for r in self._d.join_requests.values() if r.branch == branch]
        return sorted(found, key=lambda r: r.id)

    async def get_request(self, request_id: int) -> JoinRequest | None:
        return self._d.join_requests.get(request_id)

    async def close_request(self, request_id: int) -> bool:
        return self._d.delete("join_requests", [request_id]) > 0

    async def attempts(self, account_hash: str, since: datetime) -> int:
        rows = self._d.membership_attempts.values()
        return sum(1 for r in rows if r.account_hash == account_hash and r.at >= since)

    async def attempt(self, account_hash: str, at: datetime, forget_before: datetime) -> None:
        self._d.delete_where("membership_attempts", lambda r: r.at < forget_before)
        made = AttemptRow(self._d.next_id("membership_attempts"), account_hash, utc_time(at))
        self._d.membership_attempts[made.id] = made

    async def reach(self) -> dict[str, BranchCounts]:
        on_list: Counter[str] = Counter()
        in_chat: Counter[str] = Counter()
        linked = set()
        for record in self._d.membership_list.values():
            on_list[record.branch] += 1
            if record.member_id is not None:
                in_chat[record.branch] += 1
                linked.add(record.member_id)
        pending = Counter(r.branch for r in self._d.join_requests.values())
        roles = {g.member_id for g in self._d.roles.values() if g.role in _MEMBERS}
        unlisted = Counter(
            m.branch
            for m in self._d.members.values()
            if m.branch and m.id in roles and m.id not in linked
        )
        branches = set(on_list) | set(pending) | set(unlisted)
        return {
            b: BranchCounts(on_list[b], in_chat[b], pending[b], unlisted[b])
            for b in sorted(branches)
        }


_MEMBERS = (Role.MEMBER, Role.OFFICER)
