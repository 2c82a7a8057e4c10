"""The contract, continued: members' data behaves alike on memory, SQLite and PostgreSQL —
link codes, merging after /link, /mydata's export, /forget (after which every row of every
table is scanned for the member's ids) and retention."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.models import (
    AuditEntry,
    Ballot,
    BallotKind,
    Branch,
    Broadcast,
    BroadcastKind,
    ChatKind,
    Consultation,
    DeliveryState,
    Identity,
    InboxItem,
    InboxState,
    Outcome,
    Platform,
    Question,
    Role,
    RoleGrant,
    SignIn,
    SubscriptionState,
)
from bot.core.ports import Store
from bot.storage import tables
from bot.storage.erasure import EXPORT_SECTIONS
from bot.storage.memory import MemoryStore
from bot.storage.memory.data import column
from bot.storage.sql import SqlStore

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
TG, SLACK = Identity(Platform.TELEGRAM, "4400000001"), Identity(Platform.SLACK, "U0MERGE001")
OTHER = Identity(Platform.TELEGRAM, "999")
MEMBER_COLUMNS = {"member_id", "created_by", "requested_by"}
# The replicas' coordination (the leader's lease, the cluster's id, pacing budgets, each
# replica's heartbeat) is kept only in SQL: the in-memory store is one process. None of it
# names a member (tests/test_erasure.py fails for any table that does and has no step).
# Kept by the SQL store only: the memory store counts turnout from the banked rows.
SQL_ONLY = {"cluster", "leader", "pace", "workers", "ballot_turnout"}


async def dump(store: Store) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, as column values."""
    if isinstance(store, SqlStore):
        async with store.engine.connect() as conn:
            return {
                table.name: [dict(r) for r in (await conn.execute(select(table))).mappings()]
                for table in tables.metadata.sorted_tables
            }
    assert isinstance(store, MemoryStore)
    found: dict[str, list[dict[str, object]]] = {}
    for table in tables.metadata.sorted_tables:
        if table.name in SQL_ONLY:
            continue
        rows = store.data.table(table.name)
        names = [c for c in table.columns.keys() if _has(next(iter(rows.values()), None), c)]
        found[table.name] = [{c: column(row, c) for c in names} for row in rows.values()]
    return found


def _has(row: object, name: str) -> bool:
    try:
        column(row, name)
        return True
    except AttributeError:
        return False


async def scan(store: Store, needles: list[str], member_id: int) -> list[str]:
    """Where a needle or the member's id shows, in any column of any row."""
    found = []
    for table, rows in (await dump(store)).items():
        for row in rows:
            for name, value in row.items():
                text = json.dumps(value, default=str)
                if any(n in text for n in needles):
                    found.append(f"{table}.{name}: {text[:80]}")
                if name in MEMBER_COLUMNS and value == member_id:
                    found.append(f"{table}.{name} = member {member_id}")
    return found


async def link_deliveries(store: Store, channel_id: int, member_id: int) -> None:
    """Name the member on the deliveries to a channel (a column no repository writes yet)."""
    if isinstance(store, SqlStore):
        d = tables.deliveries
        async with store.engine.begin() as conn:
            query = d.update().where(d.c.channel_id == channel_id)
            await conn.execute(query.values(member_id=member_id))
        return
    assert isinstance(store, MemoryStore)
    rows = store.data.deliveries
    for key, row in rows.items():
        if row.channel_id == channel_id:
            rows[key] = replace(row, member_id=member_id)


@dataclass
class Footprint:
    one: int
    other: int
    consultation: int
    notice: int


