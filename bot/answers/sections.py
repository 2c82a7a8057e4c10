"""Which part of a campaign a question asks about, by whom it asks of: what members can do
("what can I do", "how do I help"), what branches, reps or officers do, or what is asked for
("what are we asking for", "the demands", "the claim"). A campaign passage found for one part
gives way to its campaign's passage of the part asked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.answers.text import normalise
from bot.core.services import Answer

if TYPE_CHECKING:
    from bot.answers.engine import ContentAnswerer
    from bot.content.passages import Passage

_ASKS_DEMANDS = re.compile(
    r"\b(asking for|calling for|fighting for|demands?|the claim|our claim|"
    r"what (do|does) (we|the union) (actually |even )?want|wants? what|"
    # "what is the campaign trying to achieve?", "its aims": what it sets out to win
    r"(trying|aiming|seeking|setting out|out|hoping|looking) to (achieve|win|change)|"
    r"achieve|aims?|goals?|objectives?)\b"
)
_ASKS_BRANCHES = re.compile(
    r"\b(branches|branch officers|officers|(?<!not a )(?<!not an )reps)\b(?! (told|said))"
)
_ASKS_MEMBERS = re.compile(
    # (not "what should I tell her": what to say of the campaign, not what to do in it)
    r"\b((can i|could i|should i|do i)(?! (tell|say|explain|answer|reply)\b)|"
    r"i (want|wanna|would like) to|for me to do|as a member|"
    r"(wanna|want to|like to|how to) help|"
    r"(can|could|should) (we|members|ordinary members) do|"
    # "anything I can do", "what can someone like me do", "what am I being asked to do"
    r"(i|we) (can|could) (actually |still |really )?do|"
    r"(can|could|should) (someone|somebody|anyone|people|one)( like (me|us))? do|"
    r"(am i|are we|are members) (being )?(asked|expected|meant|supposed) to do)\b"
)

_PART_DEMANDS = re.compile(r"\b(want|wants|demands?|claim|asks?|aims?)\b")
_PART_MEMBERS = re.compile(r"\byou\b")
_PART_BRANCHES = re.compile(r"^(branches|reps|branch officers)\b")


def asked(text: str) -> str | None:
    """The one part asked about, or None when none or more than one is read."""
    lowered = normalise(text)
    parts = {
        part
        for part, pattern in (
            ("demands", _ASKS_DEMANDS),
            ("branches", _ASKS_BRANCHES),
            ("members", _ASKS_MEMBERS),
        )
        if pattern.search(lowered)
    }
    return parts.pop() if len(parts) == 1 else None


def part_of(heading: str, text: str) -> str | None:
    if _PART_BRANCHES.search(normalise(text)):
        return "branches"
    if _PART_MEMBERS.search(normalise(heading)):
        return "members"
    if _PART_DEMANDS.search(normalise(heading)):
        return "demands"
    return None


def _first_alone(same: list[Passage], said: str) -> bool:
    """Whether what is asked for was answered with the first of its items alone: the one
    the search falls on when no item is asked by its own words ("what are we asking
    for?"), which is said whole instead. An item asked by its words ("are we asking for a
    review body?") is said alone, as found."""
    return (
        len(same) > 1
        and said.startswith(same[0].text[:60])
        and not all(p.text in said for p in same)
    )


def of_part(a: ContentAnswerer, found: Answer, text: str) -> Answer:
    """The campaign's passage of the part asked, for a campaign passage of another part."""
    if found.handoff or not found.sources:
        return found
    want = asked(text)
    if want is None:
        return found
    passages = a.index.passages
    first = next(
        (p for p in passages if p.kind == "campaign" and found.text.startswith(p.text[:60])), None
    )
    if first is None:
        return found
    heading = first.source.partition(": ")[2]
    part = part_of(heading, first.text)
    summary = first.group.count(":") == 1  # (the campaign's own summary: "campaign:pay")
    if part is None and not (want == "members" and summary):
        return found  # (what a member can do is never the campaign's summary)
    if part == want and want != "demands":
        return found  # (only the demands' first item may stand for them all: `_first_alone`)
    same = [
        p
        for p in passages
        if p.doc == first.doc and part_of(p.source.partition(": ")[2], p.text) == want
    ]
    if not same or (part == want and not _first_alone(same, found.text)):
        return found
    body = " ".join(p.text for p in same)
    source = same[0].source + (f" — {same[0].link}" if same[0].link else "")
    return Answer(body, (source,), found.confidence, False)
