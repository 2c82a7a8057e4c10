"""When independent readings of a question agree, in wordings of our own (none from a set).

A hand-off is answered after all when the search puts one passage far ahead of any other
and the vote in meaning is for it first (words the content never uses weaken the match, not
what it is about); a passage no phrasing answers with (content newer than the phrasings)
is backed by a vote for its own heading; a time of day asked of a ballot ("is it
midnight?") is its close; a member who names their branch, told each votes for their own
group's executive, is told which group that is.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.answers import routing
from bot.answers.engine import ContentAnswerer
from bot.answers.phrasings import Outcome, Verdict
from bot.core.services import Answer

ROOT = Path(__file__).resolve().parent.parent
VOTING = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo("Europe/London"))


def ask(answerer: ContentAnswerer, question: str) -> Answer:
    return asyncio.run(answerer.answer(question, VOTING))


def test_a_passage_far_ahead_that_the_meaning_is_for_answers(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer,
        "Citing my data protection rights, I request to know which information this service "
        "holds about me.",
    )
    assert not found.handoff and "/mydata" in found.text


def test_a_result_is_never_rescued(answerer: ContentAnswerer) -> None:
    assert answerer.refuses("citing my rights, who won the NEC election in the end?")
    assert not answerer.refuses("which information does this service hold about me?")


def test_a_time_of_day_asked_of_a_ballot_is_its_close(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer, "on the final day, what hour does the NEC ballot stop, is it at midnight?"
    )
    assert not found.handoff and "noon" in found.text


def test_a_passage_no_phrasing_names_is_backed_by_its_heading(answerer: ContentAnswerer) -> None:
    passages = answerer.index.passages
    unvoted = next(i for i, p in enumerate(passages) if "in commands is dwp-leeds" in p.text)
    sibling = next(i for i, p in enumerate(passages) if p.text.startswith("DWP Leeds is a branch"))
    voted_elsewhere = next(
        i for i, p in enumerate(passages) if p.source != passages[unvoted].source
    )
    assert unvoted not in answerer.voted and sibling in answerer.voted
    said = Answer(passages[unvoted].text, (passages[unvoted].source,), 0.7, False)

    def meant(i: int) -> Verdict:
        return Verdict(Outcome("answer", (i,)), "answer", 0.8, 0.7, {i: 1.0}, 1.0)

    assert routing.kin(answerer, said, meant(sibling))
    assert not routing.kin(answerer, said, meant(voted_elsewhere))
    voted = Answer(passages[sibling].text, (passages[sibling].source,), 0.7, False)
    assert not routing.kin(answerer, voted, meant(sibling + 1))


def test_a_member_who_names_their_branch_is_told_their_group(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "based at HMRC Newcastle, which exec election is mine?")
    assert not found.handoff and "HM Revenue and Customs group" in found.text
    unnamed = ask(answerer, "which group executive do I vote for?")
    assert "is a branch of" not in unnamed.text
