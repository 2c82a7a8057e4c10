"""Members' questions waiting for an organiser, and the FAQ their answers grow."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.models import FaqAlias, Identity, Platform, Question
from bot.storage import tables as t
from bot.storage.erasure import Askers
from bot.storage.sql.base import SqlRepo, inserted_id

MAX_TEXT = 2000  # the column's width: a longer question is cut, not refused
MAX_PHRASE = 500


def _question(row: Any) -> Question:
    asker = Identity(Platform(row.platform), row.user_id) if row.platform and row.user_id else None
    return Question(
        id=int(row.id),
        text=row.text,
        asked_at=row.asked_at,
        asker=asker,
        branch=row.branch,
        answer=row.answer,
        answered_at=row.answered_at,
        faq=bool(row.faq),
    )


class SqlQuestions(SqlRepo):
    def __init__(self, engine: AsyncEngine, askers: Askers) -> None:
        super().__init__(engine)
        self._askers = askers

    def _asked_by(self, row: Any) -> str | None:
        """Who asked, once answered: a pseudonym /forget and /mydata can still find."""
        return self._askers.pseudonym(f"{row.platform}:{row.user_id}") if row.user_id else None

    async def add(self, question: Question) -> Question:
        asker = question.asker
        async with self._engine.begin() as conn:
            result = await conn.execute(
                insert(t.questions).values(
                    text=question.text[:MAX_TEXT],
                    asked_at=question.asked_at,
                    platform=asker.platform.value if asker else None,
                    user_id=asker.user_id if asker else None,
                    branch=question.branch,
                    faq=False,
                )
            )
            new_id = inserted_id(result)
        found = await self.get(new_id)
        assert found is not None
        return found

    async def get(self, question_id: int) -> Question | None:
        async with self._engine.connect() as conn:
            query = select(t.questions).where(t.questions.c.id == question_id)
            row = (await conn.execute(query)).first()
            return None if row is None else _question(row)

    async def open(self, limit: int = 50) -> list[Question]:
        q = t.questions.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.questions)
                .where(q.answered_at.is_(None))
                .order_by(q.asked_at, q.id)
                .limit(limit)
            )
            return [_question(r) for r in rows]

    async def answer(self, question_id: int, text: str, at: datetime, faq: bool) -> bool:
        q = t.questions.c
        async with self._engine.begin() as conn:
            waiting = q.id == question_id, q.answered_at.is_(None)
            row = (await conn.execute(select(q.platform, q.user_id).where(*waiting))).first()
            if row is None:
                return False
            result = await conn.execute(
                update(t.questions)
                .where(*waiting)
                .values(
                    answer=text, answered_at=at, faq=faq, platform=None, user_id=self._asked_by(row)
                )
            )
            return bool(result.rowcount)

    async def faq(self) -> list[Question]:
        q = t.questions.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.questions).where(q.faq.is_(True), q.answer.is_not(None)).order_by(q.id)
            )
            return [_question(r) for r in rows]

    async def asked_since(self, since: datetime) -> list[Question]:
        q = t.questions.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.questions).where(q.asked_at >= since).order_by(q.asked_at, q.id)
            )
            return [_question(r) for r in rows]

    async def add_alias(self, entry: str, phrase: str, at: datetime) -> FaqAlias:
        values = {"entry": entry, "phrase": phrase[:MAX_PHRASE], "added_at": at}
        async with self._engine.begin() as conn:
            new_id = inserted_id(await conn.execute(insert(t.faq_aliases).values(**values)))
            row = (
                await conn.execute(select(t.faq_aliases).where(t.faq_aliases.c.id == new_id))
            ).one()
        return FaqAlias(int(row.id), row.entry, row.phrase, row.added_at)

    async def aliases(self) -> list[FaqAlias]:
        a = t.faq_aliases.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(t.faq_aliases).order_by(a.id))
            return [FaqAlias(int(r.id), r.entry, r.phrase, r.added_at) for r in rows]
