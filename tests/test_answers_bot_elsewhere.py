"""The bot's own features asked of where the content is silent: another app than Telegram or
Slack, or a feature that went wrong for the member. The passage on how a feature works when
all goes well answers neither, so the question goes to the organisers; how to use a feature
keeps its answer. Wordings written for this file, none from a question set."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 2, 10, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "does the bot also work on whatsapp? our lot won't use telegram",
        "is this bot on signal as well",
        "can we use the bot through microsoft teams at work, nobody here has slack",
    ],
)
async def test_another_app_is_handed_off(answerer: ContentAnswerer, question: str) -> None:
    answer = await answerer.answer(question, NOW)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "typed the /link code into slack and the code didnt work",
        "the bot has stopped posting in our branch group since friday",
        "typed /forget by mistake. can you restore my account please",
    ],
)
async def test_a_feature_gone_wrong_is_handed_off(answerer: ContentAnswerer, question: str) -> None:
    answer = await answerer.answer(question, NOW)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how do I link my slack and telegram accounts?", "/link"),
        ("how do I delete everything the bot holds on me?", "/forget"),
        ("how do I stop the bot sending me reminders", "/remindme"),
        ("our whatsapp, sorry, telegram group: how do we get the bot posting there?", "/subscribe"),
    ],
)
async def test_how_to_use_a_feature_keeps_its_answer(
    answerer: ContentAnswerer, question: str, said: str
) -> None:
    answer = await answerer.answer(question, NOW)
    assert not answer.handoff and said in answer.text, answer.text
