"""Hand-offs the engine answered: the member's own case once a deadline or rule has passed, the
content's remedy already tried, a colleague's or a partner's own case, what came of a plan at
the time it set, and a fact the content is silent on beside one it holds (a mandate's life,
where the bot's data is kept, another number, a consultation held). Each goes to the
organisers; the rules nearby keep their answers. Wordings written for this file (none from a
question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
AFTER_REPLACEMENTS = datetime(2023, 5, 6, 10, tzinfo=LONDON)  # NEC still open, replacements shut
PACKS_OUT = datetime(2023, 4, 22, 10, tzinfo=LONDON)
BEFORE_BALLOTS = datetime(2023, 3, 1, 10, tzinfo=LONDON)
AFTER_PLAN = datetime(2021, 6, 1, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("question", "now"),
    [
        # past the deadline, a let-off or anything else asked
        (
            "missed the replacement deadline by an hour, can the helpline sort me a paper anyway?",
            AFTER_REPLACEMENTS,
        ),
        (
            "the replacement deadline has passed and my pack got wet, anything i can still do?",
            AFTER_REPLACEMENTS,
        ),
        # the remedy tried and not come
        (
            "i ordered a replacement pack on monday and nothing has come, what now?",
            AFTER_REPLACEMENTS,
        ),
        (
            "the replacement my husband phoned for last week hasnt come, what now",
            AFTER_REPLACEMENTS,
        ),
        ("group exec voting link never came and it opened days ago, who do we chase", PACKS_OUT),
        ("accidentally deleted the group exec voting email, can it be resent?", PACKS_OUT),
        # someone else's case
        (
            "my husband sent his ballot back on the 3rd, can he check it was received?",
            AFTER_REPLACEMENTS,
        ),
        (
            "my dad was overpaid pension contributions, is he owed anything from the remedy?",
            BEFORE_BALLOTS,
        ),
        ("my mate isnt in the union, can you take her mccloud case?", BEFORE_BALLOTS),
        ("i'm on paternity leave in april, will my ballot paper still reach me?", BEFORE_BALLOTS),
        (
            "my paper came with someone else's membership number printed on it, is it ok to use?",
            PACKS_OUT,
        ),
        ("two papers came for the nec vote, which one do i use?", PACKS_OUT),
        # what came of a plan, at the time it set
        ("did they reassess ballot readiness like they promised", AFTER_PLAN),
        ("was ballot readiness looked at again in early 2021? what did they conclude", AFTER_PLAN),
        # silent beside what the content holds
        ("if the strike ballot wins, when does the mandate run out?", BEFORE_BALLOTS),
        ("which country are the bot's servers in?", BEFORE_BALLOTS),
        ("the helpline is always engaged, is there a different number i can ring?", PACKS_OUT),
        ("has there been a consultation on the pension changes?", BEFORE_BALLOTS),
        (
            "the petition page is down, what's the total number of signatures so far?",
            BEFORE_BALLOTS,
        ),
    ],
)
async def test_the_case_past_the_rule_or_a_fact_unheld_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("how do i get a replacement paper?", PACKS_OUT, "replacement"),
        (
            "my wife posted her paper on friday, will it arrive in time?",
            AFTER_REPLACEMENTS,
            "11 May",
        ),
        ("could i be owed money from the pensions remedy?", BEFORE_BALLOTS, "claim"),
        ("what can i do for the pay campaign?", BEFORE_BALLOTS, "petition"),
        ("did the nec give branches guidance on zoom agms?", AFTER_PLAN, "Zoom"),
        ("when will the nec reassess ballot readiness?", AFTER_PLAN, "2021"),
        ("what did the nec conclude in november 2020 on a pay ballot?", AFTER_PLAN, "Not ready"),
        ("whats the target number of signatures?", BEFORE_BALLOTS, "50,000"),
        ("what data does the bot keep about me?", BEFORE_BALLOTS, "/mydata"),
    ],
)
async def test_the_rules_nearby_keep_their_answers(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff
    assert expected in found.text


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("which group are ORR people in, is it cabinet office", BEFORE_BALLOTS),
        ("is there a dover port channel for the bot. how do i get added", BEFORE_BALLOTS),
        ("our jobcentre isnt one of the branches listed, where do we fit", BEFORE_BALLOTS),
        ("our branch agm - when is it and can i go", BEFORE_BALLOTS),
        ("what happens if the nec election has to be run again?", AFTER_REPLACEMENTS),
        ("if the group exec vote gets rerun do i get a new link", AFTER_REPLACEMENTS),
    ],
)
async def test_a_body_or_a_case_the_content_never_lists_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which branch am I in?", "/whoami"),
        ("which branch do you have me down under?", "/whoami"),
        ("how do we get the bot posting in our branch channel?", "/subscribe"),
    ],
)
async def test_the_members_own_branch_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, BEFORE_BALLOTS)
    assert not found.handoff
    assert expected in found.text


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("have ministers said anything back on the pay review body yet", BEFORE_BALLOTS),
        ("can we add the bot into the branch facebook group?", BEFORE_BALLOTS),
        (
            "my replacement nec pack requested on the 1st of may still hasnt arrived",
            AFTER_REPLACEMENTS,
        ),
        (
            "she let her membership lapse last year and rejoined in january, does she get a vote",
            BEFORE_BALLOTS,
        ),
        ("i signed up in march and have nothing, maybe my application not processed?", PACKS_OUT),
        ("does the specialists pay review body already exist or is it an aim", BEFORE_BALLOTS),
        ("is this group exec voting email legit? could it be a scam", PACKS_OUT),
        (
            "replacement deadline went yesterday and still no paper, is there nothing we can do",
            AFTER_REPLACEMENTS,
        ),
        ("wens my branch agm", BEFORE_BALLOTS),
    ],
)
async def test_the_second_waves_shapes_are_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff
