"""The content cut into passages, each small enough to hold one fact.

A passage is what the bot can say in answer (`text`), where it comes from (`source`, `link`)
and what it is about (`fields`: text with a weight, the heading above it weighing more than
the body). Every paragraph and list item with its headings, every report item's summary,
decision and actions, every committee field, every FAQ answer, the facts of each ballot
and of the union's structure: each is one passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from bot.content.loader import PARAGRAPH_WORDS, PASSAGE_WORDS, Content
from bot.content.markup import Block, parse, plain_spans, to_plain
from bot.content.models import Ballot, Campaign, Committee, Faq, Report, ReportItem, Structure

DEFAULT_FAQ_TITLE = "Frequently asked questions"


@dataclass(frozen=True)
class Passage:
    text: str
    source: str
    link: str | None
    fields: tuple[tuple[str, float], ...]
    doc: str  # the document it comes from: "faq", "report:nec-2020-11", "ballot:nec-2023"…
    group: str  # passages that may be said together (one report item, one FAQ file…)
    kind: str  # faq, campaign, ballot, report, committee, structure, added
    dated: bool = False  # about a moment in time: a year asked about must be among `years`
    years: frozenset[int] = field(default=frozenset())
    names: str = ""  # what its document is called ("NEC", "PSSEC"), to tell them apart


def _plain(block: Block) -> str:
    return plain_spans(block.spans)


def sections(body: str) -> Iterator[tuple[str, str]]:
    """(heading, text) for each paragraph and list item; a bold-only line is a heading."""
    heading = ""
    for block in parse(body):
        text = " ".join(_plain(block).split())
        if not text:
            continue
        if block.kind == "heading" or (block.kind == "para" and all(s.bold for s in block.spans)):
            heading = text
        elif block.kind != "code":
            for piece in pieces(text):
                yield heading, piece


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")


def pieces(text: str) -> list[str]:
    """A paragraph as passages: itself, or one over PARAGRAPH_WORDS cut at sentence ends into
    pieces of at most PASSAGE_WORDS (a sentence longer than that, at word boundaries), so an
    answer from it is a few sentences, not the whole of a pasted page."""
    if len(text.split()) <= PARAGRAPH_WORDS:
        return [text]
    found: list[list[str]] = [[]]
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        for start in range(0, len(words), PASSAGE_WORDS):
            part = words[start : start + PASSAGE_WORDS]
            if found[-1] and len(found[-1]) + len(part) > PASSAGE_WORDS:
                found.append([])
            found[-1] += part
    return [" ".join(words) for words in found if words]


Fields = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class _From:
    """One document's passages share where they come from."""

    doc: str
    kind: str
    link: str | None = None
    dated: bool = False
    years: frozenset[int] = frozenset()
    names: str = ""

    def say(
        self,
        text: str,
        source: str,
        fields: Fields,
        group: str = "",
        link: str | None = None,
        years: frozenset[int] | None = None,
    ) -> Passage:
        return Passage(
            text,
            source,
            link or self.link,
            fields,
            self.doc,
            f"{self.doc}:{group}" if group else self.doc,
            self.kind,
            self.dated,
            self.years if years is None else years,
            self.names,
        )


_MARKUP = re.compile(r"[*_`]|\[[^\]]*\]\(")


def _spoken(text: str) -> str:
    """An FAQ answer as the bot says it: an editor's Markdown (**bold**, [a link](url)) read,
    not shown as typed; an answer with none is left exactly as written."""
    return to_plain(parse(text)) if _MARKUP.search(text) else text


def _faq(faq: Faq) -> Iterator[Passage]:
    prefix = "FAQ" if faq.title == DEFAULT_FAQ_TITLE else faq.title
    for e in faq.entries:
        answer = _spoken(e.answer)
        fields: Fields = (
            (e.question, 3.0),
            (" ".join(e.keywords), 2.0),
            (answer, 1.0),
            (faq.title, 0.5),  # "Using the bot": what every entry in it is about
        )
        where = _From("faq", "faq", str(e.link) if e.link else None)
        yield where.say(answer, f"{prefix}: {e.question}", fields, e.id)


def _campaign(c: Campaign) -> Iterator[Passage]:
    keys = " ".join(c.keywords)
    where = _From(f"campaign:{c.id}", "campaign", str(c.link) if c.link else None, names=c.title)
    yield where.say(c.summary, c.title, ((c.title, 2.0), (keys, 1.5), (c.summary, 1.0)))
    for heading, text in sections(c.body):
        fields: Fields = ((heading, 2.0), (c.title, 1.0), (keys, 0.5), (text, 1.0))
        yield where.say(text, f"{c.title}: {heading}" if heading else c.title, fields, heading)
    if c.petition is not None:
        p = c.petition
        text = f"The petition is “{p.title}”: sign it at {p.url} (target: {p.target:,} signatures)."
        fields = ((p.title, 2.0), ("petition sign signatures name called", 2.0), (text, 1.0))
        yield where.say(text, c.title, fields, "petition", str(p.url))


