"""Domain errors. Each subclasses a builtin and builds its own message."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the bot explains to a person."""


class NotFound(DomainError, LookupError):
    def __init__(self, kind: str, key: str) -> None:
        self.kind, self.key = kind, key
        super().__init__(f"No {kind} called {key!r}.")


def those(needed: str) -> str:
    """Who may, in the plural, after "only for": "officer of dwp-leeds" is "officers of
    dwp-leeds", never "officer of dwp-leedss"; a phrase naming one ("the organiser who
    composed it") stays as it is."""
    if needed.startswith("the "):
        return needed
    head, of, tail = needed.partition(" of ")
    return f"{head}s{of}{tail}"


class Forbidden(DomainError, PermissionError):
    """`needed` is who may, in the singular ("branch officer", "officer of dwp-leeds") or as
    one person ("the organiser who composed it")."""

    def __init__(self, command: str, needed: str) -> None:
        self.command, self.needed = command, needed
        super().__init__(f"{command} is only for {those(needed)}.")


class InvalidInput(DomainError, ValueError):
    def __init__(self, field: str, problem: str) -> None:
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}")


class Problems(InvalidInput):
    """Several things wrong with what was typed, each naming its field; nothing was saved."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        DomainError.__init__(self, "; ".join(f"{f}: {p}" for f, p in problems))
        self.field, self.problem = "input", str(self)


class NotOpen(InvalidInput):
    """A ballot or consultation was named, but it is not open now."""

    def __init__(self, kind: str, title: str) -> None:
        self.kind, self.title = kind, title
        super().__init__(kind, f"{title} is not open")


class NoneOpen(NotFound):
    """Nothing of this kind is open now, and none was named."""

    def __init__(self, kind: str, hint: str) -> None:
        self.kind, self.key = kind, ""
        DomainError.__init__(self, f"No {kind} is open now; {hint}.")


class LinkFailed(InvalidInput):
    """A /link code that is wrong, used, expired, or cannot join these two accounts."""

    def __init__(self, why: str = "") -> None:
        self.why = why
        super().__init__("CODE", "that code is wrong, used or expired" + why)


class Ambiguous(InvalidInput):
    """More than one thing fits and none was named: the person must say which."""

    def __init__(self, kind: str, names: list[str]) -> None:
        self.kind, self.names = kind, names
        super().__init__(
            kind.upper(), f"more than one {kind} is open; say which: {', '.join(names)}"
        )


class NotSignedIn(DomainError, PermissionError):
    """A dashboard request without a live session: never signed in, expired, signed out, or
    the person no longer holds a role that may use the dashboard."""

    def __init__(self, why: str = "please sign in again: ask the bot for /dashboard") -> None:
        self.why = why
        super().__init__(why)
