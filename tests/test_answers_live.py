"""Live answers hold for any moment: the README's `campaign-bot ask` examples give the
answer shown for their `--now`, and a sweep over a ballot season never says a closed
ballot's dates in the present or future tense, nor a ballot's dates before it opens in the
past tense, nor one ballot's dates for a question naming the other; "is it over?" of an open
ballot is "No"; a closed ballot's passages are not said with an open one's date; an FAQ
answer that starts "No." answers only its own question."""

from __future__ import annotations

import re
import shlex
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from bot.answers.copies import build
from bot.cli import app as cli_app
from bot.content.loader import Content
from bot.services.calendar import UkWorkingDays
from tests.harness import ROOT

LONDON = ZoneInfo("Europe/London")
NEC, GROUP = "President and National Executive Committee", "Group executive committee"
CLOSES = {
    NEC: datetime(2023, 5, 11, 12, tzinfo=LONDON),
    GROUP: datetime(2023, 5, 16, 12, tzinfo=LONDON),
}
OPENS = {
    NEC: datetime(2023, 4, 20, 9, tzinfo=LONDON),
    GROUP: datetime(2023, 4, 27, 9, tzinfo=LONDON),
}
ASKED = (
    "when does the nec ballot close",
    "when does the nec ballot open",
    "last day to post my nec vote",
    "is the nec vote still open",
    "when should my nec pack arrive",
    "deadline for a replacement nec paper",
    "when does the group exec vote close",
    "is the group exec election still open",
    "when does the group exec vote open",
    "can i still vote",
    "when is the election",
    "when do i have to post my vote by?",
    "did i miss the vote?",
    "when did the papers go out",
)
STILL_TO_COME = re.compile(
    r"closes (in|today|tomorrow)|still open|at the latest|opens (in|at)|post your paper today|"
    r"ask for a replacement before"
)
ALREADY_PAST = re.compile(r"\bclosed at\b|\bwas (Friday|Thursday)|were posted|opened on")


def _readme_asks() -> list[tuple[list[str], list[str]]]:
    """The README's `campaign-bot ask` examples, each with the parts of the answer shown
    under it (`#   first part … second part…`)."""
    section = (ROOT / "README.md").read_text().split("## Members' questions")[1]
    block = section.split("```sh\n")[1].split("```")[0].splitlines()
    found = []
    for line, shown in zip(block, [*block[1:], ""], strict=True):
        if line.startswith("campaign-bot ask "):
            assert shown.startswith("#   "), f"no answer shown under {line!r}"
            parts = [p.strip() for p in shown[4:].split("…") if p.strip()]
            found.append((shlex.split(line)[1:], parts))
    return found


def test_the_readmes_ask_examples_answer_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("CONTENT_DIR", str(ROOT / "campaigns"))
    monkeypatch.setenv("MESSAGES_DIR", str(ROOT / "messages"))
    examples = _readme_asks()
    assert len(examples) >= 4
    for args, parts in examples:
        result = CliRunner().invoke(cli_app, args)
        assert result.exit_code == 0, result.output
        said = " ".join(result.output.split())
        at = 0
        for part in parts:
            assert part in said[at:], (args, part, said)
            at = said.index(part, at) + len(part)


def _wrong(sentence: str, now: datetime) -> str | None:
    for title, closes in CLOSES.items():
        if title not in sentence:
            continue
        if now >= closes and STILL_TO_COME.search(sentence):
            return f"{title} closed, said as still to come"
        if now < OPENS[title] and ALREADY_PAST.search(sentence):
            return f"{title} not open yet, said as past"
    return None


