"""Members' questions: the tuning set's figures against the targets, live dates for the
moment asked, results never invented, ballots the content does not hold, the neutral
answer, the bot's own commands, bad input, the CLI, and the hand-off round trip through the
stand-ins. (The held-out set is only ever run by the benchmark, never here.)"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.answers.copies import build
from bot.answers.engine import ContentAnswerer
from bot.answers.quality import evaluate, is_neutral, load_questions
from bot.cli import app as cli_app
from bot.content.loader import Content, load_content
from bot.core.models import Identity, Platform, Role, RoleGrant
from bot.services.calendar import UkWorkingDays
from bot.standins.telegram.html import visible_text
from tests.harness import ROOT, eventually, running

LONDON = ZoneInfo("Europe/London")
TUNING = ROOT / "tests" / "data" / "questions_tuning.yaml"
OLDER = ROOT / "tests" / "data" / "questions.yaml"
NAMES = ("Marion Lloyd", "Lloyd", "Broad Left Network", "Independent Left")


def answerer(content: Content) -> ContentAnswerer:
    return build(content, None, UkWorkingDays(), "Europe/London")


def at(*when: int) -> datetime:
    return datetime(*when, tzinfo=LONDON)  # type: ignore[misc]


async def test_tuning_set_meets_the_targets(content: Content) -> None:
    data = load_questions(TUNING)
    quality = await evaluate(answerer(content), data)
    assert quality.total == len(data["items"]) >= 100
    assert quality.accuracy >= 0.9, quality.misses
    assert quality.handoff_rate >= 0.9, quality.misses
    assert quality.neutrality == 1.0, quality.misses
    assert quality.confidently_wrong_rate <= 0.03, quality.misses


async def test_older_question_set_still_scores(content: Content) -> None:
    """The older format (in_scope / out_of_scope) is still read and scored."""
    data = load_questions(OLDER)
    quality = await evaluate(answerer(content), data)
    assert quality.total == len(data["in_scope"]) + len(data["out_of_scope"])
    assert quality.accuracy >= 0.85, quality.misses
    assert quality.handoff_rate >= 0.9, quality.misses


@pytest.mark.parametrize(
    ("now", "question", "expected", "never"),
    [
        (
            (2023, 4, 10, 12),
            "when does the NEC ballot open?",
            "posted to members on Thursday 20 April 2023 (in 10 days)",
            "opened",
        ),
        ((2023, 5, 11, 9), "when does the nec ballot close", "closes today, in 3 hours", "closed"),
        (
            (2023, 5, 12, 9),
            "when did the NEC ballot close",
            "closed at noon on Thursday 11 May 2023",
            "closes in",
        ),
        (
            (2023, 5, 2, 13),
            "last day to post my nec vote",
            "by Friday 5 May 2023 at the latest (in 3 days)",
            "was Friday",
        ),
        (
            (2023, 5, 8, 10),
            "when do I have to post my vote by?",
            "was Friday 5 May 2023, so a paper posted now may arrive too late",
            "by Friday 5 May 2023 at the latest",
        ),
        (
            (2023, 5, 5, 9),
            "when should I post my nec paper",
            "Today is the last safe posting day",
            "was Friday",
        ),
        (
            (2023, 5, 17, 9),
            "can i still do the group exec vote",
            "closed at noon on Tuesday 16 May 2023",
            "still open",
        ),
        (
            (2023, 5, 16, 10, 30),
            "is the group exec vote still open?",
            "is still open: it closes today, in 2 hours",
            "closed",
        ),
        (
            (2023, 3, 20, 19),
            "whats the latest i can join and still vote for president",
            "join by the end of Friday 31 March 2023 (in 11 days)",
            "had to be",
        ),
        (
            (2023, 4, 3, 9),
            "joined on saturday, do i get a vote in the nec election",
            "you had to be a member by the end of Friday 31 March 2023",
            "join by",
        ),
        (
            (2023, 4, 28, 10),
            "still no nec pack, whats the deadline to ask for a new one",
            "ask for a replacement before 17:00 on Thursday 4 May 2023 (in 6 days)",
            "was 17:00",
        ),
        (
            (2023, 5, 8, 10),
            "my nec ballot paper never arrived, can i get a replacement",
            "the deadline to ask for a replacement paper was 17:00 on Thursday 4 May 2023",
            "before 17:00",
        ),
        (
            (2023, 4, 24, 18),
            "no ballot paper yet for the nec",
            "Packs should arrive by Thursday 27 April 2023",
            "should have arrived",
        ),
        (
            (2023, 4, 25, 9),
            "when do i get the email for the group exec vote",
            "voting opens at 09:00 on Thursday 27 April 2023 (in 2 days)",
            "opened",
        ),
        (
            (2023, 5, 1, 9),
            "bank holiday today, last day to post my nec vote?",
            "Friday 5 May 2023",
            "by Monday 8 May",  # a bank holiday: said as one, never as the day to post
        ),
    ],
)
async def test_dates_are_said_for_the_moment_asked(
    content: Content, now: tuple[int, ...], question: str, expected: str, never: str
) -> None:
    answer = await answerer(content).answer(question, at(*now))
    assert not answer.handoff and expected in answer.text, answer.text
    assert never not in answer.text
    assert "example.org/elections/2023" in answer.sources[0]


@pytest.mark.parametrize(
    "question",
    [
        "who won the nec election?",
        "how many votes did marion lloyd get",
        "what was the final turnout in the group exec vote",
        "when is the 2025 NEC election?",
        "when does the unison ballot close",
        "when is the NEU strike ballot closing",
        "when are next year's group exec elections",
    ],
)
async def test_results_and_ballots_not_held_are_handed_off(content: Content, question: str) -> None:
    """Results are the independent scrutineer's to announce; another union's or another
    year's ballot is not one the content holds."""
    answer = await answerer(content).answer(question, at(2023, 5, 20, 10))
    assert answer.handoff and not answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who should I vote for?",
        "should I back the Broad Left Network slate?",
        "is Marion Lloyd any good?",
        "which candidate supports strikes",
        "who is the left candidate",
        "independent left or broad left network, which is better on pay?",
        "does the union want us to vote for the joint slate",
        "who r u voting for",
        "group exec - who should i pick for the dwp exec",
    ],
)
async def test_partisan_questions_get_the_neutral_answer(content: Content, question: str) -> None:
    answer = await answerer(content).answer(question, at(2023, 5, 2, 12))
    said = " ".join([answer.text, *answer.sources])
    assert not answer.handoff and is_neutral(said)
    assert "never recommends a candidate" in answer.text and "statement" in answer.text
    assert "candidates" in said and "closes in" in answer.text  # where, and when
    assert not any(name.lower() in said.lower() for name in NAMES), said


