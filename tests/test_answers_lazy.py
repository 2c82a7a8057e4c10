"""The answerer is built when first needed: a CLI verb or a replica's start that answers
nothing does not pay for it, and what organisers taught it before is there when it is."""

from __future__ import annotations

from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_app
from bot.core.caller import Caller
from tests.harness import settings_for

NOW = datetime(2023, 5, 2, 9, tzinfo=UTC)
PHRASE = "is there a creche at the branch meeting"


async def test_built_on_first_answer_with_what_organisers_taught_it(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, None, None)
    async with AsyncExitStack() as stack:
        app = await build_app(settings, stack)
        assert not app.services.answers.built
        await app.services.questions.alias("bot-reminders", PHRASE, Caller.operator("test"))
    async with AsyncExitStack() as stack:  # a restart: the alias is read, the answerer unbuilt
        app = await build_app(settings, stack)
        assert not app.services.answers.built
        answer = await app.services.answers.answer(PHRASE, NOW)
        assert app.services.answers.built
        assert not answer.handoff and "/remindme off" in answer.text
