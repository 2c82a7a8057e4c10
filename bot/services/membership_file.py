"""The membership file organisers export from the union's system: CSV with a header naming
membership_number and branch (and optionally email), read a row at a time, so that a file of
millions of rows is never held in memory. Every problem names its row (the header is row 1)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from bot.core.membership import normalise_email, normalise_number

NUMBER, BRANCH, EMAIL = "membership_number", "branch", "email"
MAX_SHOWN = 50  # problems listed one by one; the rest are counted
T = TypeVar("T")


class ListFileError(ValueError):
    """A file that cannot be read on: the problem, naming its row."""


@dataclass(frozen=True)
class FileRow:
    row: int
    number: str  # normalised: what is hashed
    written: str  # as the file writes it: what an invite file gives back
    branch: str  # the bot's name for it
    email: str | None  # normalised


@dataclass
class FileReport:
    """What reading found besides rows: columns ignored, problems by row."""

    ignored: tuple[str, ...] = ()
    shown: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0

    def add(self, row: int, problem: str) -> None:
        self.count += 1
        if len(self.shown) < MAX_SHOWN:
            self.shown.append((row, problem))

    def lines(self) -> list[str]:
        ordered = sorted(self.shown, key=lambda shown: shown[0])
        found = [f"row {row}: {problem}" for row, problem in ordered]
        if self.count > len(found):
            found.append(f"and {self.count - len(found):,} more problems")
        return found


def branch_names(names: Mapping[str, str | None]) -> dict[str, str]:
    """What a file may call a branch (its name or its title, any case) → its name."""
    found = {name.casefold(): name for name in names}
    found.update({title.casefold(): name for name, title in names.items() if title})
    return found


def _decoded(lines: Iterable[bytes]) -> Iterator[str]:
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ListFileError(
                f"row {number}: the file is not UTF-8 text; export or save it as CSV UTF-8"
            ) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _header(cells: list[str], report: FileReport) -> dict[str, int]:
    names = [c.strip().lower() for c in cells]
    if NUMBER not in names or BRANCH not in names:
        raise ListFileError(
            f"row 1: the first row must name the columns, with {NUMBER} and {BRANCH} "
            f"(and {EMAIL} if you have it)"
        )
    if len(set(names)) != len(names):
        raise ListFileError("row 1: a column is named twice")
    wanted = (NUMBER, BRANCH, EMAIL)
    report.ignored = tuple(c.strip() for c, n in zip(cells, names, strict=True) if n not in wanted)
    return {n: i for i, n in enumerate(names) if n in wanted}


def read_list(
    lines: Iterable[bytes], branches: Mapping[str, str], report: FileReport
) -> Iterator[FileRow]:
    """Good rows, one at a time; problems go to `report`. ListFileError when the file cannot
    be read on (not UTF-8, not CSV, no header)."""
    reader = csv.reader(_decoded(lines))
    where: dict[str, int] | None = None
    width = ended = 0
    try:
        for cells in reader:
            # A row is the line it starts on (a quoted field may run over several lines).
            row, ended = ended + 1, reader.line_num
            if not "".join(cells).strip():
                continue
            if where is None:
                where, width = _header(cells, report), len(cells)
                continue
            if len(cells) != width:
                report.add(row, f"expected {width} fields as in the header, found {len(cells)}")
                continue
            found, problems = _checked(row, cells, where, branches)
            for problem in problems:
                report.add(row, problem)
            if found is not None:
                yield found
    except csv.Error as error:
        raise ListFileError(f"row {reader.line_num}: not a CSV file ({error})") from None
    if where is None:
        raise ListFileError(f"row 1: the file is empty; it needs a header with {NUMBER},{BRANCH}")


def _checked(
    row: int, cells: list[str], where: dict[str, int], branches: Mapping[str, str]
) -> tuple[FileRow | None, list[str]]:
    written = cells[where[NUMBER]].strip()
    named = cells[where[BRANCH]].strip()
    mail = cells[where[EMAIL]].strip() if EMAIL in where else ""
    number, branch = normalise_number(written), branches.get(named.casefold())
    email = normalise_email(mail) if mail else None
    problems = []
    if number is None:
        problems.append("the membership number must be 3 to 32 letters or digits")
    if branch is None:
        problems.append(f"unknown branch {named[:64]!r}")
    if mail and email is None:
        problems.append("the email address is malformed")
    if number is None or branch is None or problems:
        return None, problems
    return FileRow(row, number, written, branch, email), []


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of up to `size` items."""
    found = iter(items)
    while chunk := list(islice(found, size)):
        yield chunk
