"""campaigns/phrasings.yaml from the labelled question sets: every tuning question becomes a
phrasing tied to what answers it (see bot/content/phrasings.py).

    python -m benchmarks.phrasings            # regenerate campaigns/phrasings.yaml
    python -m benchmarks.phrasings --check    # say what would be written and what is dropped

An `answer` whose expected string is a date the live ballot answer gives at the question's
moment becomes a live phrasing (its ballot and slot); otherwise it names the passages of its
source file holding an expected string. A question nothing in the content holds is dropped.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.answers.dates import Clock, said_for
from bot.answers.index import PassageIndex
from bot.answers.live import slot_of
from bot.answers.phrasings import file_of, holding
from bot.answers.quality import items_of, load_questions
from bot.content.loader import Content, load_content
from bot.content.passages import passages_from
from bot.content.phrasings import FILE, Phrasing
from bot.content.sync import ballot_from_content
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ZONE = "Europe/London"
# Each labelled file and the writer of its questions when an item does not say.
LABELLED = {
    "questions_tuning.yaml": "",
    "questions_tuning_d.yaml": "d",
    "questions_tuning_e.yaml": "e",
    "questions_tuning_f.yaml": "f",
    "questions_tuning_g.yaml": "g",
    "questions_tuning_h.yaml": "h",
    "questions_tuning_i.yaml": "i",
    "questions_tuning_j.yaml": "j",
    "questions_tuning_k.yaml": "k",
    "questions_tuning_l.yaml": "l",
    "questions_tuning_m.yaml": "m",
    "questions_tuning_r.yaml": "r",
    "questions_tuning_s.yaml": "s",
    "questions_tuning_t.yaml": "t",
    "questions_tuning_u.yaml": "u",
    "questions_tuning_x.yaml": "x",
    "questions_tuning_y.yaml": "y",
    "questions_tuning_ac.yaml": "ac",
    "questions_tuning_ad.yaml": "ad",
    "questions_tuning_ae.yaml": "ae",
    "questions_tuning_af.yaml": "af",
    "questions_tuning_ai.yaml": "ai",
    "questions_tuning_aj.yaml": "aj",
    "questions_tuning_ak.yaml": "ak",
    "questions_tuning_al.yaml": "al",
    "questions_tuning_ao.yaml": "ao",
    "questions_tuning_ap.yaml": "ap",
    "questions_tuning_bk.yaml": "bk",
    "questions_tuning_bl.yaml": "bl",
    "questions_tuning_bm.yaml": "bm",
    "questions_tuning_bn.yaml": "bn",
    "questions_tuning_bo.yaml": "bo",
    "questions_tuning_br.yaml": "br",
    "questions_tuning_bs.yaml": "bs",
    "questions_tuning_bt.yaml": "bt",
    "questions_tuning_bu.yaml": "bu",
    "questions_tuning_bx.yaml": "bx",
    "questions_tuning_by.yaml": "by",
    "questions_tuning_bz.yaml": "bz",
    "questions_tuning_ca.yaml": "ca",
    "questions_tuning_cb.yaml": "cb",
    "questions_tuning_cc.yaml": "cc",
    "questions_tuning_cd.yaml": "cd",
    "questions_tuning_ce.yaml": "ce",
    "questions_tuning_ch.yaml": "ch",
    "questions_tuning_ci.yaml": "ci",
    "questions_tuning_cj.yaml": "cj",
    "questions_tuning_ck.yaml": "ck",
    "questions_tuning_cl.yaml": "cl",
    "questions_tuning_cm.yaml": "cm",
    "questions_tuning_cn.yaml": "cn",
    "questions_tuning_co.yaml": "co",
    "questions_tuning_cr.yaml": "cr",
    "questions_tuning_cs.yaml": "cs",
    "questions_tuning_ct.yaml": "ct",
    "questions_tuning_cu.yaml": "cu",
    "questions_tuning_cv.yaml": "cv",
    "questions_tuning_cw.yaml": "cw",
    "questions_tuning_cx.yaml": "cx",
    "questions_tuning_cy.yaml": "cy",
    "questions_tuning_db.yaml": "db",
    "questions_tuning_dc.yaml": "dc",
    "questions_tuning_dd.yaml": "dd",
    "questions_tuning_de.yaml": "de",
    "questions_tuning_df.yaml": "df",
    "questions_tuning_dg.yaml": "dg",
    "questions_tuning_dh.yaml": "dh",
    "questions_tuning_di.yaml": "di",
    "questions_tuning_dl.yaml": "dl",
    "questions_tuning_dm.yaml": "dm",
    "questions_tuning_dn.yaml": "dn",
    "questions_tuning_do.yaml": "do",
    "questions_tuning_dp.yaml": "dp",
    "questions_tuning_dq.yaml": "dq",
    "questions_tuning_dr.yaml": "dr",
    "questions_tuning_ds.yaml": "ds",
    "questions_tuning_dv.yaml": "dv",
    "questions_tuning_dw.yaml": "dw",
    "questions_tuning_dx.yaml": "dx",
    "questions_tuning_dy.yaml": "dy",
    "questions_tuning_dz.yaml": "dz",
    "questions_tuning_ea.yaml": "ea",
    "questions_tuning_eb.yaml": "eb",
    "questions_tuning_ec.yaml": "ec",
    "questions_tuning_ef.yaml": "ef",
    "questions_tuning_eg.yaml": "eg",
    "questions_tuning_eh.yaml": "eh",
    "questions_tuning_ei.yaml": "ei",
    "questions_tuning_ej.yaml": "ej",
    "questions_tuning_ek.yaml": "ek",
    "questions_tuning_el.yaml": "el",
    "questions_tuning_em.yaml": "em",
    "questions_tuning_ev.yaml": "ev",
    "questions_tuning_ew.yaml": "ew",
    "questions_tuning_ex.yaml": "ex",
    "questions_tuning_ey.yaml": "ey",
    "questions_tuning_fa.yaml": "fa",
    "questions_tuning_fb.yaml": "fb",
    "questions_tuning_fg.yaml": "fg",
    "questions_tuning_fh.yaml": "fh",
    "questions_tuning_fi.yaml": "fi",
    "questions_tuning_fj.yaml": "fj",
    "questions_tuning_fk.yaml": "fk",
    "questions_tuning_fl.yaml": "fl",
    "questions_tuning_fm.yaml": "fm",
    "questions_tuning_fn.yaml": "fn",
    "questions_tuning_fo.yaml": "fo",
    "questions_tuning_fp.yaml": "fp",
    "questions_tuning_fq.yaml": "fq",
    "questions_tuning_fr.yaml": "fr",
    "questions_tuning_fs.yaml": "fs",
    "questions_tuning_ft.yaml": "ft",
    "questions_tuning_fu.yaml": "fu",
    "questions_tuning_fv.yaml": "fv",
    "questions_tuning_fw.yaml": "fw",
    "questions_tuning_fx.yaml": "fx",
    "questions_tuning_fy.yaml": "fy",
    "questions_tuning_fz.yaml": "fz",
    "questions_tuning_ga.yaml": "ga",
    "questions_tuning_gb.yaml": "gb",
    "questions_tuning_gc.yaml": "gc",
    "questions_tuning_gd.yaml": "gd",
    "questions_tuning_ge.yaml": "ge",
    "questions_tuning_gf.yaml": "gf",
    "questions_tuning_gg.yaml": "gg",
    "questions_tuning_gh.yaml": "gh",
    "questions_tuning_gi.yaml": "gi",
    "questions_tuning_gj.yaml": "gj",
    "questions_tuning_gk.yaml": "gk",
    "questions_tuning_gl.yaml": "gl",
    "questions_tuning_gm.yaml": "gm",
    "questions_tuning_gn.yaml": "gn",
    "questions_paraphrases.yaml": "dev",
    "heldout/questions_heldout.yaml": "",  # v1: seen, now tuning data
    "heldout/questions_heldout_v2.yaml": "c",  # v2: seen, now tuning data
    # v3 to v30: the held-out sets of the third to twenty-ninth rounds, retired when the next
    # was written; tuning data now, their items name their writers
    "heldout/questions_heldout_v3.yaml": "e",
    "heldout/questions_heldout_v4.yaml": "",
    "heldout/questions_heldout_v5.yaml": "",
    "heldout/questions_heldout_v6.yaml": "",
    "heldout/questions_heldout_v7.yaml": "",
    "heldout/questions_heldout_v8.yaml": "",
    "heldout/questions_heldout_v9.yaml": "",
    "heldout/questions_heldout_v10.yaml": "",
    "heldout/questions_heldout_v11.yaml": "",
    "heldout/questions_heldout_v12.yaml": "",
    "heldout/questions_heldout_v13.yaml": "",
    "heldout/questions_heldout_v14.yaml": "",
    "heldout/questions_heldout_v15.yaml": "",
    "heldout/questions_heldout_v16.yaml": "",
    "heldout/questions_heldout_v17.yaml": "",
    "heldout/questions_heldout_v18.yaml": "",
    "heldout/questions_heldout_v19.yaml": "",
    "heldout/questions_heldout_v20.yaml": "",
    "heldout/questions_heldout_v21.yaml": "",
    "heldout/questions_heldout_v22.yaml": "",
    "heldout/questions_heldout_v23.yaml": "",
    "heldout/questions_heldout_v24.yaml": "",
    "heldout/questions_heldout_v25.yaml": "",
    "heldout/questions_heldout_v26.yaml": "",
    "heldout/questions_heldout_v27.yaml": "",
    "heldout/questions_heldout_v28.yaml": "",
    "heldout/questions_heldout_v29.yaml": "",
    "heldout/questions_heldout_v30.yaml": "",
}
LIVE_SLOTS = ("posting", "close", "opening", "join", "pack", "replace", "status", "over")
SOURCES = {"bot-features": "bot.md", "none": None}
_DATED = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|"
    r"yesterday|noon|days?|\d{1,2}:\d\d|open|closed)\b",
    re.IGNORECASE,
)


def labelled(files: dict[str, str] = LABELLED) -> Iterator[dict[str, Any]]:
    """Every labelled question, with its writer and its moment."""
    for name, writer in files.items():
        data = load_questions(DATA / name)
        for item in items_of(data):
            now = item.get("now", data.get("now"))
            yield item | {"writer": str(item.get("writer", writer)).lower(), "now": now}


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def _live(item: dict[str, Any], content: Content) -> tuple[str, str] | None:
    """The ballot and slot whose live answer, at the question's moment, holds the fact."""
    source, expect = item.get("source"), _strings(item.get("expect"))
    if not any(_DATED.search(e) for e in expect):
        return None
    docs = [d for d in content.ballots if not source or d.source_file.endswith("/" + source)]
    now = datetime.fromisoformat(str(item["now"])).replace(tzinfo=ZoneInfo(ZONE))
    clock, bad = Clock(now, ZONE, UkWorkingDays()), _strings(item.get("not"))
    asked = slot_of(item["q"])
    order = sorted(LIVE_SLOTS, key=lambda s: s != asked)
    for slot in order:
        for doc in docs:
            said = (said_for(slot, clock, ballot_from_content(doc), item["q"]) or "").lower()
            if any(e.lower() in said for e in expect) and not any(b.lower() in said for b in bad):
                return doc.id, slot
    return None


