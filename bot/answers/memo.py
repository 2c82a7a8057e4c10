"""Readings of one question kept while the engine's other checks read it again.

A question is normalised, its kinds read and its words made plain by a dozen checks in turn;
each such reading is worked out once per question. `forget` drops them all: the benchmark times
every question as if it were asked for the first time."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")

_KEPT: list[Any] = []


def of_question(read: Callable[[str], T]) -> Callable[[str], T]:
    """`read` (a pure function of one text), worked out once per text, 4,096 texts kept."""
    kept = lru_cache(maxsize=4096)(read)
    _KEPT.append(kept)
    return kept


def forget() -> None:
    """Drop every reading kept."""
    for kept in _KEPT:
        kept.cache_clear()
