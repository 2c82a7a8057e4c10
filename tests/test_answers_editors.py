"""What a content editor adds is what the bot answers: an FAQ entry added to the shipped
content, which no labelled phrasing knows (and whose question the phrasings may have
labelled a hand-off, written when the content did not hold it), answers its own question,
its aliases and near paraphrases of it; a question that merely shares a word with it does
not get it."""

from __future__ import annotations

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.copies import build
from bot.answers.engine import ContentAnswerer
from bot.content.loader import load_content
from bot.services.calendar import UkWorkingDays
from tests.harness import ROOT

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2023, 5, 2, 10, tzinfo=LONDON)
ADDED = """\
  - id: branch-office
    question: Where is the branch office?
    answer: >-
      The branch office is at 12 Castle Street, Newcastle, open Monday to Friday 9 to 5.
    keywords: [office, address]
  - id: strike-pay
    question: Do I get strike pay?
    answer: >-
      Yes: members on strike get £50 a day from the union's fighting fund from the second
      day of action.
    keywords: [strike pay]
"""
REPORT = """\
---
kind: report
id: nec-2027-03
title: Report from the NEC meeting of 4 March 2027
meeting: National Executive Committee
date: 2027-03-04
summary: The NEC set the timetable for the national pay ballot.
items:
  - title: Pay ballot timetable
    summary: The NEC considered when to run the national industrial-action ballot on pay.
    decision: The pay ballot opens on 12 April 2027 and closes on 24 May 2027.
    keywords: [pay ballot, timetable, industrial action]
  - title: Union Locals
    summary: >-
      Locals bring members from different workplaces in the same town together on
      workplace and community issues.
    decision: Every hub area now has at least three Locals; set up one more in each.
    keywords: [locals, local, hub, community, town]
---
"""


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> ContentAnswerer:
    folder = tmp_path_factory.mktemp("edited") / "campaigns"
    shutil.copytree(ROOT / "campaigns", folder)
    faq = folder / "faq.md"
    faq.write_text(faq.read_text().replace("entries:\n", "entries:\n" + ADDED, 1))
    (folder / "reports" / "nec-2027-03-04.md").write_text(REPORT)
    return build(load_content(folder), None, UkWorkingDays(), "Europe/London")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Where is the branch office?", "12 Castle Street"),  # once the list of groups
        ("Do I get strike pay?", "£50 a day"),  # labelled a hand-off in the phrasings
        ("will I get paid if I go on strike", "£50 a day"),
        ("whats the address of the branch office", "12 Castle Street"),
        ("how much strike pay do we get a day", "£50 a day"),
    ],
)
async def test_an_added_entry_answers_its_own_question_and_near_paraphrases(
    edited: ContentAnswerer, question: str, said: str
) -> None:
    answer = await edited.answer(question, NOW)
    assert not answer.handoff and said in answer.text, answer


@pytest.mark.parametrize(
    "question",
    [
        "is there a strike",
        "when are we going on strike",
        "where is my branch",
        "is the branch meeting on thursday",
    ],
)
async def test_a_question_sharing_a_word_with_an_added_entry_does_not_get_it(
    edited: ContentAnswerer, question: str
) -> None:
    answer = await edited.answer(question, NOW)
    assert "Castle Street" not in answer.text and "£50" not in answer.text, answer


async def test_an_alias_of_an_added_entry_wins_over_the_phrasings_vote(
    edited: ContentAnswerer,
) -> None:
    phrase = "is there strike pay or a hardship fund if we walk out"  # labelled a hand-off
    edited.add_alias("strike-pay", phrase)
    answer = await edited.answer(phrase, NOW)
    assert not answer.handoff and "£50 a day" in answer.text, answer


async def test_the_neutral_answer_and_live_dates_stay_with_an_added_entry(
    edited: ContentAnswerer,
) -> None:
    neutral = await edited.answer("Who should I vote for?", NOW)
    assert "your choice" in neutral.text and neutral.confidence >= 0.95, neutral
    dated = await edited.answer("when does the NEC ballot close?", NOW)
    assert not dated.handoff and "11 May" in dated.text, dated


