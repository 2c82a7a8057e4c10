"""Members' data: one-time link codes, merging two members after /link, /mydata, /forget
and retention, running the same steps (bot/storage/erasure.py) as the SQL store."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.models import BroadcastKind
from bot.storage.erasure import (
    FORGET,
    MERGE,
    Askers,
    Does,
    Finds,
    MergeStep,
    Moves,
    Step,
    needles,
    pseudonymised,
)
from bot.storage.memory.data import Data, LinkCodeRow, column, utc_time, with_column
from bot.storage.memory.export import export_member, own_chats

Found = Callable[[Any], bool]


class MemoryPrivacy:
    def __init__(self, data: Data, askers: Askers) -> None:
        self._d, self._askers = data, askers

    async def issue_code(self, member_id: int, code_hash: str, expires_at: datetime) -> None:
        self._d.delete_where("link_codes", lambda c: c.member_id == member_id)
        self._d.link_codes[code_hash] = LinkCodeRow(code_hash, member_id, utc_time(expires_at))

    async def redeem_code(self, code_hash: str, now: datetime) -> int | None:
        row = self._d.link_codes.pop(code_hash, None)
        self._d.delete_where("link_codes", lambda c: c.expires_at <= now)
        if row is None or row.expires_at <= now:
            return None
        return row.member_id

    async def merge(self, from_member: int, into_member: int) -> None:
        if from_member == into_member:
            return
        for step in MERGE:
            _merge_step(self._d, step, from_member, into_member)
        old = self._d.members.get(from_member)
        new = self._d.members.get(into_member)
        if old is not None and new is not None and old.branch and new.branch is None:
            self._d.members[into_member] = with_column(new, "branch", old.branch)
        self._d.delete("members", [from_member])

    async def export(self, member_id: int) -> dict[str, object]:
        return export_member(self._d, member_id, self._askers)

    async def forget(
        self, member_id: int, identities: Sequence[str], pseudonym: str
    ) -> dict[str, int]:
        chats = own_chats(self._d, member_id)
        notices, askers = _own_notices(self._d, chats), tuple(self._askers.found_by(identities))
        whom = _Whom(member_id, tuple(identities), pseudonym, chats, notices, askers)
        touched: dict[str, int] = {}
        for step in FORGET:
            count = _forget_step(self._d, step, whom)
            if count:
                touched[step.table] = touched.get(step.table, 0) + count
        return touched

    async def expire_delivery_links(self, cutoff: datetime) -> int:
        deliveries = self._d.deliveries
        old = [
            d
            for d in deliveries.values()
            if d.member_id is not None
            and d.state.settled
            and (at := d.updated_at or d.sent_at) is not None
            and at < cutoff
        ]
        for d in old:
            deliveries[d.id] = with_column(d, "member_id", None)
        return len(old)


def _merge_step(data: Data, step: MergeStep, old: int, new: int) -> None:
    table = data.table(step.table)
    theirs = [k for k, row in table.items() if column(row, step.column) == old]
    if step.moves is Moves.DROP:
        data.delete(step.table, theirs)
        return
    held: set[tuple[object, ...]] = set()
    if step.moves is Moves.REPOINT_UNLESS_HELD:
        held = {
            tuple(column(row, k) for k in step.key)
            for row in table.values()
            if column(row, step.column) == new
        }
    for key in theirs:
        if tuple(column(table[key], k) for k in step.key) in held:
            data.delete(step.table, [key])
        else:
            table[key] = with_column(table[key], step.column, new)


@dataclass(frozen=True)
class _Whom:
    """The member being forgotten, and how to find them."""

    member_id: int
    identities: tuple[str, ...]
    pseudonym: str
    chats: list[int]  # their direct-message chats, found before any step runs
    notices: list[int]  # notices sent to those chats only, found before any step runs
    askers: tuple[str, ...]  # the pseudonyms their answered questions may carry


def _own_notices(data: Data, chats: list[int]) -> list[int]:
    sent: dict[int, bool] = {}  # broadcast: sent only to their chats so far
    for d in data.deliveries.values():
        if d.broadcast_id is not None:
            sent[d.broadcast_id] = sent.get(d.broadcast_id, True) and d.channel_id in chats
    notice = BroadcastKind.NOTICE
    return [
        b
        for b, only in sent.items()
        if only and b in data.broadcasts and data.broadcasts[b].kind is notice
    ]


def _forget_step(data: Data, step: Step, whom: _Whom) -> int:
    """Run one erasure step; returns the rows it touched."""
    found = _finds(step, whom)
    if found is None:
        return 0
    table = data.table(step.table)
    keys = [k for k, row in table.items() if found(row)]
    if step.does is Does.DELETE:
        return data.delete(step.table, keys)
    for key in keys:
        row = table[key]
        if step.does is Does.ANONYMISE:
            table[key] = with_column(row, step.column, None)
            continue
        for name in (step.column, *step.also, *step.scrubs):
            value = pseudonymised(step, name, column(row, name), whom.identities, whom.pseudonym)
            row = with_column(row, name, value)
        table[key] = row
    return len(keys)


def _finds(step: Step, whom: _Whom) -> Found | None:
    """Which rows a step touches; None when it can find none (no chats, no identities)."""
    found = needles(whom.identities)
    here = _finder(step, whom, found)
    if here is None:
        return None

    def finds(row: Any) -> bool:
        hit = here(row) or any(_mentions(column(row, name), found) for name in step.also)
        return hit and (step.only is None or column(row, step.only[0]) in step.only[1])

    return finds


def _finder(step: Step, whom: _Whom, found: list[str]) -> Found | None:
    name = step.column
    if step.finds is Finds.MEMBER:
        return lambda row: column(row, name) == whom.member_id
    if step.finds is Finds.OWN_CHAT:
        return (lambda row: column(row, "id") in whom.chats) if whom.chats else None
    if step.finds is Finds.OWN_NOTICE:
        return (lambda row: column(row, name) in whom.notices) if whom.notices else None
    if step.finds is Finds.IN_OWN_CHAT:
        return (lambda row: column(row, name) in whom.chats) if whom.chats else None
    if not whom.identities:
        return None
    if step.finds is Finds.IDENTITY:
        return lambda row: column(row, name) in whom.identities
    if step.finds is Finds.IDENTITY_PAIR:
        return lambda row: f"{column(row, 'platform')}:{column(row, name)}" in whom.identities
    if step.finds is Finds.ASKER:
        hashed = set(whom.askers)
        return lambda row: column(row, "platform") is None and column(row, name) in hashed
    return lambda row: _mentions(column(row, name), found)


def _mentions(value: object, found: Sequence[str]) -> bool:
    """As SQL finds it: the value's text (JSON written out) contains a needle."""
    text = value if isinstance(value, str) else json.dumps(value)
    return any(n in text for n in found)
