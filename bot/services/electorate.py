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
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ElectorateError([f"not a CSV file: {error}"]) from None
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and tuple(c.lower() for c in cells) == HEADER:
            continue
        if len(cells) != 2:
            problems.append(
                f"row {number}: expected 2 fields (branch,eligible), found {len(cells)}"
            )
            continue
        branch, count = cells[0].lower(), cells[1]
        if branch not in known_branches:
            problems.append(f"row {number}: unknown branch {cells[0]!r}")
        elif scope is not None and branch not in scope:
            problems.append(f"row {number}: branch {branch!r} is not in this ballot's scope")
        elif branch in found:
            problems.append(f"row {number}: branch {branch!r} appears twice")
        if not count.isascii() or not count.isdigit():
            problems.append(
                f"row {number}: eligible must be a whole number of members, not {count!r}"
            )
        elif (
            branch in known_branches and branch not in found and (scope is None or branch in scope)
        ):
            found[branch] = int(count)
    if problems:
        raise ElectorateError(problems)
    if not found:
        raise ElectorateError(["the file has no rows of branch,eligible"])
    return found
