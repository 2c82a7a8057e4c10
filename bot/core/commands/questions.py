"""/ask and the hand-off: questions the bot cannot answer wait for an organiser, who
answers with /reply; the answer reaches the member by DM."""

from __future__ import annotations

from bot.core.commands.subscriptions import _audit, _outbox
from bot.core.context import Call
from bot.core.errors import InvalidInput
from bot.core.events import Reply
from bot.core.models import Platform, Question, Role
from bot.core.router import Command

FALLBACK_TOPICS = (
    "the pay campaign (/ask pay campaign)",
    "ballots and elections (/ask how do I vote)",
    "the latest NEC meeting (/ask what did the NEC decide)",
)


async def ask(call: Call) -> list[Reply]:
    question = call.rest.strip()
    if not question:
        return [Reply("ask-empty")]
    answer = await call.ctx.answerer.answer(question, call.ctx.clock.now())
    if not answer.handoff:
        return [Reply("answer", {"answer": answer.text, "sources": list(answer.sources)})]
    near = list(answer.suggestions) or list(FALLBACK_TOPICS)
    if not any(ch.isalnum() for ch in question):
        return [Reply("answer-unsure", {"suggestions": near})]  # nothing to hand on
    member = call.caller.member
    asker = call.incoming.actor if call.incoming.actor.platform is not Platform.CONSOLE else None
    waiting = await call.ctx.store.questions.add(
        Question(0, question, call.ctx.clock.now(), asker, member.branch)
    )
    await _audit(call, "/ask", "handed off", question=str(waiting.id))
    return [Reply("answer-handoff", {"suggestions": near, "id": str(waiting.id)})]


async def questions(call: Call) -> list[Reply]:
    waiting = await call.ctx.store.questions.open(limit=20)
    lines = [
        f"#{q.id} ({q.branch or 'no branch'}, {q.asked_at:%d %b %H:%M}): {q.text[:200]}"
        for q in waiting
    ]
    return [Reply("questions", {"lines": lines or ["No questions are waiting."]})]


async def reply(call: Call) -> list[Reply]:
    usage = f"usage: {call.spell('reply')} ID [--faq] ANSWER"
    parts = call.rest.strip().split(maxsplit=1)
    if len(parts) < 2 or not parts[0].lstrip("#").isdigit():
        raise InvalidInput("ID", usage)
    question_id, text = int(parts[0].lstrip("#")), parts[1].strip()
    faq = text.startswith("--faq")
    text = text.removeprefix("--faq").strip()
    if not text:
        raise InvalidInput("ANSWER", usage)
    found = await call.ctx.store.questions.get(question_id)
    if found is None:
        raise InvalidInput("ID", f"no question #{question_id}; see {call.spell('questions')}")
    if found.answered_at is not None:
        return [
            Reply("question-replied", {"id": str(question_id), "outcome": "was already answered"})
        ]
    sent = 0
    if found.asker is not None:
        sent = await _outbox(call).notify(
            [found.asker],
            "question-answer",
            {"question": found.text, "answer": text},
            title=f"Answer to question #{question_id}",
        )
    await call.ctx.store.questions.answer(question_id, text, call.ctx.clock.now(), faq)
    if faq:
        answered = await call.ctx.store.questions.get(question_id)
        if answered is not None:
            call.ctx.answerer.add_faq(answered)
    await _audit(call, "/reply", "answered", question=str(question_id), faq=str(faq))
    outcome = "answer sent by DM" if sent else "answer recorded (no one to send it to)"
    if faq:
        outcome += "; added to the FAQ"
    return [Reply("question-replied", {"id": str(question_id), "outcome": outcome})]


COMMANDS = [
    Command("ask", "ask a question about the campaign", Role.ANYONE, ask, usage="QUESTION"),
    Command("questions", "questions waiting for an answer", Role.ORGANISER, questions),
    Command(
        "reply",
        "answer a waiting question by DM (--faq: add it to the FAQ)",
        Role.ORGANISER,
        reply,
        usage="ID [--faq] ANSWER",
    ),
]
