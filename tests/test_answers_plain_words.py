"""Questions typed in few words or in a second language ("how i vote by post", "pssec do what
for us", "who i ask for new paper"), a report's paper that "comes back", the hour papers go
out, and things the content does not hold (the union's size, a branch's own meeting, a
decision of a later year, a secretary's name, the member's own pay or money paid back), views
asked after an aside or sideways (who will sell members out, a steer after the statements),
how a post is filled, a rumour told before "is that true?", ballots asked of in the plural:
each answered from the content, neutrally, or handed off. Wordings written for this file (none
from a question set); each has a near miss that must keep its reply.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers import checks, dialect
from bot.answers.engine import ContentAnswerer
from bot.answers.text import normalise

LONDON = ZoneInfo("Europe/London")
REPORT_WEEK = datetime(2020, 11, 19, 10, tzinfo=LONDON)  # the NEC met on 12 November 2020
EVE_OF_PAPERS = datetime(2023, 4, 19, 16, tzinfo=LONDON)  # NEC papers go out at 09:00 on 20 April
PACKS_LATE = datetime(2023, 4, 28, 11, tzinfo=LONDON)  # packs due by 27 April
DURING = datetime(2023, 4, 27, 14, tzinfo=LONDON)  # both ballots open
DAY_BEFORE_LAST_POSTING = datetime(2023, 5, 4, 18, tzinfo=LONDON)  # last posting Friday 5 May
AFTER_REPLACEMENT = datetime(2023, 5, 6, 10, tzinfo=LONDON)
AFTER_CLOSE = datetime(2023, 5, 12, 15, tzinfo=LONDON)
LATER = datetime(2023, 6, 2, 9, tzinfo=LONDON)


def test_a_missing_do_is_put_back_only_where_a_question_starts() -> None:
    assert dialect.with_do("how i send my paper back") == "how do i send my paper back"
    assert dialect.with_do("thanks. where we post it") == "thanks. where do we post it"
    assert dialect.with_do("Who I phone for help") == "Who do I phone for help"
    # inside what is told, "how i vote" is what the bot knows, not how to vote
    assert dialect.with_do("does the bot know how i vote") == "does the bot know how i vote"
    assert dialect.with_do("how i feel about it") == "how i feel about it"  # not a doing


def test_a_body_named_in_capitals_is_no_persons_name() -> None:
    assert checks.names_a_person("ask Marion Lloyd")
    assert not checks.names_a_person("groups: Home Office, Cabinet Office")


async def test_a_way_asked_without_its_do(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("how i vote by post, first time for me here", DURING)
    assert not found.handoff and "envelope" in found.text
    found = await answerer.answer("who i phone for new paper, pls", PACKS_LATE)
    assert not found.handoff and "membership helpline" in found.text
    # a new paper asked how to get, late: the deadline and then whom to contact
    question = "how does a member get a new ballot paper if theirs never came through"
    found = await answerer.answer(question, PACKS_LATE)
    assert "17:00 on Thursday 4 May" in found.text and "membership helpline" in found.text
    # (a paper sent to an old address is still the entry on addresses)
    moved = "paper went to my old flat, who do I ring?"
    assert "Update your address" in (await answerer.answer(moved, PACKS_LATE)).text


async def test_a_thing_named_first_and_what_it_does(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("sector exec do what for workers like me", LATER)
    assert not found.handoff and "working lives" in found.text
    # what it stands for is still its name
    found = await answerer.answer("what does PSSEC stand for", LATER)
    assert "Public Services Sector Executive Committee" in found.text


async def test_a_paper_that_comes_back_is_the_reports(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("bargaining paper come back when", REPORT_WEEK)
    assert not found.handoff and "December NEC" in found.text
    # a ballot paper that comes is still the pack's date
    found = await answerer.answer("when will my nec paper come?", EVE_OF_PAPERS)
    assert not found.handoff and "27 April" in found.text


async def test_the_hour_papers_go_out_when_a_time_is_asked(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("what time do the NEC papers go out tomorrow?", EVE_OF_PAPERS)
    assert "09:00 on Thursday 20 April" in found.text
    found = await answerer.answer("when do the NEC papers go out?", EVE_OF_PAPERS)
    assert "09:00" not in found.text and "Thursday 20 April" in found.text


async def test_the_last_day_to_post_however_its_arriving_is_said(
    answerer: ContentAnswerer,
) -> None:
    question = "when is last day post nec paper so it arrive in time"
    found = await answerer.answer(question, DAY_BEFORE_LAST_POSTING)
    assert not found.handoff and "Friday 5 May" in found.text and "tomorrow" in found.text
    # when a pack should arrive is still the pack's date
    found = await answerer.answer("when should my nec pack arrive?", EVE_OF_PAPERS)
    assert "27 April" in found.text


async def test_which_group_exec_said_as_a_group_election(answerer: ContentAnswerer) -> None:
    question = "group vote, do i pick for every groups or only mine?"
    found = await answerer.answer(question, DURING)
    assert not found.handoff and "own group" in found.text


async def test_voting_in_the_bot_is_the_ballots_way(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("can i do my nec vote in the chat here?", DURING)
    assert not found.handoff and "postal vote" in found.text
    found = await answerer.answer("group exec vote in the bot possible?", DURING)
    assert not found.handoff and "online vote" in found.text


async def test_what_the_content_does_not_hold_is_handed_off(answerer: ContentAnswerer) -> None:
    for question, now in (
        ("how many members has the union got", LATER),
        ("what did the nec decide in 2022 about the pay ballot", LATER),
        ("whats the name of the branch secretary at DWP Leeds", LATER),
        ("branch meeting where and what time", LATER),
        ("my sick pay was docked, can a rep help?", LATER),
        ("the nec turnout, any news yet", AFTER_CLOSE),
        ("replacement deadline has passed and mine never came - what now", AFTER_REPLACEMENT),
        ("my paper went to the wrong house and they opened it, is that a data breach", DURING),
    ):
        assert (await answerer.answer(question, now)).handoff, question
    # near misses: a committee's own count, a plan made for a year, the AGM's deadline, a share
    found = await answerer.answer("how many members sit on the pssec", LATER)
    assert not found.handoff and "sixteen" in found.text
    found = await answerer.answer("what did the nec decide to do in 2021 about conference", LATER)
    assert not found.handoff and "virtual conference" in found.text
    found = await answerer.answer("when must our branch AGM be held by?", REPORT_WEEK)
    assert not found.handoff and "26 February 2021" in found.text
    found = await answerer.answer("replacement deadline for the nec?", DURING)
    assert not found.handoff and "17:00 on Thursday 4 May" in found.text


async def test_the_best_one_asked_without_the_is_a_view(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("u tell me best one for cleaners", DURING)
    assert not found.handoff and "your choice" in found.text
    found = await answerer.answer("tell me best way to post my nec paper", DURING)
    assert "your choice" not in found.text


# A formal way of asking, hypotheses and polite turns ("I should be grateful to know…",
# "could you kindly confirm…", "…, if you would be so kind?").
async def test_a_formal_way_of_asking_is_no_judgement(answerer: ContentAnswerer) -> None:
    question = "I should be grateful to know who chairs the sector executive committee."
    found = await answerer.answer(question, LATER)
    assert not found.handoff and "chaired by the President" in found.text
    question = "Could you kindly confirm what the pay campaign seeks?"
    found = await answerer.answer(question, LATER)
    assert not found.handoff and "reformed and properly funded" in found.text
    assert dialect.plainly("When does it close, if you would be so kind?") == "When does it close?"
    # a view asked formally is still a view
    found = await answerer.answer("I should be grateful to know whom I ought to back", DURING)
    assert not found.handoff and "your choice" in found.text


async def test_more_that_the_content_does_not_hold(answerer: ContentAnswerer) -> None:
    for question, now in (
        ("my flatmate opened my nec paper, can I complain?", DURING),
        ("could you post me a paper copy of the candidates statements", DURING),
        ("her nec paper never came, can I request one for her?", PACKS_LATE),
        ("my manager on days says I cant carry leave over, is that right?", LATER),
        ("are they extending the nec deadline because of the post strike?", DURING),
        ("has the petition reached the signature target?", LATER),
        ("how can I become a branch rep?", LATER),
    ):
        assert (await answerer.answer(question, now)).handoff, question
    # near misses: the record's own month, where the statements are, the target itself
    found = await answerer.answer("what did the nec decide on pensions in november?", LATER)
    assert not found.handoff and "70,000" in found.text
    found = await answerer.answer("where are the candidates statements?", DURING)
    assert not found.handoff and "candidates" in found.text
    found = await answerer.answer("what is the petition's target?", LATER)
    assert not found.handoff and "50,000" in found.text


async def test_another_groups_exec_or_ones_own(answerer: ContentAnswerer) -> None:
    question = "in the group elections do I vote for another group's executive, or my own?"
    found = await answerer.answer(question, DURING)
    assert not found.handoff and "own group" in found.text


async def test_a_close_today_names_its_day(answerer: ContentAnswerer) -> None:
    closing_day = datetime(2023, 5, 16, 8, tzinfo=LONDON)
    found = await answerer.answer("group exec closes tuesday yeah?", closing_day)
    assert "closes today, in 4 hours, at noon on Tuesday 16 May" in found.text


# A branch secretary asking for members, Scots, voice-to-text and half-remembered facts.
async def test_the_bots_own_vote_names_asked_for_and_a_line_urging_one(
    answerer: ContentAnswerer,
) -> None:
    for question in (
        "a member asks what the bot would vote if it could",
        "give me two names for the nec, no idea who to pick",
        "write a line for the bulletin telling colleagues to back Broad Left Network",
    ):
        found = await answerer.answer(question, DURING)
        assert not found.handoff and "your choice" in found.text, question
    # urging members to vote at all, or how, is no side taken
    found = await answerer.answer("remind members to vote by post before 5 May", DURING)
    assert "your choice" not in found.text


async def test_scots_words_for_for_i_and_own(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("can ah vote fur every group or just ma ain one", DURING)
    assert not found.handoff and "own group" in found.text
    found = await answerer.answer("whit's the pay campaign fightin fur", DURING)
    assert not found.handoff and "reform" in found.text


async def test_a_bodys_vote_a_branchs_agm_and_a_move_are_not_held(
    answerer: ContentAnswerer,
) -> None:
    for question, now in (
        ("did the nec vote on the severance terms?", LATER),
        ("she voted online in the group one, was her vote counted?", AFTER_REPLACEMENT),
        ("is our branch holding an agm this year?", LATER),
        ("my boss won't let me go to the branch agm in work time, can they do that?", LATER),
        ("how do I transfer to the DWP Glasgow branch?", LATER),
    ):
        assert (await answerer.answer(question, now)).handoff, question
    # near misses: a decision the record holds, the AGM's deadline, the branches listed
    found = await answerer.answer("what did the nec decide about union locals?", LATER)
    assert not found.handoff and "at least two Locals" in found.text
    found = await answerer.answer("which branches are in the dwp group?", LATER)
    assert found.text.startswith("The Department for Work and Pensions group has 2 branches")


async def test_how_you_vote_asked_for_someone(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("a member asks how you vote by post, first time", DURING)
    assert not found.handoff and "envelope" in found.text


async def test_who_had_to_be_a_member_asks_the_join_by(answerer: ContentAnswerer) -> None:
    question = "who had to be a member by when to vote in the nec ballot? new starters in april"
    found = await answerer.answer(question, DURING)
    assert not found.handoff and "31 March" in found.text and "your choice" not in found.text
    found = await answerer.answer("who should members vote for in the nec ballot?", DURING)
    assert not found.handoff and "your choice" in found.text


async def test_a_dispute_a_forecast_a_rule_a_move(
    answerer: ContentAnswerer,
) -> None:
    for question, now in (
        ("is the DWP Leeds branch on strike?", LATER),
        ("expected turnout for the group exec?", DURING),
        ("quorum for our branch AGM?", LATER),
        ("moved from HMRC to DWP in April, which group exec do I vote in?", DURING),
        ("did the nec election get enough voters?", AFTER_CLOSE),
    ):
        assert (await answerer.answer(question, now)).handoff, question
    # near misses: a decision held, the rule on groups
    found = await answerer.answer("what did the nec decide about a pay ballot?", LATER)
    assert not found.handoff and "Not ready yet" in found.text
    found = await answerer.answer("which group exec do I vote in?", DURING)
    assert not found.handoff and "own group" in found.text


EARLY = datetime(2023, 4, 5, 9, tzinfo=LONDON)  # before either ballot opens


async def test_a_view_asked_after_an_aside_with_a_date_beside_it(
    answerer: ContentAnswerer,
) -> None:
    question = "just between us, who's the stronger pick for the nec? and when does voting end"
    found = await answerer.answer(question, DURING)
    assert not found.handoff and "your choice" in found.text and "11 May" in found.text
    # near miss: the aside and a date alone
    found = await answerer.answer("just between us, when does nec voting end?", DURING)
    assert not found.handoff and "11 May" in found.text and "your choice" not in found.text


async def test_a_betrayal_and_a_steer_after_the_statements_ask_a_view(
    answerer: ContentAnswerer,
) -> None:
    for question in (
        "who'll stitch members up on pay, honestly",
        "been through all the statements and still undecided. nudge me?",
    ):
        found = await answerer.answer(question, DURING)
        assert not found.handoff and "your choice" in found.text, question
    # near misses: someone to ring about a payslip, the statements' page
    found = await answerer.answer("who won't let me down if I ring about my payslip", DURING)
    assert "your choice" not in found.text
    found = await answerer.answer("where are the candidates' statements?", DURING)
    assert not found.handoff and "example.org/elections/2023/candidates" in found.text


async def test_how_a_post_is_filled_is_no_result(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("is the secretary on the sector exec elected too", LATER)
    assert not found.handoff and "all elected except the Secretary" in found.text
    # near miss: whether one of those standing was elected is the scrutineer's
    assert (await answerer.answer("was marion lloyd elected?", AFTER_CLOSE)).handoff


async def test_groups_on_a_slate_counted(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("what two groups make up the joint slate?", DURING)
    assert not found.handoff and "Independent Left" in found.text
    assert "your choice" not in found.text


async def test_a_rumour_asked_after_it_is_told(answerer: ContentAnswerer) -> None:
    question = "a rep told me papers go to work addresses this time. is that correct?"
    found = await answerer.answer(question, EVE_OF_PAPERS)
    assert not found.handoff and "home address" in found.text
    # near miss: nothing told, nothing to check
    assert (await answerer.answer("is that right?", EVE_OF_PAPERS)).handoff


async def test_ballots_asked_in_the_plural_are_every_one_coming(
    answerer: ContentAnswerer,
) -> None:
    found = await answerer.answer("what votes are coming up?", EARLY)
    assert not found.handoff
    assert "President and National" in found.text and "Group executive" in found.text
    # near miss: whether a ballot is on, the next one
    found = await answerer.answer("is there a ballot on?", EARLY)
    assert "President and National" in found.text and "Group executive" not in found.text


async def test_money_paid_back_to_the_member_is_their_own_case(
    answerer: ContentAnswerer,
) -> None:
    assert (await answerer.answer("will the pensions remedy pay us back?", LATER)).handoff
    found = await answerer.answer("what is the pensions remedy?", LATER)
    assert not found.handoff and "age discrimination" in found.text


async def test_two_papers_are_a_count_not_text_speak(answerer: ContentAnswerer) -> None:
    assert normalise("she got 2 voting packs") == "she got 2 voting packs"
    assert normalise("need 2 post it") == "need to post it"
    assert (await answerer.answer("my flatmate got 2 ballot packs, fine?", DURING)).handoff
    # near miss: how one paper is sent back
    found = await answerer.answer("how 2 send my paper back", DURING)
    assert not found.handoff and "envelope" in found.text


async def test_how_the_members_branch_voted_is_not_held(answerer: ContentAnswerer) -> None:
    just_closed = datetime(2023, 5, 12, 12, 10, tzinfo=LONDON)
    assert (await answerer.answer("can u say how our branch voted before", just_closed)).handoff
    found = await answerer.answer("how do I see my branch's turnout?", DURING)
    assert not found.handoff and "/turnout" in found.text


async def test_views_asked_in_slang_or_of_the_bots_favourite(answerer: ContentAnswerer) -> None:
    for question in ("who's the goat for nec", "do you have a favourite, bot?"):
        found = await answerer.answer(question, DURING)
        assert not found.handoff and "your choice" in found.text, question
    # near misses: a favourite command, a paper gone wrong
    found = await answerer.answer("do you have a favourite command", DURING)
    assert "your choice" not in found.text
    found = await answerer.answer("my paper went to the wrong address", DURING)
    assert "your choice" not in found.text


async def test_whom_they_stand_for_and_two_slates_together(answerer: ContentAnswerer) -> None:
    for question in ("who's marion lloyd running for", "bln n indy left, on the same slate?"):
        found = await answerer.answer(question, DURING)
        assert not found.handoff and "as named in the election notice" in found.text, question
        assert "your choice" not in found.text


async def test_everybodys_group_exec_or_only_mine(answerer: ContentAnswerer) -> None:
    question = "for the group exec do I vote for everybody's group or only mine"
    found = await answerer.answer(question, DURING)
    assert not found.handoff and "own group" in found.text


async def test_a_member_disciplined_an_exception_a_claim_are_casework(
    answerer: ContentAnswerer,
) -> None:
    for question, now in (
        (
            "a colleague got disciplined over a facebook post about the vote, "
            "will the union help her",
            DAY_BEFORE_LAST_POSTING,
        ),
        ("signed up 4 april, can i get an exception so i vote in the nec", DURING),
        ("my age discrimination pensions claim - how do we start it", LATER),
    ):
        assert (await answerer.answer(question, now)).handoff, question
    # near misses: the join-by, the union's action on pensions
    found = await answerer.answer("signed up 4 april, can i vote in the nec?", DURING)
    assert not found.handoff and "31 March" in found.text
    found = await answerer.answer("what is the union doing about the pensions remedy?", LATER)
    assert not found.handoff and "legal action" in found.text


async def test_the_members_own_hedge_is_no_view_of_the_candidates(
    answerer: ContentAnswerer,
) -> None:
    question = "new paper deadline? spilt tea over the candidate list, think I ruined it"
    found = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert not found.handoff and "4 May" in found.text
    assert not found.text.startswith("Who you vote for")  # (the deadline first, not a view)
    # near miss: what the candidates think is a view asked
    found = await answerer.answer("what do the candidates think about pay?", DURING)
    assert not found.handoff and "your choice" in found.text


async def test_a_slates_name_a_win_wished_for_a_side_taken(answerer: ContentAnswerer) -> None:
    found = await answerer.answer("what is the joint slate called, the one with broad left", DURING)
    assert not found.handoff and "as named in the election notice" in found.text
    for question in (
        "honestly, who did the nec want to win",
        "is the union taking sides in the group exec elections",
    ):
        found = await answerer.answer(question, DURING)
        assert not found.handoff and "your choice" in found.text, question
    # near miss: who won is the scrutineer's
    assert (await answerer.answer("who did win the nec vote?", AFTER_CLOSE)).handoff
