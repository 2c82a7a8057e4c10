"""Score an answerer on a question set.

The current format (tests/data/questions_tuning.yaml) lists `items`, each with `q`, an
optional `now`, a `kind` and what the reply must (`expect`, any one) and must not (`not`,
none) contain:

- answer: right when not handed off, with one `expect` string and no `not` string;
- handoff: right when handed off;
- partisan: right when not handed off, with no `not` string, and neutral (how and when to
  vote, where the statements are, no recommendation).

"Confidently wrong" counts replies that were not handed off and are wrong, of any kind.
The reply a member sees is the answer's text and its sources, so both are searched. The
older format (`in_scope` with one `expect`, `out_of_scope` questions) is read too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.content import yamlio

KINDS = ("answer", "handoff", "partisan")
# A neutral election answer says the choice is the member's and where the statements are.
NEUTRAL_MARKS = ("your choice", "neutral", "does not recommend", "never recommends")


class _Reply(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def sources(self) -> tuple[str, ...]: ...
    @property
    def handoff(self) -> bool: ...


class _Answerer(Protocol):
    async def answer(self, question: str, now: datetime) -> Any: ...


@dataclass
class KindScore:
    total: int = 0
    right: int = 0
    confidently_wrong: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class Quality:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(k.total for k in self.kinds.values())

    @property
    def accuracy(self) -> float:
        """Top-1 accuracy on the questions the content answers."""
        return self.kinds["answer"].rate

    @property
    def handoff_rate(self) -> float:
        return self.kinds["handoff"].rate

    @property
    def neutrality(self) -> float:
        return self.kinds["partisan"].rate

    @property
    def confidently_wrong(self) -> int:
        return sum(k.confidently_wrong for k in self.kinds.values())

    @property
    def confidently_wrong_rate(self) -> float:
        return self.confidently_wrong / self.total if self.total else 0.0

    @property
    def overall(self) -> float:
        return sum(k.right for k in self.kinds.values()) / self.total if self.total else 0.0

    def as_json(self, misses: bool = False) -> dict[str, Any]:
        found: dict[str, Any] = {
            "questions": self.total,
            "overall": round(self.overall, 3),
            "confidently_wrong": self.confidently_wrong,
            "confidently_wrong_rate": round(self.confidently_wrong_rate, 3),
        }
        for name, score in self.kinds.items():
            found[name] = {
                "questions": score.total,
                "right": score.right,
                "rate": round(score.rate, 3),
                "confidently_wrong": score.confidently_wrong,
            }
        if misses:
            found["misses"] = self.misses
        return found


def load_questions(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yamlio.load(path.read_text(encoding="utf-8"))
    return data


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def items_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The set's questions in the current format, whichever format the file uses."""
    if "items" in data:
        return list(data["items"])
    found: list[dict[str, Any]] = []
    for item in data.get("in_scope", []):
        kind = "partisan" if item["expect"] == "neutral" else "answer"
        found.append({"q": item["q"], "kind": kind, "expect": [item["expect"]]})
    found.extend({"q": q, "kind": "handoff"} for q in data.get("out_of_scope", []))
    return found


def is_neutral(said: str) -> bool:
    lowered = said.lower()
    return "statement" in lowered and any(mark in lowered for mark in NEUTRAL_MARKS)


def judge(item: dict[str, Any], reply: _Reply) -> bool:
    """Whether the reply is right for this item (see the module's docstring)."""
    kind = item["kind"]
    if kind == "handoff" or reply.handoff:
        return kind == "handoff" and reply.handoff
    said = " ".join([reply.text, *reply.sources]).lower()
    if any(bad.lower() in said for bad in _strings(item.get("not"))):
        return False
    if kind == "partisan":
        return is_neutral(said)
    expect = _strings(item.get("expect"))
    return any(e.lower() in said for e in expect)


def _moment(value: object, zone: ZoneInfo) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


async def evaluate(
    answerer: _Answerer, data: dict[str, Any], zone: str = "Europe/London"
) -> Quality:
    tz = ZoneInfo(zone)
    default = data.get("now")
    result = Quality()
    for item in items_of(data):
        now = _moment(item.get("now", default), tz) if item.get("now", default) else None
        reply = await answerer.answer(item["q"], now or datetime.now(tz))
        score = result.kinds[item["kind"]]
        score.total += 1
        if judge(item, reply):
            score.right += 1
            continue
        if not reply.handoff:
            score.confidently_wrong += 1
        said = " ".join([reply.text, *reply.sources[:1]])[:160] or "handed off"
        result.misses.append(f"[{item['kind']}] {item['q']!r} → {said}")
    return result
