"""What organisers write in campaigns/: one Markdown file per thing, YAML front matter on top."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.core.timeparse import END_OF_DAY

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
TOPIC_PATTERN = r"^[a-z][a-z0-9-]{0,31}$"
# YAML reads "title: 2027" as a number: where words go, a number is taken as written.
STRICT = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
_DATE_ALONE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEADLINES = ("closes", "packs_arrive_by", "join_by", "replacement_deadline")


class _Doc(BaseModel):
    model_config = STRICT
    body: str = ""
    source_file: str = ""


class BranchEntry(BaseModel):
    model_config = STRICT
    name: Slug
    title: str


class GroupEntry(BaseModel):
    model_config = STRICT
    name: Slug
    title: str
    branches: list[BranchEntry] = Field(min_length=1)


class Structure(_Doc):
    kind: Literal["structure"]
    union: str
    groups: list[GroupEntry] = Field(min_length=1)
    topics: list[Annotated[str, Field(pattern=TOPIC_PATTERN)]] = []


class Petition(BaseModel):
    model_config = STRICT
    id: Slug
    title: str
    url: HttpUrl
    target: int = Field(gt=0)


class Campaign(_Doc):
    kind: Literal["campaign"]
    id: Slug
    title: str
    topic: Annotated[str, Field(pattern=TOPIC_PATTERN)]
    summary: str
    link: HttpUrl | None = None
    petition: Petition | None = None
    keywords: list[str] = []


class Ballot(_Doc):
    kind: Literal["ballot"]
    id: Slug
    title: str
    ballot_kind: Literal["statutory_postal", "postal_election", "online_election", "consultative"]
    opens: datetime
    closes: datetime
    packs_arrive_by: datetime | None = None
    join_by: datetime | None = None
    replacement_deadline: datetime | None = None
    posting_days: int = Field(3, ge=0, le=20)
    scope_group: Slug | None = None
    scope_branches: list[Slug] = []
    turnout_threshold: float = Field(0.5, gt=0, le=1)
    yes_threshold: float | None = Field(None, gt=0, le=1)
    info_url: HttpUrl | None = None
    candidates_url: HttpUrl | None = None
    # Candidates, slates and groups standing, as named in the election notice. Listed so the
    # bot recognises a question about one of them and answers it neutrally, never to rank them.
    standing: list[str] = []
    summary: str
    keywords: list[str] = []
    # Days relative to each reminder's anchor, e.g. {week-before: -10, day-before: -2}.
    reminders: dict[str, int] = {}

    @field_validator(*DEADLINES, mode="before")
    @classmethod
    def _end_of_day(cls, value: object) -> object:
        # "closes: 2027-03-25" means that day, not 00:00 at its very start (a ballot closing
        # a day before its writer meant): the end of that day, as `ballots add` reads it.
        if isinstance(value, str) and _DATE_ALONE.fullmatch(value.strip()):
            value = date.fromisoformat(value.strip())
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime.combine(value, END_OF_DAY)
        return value

    @field_validator("opens", *DEADLINES, mode="after")
    @classmethod
    def _in_zone(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        """A time written without a zone is read in the bot's (the loader's context), so
        that it compares with one written with a zone ("2027-03-25T12:00Z")."""
        if value is None or value.tzinfo is not None:
            return value
        zone = (info.context or {}).get("zone") or ZoneInfo("Europe/London")
        return value.replace(tzinfo=zone)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Ballot:
        from bot.core.ballots import DEFAULT_OFFSETS, date_problems

        problems = date_problems(
            self.opens, self.closes, self.packs_arrive_by, self.join_by, self.replacement_deadline
        )
        if problems:
            raise ValueError(problems[0])

        unknown = [k for k in self.reminders if k not in DEFAULT_OFFSETS]
        if unknown:
            kinds = ", ".join(DEFAULT_OFFSETS)
            raise ValueError(f"reminders: unknown kind {unknown[0]!r}; kinds: {kinds}")
        return self


class ActionItem(BaseModel):
    model_config = STRICT
    text: str
    deadline: date | None = None


class ReportItem(BaseModel):
    model_config = STRICT
    title: str
    summary: str
    decision: str
    actions: list[ActionItem] = []
    keywords: list[str] = []


class Report(_Doc):
    kind: Literal["report"]
    id: Slug
    title: str
    meeting: str
    date: date
    topic: Annotated[str, Field(pattern=TOPIC_PATTERN)] = "reports"
    summary: str
    items: list[ReportItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _deadlines_after_the_meeting(self) -> Report:
        for number, item in enumerate(self.items):
            for index, action in enumerate(item.actions):
                if action.deadline is not None and action.deadline < self.date:
                    raise ValueError(
                        f"items.{number}.actions.{index}.deadline: {action.deadline} is before "
                        f"the meeting ({self.date}): a wrong year?"
                    )
        return self


class Committee(_Doc):
    kind: Literal["committee"]
    id: Slug
    title: str
    short: str
    meets: str
    chair: str
    composition: str
    purpose: str
    objectives: list[str] = Field(min_length=1)
    keywords: list[str] = []


class FaqEntry(BaseModel):
    model_config = STRICT
    id: Slug
    question: str
    answer: str
    link: HttpUrl | None = None
    keywords: list[str] = []

    @field_validator("question", "answer")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


class Faq(_Doc):
    kind: Literal["faq"]
    title: str = "Frequently asked questions"
    entries: list[FaqEntry] = Field(min_length=1)


Document = Annotated[
    Structure | Campaign | Ballot | Report | Committee | Faq, Field(discriminator="kind")
]
