"""Labelled phrasings: members' questions, each tied to what answers it.

`campaigns/phrasings.yaml` lists ways members ask, each with its outcome:

- `kind: answer` with `source` (a content file, relative to campaigns/) and `holds` (strings
  the answering passage holds, any one): the passages of that file holding one answer it;
  or with `live` (a ballot date slot: join, pack, replace, posting, opening, close, status,
  over) and `ballot` (its id): the date, said for the moment asked;
- `kind: handoff`: the content does not hold this, hand it to an organiser;
- `kind: partisan`: it asks the bot to take sides, the neutral answer.

The answer engine finds the phrasings nearest a question and lets them vote (see
bot/answers/phrasings.py). The file is generated from the labelled question sets by
`python -m benchmarks.phrasings`; organisers may add entries by hand.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.content import yamlio

FILE = "phrasings.yaml"
Slot = Literal["join", "pack", "replace", "posting", "opening", "close", "status", "over", "when"]


class Phrasing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    q: str = Field(min_length=1, max_length=1000)
    kind: Literal["answer", "handoff", "partisan"]
    source: str | None = None
    holds: tuple[str, ...] = ()
    not_: tuple[str, ...] = Field((), alias="not")
    live: Slot | None = None
    ballot: str | None = None
    writer: str = ""

    @model_validator(mode="after")
    def _target(self) -> Phrasing:
        if self.kind == "answer" and not self.holds and not (self.live and self.ballot):
            raise ValueError("an answer needs `holds` (with `source`) or `live` and `ballot`")
        return self


def load_phrasings(root: Path) -> tuple[tuple[Phrasing, ...], list[str]]:
    """The phrasings under root (none without the file) and the problems found."""
    path = root / FILE
    if not path.is_file():
        return (), []
    found, problems = _read(path.read_bytes())
    return found, list(problems)


@functools.lru_cache(maxsize=4)
def _read(raw: bytes) -> tuple[tuple[Phrasing, ...], tuple[str, ...]]:
    """The file's phrasings and problems, worked out once a process for the same bytes (the
    models are frozen): a test suite loads the content hundreds of times."""
    try:
        data = yamlio.load_kept(raw) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return (), (f"{FILE}: not readable YAML: {error}",)
    items = data.get("phrasings", []) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return (), (f"{FILE}: expected a mapping with a list `phrasings`",)
    found, problems = [], []
    for number, item in enumerate(items, start=1):
        try:
            found.append(Phrasing.model_validate(item))
        except ValidationError as error:
            problems += [f"{FILE}: phrasing {number}: {e['msg']}" for e in error.errors()]
    return tuple(found), tuple(problems)