async def test_no_ballot_date_is_said_in_the_wrong_tense(content: Content) -> None:
    """Every 7 hours from before the join-by date to after both closes."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    now, wrong = datetime(2023, 3, 25, 8, tzinfo=LONDON), []
    while now < datetime(2023, 5, 20, tzinfo=LONDON):
        for question in ASKED:
            answer = await answerer.answer(question, now)
            for sentence in re.split(r"(?<=[.:]) ", answer.text):
                if (fault := _wrong(sentence, now)) is not None:
                    wrong.append(f"{now:%d %b %H:%M} {question!r}: {fault}: {sentence}")
            named = NEC if "nec" in question else GROUP if "group" in question else None
            other = GROUP if named == NEC else NEC if named == GROUP else None
            if other is not None and other in answer.text:
                wrong.append(f"{now:%d %b %H:%M} {question!r}: about the other ballot")
        now += timedelta(hours=7)
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("is it too late to post my nec vote", "No, the President"),
        ("is the nec vote over", "No, the President"),
        ("did i miss the group exec vote", "No, the Group"),
        ("is the nec vote still open", "Yes, the President"),
        ("can i still vote in the group exec", "Yes, the Group"),
    ],
)
async def test_asked_whether_it_is_over_an_open_ballot_is_no(
    content: Content, question: str, said: str
) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 5, 18, tzinfo=LONDON))
    assert answer.text.startswith(said) and "is still open" in answer.text, answer.text


async def test_a_closed_ballot_is_not_said_with_an_open_ones_date(content: Content) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(
        "how many days left to vote", datetime(2023, 5, 12, 10, tzinfo=LONDON)
    )
    # "elections … closes" was said; a title may be plural ("elections"): "…: it closes"
    assert answer.text.startswith("Group executive committee elections 2023: it closes in 4 days")
    assert NEC not in answer.text, answer.text


async def test_a_yes_or_no_faq_answers_only_its_own_question(content: Content) -> None:
    """ "No. By law, strike ballots must be postal" answers "can I vote online in a strike
    ballot?", not "is there a strike coming?"."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    now = datetime(2023, 5, 2, 10, tzinfo=LONDON)
    assert (await answerer.answer("can i vote online in the strike ballot", now)).text.startswith(
        "No. By law"
    )
    assert not (await answerer.answer("is there a strike coming", now)).text.startswith("No.")


@pytest.mark.parametrize(
    ("now", "question", "said"),
    [
        (
            (2023, 5, 2, 10),
            "is monday a bank holiday for posting",
            "Monday is a bank holiday, not counted",
        ),
        ((2023, 5, 2, 10), "did I miss it?", "No, the Group executive committee elections"),
        ((2023, 5, 20, 10), "did I miss it?", "closed at noon on Tuesday 16 May 2023"),
        ((2023, 5, 20, 10), "when were the ballot papers sent out?", "papers were posted on"),
    ],
)
async def test_whether_it_is_over_and_when_it_was_are_live(
    content: Content, now: tuple[int, int, int, int], question: str, said: str
) -> None:
    """Said with no ballot word, or asked when after every ballot has closed: still a
    ballot's date, in its tense; a bank holiday before the close is named."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(*now, tzinfo=LONDON))
    assert not answer.handoff and said in answer.text, answer.text


async def test_too_late_to_post_after_the_posting_day_is_not_a_plain_no(content: Content) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(
        "is it too late to post my nec ballot", datetime(2023, 5, 8, 10, tzinfo=LONDON)
    )
    assert answer.text.startswith("It may be: the last safe posting day"), answer.text
    assert "was Friday 5 May 2023, so a paper posted now may arrive too late" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("am I eligible to vote in the nec election if I became a member in april", "31 March"),
        ("my nec paper still hasn't come, when should it have turned up?", "27 April"),
        ("is the group exec vote done by post?", "online"),
        ("how big is the PSSEC?", "sixteen"),
        ("which slates are on the NEC ballot", "Broad Left Network"),
    ],
)
async def test_the_fact_asked_about_is_said(content: Content, question: str, expected: str) -> None:
    """The join-by date, the pack's date, postal or online, a committee's size, who is
    standing: each is the aspect asked about, not the topic's one fixed sentence."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert not answer.handoff
    assert expected in answer.text


