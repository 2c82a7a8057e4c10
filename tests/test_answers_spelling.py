"""Words spelt as they sound, put back in the content's spelling (bot/answers/spelling.py),
and what stays as written: English words, names, acronyms, another language. Wordings written
for this file (none from a question set)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answers import spelling
from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
BOTH_OPEN = datetime(2023, 5, 2, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("standin", "standing"),  # the g dropped
        ("presidenshul", "presidential"),  # said alike
        ("nashunal", "national"),
        ("remimders", "reminders"),  # one letter changed
        ("deadlyne", "deadline"),
        ("candidits", "candidates"),
        ("meny", "many"),  # four letters: only a vowel
        ("campayn", "campaign"),  # a silent g
        ("signachures", "signatures"),
    ],
)
def test_a_word_spelt_as_it_sounds_is_put_back(
    answerer: ContentAnswerer, written: str, meant: str
) -> None:
    assert answerer.speller.word(written) == meant


@pytest.mark.parametrize(
    "text",
    [
        "wot happened with the recount",  # an English word the content never uses
        "is the canteen open on polling day",
        "which group is HMPPS in",  # an acronym
        "is there a union Local in Kirkcaldy yet",  # a name, with its capital
        "Pryd mae'r bleidlais yn cau?",  # another language: read by its glossary
        "quienes son los candidatos?",  # a word of another language
        "can the nec meet on zoom",  # words of three letters or fewer
    ],
)
def test_english_words_names_acronyms_and_other_languages_stay_as_written(
    answerer: ContentAnswerer, text: str
) -> None:
    assert answerer.mended(text) == text


def test_the_english_word_list_tells_a_word_from_a_misspelling() -> None:
    assert spelling.english("recount") and spelling.english("canteen")
    assert not spelling.english("presidenshul") and not spelling.english("remimders")
    assert spelling.foreign("candidatos") and not spelling.foreign("signachures")


def test_words_said_alike_are_spelt_alike() -> None:
    assert spelling.sounds("presidenshul") == spelling.sounds("presidential")
    assert spelling.sounds("nashunal") == spelling.sounds("national")
    assert spelling.sounds("fone") == spelling.sounds("phone")
    assert spelling.sounds("ballot") != spelling.sounds("bulletin")
    assert spelling.distance("group", "groop") == 1 and spelling.distance("abc", "abc") == 0


_TEXT = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ '?!,./-0123456789"),
    max_size=60,
)


_SPELLER = spelling.Speller(
    [
        "When does the President and National Executive Committee ballot close?",
        "Ask for a replacement paper before the deadline; reminders stop with /remindme off.",
        "Candidates standing in the group executive committee elections.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_mending_keeps_everything_but_the_letters_of_words_and_settles(text: str) -> None:
    mended = _SPELLER.fix(text)
    assert re.sub("[A-Za-z]+", "w", mended) == re.sub("[A-Za-z]+", "w", text)
    assert _SPELLER.fix(mended) == mended


@settings(max_examples=200, deadline=None)
@given(chosen=st.lists(st.sampled_from(sorted(_SPELLER.count)), max_size=12))
def test_a_message_of_the_vocabulary_s_own_words_is_never_changed(chosen: list[str]) -> None:
    text = " ".join(chosen)
    assert _SPELLER.fix(text) == text


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("wen dus the presidenshul ballot shut", BOTH_OPEN, "11 May"),
        ("wen dus the groop vote open", BOTH_OPEN, "27 April"),
        ("who is standin for presidant", BOTH_OPEN, "Marion Lloyd"),
        ("how do i stop the remimders", BOTH_OPEN, "/remindme off"),
    ],
)
async def test_a_question_spelt_by_ear_gets_the_answer_the_content_holds(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff and expected in found.text


@pytest.mark.parametrize(
    ("question", "expected", "other"),
    [
        ("wen dus the presidenshul ballot shut", "11 May", "16 May"),
        ("wot time on the final day is the groop vote closin", "16 May", "11 May"),
        ("how meny signachures is the petishun aimin for", "50,000", "11 May"),
        ("is it one vote for evry groop or only for my own", "own group", "11 May"),
    ],
)
async def test_a_question_spelt_by_ear_is_read_as_meant(
    answerer: ContentAnswerer, question: str, expected: str, other: str
) -> None:
    found = await answerer.answer(question, BOTH_OPEN)
    assert not found.handoff and expected in found.text and other not in found.text


@pytest.mark.parametrize(
    "question",
    [
        "wot happend with the recount",
        "is there a union Local in Kirkcaldy yet",
    ],
)
async def test_what_the_content_does_not_hold_is_still_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    found = await answerer.answer(question, datetime(2023, 5, 20, 10, tzinfo=LONDON))
    assert found.handoff


def test_a_message_of_many_unknown_words_is_no_english_with_slips(
    answerer: ContentAnswerer,
) -> None:
    """At most `MOST` words are looked up in one message, and none longer than `LONGEST`:
    a long run of unknown words (a pasted code, another script) costs little and stays."""
    filler = " ".join(f"zqx{chr(97 + i % 26)}{chr(97 + i // 26)}vbk" for i in range(spelling.MOST))
    assert answerer.mended(f"{filler} remimders") == f"{filler} remimders"
    assert answerer.mended("remimders " + filler).startswith("reminders ")
    long = "remimders" * 3
    assert len(long) > spelling.LONGEST and answerer.speller.word(long) == long


@pytest.mark.parametrize(
    ("written", "together"),
    [
        ("is the n e c ballot still open", "is the NEC ballot still open"),
        ("which branches has h m r c got", "which branches has HMRC got"),
        ("how often does the p s sec meet", "how often does the PSSEC meet"),
        ("is there a d.w.p group exec", "is there a DWP group exec"),
        ("who sits on the p s s e c", "who sits on the PSSEC"),
    ],
)
def test_letters_said_one_by_one_are_put_together_into_the_contents_acronym(
    answerer: ContentAnswerer, written: str, together: str
) -> None:
    assert answerer.speller.together(written) == together


@pytest.mark.parametrize(
    "text",
    [
        "plan a b c for the strike day",  # letters, but no acronym of the content
        "i e the group exec one",
        "is there a x y z branch",
        "ask the NEC about it",  # already together
    ],
)
def test_letters_apart_that_make_no_acronym_of_the_content_stay_as_written(
    answerer: ContentAnswerer, text: str
) -> None:
    assert answerer.speller.together(text) == text


async def test_an_acronym_dictated_letter_by_letter_is_answered_as_written_together(
    answerer: ContentAnswerer,
) -> None:
    apart = await answerer.answer("when does the n e c vote close", BOTH_OPEN)
    together = await answerer.answer("when does the NEC vote close", BOTH_OPEN)
    assert not apart.handoff and apart.text == together.text
    assert "11 May" in apart.text and "16 May" not in apart.text
