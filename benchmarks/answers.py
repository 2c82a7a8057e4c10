"""Members' questions: quality on the tuning sets and on the held-out sets (written by people
who never saw the engine, never tuned on: only their figures are printed, never their
misses), and answer time p50/p95 with 1,000 and with 10,000 content entries. The held-out
figures reported at the top are v5's (the fifth round's, writers h and i); v1 to v4 were seen
before.

    python -m benchmarks.answers      # this part alone, as JSON
    python -m benchmarks              # everything, with the targets table
    python -m benchmarks.answers --sets tuning,tuning_d --misses --sizes 1000
                                      # tuning sets only, with their misses

`--misses` is refused for a held-out set: their questions are never looked at.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
import statistics
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.answers import memo
from bot.answers.engine import ContentAnswerer
from bot.answers.quality import evaluate, items_of, load_questions
from bot.content.loader import Content, load_content
from bot.content.models import Faq, FaqEntry
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = {
    "tuning": DATA / "questions_tuning.yaml",
    "tuning_d": DATA / "questions_tuning_d.yaml",
    "tuning_e": DATA / "questions_tuning_e.yaml",
    "tuning_f": DATA / "questions_tuning_f.yaml",
    "tuning_g": DATA / "questions_tuning_g.yaml",
    "tuning_h": DATA / "questions_tuning_h.yaml",
    "tuning_i": DATA / "questions_tuning_i.yaml",
    "tuning_j": DATA / "questions_tuning_j.yaml",
    "tuning_k": DATA / "questions_tuning_k.yaml",
    "tuning_l": DATA / "questions_tuning_l.yaml",
    "tuning_m": DATA / "questions_tuning_m.yaml",
    "tuning_r": DATA / "questions_tuning_r.yaml",
    "tuning_s": DATA / "questions_tuning_s.yaml",
    "tuning_t": DATA / "questions_tuning_t.yaml",
    "tuning_u": DATA / "questions_tuning_u.yaml",
    "tuning_x": DATA / "questions_tuning_x.yaml",
    "tuning_y": DATA / "questions_tuning_y.yaml",
    "tuning_ac": DATA / "questions_tuning_ac.yaml",
    "tuning_ad": DATA / "questions_tuning_ad.yaml",
    "tuning_ae": DATA / "questions_tuning_ae.yaml",
    "tuning_af": DATA / "questions_tuning_af.yaml",
    "tuning_ai": DATA / "questions_tuning_ai.yaml",
    "tuning_aj": DATA / "questions_tuning_aj.yaml",
    "tuning_ak": DATA / "questions_tuning_ak.yaml",
    "tuning_al": DATA / "questions_tuning_al.yaml",
    "tuning_ao": DATA / "questions_tuning_ao.yaml",
    "tuning_ap": DATA / "questions_tuning_ap.yaml",
    "tuning_bk": DATA / "questions_tuning_bk.yaml",
    "tuning_bl": DATA / "questions_tuning_bl.yaml",
    "tuning_bm": DATA / "questions_tuning_bm.yaml",
    "tuning_bn": DATA / "questions_tuning_bn.yaml",
    "tuning_bo": DATA / "questions_tuning_bo.yaml",
    "tuning_br": DATA / "questions_tuning_br.yaml",
    "tuning_bs": DATA / "questions_tuning_bs.yaml",
    "tuning_bt": DATA / "questions_tuning_bt.yaml",
    "tuning_bu": DATA / "questions_tuning_bu.yaml",
    "tuning_bx": DATA / "questions_tuning_bx.yaml",
    "tuning_by": DATA / "questions_tuning_by.yaml",
    "tuning_bz": DATA / "questions_tuning_bz.yaml",
    "tuning_ca": DATA / "questions_tuning_ca.yaml",
    "tuning_cb": DATA / "questions_tuning_cb.yaml",
    "tuning_cc": DATA / "questions_tuning_cc.yaml",
    "tuning_cd": DATA / "questions_tuning_cd.yaml",
    "tuning_ce": DATA / "questions_tuning_ce.yaml",
    "tuning_ch": DATA / "questions_tuning_ch.yaml",
    "tuning_ci": DATA / "questions_tuning_ci.yaml",
    "tuning_cj": DATA / "questions_tuning_cj.yaml",
    "tuning_ck": DATA / "questions_tuning_ck.yaml",
    "tuning_cl": DATA / "questions_tuning_cl.yaml",
    "tuning_cm": DATA / "questions_tuning_cm.yaml",
    "tuning_cn": DATA / "questions_tuning_cn.yaml",
    "tuning_co": DATA / "questions_tuning_co.yaml",
    "tuning_cr": DATA / "questions_tuning_cr.yaml",
    "tuning_cs": DATA / "questions_tuning_cs.yaml",
    "tuning_ct": DATA / "questions_tuning_ct.yaml",
    "tuning_cu": DATA / "questions_tuning_cu.yaml",
    "tuning_cv": DATA / "questions_tuning_cv.yaml",
    "tuning_cw": DATA / "questions_tuning_cw.yaml",
    "tuning_cx": DATA / "questions_tuning_cx.yaml",
    "tuning_cy": DATA / "questions_tuning_cy.yaml",
    "tuning_db": DATA / "questions_tuning_db.yaml",
    "tuning_dc": DATA / "questions_tuning_dc.yaml",
    "tuning_dd": DATA / "questions_tuning_dd.yaml",
    "tuning_de": DATA / "questions_tuning_de.yaml",
    "tuning_df": DATA / "questions_tuning_df.yaml",
    "tuning_dg": DATA / "questions_tuning_dg.yaml",
    "tuning_dh": DATA / "questions_tuning_dh.yaml",
    "tuning_di": DATA / "questions_tuning_di.yaml",
    "tuning_dl": DATA / "questions_tuning_dl.yaml",
    "tuning_dm": DATA / "questions_tuning_dm.yaml",
    "tuning_dn": DATA / "questions_tuning_dn.yaml",
    "tuning_do": DATA / "questions_tuning_do.yaml",
    "tuning_dp": DATA / "questions_tuning_dp.yaml",
    "tuning_dq": DATA / "questions_tuning_dq.yaml",
    "tuning_dr": DATA / "questions_tuning_dr.yaml",
    "tuning_ds": DATA / "questions_tuning_ds.yaml",
    "tuning_dv": DATA / "questions_tuning_dv.yaml",
    "tuning_dw": DATA / "questions_tuning_dw.yaml",
    "tuning_dx": DATA / "questions_tuning_dx.yaml",
    "tuning_dy": DATA / "questions_tuning_dy.yaml",
    "tuning_dz": DATA / "questions_tuning_dz.yaml",
    "tuning_ea": DATA / "questions_tuning_ea.yaml",
    "tuning_eb": DATA / "questions_tuning_eb.yaml",
    "tuning_ec": DATA / "questions_tuning_ec.yaml",
    "tuning_ef": DATA / "questions_tuning_ef.yaml",
    "tuning_eg": DATA / "questions_tuning_eg.yaml",
    "tuning_eh": DATA / "questions_tuning_eh.yaml",
    "tuning_ei": DATA / "questions_tuning_ei.yaml",
    "tuning_ej": DATA / "questions_tuning_ej.yaml",
    "tuning_ek": DATA / "questions_tuning_ek.yaml",
    "tuning_el": DATA / "questions_tuning_el.yaml",
    "tuning_em": DATA / "questions_tuning_em.yaml",
    # v15 (writers aw and ax, whole sets, written 2 December before the seventeenth round's engine
    # changes) is the seventeenth round's held-out set, the one reported at the top; v14 (writers au
    # and av, written the same day before the sixteenth round's) was the sixteenth's; v13 (writers
    # as and at, written the same day before the fifteenth round's) was the fifteenth's; v12
    # (writers aq and ar, written the same day before the fourteenth round's) was the fourteenth's;
    # v11 (writers am and an) was the thirteenth's; v10 (writers ag and ah, written 1 December
    # before the twelfth round's engine changes) was the twelfth's and the thirteenth's second; v9
    # (writers aa and ab, written the same day before the eleventh round's) was the eleventh's; v8
    # (writers v and w, written the same day before the tenth round's changes) was the tenth's; v7
    # (writers p and q, written the same morning before the ninth round's changes) was the ninth's;
    # v6 (writers n and o, whole sets, who never saw other writers' questions) was the sixth's; v5
    # (writers h and i, the halves of their sets not given to tuning) was the fifth round's; v4
    # (writers f and g) was the fourth round's.
    # v16 (writers ay and az, written at the end of the seventeenth round, after its engine
    # changes and before any later one) is held out too: the next round's set, and a second
    # fresh measure of the seventeenth round's engine.
    "tuning_ev": DATA / "questions_tuning_ev.yaml",
    "tuning_ew": DATA / "questions_tuning_ew.yaml",
    "tuning_ex": DATA / "questions_tuning_ex.yaml",
    "tuning_ey": DATA / "questions_tuning_ey.yaml",
    "tuning_fa": DATA / "questions_tuning_fa.yaml",
    "tuning_fb": DATA / "questions_tuning_fb.yaml",
    "tuning_fg": DATA / "questions_tuning_fg.yaml",
    "tuning_fh": DATA / "questions_tuning_fh.yaml",
    "tuning_fi": DATA / "questions_tuning_fi.yaml",
    "tuning_fj": DATA / "questions_tuning_fj.yaml",
    "tuning_fk": DATA / "questions_tuning_fk.yaml",
    "tuning_fl": DATA / "questions_tuning_fl.yaml",
    "tuning_fm": DATA / "questions_tuning_fm.yaml",
    "tuning_fn": DATA / "questions_tuning_fn.yaml",
    "tuning_fo": DATA / "questions_tuning_fo.yaml",
    "tuning_fp": DATA / "questions_tuning_fp.yaml",
    "tuning_fq": DATA / "questions_tuning_fq.yaml",
    "tuning_fr": DATA / "questions_tuning_fr.yaml",
    "tuning_fs": DATA / "questions_tuning_fs.yaml",
    "tuning_ft": DATA / "questions_tuning_ft.yaml",
    "tuning_fu": DATA / "questions_tuning_fu.yaml",
    "tuning_fv": DATA / "questions_tuning_fv.yaml",
    "tuning_fw": DATA / "questions_tuning_fw.yaml",
    "tuning_fx": DATA / "questions_tuning_fx.yaml",
    "tuning_fy": DATA / "questions_tuning_fy.yaml",
    "tuning_fz": DATA / "questions_tuning_fz.yaml",
    "tuning_ga": DATA / "questions_tuning_ga.yaml",
    "tuning_gb": DATA / "questions_tuning_gb.yaml",
    "tuning_gc": DATA / "questions_tuning_gc.yaml",
    "tuning_gd": DATA / "questions_tuning_gd.yaml",
    "tuning_ge": DATA / "questions_tuning_ge.yaml",
    "tuning_gf": DATA / "questions_tuning_gf.yaml",
    "tuning_gg": DATA / "questions_tuning_gg.yaml",
    "tuning_gh": DATA / "questions_tuning_gh.yaml",
    "tuning_gi": DATA / "questions_tuning_gi.yaml",
    "tuning_gj": DATA / "questions_tuning_gj.yaml",
    "tuning_gk": DATA / "questions_tuning_gk.yaml",
    "tuning_gl": DATA / "questions_tuning_gl.yaml",
    "tuning_gm": DATA / "questions_tuning_gm.yaml",
    "tuning_gn": DATA / "questions_tuning_gn.yaml",
    "heldout_v38": DATA / "heldout" / "questions_heldout_v38.yaml",
    "heldout_v37": DATA / "heldout" / "questions_heldout_v37.yaml",
    "heldout_v36": DATA / "heldout" / "questions_heldout_v36.yaml",
    "heldout_v35": DATA / "heldout" / "questions_heldout_v35.yaml",
    "heldout_v34": DATA / "heldout" / "questions_heldout_v34.yaml",
    "heldout_v33": DATA / "heldout" / "questions_heldout_v33.yaml",
    "heldout_v32": DATA / "heldout" / "questions_heldout_v32.yaml",
    "heldout_v31": DATA / "heldout" / "questions_heldout_v31.yaml",
    "heldout_v30": DATA / "heldout" / "questions_heldout_v30.yaml",
    "heldout_v29": DATA / "heldout" / "questions_heldout_v29.yaml",
    "heldout_v28": DATA / "heldout" / "questions_heldout_v28.yaml",
    "heldout_v27": DATA / "heldout" / "questions_heldout_v27.yaml",
    "heldout_v26": DATA / "heldout" / "questions_heldout_v26.yaml",
    "heldout_v25": DATA / "heldout" / "questions_heldout_v25.yaml",
    "heldout_v24": DATA / "heldout" / "questions_heldout_v24.yaml",
    "heldout_v23": DATA / "heldout" / "questions_heldout_v23.yaml",
    "heldout_v22": DATA / "heldout" / "questions_heldout_v22.yaml",
    "heldout_v21": DATA / "heldout" / "questions_heldout_v21.yaml",
    "heldout_v20": DATA / "heldout" / "questions_heldout_v20.yaml",
    "heldout_v19": DATA / "heldout" / "questions_heldout_v19.yaml",
    "heldout_v18": DATA / "heldout" / "questions_heldout_v18.yaml",
    "heldout_v17": DATA / "heldout" / "questions_heldout_v17.yaml",
    "heldout_v16": DATA / "heldout" / "questions_heldout_v16.yaml",
    "heldout_v15": DATA / "heldout" / "questions_heldout_v15.yaml",
    "heldout_v14": DATA / "heldout" / "questions_heldout_v14.yaml",
    "heldout_v13": DATA / "heldout" / "questions_heldout_v13.yaml",
    "heldout_v12": DATA / "heldout" / "questions_heldout_v12.yaml",
    "heldout_v11": DATA / "heldout" / "questions_heldout_v11.yaml",
    "heldout_v10": DATA / "heldout" / "questions_heldout_v10.yaml",
    "heldout_v9": DATA / "heldout" / "questions_heldout_v9.yaml",
    "heldout_v8": DATA / "heldout" / "questions_heldout_v8.yaml",
    "heldout_v7": DATA / "heldout" / "questions_heldout_v7.yaml",
    "heldout_v6": DATA / "heldout" / "questions_heldout_v6.yaml",
    "heldout_v5": DATA / "heldout" / "questions_heldout_v5.yaml",
    "heldout_v4": DATA / "heldout" / "questions_heldout_v4.yaml",
    # v3 (writer e) was the third round's held-out set; v2 (writer C) was the second round's,
    # v1 the first round's: both now tuning data (see TUNING).
    "heldout_v3": DATA / "heldout" / "questions_heldout_v3.yaml",
    "heldout_v2": DATA / "heldout" / "questions_heldout_v2.yaml",
    "heldout": DATA / "heldout" / "questions_heldout.yaml",
    "older": DATA / "questions.yaml",
    "paraphrases": DATA / "questions_paraphrases.yaml",
}
# v1 and v2 were seen (their thresholds swept) and their questions are now shipped as
# phrasings (campaigns/phrasings.yaml): tuning data, their misses may be listed.
TUNING = (
    *("tuning", "tuning_d", "tuning_e", "tuning_f", "tuning_g", "tuning_h", "tuning_i"),
    *("tuning_j", "tuning_k", "tuning_l", "tuning_m", "tuning_r", "tuning_s"),
    *("tuning_t", "tuning_u", "tuning_x", "tuning_y", "tuning_ac", "tuning_ad", "tuning_ae"),
    *("tuning_af", "tuning_ai", "tuning_aj", "tuning_ak", "tuning_al", "tuning_ao"),
    *("tuning_ap", "heldout_v2"),
    # five writers of the twentieth round, whose misses were its evidence
    *("tuning_bk", "tuning_bl", "tuning_bm", "tuning_bn", "tuning_bo"),
    # four writers of the twenty-first round
    *("tuning_br", "tuning_bs", "tuning_bt", "tuning_bu"),
    # four writers of the twenty-second round
    *("tuning_bx", "tuning_by", "tuning_bz", "tuning_ca"),
    # and four more, written after its first wave of changes
    *("tuning_cb", "tuning_cc", "tuning_cd", "tuning_ce"),
    # four writers of the twenty-third round
    *("tuning_ch", "tuning_ci", "tuning_cj", "tuning_ck"),
    # and four more, read from its second wave on
    *("tuning_cl", "tuning_cm", "tuning_cn", "tuning_co"),
    # writers of the twenty-fourth round
    *("tuning_cr", "tuning_cs", "tuning_ct", "tuning_cu"),
    # and four more, read from its second wave on
    *("tuning_cv", "tuning_cw", "tuning_cx", "tuning_cy"),
    # writers of the twenty-fifth round
    *("tuning_db", "tuning_dc", "tuning_dd", "tuning_de"),
    # and four more, read from its second wave on
    *("tuning_df", "tuning_dg", "tuning_dh", "tuning_di"),
    # writers of the twenty-sixth round
    *("tuning_dl", "tuning_dm", "tuning_dn", "tuning_do"),
    # and four more, read from its second wave on
    *("tuning_dp", "tuning_dq", "tuning_dr", "tuning_ds"),
    # writers of the twenty-seventh round
    *("tuning_dv", "tuning_dw", "tuning_dx", "tuning_dy"),
    # and four more, scored in totals only through that round (its transfer check), read from
    # the twenty-eighth on
    *("tuning_dz", "tuning_ea", "tuning_eb", "tuning_ec"),
    # writers of the twenty-eighth round
    *("tuning_ef", "tuning_eg", "tuning_eh", "tuning_ei"),
    # and four more, scored in totals only through that round (its transfer check), read from
    # the twenty-ninth on
    *("tuning_ej", "tuning_ek", "tuning_el", "tuning_em"),
    # the thirtieth round's transfer check, written beside v31, scored in totals only through
    # that round and read from the thirty-first on
    *("tuning_ev", "tuning_ew", "tuning_ex", "tuning_ey"),
    # the thirty-first round's guard, written beside v32, scored in totals only through that
    # round and read from the thirty-second on
    *("tuning_fa", "tuning_fb"),
    # the thirty-second round's fresh check, written at its start and read in it
    *("tuning_fg", "tuning_fh"),
    # the thirty-third round's fresh check, written at its start and read in it
    *("tuning_fi", "tuning_fj"),
    # and its second, written after the first pair's changes
    *("tuning_fk", "tuning_fl"),
    # the thirty-fourth round's fresh checks, written at its start (fm-fp), after its first
    # changes (fq-ft), after its second (fu-fx) and after its third (fy-gb), scored on arrival
    # and read in it
    *("tuning_fm", "tuning_fn", "tuning_fo", "tuning_fp"),
    *("tuning_fq", "tuning_fr", "tuning_fs", "tuning_ft"),
    *("tuning_fu", "tuning_fv", "tuning_fw", "tuning_fx"),
    *("tuning_fy", "tuning_fz", "tuning_ga", "tuning_gb"),
    # the thirty-fifth round's fresh checks (gc-gf partisan-heavy; gg-gj written after their
    # changes, gk-gn after gg-gj's), scored on arrival and read in it
    *("tuning_gc", "tuning_gd", "tuning_ge", "tuning_gf"),
    *("tuning_gg", "tuning_gh", "tuning_gi", "tuning_gj"),
    *("tuning_gk", "tuning_gl", "tuning_gm", "tuning_gn"),
    "heldout",
    # the held-out sets of the third to twenty-ninth rounds, retired when the next was written
    # (v29 and v30 together, in the thirtieth round: a helper's search had printed their
    # questions in the twenty-ninth)
    *("heldout_v30", "heldout_v29"),
    *("heldout_v28", "heldout_v27", "heldout_v26"),
    *("heldout_v25", "heldout_v24", "heldout_v23", "heldout_v22", "heldout_v21", "heldout_v20"),
    *("heldout_v19",),
    *("heldout_v18", "heldout_v17", "heldout_v16", "heldout_v15", "heldout_v14"),
    *("heldout_v13", "heldout_v12", "heldout_v11"),
    *("heldout_v10", "heldout_v9", "heldout_v8", "heldout_v7", "heldout_v6", "heldout_v5"),
    *("heldout_v4", "heldout_v3"),
)
# The held-out sets, counted together for the headline figures (`pooled`): v31 (writers et and
# eu, written at the start of the thirtieth round, before its changes), v32 (ez and fc,
# written at the start of the thirty-first, before its changes), v33 and v34 (two more
# writers, written at the end of the thirty-third round after its last change and scored once
# on it, then kept unread for the thirty-fourth), v35 and v36 (two more, written at the end of
# the thirty-fourth round after its last change, scored once, kept unread and pooled from the
# thirty-fifth round on: decided at the round's start, before any change or figure of it).
# Every question counts once, so that no pair is chosen for its figures. Their misses are not
# read and nothing is tuned on them. v29 (writers ed and ee) and v30 (en and eo) were held out
# in the twenty-eighth and twenty-ninth rounds: a helper's search printed their questions in the
# twenty-ninth, so both were retired to tuning together and v31 written before any change of
# the thirtieth.
HELD_OUT = tuple(f"heldout_v3{n}" for n in range(1, 7))
# The sets whose misses are never shown (`--misses` refuses them): the headline's, and v37 and
# v38 (two more writers, written at the end of the thirty-fifth round after its last change
# and scored once on it; kept out of the headline so that the next round starts from them
# unread).
UNREAD = (*HELD_OUT, "heldout_v37", "heldout_v38")
ZONE = "Europe/London"
WORDS = (
    "pay pension leave branch office travel allowance overtime grading appraisal sickness "
    "absence transfer promotion training safety equality review contract redundancy hours "
    "shift weekend rota expenses mileage uniform desk hybrid building relocation merger"
).split()


def _filler(count: int, seed: int = 7) -> Faq:
    """`count` FAQ entries on the office topics members ask about, each with its own terms."""
    rng = random.Random(seed)
    entries = []
    for i in range(count):
        a, b, c, d = rng.sample(WORDS, 4)
        entries.append(
            FaqEntry(
                id=f"filler-{i}",
                question=f"What is the policy on {a} and {b} for grade {i % 97} staff?",
                answer=f"See the {c} and {d} guidance, section {i}, and ask your manager.",
                keywords=[a, b, f"section-{i}"],
            )
        )
    return Faq(kind="faq", title="Office policies", entries=entries)


def _answerer(content: Content, entries: int = 0) -> ContentAnswerer:
    base = ContentAnswerer(content, None, UkWorkingDays(), ZONE)
    missing = entries - len(base.index.passages)
    if missing <= 0:
        return base
    padded = dataclasses.replace(content, faqs=(*content.faqs, _filler(missing)))
    return ContentAnswerer(padded, None, UkWorkingDays(), ZONE)


async def timing(content: Content, entries: int, rounds: int = 3) -> dict[str, Any]:
    """Answer time over the tuning set's questions at their own moments."""
    started = time.perf_counter()
    answerer = _answerer(content, entries)
    built = time.perf_counter() - started
    data = load_questions(SETS["tuning"])
    default = datetime.fromisoformat(str(data["now"])).replace(tzinfo=ZoneInfo(ZONE))
    asked = [
        (item["q"], datetime.fromisoformat(str(item["now"])).replace(tzinfo=ZoneInfo(ZONE)))
        if "now" in item
        else (item["q"], default)
        for item in items_of(data)
    ]
    timings = []
    for _ in range(rounds):
        memo.forget()  # each round's questions are asked for the first time
        for question, now in asked:
            begun = time.perf_counter()
            await answerer.answer(question, now)
            timings.append(time.perf_counter() - begun)
    timings.sort()
    return {
        "entries": len(answerer.index.passages),
        "index_build_s": round(built, 2),
        "questions_timed": len(timings),
        "p50_ms": round(1000 * statistics.median(timings), 2),
        "p95_ms": round(1000 * timings[int(0.95 * len(timings)) - 1], 2),
    }


