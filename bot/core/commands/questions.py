"""/ask, /questions, /reply: questions the bot cannot answer wait for an organiser, whose
answer reaches the member by DM."""

from __future__ import annotations

from bot.core import smalltalk, wording
from bot.core.commands.basic import help_
from bot.core.context import Call
from bot.core.errors import InvalidInput
from bot.core.events import Reply
from bot.core.models import Platform, Role
from bot.core.router import Command


def _spelled(call: Call, text: str) -> str:
    """The commands an answer or a suggestion names ("/remindme off", "(/ask pay campaign)"),
    as this person types them: Slack takes only its one slash command."""
    if call.incoming.conversation.platform is Platform.SLACK:
        return wording.slash_commands(text, call.ctx.slack_command)
    return text


async def ask(call: Call) -> list[Reply]:
    question = call.rest.strip()
    if not question:
        return [Reply("ask-empty")]
    talk = smalltalk.kind(question)
    if talk in ("hello", "help"):
        return await help_(call)
    if talk is not None:
        return [Reply(f"smalltalk-{talk}", {"help": call.spell("help")})]
    asked = await call.ctx.questions.ask(question, call.caller, call.incoming.actor)
    suggestions = [_spelled(call, s) for s in asked.suggestions]
    if asked.unsure:
        return [Reply("answer-unsure", {"suggestions": suggestions})]
    if asked.handed_off is not None:
        here = " here" if call.incoming.is_dm else ""
        held = [Reply("answer", {"answer": asked.text, "sources": list(asked.sources)})]
        template = "answer-rest" if asked.text else "answer-handoff"
        language = {"language": asked.language} if asked.language and not asked.text else {}
        return [
            *held[: bool(asked.text)],
            Reply(
                f"{template}-language" if language else template,
                {
                    **language,
                    **({} if asked.text else {"suggestions": suggestions}),
                    "id": str(asked.handed_off),
                    "then": f"their answer will come to you{here} by direct message"
                    if call.incoming.actor.platform is not Platform.CONSOLE
                    # the questions service sends no answer to the terminal's people
                    else "in the terminal, no answer comes back to you",
                },
            ),
        ]
    answer = _spelled(call, asked.text)
    return [Reply("answer", {"answer": answer, "sources": list(asked.sources)})]


async def questions(call: Call) -> list[Reply]:
    lines = [
        f"#{q.id} ({q.branch or 'no branch'}, "
        f"{wording.at(q.asked_at, call.zone, short=True, year=False)}): " + q.text[:200]
        for q in await call.ctx.questions.waiting(20)
    ]
    return [Reply("questions", {"lines": lines or ["No questions are waiting."]})]


async def reply(call: Call) -> list[Reply]:
    usage = f"usage: {call.spell('reply')} ID [--faq] ANSWER"
    parts = call.rest.strip().split(maxsplit=1)
    if len(parts) < 2 or not parts[0].lstrip("#").isdigit():
        raise InvalidInput("ID", usage)
    text = parts[1].strip()
    faq = text.startswith("--faq")
    text = text.removeprefix("--faq").strip()
    if not text:
        raise InvalidInput("ANSWER", usage)
    done = await call.ctx.questions.reply(int(parts[0].lstrip("#")), text, faq, call.caller)
    return [Reply("question-replied", {"id": str(done.question_id), "outcome": done.outcome})]


_QUOTES = "\"'“”‘’"


async def faq(call: Call) -> list[Reply]:
    """/faq alias ID "another way of asking": the FAQ entry answers that phrasing too."""
    usage = f'usage: {call.spell("faq")} alias ID "another way of asking"'
    parts = call.rest.strip().split(maxsplit=2)
    if len(parts) < 3 or parts[0].lower() != "alias":
        raise InvalidInput("alias", usage)
    phrase = parts[2].strip().strip(_QUOTES).strip()
    added = await call.ctx.questions.alias(parts[1], phrase, call.caller)
    return [Reply("faq-alias", {"entry": added.entry, "phrase": added.phrase})]


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
    Command(
        "faq",
        "another way of asking an FAQ entry's question",
        Role.ORGANISER,
        faq,
        usage='alias ID "PHRASE"',
    ),
]
