"""Members' questions waiting for an organiser; the audit log."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.core.models import AuditEntry, FaqAlias, Identity, Platform, Question
from bot.storage.erasure import Askers
from bot.storage.memory.data import Data, QuestionRow, utc, utc_time

MAX_TEXT = 2000  # as the SQL column: a longer question is cut, not refused
MAX_PHRASE = 500


def _question(row: QuestionRow) -> Question:
    asker = Identity(Platform(row.platform), row.user_id) if row.platform and row.user_id else None
    return Question(
        row.id, row.text, row.asked_at, asker, row.branch, row.answer, row.answered_at, row.faq
    )


class MemoryQuestions:
    def __init__(self, data: Data, askers: Askers) -> None:
        self._d, self._askers = data, askers

    async def add(self, question: Question) -> Question:
        asker = question.asker
        row = QuestionRow(
            id=self._d.next_id("questions"),
            text=question.text[:MAX_TEXT],
            asked_at=utc_time(question.asked_at),
            platform=asker.platform.value if asker else None,
            user_id=asker.user_id if asker else None,
            branch=question.branch,
        )
        self._d.questions[row.id] = row
        return _question(row)

    async def get(self, question_id: int) -> Question | None:
        row = self._d.questions.get(question_id)
        return None if row is None else _question(row)

    async def open(self, limit: int = 50) -> list[Question]:
        found = [q for q in self._d.questions.values() if q.answered_at is None]
        return [_question(q) for q in sorted(found, key=lambda q: (q.asked_at, q.id))[:limit]]

    async def answer(self, question_id: int, text: str, at: datetime, faq: bool) -> bool:
        found = self._d.questions.get(question_id)
        if found is None or found.answered_at is not None:
            return False
        self._d.questions[question_id] = replace(
            found,
            answer=text,
            answered_at=utc_time(at),
            faq=faq,
            platform=None,
            user_id=(
                self._askers.pseudonym(f"{found.platform}:{found.user_id}")
                if found.user_id
                else None
            ),
        )
        return True

    async def faq(self) -> list[Question]:
        found = [q for q in self._d.questions.values() if q.faq and q.answer is not None]
        return [_question(q) for q in sorted(found, key=lambda q: q.id)]

    async def asked_since(self, since: datetime) -> list[Question]:
        cutoff = utc_time(since)
        found = [q for q in self._d.questions.values() if q.asked_at >= cutoff]
        return [_question(q) for q in sorted(found, key=lambda q: (q.asked_at, q.id))]

    async def add_alias(self, entry: str, phrase: str, at: datetime) -> FaqAlias:
        alias = FaqAlias(self._d.next_id("faq_aliases"), entry, phrase[:MAX_PHRASE], utc_time(at))
        self._d.faq_aliases[alias.id] = alias
        return alias

    async def aliases(self) -> list[FaqAlias]:
        return [self._d.faq_aliases[k] for k in sorted(self._d.faq_aliases)]


class MemoryAudit:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def record(self, entry: AuditEntry) -> None:
        entry = utc(replace(entry, detail=dict(entry.detail)))
        self._d.audit_log[self._d.next_id("audit_log")] = entry

    async def recent(self, limit: int = 100) -> list[AuditEntry]:
        newest_first = sorted(self._d.audit_log.items(), reverse=True)
        return [entry for _, entry in newest_first[:limit]]