async def quality(
    content: Content, names: Sequence[str] = tuple(SETS), misses: bool = False
) -> dict[str, Any]:
    answerer = _answerer(content)
    found = {}
    for name in names:
        path = SETS[name]
        if path.exists():
            scored = await evaluate(answerer, load_questions(path), ZONE)
            found[name] = scored.as_json(misses=misses and name not in UNREAD)
    return found


async def measure(
    names: Sequence[str] = tuple(SETS), sizes: Sequence[int] = (1000, 10_000), misses: bool = False
) -> dict[str, Any]:
    """The figures of the sets named and the answer time at each size of content."""
    content = load_content(ROOT / "campaigns", ZoneInfo(ZONE))
    sets = await quality(content, names, misses)
    timed = {str(size): await timing(content, size) for size in sizes}
    found: dict[str, Any] = {}
    if "tuning" in sets:
        found |= {
            "tuning_top1": sets["tuning"]["answer"]["rate"],
            "tuning_handoff": sets["tuning"]["handoff"]["rate"],
        }
    if "1000" in timed:
        found["p95_ms"] = timed["1000"]["p95_ms"]
    if "10000" in timed:
        found["p95_ms_10k"] = timed["10000"]["p95_ms"]
    held = [name for name in HELD_OUT if name in sets]
    if held:
        together = pooled([sets[name] for name in held])
        found |= {
            "heldout_sets": held,
            "heldout": together,
            "heldout_top1": together["answer"]["rate"],
            "heldout_handoff": together["handoff"]["rate"],
            "heldout_neutrality": together["partisan"]["rate"],
            "heldout_confidently_wrong_rate": together["confidently_wrong_rate"],
        }
    return found | {"sets": sets, "timing": timed}


