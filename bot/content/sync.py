"""Copy what the store must know from campaigns/ into it: branches and ballots."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.content.loader import Content
from bot.content.models import Ballot as BallotDoc
from bot.core.ballots import DEFAULT_OFFSETS
from bot.core.models import Ballot, BallotKind, Branch
from bot.core.ports import Store
from bot.core.wording import counted

log = logging.getLogger(__name__)


def ballot_from_content(doc: BallotDoc) -> Ballot:
    return Ballot(
        name=doc.id,
        title=doc.title,
        kind=BallotKind(doc.ballot_kind),
        opens_at=doc.opens,
        closes_at=doc.closes,
        scope_group=doc.scope_group,
        scope_branches=tuple(doc.scope_branches),
        turnout_threshold=doc.turnout_threshold,
        yes_threshold=doc.yes_threshold,
        packs_arrive_by=doc.packs_arrive_by,
        join_by=doc.join_by,
        replacement_deadline=doc.replacement_deadline,
        posting_days=doc.posting_days,
        info_url=str(doc.info_url) if doc.info_url else None,
    )


def offsets_for(doc: BallotDoc) -> dict[str, tuple[str, int, int]]:
    """The default reminder offsets, with this ballot's own days where it sets them."""
    return {
        kind: (anchor, doc.reminders.get(kind, days), hour)
        for kind, (anchor, days, hour) in DEFAULT_OFFSETS.items()
    }


Replan = Callable[[Ballot, dict[str, tuple[str, int, int]]], Awaitable[object]]


async def sync_content(content: Content, store: Store, replan: Replan | None = None) -> list[str]:
    """Branches and ballots from the files into the store. A ballot written from a file
    that is gone is withdrawn; one whose file is back is restored. Returns a line for each,
    also logged, for the operator."""
    for group in content.structure.groups:
        for branch in group.branches:
            await store.branches.upsert(Branch(branch.name, group.name, branch.title))
    said: list[str] = []
    for doc in content.ballots:
        ballot = replace(ballot_from_content(doc), from_file=True)
        stored = await store.ballots.get(ballot.name)
        if stored is not None and stored.withdrawn:
            said.append(f"ballot {ballot.name} restored: its file is back; reminders planned again")
        elif stored is not None and stored.cancelled:  # an organiser cancelled it: it stays so
            ballot = replace(ballot, cancelled=True)
        await store.ballots.upsert(ballot)
        if replan is not None:
            await replan(ballot, offsets_for(doc))
        if stored is not None and stored.withdrawn:
            log.warning("%s", said[-1])  # once it is restored and its reminders planned
    in_files = {doc.id for doc in content.ballots}
    for stored in await store.ballots.all():
        if stored.name in in_files or stored.from_file is not True or stored.cancelled:
            continue
        dropped = await store.ballots.withdraw(stored.name)
        if dropped is not None:
            said.append(
                f"ballot {stored.name} withdrawn: no file in the content folder holds it now; "
                f"{counted(dropped, 'planned reminder')} cancelled, none will be sent "
                "(put the file back to restore it)"
            )
            log.warning("%s", said[-1])  # at once: a process killed next has still said it
    return said