async def footprint(store: Store) -> Footprint:
    """Two members who become one by /link, having used everything the store keeps."""
    await store.branches.upsert(Branch("dwp-leeds"))
    one, two, other = [(await store.members.get_or_create(i)).id for i in (TG, SLACK, OTHER)]
    await store.members.set_branch(two, "dwp-leeds")
    for member, role in ((one, Role.MEMBER), (two, Role.MEMBER), (two, Role.OFFICER)):
        await store.roles.grant(RoleGrant(member, role, "dwp-leeds"))
    assert await store.petitions.sign("p", one, "dwp-leeds")
    assert await store.petitions.sign("p", two, "dwp-leeds")
    assert await store.petitions.sign("q", two, None)
    asked = Consultation(0, "Q?", ("a", "b"), "general", NOW, NOW + timedelta(days=1))
    c = await store.consultations.open(replace(asked, created_by=two))
    assert await store.consultations.vote(c.id, two, None, 0)
    assert await store.consultations.vote(c.id, other, None, 1)
    ballot = Ballot("b", "B", BallotKind.POSTAL_ELECTION, NOW, NOW + timedelta(days=3))
    await store.ballots.upsert(ballot)
    assert await store.ballots.bank("b", two, "dwp-leeds", NOW)
    assert await store.reports.note("r", "dwp-leeds", two, NOW)
    notice = await _chats_and_messages(store, two)
    await store.audit.record(AuditEntry(NOW, str(SLACK), "/link", "linked", {"m": str(TG)}))
    done_to = {"who": str(TG), "m": "4400000001 said"}
    await store.audit.record(AuditEntry(NOW, "cli", "roles grant", "done", done_to, str(TG)))
    await store.audit.record(AuditEntry(NOW, str(OTHER), "x", "done", {}))
    await store.questions.add(Question(0, "dog?", NOW, TG, "dwp-leeds"))
    await store.questions.add(Question(0, "cat?", NOW, SLACK, "dwp-leeds"))
    await store.questions.add(Question(0, "owl?", NOW, OTHER, None))
    # Answered: who asked is cleared, but their words still say who they are.
    await store.questions.add(Question(0, "my manager in the Leeds VAT team?", NOW, TG, None))
    await store.questions.add(Question(0, "yak?", NOW, OTHER, None))
    assert await store.questions.answer(4, "Ask your rep.", NOW, faq=False)
    assert await store.questions.answer(5, "No.", NOW, faq=False)
    await store.privacy.issue_code(one, "h" * 64, NOW + timedelta(minutes=5))
    await _inbox(store)
    later = NOW + timedelta(hours=12)
    await store.dashboard.add_session("s" * 64, SignIn(one, str(TG), later), NOW)
    await store.dashboard.add_session("t" * 64, SignIn(two, str(SLACK), later), NOW)
    await store.dashboard.add_link("l" * 64, SignIn(two, str(SLACK), later))
    await store.privacy.merge(two, one)
    return Footprint(one, other, c.id, notice)


async def _inbox(store: Store) -> None:
    """An update of theirs still waiting (it holds their id and words), one of theirs already
    handled (nothing of it kept), and someone else's waiting."""
    theirs = {"message": {"from": {"id": int(TG.user_id)}, "text": "hello"}}
    await store.inbox.receive(InboxItem("telegram:1", "telegram:update", NOW, theirs), "w")
    await store.inbox.receive(InboxItem("telegram:2", "telegram:update", NOW, theirs), "w")
    await store.inbox.finish("telegram:2", InboxState.HANDLED, NOW)
    others = {"message": {"from": {"id": int(OTHER.user_id)}, "text": "hi"}}
    await store.inbox.receive(InboxItem("telegram:3", "telegram:update", NOW, others), "w")


async def _chats_and_messages(store: Store, member: int) -> int:
    """A DM seen before the member was known, a DM naming them, a group where they asked
    for subscriptions (one approved, one pending), and a notice about them to all three."""
    dm = await store.channels.upsert(Platform.TELEGRAM, TG.user_id, ChatKind.DM)
    dm2 = await store.channels.upsert(Platform.SLACK, "D1", ChatKind.DM, member_id=member)
    group = await store.channels.upsert(Platform.TELEGRAM, "-100", ChatKind.GROUP)
    subs = store.subscriptions
    await subs.add(dm.id, "dwp-leeds", "ballots", SubscriptionState.ACTIVE, member)
    await subs.add(group.id, "dwp-leeds", "pay", SubscriptionState.PENDING, member)
    await subs.add(group.id, "dwp-leeds", "ballots", SubscriptionState.ACTIVE, member)
    values = {"who": str(TG), "k": [TG.user_id]}
    notice = Broadcast(0, f"to {SLACK.user_id}", "b", "notice", created_at=NOW, created_by=member)
    made = await store.broadcasts.create(replace(notice, values=values))  # type: ignore[arg-type]
    await store.broadcasts.enqueue(made.id, [dm.id, dm2.id, group.id])
    await link_deliveries(store, group.id, member)
    # The answer to their question, by DM (their words in it), and a notice to the group too.
    answer = {"question": "my manager in the Leeds VAT team?", "answer": "Ask your rep."}
    for values, chats in ((answer, [dm.id]), ({"x": "y"}, [dm2.id, group.id])):
        sent = Broadcast(0, "n", "", "notice", created_at=NOW, kind=BroadcastKind.NOTICE)
        sent = replace(sent, values=values)
        await store.broadcasts.enqueue((await store.broadcasts.create(sent)).id, chats)
    return made.id


