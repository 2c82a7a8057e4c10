"""What a member asks of a ballot or a passage that the moment or the question rules out, in
wordings of our own (none from a set).

How to vote in a ballot the question names, asked after it closed, says first that it
closed: the how-to alone reads as if it could still be done. "Another paper" asked for, or
one thrown out, is a replacement; "haven't told the union yet" is what the member has not
done, not a pack still awaited. "Anything to vote on?" asks whether any ballot is open. A
petition signed and "do I need to tell anyone?" is told with /signed.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 8, 10, tzinfo=ZONE)
JUNE = datetime(2023, 6, 1, 10, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("how do I cast my vote for president?", JUNE),
        ("what's the way to vote in the nec ballot", datetime(2024, 3, 1, 9, tzinfo=ZONE)),
        ("is my group exec voting link still ok to use?", JUNE),
    ],
)
def test_how_to_vote_in_a_closed_ballot_says_it_closed(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    found = ask(answerer, question, now)
    assert not found.handoff and "closed" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "what did the NEC decide about a pay ballot?",
        "what was the national executive's decision on a pay ballot",
    ],
)
def test_a_decision_on_a_ballot_is_not_a_ballot_to_vote_in(
    answerer: ContentAnswerer, question: str
) -> None:
    # "NEC" and "ballot" name the NEC election, but the passage found is a meeting's
    # decision: long after the election closed, that it closed is nothing to say first.
    found = ask(answerer, question, JUNE)
    assert not found.handoff and "Not ready yet" in found.text
    assert "too late to vote" not in found.text and "closed at" not in found.text


def test_how_to_vote_while_open_says_nothing_of_a_close(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "how do I cast my vote for president?")
    assert not found.handoff and "closed" not in found.text and "post" in found.text


def test_another_paper_asked_for_is_a_replacement(answerer: ContentAnswerer) -> None:
    on_the_day = datetime(2023, 5, 4, 12, tzinfo=ZONE)
    question = "too late to ask for another postal paper? my son tossed mine out with the junk mail"
    found = ask(answerer, question, on_the_day)
    assert not found.handoff and "17:00" in found.text and "still open" not in found.text


def test_what_the_member_has_not_done_yet_is_no_pack_awaited(answerer: ContentAnswerer) -> None:
    question = (
        "relocated in the spring and not updated my details yet. "
        "will my ballot go to the previous house?"
    )
    found = ask(answerer, question)
    assert not found.handoff and "membership team" in found.text


@pytest.mark.parametrize(
    ("now", "said"),
    [
        (datetime(2023, 5, 12, 9, tzinfo=ZONE), "16 May"),
        (JUNE, "No ballot is open now"),
    ],
)
def test_anything_to_vote_on_asks_of_every_ballot(
    answerer: ContentAnswerer, now: datetime, said: str
) -> None:
    for question in ("got anything for me to vote on this week?", "anything to vote for now?"):
        found = ask(answerer, question, now)
        assert not found.handoff and said in found.text and "your choice" not in found.text


def test_a_signature_told_is_told_with_signed(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "done the fair pay petition on my lunch, should I let anyone know?")
    assert not found.handoff and "/signed" in found.text
