"""Answer time with 1,000 content entries: p50 and p95 over the question set, and the set's
top-1 accuracy and hand-off rate on the example content."""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer
from bot.answers.index import Entry
from bot.answers.quality import evaluate, load_questions
from bot.ballots.calendar import UkWorkingDays
from bot.content.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "pay pension leave branch office travel allowance overtime grading appraisal sickness "
    "absence transfer promotion training safety equality review contract redundancy hours "
    "shift weekend rota expenses mileage uniform desk hybrid building relocation merger"
).split()


def _filler(count: int, seed: int = 7) -> list[Entry]:
    rng = random.Random(seed)
    found = []
    for i in range(count):
        words = rng.sample(WORDS, 4)
        question = f"What is the policy on {words[0]} and {words[1]} ({i})?"
        answer = f"See the {words[2]} and {words[3]} guidance, section {i}."
        found.append(Entry(question, answer, "FAQ: " + question, None, f"{question} {answer}"))
    return found


async def measure(entries: int = 1000, rounds: int = 5) -> dict[str, Any]:
    zone = ZoneInfo("Europe/London")
    content = load_content(ROOT / "campaigns", zone)
    data = load_questions(ROOT / "tests" / "data" / "questions.yaml")
    quality = await evaluate(ContentAnswerer(content, None, UkWorkingDays(), str(zone)), data)
    base = ContentAnswerer(content, None, UkWorkingDays(), str(zone))
    filler = _filler(max(0, entries - len(base.index.entries)))
    answerer = ContentAnswerer(content, None, UkWorkingDays(), str(zone), extra=filler)
    questions = [item["q"] for item in data["in_scope"]] + list(data["out_of_scope"])
    now = datetime(2023, 5, 8, 10, tzinfo=zone)
    timings = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            await answerer.answer(question, now)
            timings.append(time.perf_counter() - started)
    timings.sort()
    return {
        "entries": len(answerer.index.entries),
        "questions_timed": len(timings),
        "p50_ms": round(1000 * statistics.median(timings), 2),
        "p95_ms": round(1000 * timings[int(0.95 * len(timings)) - 1], 2),
        "top1_accuracy": round(quality.accuracy, 3),
        "handoff_rate": round(quality.handoff_rate, 3),
        "in_scope": quality.in_scope,
        "out_of_scope": quality.out_of_scope,
    }