async def test_a_link_code_is_used_once(store: Store) -> None:
    member = (await store.members.get_or_create(TG)).id
    await store.privacy.issue_code(member, "a" * 64, NOW + timedelta(minutes=5))
    await store.privacy.issue_code(member, "b" * 64, NOW + timedelta(minutes=5))
    assert await store.privacy.redeem_code("a" * 64, NOW) is None  # replaced by the second
    assert await store.privacy.redeem_code("b" * 64, NOW) == member
    assert await store.privacy.redeem_code("b" * 64, NOW) is None
    await store.privacy.issue_code(member, "c" * 64, NOW + timedelta(minutes=5))
    assert await store.privacy.redeem_code("c" * 64, NOW + timedelta(minutes=5)) is None


async def test_merge_keeps_one_of_each(store: Store) -> None:
    f = await footprint(store)
    merged = await store.members.get(f.one)
    assert merged is not None and set(merged.identities) == {TG, SLACK}
    assert merged.branch == "dwp-leeds"  # taken from the merged member, who had one
    assert await store.members.find(SLACK) == merged
    assert [(g.role, g.branch) for g in await store.roles.for_member(f.one)] == [
        (Role.MEMBER, "dwp-leeds"),
        (Role.OFFICER, "dwp-leeds"),
    ]
    assert await store.petitions.counts("p") == {"dwp-leeds": 1}
    assert await store.petitions.has_signed("q", f.one)
    assert await store.consultations.choice_of(f.consultation, f.one) == 0
    assert (await store.consultations.get(f.consultation)).created_by == f.one  # type: ignore[union-attr]
    assert (await store.broadcasts.get(f.notice)).created_by == f.one  # type: ignore[union-attr]
    assert await store.ballots.banked("b") == {"dwp-leeds": 1}


async def test_export_shows_everything(store: Store) -> None:
    f = await footprint(store)
    held = await store.privacy.export(f.one)
    assert list(held) == ["member", "identities", *EXPORT_SECTIONS]
    member = held.pop("member")
    assert isinstance(member, dict) and (member["id"], member["branch"]) == (f.one, "dwp-leeds")
    assert datetime.fromisoformat(member["first_seen"]).utcoffset() == timedelta(0)
    at = NOW.isoformat()
    rows = {k: sorted(v, key=json.dumps) for k, v in held.items()}  # type: ignore[call-overload]
    assert rows == {
        "identities": ["slack:U0MERGE001", "telegram:4400000001"],
        "roles": [
            {"role": "member", "branch": "dwp-leeds"},
            {"role": "officer", "branch": "dwp-leeds"},
        ],
        "direct_message_chats": [
            {"platform": "slack", "kind": "dm", "state": "active"},
            {"platform": "telegram", "kind": "dm", "state": "active"},
        ],
        "subscriptions_you_asked_for": [
            {"branch": "dwp-leeds", "topic": "ballots", "state": "active"},
            {"branch": "dwp-leeds", "topic": "ballots", "state": "active"},
            {"branch": "dwp-leeds", "topic": "pay", "state": "pending"},
        ],
        "messages_to_you": [{"state": "pending", "count": 5}],
        "ballots_you_said_you_voted_in": [{"ballot": "b", "at": at}],
        "petitions_you_signed": [{"petition": "p"}, {"petition": "q"}],
        "consultation_votes": [{"consultation": f.consultation, "question": "Q?", "choice": 0}],
        "reports_your_branch_noted": [{"report": "r", "branch": "dwp-leeds", "at": at}],
        "questions_waiting": [
            {"id": 1, "text": "dog?", "asked_at": at},
            {"id": 2, "text": "cat?", "asked_at": at},
        ],
        "questions_answered": [
            {
                "id": 4,
                "text": "my manager in the Leeds VAT team?",
                "asked_at": at,
                "answer": "Ask your rep.",
                "answered_at": at,
            }
        ],
        "link_codes_waiting": [{"expires_at": (NOW + timedelta(minutes=5)).isoformat()}],
        "dashboard_sign_ins": [
            {
                "identity": str(TG),
                "created_at": at,
                "expires_at": (NOW + timedelta(hours=12)).isoformat(),
            }
        ],
        "membership_record": [],  # see tests/test_store_contract_membership.py
        "invite_codes": [],
        "join_requests_waiting": [],
        "audit_entries": [{"at": at, "action": "/link", "outcome": "linked"}],
    }
    assert await store.privacy.export(999) == {}


