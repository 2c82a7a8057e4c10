"""Questions met in chat at the real clock (December 2026, every ballot closed): whether
any ballot is on, the bot's own commands said in words, a union's word for its demands.
Wordings written for this file, none taken from a question set."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
DECEMBER = datetime(2026, 12, 1, 16, tzinfo=LONDON)
BEFORE = datetime(2023, 4, 3, 10, tzinfo=LONDON)  # before the NEC papers go out
DURING = datetime(2023, 5, 3, 10, tzinfo=LONDON)  # both ballots open


async def said(answerer: ContentAnswerer, question: str, now: datetime = DECEMBER) -> str:
    answer = await answerer.answer(question, now)
    assert not answer.handoff, question
    return " ".join([answer.text, *answer.sources])


@pytest.mark.parametrize(
    "question",
    ["any votes happening at the moment?", "is there an election running", "what polls are on"],
)
async def test_whether_any_ballot_is_on_when_none_is(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await said(answerer, question)
    assert reply.startswith("No ballot is open now"), reply
    assert "Group executive committee elections 2023" in reply and "16 May 2023" in reply


async def test_whether_any_ballot_is_on_before_the_first_opens(answerer: ContentAnswerer) -> None:
    reply = await said(answerer, "any votes happening at the moment?", BEFORE)
    assert reply.startswith("No ballot is open now. The next:"), reply
    assert "20 April" in reply


async def test_whether_any_ballot_is_on_while_two_are(answerer: ContentAnswerer) -> None:
    reply = await said(answerer, "is there an election running", DURING)
    assert "No ballot" not in reply
    assert "President and National Executive" in reply and "Group executive" in reply


async def test_a_vote_on_a_topic_is_not_whether_one_is_open(answerer: ContentAnswerer) -> None:
    answer = await answerer.answer("is there a vote on pay coming?", DECEMBER)
    assert "No ballot is open now" not in answer.text


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("who am i?", "/whoami"),
        ("hi bot, who am i", "/whoami"),
        ("my data please", "/mydata"),
        ("how can i see my data", "/mydata"),
        ("could i get a copy of everything you have on me", "/mydata"),
    ],
)
async def test_the_bots_commands_said_in_words(
    answerer: ContentAnswerer, question: str, command: str
) -> None:
    reply = await said(answerer, question)
    assert command in reply and "/forget" not in reply, reply


async def test_removing_is_still_answered_by_forget(answerer: ContentAnswerer) -> None:
    reply = await said(answerer, "how do i wipe everything you hold on me")
    assert "/forget" in reply


async def test_a_pay_claim_is_the_pay_campaigns_demands(answerer: ContentAnswerer) -> None:
    reply = await said(answerer, "whats our pay claim?")
    assert "Fair pay for public services" in reply and "pension" not in reply.lower()


OPEN = datetime(2023, 5, 3, 10, tzinfo=LONDON)  # both ballots open, the group exec's a week


@pytest.mark.parametrize(
    "question",
    [
        # whether the member's own vote got there or was counted: no one but the scrutineer
        "sent my nec ballot back last week, has it arrived?",
        "i posted mine on monday. was it received ok",
        "posted my nec vote on friday - did it get there ok?",
        # a rule bent for one member
        "any chance of an extension to the nec deadline for me, been away",
        "can my partner fill in my nec paper on my behalf",
        # a ballot on a dispute is not an election the content holds
        "is there a ballot over the office closures open yet?",
        # an online ballot's email missing days after voting opened
        "no email from the group exec election has come through for me, can you sort it",
    ],
)
async def test_what_no_date_answers_is_handed_off(answerer: ContentAnswerer, question: str) -> None:
    answer = await answerer.answer(question, OPEN)
    assert answer.handoff, answer.text


async def test_an_online_ballot_opening_today_still_gets_its_date(
    answerer: ContentAnswerer,
) -> None:
    opening_day = datetime(2023, 4, 27, 8, tzinfo=LONDON)
    reply = await said(answerer, "group exec vote, no email yet?", opening_day)
    assert "27 April" in reply or "today" in reply, reply


async def test_a_message_asking_two_held_things_gets_both(answerer: ContentAnswerer) -> None:
    reply = await said(
        answerer,
        "Two things. How do I sign the pay petition? And where are the meeting reports?",
        OPEN,
    )
    assert "/signed" in reply and "/reports" in reply, reply


async def test_the_held_part_is_said_and_the_rest_handed_off(answerer: ContentAnswerer) -> None:
    answer = await answerer.answer(
        "who do I speak to about a grievance with my line manager? and where can I read the "
        "meeting reports?",
        OPEN,
    )
    assert answer.handoff and "/reports" in answer.text, answer


AFTER = datetime(2023, 5, 22, 10, tzinfo=LONDON)  # both ballots closed


@pytest.mark.parametrize(
    "question",
    ["did independent left get in then?", "so who won the group executive vote for DWP"],
)
async def test_a_result_asked_after_the_close_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, AFTER)
    assert answer.handoff, answer.text


async def test_who_votes_for_which_executive_is_not_the_list_of_groups(
    answerer: ContentAnswerer,
) -> None:
    reply = await said(
        answerer,
        "DWP Leeds member here - can I vote for the HMRC group executive as well as mine?",
        OPEN,
    )
    assert "own group" in reply, reply


async def test_an_address_to_post_to_is_a_detail_no_date_holds(answerer: ContentAnswerer) -> None:
    answer = await answerer.answer("what's the address i send my nec paper back to?", OPEN)
    assert answer.handoff, answer.text


async def test_a_request_to_see_ones_data_is_never_the_way_to_delete_it(
    answerer: ContentAnswerer,
) -> None:
    reply = await said(answerer, "under gdpr i want to see everything the bot holds on me")
    assert "/mydata" in reply and "/forget" not in reply, reply


async def test_letting_the_bot_know_is_telling_it(answerer: ContentAnswerer) -> None:
    reply = await said(answerer, "done my nec paper and posted it, how do i let u know", OPEN)
    assert "/voted" in reply, reply
