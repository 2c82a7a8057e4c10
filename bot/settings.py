"""Settings, read once from the environment and `.env`, validated, then passed down.

This is the only module that reads the environment.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv.parser import parse_stream
from pydantic import (
    AnyHttpUrl,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.core.membership import MIN_KEY_LENGTH

TELEGRAM_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{10,100}")


class SettingsError(ValueError):
    """One line naming the setting that is missing or malformed."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    database_url: str = Field("sqlite+aiosqlite:///./campaign-bot.db", alias="DATABASE_URL")
    bot_timezone: str = Field("Europe/London", alias="BOT_TIMEZONE")
    content_dir: Path = Field(Path("campaigns"), alias="CONTENT_DIR")
    messages_dir: Path = Field(Path("messages"), alias="MESSAGES_DIR")

    telegram_bot_token: SecretStr | None = Field(None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: AnyHttpUrl | None = Field(None, alias="TELEGRAM_API_BASE_URL")
    telegram_webhook_url: AnyHttpUrl | None = Field(None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr | None = Field(None, alias="TELEGRAM_WEBHOOK_SECRET")

    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_api_base_url: AnyHttpUrl | None = Field(None, alias="SLACK_API_BASE_URL")
    slack_command: str = Field("/campaign", alias="SLACK_COMMAND")

    http_host: str = Field("127.0.0.1", alias="HTTP_HOST")
    http_port: int = Field(8080, ge=0, le=65535, alias="HTTP_PORT")
    log_level: str = Field("INFO", alias="LOG_LEVEL")
    log_format: str = Field("text", alias="LOG_FORMAT")
    # After this many days a settled delivery no longer records which member it went to.
    delivery_retention_days: int = Field(30, ge=1, le=3650, alias="DELIVERY_RETENTION_DAYS")
    # The organisers' dashboard: its public address (off when empty) and how long a sign-in lasts.
    dashboard_url: str | None = Field(None, alias="DASHBOARD_URL")
    dashboard_session_hours: int = Field(12, ge=1, le=24 * 30, alias="DASHBOARD_SESSION_HOURS")
    # Several replicas: the id their shared database carries (`campaign-bot db upgrade` writes
    # it once); each replica refuses to start on a database that carries another.
    cluster_id: str | None = Field(None, alias="CLUSTER_ID")
    # The sender's lease: a holder that cannot renew for this long is replaced by a standby.
    leader_lease_seconds: float = Field(10.0, ge=5.0, le=300.0, alias="LEADER_LEASE_SECONDS")
    # A platform that refuses the bot's token is asked again this long after, then after
    # waits doubling up to 5 minutes (bot/delivery/probe.py); sending and polling resume
    # by themselves once it takes the token.
    token_retry_seconds: float = Field(5.0, ge=0.05, le=300.0, alias="TOKEN_RETRY_SECONDS")
    # Stopped (SIGTERM, Ctrl-C), the bot waits this long for its parts to stop, then names
    # those still running and exits with status 3 (bot/cli/ending.py).
    shutdown_grace_seconds: float = Field(10.0, ge=0.5, le=600.0, alias="SHUTDOWN_GRACE_SECONDS")
    # /health answers 503 when due work has waited this long with nothing sent meanwhile.
    health_overdue_seconds: float = Field(120.0, ge=5.0, le=86400.0, alias="HEALTH_OVERDUE_SECONDS")

    # The membership list: the key of its hashes (none: no list, no invites, no /join).
    member_key: SecretStr | None = Field(None, alias="MEMBER_KEY")
    invite_days: int = Field(30, ge=1, le=365, alias="INVITE_DAYS")
    # For invites' deep links when the CLI has no Telegram token to ask getMe with.
    telegram_bot_username: str | None = Field(None, alias="TELEGRAM_BOT_USERNAME")
    slack_match_email: bool = Field(False, alias="SLACK_MATCH_EMAIL")

    @field_validator("bot_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        value = value.strip()
        for plain, driver in (
            ("postgres://", "postgresql+asyncpg://"),
            ("postgresql://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if value.startswith(plain):
                value = driver + value[len(plain) :]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "expected sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DB"
            )
        # Without a file, SQLite keeps the database in memory, lost at exit: the bot's record
        # of all work. (PostgreSQL without a database name takes the one named like the user,
        # as libpq and every PostgreSQL client do: that is the operator's choice to make.)
        rest = value.split("://", 1)[1].split("?", 1)[0]
        if value.startswith("sqlite") and rest.strip("/") in ("", ":memory:"):
            raise ValueError("name the database file, like sqlite+aiosqlite:///./campaign-bot.db")
        return value

    @field_validator("log_format")
    @classmethod
    def _format(cls, value: str) -> str:
        if value.lower() not in ("text", "json"):
            raise ValueError("use text or json")
        return value.lower()

    @field_validator("cluster_id", mode="before")
    @classmethod
    def _cluster(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip() or None
        if isinstance(value, str) and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", value):
            raise ValueError("use up to 64 letters, digits, '.', '_' or '-'")
        return value

    @field_validator("slack_command")
    @classmethod
    def _slash(cls, value: str) -> str:
        if not value.startswith("/") or len(value) < 2 or " " in value:
            raise ValueError("must look like /campaign")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError("use DEBUG, INFO, WARNING or ERROR")
        return value.upper()

    @field_validator("member_key")
    @classmethod
    def _long_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < MIN_KEY_LENGTH:
            raise ValueError(
                f"must be at least {MIN_KEY_LENGTH} characters (make run generates one)"
            )
        return value

    @field_validator("telegram_bot_username", mode="before")
    @classmethod
    def _username(cls, value: object) -> object:
        if not isinstance(value, str) or not value.strip():
            return None
        name = value.strip().removeprefix("@")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", name):
            raise ValueError("expected the bot's username, e.g. union_campaign_bot")
        return name

    @field_validator(
        "telegram_bot_token",
        "telegram_webhook_secret",
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "member_key",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token", "slack_bot_token", "slack_app_token")
    @classmethod
    def _one_word(cls, value: SecretStr | None) -> SecretStr | None:
        # Caught here, not as "cannot reach the Telegram Bot API: Name or service not known"
        # (the token is part of the URL) or a 401 later. The value is never echoed.
        if value is not None and not re.fullmatch(r"[\x21-\x7e]+", value.get_secret_value()):
            raise ValueError("expected the token as the platform gave it (no spaces)")
        return value

    @model_validator(mode="after")
    def _tokens_of_their_shape(self) -> Settings:
        """The platforms' own token shapes, where the bot talks to the platform itself: a
        local Bot API server, a stand-in or a test harness (TELEGRAM_API_BASE_URL,
        SLACK_API_BASE_URL) may hand out tokens of any shape."""
        telegram = self.telegram_bot_token
        if telegram is not None and self.telegram_api_base_url is None:
            if not TELEGRAM_TOKEN.fullmatch(telegram.get_secret_value()):
                raise ValueError(
                    "TELEGRAM_BOT_TOKEN: expected BotFather's token, like 123456789:AAE... "
                    "(no spaces)"
                )
        if self.slack_api_base_url is not None:
            return self
        for token, name, prefix in (
            (self.slack_bot_token, "SLACK_BOT_TOKEN", "xoxb-"),
            (self.slack_app_token, "SLACK_APP_TOKEN", "xapp-"),
        ):
            # with token rotation on, Slack's bot tokens start xoxe.xoxb-
            shape = (r"(xoxe\.)?" if prefix == "xoxb-" else "") + re.escape(prefix) + ".+"
            if token is not None and not re.fullmatch(shape, token.get_secret_value()):
                kind = "the bot token" if prefix == "xoxb-" else "the app-level token"
                raise ValueError(f"{name}: expected {kind}, which starts with {prefix}")
        return self

    @model_validator(mode="after")
    def _telegram_calls_https(self) -> Settings:
        # Telegram's own servers refuse anything else in setWebhook ("An HTTPS URL must be
        # provided"), and only once the leader calls it; a local Bot API server
        # (TELEGRAM_API_BASE_URL) takes any address.
        url = self.telegram_webhook_url
        if url is None or self.telegram_api_base_url is not None:
            return self
        if url.scheme != "https":
            raise ValueError("TELEGRAM_WEBHOOK_URL: Telegram calls only https:// addresses")
        if url.port not in (443, 80, 88, 8443):
            raise ValueError("TELEGRAM_WEBHOOK_URL: Telegram calls only ports 443, 80, 88, 8443")
        return self

    def platform_meant_without_token(self) -> str | None:
        """With no platform token set, a platform's other settings filled in (a name
        mistyped, a line left out): `run` would start the console chat, which on a server with
        no terminal ends at once. The line to say instead; None when nothing is amiss."""
        if self.telegram_enabled or self.slack_enabled:
            return None
        for token, name, others in (
            (
                self.slack_bot_token,
                "SLACK_BOT_TOKEN",
                {
                    "SLACK_APP_TOKEN": self.slack_app_token,
                    "SLACK_SIGNING_SECRET": self.slack_signing_secret,
                },
            ),
            (
                self.telegram_bot_token,
                "TELEGRAM_BOT_TOKEN",
                {
                    "TELEGRAM_WEBHOOK_URL": self.telegram_webhook_url,
                    "TELEGRAM_WEBHOOK_SECRET": self.telegram_webhook_secret,
                },
            ),
        ):
            meant = [other for other, value in others.items() if value is not None]
            if token is None and meant:
                return (
                    f"setting {name} is invalid: empty while {meant[0]} is set: fill it in, "
                    f"or empty {meant[0]}"
                )
        return None

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's setWebhook takes 1 to 256 of A-Z, a-z, 0-9, _ and - only.
        secret = value.get_secret_value() if value is not None else None
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ValueError("use 1 to 256 letters, digits, '_' or '-' (Telegram's rule)")
        return value

    @field_validator(
        "telegram_api_base_url", "telegram_webhook_url", "slack_api_base_url", mode="before"
    )
    @classmethod
    def _blank_url_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("dashboard_url", mode="before")
    @classmethod
    def _dashboard(cls, value: object) -> object:
        if not isinstance(value, str) or not value.strip():
            return None
        url = value.strip().rstrip("/")
        if not url.startswith(("https://", "http://")) or url.endswith("://"):
            raise ValueError("must be a public address like https://your.host/dashboard")
        return url

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.bot_timezone)

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_bot_token is not None

    @property
    def slack_enabled(self) -> bool:
        return self.slack_bot_token is not None

    @property
    def dashboard_enabled(self) -> bool:
        return self.dashboard_url is not None

    def secrets(self) -> list[str]:
        """Every secret value, so log filters can scrub them."""
        found = [
            self.telegram_bot_token,
            self.telegram_webhook_secret,
            self.slack_bot_token,
            self.slack_app_token,
            self.slack_signing_secret,
            self.member_key,
        ]
        return [s.get_secret_value() for s in found if s is not None and s.get_secret_value()]


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read and validate settings; any problem becomes one SettingsError line."""
    _check_env_file(env_file)
    try:
        return Settings(_env_file=env_file)
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        if first["loc"]:
            field = str(first["loc"][0])
            name = Settings.model_fields[field].alias if field in Settings.model_fields else field
        else:  # a check across settings says which it is about: "NAME: what is wrong"
            name, _, message = message.partition(": ")
        raise SettingsError(f"setting {name} is invalid: {message}") from None


def _check_env_file(env_file: str | Path | None) -> None:
    """A line of .env that is not NAME=VALUE ("TELEGRAM_BOT_TOKEN: 123...") was skipped with
    python-dotenv's own warning, and the bot ran without the setting. Never echo the line:
    it may hold a token; its leading name, if any, is safe to show."""
    if env_file is None or not Path(env_file).is_file():
        return
    text = Path(env_file).read_text(encoding="utf-8-sig", errors="replace")
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            line = binding.original.line
            named = re.match(r"\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\b", binding.original.string)
            which = f" ({named.group(1)})" if named else ""
            raise SettingsError(
                f"{env_file} line {line}{which}: not NAME=VALUE; write it like LOG_LEVEL=INFO"
            )


def one_blas_thread() -> None:
    """One thread for numpy's BLAS unless the operator set one (OPENBLAS_NUM_THREADS,
    OMP_NUM_THREADS, MKL_NUM_THREADS); called before numpy is first imported (bot.answers).
    The bot's matrices are small (a question's embedding, 4,485 phrasings), one event loop
    runs per process, and OpenBLAS's own threads spin against every other busy process: on
    2 cores at load average 6, embedding 100 phrasings took 57.8 s with its default threads
    and 2.6 s with one."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
