"""Petitions: the campaign's link, "I've signed" counted once per member, a branch leaderboard."""

from __future__ import annotations

from bot.content.loader import Content
from bot.core.actions import leaderboard
from bot.core.caller import Caller
from bot.core.errors import InvalidInput
from bot.core.models import PetitionInfo
from bot.core.ports import Store
from bot.core.results import BroadcastRequest, LeaderboardRow, PetitionProgress, Queued, Signed
from bot.core.wording import typed
from bot.services.audit import AuditService
from bot.services.broadcasts import BroadcastService


class PetitionService:
    def __init__(
        self, store: Store, content: Content, broadcasts: BroadcastService, audit: AuditService
    ) -> None:
        self.store, self.content, self.broadcasts, self.audit = store, content, broadcasts, audit

    def all(self) -> list[PetitionInfo]:
        return [
            PetitionInfo(
                c.petition.id, c.petition.title, str(c.petition.url), c.petition.target, c.id
            )
            for c in self.content.campaigns
            if c.petition is not None
        ]

    def get(self, petition_id: str | None = None) -> PetitionInfo:
        found = self.all()
        if petition_id is None and len(found) == 1:
            return found[0]
        for petition in found:
            if petition.id == (petition_id or "").lower():
                return petition
        if not found:  # campaigns/ holds no petition: not "say which petition: none"
            raise InvalidInput("PETITION", "no campaign has a petition at the moment")
        names = ", ".join(p.id for p in found)
        if petition_id is None:
            raise InvalidInput("PETITION", f"say which petition: {names}")
        raise InvalidInput(
            "PETITION", f"no petition called {typed(petition_id)}; petitions: {names}"
        )

    def branch_titles(self) -> dict[str, str]:
        return {b.name: b.title for g in self.content.structure.groups for b in g.branches}

    async def board(self, petition_id: str | None = None) -> list[LeaderboardRow]:
        """Every branch by signatures, most first (the whole union's view)."""
        petition = self.get(petition_id)
        counts = await self.store.petitions.counts(petition.id)
        return leaderboard(counts, self.branch_titles())

    async def progress(self, petition_id: str | None, by: Caller) -> PetitionProgress:
        petition = self.get(petition_id)
        board = await self.board(petition.id)
        total = sum(r.signatures for r in board)
        if not by.is_organiser:
            board = [r for r in board if r.branch and by.is_officer_of(r.branch)]
        signed = by.member is not None and await self.store.petitions.has_signed(
            petition.id, by.member.id
        )
        return PetitionProgress(petition, total, tuple(board), signed)

    async def sign(self, petition_id: str | None, by: Caller) -> Signed:
        petition = self.get(petition_id)
        if by.member is None:
            raise InvalidInput("member", "only a member can sign")
        first = await self.store.petitions.sign(petition.id, by.member.id, by.branch)
        total = sum((await self.store.petitions.counts(petition.id)).values())
        return Signed(petition, first, total)

    async def send(self, petition_id: str | None, target: str, by: Caller) -> Queued:
        """The petition, its progress and an "I've signed" button, to channels subscribed
        to `petitions` (target: all, group:NAME, or branch,branch)."""
        petition = self.get(petition_id)
        total = sum((await self.store.petitions.counts(petition.id)).values())
        request = BroadcastRequest(
            "petitions",
            target,
            template="petition-call",
            title=petition.title,
            values={
                "title": petition.title,
                "url": petition.url,
                "signed": f"{total:,}",
                "target": f"{petition.target:,}",
            },
            buttons=(("I've signed", f"/signed {petition.id}"),),
        )
        sent = await self.broadcasts.send(request, by)
        await self.audit.record(
            by, "/petition send", "done", broadcast=str(sent.broadcast.id), target=target
        )
        return Queued(sent.broadcast.id, sent.queued)
