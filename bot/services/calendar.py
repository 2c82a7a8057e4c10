"""UK working days from the `holidays` package (England and Wales by default)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


class UkWorkingDays:
    def __init__(self, subdivision: str = "ENG") -> None:
        self.subdivision = subdivision

    @lru_cache(maxsize=64)  # noqa: B019 (a handful of years, for the process's life)
    def _year(self, year: int) -> frozenset[date]:
        found = holidays.country_holidays("GB", subdiv=self.subdivision, years=year)
        return frozenset(found.keys())

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._year(day.year)