async def test_who_is_standing_is_a_fact_not_a_judgement(content: Content) -> None:
    answer = await answerer(content).answer("who is standing for president?", at(2023, 5, 2))
    assert "Marion Lloyd" in answer.text and "does not recommend" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how do I stop the reminders", "/remindme off"),
        ("turn my ballot reminders back on", "/remindme on"),
        ("what do you know about me?", "/mydata"),
        ("delete my data please", "/forget"),
        ("how do i link my slack and telegram", "/link"),
        ("which branch have you got me in", "/whoami"),
        ("how do I get our branch channel to post the pay updates", "/subscribe"),
    ],
)
async def test_the_bot_knows_its_own_commands(
    content: Content, question: str, expected: str
) -> None:
    answer = await answerer(content).answer(question, at(2023, 5, 2))
    assert not answer.handoff and expected in answer.text, answer.text
    assert answer.sources[0].startswith("Using the bot: ")


@pytest.mark.parametrize(
    ("question", "expected", "source"),
    [
        ("what is the pssec for", "defend, protect", "purpose"),
        ("who sits on the pssec", "sixteen committee members", "composition"),
        ("how often does the pssec meet", "quarterly", "meetings"),
        ("does the sector committee do anything on equality", "diversity", "objectives"),
        ("is the union doing anything about mccloud", "legal action", "Pensions"),
        ("by when must branches hold their agm", "26 February 2021", "Conference 2021"),
        ("how many locals in each hub", "at least two", "Union Locals"),
        ("what's happening with the national bargaining paper", "December", "bargaining"),
        ("which group is passport office liverpool in", "Home Office", "groups and branches"),
    ],
)
async def test_the_answer_is_the_passage_that_holds_the_fact(
    content: Content, question: str, expected: str, source: str
) -> None:
    answer = await answerer(content).answer(question, at(2023, 5, 8, 10))
    assert not answer.handoff and expected in answer.text, answer.text
    assert source in answer.sources[0]
    assert len(answer.text) < 500


