"""What becomes of a member's rows, table by table: when they are forgotten (/forget), and
when they are merged into another member (after /link).

Both are plain data, executed step by step in one transaction by the SQL store
(bot/storage/sql/privacy.py) and the memory store (bot/storage/memory/privacy.py).
tests/test_erasure.py reads the SQLAlchemy metadata and fails if a table that refers to a
member has no step here, so a new table cannot be forgotten by /forget.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.models import DeliveryState, InboxState, SubscriptionState


class Finds(enum.Enum):
    """How a step finds the member's rows through its column."""

    MEMBER = "the column holds their member id"
    OWN_CHAT = (
        "the row is one of their direct-message chats: the column holds their member id, or "
        "it is a DM whose (platform, chat_id) is one of their identities"
    )
    IN_OWN_CHAT = "the column holds the id of one of their direct-message chats"
    OWN_NOTICE = (
        "the row is a notice sent to their direct-message chats and to no other (an answer "
        "to their question, holding their words), found before any step runs"
    )
    IDENTITY = "the column holds one of their identities, written PLATFORM:USER_ID"
    IDENTITY_PAIR = "(the row's platform, the column) is one of their identities"
    MENTION = "the column's text or JSON mentions one of their identities or user ids"
    ASKER = "the row's platform is NULL and the column holds an Askers pseudonym of an identity"


class Does(enum.Enum):
    """What a step does to the rows it finds."""

    DELETE = "delete the row"
    ANONYMISE = "set the column to NULL and keep the row: it still counts, for no one"
    PSEUDONYMISE = "replace their identities in the column by the pseudonym"


@dataclass(frozen=True)
class Step:
    table: str
    column: str
    finds: Finds
    does: Does
    only: tuple[str, frozenset[str]] | None = None
    """(column, values): only the rows whose column holds one of these values."""
    also: tuple[str, ...] = ()
    """More text or JSON columns of the same rows that may mention them: a row is found too
    when one of these does, and these are pseudonymised on every row the step touches."""
    scrubs: tuple[str, ...] = ()
    """More text or JSON columns pseudonymised on the rows found through `column` alone
    (never searched: that would read the whole table)."""


_UNSETTLED = frozenset(s.value for s in DeliveryState if not s.settled)
_PENDING = frozenset({SubscriptionState.PENDING.value})
_WAITING = frozenset({InboxState.RECEIVED.value})  # a handled row's payload is gone

FORGET: tuple[Step, ...] = (
    # Their direct-message chats go, with everything sent or subscribed there.
    Step("deliveries", "channel_id", Finds.IN_OWN_CHAT, Does.DELETE),
    Step("broadcasts", "id", Finds.OWN_NOTICE, Does.DELETE),
    Step("subscriptions", "channel_id", Finds.IN_OWN_CHAT, Does.DELETE),
    Step("channels", "member_id", Finds.OWN_CHAT, Does.DELETE),
    # A message not sent yet is not sent; one sent stays in its broadcast's report.
    Step("deliveries", "member_id", Finds.MEMBER, Does.DELETE, only=("state", _UNSETTLED)),
    Step("deliveries", "member_id", Finds.MEMBER, Does.ANONYMISE),
    # A request no officer has approved goes; an approved subscription belongs to its chat.
    Step("subscriptions", "requested_by", Finds.MEMBER, Does.DELETE, only=("state", _PENDING)),
    Step("subscriptions", "requested_by", Finds.MEMBER, Does.ANONYMISE),
    # Signatures, votes and acknowledgements stay in the totals, for no one.
    Step("petition_signatures", "member_id", Finds.MEMBER, Does.ANONYMISE),
    Step("consultation_votes", "member_id", Finds.MEMBER, Does.ANONYMISE),
    Step("report_acks", "member_id", Finds.MEMBER, Does.ANONYMISE),
    Step("consultations", "created_by", Finds.MEMBER, Does.ANONYMISE),
    Step("broadcasts", "created_by", Finds.MEMBER, Does.ANONYMISE),
    Step("ballot_banked", "member_id", Finds.MEMBER, Does.DELETE),
    Step("link_codes", "member_id", Finds.MEMBER, Does.DELETE),
    # Signed out of the dashboard everywhere, and their sign-in links no longer work.
    Step("dashboard_links", "member_id", Finds.MEMBER, Does.DELETE),
    Step("dashboard_sessions", "member_id", Finds.MEMBER, Does.DELETE),
    # The membership list is the union's: their record stays on it, linked to no one; their
    # invite code and any request to join go.
    Step("join_requests", "member_id", Finds.MEMBER, Does.DELETE),
    Step("invites", "member_id", Finds.MEMBER, Does.DELETE),
    Step("membership_list", "member_id", Finds.MEMBER, Does.ANONYMISE),
    Step("roles", "member_id", Finds.MEMBER, Does.DELETE),
    # Their questions go, waiting or answered (an answer keeps only a pseudonym of who asked).
    Step("questions", "user_id", Finds.IDENTITY_PAIR, Does.DELETE),
    Step("questions", "user_id", Finds.ASKER, Does.DELETE),
    # The record of what was done stays, done by or to a pseudonym. An entry names a member
    # in its detail only as its subject (AuditEntry.subject), so both are found by index.
    Step("audit_log", "actor", Finds.IDENTITY, Does.PSEUDONYMISE, scrubs=("detail",)),
    Step("audit_log", "subject_identity", Finds.IDENTITY, Does.PSEUDONYMISE, scrubs=("detail",)),
    Step("broadcasts", "title", Finds.MENTION, Does.PSEUDONYMISE, also=("template_values",)),
    # An update or event not yet handled holds their ids and words: it goes unhandled.
    Step("inbox", "payload", Finds.MENTION, Does.DELETE, only=("state", _WAITING)),
    Step("identities", "member_id", Finds.MEMBER, Does.DELETE),
    Step("members", "id", Finds.MEMBER, Does.DELETE),
)


