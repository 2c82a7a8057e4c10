"""Errors an adapter raises at start-up."""


class StartupError(RuntimeError):
    """The platform refused us at start-up (bad token, missing setting): one line, exit 2."""
