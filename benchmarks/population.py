"""A union's worth of rows, generated and bulk-loaded into a migrated database.

Used by `python -m benchmarks --scale large` (1,500,000 members) and, at a small size, by
tests/test_query_plans.py. SQLite gets the rows through sqlite3's executemany in one
transaction; PostgreSQL through asyncpg's COPY. The schema always comes from the migrations.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

TOPICS = ("pay", "ballots", "petitions", "reports", "equality", "health", "pensions", "general")
NATIONAL_BALLOT = "national-pay-ballot"
# The handled updates' ids start here. The Telegram stand-in counts its own from 10,000, so
# with ids from 0 the question `run_rss` asks the bot on a large union (300,000 updates) was
# taken for one already handled, ignored, and the run ended "did not answer a question".
FIRST_HANDLED_UPDATE = 1_000_000_000
# The union as it stands when generated: `campaign-bot run` (peak and idle RSS) runs on the
# real clock, so a fixed date would make every reminder planned after it fall due as the
# day goes on, and the bot would queue and send them all while its memory is measured.
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Sizes:
    members: int
    branches: int
    channels: int  # Telegram groups, Slack channels, and members' DMs
    past_broadcasts: int  # each delivered to every channel: settled deliveries to look past
    ballots: int  # branch ballots, 8 reminders each, besides the national one
    inbox: int  # handled updates (payload dropped)
    audit: int  # audit rows, members' actions

    @property
    def groups(self) -> int:
        return max(self.channels // 25, 1)

    @property
    def slack_channels(self) -> int:
        return max(self.channels // 50, 1)

    @property
    def dms(self) -> int:
        return self.channels - self.groups - self.slack_channels


LARGE = Sizes(1_500_000, 1_000, 50_000, 10, 200, 150_000, 300_000)
SMOKE = Sizes(3_000, 20, 600, 2, 10, 100, 100)  # the same run in seconds, for its test
PLANS = Sizes(20_000, 100, 20_000, 3, 300, 20_000, 20_000)


def branch(n: int, sizes: Sizes) -> str:
    return f"branch-{n % sizes.branches:04d}"


def identity(member: int) -> tuple[str, str]:
    """(platform, user id) of a member's one account: two in three on Telegram."""
    if member % 3:
        return "telegram", str(5_000_000_000 + member)
    return "slack", f"U{member:09d}"


