"""When a report's meeting happened and when its paper comes back, in wordings of our own: the
meeting's own date is said first, from the report's heading, whatever item the question
names; "take place" asks when, not where; "coming back" to a meeting is no next meeting
asked."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer
from bot.answers.text import normalise

NOW = datetime(2023, 4, 3, 11, 0, tzinfo=ZoneInfo("Europe/London"))


def test_take_place_is_happening() -> None:
    assert normalise("when did it take place") == "when did it happen"


async def test_when_the_meeting_on_zoom_took_place(answerer: ContentAnswerer) -> None:
    # handed off before
    reply = await answerer.answer("what date did that Zoom NEC meeting take place on?", NOW)
    assert not reply.handoff
    assert reply.text.startswith("Report from the NEC meeting of 12 November 2020"), reply.text


async def test_the_meetings_date_leads(answerer: ContentAnswerer) -> None:
    # the conference item alone before, its date only in the source
    reply = await answerer.answer("when did the NEC meet on Zoom?", NOW)
    assert "12 November 2020" in reply.text, reply.text


async def test_a_paper_coming_back_is_answered(answerer: ContentAnswerer) -> None:
    # handed off before: "coming" read as the next meeting asked, and the report is of 2020
    reply = await answerer.answer(
        "bargaining machinery paper: when was that coming back to be signed off?", NOW
    )
    assert not reply.handoff
    assert "December" in reply.text, reply.text


async def test_the_coming_meeting_is_still_the_next(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer("when's the coming NEC meeting?", NOW)
    assert reply.handoff