async def test_forget_leaves_no_trace_but_the_counts(store: Store) -> None:
    f = await footprint(store)
    needles = [TG.user_id, SLACK.user_id, "Leeds VAT"]  # and their own words
    assert await scan(store, needles, f.one)  # the scan does see them before
    touched = await store.privacy.forget(f.one, [str(TG), str(SLACK)], "forgotten:abc")
    assert touched == {
        "deliveries": 5,  # to their two DMs (three notices), one not yet sent naming them
        "subscriptions": 3,  # of their DM; the one pending; the one approved (anonymised)
        "channels": 2,
        "petition_signatures": 2,
        "consultation_votes": 1,
        "report_acks": 1,
        "consultations": 1,
        "broadcasts": 3,  # created by them; mentioning them; the answer to them alone
        "ballot_banked": 1,
        "link_codes": 1,
        "dashboard_sessions": 1,  # theirs; the merged member's went with the merge
        "roles": 2,
        "questions": 3,  # two waiting, one answered
        "audit_log": 2,
        "inbox": 1,
        "identities": 2,
        "members": 1,
    }
    assert await scan(store, needles, f.one) == []
    assert await store.members.get(f.one) is None and await store.privacy.export(f.one) == {}
    assert await store.petitions.counts("p") == {"dwp-leeds": 1}
    assert await store.petitions.counts("q") == {None: 1}
    tally = sorted((t.choice, t.votes) for t in await store.consultations.tally(f.consultation))
    assert tally == [(0, 1), (1, 1)]
    assert await store.reports.noted("r") == {"dwp-leeds": NOW}
    assert [(e.actor, e.subject, e.detail) for e in await store.audit.recent()] == [
        (str(OTHER), None, {}),
        ("cli", "forgotten:abc", {"who": "forgotten:abc", "m": "forgotten:abc said"}),
        ("forgotten:abc", None, {"m": "forgotten:abc"}),
    ]
    notice = await store.broadcasts.get(f.notice)
    assert notice is not None and notice.title == "to forgotten:abc"
    assert notice.values == {"who": "forgotten:abc", "k": ["forgotten:abc"]}
    assert await store.deliveries.for_broadcast(f.notice) == []
    # The other member is untouched.
    other = await store.members.find(OTHER)
    assert other is not None and other.id == f.other
    assert await store.consultations.choice_of(f.consultation, f.other) == 1
    assert [q.text for q in await store.questions.open()] == ["owl?"]
    asked = await store.questions.asked_since(NOW)
    assert [(q.text, q.asker, q.answer) for q in asked] == [
        ("owl?", OTHER, None),
        ("yak?", None, "No."),
    ]


async def test_forget_without_identities_still_erases_the_member(store: Store) -> None:
    member = (await store.members.get_or_create(TG)).id
    await store.roles.grant(RoleGrant(member, Role.MEMBER, None))
    await store.audit.record(AuditEntry(NOW, str(TG), "/start", "done", {}))
    touched = await store.privacy.forget(member, [], "forgotten:abc")
    assert touched == {"roles": 1, "identities": 1, "members": 1}
    assert [e.actor for e in await store.audit.recent()] == [str(TG)]  # nothing to look for


async def test_retention_unlinks_settled_deliveries_only(store: Store) -> None:
    member = (await store.members.get_or_create(Identity(Platform.SLACK, "U0KEEP0001"))).id
    rooms = [
        (await store.channels.upsert(Platform.SLACK, f"C0ROOM000{i}", ChatKind.CHANNEL)).id
        for i in (1, 2)
    ]
    sent = await store.broadcasts.create(Broadcast(0, "t", "b", "pay", created_at=NOW))
    await store.broadcasts.enqueue(sent.id, rooms)
    for room in rooms:
        await link_deliveries(store, room, member)
    first, _ = await store.deliveries.claim(Platform.SLACK, NOW, 10)
    old = NOW - timedelta(days=40)
    await store.deliveries.apply([Outcome(first.delivery.id, DeliveryState.SENT, at=old)])
    assert await store.privacy.expire_delivery_links(NOW - timedelta(days=30)) == 1
    assert await store.privacy.expire_delivery_links(NOW - timedelta(days=30)) == 0
    after = await store.deliveries.for_broadcast(sent.id)
    assert [(d.state, d.member_id) for d in after] == [
        (DeliveryState.SENT, None),
        (DeliveryState.SENDING, member),  # not settled: it keeps its link
    ]
