"""Questions about the election that ask a fact, not a view, and so do not get the neutral
answer: a word that judges when said of those standing ("torn", "decent", "back") said of a
paper, of the member's own kit or of an errand. Their near-misses, a view asked in the same
words, keep it. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers import neutral
from bot.answers.engine import ContentAnswerer
from bot.content.loader import load_content
from bot.core.services import Answer

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
BOTH_OPEN = datetime(2023, 5, 3, 10, tzinfo=LONDON)


@pytest.fixture(scope="module")
def names() -> list[str]:
    content = load_content(ROOT / "campaigns")
    return neutral.names_standing([s for d in content.ballots for s in d.standing])


async def no_view(answerer: ContentAnswerer, names: list[str], question: str) -> Answer:
    """Not read as partisan, and answered (or handed off) without the neutral answer."""
    assert not neutral.is_partisan(question, names)
    found = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(found.text)
    return found


async def kept_neutral(answerer: ContentAnswerer, question: str) -> None:
    """The neutral answer, never a hand-off."""
    found = await answerer.answer(question, BOTH_OPEN)
    assert not found.handoff
    assert neutral.is_neutral(found.text)


@pytest.mark.parametrize(
    "question",
    [
        "my group exec envelope arrived torn, will my vote still count?",
        "the nec paper got torn in half when I opened it, what now?",
        "president ballot came torn open, is it still ok to use",
        "we had two nec packs come through the door, should we send both back?",
        "should I post the spare one back or just bin it? got two group exec papers",
        "no decent wifi at home, can I still vote for the nec by post?",
        "rubbish signal where I live - is the group exec vote online only?",
    ],
)
async def test_a_paper_or_an_errand_is_no_view(
    answerer: ContentAnswerer, names: list[str], question: str
) -> None:
    await no_view(answerer, names, question)


@pytest.mark.parametrize(
    "question",
    [
        "genuinely torn, who should I vote for for president?",
        "I'm torn between the two slates for the nec, help me choose",
        "torn between marion lloyd and someone else, which one?",
        "should I back the broad left network for the nec?",
        "is marion lloyd a decent candidate for president?",
        "which of the nec candidates are decent?",
    ],
)
async def test_the_same_words_of_those_standing_keep_the_neutral_answer(
    answerer: ContentAnswerer, names: list[str], question: str
) -> None:
    await kept_neutral(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "is marion lloyd the one running for president?",
        "is marion lloyd the only candidate, or is anyone else standing?",
        "so is marion lloyd up against anyone for president",
        "independent left and the broad left network are on one slate this year, that right?",
        "is the indy left on its own this time or teamed up with someone",
        "broad left network and independent left: one slate or two?",
        "bln and independent left, separate slates or a joint one?",
        "is the marion lloyd election by post or online?",
    ],
)
async def test_a_fact_about_those_standing_is_no_view(
    answerer: ContentAnswerer, names: list[str], question: str
) -> None:
    assert not (await no_view(answerer, names, question)).handoff


@pytest.mark.parametrize(
    "question",
    [
        "is marion lloyd the one to back for president?",
        "is the broad left network the right slate for me?",
        "my rep says vote for the joint slate, is that right?",
        "is marion lloyd up against anyone worth voting for?",
        "is the joint slate on its own side or the members' side?",
        "is independent left standing on its own a good idea, or should I back the slate?",
    ],
)
async def test_a_view_of_those_standing_keeps_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    await kept_neutral(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "is the union doing the pay campaign alone or with other unions?",
        "are we fighting on pay on our own or alongside the other unions",
    ],
)
async def test_a_campaign_alone_or_with_others_is_no_slate(
    answerer: ContentAnswerer, question: str
) -> None:
    found = await answerer.answer(question, BOTH_OPEN)
    assert not found.handoff
    assert "pay" in found.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "who are the nec candidates this year? just the names, not an opinion",
        "who's standing for president? not a recommendation, only who's on the paper",
        "who is the presidential candidate?",
        "who are the group exec candidates",
    ],
)
async def test_the_names_asked_with_a_view_disclaimed_are_the_list(
    answerer: ContentAnswerer, question: str
) -> None:
    found = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(found.text)


@pytest.mark.parametrize(
    "question",
    [
        "who is the best presidential candidate?",
        "not an opinion really, but who's the strongest nec candidate?",
        "who is the left candidate for president?",
    ],
)
async def test_a_view_beside_the_names_keeps_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    await kept_neutral(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "is there going to be a welsh version of the candidates' statements?",
        "can I get a large print copy of the nec statements",
        "can the candidate statements be posted to me? I don't use the internet",
        "no decent broadband at home, can I have the nec statements sent to me on paper?",
        "marion lloyd's branch?",
        "which department does marion lloyd work in",
        "what branch is marion lloyd in?",
        "I've been charged twice for my subs this month, who can sort that?",
        "my address is wrong on the membership list. who could fix it?",
        "what's marion lloyd's email? I'd like to ask her about pensions",
    ],
)
async def test_what_the_content_does_not_hold_is_no_view(
    answerer: ContentAnswerer, names: list[str], question: str
) -> None:
    await no_view(answerer, names, question)


@pytest.mark.parametrize(
    "question",
    [
        "which of the candidates can sort out pay?",
        "who can fix the union, marion lloyd or someone else?",
        "I'd like to know if marion lloyd is any good",
        "does marion lloyd's statement make her worth my vote?",
    ],
)
async def test_a_view_asked_beside_them_keeps_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    await kept_neutral(answerer, question)