@pytest.mark.parametrize(
    "question",
    [
        "when is the next nec meeting",
        "how much are union subs a month",
        "whats the deadline for motions to this years conference",
        "what's the dress code",
        "who's the branch secretary for hmrc newcastle",
    ],
)
async def test_a_passage_without_the_kind_of_fact_asked_is_not_an_answer(
    content: Content, question: str
) -> None:
    answer = await answerer(content).answer(question, at(2023, 5, 8, 10))
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "🎉🔥🎉",
        "?" * 50,
        "x" * 10_000,
        "a " * 5000,
        "<b>pay</b> " * 2000,
        "¿Cuándo cierra la votación?",
        "Wann endet die Wahl?",
        "投票はいつ終わりますか",
    ],
)
async def test_odd_questions_get_a_sensible_answer(content: Content, question: str) -> None:
    answer = await answerer(content).answer(question, at(2023, 5, 2))
    assert answer.handoff or answer.text
    assert len(answer.text) < 1000


_MARKUP = ["<!channel>", "<b>", "@here", "<@U0BOT>", "**", "<script>", "`rm`", "[x](http://evil)"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(_MARKUP), st.sampled_from(["pay", "nec close", ""]))
async def test_any_text_is_answered_or_handed_off_and_markup_never_echoed(
    text: str, markup: str, topic: str
) -> None:
    answer = await _shared().answer(f"{text} {markup} {topic}", at(2023, 5, 2))
    assert answer.handoff != bool(answer.text)
    assert 0.0 <= answer.confidence <= 1.0
    assert markup not in answer.text and markup not in " ".join(answer.sources)


_ANSWERER: list[ContentAnswerer] = []


def _shared() -> ContentAnswerer:
    if not _ANSWERER:
        _ANSWERER.append(answerer(load_content(ROOT / "campaigns", LONDON)))
    return _ANSWERER[0]


async def test_markup_and_mentions_in_a_question_are_not_echoed(content: Content) -> None:
    answer = await answerer(content).answer(
        "<@U0BOT> <script>x</script> **how do I sign the petition?**", at(2023, 5, 2)
    )
    assert "petition" in answer.text and "<script>" not in answer.text


def test_ask_cli_prints_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("CONTENT_DIR", str(ROOT / "campaigns"))
    monkeypatch.setenv("MESSAGES_DIR", str(ROOT / "messages"))
    runner = CliRunner()
    result = runner.invoke(
        cli_app,
        ["ask", "when do I have to post my vote by?", "--json", "--now", "2023-05-08T10:00"],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output.strip().splitlines()[-1])
    assert set(payload) >= {"answer", "sources", "confidence", "handoff"}
    assert "was Friday 5 May 2023" in payload["answer"] and payload["handoff"] is False
    before = runner.invoke(
        cli_app,
        ["ask", "when do I have to post my vote by?", "--json", "--now", "2023-05-02T10:00"],
    )
    assert (
        "by Friday 5 May 2023 at the latest" in json.loads(before.output.splitlines()[-1])["answer"]
    )
    unsure = runner.invoke(cli_app, ["ask", "can I bring my dog to work?", "--json"])
    assert json.loads(unsure.output.strip().splitlines()[-1])["handoff"] is True
    bad = runner.invoke(cli_app, ["ask", "x", "--now", "next week"])
    assert bad.exit_code == 2 and "--now" in bad.output


