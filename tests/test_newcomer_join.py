"""A newcomer's walk through the README (2 December 2026), through the stand-ins: someone
the bot does not yet know as a member is told how to become one (/join), not sent to a
person."""

from __future__ import annotations

from pathlib import Path

from tests.harness import running
from tests.test_membership_e2e import slack_says, tg_says

STRANGER_TG, STRANGER_SLACK, STRANGER_DM = 5077400001, "U0NEW00001", "D0NEW00001"
KEY = "test-member-key-" + "0123456789abcdef" * 3


async def test_someone_not_yet_a_member_is_told_how_to_join(tmp_path: Path) -> None:
    """The README: members become members by themselves, with /join (an invite's code, or
    their number and branch). Every refusal for want of membership says so."""
    async with running(tmp_path, MEMBER_KEY=KEY) as h:
        for command in ("/remindme on", "/voted", "/signed", "/vote 1 yes"):
            said = await tg_says(h, STRANGER_TG, command)
            assert "/join" in said and "NUMBER BRANCH" in said, (command, said)
            assert "branch secretary to add you" not in said, (command, said)
        said = await tg_says(h, STRANGER_TG, "/whoami")
        assert "none yet" in said and "/join" in said, said
        said = await tg_says(h, STRANGER_TG, "/mydata")
        assert "branch not set" in said and "None" not in said, said
        said = await slack_says(h, STRANGER_SLACK, STRANGER_DM, "remindme on")
        assert "/campaign join" in said and "NUMBER BRANCH" in said, said