@pytest.mark.parametrize(
    ("question", "meeting"),
    [
        ("what did the NEC decide about the pay ballot timetable?", "4 March 2027"),
        ("what did the NEC decide about pay ballot readiness?", "12 November 2020"),
        ("what did the NEC decide about union Locals?", "4 March 2027"),  # a tie: the newer
    ],
)
async def test_of_two_reports_the_item_that_matches_best_answers(
    edited: ContentAnswerer, question: str, meeting: str
) -> None:
    """The 2020 report's items have labelled phrasings, the 2027 report's none."""
    answer = await edited.answer(question, NOW)
    assert not answer.handoff and meeting in answer.sources[0], answer


async def test_a_hand_off_suggests_only_content_that_is_loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Content with no campaign and no meeting report: a hand-off with nothing near the
    question suggests what is there (the ballots, the FAQ), never "the pay campaign" or
    "the latest NEC meeting"."""
    folder = tmp_path_factory.mktemp("bare") / "campaigns"
    shutil.copytree(ROOT / "campaigns", folder)
    (folder / "pay-campaign.md").unlink()
    shutil.rmtree(folder / "reports")
    content = load_content(folder)
    answer = await build(content, None, UkWorkingDays(), "Europe/London").answer(
        "who won the NEC election?", NOW
    )
    said = " ".join(answer.suggestions).lower()
    assert answer.handoff and "ballots" in said, answer
    assert "pay campaign" not in said and "meeting" not in said and "report" not in said


# Entries as editors write them: no keywords, each about one thing that is not a ballot.
PLAIN = """\
  - id: regional-office
    question: Where is the regional office?
    answer: The regional office is at 14 Grey Street, Newcastle, open weekdays 9 to 5.
  - id: hardship-fund
    question: How do I apply to the hardship fund?
    answer: >-
      Members in financial difficulty can apply to the hardship fund by filling in the grant
      form on the union website; grants are up to £300.
  - id: helpline
    question: When is the members' helpline open?
    answer: >-
      The members' helpline, 0300 123 4567, is open Monday to Friday 8am to 8pm and
      Saturday 9am to 1pm.
  - id: rep-training
    question: How do I sign up for rep training?
    answer: >-
      The introductory course for new workplace reps runs over five days at the regional
      education centre; book a place with your regional education officer.
"""


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> ContentAnswerer:
    folder = tmp_path_factory.mktemp("plain") / "campaigns"
    shutil.copytree(ROOT / "campaigns", folder)
    faq = folder / "faq.md"
    faq.write_text(faq.read_text().replace("entries:\n", "entries:\n" + PLAIN, 1))
    return build(load_content(folder), None, UkWorkingDays(), "Europe/London")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("whats the address of the regional office", "14 Grey Street"),
        ("regional office address pls", "14 Grey Street"),
        ("where is the regional office located", "14 Grey Street"),
        ("what time is the regional office open", "14 Grey Street"),  # not a ballot's status
        ("when does the regional office close", "14 Grey Street"),
        ("is there a hardship fund", "£300"),
        ("hardship fund application", "£300"),
        ("When is the members' helpline open?", "0300 123 4567"),  # not a ballot's status
        ("what are the helpline hours", "0300 123 4567"),
        ("helpline phone number", "0300 123 4567"),
        ("when does the helpline close", "0300 123 4567"),
        ("how long is the rep training course", "five days"),
    ],
)
async def test_an_entry_without_keywords_answers_questions_about_its_subject(
    plain: ContentAnswerer, question: str, said: str
) -> None:
    answer = await plain.answer(question, NOW)
    assert not answer.handoff and said in answer.text, answer


@pytest.mark.parametrize(
    "question",
    [
        "when is the office election",
        "what is the fund for the campaign",
        "how do I become a rep",
        "who is my rep",
        "where is my branch",
        "is the branch meeting on thursday",
    ],
)
async def test_a_question_sharing_a_word_with_an_entry_without_keywords_does_not_get_it(
    plain: ContentAnswerer, question: str
) -> None:
    answer = await plain.answer(question, NOW)
    text = answer.text
    assert not any(s in text for s in ("Grey Street", "£300", "0300 123", "five days")), answer


async def test_a_ballot_asked_about_still_gets_its_dates_beside_such_entries(
    plain: ContentAnswerer,
) -> None:
    answer = await plain.answer("when does the NEC ballot close?", NOW)
    assert not answer.handoff and "11 May" in answer.text, answer