def pooled(scored: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The held-out sets' figures counted together: every question once, each kind's right
    answers over its questions, confidently wrong over all of them."""

    def rate(right: int, total: int) -> float:
        return round(right / total, 3) if total else 0.0

    together: dict[str, Any] = {}
    for kind in ("answer", "handoff", "partisan"):
        right = sum(s[kind]["right"] for s in scored if kind in s)
        total = sum(s[kind]["questions"] for s in scored if kind in s)
        together[kind] = {"questions": total, "right": right, "rate": rate(right, total)}
    questions = sum(s["questions"] for s in scored)
    wrong = sum(s["confidently_wrong"] for s in scored)
    return together | {
        "questions": questions,
        "confidently_wrong": wrong,
        "confidently_wrong_rate": rate(wrong, questions),
    }


def _arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.answers",
        description="Members' questions: quality per question set and answer time, as JSON.",
    )
    parser.add_argument(
        "--sets",
        default=",".join(SETS),
        help=f"comma-separated sets to score, of: {', '.join(SETS)} (default: all; "
        f"the tuning sets are {', '.join(TUNING)})",
    )
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="content entries to time answers at, comma-separated ('' for none)",
    )
    parser.add_argument(
        "--misses", action="store_true", help="list each set's misses (tuning sets only)"
    )
    parser.add_argument(
        "--cv",
        action="store_true",
        help="leave-one-writer-out cross-validation of the phrasings layer (the labelled "
        "sets only; --sets and --sizes are ignored)",
    )
    parser.add_argument(
        "--writers",
        default="",
        help="with --cv: the folds of these writers only, comma-separated (e.g. j,m; the "
        "tuning set's own writer is '')",
    )
    args = parser.parse_args(argv)
    args.names = [n for n in args.sets.split(",") if n]
    unknown = [n for n in args.names if n not in SETS]
    if unknown:
        parser.error(f"unknown set(s): {', '.join(unknown)}")
    if args.misses and not args.cv and any(n in UNREAD for n in args.names):
        parser.error("--misses is for the tuning sets: a held-out set's misses are never shown")
    args.size_list = [int(s) for s in args.sizes.split(",") if s]
    return args


async def _cv(misses: bool, writers: Sequence[str] = ()) -> dict[str, Any]:
    from benchmarks.answers_cv import cross_validate

    content = load_content(ROOT / "campaigns", ZoneInfo(ZONE))
    return await cross_validate(content, misses, writers)


if __name__ == "__main__":
    found = _arguments()
    if found.cv:
        writers = [w.strip().lower() for w in found.writers.split(",") if w.strip()]
        print(json.dumps(asyncio.run(_cv(found.misses, writers)), indent=2))
    else:
        print(
            json.dumps(asyncio.run(measure(found.names, found.size_list, found.misses)), indent=2)
        )
