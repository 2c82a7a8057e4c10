"""Members' questions: answered from the content, or handed to the organisers, whose reply
reaches the member by DM (and, if they choose, answers everyone from then on)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.errors import Forbidden, InvalidInput, NotFound
from bot.core.models import Identity, Platform, Question
from bot.core.ports import Store
from bot.core.results import AliasAdded, Asked, HandoffLine, HandoffReport, Replied
from bot.core.services import Answerer
from bot.delivery.outbox import Outbox
from bot.services.audit import AuditService

MAX_PHRASE = 500


def faq_key(entry: str) -> str:
    """An FAQ entry as typed: its id ("bot-reminders"), or a question number ("12", "#12")
    for an organiser's answer added to the FAQ."""
    entry = entry.strip()
    return f"#{entry.lstrip('#')}" if entry.lstrip("#").isdigit() else entry.lower()


# An answerer suggests topics from its content (bot/answers/topics.py); this names none,
# for content may hold no campaign or no meeting report.
FALLBACK_TOPICS = ("what the bot can do (/help)",)


class QuestionService:
    def __init__(
        self, store: Store, clock: Clock, answers: Answerer, outbox: Outbox, audit: AuditService
    ) -> None:
        self.store, self.clock, self.answers = store, clock, answers
        self.outbox, self.audit = outbox, audit

    async def ask(self, text: str, by: Caller, asker: Identity | None) -> Asked:
        answer = await self.answers.answer(text, self.clock.now())
        if not answer.handoff:
            return Asked(answer.text, answer.sources)
        near = answer.suggestions or FALLBACK_TOPICS
        if not any(ch.isalnum() for ch in text):
            return Asked("", suggestions=near, unsure=True)  # nothing to hand on
        if asker is not None and asker.platform is Platform.CONSOLE:
            asker = None
        branch = by.member.branch if by.member else None
        waiting = await self.store.questions.add(Question(0, text, self.clock.now(), asker, branch))
        await self.audit.record(by, "/ask", "handed off", question=str(waiting.id))
        # (what the bot could answer of it, said now: the rest waits for an organiser)
        return Asked(
            answer.text,
            answer.sources,
            handed_off=waiting.id,
            suggestions=near,
            language=answer.language,
        )

    async def waiting(self, limit: int = 20) -> list[Question]:
        return await self.store.questions.open(limit=limit)

    async def reply(self, question_id: int, text: str, faq: bool, by: Caller) -> Replied:
        if not by.is_organiser:
            raise Forbidden("/reply", "organiser")
        if not text.strip():
            raise InvalidInput("ANSWER", "the answer is empty")
        found = await self.store.questions.get(question_id)
        if found is None:
            raise InvalidInput("ID", f"no question #{question_id}")
        if found.answered_at is not None:
            return Replied(question_id, "was already answered")
        sent = 0
        if found.asker is not None:
            sent = await self.outbox.notify(
                [found.asker],
                "question-answer",
                {"question": found.text, "answer": text},
                title=f"Answer to question #{question_id}",
            )
        await self.store.questions.answer(question_id, text, self.clock.now(), faq)
        if faq:
            answered = await self.store.questions.get(question_id)
            if answered is not None:
                self.answers.add_faq(answered)
        await self.audit.record(by, "/reply", "answered", question=str(question_id), faq=str(faq))
        outcome = "answer sent by DM" if sent else "answer recorded (no one to send it to)"
        return Replied(question_id, outcome + ("; added to the FAQ" if faq else ""))

    async def alias(self, entry: str, phrase: str, by: Caller) -> AliasAdded:
        """Another way members ask an FAQ entry's question: stored (it survives a restart)
        and answered from now on."""
        if not by.is_organiser:
            raise Forbidden("/faq alias", "organiser")
        key = faq_key(entry)
        phrase = " ".join(phrase.split())
        if not any(ch.isalnum() for ch in phrase):
            raise InvalidInput("PHRASE", "the phrasing is empty")
        if len(phrase) > MAX_PHRASE:
            raise InvalidInput("PHRASE", f"at most {MAX_PHRASE} characters")
        if not self.answers.has_faq(key):
            raise NotFound("FAQ entry", key)
        await self.store.questions.add_alias(key, phrase, self.clock.now())
        self.answers.add_alias(key, phrase)
        await self.audit.record(by, "/faq alias", "added", entry=key)
        return AliasAdded(key, phrase)

    async def report(self, days: int, by: Caller) -> HandoffReport:
        """The questions handed to the organisers in the last `days` days, oldest first."""
        if not by.is_organiser:
            raise Forbidden("questions report", "organiser")
        if days < 1:
            raise InvalidInput("DAYS", "at least 1")
        since = self.clock.now() - timedelta(days=days)
        found = await self.store.questions.asked_since(since)
        lines = tuple(
            HandoffLine(q.id, q.asked_at, q.branch, q.text, q.answered_at is not None, q.faq)
            for q in found
        )
        return HandoffReport(days, since, lines)
