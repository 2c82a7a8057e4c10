"""Organisers improve the answers from chat and the command line: another way of asking an
FAQ entry's question (/faq alias, `campaign-bot questions alias`), kept in the store so it
survives a restart and audited; and the week's hand-offs (`campaign-bot questions report`),
so gaps in the content show."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from bot.answers.copies import build
from bot.cli import app as cli_app
from bot.content.loader import Content
from bot.core.models import Identity, Platform, Question, Role, RoleGrant
from bot.core.ports import Store
from bot.services.calendar import UkWorkingDays
from bot.storage.database import create_engine
from bot.storage.sql import SqlStore
from tests.harness import ROOT, eventually, running

LONDON = ZoneInfo("Europe/London")
T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)
PHRASE = "the bot keeps pinging me, make it quiet"


async def test_store_keeps_phrasings_and_lists_questions_asked_since(store: Store) -> None:
    first = await store.questions.add_alias("bot-reminders", PHRASE, T0)
    second = await store.questions.add_alias("#12", "x" * 900, T0 + timedelta(minutes=1))
    assert (first.entry, first.phrase, first.added_at) == ("bot-reminders", PHRASE, T0)
    assert [(a.id, a.entry) for a in await store.questions.aliases()] == [
        (first.id, "bot-reminders"),
        (second.id, "#12"),
    ]
    assert len(second.phrase) == 500
    old = await store.questions.add(Question(0, "old", T0 - timedelta(days=8), None))
    new = await store.questions.add(Question(0, "new", T0 - timedelta(days=1), None, "dwp-leeds"))
    await store.questions.answer(old.id, "answered", T0, False)
    since = await store.questions.asked_since(T0 - timedelta(days=7))
    assert [(q.id, q.branch) for q in since] == [(new.id, "dwp-leeds")]
    assert [q.id for q in await store.questions.asked_since(T0 - timedelta(days=9))] == [
        old.id,
        new.id,
    ]


async def test_an_alias_answers_from_chat_and_after_a_restart(tmp_path: Path) -> None:
    """Ana, an organiser on Slack, teaches the reminders entry a member's own words; Priya's
    question in those words is answered at once, and again by a freshly started answerer
    over the same store; a member may not add one, and an unknown entry is named."""
    priya, ana, channel = 5012345678, "U0ANA00001", "C0ORGANISE"
    async with running(tmp_path) as h:
        store = h.bot.app.store
        now = datetime(2023, 5, 2, 10, tzinfo=LONDON)
        assert (await h.bot.app.services.answers.answer(PHRASE, now)).handoff
        organiser = await store.members.get_or_create(Identity(Platform.SLACK, ana))
        await store.roles.grant(RoleGrant(organiser.id, Role.ORGANISER))
        command = f'faq alias bot-reminders "{PHRASE}"'
        await h.slack.post_command(h.events_url, h.slack.command(ana, channel, command))
        await eventually(lambda: bool(h.slack.received[channel]))
        assert "bot-reminders now also answers" in h.slack.received[channel][-1].text
        h.tg.message(priya, PHRASE)
        await eventually(lambda: bool(h.tg.received[str(priya)]))
        assert "/remindme off" in h.tg.received[str(priya)][0].text
        await h.slack.post_command(
            h.events_url, h.slack.command(ana, channel, 'faq alias no-such-entry "hello"')
        )
        await eventually(lambda: len(h.slack.received[channel]) >= 2)
        assert "no-such-entry" in h.slack.received[channel][-1].text
        h.tg.message(priya, f'/faq alias bot-forget "{PHRASE}"')
        await eventually(lambda: len(h.tg.received[str(priya)]) >= 2)
        assert [a.entry for a in await store.questions.aliases()] == ["bot-reminders"]
        audit = await store.audit.recent(20)
        assert [e.detail.get("entry") for e in audit if e.action == "/faq alias"] == [
            "bot-reminders"
        ]
        restarted = build(h.bot.app.content, store, UkWorkingDays(), "Europe/London")
        assert (await restarted.answer(PHRASE, now)).handoff
        await restarted.load_faq()
        again = await restarted.answer(PHRASE, now)
        assert not again.handoff and "/remindme off" in again.text
        assert again.text.count("/remindme off") == 1  # found twice, said once


async def test_an_organisers_faq_answer_takes_aliases_too(content: Content, sql_url: str) -> None:
    engine = create_engine(sql_url)
    store = SqlStore(engine)
    try:
        asked = await store.questions.add(Question(0, "Can I claim for my glasses?", T0, None))
        await store.questions.answer(asked.id, "Yes, up to £50 with a receipt.", T0, True)
        await store.questions.add_alias(f"#{asked.id}", "are specs covered", T0)
        live = build(content, store, UkWorkingDays(), "Europe/London")
        await live.load_faq()
        assert live.has_faq(f"#{asked.id}") and not live.has_faq("#999")
        answer = await live.answer("are specs covered", datetime(2026, 11, 23, tzinfo=LONDON))
        assert "up to £50" in answer.text and not answer.handoff
    finally:
        await engine.dispose()


async def _hand_off(url: str) -> None:
    """Two questions the bot handed off, yesterday and ten days ago."""
    engine = create_engine(url)
    day = timedelta(days=1)
    now = datetime.now(UTC)
    try:
        store = SqlStore(engine)
        parking = "is parking free at the office?"
        await store.questions.add(Question(0, parking, now - day, None, "dwp-leeds"))
        await store.questions.add(Question(0, "is the canteen open?", now - 10 * day, None))
    finally:
        await engine.dispose()


def test_questions_report_and_alias_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("CONTENT_DIR", str(ROOT / "campaigns"))
    monkeypatch.setenv("MESSAGES_DIR", str(ROOT / "messages"))
    runner = CliRunner()
    empty = runner.invoke(cli_app, ["questions", "report", "--json"])
    assert empty.exit_code == 0, empty.output
    assert json.loads(empty.output)["questions"] == []

    added = runner.invoke(cli_app, ["questions", "alias", "bot-reminders", PHRASE])
    assert added.exit_code == 0 and "bot-reminders" in added.output, added.output
    unknown = runner.invoke(cli_app, ["questions", "alias", "nope", "hello"])
    assert unknown.exit_code == 2 and "nope" in unknown.output
    blank = runner.invoke(cli_app, ["questions", "alias", "bot-reminders", "  !! "])
    assert blank.exit_code == 2

    asked = runner.invoke(cli_app, ["ask", PHRASE, "--json", "--now", "2023-05-02T10:00"])
    assert "/remindme off" in json.loads(asked.output.strip().splitlines()[-1])["answer"]

    asyncio.run(_hand_off(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"))
    week = json.loads(runner.invoke(cli_app, ["questions", "report", "--json"]).output)
    assert [q["text"] for q in week["questions"]] == ["is parking free at the office?"]
    assert week["handed_off"] == 1 and week["answered"] == 0 and week["days"] == 7
    assert week["questions"][0]["branch"] == "dwp-leeds"
    table = runner.invoke(cli_app, ["questions", "report", "--days", "30"])
    assert table.exit_code == 0 and "2 questions handed off in the last 30 days" in table.output
    assert "parking" in table.output and "canteen" in table.output
    bad = runner.invoke(cli_app, ["questions", "report", "--days", "0"])
    assert bad.exit_code == 2
