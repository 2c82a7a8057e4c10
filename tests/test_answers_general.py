"""General rules of the answer engine, each checked on questions written for this file (not
taken from any question set): a judgement is answered neutrally before anything else, in
the election the people named stand in; a date is said of what was asked; "how long does
it last" asks a length."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import neutral
from bot.answers.copies import build
from bot.content.loader import Content
from bot.services.calendar import UkWorkingDays

LONDON = ZoneInfo("Europe/London")
NEC = "President and National Executive Committee elections 2023"


async def ask(content: Content, question: str, now: datetime | None = None) -> tuple[bool, str]:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, now or datetime(2023, 5, 2, 10, tzinfo=LONDON))
    return answer.handoff, " ".join([answer.text, *answer.sources])


@pytest.mark.parametrize(
    "question",
    [
        "should marion lloyd be elected president",  # "elected" is no result asked for
        "lloyd for nec president?",  # a name and the post alone ask for a view
        "broad left network for the nec?",
    ],
)
async def test_a_judgement_gets_the_neutral_answer_not_a_hand_off(
    content: Content, question: str
) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and "your choice" in said and "statement" in said, said
    assert "lloyd" not in said.lower() and "broad left" not in said.lower()


async def test_the_neutral_answer_is_about_the_election_the_slate_stands_in(
    content: Content,
) -> None:
    """Both elections are open on 2 May; the slate stands only in the NEC's."""
    handoff, said = await ask(content, "are the independent left lot worth a vote")
    assert not handoff
    assert said.index(NEC) < said.find("Group executive") or "Group executive" not in said


@pytest.mark.parametrize(
    "question", ["when is conference 2021 taking place", "what date is the 2021 conference on"]
)
async def test_a_date_beside_the_topic_is_no_answer_to_when(
    content: Content, question: str
) -> None:
    """The report plans for a 2021 conference and gives a deadline for AGMs: neither says
    when the conference is."""
    handoff, said = await ask(content, question)
    assert handoff, said


async def test_a_date_said_of_the_topic_still_answers_when(content: Content) -> None:
    handoff, said = await ask(content, "when must branches have held their agm")
    assert not handoff and "26 February 2021" in said, said


async def test_how_long_something_lasts_asks_its_length(content: Content) -> None:
    handoff, said = await ask(content, "how long will the pssec terms of reference last")
    assert not handoff and "2025–27" in said, said


async def test_an_email_that_never_came_is_about_the_online_ballot(content: Content) -> None:
    """A missing email is no postal pack gone missing: the online ballot is the one meant,
    and the content says nothing of replacing its email."""
    handoff, said = await ask(content, "my voting email never turned up")
    assert handoff and NEC not in said, said


async def test_the_last_day_to_post_is_about_the_postal_ballot(content: Content) -> None:
    handoff, said = await ask(
        content, "is today the latest day to post?", datetime(2023, 5, 5, 9, tzinfo=LONDON)
    )
    assert not handoff and "Today is the last safe posting day" in said, said


@pytest.mark.parametrize(
    "question", ["what's the name of the pssec secretary", "the pssec chair's name?"]
)
async def test_a_name_asked_is_not_answered_by_a_role(content: Content, question: str) -> None:
    handoff, said = await ask(content, question)
    assert handoff, said


# The name asked after who holds a post, the post described by who chose them ("the one the
# NEC put in as secretary"): the role's make-up says who chooses, not who it is.
@pytest.mark.parametrize(
    "question",
    [
        "who did the nec appoint as the pssec's secretary, what is their name",
        "the secretary the nec appointed to the pssec - who is that, what's his name",
        "who's the officer the nec put in as pssec secretary? what's their actual name",
        "who was made secretary of the pssec by the nec, name please",
    ],
)
async def test_a_name_asked_after_who_is_not_answered_by_a_role(
    content: Content, question: str
) -> None:
    handoff, said = await ask(content, question)
    assert handoff, said


@pytest.mark.parametrize(
    "question", ["who appoints the pssec secretary", "is the pssec secretary elected"]
)
async def test_who_chooses_a_post_keeps_the_role(content: Content, question: str) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and "NEC" in said, said


async def test_a_question_of_chatter_alone_is_still_read(content: Content) -> None:
    """ "Ask" and "question" say nothing in a longer question; alone, they are the topic."""
    handoff, said = await ask(content, "how can i ask you a question")
    assert not handoff and "/ask" in said, said


async def test_what_it_takes_to_vote_is_no_judgement(content: Content) -> None:
    handoff, said = await ask(content, "what do i need to vote in the group exec ballot")
    assert not handoff and "your choice" not in said, said


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("where are the locals going to be set up", "hub area"),
        ("web address for the group elections?", "example.org/elections/2023/groups"),
    ],
)
async def test_where_is_answered_by_an_area_or_a_web_address(
    content: Content, question: str, expected: str
) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and expected in said, said


