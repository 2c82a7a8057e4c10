"""Everything the store holds about one member, table by table (/mydata)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, false, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import ChatKind
from bot.storage import tables as t
from bot.storage.erasure import EXPORT_SECTIONS, MEMBERSHIP_RECORD, Askers


async def own_chats(conn: AsyncConnection, member_id: int) -> list[int]:
    """A member's direct-message chats: those that name them, and the DMs of their
    identities (a DM seen before the member was known)."""
    c, i = t.channels.c, t.identities.c
    own = select(i.platform, i.user_id).where(i.member_id == member_id)
    mine = [tuple(r) for r in await conn.execute(own)]
    clauses = [c.member_id == member_id]
    clauses += [and_(c.kind == ChatKind.DM.value, c.platform == p, c.chat_id == u) for p, u in mine]
    return [int(r[0]) for r in await conn.execute(select(c.id).where(or_(*clauses)))]


async def export_member(conn: AsyncConnection, member_id: int, askers: Askers) -> dict[str, object]:
    """Each section a list of rows (times in ISO 8601); {} for a member not known."""
    m, i = t.members.c, t.identities.c
    member = (await conn.execute(select(t.members).where(m.id == member_id))).first()
    if member is None:
        return {}
    query = select(i.platform, i.user_id).where(i.member_id == member_id)
    ids = sorted(f"{p}:{u}" for p, u in await conn.execute(query))
    chats = await own_chats(conn, member_id)
    held: dict[str, object] = {
        "member": {
            "id": member.id,
            "branch": member.branch,
            "first_seen": member.created_at.isoformat(),
        },
        "identities": ids,
    }
    queries = _own_rows(member_id) | _rows_about(member_id, chats, ids, askers)
    for section in EXPORT_SECTIONS:
        held[section] = await _rows(conn, queries[section])
    return held


async def _rows(conn: AsyncConnection, query: Select[Any]) -> list[dict[str, object]]:
    return [
        {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in r.items()}
        for r in (await conn.execute(query)).mappings()
    ]


def _own_rows(member_id: int) -> dict[str, Select[Any]]:
    """Rows that carry the member's id."""
    r, b, p = t.roles.c, t.ballot_banked.c, t.petition_signatures.c
    v, c, a = t.consultation_votes.c, t.consultations.c, t.report_acks.c
    return {
        "roles": select(r.role, r.branch).where(r.member_id == member_id),
        "ballots_you_said_you_voted_in": select(b.ballot, b.at).where(b.member_id == member_id),
        "petitions_you_signed": select(p.petition).where(p.member_id == member_id),
        "consultation_votes": select(c.id.label("consultation"), c.question, v.choice)
        .join(t.consultations, c.id == v.consultation)
        .where(v.member_id == member_id),
        "reports_your_branch_noted": select(a.report, a.branch, a.at).where(
            a.member_id == member_id
        ),
        "link_codes_waiting": select(t.link_codes.c.expires_at).where(
            t.link_codes.c.member_id == member_id
        ),
        "dashboard_sign_ins": select(
            t.dashboard_sessions.c.identity,
            t.dashboard_sessions.c.created_at,
            t.dashboard_sessions.c.expires_at,
        ).where(t.dashboard_sessions.c.member_id == member_id),
        **_membership_rows(member_id),
    }


def _membership_rows(member_id: int) -> dict[str, Select[Any]]:
    listed, invites, joins = t.membership_list.c, t.invites.c, t.join_requests.c
    return {
        "membership_record": select(
            literal(MEMBERSHIP_RECORD).label("record"), listed.branch
        ).where(listed.member_id == member_id),
        "invite_codes": select(invites.expires_at, invites.used_on).where(
            invites.member_id == member_id
        ),
        "join_requests_waiting": select(joins.branch, joins.requested_at).where(
            joins.member_id == member_id
        ),
    }


def _rows_about(
    member_id: int, chats: list[int], ids: list[str], askers: Askers
) -> dict[str, Select[Any]]:
    """Rows found through the member's chats or identities."""
    c, s, d = t.channels.c, t.subscriptions.c, t.deliveries.c
    q, log = t.questions.c, t.audit_log.c
    pairs = [tuple(x.split(":", 1)) for x in ids]
    return {
        "direct_message_chats": select(c.platform, c.kind, c.state).where(c.id.in_(chats)),
        "subscriptions_you_asked_for": select(s.branch, s.topic, s.state).where(
            or_(s.requested_by == member_id, s.channel_id.in_(chats))
        ),
        "messages_to_you": select(d.state, func.count().label("count"))
        .where(or_(d.member_id == member_id, d.channel_id.in_(chats)))
        .group_by(d.state),
        "questions_waiting": select(q.id, q.text, q.asked_at).where(
            or_(*(and_(q.platform == p, q.user_id == u) for p, u in pairs), false())
        ),
        "questions_answered": select(q.id, q.text, q.asked_at, q.answer, q.answered_at)
        .where(q.platform.is_(None), q.user_id.in_(askers.found_by(ids)))
        .order_by(q.id),
        "audit_entries": select(log.at, log.action, log.outcome)
        .where(log.actor.in_(ids))
        .order_by(log.id),
    }
