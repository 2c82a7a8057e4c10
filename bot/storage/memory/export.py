"""Everything the memory store holds about one member (/mydata), shaped as the SQL store
shapes it: each section a list of rows, times in ISO 8601."""

from __future__ import annotations

from datetime import datetime

from bot.core.models import ChatKind
from bot.storage.erasure import EXPORT_SECTIONS, MEMBERSHIP_RECORD, Askers
from bot.storage.memory.data import Data, column

Rows = list[dict[str, object]]


def own_chats(data: Data, member_id: int) -> list[int]:
    """A member's direct-message chats: those that name them, and the DMs of their
    identities (a DM seen before the member was known)."""
    mine = {(r.platform, r.user_id) for r in data.identities.values() if r.member_id == member_id}
    return [
        c.id
        for c in data.channels.values()
        if c.member_id == member_id
        or (c.kind is ChatKind.DM and (c.platform.value, c.chat_id) in mine)
    ]


def export_member(data: Data, member_id: int, askers: Askers) -> dict[str, object]:
    member = data.members.get(member_id)
    if member is None:
        return {}
    mine = [r for r in data.identities.values() if r.member_id == member_id]
    ids = sorted(f"{r.platform}:{r.user_id}" for r in mine)
    chats = own_chats(data, member_id)
    held: dict[str, object] = {
        "member": {
            "id": member.id,
            "branch": member.branch,
            "first_seen": member.created_at.isoformat(),
        },
        "identities": ids,
    }
    sections = _own_rows(data, member_id) | _rows_about(data, member_id, chats, ids, askers)
    return held | {name: sections[name] for name in EXPORT_SECTIONS}


def _pick(row: object, *names: str) -> dict[str, object]:
    values = {name: column(row, name) for name in names}
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}


def _own_rows(data: Data, member_id: int) -> dict[str, Rows]:
    """Rows that carry the member's id."""

    def mine(table: str, *names: str) -> Rows:
        rows = data.table(table).values()
        return [_pick(r, *names) for r in rows if r.member_id == member_id]

    votes = [v for v in data.consultation_votes.values() if v.member_id == member_id]
    mine_listed = [r for r in data.membership_list.values() if r.member_id == member_id]
    return {
        "roles": mine("roles", "role", "branch"),
        "ballots_you_said_you_voted_in": mine("ballot_banked", "ballot", "at"),
        "petitions_you_signed": mine("petition_signatures", "petition"),
        "consultation_votes": [
            {"consultation": c.id, "question": c.question, "choice": v.choice}
            for v in votes
            if (c := data.consultations.get(v.consultation)) is not None
        ],
        "reports_your_branch_noted": mine("report_acks", "report", "branch", "at"),
        "link_codes_waiting": mine("link_codes", "expires_at"),
        "dashboard_sign_ins": mine("dashboard_sessions", "identity", "created_at", "expires_at"),
        "membership_record": [
            {"record": MEMBERSHIP_RECORD, "branch": r.branch} for r in mine_listed
        ],
        "invite_codes": mine("invites", "expires_at", "used_on"),
        "join_requests_waiting": mine("join_requests", "branch", "requested_at"),
    }


def _rows_about(
    data: Data, member_id: int, chats: list[int], ids: list[str], askers: Askers
) -> dict[str, Rows]:
    """Rows found through the member's chats or identities."""
    subs = data.subscriptions.values()
    sent = [
        d.state.value
        for d in data.deliveries.values()
        if d.member_id == member_id or d.channel_id in chats
    ]
    asked = [q for q in data.questions.values() if f"{q.platform}:{q.user_id}" in ids]
    hashed = set(askers.found_by(ids))
    answered = [
        q for _, q in sorted(data.questions.items()) if q.platform is None and q.user_id in hashed
    ]
    return {
        "direct_message_chats": [
            _pick(data.channels[c], "platform", "kind", "state") for c in chats
        ],
        "subscriptions_you_asked_for": [
            _pick(s, "branch", "topic", "state")
            for s in subs
            if s.requested_by == member_id or s.channel_id in chats
        ],
        "messages_to_you": [{"state": s, "count": sent.count(s)} for s in dict.fromkeys(sent)],
        "questions_waiting": [_pick(q, "id", "text", "asked_at") for q in asked],
        "questions_answered": [
            _pick(q, "id", "text", "asked_at", "answer", "answered_at") for q in answered
        ],
        "audit_entries": [
            _pick(e, "at", "action", "outcome")
            for _, e in sorted(data.audit_log.items())
            if e.actor in ids
        ],
    }