async def test_may_the_verb_is_no_date(content: Content) -> None:
    """ "There may be … claims" says no month: it does not answer "when"."""
    handoff, said = await ask(content, "when are the pension age discrimination claims settled")
    assert handoff, said


@pytest.mark.parametrize(
    "question", ["how many colleagues have signed the pay petition", "who is the union's president"]
)
async def test_a_target_or_a_candidate_is_no_tally_or_office_holder(
    content: Content, question: str
) -> None:
    """A petition's target is not how many signed (where the count is, /petition, may be
    said); an election for a post, or a candidate for it, is not who holds it."""
    handoff, said = await ask(content, question)
    assert handoff or ("/petition" in said and "50,000" not in said), said


async def test_a_post_held_by_another_post_answers_who(content: Content) -> None:
    handoff, said = await ask(content, "who's the chair of the sector executive")
    assert not handoff and "President" in said, said


async def test_does_it_work_on_asks_about_the_bot_not_work(content: Content) -> None:
    handoff, said = await ask(content, "does the bot work on slack")
    assert not handoff and "Slack" in said and "workplace rep" not in said, said


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what's the union locals idea i've been hearing about", "Locals bring"),
        ("nothing happens when i type /help in slack", "/campaign help"),
        ("wipe everything you keep on me", "/forget"),
        ("which topics can our branch chat sign up for", "Topics are pay"),
    ],
)
async def test_what_members_say_around_the_question_does_not_hide_it(
    content: Content, question: str, expected: str
) -> None:
    """Chatter in any form ("hearing"), "when" joining two clauses, what the bot holds "on
    me", a channel signing up to topics (not a member joining the union)."""
    handoff, said = await ask(content, question)
    assert not handoff and expected in said, said


@pytest.mark.parametrize(
    "question",
    [
        "is broad left network tougher than independent left?",
        "which slate would fight harder for pensions",
        "which faction is going to fix pay",
    ],
)
async def test_comparing_those_standing_gets_the_neutral_answer(
    content: Content, question: str
) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and "your choice" in said, said


@pytest.mark.parametrize(
    "question",
    [
        "what's the join-by date for the group exec vote",
        "never got the email for the group exec e-ballot, can i get another?",
    ],
)
async def test_a_date_the_ballot_does_not_have_is_handed_off(
    content: Content, question: str
) -> None:
    """The group executive elections have no join-by date and no replacement papers."""
    handoff, said = await ask(content, question)
    assert handoff, said


async def test_a_bank_holiday_is_something_the_dates_speak_of(content: Content) -> None:
    """Monday 8 May 2023 was a bank holiday: asked then, the dated answer, not a hand-off."""
    handoff, said = await ask(
        content,
        "bank holiday today, is it still ok to post my nec paper?",
        datetime(2023, 5, 8, 10, tzinfo=LONDON),
    )
    assert not handoff and "11 May" in said, said


@pytest.mark.parametrize(
    "question",
    [
        "could i drop my nec paper at the union office instead of posting it",
        "can my paper be sent to my mum's instead, letters keep going missing here",
    ],
)
async def test_another_way_than_the_dated_one_gets_no_dates(
    content: Content, question: str
) -> None:
    _, said = await ask(content, question, datetime(2023, 5, 8, 10, tzinfo=LONDON))
    assert "last safe posting day" not in said and "still open" not in said, said


async def test_a_question_naming_two_ballots_is_answered_for_the_one_asked_about(
    content: Content,
) -> None:
    handoff, said = await ask(content, "is the group exec one done by post like the nec one?")
    assert not handoff and "online" in said, said


@pytest.mark.parametrize(
    "question",
    [
        "how many members has the hmrc liverpool branch got",  # the figures count branches
        "when exactly is the pssec meeting next",  # "quarterly" is no day
        "the union wants us to accept the new pension offer, is it any good?",  # advice
        "my group exec voting link never arrived in my inbox, what do i do",  # no replacement
    ],
)
async def test_a_figure_a_frequency_or_advice_the_content_lacks_is_handed_off(
    content: Content, question: str
) -> None:
    handoff, said = await ask(content, question)
    assert handoff, said


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many people on the sector committee", "sixteen committee members"),
        ("how many people could have a pensions age discrimination claim", "70,000"),
    ],
)
async def test_a_figure_that_counts_what_was_asked_still_answers(
    content: Content, question: str, expected: str
) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and expected in said, said


