"""A trade union's campaign bot for Slack, Telegram and the terminal."""

__version__ = "0.1.0"
