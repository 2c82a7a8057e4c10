"""The membership list's rules through the router and services on the memory store: the
file read a row at a time, keyed hashes, invites, guessing locked out and audited, /join and
its decisions, /members; the MEMBER_KEY setting and how `make run` makes one. The same
flows through the real platforms are in tests/test_membership_e2e.py."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

import pytest

from bot.app import App, assemble
from bot.content.loader import Content
from bot.content.templates import Templates
from bot.core.caller import Caller
from bot.core.clock import FixedClock
from bot.core.events import Conversation, Incoming, Reply
from bot.core.membership import (
    ATTEMPTS_PER_DAY,
    MemberKey,
    StagedRow,
    deep_link,
    looks_like_invite,
    new_invite_code,
    normalise_email,
    normalise_number,
)
from bot.core.models import ChatKind, Identity, Platform, Role
from bot.core.ratelimit import TokenBuckets
from bot.core.results import InviteLine
from bot.services.membership import BATCH
from bot.services.membership_file import FileReport, ListFileError, branch_names, read_list
from bot.settings import Settings, SettingsError, load_settings
from bot.storage.memory import MemoryStore
from bot.storage.memory.membership import MemoryListImport
from tests.conftest import ROOT
from tests.limits import within

KEY = "k" * 40
ANN, BOB, RAJ = (Identity(Platform.TELEGRAM, str(n)) for n in (5100001, 5100002, 5100009))
BRANCHES = branch_names({"dwp-leeds": "DWP Leeds", "hmrc-liverpool": "HMRC Liverpool"})


def make_app(content: Content, clock: FixedClock, **settings: str) -> tuple[App, MemoryStore]:
    values = {"CONTENT_DIR": str(ROOT / "campaigns"), "MESSAGES_DIR": str(ROOT / "messages")}
    config = Settings(_env_file=None, **(values | {"MEMBER_KEY": KEY} | settings))  # type: ignore[call-arg]
    store = MemoryStore()
    app = assemble(config, store, content, Templates.load(ROOT / "messages"), clock)
    app.router._limiter = TokenBuckets(clock, rate_per_s=100, burst=1000)
    return app, store


def lines(*rows: str) -> list[bytes]:
    return [(row + "\n").encode() for row in rows]


async def say(app: App, who: Identity, text: str, dm: bool = True) -> Reply:
    where = Conversation(
        who.platform, who.user_id if dm else "-100500", ChatKind.DM if dm else ChatKind.GROUP
    )
    replies = await app.router.handle(Incoming(who, where, text, addressed=True))
    return replies[0]


def text_of(app: App, reply: Reply) -> str:
    return app.present(reply, Platform.CONSOLE)[0].text


async def with_list(app: App, *rows: str) -> None:
    done = await app.services.membership.import_list(
        lambda: lines("membership_number,branch,email", *rows), True, Caller.operator()
    )
    assert done.applied


async def invite_codes(app: App, *rows: str) -> dict[str, str]:
    made: list[InviteLine] = []
    await app.services.membership.invites(
        lambda: lines("membership_number,branch,email", *rows),
        None,
        "union_bot",
        made.append,
        Caller.operator(),
    )
    return {line.number: line.code for line in made}


# The rules --------------------------------------------------------------------------------


def test_numbers_and_emails_are_normalised_then_hashed_with_the_key() -> None:
    assert normalise_number(" a-100 001 ") == normalise_number("A100.001") == "A100001"
    assert normalise_number("12") is None and normalise_number("12#45") is None
    assert normalise_email(" Ann@Example.ORG ") == "ann@example.org"
    assert normalise_email("ann@") is None and normalise_email("a b@c.org") is None
    key, other = MemberKey(KEY), MemberKey("z" * 40)
    assert key.number("A100001") == key.number("A100001") != other.number("A100001")
    assert key.number("A100001") != key.email("A100001")  # each use its own hashes
    assert len(key.number("A100001")) == 64 and "A100001" not in key.number("A100001")
    assert "k" * 10 not in repr(key)
    with pytest.raises(ValueError):
        MemberKey("short")


def test_invite_codes_and_deep_links() -> None:
    codes = {new_invite_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(code) == 14 and looks_like_invite(code) and looks_like_invite(code.lower())
    assert not looks_like_invite("A100001") and not looks_like_invite(code[:-1])
    assert MemberKey(KEY).invite(code) == MemberKey(KEY).invite(code.replace("-", "").lower())
    assert deep_link("@union_bot", code) == f"https://t.me/union_bot?start={code.replace('-', '')}"


def test_the_file_is_read_a_row_at_a_time_with_its_problems_by_row() -> None:
    report = FileReport()
    rows = list(
        read_list(
            [
                b"\xef\xbb\xbfMembership_Number, Branch ,Name,email\r\n",
                b'A-1001,DWP Leeds,"Ann, who\n',
                b'moved",ann@example.org\r\n',
                b"\n",
                b"B1002,nowhere,Bob,bob@\n",
                b"C1003,dwp-leeds\n",
                b"x,hmrc-liverpool,Xi,\n",
            ],
            BRANCHES,
            report,
        )
    )
    assert [(r.row, r.number, r.written, r.branch, r.email) for r in rows] == [
        (2, "A1001", "A-1001", "dwp-leeds", "ann@example.org")
    ]
    assert report.ignored == ("Name",)
    assert report.lines() == [
        "row 5: unknown branch 'nowhere'",
        "row 5: the email address is malformed",
        "row 6: expected 4 fields as in the header, found 2",
        "row 7: the membership number must be 3 to 32 letters or digits",
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([b"1001,dwp-leeds\n"], "row 1: the first row must name the columns"),
        ([], "row 1: the file is empty"),
        ([b"membership_number,branch,branch\n"], "row 1: a column is named twice"),
        (
            [b"membership_number,branch\n", b"1001,dwp-leeds\n", "1002,Léeds\n".encode("latin-1")],
            "row 3: the file is not UTF-8 text",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_where(data: list[bytes], problem: str) -> None:
    with pytest.raises(ListFileError, match=problem):
        list(read_list(data, BRANCHES, FileReport()))


def test_problems_beyond_fifty_are_counted() -> None:
    report = FileReport()
    data = lines("membership_number,branch", *(f"{1000 + i},nowhere" for i in range(120)))
    assert list(read_list(data, BRANCHES, report)) == []
    assert len(report.lines()) == 51 and report.lines()[-1] == "and 70 more problems"


async def test_a_big_file_is_staged_in_batches_as_it_is_read(
    content: Content, clock: FixedClock
) -> None:
    """Rows go to the store a batch at a time while the file is still being read: a file of
    millions of rows is never held in memory."""
    app, _ = make_app(content, clock)
    read = 0
    seen_when_staged: list[int] = []

    def source() -> Iterator[bytes]:
        nonlocal read
        yield b"membership_number,branch\n"
        for i in range(3 * BATCH + 10):
            read += 1
            yield f"M{i:07d},dwp-leeds\n".encode()

    staging = MemoryListImport.stage

    async def stage(self: MemoryListImport, rows: Sequence[StagedRow]) -> None:
        seen_when_staged.append(read)
        await staging(self, rows)

    # No seam here but the method itself: it records when each batch reaches the store.
    with patch.object(MemoryListImport, "stage", stage):
        done = await app.services.membership.import_list(source, None, Caller.operator())
    assert done.applied and done.changes.added == 3 * BATCH + 10
    assert seen_when_staged == [BATCH, 2 * BATCH, 3 * BATCH, 3 * BATCH + 10]


# Importing and inviting --------------------------------------------------------------------


async def test_a_sync_waits_for_yes_before_anyone_lapses(
    content: Content, clock: FixedClock
) -> None:
    app, store = make_app(content, clock)
    op = Caller.operator()
    await with_list(app, "A1001,dwp-leeds,ann@example.org", "B1002,dwp-leeds,")
    smaller = lambda: lines("membership_number,branch", "B1002,hmrc-liverpool", "C1003,dwp-leeds")  # noqa: E731
    dry = await app.services.membership.import_list(smaller, None, op)
    assert (dry.applied, dry.needs_yes) == (False, True)
    changes = dry.changes
    assert (changes.added, changes.moved, changes.lapsed, changes.unchanged) == (1, 1, 1, 0)
    assert len(store.data.membership_list) == 2  # nothing saved
    asked = await app.services.membership.import_list(smaller, False, op)
    assert not asked.applied and not asked.needs_yes
    done = await app.services.membership.import_list(smaller, True, op)
    assert done.applied and sorted(r.branch for r in store.data.membership_list.values()) == [
        "dwp-leeds",
        "hmrc-liverpool",
    ]
    audit = [e for e in await store.audit.recent() if e.action == "members import"]
    assert audit[0].detail == {"rows": "2", "added": "1", "moved": "1", "lapsed": "1"}
    # Only the hashes are kept: no number, no email.
    held = repr(store.data.membership_list) + repr(store.data.audit_log)
    assert "1001" not in held and "1002" not in held and "example.org" not in held
    with pytest.raises(Exception, match="organiser"):
        await app.services.membership.import_list(smaller, True, Caller(None, (), "x"))


async def test_without_a_key_the_list_is_refused_in_one_line(
    content: Content, clock: FixedClock
) -> None:
    app, _ = make_app(content, clock, MEMBER_KEY="")
    with pytest.raises(Exception, match="MEMBER_KEY: is not set"):
        await with_list(app, "A1001,dwp-leeds,")
    assert "MEMBER_KEY" in text_of(app, await say(app, ANN, "/join A1001 dwp-leeds"))


async def test_invites_skip_members_in_chat_and_replace_older_ones(
    content: Content, clock: FixedClock
) -> None:
    app, store = make_app(content, clock)
    await with_list(app, "A1001,dwp-leeds,", "B1002,dwp-leeds,")
    first = await invite_codes(app, "A1001,dwp-leeds,", "B1002,dwp-leeds,")
    second = await invite_codes(app, "A1001,dwp-leeds,")
    assert first.keys() == {"A1001", "B1002"} and first["A1001"] != second["A1001"]
    assert "isn't right" in text_of(app, await say(app, ANN, f"/start {first['A1001']}"))
    assert "Welcome" in text_of(app, await say(app, ANN, f"/start {second['A1001']}"))
    assert await invite_codes(app, "A1001,dwp-leeds,") == {}  # she is in chat now
    with pytest.raises(Exception, match="row 2: not on the membership list"):
        await invite_codes(app, "Z9999,dwp-leeds,")
    with pytest.raises(Exception, match="row 3: this membership number is already in row 2"):
        await invite_codes(app, "B1002,dwp-leeds,", "B1002,dwp-leeds,")
    with pytest.raises(Exception, match="row 2: the list has another branch"):
        await invite_codes(app, "B1002,hmrc-liverpool,")
    assert len(store.data.invites) == 2  # the refused runs saved nothing


# Codes and /join ------------------------------------------------------------------------


async def test_guessed_codes_are_locked_out_and_audited_even_after_forget(
    content: Content, clock: FixedClock
) -> None:
    app, store = make_app(content, clock)
    await with_list(app, "A1001,dwp-leeds,")
    real = (await invite_codes(app, "A1001,dwp-leeds,"))["A1001"]
    for left in range(ATTEMPTS_PER_DAY - 1, -1, -1):
        wrong = text_of(app, await say(app, ANN, f"/join {new_invite_code()}"))
        assert f"Tries left today: {left}." in wrong
    assert "Too many tries" in text_of(app, await say(app, ANN, f"/join {real}"))
    await say(app, ANN, "/forget confirm")  # a fresh member record, the same account
    assert "Too many tries" in text_of(app, await say(app, ANN, f"/join {real}"))
    outcomes = [e.outcome for e in await store.audit.recent() if e.action == "/join"]
    assert outcomes.count("code-wrong") == ATTEMPTS_PER_DAY and outcomes.count("locked") == 2
    assert all(real not in str(e.detail) for e in await store.audit.recent())
    clock.advance(timedelta(days=1, seconds=1))
    assert "Welcome" in text_of(app, await say(app, ANN, f"/join {real}"))


async def test_an_expired_code_and_a_code_typed_in_a_group(
    content: Content, clock: FixedClock
) -> None:
    app, store = make_app(content, clock)
    await with_list(app, "A1001,dwp-leeds,")
    code = (await invite_codes(app, "A1001,dwp-leeds,"))["A1001"]
    refused = text_of(app, await say(app, ANN, f"/join {code}", dm=False))
    assert "direct message" in refused
    assert not store.data.membership_attempts  # not read, not counted
    clock.advance(timedelta(days=31))
    assert "has expired" in text_of(app, await say(app, ANN, f"/start {code}"))


async def test_join_without_a_list_goes_to_organisers_on_the_members_word(
    content: Content, clock: FixedClock
) -> None:
    app, store = make_app(content, clock)
    await app.services.roles.grant(RAJ, Role.ORGANISER, None, Caller.operator())
    asked = text_of(app, await say(app, ANN, "/join A-100123 DWP Leeds"))
    assert "gone to the organisers (1), as DWP Leeds has no officer" in asked
    [notice] = store.data.broadcasts.values()
    assert notice.template == "join-request" and "ends in 123" in notice.values["checked"]
    assert "100123" not in str(notice.values)
    assert notice.buttons[0][1].startswith("/approve_join ")
    request_id = notice.buttons[0][1].split()[1]
    decided = text_of(app, await say(app, RAJ, f"/decline_join {request_id}"))
    assert "1 request to join dwp-leeds declined" in decided
    told = [b for b in store.data.broadcasts.values() if b.template == "join-declined"]
    assert len(told) == 1
    member = await store.members.find(ANN)
    assert member is not None and member.branch is None
    # Approved, a second time: a member of the branch, with no record to link.
    await say(app, ANN, "/join A-100123 dwp-leeds")
    request_id = next(iter(store.data.join_requests))
    await say(app, RAJ, f"/approve_join {request_id}")
    member = await store.members.find(ANN)
    assert member is not None and member.branch == "dwp-leeds"
    assert (await app.services.roles.caller(ANN)).role is Role.MEMBER
    assert "already linked" in text_of(app, await say(app, ANN, "/join A-100123 dwp-leeds"))


async def test_officers_cannot_decide_their_own_or_another_branchs_request(
    content: Content, clock: FixedClock
) -> None:
    app, store = make_app(content, clock)
    await with_list(app, "A1001,dwp-leeds,", "R1009,dwp-leeds,")
    await app.services.roles.grant(RAJ, Role.OFFICER, "dwp-leeds", Caller.operator())
    await app.services.roles.grant(BOB, Role.OFFICER, "hmrc-liverpool", Caller.operator())
    assert "gone to the branch" in text_of(app, await say(app, RAJ, "/join R1009 dwp-leeds"))
    [request_id] = store.data.join_requests
    own = text_of(app, await say(app, RAJ, f"/approve_join {request_id}"))
    assert "only for the other officers of dwp-leeds" in own
    other = text_of(app, await say(app, BOB, f"/approve_join {request_id}"))
    assert "only for officers of dwp-leeds" in other
    refusals = [e for e in await store.audit.recent() if e.outcome == "refused"]
    assert [e.actor for e in refusals] == [str(BOB), str(RAJ)]
    assert request_id in store.data.join_requests  # still waiting


async def test_a_number_linked_on_this_platform_is_refused_without_saying_whose(
    content: Content, clock: FixedClock
) -> None:
    app, _ = make_app(content, clock)
    await with_list(app, "A1001,dwp-leeds,")
    code = (await invite_codes(app, "A1001,dwp-leeds,"))["A1001"]
    await say(app, ANN, f"/start {code}")
    taken = text_of(app, await say(app, BOB, "/join A1001 dwp-leeds"))
    assert "already linked to an account on this platform" in taken and ANN.user_id not in taken


async def test_members_shows_officers_their_branch_and_organisers_all(
    content: Content, clock: FixedClock
) -> None:
    app, _ = make_app(content, clock)
    await with_list(app, "A1001,dwp-leeds,", "B1002,dwp-leeds,", "C1003,hmrc-liverpool,")
    code = (await invite_codes(app, "A1001,dwp-leeds,"))["A1001"]
    await say(app, ANN, f"/start {code}")
    await app.services.roles.grant(RAJ, Role.OFFICER, "dwp-leeds", Caller.operator())
    await app.services.roles.grant(BOB, Role.ORGANISER, None, Caller.operator())
    officer = text_of(app, await say(app, RAJ, "/members"))
    assert "DWP Leeds: 2 on the list, 1 in chat (50%), 1 in chat with no record" in officer
    assert "Liverpool" not in officer
    organiser = text_of(app, await say(app, BOB, "/members"))
    assert "HMRC Liverpool: 1 on the list, 0 in chat (0%)" in organiser
    assert "Total: 3 on the list, 1 in chat (33%)" in organiser
    assert "only for branch officers" in text_of(app, await say(app, ANN, "/members"))


# Settings and make run -------------------------------------------------------------------


def test_member_key_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEMBER_KEY", "too-short")
    with pytest.raises(SettingsError, match="setting MEMBER_KEY is invalid"):
        load_settings(None)
    monkeypatch.setenv("MEMBER_KEY", KEY)
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "@union_bot")
    loaded = load_settings(None)
    assert KEY not in repr(loaded) and KEY in loaded.secrets()
    assert (loaded.invite_days, loaded.telegram_bot_username) == (30, "union_bot")
    assert loaded.slack_match_email is False


def test_make_run_gives_env_a_key_once(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text((ROOT / ".env.example").read_text())
    script = [sys.executable, str(ROOT / "scripts" / "member-key"), str(env)]
    subprocess.run(script, check=True, capture_output=True, timeout=within(60))
    first = [k for k in env.read_text().splitlines() if k.startswith("MEMBER_KEY=")]
    assert len(first) == 1 and len(first[0]) == len("MEMBER_KEY=") + 64
    assert oct(os.stat(env).st_mode & 0o777) == "0o600"
    subprocess.run(script, check=True, capture_output=True, timeout=within(60))
    assert [k for k in env.read_text().splitlines() if k.startswith("MEMBER_KEY=")] == first
    other = tmp_path / "other.env"
    other.write_text("LOG_LEVEL=INFO")
    subprocess.run([*script[:2], str(other)], check=True, capture_output=True, timeout=within(60))
    assert other.read_text().startswith("LOG_LEVEL=INFO\nMEMBER_KEY=")
    assert "scripts/member-key .env" in (ROOT / "Makefile").read_text()


async def test_link_never_joins_two_membership_records(content: Content, clock: FixedClock) -> None:
    app, store = make_app(content, clock)
    await with_list(app, "A1001,dwp-leeds,", "B1002,dwp-leeds,")
    codes = await invite_codes(app, "A1001,dwp-leeds,", "B1002,dwp-leeds,")
    ann_slack = Identity(Platform.SLACK, "U0ANN")
    await say(app, ANN, f"/start {codes['A1001']}")
    await say(app, ann_slack, f"/join {codes['B1002']}")
    made = await say(app, ANN, "/link")
    refused = text_of(app, await say(app, ann_slack, f"/link {made.values['code']}"))
    assert "two different membership records" in refused
    assert await store.members.find(ANN) != await store.members.find(ann_slack)