def phrasing_of(item: dict[str, Any], content: Content, index: PassageIndex) -> Phrasing | None:
    """The phrasing for a labelled question; None when the content does not hold its fact."""
    base = {"q": item["q"], "kind": item["kind"], "writer": item["writer"]}
    if item["kind"] != "answer":
        return Phrasing.model_validate(base)
    found = _live(item, content)
    if found is not None:
        return Phrasing.model_validate(base | {"ballot": found[0], "live": found[1]})
    source = SOURCES.get(str(item.get("source")), item.get("source"))
    made = Phrasing.model_validate(
        base
        | {"source": source, "holds": _strings(item.get("expect"))}
        | ({"not": _strings(item["not"])} if item.get("not") else {})
    )
    return made if holding(made, index.passages, file_of(content)) else None


def build(content: Content) -> tuple[list[Phrasing], list[str]]:
    index = PassageIndex(passages_from(content))
    kept, dropped = [], []
    for item in labelled():
        made = phrasing_of(item, content, index)
        if made is None:
            dropped.append(item["q"])
        else:
            kept.append(made)
    return kept, dropped


HEADER = """\
# Labelled phrasings: how members ask, and what answers them (see bot/content/phrasings.py).
# GENERATED by `python -m benchmarks.phrasings` from the labelled question sets in tests/data
# (the tuning sets, the developer's paraphrases, held-out v1 and v2); regenerate, do not edit
# by hand (add your own phrasings with /faq alias, or in a file of your own).
"""


def dump(phrasings: list[Phrasing]) -> str:
    rows = [p.model_dump(by_alias=True, exclude_defaults=True) for p in phrasings]
    for row in rows:
        for key in ("holds", "not"):
            if key in row:
                row[key] = list(row[key])
    text = yaml.safe_dump({"phrasings": rows}, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + text


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.phrasings")
    parser.add_argument("--check", action="store_true", help="write nothing, say what")
    args = parser.parse_args()
    content = load_content(ROOT / "campaigns", ZoneInfo(ZONE))
    kept, dropped = build(content)
    kinds = {k: sum(1 for p in kept if p.kind == k) for k in ("answer", "handoff", "partisan")}
    live = sum(1 for p in kept if p.live)
    print(f"{len(kept)} phrasings ({kinds}, {live} of the answers live); {len(dropped)} dropped")
    for q in dropped:
        print(f"  dropped (nothing holds it): {q}")
    if not args.check:
        (ROOT / "campaigns" / FILE).write_text(dump(kept), encoding="utf-8")


if __name__ == "__main__":
    main()
