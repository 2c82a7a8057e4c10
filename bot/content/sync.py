"""Copy what the store must know from campaigns/ into it: branches and ballots."""

from __future__ import annotations

from bot.content.loader import Content
from bot.content.models import Ballot as BallotDoc
from bot.core.models import Ballot, BallotKind, Branch
from bot.core.ports import Store


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


async def sync_content(content: Content, store: Store) -> None:
    for group in content.structure.groups:
        for branch in group.branches:
            await store.branches.upsert(Branch(branch.name, group.name, branch.title))
    for doc in content.ballots:
        await store.ballots.upsert(ballot_from_content(doc))
