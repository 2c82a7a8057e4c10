"""Hand-offs the engine answered: what became of a thing the content gives only as an aim or as
work under way (the pensions claims being prepared, the review body campaigned for, the talks
pressed for), asked as done, as near or as come of; and an election's result asked of a slate with
a long name. The content says what was wanted or begun, never how it ended. The rules nearby
keep their answers. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
LATER = datetime(2023, 3, 1, 10, tzinfo=LONDON)  # long after the NEC report, before the ballots
RESULTS_DUE = datetime(2023, 5, 20, 10, tzinfo=LONDON)  # every election closed


@pytest.mark.parametrize(
    ("question", "now"),
    [
        # asked as done, whatever the verb
        ("did those pension discrimination cases ever get paid out to anyone?", LATER),
        ("has the pensions legal action gone ahead or was it dropped", LATER),
        ("Did the age discrimination claims against the pension scheme succeed?", LATER),
        ("so did the age discrimination claim for pensions succeed or fail?", LATER),
        ("has the government moved at all on a specialists pay review body", LATER),
        ("has the treasury said anything about the specialists review body", LATER),
        # asked as near, or as come of
        ("how near are we to a pay review body for specialists, realistically", LATER),
        ("what came of the union pressing the cabinet office on pay", LATER),
        # a result asked of a slate whose name runs long
        (
            "did the broad left network and independent left joint slate win a seat?",
            RESULTS_DUE,
        ),
        (
            "did the Broad Left Network / Independent Left ticket win on the NEC in the end?",
            RESULTS_DUE,
        ),
    ],
)
async def test_what_became_of_an_aim_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("what is the union doing about the pension age discrimination?", LATER, "legal action"),
        ("do we want a pay review body for specialists?", LATER, "review body"),
        ("did the nec decide to go for a national pay ballot in 2020?", LATER, "Not ready"),
        ("has the nec ballot opened yet?", datetime(2023, 4, 24, 10, tzinfo=LONDON), "20 April"),
        ("what is the pensions remedy about?", LATER, "legal action"),
        ("any news on the pensions age discrimination claims?", LATER, "legal action"),
        ("what has the union said about repaying overpaid pension contributions?", LATER, "repay"),
    ],
)
async def test_the_aim_itself_keeps_its_answer(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff
    assert expected in found.text
