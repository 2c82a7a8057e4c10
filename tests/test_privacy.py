"""Members' data end to end: /mydata shows everything (with a JSON file), /forget erases it
everywhere (then every table and the captured logs are scanned for the member's ids), /link
merging, and /forget redirected from a group. The store's side of merging, forgetting and
retention is in the contract suite (tests/test_store_contract_privacy.py)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from bot import logsetup
from bot.core.caller import Caller
from bot.core.models import Identity, Platform
from bot.core.ratelimit import TokenBuckets
from bot.storage import tables
from bot.storage.sql import SqlStore
from tests.harness import Harness, eventually, running
from tests.test_actions import (
    ANA,
    GROUP,
    ORGANISERS,
    PRIYA,
    RAJ,
    cli,
    new_reply,
    people,
    slack,
    tg_buttons,
)

PRIYA_SLACK, PRIYA_SLACK_DM = "U0PRIYA001", "D0PRIYA001"
MEMBER_COLUMNS = {"member_id", "created_by", "requested_by"}
MEMBER_KEY = "test-member-key-" + "0123456789abcdef" * 3


async def scan(store: SqlStore, needles: list[str], member_id: int) -> list[str]:
    """Every row of every table, every column: where a needle or the member's id shows."""
    found = []
    async with store.engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            for row in (await conn.execute(select(table))).mappings():
                for column, value in row.items():
                    text = json.dumps(value, default=str)
                    if any(n in text for n in needles):
                        found.append(f"{table.name}.{column}: {text[:80]}")
                    if column in MEMBER_COLUMNS and value == member_id:
                        found.append(f"{table.name}.{column} = member {member_id}")
    return found


async def footprint(h: Harness) -> int:
    """Priya uses the bot for everything it offers; returns her member id."""
    folks = await people(h)
    store = h.bot.app.store
    priya = folks["priya"]
    # A linked Slack account.
    h.tg.message(PRIYA, "/link")
    code_text = await new_reply(h, str(PRIYA), 0)
    code = code_text.split("code is ")[1].split(".")[0].strip()
    await slack(h, PRIYA_SLACK, f"link {code}", channel=PRIYA_SLACK_DM)
    await eventually(lambda: bool(h.slack.received[PRIYA_SLACK_DM]))
    assert "Linked" in h.slack.received[PRIYA_SLACK_DM][-1].text
    # Reminders by DM, a subscription request waiting for an officer, a refused command.
    h.tg.message(PRIYA, "/remindme on")
    await new_reply(h, str(PRIYA), 1)
    h.tg.message(PRIYA, "/subscribe dwp-leeds pay", chat_id=GROUP, chat_type="supergroup")
    await eventually(lambda: bool(h.tg.received[str(GROUP)]))
    h.tg.message(PRIYA, "/petition send", chat_id=GROUP, chat_type="supergroup")
    await eventually(lambda: len(h.tg.received[str(GROUP)]) >= 2)
    # A signature, a consultation vote, "I've voted", a question for the organisers.
    h.tg.press(PRIYA, "/signed pay-petition", chat_id=GROUP, chat_type="supergroup")
    await eventually(lambda: len(h.tg.received[str(GROUP)]) >= 3)
    opened = (
        await h.bot.app.services.consultations.open(
            "Keep the Locals?",
            ["Yes", "No"],
            datetime.now(UTC) + timedelta(days=3),
            "general",
            [],
            Caller.operator(),
        )
    ).consultation
    # One DM per member, to her first linked account (Slack); she votes from Telegram.
    await eventually(lambda: bool(h.slack.received[PRIYA_SLACK]), within=10)
    before = len(h.tg.received[str(PRIYA)])
    h.tg.press(PRIYA, f"/vote {opened.id} 2")
    assert "you chose No" in await new_reply(h, str(PRIYA), before)
    await store.ballots.bank("nec-2023", priya.id, "dwp-leeds", datetime.now(UTC))
    before = len(h.tg.received[str(PRIYA)])
    h.tg.message(PRIYA, "Can I bring my dog to the branch AGM?")
    assert "passed your question" in await new_reply(h, str(PRIYA), before)
    return priya.id