class Moves(enum.Enum):
    """What a merge does with the merged member's rows in a table."""

    REPOINT = "point the row at the surviving member"
    REPOINT_UNLESS_HELD = (
        "point the row at the surviving member, unless they have one with the same key: "
        "then drop it (one signature, one vote, one banking per member)"
    )
    DROP = "delete the row"


@dataclass(frozen=True)
class MergeStep:
    table: str
    column: str
    moves: Moves
    key: tuple[str, ...] = ()
    """With REPOINT_UNLESS_HELD: the columns that, with the member, make a row unique."""


MERGE: tuple[MergeStep, ...] = (
    MergeStep("identities", "member_id", Moves.REPOINT),
    MergeStep("roles", "member_id", Moves.REPOINT_UNLESS_HELD, ("role", "branch")),
    MergeStep("ballot_banked", "member_id", Moves.REPOINT_UNLESS_HELD, ("ballot",)),
    MergeStep("petition_signatures", "member_id", Moves.REPOINT_UNLESS_HELD, ("petition",)),
    MergeStep("consultation_votes", "member_id", Moves.REPOINT_UNLESS_HELD, ("consultation",)),
    MergeStep("report_acks", "member_id", Moves.REPOINT),
    MergeStep("deliveries", "member_id", Moves.REPOINT),
    MergeStep("channels", "member_id", Moves.REPOINT),
    MergeStep("subscriptions", "requested_by", Moves.REPOINT),
    MergeStep("consultations", "created_by", Moves.REPOINT),
    MergeStep("broadcasts", "created_by", Moves.REPOINT),
    MergeStep("link_codes", "member_id", Moves.DROP),
    MergeStep("dashboard_links", "member_id", Moves.DROP),
    MergeStep("dashboard_sessions", "member_id", Moves.DROP),
    # Callers never merge two members linked to two records (the list holds one per person).
    MergeStep("membership_list", "member_id", Moves.REPOINT),
    MergeStep("invites", "member_id", Moves.REPOINT),
    MergeStep("join_requests", "member_id", Moves.REPOINT),
)
"""Then the surviving member takes the merged one's branch if they have none, and the
merged member's row goes."""


# What /mydata shows, section by section, after the member and their identities. A membership
# record shows as linked, never by its number (the store holds only its hash anyway).
MEMBERSHIP_RECORD = "linked to your membership record"
EXPORT_SECTIONS = (
    "roles",
    "direct_message_chats",
    "subscriptions_you_asked_for",
    "messages_to_you",
    "ballots_you_said_you_voted_in",
    "petitions_you_signed",
    "consultation_votes",
    "reports_your_branch_noted",
    "questions_waiting",
    "questions_answered",
    "link_codes_waiting",
    "dashboard_sign_ins",
    "membership_record",
    "invite_codes",
    "join_requests_waiting",
    "audit_entries",
)


@dataclass(frozen=True)
class Askers:
    """What an answered question keeps of who asked (PLATFORM:USER_ID) in place of it: a
    one-way pseudonym, so the answer cannot be traced back to them from the report, yet
    /forget and /mydata still find their words.

    Keyed (HMAC-SHA256 under MEMBER_KEY): chat user ids are small integers or short names,
    so an unkeyed hash of each could be computed for every id and matched against a copy of
    the database. Without MEMBER_KEY, and in answers stored before the key was used, the
    pseudonym is an unkeyed SHA-256: a pseudonym cannot be re-keyed, so the lookups try both.
    5 + 56 characters: the user_id column's width."""

    key: bytes | None = field(default=None, repr=False)

    def pseudonym(self, identity: str) -> str:
        return "asked" + _asker_digest(identity, self.key)

    def found_by(self, identities: Sequence[str]) -> list[str]:
        """Every pseudonym an answer to one of these identities may carry: keyed and not."""
        keys = (self.key, None) if self.key else (None,)
        return ["asked" + _asker_digest(i, k) for i in identities for k in keys]


def _asker_digest(identity: str, key: bytes | None) -> str:
    text = f"question-asker|{identity}".encode()
    if key is None:
        return hashlib.sha256(text).hexdigest()[:56]
    return hmac.digest(key, text, "sha256").hex()[:56]


def needles(identities: Sequence[str]) -> list[str]:
    """What a MENTION looks for: each identity and its bare user id, longest first (so an
    identity is replaced whole before its user id is)."""
    bare = (i.split(":", 1)[1] for i in identities if ":" in i)
    return sorted({*identities, *bare}, key=len, reverse=True)


def scrub(value: object, found: Sequence[str], pseudonym: str) -> object:
    """The value (text, or JSON made of lists and dicts) with every needle replaced."""
    if isinstance(value, str):
        for needle in found:
            value = value.replace(needle, pseudonym)
        return value
    if isinstance(value, list):
        return [scrub(v, found, pseudonym) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, found, pseudonym) for k, v in value.items()}
    return value


def pseudonymised(
    step: Step, column: str, value: object, identities: Sequence[str], pseudonym: str
) -> object:
    """A PSEUDONYMISE step's new value for one column of a row it touches."""
    if column == step.column and step.finds is Finds.IDENTITY:
        return pseudonym if value in identities else value
    return scrub(value, needles(identities), pseudonym)
