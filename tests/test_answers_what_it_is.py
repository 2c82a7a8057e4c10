"""What a thing of the union's own is, in wordings of our own (none from a set): the
twenty-second round.

"What's a group?" asked after an apology or something else in the same sentence, with the
thing in quotes, "even", "supposed to be" or "short for", "in the union" or an aside after
it, is still what the thing is: the passage that says it comes first, before the rest of its
group (the list of groups, the decision about Locals).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import focus
from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 2, 11, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            'bit of a stupid one but what\'s a "group" in this union? like a department or what?',
            "the union is organised in groups",
        ),
        (
            "what does a group even mean in the union, as in a department?",
            "the union is organised in groups",
        ),
        (
            'could someone tell me, what are "Locals"? saw them in the NEC write-up',
            "union locals: locals bring members",
        ),
    ],
)
def test_what_a_thing_is_is_said_first(
    answerer: ContentAnswerer, question: str, first: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff
    assert found.text.lower().startswith(first)


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("sorry to ask, but what's a Local", "local"),
        ('whats "pssec" short for', "pssec"),
        ("wot even is the NEC thanks", "nec"),
        ("what's a group supposed to be in the union", "group"),
    ],
)
def test_the_thing_asked_is_read(question: str, thing: str) -> None:
    found = focus._defined(question)
    assert found is not None and found.group("x") == thing


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("which branches are in the DWP group?", "dwp leeds"),
        ("what did the NEC decide about Locals?", "set up at least two locals"),
        ("what groups does the union have?", "hmrc liverpool"),
        ("what does PSSEC stand for?", "public services sector executive committee"),
        (
            "in the group exec election do I vote for all of the groups or only my own?",
            "their own group",
        ),
        (
            "I'm at DWP Glasgow. Am I voting for all of the groups in the group exec vote?",
            "their own group",
        ),
    ],
)
def test_nearby_facts_keep_their_reply(answerer: ContentAnswerer, question: str, fact: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and fact in found.text.lower()


# The bot's own record and features: what it remembers of a member (/mydata), said with a
# verb the record's question had not ("remember", "log") or before the phrase the lexicon
# rewrites ("what do you keep about me? …"); the meeting reports asked as write-ups (/reports).
@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("honestly what does this bot remember about me, I'm a bit wary", "/mydata"),
        ("what does the bot log about me?", "/mydata"),
        ("What do you keep about me? Not keen on my branch seeing my chats.", "/mydata"),
        ("where are the write ups of the NEC meetings kept in this bot?", "/reports"),
    ],
)
def test_the_bots_own_record_and_features(
    answerer: ContentAnswerer, question: str, command: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and found.text.startswith(command)


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("i want what you remember about me deleted", "/forget"),
        ("please get everything you keep on me erased", "/forget"),
        ("what does the bot know about me", "/mydata"),
        ("where can I read the meeting reports?", "/reports"),
    ],
)
def test_the_bots_record_keeps_its_reply(
    answerer: ContentAnswerer, question: str, command: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and command in found.text


# A date asked in other words than the slot's own: others' time left ("can our reps still
# …"), a vote not got round to (no fault with the paper), the paper's return to the
# scrutineer (the close), and a role said of oneself at a place the content never names.
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("can our reps still get their group exec votes in today?", "still open"),
        ("didn't get round to my group exec vote, can I still do it?", "still open"),
        ("what's the latest my NEC paper can reach the scrutineer?", "11 may"),
        (
            "newly made rep at DWP Bradford here - when does the NEC ballot close?",
            "11 may",
        ),
    ],
)
def test_a_date_asked_in_other_words(answerer: ContentAnswerer, question: str, fact: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and fact in found.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "the scrutineer's results for the NEC, are they out yet?",
        "is there a branch in Bradford?",
        "my group exec email never came, can I still vote?",
    ],
)
def test_nearby_hand_offs_stay_handed_off(answerer: ContentAnswerer, question: str) -> None:
    assert ask(answerer, question, datetime(2023, 5, 12, 10, tzinfo=ZONE)).handoff


# What becomes of a question the bot hands on: the organisers answer it by direct message,
# then the bot forgets who asked; not what /mydata lists.
@pytest.mark.parametrize(
    "question",
    [
        "once my question's handed over to an organiser, does anyone keep a note it was me?",
        "if you send my question on to a human, will my name be kept on record?",
        "after someone replies to my question, do you remember who asked it?",
    ],
)
def test_a_question_passed_on_and_who_asked(answerer: ContentAnswerer, question: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "forgets who asked" in found.text


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("what do you keep on record about me?", "/mydata"),
        ("can you wipe the questions I sent and everything else you keep?", "/forget"),
    ],
)
def test_the_record_of_me_keeps_its_reply(
    answerer: ContentAnswerer, question: str, command: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and command in found.text


# What the bot does, asked in small words only ("what can you do?"): its help entry, not a
# hand-off for want of a word to search with.
@pytest.mark.parametrize(
    "question",
    ["what can you even do?", "hey, what does this bot actually do", "what are you for"],
)
def test_what_the_bot_does(answerer: ContentAnswerer, question: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "/help" in found.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what can you do about pay?", "pay"),
        ("what does the bot do with my data?", "/mydata"),
        ("what can I do to help the campaign?", "petition"),
    ],
)
def test_what_else_is_done_keeps_its_reply(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and fact in found.text.lower()
