"""A question in another language the bot cannot answer says so: it reads English best, the
question goes to the organisers as written, and the member is asked to try English too."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.content.loader import Content
from bot.content.sync import sync_content
from bot.content.templates import Templates
from bot.core.clock import FixedClock
from bot.core.models import Identity, Platform
from tests.conftest import ROOT
from tests.test_router import make_router, said

CAR_PARK = "Czy mój pracodawca musi zapłacić za parking, kiedy pracuję w nocy w biurze?"
CAR_PARK_ES = "¿Mi jefe tiene que pagarme el aparcamiento cuando trabajo de noche en la oficina?"


async def test_an_unanswerable_question_in_polish_or_spanish_says_it_reads_english_best(
    content: Content, clock: FixedClock
) -> None:
    router, store = make_router(content, clock)
    for n, (text, language) in enumerate(((CAR_PARK, "Polish"), (CAR_PARK_ES, "Spanish"))):
        who = Identity(Platform.TELEGRAM, str(3100 + n))
        [reply] = await router.handle(said(text, who=who))
        assert reply.template == "answer-handoff-language", text
        assert reply.values["language"] == language and reply.values["suggestions"]
        [page] = Templates.load(ROOT / "messages").render(
            reply.template, reply.values, Platform.TELEGRAM
        )
        assert f"in {language}" in page.text and "English" in page.text
        assert f"#{reply.values['id']}" in page.text
    waiting = await store.questions.open(limit=10)
    assert sorted(q.text for q in waiting) == sorted([CAR_PARK, CAR_PARK_ES])  # as written


async def test_an_unanswerable_question_in_english_gets_the_usual_hand_off(
    content: Content, clock: FixedClock
) -> None:
    router, _ = make_router(content, clock)
    [reply] = await router.handle(said("must my employer pay for parking on night shifts?"))
    assert reply.template == "answer-handoff" and "language" not in reply.values


async def test_an_answerable_question_in_polish_is_answered_in_english(content: Content) -> None:
    router, store = make_router(content, FixedClock(datetime(2023, 5, 8, 9, tzinfo=UTC)))
    await sync_content(content, store)  # the ballots' dates are read from the store
    [reply] = await router.handle(said("Kiedy zamyka się głosowanie na prezydenta?"))
    assert reply.template == "answer"
    assert "I read English best" in reply.values["answer"]
    assert "11 May" in reply.values["answer"]
