"""Belonging to two branches; a question followed by the member's own guess ("… or is it a
closed shop?"); a conference written short; in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2023, 3, 20, 12, tzinfo=LONDON)


async def test_two_branches_at_once_gets_the_one_branch_rule(answerer: ContentAnswerer) -> None:
    # the list of groups before: the branches named read as the question
    reply = await answerer.answer(
        "am I allowed to be in two branches at the same time, DWP Leeds and HMRC Liverpool?", NOW
    )
    assert not reply.handoff
    assert "one branch" in reply.text, reply.text


async def test_which_branches_there_are_keeps_the_list(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer("what branches does the dwp group have", NOW)
    assert "DWP Leeds" in reply.text, reply.text


async def test_a_question_then_a_guess_is_answered(answerer: ContentAnswerer) -> None:
    # handed off before: the guess's words counted against the passage that answers
    reply = await answerer.answer(
        "who gets to pick the pssec secretary or is it a closed club", NOW
    )
    assert not reply.handoff
    assert "appointed by the NEC" in reply.text, reply.text


async def test_a_guess_at_what_is_not_held_is_still_handed_off(
    answerer: ContentAnswerer,
) -> None:
    reply = await answerer.answer("who is the pssec secretary right now, or is it vacant", NOW)
    assert reply.handoff


async def test_a_conference_written_short(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer("was the 2021 conf going to be online?", NOW)
    assert not reply.handoff
    assert "virtual conference" in reply.text, reply.text
