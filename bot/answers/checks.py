"""Does a passage hold the kind of fact asked for? "When" wants a date, "how much" an amount,
"how many" a number, "next" something still to come, "in 2025" that year. A passage that
matches the words but not the kind of fact is not an answer: the bot hands off instead.
"""

from __future__ import annotations

import re
from datetime import date

from bot.answers.text import MONTHS, has_money, has_number, is_temporal, normalise, years_in

_CALENDAR = re.compile(
    rf"\b({'|'.join(MONTHS)}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|tomorrow|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)
_DATE_Q = re.compile(r"\b(whats?|which|exact)( is)?( the)? (date|day)\b|\bwhat time\b")
_WHEN_Q = re.compile(r"\b(when|whens|how soon|by when|how often)\b")
_HOW_LONG = re.compile(r"\bhow long\b")
_DURATION = re.compile(r"\b(minutes?|hours?|days?|weeks?|months?|years?)\b")
_HOW_MUCH = re.compile(r"\bhow much\b(?! (time|longer|notice))|\bwhat percent|\bhow big\b")
_HOW_MANY = re.compile(r"\bhow many\b")
_WHO_Q = re.compile(r"(^|[,.?!;:]\s*|\b(and|but|so|then|ok|hi|hey)\s+)who(s)?\b")
# "Who…" wants a person or a role: a passage naming neither does not answer it.
_ROLE = re.compile(
    r"\b(secretar(y|ies)|president|chair\w*|reps?|representatives?|stewards?|organisers?|"
    r"officers?|members?|candidates?|committee|helpline|team|scrutineer|executive|nec|"
    r"employers?|managers?|ministers?|government)\b",
    re.IGNORECASE,
)
_DATES = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)? ({'|'.join(MONTHS)})\b|\b(19|20)\d\d\b|\b\d{{1,2}}:\d\d\b",
    re.IGNORECASE,
)
_DURATIONS = re.compile(
    r"\b(\d+|an?|one|two|three|four|five|ten|fifteen|thirty) "
    r"(minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_NEXT = re.compile(r"\b(next|upcoming|coming|future)\b")


# The other questions: "how do I find out when…" asks how, not when.
_OTHER_Q = re.compile(r"\bhow (do|does|can|could|should|would|to|did)\b|\b(what|where|why|which)\b")


def asks(question: str) -> str | None:
    """The kind of fact a question asks for, read from its first question word."""
    q = normalise(question)
    kinds = (
        ("date", _DATE_Q),
        ("when", _WHEN_Q),
        ("how long", _HOW_LONG),
        ("how much", _HOW_MUCH),
        ("how many", _HOW_MANY),
        ("who", _WHO_Q),
        (None, _OTHER_Q),
    )
    found = [
        (m.start(), order, kind) for order, (kind, p) in enumerate(kinds) if (m := p.search(q))
    ]
    return min(found)[2] if found else None


def _holds(kind: str | None, text: str) -> bool:
    if kind == "date":
        return bool(_CALENDAR.search(text))
    if kind == "when":
        return is_temporal(text)
    if kind == "how long":
        return is_temporal(text) or bool(_DURATION.search(text))
    if kind == "how much":
        return has_money(text)
    if kind == "how many":
        return has_number(_DURATIONS.sub(" ", _DATES.sub(" ", text)))
    if kind == "who":
        return bool(_ROLE.search(text))
    return True


def fits(
    question: str,
    passage_text: str,
    years: frozenset[int],
    dated: bool,
    today: date,
    asked: set[int],
) -> bool:
    kind = asks(question)
    if not _holds(kind, passage_text):
        return False
    said = years | years_in(passage_text)
    if asked and dated and not asked & said:
        return False
    upcoming = kind in ("when", "date") and _NEXT.search(normalise(question))
    return not (upcoming and dated and said and max(said) < today.year)
