"""The answer-or-hand-off gate (bot/answers/gate.py), fitted and judged leave-one-writer-out.

    python -m benchmarks.gate collect   # every writer's fold: each answer's features, right or not
    python -m benchmarks.gate fit       # per fold: fitted on the other writers only, the threshold
                                        # chosen on their own out-of-fold scores; what it does to
                                        # that writer; then the shipped coefficients (gate.json)

A gated answer becomes a hand-off: right if the question was to be handed off, still wrong (but
no longer confidently wrong) if it was to be answered, wrong if it was answered right. The
neutral answer is never gated (a partisan question is never handed off).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from benchmarks.phrasings import ZONE, build, labelled
from bot.answers import gate
from bot.answers.engine import ContentAnswerer
from bot.answers.quality import judge
from bot.content.loader import load_content
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
ROWS = Path("/tmp") / "gate-rows.json"
GAIN, COST = 1.0, 1.0  # a wrong answer gated (a hand-off gained, or one fewer confidently
# wrong) against a right answer gated (an answer lost)


async def collect() -> list[dict[str, Any]]:
    content = load_content(ROOT / "campaigns", ZoneInfo(ZONE))
    items = list(labelled())
    phrasings, _ = build(content)
    tz = ZoneInfo(ZONE)
    rows = []
    for writer in sorted({i["writer"] for i in items}):
        kept = tuple(p for p in phrasings if p.writer != writer)
        after = ContentAnswerer(
            dataclasses.replace(content, phrasings=kept), None, UkWorkingDays(), ZONE, gated=False
        )
        titles = {k.ballot.name: k.ballot.title for k in await after._known()}
        for item in (i for i in items if i["writer"] == writer):
            now = datetime.fromisoformat(str(item["now"])).replace(tzinfo=tz)
            reply = await after.answer(item["q"], now)
            row = {
                "writer": writer,
                "kind": item["kind"],
                "right": judge(item, reply),
                "answered": not reply.handoff,
            }
            if not reply.handoff and not gate.neutral_answer(reply):
                row["x"] = gate.features(after, item["q"], reply, titles)
            rows.append(row)
        print(writer, len(rows), file=sys.stderr)
    return rows


def _fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 400) -> np.ndarray:
    """Logistic regression by Newton's method, an L2 penalty on the weights (not the bias)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.eye(xb.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _score(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))


def _value(p: np.ndarray, right: np.ndarray, t: float) -> float:
    gated = p < t
    return float(GAIN * (gated & ~right).sum() - COST * (gated & right).sum())


def _threshold(rows: list[dict[str, Any]], writers: list[str]) -> float:
    """The threshold the writers' own out-of-fold scores (each fitted without them) favour."""
    ps, rs = [], []
    for w in writers:
        train = [r for r in rows if r["writer"] != w and r["writer"] in writers and "x" in r]
        test = [r for r in rows if r["writer"] == w and "x" in r]
        if not test:
            continue
        coef = _fit(np.array([r["x"] for r in train]), np.array([r["right"] for r in train], float))
        ps.append(_score(coef, np.array([r["x"] for r in test])))
        rs.append(np.array([r["right"] for r in test]))
    p, right = np.concatenate(ps), np.concatenate(rs)
    grid = np.linspace(0.0, 0.8, 81)
    return float(max(grid, key=lambda t: (_value(p, right, t), -t)))


def _figures(rows: list[dict[str, Any]], gated: set[int]) -> dict[str, float]:
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong = 0
    for n, r in enumerate(rows):
        if n in gated:
            right, handed = r["kind"] == "handoff", True
        else:
            right, handed = r["right"], not r["answered"]
        by[r["kind"]][0] += right
        by[r["kind"]][1] += 1
        wrong += (not right) and not handed
    found = {k: round(v[0] / v[1], 3) for k, v in by.items() if v[1]}
    return found | {"confidently_wrong_rate": round(wrong / len(rows), 3)}


def fit(rows: list[dict[str, Any]]) -> dict[str, Any]:
    writers = sorted({r["writer"] for r in rows})
    folds = {}
    for w in writers:
        others = [x for x in writers if x != w]
        t = _threshold(rows, others)
        train = [r for r in rows if r["writer"] != w and "x" in r]
        coef = _fit(np.array([r["x"] for r in train]), np.array([r["right"] for r in train], float))
        mine = [r for r in rows if r["writer"] == w]
        gated = {
            n
            for n, r in enumerate(mine)
            if "x" in r and _score(coef, np.array([r["x"]]))[0] < t
        }
        folds[w] = {
            "threshold": round(t, 2),
            "gated": len(gated),
            "gated_wrong": sum(1 for n in gated if not mine[n]["right"]),
            "before": _figures(mine, set()),
            "after": _figures(mine, gated),
        }
        print(w, folds[w], file=sys.stderr)
    keys = ("answer", "handoff", "partisan", "confidently_wrong_rate")
    mean = {
        side: {
            k: round(float(np.mean([f[side][k] for f in folds.values() if k in f[side]])), 3)
            for k in keys
        }
        for side in ("before", "after")
    }
    t = _threshold(rows, writers)
    coef = _fit(
        np.array([r["x"] for r in rows if "x" in r]),
        np.array([r["right"] for r in rows if "x" in r], float),
    )
    shipped = {
        "features": list(gate.FEATURES),
        "weights": [round(float(c), 4) for c in coef[:-1]],
        "bias": round(float(coef[-1]), 4),
        "threshold": round(t, 3),
    }
    return {"folds": folds, "mean": mean, "shipped": shipped}


if __name__ == "__main__":
    if sys.argv[1:] == ["collect"]:
        ROWS.write_text(json.dumps(asyncio.run(collect())), encoding="utf-8")
    else:
        found = fit(json.loads(ROWS.read_text(encoding="utf-8")))
        print(json.dumps(found, indent=2))
