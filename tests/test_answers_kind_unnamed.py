"""Hand-offs the engine answered: the passage shares the question's topic words but not what
is asked. Whether a kind of worker counts as one the content names (the review body is for
"specialists"; whether lab technicians are among them it cannot say); a way asked for instead
of the bot's own (the bot is on Telegram and Slack, never on an app the content does not
name); a ballot asked of at a time still to come, the reply the NEC's record of 2020. The
content's own kinds, ways and records keep their answers. Wordings written for this file
(none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
BEFORE = datetime(2023, 4, 12, 10, tzinfo=LONDON)  # before the NEC papers go out


@pytest.mark.parametrize(
    "question",
    [
        # a kind of worker the content never names, asked of as one it does
        "would lab technicians count as specialists under the pay review body?",
        "Would probation officers be classed as specialists for the pay review body?",
        "do paralegals qualify as specialists for the review body thing",
        "does the new pay review body include cleaners and security guards?",
        "would a senior data scientist be covered by the specialist pay review body?",
        # a way instead of the bot's own
        "can i get the reminders through facebook messenger instead of telegram?",
        "Could I get the campaign updates on WhatsApp rather than Telegram, please?",
        # a ballot at a time still to come
        "Will there be a new ballot on pay next spring, now readiness is being reassessed?",
        "are we going to have a pay ballot early next year or not",
    ],
)
async def test_what_the_content_never_names_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, BEFORE)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who counts as a specialist for the pay review body?", "specialists"),
        ("Would managers count as specialists for the review body?", "managers"),
        ("which group does HMRC Newcastle come under?", "HM Revenue and Customs"),
        ("is the passport office part of the home office group", "Home Office"),
        ("what years do the PSSEC terms of reference cover?", "2025"),
        ("can I vote in the strike ballot through the bot instead of by post?", "postal"),
        ("will there be coordinated action on pay?", "coordinat"),
    ],
)
async def test_what_the_content_names_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, BEFORE)
    assert not found.handoff
    assert expected in found.text
