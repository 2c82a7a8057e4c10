"""A question's readings are worked out once while it is answered, and `forget` drops them,
so that `make bench` times each question as if it were asked for the first time."""

from __future__ import annotations

from bot.answers import kinds, memo, text


def test_a_reading_is_kept_then_forgotten() -> None:
    memo.forget()
    question = "when's the NEC ballot close, pls?"
    first = text.normalise(question)
    assert text.normalise(question) is first  # the same reading, not worked out again
    assert kinds.asked(question) == kinds.asked(question)
    kept = {id(f): f.cache_info().currsize for f in memo._KEPT}  # type: ignore[attr-defined]
    assert sum(kept.values()) >= 2
    memo.forget()
    assert all(f.cache_info().currsize == 0 for f in memo._KEPT)
    assert text.normalise(question) == first  # worked out again, the same


def test_a_reading_depends_on_its_text_alone() -> None:
    memo.forget()
    assert text.normalise("hasn't") == text.normalise("hasnt") == "hasnt"
    assert text.normalise("Hasn't") == "hasnt"