_HELD_WORDS = "postal online email internet paper method kind type held"
_HELD = {
    "statutory_postal": "a postal ballot: papers come by post to members' home addresses",
    "postal_election": "a postal ballot: papers come by post to members' home addresses",
    "online_election": "an online ballot, not a postal one: members vote online",
    "consultative": "a consultative ballot",
}


def _how_held(b: Ballot) -> tuple[str, str]:
    """Whether a ballot is postal or online, said as a fact of its own ("is it a postal
    one?"), with the first paragraph of its section on voting ("How to vote")."""
    how = next((text for heading, text in sections(b.body) if "vot" in heading.lower()), "")
    return f"The {b.title} is {_HELD[b.ballot_kind]}. {how}".strip(), f"{b.title}: how it is held"


def _ballot(b: Ballot) -> Iterator[Passage]:
    link = str(b.info_url) if b.info_url else None
    years = frozenset({b.opens.year, b.closes.year})
    where = _From(
        f"ballot:{b.id}", "ballot", link, True, years, f"{b.title} {' '.join(b.keywords)}"
    )
    title: Fields = ((b.title, 2.0), (" ".join(b.keywords), 1.5))
    # (a ballot's summary says what it is for: "what's the nec vote for?")
    yield where.say(b.summary, b.title, (*title, (b.summary, 1.0), ("purpose", 1.0)), "summary")
    for heading, text in sections(b.body):
        fields: Fields = ((heading, 2.0), (b.title, 1.0), (" ".join(b.keywords), 0.5), (text, 1.0))
        yield where.say(text, f"{b.title}: {heading}" if heading else b.title, fields, heading)
    yield where.say(*_how_held(b), (*title, (_HELD_WORDS, 1.5)), "how held")
    statements = str(b.candidates_url) if b.candidates_url else link
    if b.standing:
        names = "; ".join(b.standing)
        text = (
            f"Standing in the {b.title}, as named in the election notice: {names}. Each "
            f"candidate's statement is on the election page ({statements}); the bot does "
            "not recommend any candidate."
        )
        fields = (*title, ("who is standing candidates running stand names", 2.0), (names, 1.0))
        yield where.say(text, f"{b.title}: who is standing", fields, "standing", statements)
    if b.candidates_url:
        text = f"The candidates' statements for the {b.title} are at {b.candidates_url}."
        fields = (*title, ("candidates statements candidate statement where read", 2.0))
        yield where.say(text, f"{b.title}: statements", fields, "statements", statements)


def _report(r: Report) -> Iterator[Passage]:
    names = f"{r.title} {r.meeting}"
    where = _From(f"report:{r.id}", "report", None, True, frozenset({r.date.year}), names)
    when = f"{r.date:%A} {r.date.day} {r.date:%B %Y}"
    # The overview says what the meeting covered: its agenda, what was discussed.
    overview = (
        "meeting report agenda discussed covered happened looked talked about topics main "
        "points summary key gist overview headlines"
    )
    fields: Fields = (
        (r.title, 2.0),
        (r.meeting, 1.5),
        (r.summary, 1.0),
        (overview, 1.0),
        (f"{r.date:%B %Y}", 1.0),  # "the November NEC"
    )
    yield where.say(f"{r.meeting}, {when}: {r.summary}", r.title, fields)
    for item in r.items:
        yield from _report_item(where, r, item)
    for heading, text in sections(r.body):
        yield where.say(text, r.title, ((heading, 2.0), (r.title, 1.0), (text, 1.0)), heading)


def _report_item(where: _From, r: Report, item: ReportItem) -> Iterator[Passage]:
    head: Fields = (
        (item.title, 2.0),
        (" ".join(item.keywords), 1.5),
        (r.title, 0.5),
        (r.meeting, 0.5),
    )
    source = f"{r.title}: {item.title}"
    years = where.years | {a.deadline.year for a in item.actions if a.deadline}
    fields: Fields = (*head, (item.summary, 1.0), ("purpose", 1.0))
    yield where.say(f"{item.title}: {item.summary}", source, fields, item.title, years=years)
    fields = (*head, (item.decision, 1.0), ("decided decision agreed", 0.5))
    yield where.say(f"Decided: {item.decision}", source, fields, item.title, years=years)
    for action in item.actions:
        due = action.deadline
        text = action.text + (f", by {due:%A} {due.day} {due:%B %Y}" if due else "") + "."
        fields = (*head, (action.text, 2.0), ("action deadline by when", 1.0 if due else 0.0))
        yield where.say(text, source, fields, item.title, years=years)