@pytest.mark.parametrize(
    "question",
    [
        "marion lloyd, yay or nay",
        "what's your take on the independent left",
        "is the bln slate endorsed by the nec",
        "who are the front runners for president",
        "what are the candidates saying about pensions",
        "are the broad left network a load of careerists",
        "what do the broad left network pledge on pay",
        "which candidate is on the members side",
        "make the case for the independent left",
        "can you compare the slates for me",
        "what are people saying about marion lloyd",
    ],
)
async def test_views_of_those_standing_get_the_neutral_answer(
    content: Content, question: str
) -> None:
    """What they promise, who backs them, what they are, "yay or nay": a view asked for."""
    handoff, said = await ask(content, question)
    assert not handoff and "your choice" in said, said


async def test_a_slates_name_is_no_view_of_it(content: Content) -> None:
    """ "Left" in "Independent Left" is a name, not a wing asked about: the fact, not the
    neutral answer in its place (the neutral line follows it, as for any slate named)."""
    handoff, said = await ask(
        content, "are broad left network and independent left one joint slate or two"
    )
    assert not handoff and neutral.LEAD not in said and "joint" in said, said
    assert said.index("joint") < said.index("does not recommend"), said


@pytest.mark.parametrize(
    ("now", "question", "expected"),
    [
        ((2023, 5, 9), "how many days have i still got left for the group exec vote", "in 7 days"),
        ((2023, 5, 15), "is there still time for my group exec vote", "still open"),
        ((2023, 5, 2), "how much time is left in the group exec e-ballot", "in 14 days"),
    ],
)
async def test_time_left_in_members_words_gets_the_dates(
    content: Content, now: tuple[int, int, int], question: str, expected: str
) -> None:
    handoff, said = await ask(content, question, datetime(*now, 10, tzinfo=LONDON))
    assert not handoff and expected in said, said


async def test_a_voting_pack_is_no_choice_of_candidate(content: Content) -> None:
    handoff, said = await ask(
        content,
        "should i have got my nec voting pack yet",
        datetime(2023, 4, 29, 10, tzinfo=LONDON),
    )
    assert not handoff and "your choice" not in said and "27 April" in said, said


async def test_an_answer_in_a_consultation_is_a_vote(content: Content) -> None:
    handoff, said = await ask(
        content, "ticked the wrong option, can i change my consultation answer"
    )
    assert not handoff and "cannot be changed" in said, said


async def test_a_lesser_match_without_the_telling_word_is_no_answer(content: Content) -> None:
    """Agency work is in the bargaining item only; the conference's "contingency" plan is no
    contingent labour, and a decision on something else is no answer."""
    _, said = await ask(content, "what did the nec decide about agency temps")
    assert "virtual conference" not in said, said


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("remind me what the nec said on a pay strike ballot", "Not ready yet"),
        ("what's on the sector committee's to-do list", "Champion"),
        ("is there money for branches to hold agms on zoom", "funding"),
        ("what's the goal for the pay petition", "50,000"),
    ],
)
async def test_members_everyday_words_reach_the_content(
    content: Content, question: str, expected: str
) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and expected in said, said


@pytest.mark.parametrize(
    "question", ["how did the virtual conference go in the end?", "which motions got passed"]
)
async def test_how_a_planned_event_went_is_not_in_the_plan(content: Content, question: str) -> None:
    handoff, said = await ask(content, question)
    assert handoff, said


async def test_suing_is_legal_action(content: Content) -> None:
    handoff, said = await ask(content, "is the union going to court over pensions")
    assert not handoff and "legal action" in said, said


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does the union want for specialists", "review body"),  # no vote asked for
        ("what is the sector committee responsible for", "working lives"),
        ("how do pssec members get chosen", "elected"),
        ("how can i check what my branch is", "/whoami"),
    ],
)
async def test_what_the_union_wants_and_who_picks_whom_are_facts(
    content: Content, question: str, expected: str
) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and expected in said and "your choice" not in said, said


@pytest.mark.parametrize("question", ["what's the pssec?", "wots the pssec"])
async def test_what_a_body_is_is_said_by_the_passage_that_says_it(
    content: Content, question: str
) -> None:
    handoff, said = await ask(content, question)
    assert not handoff and "stands for the Public Services Sector Executive" in said, said


async def test_a_figure_counted_in_members_words(content: Content) -> None:
    handoff, said = await ask(content, "how many sigs is the petition after")
    assert not handoff and "50,000" in said, said


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("any news on the pensions age discrimination claims?", "legal action"),
        ("got an update on the national bargaining paper", "December NEC"),
    ],
)
async def test_news_on_a_topic_asks_about_the_topic(
    content: Content, question: str, expected: str
) -> None:
    """ "Any news on X" is no request for the channel's news updates."""
    handoff, said = await ask(content, question)
    assert not handoff and expected in said and "/subscribe" not in said, said


async def test_news_in_a_channel_is_still_the_channels(content: Content) -> None:
    handoff, said = await ask(content, "how do we get union news in our branch channel")
    assert not handoff and "/subscribe" in said, said
