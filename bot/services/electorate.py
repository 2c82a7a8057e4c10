"""The electorate file organisers import: CSV rows of branch,eligible."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection


class ElectorateError(ValueError):
    """Every problem found, each naming its row; nothing is saved when there is one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


HEADER = ("branch", "eligible")


def parse_electorate(
    text: str, known_branches: Collection[str], scope: Collection[str] | None = None
) -> dict[str, int]:
    """{branch: eligible members} from CSV text; a header row `branch,eligible` is optional.
    With a `scope`, a branch outside it is an error (it has no vote in this ballot)."""
    problems: list[str] = []
    found: dict[str, int] = {}
    allowed = set(known_branches) if scope is None else set(known_branches) & set(scope)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ElectorateError([f"not a CSV file: {error}"]) from None
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or (number == 1 and tuple(c.lower() for c in cells) == HEADER):
            continue
        wrong = _row_problems(cells, known_branches, allowed, found)
        problems += [f"row {number}: {problem}" for problem in wrong]
        if not wrong:
            found[cells[0].lower()] = int(cells[1])
    if problems:
        raise ElectorateError(problems)
    if not found:
        raise ElectorateError(["the file has no rows of branch,eligible"])
    return found


def _row_problems(
    cells: list[str], known: Collection[str], allowed: set[str], found: dict[str, int]
) -> list[str]:
    if len(cells) != 2:
        return [f"expected 2 fields (branch,eligible), found {len(cells)}"]
    branch, count = cells[0].lower(), cells[1]
    problems = []
    if branch not in known:
        problems.append(f"unknown branch {cells[0]!r}")
    elif branch not in allowed:
        problems.append(f"branch {branch!r} is not in this ballot's scope")
    elif branch in found:
        problems.append(f"branch {branch!r} appears twice")
    if not count.isascii() or not count.isdigit():
        problems.append(f"eligible must be a whole number of members, not {count!r}")
    return problems
