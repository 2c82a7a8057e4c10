"""Repositories of members' questions and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.core.models import (
    AuditEntry,
    FaqAlias,
    Question,
)


class QuestionRepo(Protocol):
    async def add(self, question: Question) -> Question: ...

    async def get(self, question_id: int) -> Question | None: ...

    async def open(self, limit: int = 50) -> list[Question]:
        """Unanswered questions, oldest first."""
        ...

    async def answer(self, question_id: int, text: str, at: datetime, faq: bool) -> bool:
        """Record the answer and forget who asked; False if already answered or unknown."""
        ...

    async def faq(self) -> list[Question]:
        """Answered questions an organiser chose to add to the FAQ."""
        ...

    async def asked_since(self, since: datetime) -> list[Question]:
        """Questions handed to the organisers at or after `since`, oldest first."""
        ...

    async def add_alias(self, entry: str, phrase: str, at: datetime) -> FaqAlias:
        """Another way members ask an FAQ entry's question (cut to 500 characters)."""
        ...

    async def aliases(self) -> list[FaqAlias]:
        """Every alternative phrasing, oldest first."""
        ...


class AuditRepo(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...

    async def recent(self, limit: int = 100) -> list[AuditEntry]: ...
