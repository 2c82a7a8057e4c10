"""A big YAML file's document is kept on disk as JSON (bot/content/yamlio.py): read back the
same as parsed, parsed again when its bytes change or the kept copy is damaged, and never
kept when JSON would change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import yamlio
from bot.content.phrasings import load_phrasings
from tests.harness import ROOT


def big(document: str) -> bytes:
    """`document` followed by enough of a list to make the file big."""
    filler = "".join(f"  - line {i} of a long list\n" for i in range(yamlio.BIG // 20))
    return f"{document}filler:\n{filler}".encode()


def test_a_big_document_is_kept_and_read_back_the_same(tmp_path: Path) -> None:
    raw = big("a: 1\nb: [x, true, 2.5, null]\n")
    first = yamlio.load_kept(raw, tmp_path)
    assert first == yamlio.load(raw.decode())
    [kept] = tmp_path.glob("*.json")
    assert yamlio.load_kept(raw, tmp_path) == first
    kept.write_text('{"a": "what the kept copy says"}', encoding="utf-8")
    assert yamlio.load_kept(raw, tmp_path)["a"] == "what the kept copy says"  # read, not parsed


def test_changed_bytes_are_parsed_again(tmp_path: Path) -> None:
    assert yamlio.load_kept(big("a: 1\n"), tmp_path)["a"] == 1
    assert yamlio.load_kept(big("a: 2\n"), tmp_path)["a"] == 2
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_a_damaged_copy_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    raw = big("a: 1\n")
    yamlio.load_kept(raw, tmp_path)
    [kept] = tmp_path.glob("*.json")
    kept.write_text('{"a": 1, "fill', encoding="utf-8")  # cut short
    assert yamlio.load_kept(raw, tmp_path) == yamlio.load(raw.decode())
    assert yamlio.load_kept(raw, tmp_path) == yamlio.load(raw.decode())  # kept whole again


@pytest.mark.parametrize("document", ["when: 2026-12-01\n", "1: one\n", "no: false\n"])
def test_what_json_would_change_is_not_kept(tmp_path: Path, document: str) -> None:
    raw = big(document)
    assert yamlio.load_kept(raw, tmp_path) == yamlio.load(raw.decode())
    assert not list(tmp_path.glob("*.json"))


def test_a_small_file_is_never_kept(tmp_path: Path) -> None:
    assert yamlio.load_kept(b"a: 1\n", tmp_path) == {"a": 1}
    assert not list(tmp_path.glob("*"))


def test_only_the_newest_few_are_kept(tmp_path: Path) -> None:
    for n in range(yamlio.NEWEST + 3):
        yamlio.load_kept(big(f"n: {n}\n"), tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == yamlio.NEWEST


def test_a_read_only_place_only_costs_a_parse(tmp_path: Path) -> None:
    place = tmp_path / "file"
    place.write_text("not a folder", encoding="utf-8")
    raw = big("a: 1\n")
    assert yamlio.load_kept(raw, place / "content") == yamlio.load(raw.decode())


def test_the_shipped_phrasings_read_the_same_kept_or_parsed(tmp_path: Path) -> None:
    raw = (ROOT / "campaigns" / "phrasings.yaml").read_bytes()
    assert len(raw) >= yamlio.BIG  # what the keeping is for
    parsed = yamlio.load(raw.decode())
    assert yamlio.load_kept(raw, tmp_path) == parsed  # parsed and kept
    assert yamlio.load_kept(raw, tmp_path) == parsed  # read back
    found, problems = load_phrasings(ROOT / "campaigns")
    assert not problems and len(found) == len(parsed["phrasings"])
