"""A paper lost, spoilt or not yet here, told with more than the trouble, and whom to
contact for a new one; in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


async def test_a_pack_still_not_here_gets_the_replacement(answerer: ContentAnswerer) -> None:
    # handed off before: "not here" was not read as a pack that never came
    reply = await answerer.answer(
        "back from a double shift and the nec pack is still not here. what now?",
        datetime(2023, 4, 29, 9, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "replacement" in reply.text, reply.text
    assert "4 May 2023" in reply.text, reply.text


async def test_a_cross_by_the_wrong_name_is_a_spoilt_paper(answerer: ContentAnswerer) -> None:
    # handed off before: "the wrong cross" was not read as a spoilt paper
    reply = await answerer.answer(
        "filled in my nec paper and put the wrong cross. is it possible to get it reissued?",
        datetime(2023, 5, 1, 18, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "replacement" in reply.text, reply.text
    assert "4 May 2023" in reply.text, reply.text


async def test_whom_to_contact_for_a_lost_paper_gets_the_helpline(
    answerer: ContentAnswerer,
) -> None:
    # handed off before: the story around it drew the replacement entry under the line
    reply = await answerer.answer(
        "my nec paper got thrown out with the recycling by my flatmate. who should I contact?",
        datetime(2023, 4, 30, 12, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "helpline" in reply.text, reply.text


async def test_whom_to_contact_without_an_entry_near_keeps_the_entry(
    answerer: ContentAnswerer,
) -> None:
    reply = await answerer.answer(
        "my ballot paper never turned up, who should I ring?",
        datetime(2023, 4, 30, 12, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "helpline" in reply.text, reply.text


async def test_a_name_asked_beside_a_leaflet_binned_is_not_a_replacement(
    answerer: ContentAnswerer,
) -> None:
    reply = await answerer.answer(
        "who is standing for president? had the leaflet but threw it away",
        datetime(2023, 4, 30, 12, tzinfo=LONDON),
    )
    assert "replacement" not in reply.text, reply.text
