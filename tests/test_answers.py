"""Members' questions: the question set's figures, live dates, neutrality, bad input, the
CLI, and the hand-off round trip through the stand-ins."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.answers.engine import ContentAnswerer
from bot.answers.quality import evaluate, load_questions
from bot.ballots.calendar import UkWorkingDays
from bot.cli import app as cli_app
from bot.content.loader import Content
from bot.core.models import Identity, Platform, Role, RoleGrant
from bot.standins.telegram_html import visible_text
from tests.harness import ROOT, eventually, running

LONDON = ZoneInfo("Europe/London")
QUESTIONS = ROOT / "tests" / "data" / "questions.yaml"


def answerer(content: Content) -> ContentAnswerer:
    return ContentAnswerer(content, None, UkWorkingDays(), "Europe/London")


async def test_question_set_figures(content: Content) -> None:
    data = load_questions(QUESTIONS)
    assert len(data["in_scope"]) + len(data["out_of_scope"]) >= 80
    assert len(data["out_of_scope"]) >= 20
    quality = await evaluate(answerer(content), data)
    assert quality.accuracy >= 0.9, quality.misses
    assert quality.handoff_rate >= 0.9, quality.misses


@pytest.mark.parametrize(
    ("now", "question", "expected"),
    [
        ((2023, 4, 10, 12), "when does the NEC ballot open?", "Papers go out on Thursday 20 April"),
        ((2023, 5, 11, 9), "when does the nec ballot close", "closes today, in 3 hours"),
        ((2023, 5, 12, 9), "when did the NEC ballot close", "closed at 12:00 on Thursday 11 May"),
        ((2023, 5, 8, 10), "last day to post my nec vote", "Friday 5 May 2023"),
    ],
)
async def test_dates_are_computed_for_now(
    content: Content, now: tuple[int, int, int, int], question: str, expected: str
) -> None:
    moment = datetime(*now, tzinfo=LONDON)
    answer = await answerer(content).answer(question, moment)
    assert expected in answer.text and not answer.handoff
    assert "example.org/elections/2023" in answer.sources[0]


async def test_who_to_vote_for_is_never_answered_with_a_name(content: Content) -> None:
    for question in ("who should I vote for?", "which candidate is best for president"):
        answer = await answerer(content).answer(question, datetime(2023, 5, 2, tzinfo=LONDON))
        assert "neutral" in answer.text and "candidates" in answer.text
        assert "never recommends a candidate" in answer.text


@pytest.mark.parametrize(
    "question", ["", "   ", "🎉🔥🎉", "?" * 50, "x" * 10_000, "a " * 5000, "<b>pay</b> " * 2000]
)
async def test_odd_questions_get_a_sensible_answer(content: Content, question: str) -> None:
    answer = await answerer(content).answer(question, datetime(2023, 5, 2, tzinfo=LONDON))
    assert answer.handoff or answer.text
    assert len(answer.text) < 2000


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
async def test_any_text_is_answered_or_handed_off(text: str) -> None:
    answer = await _shared().answer(text, datetime(2023, 5, 2, tzinfo=LONDON))
    assert answer.handoff != bool(answer.text)
    assert 0.0 <= answer.confidence <= 1.0


_ANSWERER: list[ContentAnswerer] = []


def _shared() -> ContentAnswerer:
    if not _ANSWERER:
        from bot.content.loader import load_content

        _ANSWERER.append(answerer(load_content(ROOT / "campaigns", LONDON)))
    return _ANSWERER[0]


async def test_markup_and_mentions_in_a_question_are_not_echoed(content: Content) -> None:
    answer = await answerer(content).answer(
        "<@U0BOT> <script>x</script> **how do I sign the petition?**",
        datetime(2023, 5, 2, tzinfo=LONDON),
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
    assert "Friday 5 May 2023" in payload["answer"] and payload["handoff"] is False
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
        live = ContentAnswerer(content, store, UkWorkingDays(), "Europe/London")
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
