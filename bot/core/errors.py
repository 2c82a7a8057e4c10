"""Domain errors. Each subclasses a builtin and builds its own message."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the bot explains to a person."""


class NotFound(DomainError, LookupError):
    def __init__(self, kind: str, key: str) -> None:
        self.kind, self.key = kind, key
        super().__init__(f"No {kind} called {key!r}.")


class Forbidden(DomainError, PermissionError):
    def __init__(self, command: str, needed: str) -> None:
        self.command, self.needed = command, needed
        super().__init__(f"{command} is for {needed}s only.")


class InvalidInput(DomainError, ValueError):
    def __init__(self, field: str, problem: str) -> None:
        self.field, self.problem = field, problem
        super().__init__(f"{field}: {problem}")
