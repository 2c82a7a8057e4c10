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
    r"today|tomorrow|(19|20)\d\d)\b",
    re.IGNORECASE,
)
_DATE_Q = re.compile(r"\b(what|which|exact) (date|day)\b|\bwhat time\b")
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
_NEXT = re.compile(r"\b(next|upcoming|coming|future)\b")


def fits(
    question: str,
    passage_text: str,
    years: frozenset[int],
    dated: bool,
    today: date,
    asked: set[int],
) -> bool:
    q = normalise(question)
    if _DATE_Q.search(q) and not _CALENDAR.search(passage_text):
        return False
    if _WHEN_Q.search(q) and not is_temporal(passage_text):
        return False
    if _HOW_LONG.search(q) and not (is_temporal(passage_text) or _DURATION.search(passage_text)):
        return False
    if _HOW_MUCH.search(q) and not has_money(passage_text):
        return False
    if _HOW_MANY.search(q) and not has_number(_DATES.sub(" ", passage_text)):
        return False
    if _WHO_Q.search(q) and not _ROLE.search(passage_text):
        return False
    said = years | years_in(passage_text)
    if asked and dated and not asked & said:
        return False
    temporal_q = _WHEN_Q.search(q) or _DATE_Q.search(q)
    return not (temporal_q and _NEXT.search(q) and dated and said and max(said) < today.year)
