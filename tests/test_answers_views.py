"""The learned partisan check (bot/answers/views.py) beside the rules, in wordings written for
this file (none from a question set): a view asked in a shape the rules do not know gets the
neutral answer; a fact about the election keeps its own answer.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from benchmarks.phrasings import LABELLED, labelled
from bot.answers import neutral, views
from bot.answers.embedding import shared
from bot.answers.engine import ContentAnswerer
from bot.answers.quality import items_of, load_questions
from bot.core.services import Answer

LONDON = ZoneInfo("Europe/London")
BOTH_OPEN = datetime(2023, 5, 2, 10, tzinfo=LONDON)
NAMES = neutral.names_standing(
    [
        "Marion Lloyd (candidate for President)",
        "Broad Left Network (joint slate with Independent Left)",
        "Independent Left (joint slate with Broad Left Network)",
    ]
)
needs_model = pytest.mark.skipif(shared() is None, reason="no sentence-embedding model")


# No shape of the rules reads these as asking for a view (`neutral.is_partisan`)
UNSHAPED = [
    "who's closest to my politics, I'm pretty far left",
    # ("so who's the lefty then" until the nineteenth round, when a rule came to read it)
    "who's the rebel then",
]


@needs_model
@pytest.mark.parametrize("question", UNSHAPED)
async def test_a_view_no_rule_reads_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text


FACTS = [
    "are the broad left network and independent left running as one slate?",
    "who is standing for president?",
    "where are the candidates' statements?",
    "when does the nec ballot close?",
    "who is the current president?",
]


@needs_model
@pytest.mark.parametrize("question", FACTS)
async def test_a_fact_about_the_election_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not answerer.whom.asks_whom(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


def test_the_words_model_is_cheap_and_says_no_to_a_plain_fact() -> None:
    shipped = views.Views.load(None)
    assert shipped.likely("how many seats are there on the nec?", NAMES) < views.GATE
    assert shipped.likely("tell me why I should vote for the joint slate", NAMES) > 0.5
    assert not shipped.asks_whom("so who's the lefty then", NAMES)  # no model: no meaning


HELD_OUT = [
    Path(__file__).resolve().parent / "data" / "heldout" / f"questions_heldout_{name}.yaml"
    for name in ("v31", "v32", "v33", "v34", "v35", "v36", "v37", "v38")
]


def test_the_shipped_exemplars_hold_every_readable_writer() -> None:
    # regenerated in the twenty-seventh round: v26 (cz, da) and the fresh writers dp-ds, dv-dy;
    # in the twenty-eighth: v27 (dj, dk), the fifth wave (dz-ec) and the fresh writers ef-ei;
    # in the twenty-ninth: v28 (dt, du) and the sixth wave (ej-em)
    writers = {e.writer for e in views.Views.load(None).exemplars}
    assert {"cz", "da", "dp", "dq", "dr", "ds", "dv", "dw", "dx", "dy"} <= writers
    assert {"dj", "dk", "dz", "ea", "eb", "ec", "ef", "eg", "eh", "ei"} <= writers
    assert {"dt", "du", "ej", "ek", "el", "em"} <= writers


def test_the_shipped_exemplars_hold_no_held_out_question() -> None:
    shipped = views.Views.load(None).exemplars
    texts = {e.text for e in shipped}
    assert "who's the real lefty on the nec ballot" in texts  # v12's
    held_writers = {"et", "eu", "ez", "fc", *(f"v3{n}" for n in range(3, 9))}  # v31-v38's
    assert not {e.writer for e in shipped} & held_writers
    # The held-out questions' texts only, counted and never shown. Some (21 of 300 at 86a4614)
    # were written word for word by an earlier writer too: those are the earlier writer's.
    assert not any(f"v3{n}" in name for n in range(1, 9) for name in LABELLED)  # v31-v38
    earlier = {str(item["q"]) for item in labelled()}
    held = [str(item["q"]) for path in HELD_OUT for item in items_of(load_questions(path))]
    among = sum(q in texts and q not in earlier for q in held)
    assert among == 0, "held-out questions among the exemplars"


# Those standing met in person: a hustings asked for, one of them invited to speak. An event
# (handed off, or the content's word), never the neutral reply; how they did there stays a view.
@pytest.mark.parametrize(
    "question",
    [
        "any hustings for the group exec candidates near Leeds? want to hear them first",
        "can we invite marion lloyd to come and talk to our branch AGM?",
        "would the independent left people speak at our workplace meeting if we asked?",
        "could lloyd visit our office and speak to members before the vote?",
    ],
)
async def test_those_standing_met_in_person_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    ["who came across best at the hustings?", "which of them impressed you most at the hustings"],
)
async def test_how_they_did_at_a_hustings_stays_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# A message the engine would hand off needs less of the words model (HANDED_GATE) before the
# vote in meaning decides: an organiser asked whom to back is no better than the neutral reply.
@needs_model
def test_a_handed_off_question_needs_less_of_the_words_model() -> None:
    whom = views.Views.load(shared())
    question = "none of the president lot float my boat, make the case for one"
    assert views.HANDED_GATE <= whom.likely(question, NAMES) < views.GATE
    assert views.instead(whom, question, NAMES, Answer("", (), 0.0, True))
    assert not views.instead(whom, question, NAMES, Answer("Pay: what we want.", (), 0.5))