def dm_member(j: int, sizes: Sizes) -> int:
    """The member whose DM is the j-th (0-based): spread evenly over the members."""
    return 1 + j * (sizes.members // max(sizes.dms, 1))


def channel_rows(sizes: Sizes) -> Iterator[tuple[Any, ...]]:
    """(id, platform, chat_id, kind, title, state, member_id, thread)."""
    for n in range(1, sizes.groups + 1):
        yield n, "telegram", f"-100{n:010d}", "group", f"group {n}", "active", None, ""
    for n in range(1, sizes.slack_channels + 1):
        yield sizes.groups + n, "slack", f"C{n:09d}", "channel", f"#ch{n}", "active", None, ""
    first_dm = sizes.groups + sizes.slack_channels + 1
    for j in range(sizes.dms):
        member = dm_member(j, sizes)
        platform, user = identity(member)
        chat = user if platform == "telegram" else f"D{member:09d}"
        yield first_dm + j, platform, chat, "dm", None, "active", member, ""


def channel_platform(channel: int, sizes: Sizes) -> tuple[str, int | None]:
    """(platform, member id of a DM) of a channel id."""
    if channel <= sizes.groups:
        return "telegram", None
    if channel <= sizes.groups + sizes.slack_channels:
        return "slack", None
    member = dm_member(channel - sizes.groups - sizes.slack_channels - 1, sizes)
    return identity(member)[0], member


def subscription_rows(sizes: Sizes) -> Iterator[tuple[Any, ...]]:
    """(id, channel_id, branch, topic, state): every channel takes pay, and some more."""
    n = 0
    for channel in range(1, sizes.channels + 1):
        owner = channel_platform(channel, sizes)[1]
        where = branch(owner if owner is not None else channel, sizes)
        for topic in TOPICS[: 1 + channel % 4] if channel % 97 else TOPICS:
            n += 1
            yield n, channel, where, topic, "active"


def delivery_rows(sizes: Sizes) -> Iterator[tuple[Any, ...]]:
    """Past broadcasts, delivered: (id, broadcast_id, channel_id, platform, member_id,
    state, attempts, ambiguous, updated_at, sent_at)."""
    n = 0
    for b in range(1, sizes.past_broadcasts + 1):
        at = NOW - timedelta(days=7 * b)
        for channel in range(1, sizes.channels + 1):
            platform, member = channel_platform(channel, sizes)
            n += 1
            state = "sent" if channel % 50 else "blocked"
            yield n, b, channel, platform, member, state, 1, False, at, at


def table_rows(sizes: Sizes) -> Iterator[tuple[str, tuple[str, ...], Iterable[tuple[Any, ...]]]]:
    """(table, columns, rows) in an order the foreign keys accept."""
    m, b = sizes.members, sizes.branches
    names = [f"branch-{n:04d}" for n in range(b)]
    yield (
        "branches",
        ("name", "group_name", "title"),
        ((name, f"group-{n % 40:02d}", f"Branch {n}") for n, name in enumerate(names)),
    )
    yield (
        "members",
        ("id", "branch", "created_at"),
        ((i, branch(i, sizes), NOW) for i in range(1, m + 1)),
    )
    yield (
        "identities",
        ("platform", "user_id", "member_id"),
        ((*identity(i), i) for i in range(1, m + 1)),
    )
    yield (
        "roles",
        ("id", "member_id", "role", "branch"),
        ((i, i, "member", branch(i, sizes)) for i in range(1, m + 1)),
    )
    yield (
        "channels",
        ("id", "platform", "chat_id", "kind", "title", "state", "member_id", "thread"),
        channel_rows(sizes),
    )
    yield (
        "subscriptions",
        ("id", "channel_id", "branch", "topic", "state"),
        subscription_rows(sizes),
    )
    yield from _broadcast_tables(sizes)
    yield from _ballot_tables(sizes, names)
    yield from _member_actions(sizes)


def _broadcast_tables(
    sizes: Sizes,
) -> Iterator[tuple[str, tuple[str, ...], Iterable[tuple[Any, ...]]]]:
    cols: tuple[str, ...] = ("id", "kind", "title", "body", "topic", "template_values")
    cols += ("buttons", "branches")
    cols += ("state", "created_at")
    yield "broadcasts", cols, (
        (n, "broadcast", f"Pay update {n}", "Our pay claim.", "pay", "{}", "[]", "[]", "done",
         NOW - timedelta(days=7 * n))
        for n in range(1, sizes.past_broadcasts + 1)
    )  # fmt: skip
    cols = ("id", "broadcast_id", "channel_id", "platform", "member_id", "state", "attempts")
    yield "deliveries", (*cols, "ambiguous", "updated_at", "sent_at"), delivery_rows(sizes)


def _ballot_tables(
    sizes: Sizes, names: list[str]
) -> Iterator[tuple[str, tuple[str, ...], Iterable[tuple[Any, ...]]]]:
    ballots = [NATIONAL_BALLOT, *(f"branch-ballot-{n}" for n in range(sizes.ballots))]
    cols = ("name", "title", "kind", "opens_at", "closes_at", "scope_branches")
    yield "ballots", (*cols, "turnout_threshold", "posting_days", "cancelled"), (
        (name, name, "statutory_postal", NOW - timedelta(days=10), NOW + timedelta(days=20),
         "[]", 0.5, 2, False)
        for name in ballots
    )  # fmt: skip
    per_branch = sizes.members // sizes.branches
    yield (
        "ballot_electorate",
        ("ballot", "branch", "eligible"),
        ((NATIONAL_BALLOT, name, per_branch) for name in names),
    )
    # Two in five members have said they voted in the national ballot.
    yield (
        "ballot_banked",
        ("ballot", "member_id", "branch", "at"),
        (
            (NATIONAL_BALLOT, i, branch(i, sizes), NOW)
            for i in range(1, sizes.members + 1)
            if i % 5 < 2
        ),
    )
    # One in five in a branch ballot each (few per ballot: a turnout query must not scan).
    yield (
        "ballot_banked",
        ("ballot", "member_id", "branch", "at"),
        (
            (ballots[1 + i % sizes.ballots], i, branch(i, sizes), NOW)
            for i in range(1, sizes.members + 1)
            if i % 5 == 2
        ),
    )
    yield "ballot_turnout", ("ballot", "branch", "banked"), _turnout(sizes)
    kinds = [f"k{n}" for n in range(8)]
    yield (
        "reminders",
        ("id", "ballot", "kind", "fire_at", "state"),
        (
            (n * 8 + k + 1, name, kinds[k], NOW + timedelta(days=1, hours=n + k), "planned")
            for n, name in enumerate(ballots[1:])
            for k in range(8)
        ),
    )


def _turnout(sizes: Sizes) -> Iterator[tuple[str, str, int]]:
    """The counts of the banked rows above, by ballot and branch."""
    ballots = [NATIONAL_BALLOT, *(f"branch-ballot-{n}" for n in range(sizes.ballots))]
    counts: dict[tuple[str, str], int] = {}
    for i in range(1, sizes.members + 1):
        if i % 5 <= 2:
            key = (ballots[0] if i % 5 < 2 else ballots[1 + i % sizes.ballots], branch(i, sizes))
            counts[key] = counts.get(key, 0) + 1
    for (ballot, name), count in sorted(counts.items()):
        yield ballot, name, count


def number_hash(member: int) -> str:
    """A stand-in for the keyed hash of a membership number (64 hex digits)."""
    return hashlib.sha256(b"number:%d" % member).hexdigest()


def _membership(
    sizes: Sizes,
) -> Iterator[tuple[str, tuple[str, ...], Iterable[tuple[Any, ...]]]]:
    """Every member on the list (four in five linked to their chat accounts, half with an
    email); one in five holding an invite not used yet."""
    m = sizes.members
    yield "membership_list", ("number_hash", "branch", "email_hash", "member_id"), (
        (number_hash(i), branch(i, sizes), number_hash(-i) if i % 2 else None,
         i if i % 5 else None)
        for i in range(1, m + 1)
    )  # fmt: skip
    yield (
        "invites",
        ("code_hash", "number_hash", "expires_at", "used_on", "member_id"),
        (
            (number_hash(10 * m + i), number_hash(i), NOW + timedelta(days=30), "", None)
            for i in range(5, m + 1, 5)
        ),
    )


def _member_actions(
    sizes: Sizes,
) -> Iterator[tuple[str, tuple[str, ...], Iterable[tuple[Any, ...]]]]:
    m = sizes.members
    yield from _membership(sizes)
    yield (
        "petition_signatures",
        ("id", "petition", "member_id", "branch"),
        ((i, "pay-petition", i, branch(i, sizes)) for i in range(1, m + 1, 4)),
    )
    yield (
        "inbox",
        ("key", "source", "received_at", "state", "handled_at", "attempts"),
        (
            (f"telegram:{FIRST_HANDLED_UPDATE + n}", "telegram", NOW, "handled", NOW, 0)
            for n in range(sizes.inbox)
        ),
    )
    yield (
        "audit_log",
        ("id", "at", "actor", "action", "outcome", "detail", "subject_identity"),
        (_audit_row(n, m) for n in range(1, sizes.audit + 1)),
    )


def _audit_row(n: int, m: int) -> tuple[object, ...]:
    """Members' /voted, and one entry in 50 an officer's role granted to a member."""
    who = ":".join(identity(1 + n * 7 % m))
    if n % 50:
        return n, NOW, who, "/voted", "done", json.dumps({"ballot": NATIONAL_BALLOT}), None
    detail = json.dumps({"who": who, "role": "officer", "branch": ""})
    return n, NOW, "cli", "roles grant", "done", detail, who


async def populate(
    url: str, sizes: Sizes, report: Callable[[str, int], None] | None = None
) -> None:
    """Load every table's rows into the (migrated, empty) database at `url`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        await asyncio.to_thread(_populate_sqlite, str(parsed.database), sizes, report)
    else:
        await _populate_postgres(url, sizes, report)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    return value


def _populate_sqlite(path: str, sizes: Sizes, report: Callable[[str, int], None] | None) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        for table, columns, rows in table_rows(sizes):
            marks = ", ".join("?" for _ in columns)
            # Table and column names are this module's own constants, never input.
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
            cursor = conn.executemany(sql, (tuple(map(_sqlite_value, r)) for r in rows))
            if report is not None:
                report(table, cursor.rowcount)
        conn.execute("COMMIT")
        _settle_sqlite(conn)
    finally:
        conn.close()


def _settle_sqlite(conn: sqlite3.Connection) -> None:
    """A database as it runs, not as a bulk load leaves it: the write-ahead log (gigabytes
    of it at the large size) folded into the file, so the next write does not pay for that,
    and statistics gathered for the planner (sampled, as `PRAGMA optimize` would)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA analysis_limit=1000")
    conn.execute("ANALYZE")


async def _populate_postgres(
    url: str, sizes: Sizes, report: Callable[[str, int], None] | None
) -> None:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            for table, columns, rows in table_rows(sizes):
                result = await conn.copy_records_to_table(
                    table, records=rows, columns=list(columns)
                )
                if report is not None:
                    report(table, int(result.split()[-1]))
            for table in ("members", "roles", "channels", "subscriptions", "broadcasts"):
                await _advance_sequence(conn, table)
            for table in ("deliveries", "reminders", "petition_signatures", "audit_log"):
                await _advance_sequence(conn, table)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def _advance_sequence(conn: asyncpg.Connection, table: str) -> None:
    """COPY with explicit ids leaves the id sequence at 1: move it past them."""
    last = f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"  # noqa: S608 (our own names)
    await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), ({last}), false)")
