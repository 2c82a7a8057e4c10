"""Load campaigns/ into validated models: all of it, or nothing and every error named."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from bot.content import yamlio
from bot.content.markup import parse, plain_spans
from bot.content.models import Ballot, Campaign, Committee, Document, Faq, Report, Structure
from bot.content.phrasings import Phrasing, load_phrasings

log = logging.getLogger(__name__)
_ADAPTER: TypeAdapter[Document] = TypeAdapter(Document)
BUILTIN_TOPICS = ("pay", "petitions", "reports", "ballots", "equality", "general")


class ContentError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Content:
    structure: Structure
    campaigns: tuple[Campaign, ...] = ()
    ballots: tuple[Ballot, ...] = ()
    reports: tuple[Report, ...] = ()
    committees: tuple[Committee, ...] = ()
    faqs: tuple[Faq, ...] = ()
    files: tuple[str, ...] = field(default=())
    phrasings: tuple[Phrasing, ...] = ()  # campaigns/phrasings.yaml: how members ask

    def branch_names(self) -> list[str]:
        return [b.name for g in self.structure.groups for b in g.branches]

    def group_of(self, branch: str) -> str | None:
        for group in self.structure.groups:
            if any(b.name == branch for b in group.branches):
                return group.name
        return None

    def topics(self) -> list[str]:
        return list(dict.fromkeys([*BUILTIN_TOPICS, *self.structure.topics]))


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line where the body starts). Raises ValueError without one."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError("line 1: a content file starts with '---' and YAML front matter")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]).strip(), index + 2
    raise ValueError("front matter is not closed with a second '---' line")


def _localise(doc: Document, zone: ZoneInfo) -> Document:
    """Dates written without a zone are read in the bot's time zone."""
    updates: dict[str, datetime] = {}
    for name, value in doc:
        if isinstance(value, datetime) and value.tzinfo is None:
            updates[name] = value.replace(tzinfo=zone)
    return doc.model_copy(update=updates) if updates else doc


# A paragraph longer than this (the longest in the example content has 50) is answered
# from in passages of at most PASSAGE_WORDS, cut at sentence ends (bot/content/passages.py):
# a page pasted without blank lines would otherwise be said whole, as a dozen messages.
PARAGRAPH_WORDS = 400
PASSAGE_WORDS = 150
KINDS = ("structure", "campaign", "ballot", "report", "committee", "faq")
_WHEN = "write it like 2027-03-25 12:00, or 2027-03-25T12:00+01:00 with a zone"


def _field(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if str(p) not in KINDS]
    return ".".join(parts)


def _problem(error: ErrorDetails) -> str:
    """One validation error as 'field: what is wrong', in words an organiser reads."""
    where, kind = _field(error["loc"]), error["type"]
    message = error["msg"].removeprefix("Value error, ")
    if kind == "union_tag_not_found":
        return f"kind: missing; say what the file is: {', '.join(KINDS)}"
    if kind == "union_tag_invalid":
        found = (error.get("ctx") or {}).get("tag", "")
        return f"kind: {found!r} is not one of {', '.join(KINDS)}"
    if kind == "string_pattern_mismatch":
        example = "pay" if "topic" in where else "pay-2027"
        message = f"use lower-case letters, digits and hyphens, like {example}"
    elif kind == "list_type":
        message = f"{message}: write it like [first, second]"
    elif kind.startswith("datetime_"):
        message = f"{message}; {_WHEN}"
    elif kind.startswith("date_"):
        message = f"{message}; write it like 2027-03-25"
    if not where:  # a check across fields names its own field ("closes: must be after opens")
        return message
    return f"{where}: {message}"


def hidden(path: Path, root: Path) -> bool:
    """An editor's lock or backup (emacs's '.#faq.md', a link to nowhere; macOS's
    '._faq.md'), or anything in a hidden folder: not content."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_text(path: Path) -> str:
    """A content or template file's text: UTF-8, a byte-order mark allowed; an empty file or
    another encoding is a ValueError naming the line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ValueError(f"cannot read it: {error.strerror or error}") from None
    if not raw.strip():
        raise ValueError("the file is empty: a content file starts with '---' and front matter")
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark, as some editors save, is no harm
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(
            f"line {line}: not UTF-8 text (byte 0x{raw[error.start]:02x}; Windows-1252?): "
            "save the file as UTF-8"
        ) from None


def load_file(path: Path, root: Path, zone: ZoneInfo) -> tuple[Document | None, list[str]]:
    name = str(path.relative_to(root.parent) if root.parent in path.parents else path)
    try:
        front, body, _ = split_front_matter(read_text(path))
        data = yamlio.load(front) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark is not None else "front matter"
        return None, [f"{name}: {where}: YAML error: {getattr(error, 'problem', error)}"]
    except ValueError as error:
        return None, [f"{name}: {error}"]
    if not isinstance(data, dict):
        return None, [f"{name}: front matter must be a mapping of field: value"]
    data.setdefault("body", body)
    data["source_file"] = name
    try:
        doc = _ADAPTER.validate_python(data, context={"zone": zone})
    except ValidationError as error:
        return None, [f"{name}: {_problem(e)}" for e in error.errors()]
    for warning in _long_paragraphs(doc.body):
        log.warning("%s: body: %s", name, warning)
    return _localise(doc, zone), []


