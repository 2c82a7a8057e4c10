"""What the bot says the member is, and who puts it right ("bot reckons I'm in HMRC
Liverpool, I work in Bristol, who sorts that?", "whoami shows cabinet office london. fix?"):
the /whoami entry, which says to ask the branch secretary, not a hand-off. Wordings of our
own; the bot saying the member voted, signed or is subscribed, or saying a date, is not read
as the branch it holds."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import focus
from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "the bot reckons i'm hmrc liverpool, i'm actually in bristol. who sorts that out?",
        "whoami shows cabinet office london but i'm in york. fix?",
        "bot thinks im passport office liverpool, never worked there. who changes it?",
        "the bot has me at dwp glasgow, i work in cardiff - how do i fix that",
    ],
)
async def test_who_puts_the_branch_right(answerer: ContentAnswerer, question: str) -> None:
    assert focus.own_record(question) is not None
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "branch secretary" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "the bot says i'm not subscribed to pay news, who fixes that?",
        "bot says i voted but i haven't, who sorts that",
        "the bot says the nec closes on the 11th, who changes that?",
        "whoami says dwp leeds, is that where my ballot paper goes?",
    ],
)
def test_other_things_the_bot_says_are_not_the_branch(question: str) -> None:
    assert focus.own_record(question) is None
