"""A picture at the end of a message, a pack that has not "turned up", and the last safe
posting day said with its date when it is today; asking the bot in a channel, not having it
post there, in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer
from bot.answers.text import clean_question

LONDON = ZoneInfo("Europe/London")


def test_pictures_are_left_out_of_the_words() -> None:
    assert clean_question("done my nec vote 👍🏽") == "done my nec vote"
    assert clean_question("when does it close? 🗳️ thanks") == "when does it close? thanks"
    assert clean_question("subs are £14.50 a month?") == "subs are £14.50 a month?"


async def test_a_vote_told_with_a_picture_gets_voted(answerer: ContentAnswerer) -> None:
    # the candidates' statements before: the picture stopped the message reading as told
    reply = await answerer.answer("done my nec vote 👍", datetime(2023, 5, 3, 12, tzinfo=LONDON))
    assert not reply.handoff
    assert "/voted" in reply.text, reply.text


async def test_a_pack_not_turned_up_gets_its_date(answerer: ContentAnswerer) -> None:
    # handed off before ("turn up" read as the reminders' "turn them back on")
    reply = await answerer.answer(
        "still aint got my president pack, when was it supposed to turn up by",
        datetime(2023, 4, 26, 12, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "27 April" in reply.text, reply.text


async def test_today_the_last_safe_day_is_dated(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "is today the last day I can safely post the nec paper?",
        datetime(2023, 5, 5, 9, tzinfo=LONDON),
    )
    assert "Today is the last safe posting day" in reply.text, reply.text
    assert "Friday 5 May 2023" in reply.text, reply.text


async def test_asking_in_a_channel_is_not_having_it_post(answerer: ContentAnswerer) -> None:
    # /subscribe's entry before ("How do I get the bot to post updates in our branch channel?")
    reply = await answerer.answer(
        "how do I ask the bot something in our branch channel?",
        datetime(2023, 3, 27, 12, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "mention the bot" in reply.text, reply.text
    assert "/subscribe" not in reply.text, reply.text


async def test_getting_it_to_post_keeps_subscribe(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "how do we get the bot to post pay news in our branch channel?",
        datetime(2023, 3, 27, 12, tzinfo=LONDON),
    )
    assert "/subscribe" in reply.text, reply.text