async def test_mydata_shows_everything_and_forget_leaves_no_trace(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running(tmp_path) as h:
        logsetup.configure("INFO", h.bot.app.settings.secrets())  # as in production
        # A month of Priya's use squeezed into seconds: lift the per-person flood limit.
        h.bot.app.router._limiter = TokenBuckets(h.bot.app.clock, rate_per_s=100, burst=100)
        store = h.bot.app.store
        priya_id = await footprint(h)
        needles = [str(PRIYA), PRIYA_SLACK]
        assert await scan(store, needles, priya_id)  # the scan does see her before

        # /mydata in the group: a pointer there, the list and the JSON file by DM.
        group_before = len(h.tg.received[str(GROUP)])
        dm_before = len(h.tg.received[str(PRIYA)])
        h.tg.message(PRIYA, "/mydata", chat_id=GROUP, chat_type="supergroup")
        assert "check your DMs" in await new_reply(h, str(GROUP), group_before)
        listed = await new_reply(h, str(PRIYA), dm_before)
        assert "What the bot holds about you" in listed and "petitions you signed: 1" in listed
        await eventually(lambda: bool(h.tg.documents[str(PRIYA)]))
        name, content = h.tg.documents[str(PRIYA)][-1]
        held = json.loads(content)
        assert name == "my-data.json"
        assert held["identities"] == [f"slack:{PRIYA_SLACK}", f"telegram:{PRIYA}"]
        assert held["member"]["branch"] == "dwp-leeds"
        assert held["petitions_you_signed"] == [{"petition": "pay-petition"}]
        assert held["consultation_votes"][0]["choice"] == 1
        assert held["ballots_you_said_you_voted_in"][0]["ballot"] == "nec-2023"
        assert held["questions_waiting"][0]["text"] == "Can I bring my dog to the branch AGM?"
        assert any(s["topic"] == "pay" for s in held["subscriptions_you_asked_for"])
        actions = [(e["action"], e["outcome"]) for e in held["audit_entries"]]
        assert ("/petition send", "refused") in actions and ("/link", "linked") in actions
        # And from her Slack account's DM: the same, as a file shared there.
        await slack(h, PRIYA_SLACK, "mydata", channel=PRIYA_SLACK_DM)
        await eventually(lambda: bool(h.slack.files[PRIYA_SLACK_DM]))
        assert json.loads(h.slack.files[PRIYA_SLACK_DM][-1][1])["member"]["id"] == priya_id

        # /forget in the group: redirected to DM, asked to confirm, nothing erased yet.
        group_before = len(h.tg.received[str(GROUP)])
        dm_before = len(h.tg.received[str(PRIYA)])
        h.tg.message(PRIYA, "/forget confirm", chat_id=GROUP, chat_type="supergroup")
        assert "check your DMs" in await new_reply(h, str(GROUP), group_before)
        assert "cannot be undone" in await new_reply(h, str(PRIYA), dm_before)
        assert tg_buttons(h, PRIYA) == ["/forget confirm"]
        assert await store.members.get(priya_id) is not None

        # Confirmed in her DM: erased everywhere.
        dm_before = len(h.tg.received[str(PRIYA)])
        h.tg.press(PRIYA, "/forget confirm")
        assert "no longer holds anything that identifies you" in await new_reply(
            h, str(PRIYA), dm_before
        )
        assert await store.members.get(priya_id) is None
        assert await scan(store, needles, priya_id) == []
        # What stays is anonymous: her signature and her vote, in the counts only.
        assert await store.petitions.counts("pay-petition") == {"dwp-leeds": 1}
        assert [(t.choice, t.votes) for t in await store.consultations.tally(1)] == [(1, 1)]
        erased = [e for e in await store.audit.recent() if e.action == "/forget"]
        assert erased and erased[0].actor.startswith("forgotten:")
        # Raj's side: the subscription request she made is gone, his own data untouched.
        raj = await store.members.find(Identity(Platform.TELEGRAM, str(RAJ)))
        assert raj is not None and raj.branch == "dwp-leeds"
    logs = caplog.text
    assert logs and str(PRIYA) not in logs and PRIYA_SLACK not in logs


async def test_forget_erases_her_answered_question_too(tmp_path: Path) -> None:
    """Answering forgets who asked, but her words stay in `questions report`: /forget still
    finds them (through the pseudonym the answer keeps, keyed with MEMBER_KEY, or unkeyed
    as answers were stored before it) and erases them; Raj's stay."""
    mine, his = "Can I bring my dog to the branch AGM?", "Can I get my eye test paid for?"
    before_keys = "Is the pension consultation still open?"  # answered before keying
    async with running(tmp_path, MEMBER_KEY=MEMBER_KEY) as h:
        store = h.bot.app.store
        priya = (await people(h))["priya"].id
        for who, text in ((PRIYA, mine), (RAJ, his)):
            h.tg.message(who, text)  # the first loads the answers' model: allow for a busy CI
            await eventually(lambda who=who: bool(h.tg.received[str(who)]), within=30)
            assert "passed your question" in h.tg.received[str(who)][0].text
        for n, q in enumerate(await store.questions.open()):
            await slack(h, ANA, f"reply {q.id} Ask your rep.")
            await eventually(lambda n=n: len(h.slack.received[ORGANISERS]) > n, within=10)
        assert await store.questions.open() == []
        for who in (PRIYA, RAJ):  # the answers, by DM
            await eventually(lambda who=who: len(h.tg.received[str(who)]) >= 2, within=10)
        async with store.engine.begin() as conn:  # answering forgot who asked, in clear
            asked = (await conn.execute(select(tables.questions.c.user_id))).scalars().all()
            await conn.execute(insert(tables.questions).values(**unkeyed_answer(before_keys)))
        assert len(asked) == 2 and not {str(PRIYA), str(RAJ)} & set(asked)
        # Nor as a hash anyone with the database could make of every user id: it is keyed.
        for who in (PRIYA, RAJ):
            for text in (f"telegram:{who}", f"question-asker|telegram:{who}"):
                digest = hashlib.sha256(text.encode()).hexdigest()
                assert not any(digest[:56] in a for a in asked)
        h.tg.message(PRIYA, "/mydata")
        await eventually(lambda: bool(h.tg.documents[str(PRIYA)]))
        held = json.loads(h.tg.documents[str(PRIYA)][-1][1])
        assert [q["text"] for q in held["questions_answered"]] == [mine, before_keys]

        before = len(h.tg.received[str(PRIYA)])
        h.tg.message(PRIYA, "/forget confirm")
        done = await new_reply(h, str(PRIYA), before)
        assert "questions, waiting or answered, erased: 2" in done
        assert "notices to you alone, erased" in done  # the answer's DM held her words too
        assert await scan(store, ["dog to the branch", "pension consultation"], priya) == []
        report = await asyncio.to_thread(cli, tmp_path, "questions", "report", "--json")
        assert [q["text"] for q in json.loads(report.output)["questions"]] == [his]


def unkeyed_answer(text: str) -> dict[str, object]:
    """Priya's question as an answer was stored before MEMBER_KEY keyed the pseudonym."""
    digest = hashlib.sha256(f"question-asker|telegram:{PRIYA}".encode()).hexdigest()
    at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    return {
        "text": text,
        "asked_at": at,
        "platform": None,
        "user_id": "asked" + digest[:56],
        "answer": "Yes, until Friday.",
        "answered_at": at,
        "faq": False,
    }