async def test_hand_off_round_trip_through_the_stand_ins(tmp_path: Path) -> None:
    """Priya asks on Telegram; Ana, an organiser on Slack, lists and answers; Priya gets
    the answer by DM; with --faq, the next member asking is answered at once."""
    priya, raj, ana, channel = 5012345678, 5099999999, "U0ANA00001", "C0ORGANISE"
    async with running(tmp_path) as h:
        store = h.bot.app.store
        organiser = await store.members.get_or_create(Identity(Platform.SLACK, ana))
        await store.roles.grant(RoleGrant(organiser.id, Role.ORGANISER))
        h.tg.message(priya, "Can I get my eye test paid for?")
        await eventually(lambda: bool(h.tg.received[str(priya)]))
        first = visible_text(h.tg.received[str(priya)][0].text)
        assert "passed your question to the organisers (question #" in first
        [waiting] = await store.questions.open()
        assert waiting.asker == Identity(Platform.TELEGRAM, str(priya))

        await h.slack.post_command(h.events_url, h.slack.command(ana, channel, "questions"))
        await eventually(lambda: bool(h.slack.received[channel]))
        assert f"#{waiting.id}" in h.slack.received[channel][-1].text
        assert "eye test" in h.slack.received[channel][-1].text

        answer = "Yes: the employer pays for eye tests for screen users; ask your line manager."
        await h.slack.post_command(
            h.events_url, h.slack.command(ana, channel, f"reply {waiting.id} --faq {answer}")
        )
        await eventually(lambda: len(h.tg.received[str(priya)]) >= 2, within=10)
        dm = visible_text(h.tg.received[str(priya)][-1].text)
        assert "You asked: Can I get my eye test paid for?" in dm and answer in dm
        await eventually(lambda: len(h.slack.received[channel]) >= 2)
        assert "answer sent by DM; added to the FAQ" in h.slack.received[channel][-1].text
        assert await store.questions.open() == []
        done = await store.questions.get(waiting.id)
        assert done is not None and done.asker is None  # who asked is forgotten

        h.tg.message(raj, "are eye tests paid for?")
        await eventually(lambda: bool(h.tg.received[str(raj)]))
        assert answer in visible_text(h.tg.received[str(raj)][0].text)


@pytest.mark.parametrize(
    "question",
    [
        "how many people have signed the petition?",
        "how far are we from the petition target",
        "petiton signatures so far",
    ],
)
async def test_petition_count_is_answered_live(
    content: Content, sql_url: str, question: str
) -> None:
    from bot.storage.database import create_engine
    from bot.storage.sql import SqlStore

    engine = create_engine(sql_url)
    store = SqlStore(engine)
    try:
        live = build(content, store, UkWorkingDays(), "Europe/London")
        first = await live.answer(question, datetime(2026, 11, 23, 9, tzinfo=LONDON))
        assert "has 0 of 50,000 signatures" in first.text and not first.handoff
        for n in range(3):
            member = await store.members.get_or_create(Identity(Platform.TELEGRAM, str(70 + n)))
            await store.petitions.sign("pay-petition", member.id, "dwp-leeds")
        after = await live.answer(question, datetime(2026, 11, 23, 9, tzinfo=LONDON))
        assert "has 3 of 50,000 signatures" in after.text
        assert after.sources == (
            "Fund fair pay in public services — https://example.org/petitions/fair-pay",
        )
    finally:
        await engine.dispose()