def _long_paragraphs(body: str) -> list[str]:
    """Paragraphs (or list items) the bot will answer from in pieces: loaded, with a warning,
    since an editor pasting a long meeting report should not stop the bot starting."""
    found = []
    for number, block in enumerate(parse(body), start=1):
        words = plain_spans(block.spans).split()
        if len(words) > PARAGRAPH_WORDS:
            start = " ".join(words[:5])
            found.append(
                f"paragraph {number} ('{start} ...') has {len(words):,} words; the bot answers "
                f"from it in passages of up to {PASSAGE_WORDS} words cut at sentence ends "
                "(a blank line between paragraphs chooses the cuts)"
            )
    return found


def from_here(folder: Path, setting: str) -> str:
    """For a relative folder, where it was looked for: a verb run from another folder than
    the checkout's finds no 'campaigns' there."""
    return (
        "" if folder.is_absolute() else f" in {Path.cwd()} ({setting}; run from the bot's folder)"
    )


def _kind_of(path: Path) -> str:
    """What a file that did not load says it is, if a line of it says so."""
    try:
        found = re.search(r"^kind:\s*(\w+)", read_text(path), re.M)
    except ValueError:
        return ""
    return found.group(1) if found else ""


def load_content(root: Path, zone: ZoneInfo | None = None) -> Content:
    """Load every *.md under root. Raises ContentError naming each file and field at fault."""
    zone = zone or ZoneInfo("Europe/London")
    if not root.is_dir():
        raise ContentError([f"{root}: content folder not found{from_here(root, 'CONTENT_DIR')}"])
    docs: list[Document] = []
    problems: list[str] = []
    broken: set[str] = set()  # the kinds of the files that did not load
    for path in sorted(root.rglob("*.md")):
        if path.name.lower() == "readme.md" or hidden(path, root):
            continue
        doc, errors = load_file(path, root, zone)
        problems.extend(errors)
        if errors:
            broken.add(_kind_of(path))
        if doc is not None:
            docs.append(doc)
    content = _assemble(docs, problems, broken)
    phrasings, wrong = load_phrasings(root)
    problems.extend(wrong)
    if problems or content is None:
        raise ContentError(problems or [f"{root}: no content"])
    return replace(content, phrasings=phrasings)


def _assemble(docs: list[Document], problems: list[str], broken: set[str]) -> Content | None:
    structures = [d for d in docs if isinstance(d, Structure)]
    if len(structures) > 1:
        files = ", ".join(d.source_file for d in structures)
        problems.append(f"content: one structure file (kind: structure) is allowed; found {files}")
        return None
    if not structures:
        if "structure" not in broken:  # else its own lines say what is wrong with it
            problems.append("content: no structure file (kind: structure): groups and branches")
        return None
    content = Content(
        structure=structures[0],
        campaigns=tuple(d for d in docs if isinstance(d, Campaign)),
        ballots=tuple(d for d in docs if isinstance(d, Ballot)),
        reports=tuple(d for d in docs if isinstance(d, Report)),
        committees=tuple(d for d in docs if isinstance(d, Committee)),
        faqs=tuple(d for d in docs if isinstance(d, Faq)),
        files=tuple(d.source_file for d in docs),
    )
    _cross_check(content, problems)
    return content


def _cross_check(content: Content, problems: list[str]) -> None:
    branches = set(content.branch_names())
    groups = {g.name for g in content.structure.groups}
    topics = set(content.topics())
    seen: dict[str, str] = {}
    named: list[Campaign | Ballot | Report | Committee] = [
        *content.campaigns,
        *content.ballots,
        *content.reports,
        *content.committees,
    ]
    for doc in named:
        if doc.id in seen:
            problems.append(f"{doc.source_file}: id: {doc.id!r} is also used in {seen[doc.id]}")
        seen[doc.id] = doc.source_file
    for ballot in content.ballots:
        for branch in ballot.scope_branches:
            if branch not in branches:
                problems.append(f"{ballot.source_file}: scope_branches: unknown branch {branch!r}")
        if ballot.scope_group and ballot.scope_group not in groups:
            problems.append(
                f"{ballot.source_file}: scope_group: unknown group {ballot.scope_group!r}"
            )
    topical: list[Campaign | Report] = [*content.campaigns, *content.reports]
    for doc in topical:
        if doc.topic not in topics:
            problems.append(f"{doc.source_file}: topic: unknown topic {doc.topic!r}")
    entries: dict[str, str] = {}
    for faq in content.faqs:
        for index, entry in enumerate(faq.entries):
            if entry.id in entries:
                problems.append(
                    f"{faq.source_file}: entries.{index}.id: {entry.id!r} is also used in "
                    f"{entries[entry.id]}"
                )
            entries.setdefault(entry.id, faq.source_file)
    petitions: dict[str, str] = {}
    for campaign in content.campaigns:
        if campaign.petition is None:
            continue
        if campaign.petition.id in petitions:
            problems.append(
                f"{campaign.source_file}: petition.id: {campaign.petition.id!r} is also used "
                f"in {petitions[campaign.petition.id]}"
            )
        petitions.setdefault(campaign.petition.id, campaign.source_file)
    all_branch_names = content.branch_names()
    for dup in {b for b in all_branch_names if all_branch_names.count(b) > 1}:
        problems.append(f"{content.structure.source_file}: groups: branch {dup!r} is listed twice")
