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


# The bot said to be broken, or sending one thing over and over, or no longer reminding: what
# to do then is not another way of telling it you voted ("or press I've voted").
@pytest.mark.parametrize(
    "question",
    [
        "the bot sent the same message twice in an hour, is it glitching?",
        "is the bot bugged? no reminders since monday and I've not voted yet",
        "the bot stopped sending me reminders last week, I never pressed anything",
    ],
)
async def test_the_bot_broken_or_repeating_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, NOW)
    assert answer.handoff, answer.text


# The bot reaching the member at a bad hour is its reminders, not its record of their branch.
@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "bot keeps messaging me at 5am about the nec ballot, I work lates. how do I silence it",
            "/remindme",
        ),
        ("you keep texting me at midnight about voting, how do I make it stop", "/remindme"),
        ("the bot still has me down at dwp leeds but I moved to glasgow", "/whoami"),
        ("how do I tell the bot I've voted", "/voted"),
    ],
)
async def test_the_bot_reaching_me_at_an_hour_is_its_reminders(
    answerer: ContentAnswerer, question: str, said: str
) -> None:
    answer = await answerer.answer(question, NOW)
    assert not answer.handoff and said in answer.text, answer.text