@pytest.mark.parametrize("question", ["bln or il, help me decide", "IL lot are clowns tbh"])
async def test_a_slate_named_by_its_initials_gets_the_neutral_answer(
    content: Content, question: str
) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert not answer.handoff
    assert "your choice" in answer.text and "statement" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which branches does the union have", "HMRC Newcastle"),
        ("as a rep how do I check turnout for my branch", "/turnout"),
        ("the pay campaign's demands in a nutshell?", "review body"),
    ],
)
async def test_the_asker_and_asides_do_not_hide_the_topic(
    content: Content, question: str, expected: str
) -> None:
    """Who is asking ("as a rep"), how to answer ("in a nutshell") and a list of the
    union's branches (not the group elections) leave the topic asked about."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert not answer.handoff
    assert expected in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who is the NEC president at the moment",
        "what came of the pensions legal action?",
        "pssec members names?",
    ],
)
async def test_an_outcome_or_a_name_the_content_lacks_is_handed_off(
    content: Content, question: str
) -> None:
    """A plan is no outcome, a role or a candidate no office-holder's name."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is the sector exec there for", "working lives"),
        ("how often do the pssec get together", "quarterly"),
        ("what's the cut-off for getting a new NEC voting paper", "4 May"),
        ("how will I vote in the group exec elections", "personal link"),
    ],
)
async def test_members_words_for_the_aspect(content: Content, question: str, expected: str) -> None:
    """ "There for" asks a purpose, "get together" when it meets, "a new … paper" the
    replacement deadline, "how will I" the way to vote."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert not answer.handoff
    assert expected in answer.text


async def test_closures_are_not_a_ballot_closing(content: Content) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(
        "did the nec decide anything on office closures", datetime(2023, 5, 2, 10, tzinfo=LONDON)
    )
    assert "11 May" not in answer.text


async def test_small_typos_forecasts_and_reps_preferences(content: Content) -> None:
    """ "teh" is "the"; "is it going to work" is a forecast (handed off); what the reps want
    members to vote for gets the neutral answer."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    now = datetime(2023, 5, 2, 10, tzinfo=LONDON)
    signed = await answerer.answer("where do i sign teh pay petition", now)
    assert "petitions/fair-pay" in " ".join([signed.text, *signed.sources])
    assert (await answerer.answer("is the locals plan gonna work", now)).handoff
    reps = await answerer.answer("who do our stewards want us voting for", now)
    assert not reps.handoff and "your choice" in reps.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [("what does /ballots do", "/ballots lists"), ("what's /whoami for", "Type /whoami")],
)
async def test_a_named_command_is_explained_by_its_own_passage(
    content: Content, question: str, expected: str
) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert answer.text.startswith(expected), answer.text


@pytest.mark.parametrize(
    "question",
    ["who chairs my branch then", "who is my branch rep", "has the pay remit been set"],
)
async def test_our_branchs_officer_and_a_status_the_content_only_plans(
    content: Content, question: str
) -> None:
    """The member's own branch officer is not a committee's; "has X been set" is not
    answered by a plan to act before it is."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 5, 2, 10, tzinfo=LONDON))
    assert answer.handoff or "branch" in answer.text.lower(), answer.text
    assert "PSSEC" not in answer.text and "reassess" not in answer.text


async def test_a_damaged_paper_asks_for_a_replacement(content: Content) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(
        "coffee went all over my nec paper, can i have another?",
        datetime(2023, 5, 2, 10, tzinfo=LONDON),
    )
    assert "4 May" in answer.text and "replacement" in answer.text


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("is monday ok to post my nec paper?", (2023, 5, 5, 18), "Monday 8 May 2023 is too late"),
        ("can I post it on wednesday", (2023, 5, 2, 10), "Posting on Wednesday 3 May 2023 is in"),
        ("when should we post our votes", (2023, 5, 2, 10), "Friday 5 May"),
    ],
)
async def test_posting_on_a_day_named_says_whether_it_is_in_time(
    content: Content, question: str, now: tuple[int, int, int, int], expected: str
) -> None:
    """A day named is checked against the last safe posting day (Monday 8 May 2023 was a
    bank holiday); "when should we post" asks when, not whom to vote for."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(*now, tzinfo=LONDON))
    assert expected in answer.text, answer.text
    assert "your choice" not in answer.text
