"""Whether an answer about to be given is likely right: a small logistic model over what the
engine already knows of it (how confident, how well the best passage explains the question,
how the phrasings nearest the question vote, how the message was read), fitted offline
leave-one-writer-out (benchmarks/gate.py) and shipped as coefficients (gate.json). An answer
below the threshold is handed off instead: a wrong answer said with confidence costs a member
more than a question passed to an organiser.

Not shipped (no gate.json): fitted on the 38 writers' folds (thirteenth round) it told right
from wrong answers with an AUC of 0.82, but the wrong ones are 4% of the answers given and
look as confident as the right, so at every threshold it handed off about as many right
answers as wrong ones (benchmarks/ANSWERS.md). Without gate.json the engine never gates.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answers import neutral, routing
from bot.answers.text import clean_question, stem, words
from bot.core.services import Answer

if TYPE_CHECKING:
    from bot.answers.engine import ContentAnswerer

COEFFICIENTS = Path(__file__).parent / "gate.json"
FEATURES = (
    "confidence",
    "live",
    "top_score",
    "margin",
    "coverage",
    "vote_near",
    "vote_share",
    "vote_agrees",
    "vote_handoff",
    "words",
    "unknown",
    "sentences",
    "explained",
    "key_held",
    "asked_alone",
    "glossed",
    "length",
)


def features(
    a: ContentAnswerer, question: str, answer: Answer, titles: dict[str, str]
) -> list[float]:
    """What the engine knows of an answer, each scaled to about 0-1."""
    text = clean_question(question)
    query = a._query(text)
    hits = a.search(text, query)
    top = hits[0].score if hits else 0.0
    second = hits[1].score if len(hits) > 1 else 0.0
    verdict = a.phrasebook.vote(text, query)
    known = [t for t in query if a.index.knows(t)]
    said = {a.index.related(stem(w)) for w in words(answer.text)}
    key = a.index.key_term(query)
    return [
        answer.confidence,
        1.0 if answer.confidence >= routing.LIVE else 0.0,
        min(top / 10.0, 2.0),
        (top - second) / top if top else 0.0,
        a.index.coverage(query, hits[0]) if hits else 0.0,
        verdict.nearest if verdict else 0.0,
        verdict.share if verdict else 0.0,
        1.0 if verdict is not None and routing.agrees(a, answer, verdict, titles) else 0.0,
        1.0 if verdict is not None and verdict.kind == "handoff" else 0.0,
        min(len(query) / 10.0, 2.0),
        1.0 - len(known) / len(query) if query else 0.0,
        min(text.count("?") + text.count(". "), 4) / 4.0,
        a._share(known, said),
        1.0 if key is None or key in said else 0.0,
        1.0 if a.read_as == "asked" else 0.0,
        1.0 if a.read_as == "glossed" else 0.0,
        min(len(answer.text) / 400.0, 2.0),
    ]


@dataclass(frozen=True)
class Gate:
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def right(self, found: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, found, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


def load(path: Path = COEFFICIENTS) -> Gate | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if list(data["features"]) != list(FEATURES):
        return None
    weights = tuple(float(w) for w in data["weights"])
    return Gate(weights, float(data["bias"]), float(data["threshold"]))


def neutral_answer(answer: Answer) -> bool:
    return neutral.is_neutral(answer.text)
