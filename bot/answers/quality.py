"""Score the answerer on a question set: top-1 accuracy in scope, hand-offs out of scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.core.context import Answerer


@dataclass
class Quality:
    in_scope: int = 0
    correct: int = 0
    out_of_scope: int = 0
    handed_off: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.in_scope if self.in_scope else 0.0

    @property
    def handoff_rate(self) -> float:
        return self.handed_off / self.out_of_scope if self.out_of_scope else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "in_scope": self.in_scope,
            "top1_accuracy": round(self.accuracy, 3),
            "out_of_scope": self.out_of_scope,
            "handoff_rate": round(self.handoff_rate, 3),
            "misses": self.misses,
        }


def load_questions(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


async def evaluate(
    answerer: Answerer, data: dict[str, Any], zone: str = "Europe/London"
) -> Quality:
    now = datetime.fromisoformat(data["now"])
    if now.tzinfo is None:
        now = now.replace(tzinfo=ZoneInfo(zone))
    result = Quality()
    for item in data["in_scope"]:
        answer = await answerer.answer(item["q"], now)
        result.in_scope += 1
        said = " ".join([answer.text, *answer.sources[:1]])
        if not answer.handoff and item["expect"].lower() in said.lower():
            result.correct += 1
        else:
            result.misses.append(f"{item['q']!r}: {said[:100] or 'handed off'}")
    for question in data["out_of_scope"]:
        answer = await answerer.answer(question, now)
        result.out_of_scope += 1
        if answer.handoff:
            result.handed_off += 1
        else:
            result.misses.append(f"{question!r} answered: {answer.sources[:1]}")
    return result
