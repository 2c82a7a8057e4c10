"""The membership list as pure rules: what a membership number, an email and an invite code
look like, and the keyed hashes the store keeps instead of them.

The union's membership system is the record of who is a member. The bot keeps only
HMAC-SHA256 hashes of membership numbers and emails, keyed with the MEMBER_KEY secret: a copy
of the database, without the key, cannot be matched against a list of numbers, and a number
cannot be read back from it."""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

# No 0/O, 1/I/L: read aloud or copied from a letter without mistakes (as /link codes).
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_CODE_LENGTH = 12  # about 59 bits: guessing one of many live codes stays hopeless
ATTEMPTS_PER_DAY = 5  # wrong codes and /join requests, per account, in any 24 hours
MIN_KEY_LENGTH = 32

_NUMBER = re.compile(r"[A-Z0-9]{3,32}")
_NUMBER_NOISE = re.compile(r"[\s./-]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


class MemberKey:
    """The MEMBER_KEY secret, and the keyed hashes made with it. Its repr shows nothing."""

    def __init__(self, secret: str) -> None:
        if len(secret) < MIN_KEY_LENGTH:
            raise ValueError(f"MEMBER_KEY must be at least {MIN_KEY_LENGTH} characters")
        self._key = secret.encode()

    def __repr__(self) -> str:
        return "MemberKey(**********)"

    def _hash(self, kind: str, value: str) -> str:
        # The kind separates the uses: a number's hash is never an email's or a code's.
        return hmac.digest(self._key, f"{kind}:{value}".encode(), "sha256").hex()

    def number(self, normalised: str) -> str:
        return self._hash("number", normalised)

    def email(self, normalised: str) -> str:
        return self._hash("email", normalised)

    def invite(self, code: str) -> str:
        return self._hash("invite", normalise_invite(code))

    def account(self, identity: str) -> str:
        """An account's attempts are counted under this, so /forget does not reset them."""
        return self._hash("account", identity)


def normalise_number(text: str) -> str | None:
    """A membership number as the union writes it, whatever spaces, dots or dashes were
    typed; None when it cannot be one."""
    found = text.strip().upper()
    if not (found.isascii() and found.isalnum()):  # the usual case needs no cleaning
        found = _NUMBER_NOISE.sub("", found)
    return found if _NUMBER.fullmatch(found) else None


def normalise_email(text: str) -> str | None:
    found = text.strip().lower()
    return found if len(found) <= 254 and _EMAIL.fullmatch(found) else None


def normalise_invite(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def new_invite_code() -> str:
    """A one-time invite code, shown as ABCD-EFGH-JKMN."""
    raw = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, INVITE_CODE_LENGTH, 4))


def looks_like_invite(text: str) -> bool:
    code = normalise_invite(text)
    return len(code) == INVITE_CODE_LENGTH and all(c in INVITE_ALPHABET for c in code)


def deep_link(bot_username: str, code: str) -> str:
    """Telegram opens the bot and sends `/start CODE` (the payload allows A-Z, a-z, 0-9)."""
    return f"https://t.me/{bot_username.lstrip('@')}?start={normalise_invite(code)}"


def number_hint(normalised: str) -> str:
    """The last three characters, for an officer who has no list in the bot to check against."""
    return normalised[-3:]


@dataclass(frozen=True)
class Listed:
    """One record of the membership list as the store holds it: hashes, a branch, and the
    member (chat accounts) it is linked to, if any."""

    number_hash: str
    branch: str
    email_hash: str | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class StagedRow:
    """One row of an import, hashed, before it is compared with the list."""

    row: int
    number_hash: str
    branch: str
    email_hash: str | None = None


@dataclass(frozen=True)
class Invite:
    code_hash: str
    number_hash: str
    expires_at: datetime
    used_on: tuple[str, ...] = ()  # platforms it has linked an account on
    member_id: int | None = None


@dataclass(frozen=True)
class JoinRequest:
    """A member's /join waiting for an officer of the branch."""

    id: int
    member_id: int
    branch: str
    requested_at: datetime
    number_hash: str | None = None  # set when the list holds that number for that branch


@dataclass(frozen=True)
class ListChanges:
    """What an import does to the list: a dry run's forecast, or what was done."""

    rows: int = 0  # members in the file
    added: int = 0
    moved: int = 0  # in the list before, in another branch now
    lapsed: int = 0  # in the list before, not in the file
    unchanged: int = 0
    emails_changed: int = 0
    lapsed_in_chat: int = 0  # lapsed records linked to a member: they lose the member role
    branches: tuple[tuple[str, int], ...] = ()  # records per branch after the import


@dataclass(frozen=True)
class BranchCounts:
    """One branch's reach, counted by the store."""

    on_list: int = 0
    in_chat: int = 0  # records linked to a member's chat accounts
    pending: int = 0  # join requests waiting for an officer
    not_on_list: int = 0  # members of the branch in chat with no record linked
