"""Questions that ask the bot to take sides in an internal election, and the neutral answer.

A question is partisan by its shape ("should I back…", "who is the best candidate", "which
slate supports strikes", "is X any good") or because it names someone standing (from the
ballots' `standing:` lists) together with a judgement. The answer says how and when to vote
and where every candidate's statement is, never names a candidate, and is never a hand-off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CHOOSE = r"(vote|voting|back|backing|support|pick|choose|go for|go with|elect|stick with|trust)"
_SHAPES = tuple(
    re.compile(p)
    for p in (
        rf"\b(who|which|what)\b[^?.]{{0,60}}\b(should|shall|do|would|to|must|ought|could)\b"
        rf"[^?.]{{0,25}}\b(i|we|you|u|people|members)\b[^?.]{{0,30}}\b{_CHOOSE}\b",
        rf"\b(who|which)\b[^?.]{{0,30}}\b(are|r|is|would)\b (you|u|the bot)\b"
        rf"[^?.]{{0,20}}\b{_CHOOSE}",
        rf"\bshould (i|we)\b[^?.]{{0,30}}\b{_CHOOSE}\b",
        r"\b(best|better|worst|worse|preferred|official|favourite|favorite|recommended|"
        r"strongest|weakest|ideal|right|good)\b[^?.]{0,15}\b(candidate|candidates|slate|slates|"
        r"choice|person|option)\b",
        r"\bwhich (one|ones|candidate|candidates|slate|slates|of (them|the \w+))\b[^?.]{0,40}\b("
        r"better|best|worse|more|less|supports?|backs?|wants?|against|favours?|stronger|weaker|"
        r"good|left|right|radical|moderate|for)\b",
        r"\b(union|nec|leadership|branch|organisers?|you|bot)\b[^?.]{0,15}\b(want|wants|prefer|"
        r"prefers|back|backs|support|supports|endorse|endorses|recommend|recommends)\b[^?.]{0,10}"
        r"\b(us|me|members|people|you)?\b[^?.]{0,10}\b(vote|candidate|slate|for)\b",
        r"\b(left|right|left wing|right wing|moderate|radical|socialist|progressive|"
        r"conservative|tory|labour|militant)\b[^?.]{0,15}\b(candidate|candidates|slate|faction|"
        r"wing|one)\b",
        r"\brecommend\w*\b[^?.]{0,30}\b(vote|candidate|slate|who|someone|anyone)\b",
        r"\bcurrent leadership\b|\bincumbents?\b",
        r"\b(most|least|more|less)\b[^?.]{0,20}\b(candidates?|slates?)\b|"
        r"\b\w+est (candidate|slate)s?\b",
        r"\b(candidates?|slates?|factions?)(s)?\b[^?.]{0,20}\b(policies|policy|views?|stance|"
        r"position|record|promises?|priorities|plans?)\b",
        r"\bhow should (i|we) vote\b",
        rf"\bwho to {_CHOOSE}\b",
        r"\bwhich (candidate|candidates|slate|slates|of (them|the \w+))\b"
        r"(?![^?.]{0,25}\b(standing|stand|stands|running|statements?|is it|are there)\b)[^?.]{2,}",
    )
)
# Said about someone standing, these make a question a judgement rather than a fact.
_JUDGEMENT = re.compile(
    r"\b(good|any good|better|best|worse|worst|trust|think|opinion|like|back|backing|support|"
    r"supports|vote for|voting for|go with|go for|rate|record|stance|position|policies|left|"
    r"right|radical|moderate|strong|weak|should|reliable|deserve|worth|bad|views?)\b"
)


def names_standing(standing: Sequence[str]) -> list[str]:
    """How members may name those standing: "Marion Lloyd (candidate for President)" →
    "marion lloyd" and, for a person, "lloyd"; "Independent Left (joint slate…)" →
    "independent left"."""
    found: list[str] = []
    for entry in standing:
        name = re.sub(r"\s*\(.*?\)\s*", " ", entry).strip().lower()
        if not name:
            continue
        found.append(name)
        if "candidate" in entry.lower() and len(name.split()) > 1:
            found.extend([name.split()[0], name.split()[-1]])
    return found


def mentions(text: str, names: Sequence[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(name)}s?\b", lowered) for name in names)


def is_partisan(text: str, names: Sequence[str]) -> bool:
    lowered = " ".join(re.sub(r"['’]", "", text.lower()).split())
    if any(shape.search(lowered) for shape in _SHAPES):
        return True
    return mentions(lowered, names) and bool(_JUDGEMENT.search(lowered))


LEAD = (
    "Who you vote for is your choice: the union's channels stay neutral in internal "
    "elections, and the bot never recommends a candidate, slate or group."
)


def statements_line(title: str, url: str | None) -> str:
    where = f"at {url}" if url else "on the election page"
    return f"Every candidate's own statement for the {title} is {where}: read them and decide."
