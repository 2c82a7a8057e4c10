"""Small talk ("hi", "thanks", "ok", "bye", "help", "who are you?") gets a short reply of its
own; it is never handed to the organisers as a question, and a question that starts with a
greeting is still answered."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from bot.content.loader import Content
from bot.core import smalltalk
from bot.core.clock import FixedClock
from bot.core.models import Identity, Platform
from tests.test_router import GROUP, make_router, said

SAID = {
    "hello": ["hello", "Hi there!", "hiya bot", "Good morning all", "hey, how are you?", "👋"],
    "help": ["help", "menu please", "what can u do?", "What is this bot for?", "who are you",
             "are you a real person??", "hi, what can you do"],
    "thanks": ["thanks", "Thank you so much!", "cheers mate", "ta", "ok thanks", "great, thanks",
               "🙏"],
    "ok": ["ok", "OK.", "got it", "Brilliant", "👍", "ok cool", "lol", "haha"],
    "bye": ["bye", "See you later!", "ok bye", "goodnight"],
    "unclear": ["hmm", "Hmmm...", "huh?", "asdfghjkl", "qwerty", "kjhsdf kjhsdf", "erm"],
}
QUESTIONS = [
    "hi, when does the NEC ballot close?",
    "thanks, but how do I vote?",
    "ok so when do the papers go out",
    "hello can I vote online",
    "help my ballot paper never came",
    "who are the candidates",
    "what is the pssec",
    "cmds",
    "hmrc",
    "strengths",
    "bot cmds",
    "asdf when does it close",
]


def test_each_kind_is_read() -> None:
    for kind, lines in SAID.items():
        for line in lines:
            assert smalltalk.kind(line) == kind, line


def test_a_question_is_never_small_talk() -> None:
    for line in QUESTIONS:
        assert smalltalk.kind(line) is None, line


@given(
    kind_line=st.sampled_from([(k, line) for k, lines in SAID.items() for line in lines]),
    tag=st.sampled_from(["b", "i", "code", "strong", "a href='x'", "span class=\"y\""]),
)
def test_markup_around_small_talk_does_not_change_the_kind(
    kind_line: tuple[str, str], tag: str
) -> None:
    """Pasted or formatted: "<b>hi</b>" is still a greeting, not a question for organisers."""
    kind, line = kind_line
    assert smalltalk.kind(f"<{tag}>{line}</{tag.split()[0]}>") == kind


DECOR = st.text(alphabet=" !?.,…" + "😀🎉", max_size=4)


@given(
    kind_line=st.sampled_from([(k, line) for k, lines in SAID.items() for line in lines
                               if line.isascii()]),
    before=DECOR,
    after=DECOR,
    upper=st.booleans(),
)
def test_case_punctuation_and_emoji_do_not_change_the_kind(
    kind_line: tuple[str, str], before: str, after: str, upper: bool
) -> None:
    kind, line = kind_line
    text = before + (line.upper() if upper else line) + after
    assert smalltalk.kind(text) == kind


WORDS = ["vote", "ballot", "close", "pay", "nec", "papers", "deadline", "branch", "when",
         "strike", "petition", "report", "remind", "link"]


@given(
    opener=st.sampled_from([line for lines in SAID.values() for line in lines if line.isascii()]),
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    joiner=st.sampled_from([" ", ", ", "! ", ". "]),
)
def test_small_talk_then_a_question_is_a_question(
    opener: str, words: list[str], joiner: str
) -> None:
    assert smalltalk.kind(opener + joiner + " ".join(words) + "?") is None


@given(st.text(alphabet=string.printable + "😀👍🙏é", max_size=200))
def test_any_text_is_read_without_error(text: str) -> None:
    found = smalltalk.kind(text)
    assert found is None or found in SAID
    if len(text.strip()) > 3 * smalltalk.LONGEST:
        assert found is None


async def test_small_talk_gets_its_reply_and_nothing_is_handed_off(
    content: Content, clock: FixedClock
) -> None:
    router, store = make_router(content, clock)
    people = (Identity(Platform.TELEGRAM, str(2000 + n)) for n in range(100))
    for kind, lines in SAID.items():
        for line in lines:  # each from someone else: the flood limit is not what is tested
            [reply] = await router.handle(said(line, who=next(people)))
            expected = "help" if kind in ("hello", "help") else f"smalltalk-{kind}"
            assert reply.template == expected, line
            if kind not in ("hello", "help"):
                assert reply.values["help"] == "/help"
    assert await store.questions.open(limit=50) == []
    # In a group, only when addressed to the bot; "/ask hi" is small talk too.
    assert await router.handle(said("thanks", where=GROUP)) == []
    [reply] = await router.handle(said("thanks", where=GROUP, addressed=True))
    assert reply.template == "smalltalk-thanks"
    [reply] = await router.handle(said("/ask hi"))
    assert reply.template == "help"


async def test_a_question_after_a_greeting_is_answered(
    content: Content, clock: FixedClock
) -> None:
    router, store = make_router(content, clock)
    [reply] = await router.handle(said("hi! how do I vote in a postal ballot?"))
    assert reply.template == "answer" and "post" in reply.values["answer"]
    [reply] = await router.handle(said("hello, what's the football score"))
    assert reply.template == "answer-handoff"
    assert len(await store.questions.open(limit=50)) == 1