# How members ask for a committee's purpose and its make-up, in words its fields lack.
_PURPOSE_WORDS = "purpose role remit"
_MAKE_UP_WORDS = "members made up composition size big seats sits places who is on"


def _committee(cm: Committee) -> Iterator[Passage]:
    name = f"{cm.title} ({cm.short})"
    where = _From(f"committee:{cm.id}", "committee", names=name)
    base: Fields = ((cm.title, 1.5), (cm.short, 1.5), (" ".join(cm.keywords), 0.5))
    facts = (
        ("name", f"{cm.short} stands for the {cm.title}.", "stands for name short full"),
        ("purpose", f"The {cm.short}'s purpose: {cm.purpose}", _PURPOSE_WORDS),
        ("composition", f"The {cm.short} is made up of {cm.composition}.", _MAKE_UP_WORDS),
        ("meetings", f"The {cm.short} meets {cm.meets}.", "meets meet meeting often when"),
        ("chair", f"The {cm.short} is chaired by {cm.chair}.", "chair chairs chaired leads"),
    )
    for label, text, about in facts:
        yield where.say(text, f"{name}: {label}", (*base, (about, 1.5), (text, 1.0)), label)
    for objective in cm.objectives:
        fields: Fields = (*base, ("objectives aims", 1.0), (objective, 1.5))
        yield where.say(objective, f"{name}: objectives", fields, "objectives")
    for heading, text in sections(cm.body):
        yield where.say(text, name, (*base, (heading, 2.0), (text, 1.5)), heading)


def structure_source(s: Structure) -> str:
    """The source a structure passage names: "<union>: groups and branches"."""
    return f"{s.union}: groups and branches"


def _structure(s: Structure) -> Iterator[Passage]:
    where, source = _From("structure", "structure"), structure_source(s)
    name: Fields = (("union name called full", 3.0), (s.union, 1.0))
    yield where.say(f"The union is the {s.union}.", s.union, name, "name")
    about = ("group groups branch branches", 1.0)
    listed = "; ".join(f"{g.title} ({', '.join(b.title for b in g.branches)})" for g in s.groups)
    fields: Fields = (("groups branches list all structure organised", 1.5), (listed, 1.0))
    yield where.say(f"The union has {len(s.groups)} groups: {listed}.", source, fields, "all")
    for g in s.groups:
        names = ", ".join(b.title for b in g.branches)
        fields = ((g.title, 2.0), (g.name, 1.0), (names, 1.0), about)
        count = f"{len(g.branches)} branch" + ("es" if len(g.branches) > 1 else "")
        yield where.say(f"The {g.title} has {count}: {names}.", source, fields)
        for b in g.branches:
            fields = ((b.title, 2.0), (b.name, 1.0), (g.title, 1.0), about)
            yield where.say(f"{b.title} is a branch of the {g.title}.", source, fields)
            # its name in commands, which a member asks for to subscribe a channel to it
            said = f"The branch name of {b.title} in commands is {b.name}: /subscribe {b.name} "
            said += "TOPIC subscribes a channel to it."
            asked = "short name code to type use in the subscribe command channel set up"
            fields = ((b.title, 2.0), (b.name, 1.0), (asked, 1.0))
            yield where.say(said, source, fields, f"command:{b.name}")
    for heading, text in sections(s.body):
        yield where.say(text, s.union, ((heading, 2.0), (s.union, 1.0), (text, 1.5)), heading)


def passages_from(content: Content) -> list[Passage]:
    found: list[Passage] = []
    for faq in content.faqs:
        found.extend(_faq(faq))
    for campaign in content.campaigns:
        found.extend(_campaign(campaign))
    for ballot in content.ballots:
        found.extend(_ballot(ballot))
    for report in content.reports:
        found.extend(_report(report))
    for committee in content.committees:
        found.extend(_committee(committee))
    found.extend(_structure(content.structure))
    return found


def added_faq(question: str, answer: str, entry: str = "") -> Passage:
    """An organiser's answer to a member's question, added to the FAQ from chat (`entry`:
    "#12" for question 12)."""
    fields: Fields = ((question, 3.0), (answer, 1.0))
    return _From("added", "added").say(answer, "FAQ: " + question, fields, entry or question)


def faq_entry(passage: Passage) -> str | None:
    """The id of the FAQ entry a passage answers with, if it is one."""
    if passage.kind in ("faq", "added"):
        return passage.group.removeprefix(passage.doc + ":")
    return None


def alias(passage: Passage, phrase: str) -> Passage:
    """The passage, found by another way of asking its question as well."""
    return replace(passage, fields=((phrase, 3.0), (passage.text, 1.0)))
