"""`campaign-bot roles grant|revoke|list`: who may do what."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Annotated

import typer

from bot.app import App
from bot.cli.common import JsonOption, fail, noun_app, on_app, print_json, say, show_table
from bot.core.caller import Caller
from bot.core.errors import NotFound
from bot.core.models import Identity, Role

app = noun_app("Grant, revoke and list who may do what.")

OPERATOR = Caller.operator()
Who = Annotated[str, typer.Argument(help="PLATFORM:USER_ID, e.g. telegram:12345 or slack:U123.")]


class Granted(enum.StrEnum):
    """The roles one is given (everyone holds `anyone` already): --help lists these."""

    MEMBER = Role.MEMBER.value
    OFFICER = Role.OFFICER.value
    ORGANISER = Role.ORGANISER.value


RoleArg = Annotated[Granted, typer.Argument(help="member, officer or organiser.")]


@dataclass(frozen=True)
class Holder:
    who: list[str]
    role: Role
    branch: str | None


def _identity(text: str) -> Identity:
    try:
        return Identity.parse(text)
    except ValueError as error:
        raise fail(f"PLATFORM:USER_ID: {error}") from None


@app.command("grant")
def roles_grant(
    who: Who,
    role: RoleArg,
    branch: Annotated[
        str | None, typer.Option(help="The branch (needed for member and officer).")
    ] = None,
) -> None:
    """Give someone a role. Members and branch officers belong to a branch."""
    identity, given = _identity(who), Role(role)
    if given in (Role.MEMBER, Role.OFFICER) and not branch:
        raise fail(f"--branch is needed for the {given.label} role")
    what = f"{given.label}{' of ' + branch if branch else ''}"
    if on_app(lambda app: grant(app, identity, given, branch)):
        say(f"Granted {what} to {identity}.")
    else:
        say(f"{identity} already holds {what}: nothing changed.")


async def grant(app: App, identity: Identity, role: Role, branch: str | None) -> bool:
    return await app.services.roles.grant(identity, role, branch, OPERATOR)


@app.command("revoke")
def roles_revoke(
    who: Who,
    role: RoleArg,
    branch: Annotated[str | None, typer.Option(help="The branch the role was granted for.")] = None,
) -> None:
    """Take a role away."""
    identity, held = _identity(who), Role(role)
    if not on_app(lambda app: revoke(app, identity, held, branch)):
        raise fail(f"{identity} does not hold that role")
    say(f"Revoked {held.label} from {identity}.")


async def revoke(app: App, identity: Identity, role: Role, branch: str | None) -> bool:
    try:
        await app.services.roles.revoke(identity, role, branch, OPERATOR)
    except NotFound:
        return False
    return True


@app.command("list")
def roles_list(as_json: JsonOption = False) -> None:
    """List everyone who holds a role."""
    holders = on_app(holders_of_roles)
    if as_json:  # the role as `roles grant` and `roles revoke` take it: "officer"
        print_json([asdict(h) | {"role": h.role.value} for h in holders])
        return
    rows = [(", ".join(h.who) or "?", h.role.label, h.branch or "") for h in holders]
    show_table(("who", "role", "branch"), rows, empty="Nobody holds a role yet.")


async def holders_of_roles(app: App) -> list[Holder]:
    return [
        Holder([str(i) for i in h.identities], h.role, h.branch)
        for h in await app.services.roles.holders()
    ]
