"""Campaign actions as pure logic: consultation results, petition leaderboards, link codes."""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from bot.core import wording
from bot.core.models import Consultation, Tally
from bot.core.results import ConsultationResults, LeaderboardRow

# A result is shown only when it counts at least that many votes: fewer could let someone
# work out how a named colleague voted. So no totals at all until that many have voted, a
# branch's own only with that many of its members, and none when the votes left out of the
# branches shown (the totals minus theirs) would be fewer.
MIN_BRANCH_VOTES = 10

# No 0/O, 1/I/L: read aloud or copied by hand without mistakes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_OPTIONS = 8
LINK_CODE_MINUTES = 15  # how long a /link code lasts
NOT_A_BALLOT = "This is a consultation to hear members' views, not a statutory ballot."


def new_link_code() -> str:
    """A one-time code, shown as ABCD-EFGH (40 bits of randomness)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    """What the store keeps of a code: its hash, so a copy of the database links no one."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def pseudonym(identities: Sequence[str], salt: str) -> str:
    """A stable stand-in for an erased member in the audit log; not reversible without salt."""
    digest = hashlib.sha256((salt + "|" + "|".join(sorted(identities))).encode()).hexdigest()
    return f"forgotten:{digest[:12]}"


def consultation_results(
    consultation: Consultation, tallies: Sequence[Tally], min_branch: int = MIN_BRANCH_VOTES
) -> ConsultationResults:
    """Totals per option, once at least `min_branch` voted; a branch's own totals only where
    at least `min_branch` of its members voted and the rest, worked out by subtraction, count
    none or as many."""
    totals = [0] * len(consultation.options)
    per_branch: defaultdict[str, list[int]] = defaultdict(lambda: [0] * len(totals))
    for tally in tallies:
        if 0 <= tally.choice < len(totals):
            totals[tally.choice] += tally.votes
            if tally.branch:
                per_branch[tally.branch][tally.choice] += tally.votes
    votes = sum(totals)
    if votes < min_branch:
        shown_totals = () if votes else tuple(totals)
        return ConsultationResults(
            consultation, consultation.options, shown_totals, {}, len(per_branch), votes
        )
    shown = {b: tuple(v) for b, v in sorted(per_branch.items()) if sum(v) >= min_branch}
    if 0 < votes - sum(sum(v) for v in shown.values()) < min_branch:
        shown = {}
    return ConsultationResults(
        consultation,
        consultation.options,
        tuple(totals),
        shown,
        len(per_branch) - len(shown),
    )


def _ints(value: object) -> tuple[int, ...]:
    return tuple(int(n) for n in value) if isinstance(value, list | tuple) else ()


def stored_results(consultation: Consultation) -> ConsultationResults | None:
    """The results kept when a consultation closed (the JSON of `as_json`), if any."""
    kept = consultation.results
    if kept is None:
        return None
    options = kept.get("options")
    branches = kept.get("branches")
    withheld = kept.get("branches_withheld")
    cast = kept.get("votes")
    return ConsultationResults(
        consultation,
        tuple(str(o) for o in options) if isinstance(options, list) else consultation.options,
        _ints(kept.get("totals")),
        {str(b): _ints(v) for b, v in branches.items()} if isinstance(branches, dict) else {},
        withheld if isinstance(withheld, int) else 0,
        cast if isinstance(cast, int) and kept.get("totals_withheld") else None,
    )


def results_lines(results: ConsultationResults) -> list[str]:
    votes = results.votes
    if results.withheld:
        return [
            f"The totals are shown once at least {MIN_BRANCH_VOTES} members have voted: "
            "fewer could show how a colleague voted."
        ]
    lines = []
    for option, n in zip(results.options, results.totals, strict=True):
        share = f" ({n / votes:.0%})" if votes else ""
        lines.append(f"{option}: {n}{share}")
    for branch, counts in results.branches.items():
        parts = ", ".join(f"{o} {n}" for o, n in zip(results.options, counts, strict=True))
        lines.append(f"{branch}: {parts}")
    withheld = results.branches_withheld
    if withheld:
        lines.append(
            f"{withheld} branch{'es' if withheld != 1 else ''} counted in the totals only "
            f"(a branch's own need {MIN_BRANCH_VOTES} votes there, and {MIN_BRANCH_VOTES} "
            "or none in the rest)"
        )
    return lines


def leaderboard(
    counts: Mapping[str | None, int], titles: Mapping[str, str]
) -> list[LeaderboardRow]:
    """Branches by signatures, most first (ties by name); members with no branch last."""
    ranked = sorted(
        ((b, n) for b, n in counts.items() if b is not None), key=lambda bn: (-bn[1], bn[0])
    )
    rows = [LeaderboardRow(i + 1, b, titles.get(b, b), n) for i, (b, n) in enumerate(ranked)]
    if counts.get(None):
        rows.append(LeaderboardRow(None, None, "no branch", counts[None]))
    return rows


def parse_consultation(text: str) -> tuple[str, tuple[str, ...]]:
    """`QUESTION | OPTION | OPTION ...` into the question and its options, or ValueError."""
    parts = [p.strip() for p in text.split("|")]
    question, options = parts[0], tuple(p for p in parts[1:] if p)
    problems = []
    if not question:
        problems.append("the question is empty")
    elif len(question) > 500:
        problems.append("the question is longer than 500 characters")
    if len(options) < 2:
        problems.append("give at least two options, separated by |")
    if len(options) > MAX_OPTIONS:
        problems.append(f"at most {MAX_OPTIONS} options")
    if any(len(o) > 100 for o in options):
        problems.append("each option at most 100 characters")
    if len({o.casefold() for o in options}) != len(options):
        problems.append("two options are the same")
    if problems:
        raise ValueError("; ".join(problems))
    return question, options


def ballot_values(consultation: Consultation, zone: str) -> dict[str, str]:
    """What a member's own voting message (template consultation-ballot) shows."""
    return {
        "question": consultation.question,
        "options": "\n".join(f"{i + 1}. {o}" for i, o in enumerate(consultation.options)),
        "closes": wording.at(consultation.closes_at, ZoneInfo(zone)),
        "note": NOT_A_BALLOT,
        "id": str(consultation.id),
    }


def ballot_buttons(consultation: Consultation) -> tuple[tuple[str, str], ...]:
    """One button per option: (label, the command it sends)."""
    return tuple(
        (option[:60], f"/vote {consultation.id} {i + 1}")
        for i, option in enumerate(consultation.options)
    )
