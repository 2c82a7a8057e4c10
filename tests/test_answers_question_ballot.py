"""A ballot that asks members a question (an industrial-action ballot, a consultation) has no
candidates: "who should I vote for?" with only such a ballot in view is told what it asks and
how and when to vote in it, never candidates or their statements; with an election open too,
the election's neutral answer comes with it. A recommendation is said only when the ballot's
own page states one. Each case in a copy of campaigns/ with ballots of our own added.
"""

from __future__ import annotations

import asyncio
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers import neutral
from bot.answers.copies import build
from bot.answers.engine import ContentAnswerer
from bot.content.loader import load_content
from bot.core.services import Answer
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2027, 2, 10, 10, tzinfo=ZONE)

PAY = """---
kind: ballot
id: pay-ballot-2027
title: Pay ballot 2027
ballot_kind: statutory_postal
opens: 2027-02-01 09:00
closes: 2027-03-01 12:00
posting_days: 3
info_url: https://example.org/ballots/pay-2027
summary: >-
  Statutory postal ballot on industrial action over pay. The question: are you prepared
  to take industrial action short of a strike?
keywords: [pay ballot, industrial action]
---
**How to vote**

Your paper comes by post to your home address. Mark yes or no and post it back.
{extra}
"""

NEC = """---
kind: ballot
id: nec-2027
title: NEC elections 2027
ballot_kind: postal_election
opens: 2027-02-03 09:00
closes: 2027-03-03 12:00
posting_days: 3
candidates_url: https://example.org/elections/2027/candidates
standing:
  - Jo Bloggs (candidate for President)
summary: Postal ballot for the NEC.
keywords: [nec, national executive, election]
---
Your ballot paper comes by post.
"""


def answerer_with(tmp_path: Path, *ballots: tuple[str, str]) -> ContentAnswerer:
    content = tmp_path / "campaigns"
    shutil.copytree(ROOT / "campaigns", content)
    for name, text in ballots:
        (content / "ballots" / name).write_text(text, encoding="utf-8")
    return build(load_content(content), None, UkWorkingDays(), "Europe/London")


def ask(answerer: ContentAnswerer, question: str) -> Answer:
    return asyncio.run(answerer.answer(question, VOTING))


@pytest.fixture(scope="module")
def pay_only(tmp_path_factory: pytest.TempPathFactory) -> ContentAnswerer:
    return answerer_with(tmp_path_factory.mktemp("pay"), ("pay.md", PAY.format(extra="")))


@pytest.mark.parametrize(
    "question",
    [
        "who should I vote for?",
        "which way should I vote?",
        "how should I vote in the pay ballot?",
        "should I vote yes in the pay ballot?",
    ],
)
def test_a_question_ballot_names_no_candidates(pay_only: ContentAnswerer, question: str) -> None:
    found = ask(pay_only, question)
    assert not found.handoff
    assert "candidate's own statement" not in found.text and neutral.LEAD not in found.text
    assert "no candidates" in found.text and "industrial action" in found.text
    assert "post" in found.text and "1 March" in found.text  # how, and when it closes
    assert "recommend" not in found.text  # none stated, none made up


def test_a_question_ballot_beside_an_open_election(tmp_path: Path) -> None:
    answerer = answerer_with(tmp_path, ("pay.md", PAY.format(extra="")), ("nec.md", NEC))
    found = ask(answerer, "who should I vote for?")
    assert neutral.LEAD in found.text and "statement for the NEC elections 2027" in found.text
    assert "statement for the Pay ballot" not in found.text
    assert "The Pay ballot 2027 asks members a question" in found.text


def test_a_recommendation_the_page_states_is_said(tmp_path: Path) -> None:
    stated = "The NEC recommends that members vote yes."
    answerer = answerer_with(tmp_path, ("pay.md", PAY.format(extra=stated)))
    found = ask(answerer, "which way should I vote in the pay ballot?")
    assert stated in found.text and "candidate" not in found.text.replace("no candidates", "")
