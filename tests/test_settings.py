from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.logsetup import RedactSecrets
from bot.settings import SettingsError, load_settings
from tests.limits import within

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAE_secret-token-value-for-tests-0123"


def cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=full,
        cwd=cwd,
        timeout=within(60),
        check=False,
    )


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "BOT_TIMEZONE", "HTTP_PORT", "SLACK_COMMAND"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(None)
    assert settings.database_url == "sqlite+aiosqlite:///./campaign-bot.db"
    assert settings.bot_timezone == "Europe/London"
    assert (settings.http_host, settings.http_port, settings.slack_command) == (
        "127.0.0.1",
        8080,
        "/campaign",
    )
    assert not settings.telegram_enabled and not settings.slack_enabled


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "nonsense"),
        ("DATABASE_URL", "sqlite+aiosqlite:///:memory:"),  # all work lost at exit
        ("BOT_TIMEZONE", "Mars/Olympus"),
        ("HTTP_PORT", "eighty"),
        ("HTTP_PORT", "70000"),
        ("SLACK_COMMAND", "campaign"),
        ("TELEGRAM_API_BASE_URL", "not a url"),
        ("TELEGRAM_BOT_TOKEN", "paste-the-token-here"),
        ("TELEGRAM_BOT_TOKEN", "123456789:AAE secret with a space"),
        ("SLACK_BOT_TOKEN", "xapp-1-A0001-secretvalue"),
        ("SLACK_APP_TOKEN", "xoxb-1234-5678-secretvalue"),
        ("TELEGRAM_WEBHOOK_SECRET", "my secret!"),
        ("TELEGRAM_WEBHOOK_URL", "http://bot.example.org/telegram/webhook"),  # Telegram: https
        ("TELEGRAM_WEBHOOK_URL", "https://bot.example.org:8080/telegram/webhook"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_malformed_setting_names_itself(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    if name.startswith("TELEGRAM_WEBHOOK"):
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with pytest.raises(SettingsError) as caught:
        load_settings(None)
    message = str(caught.value)
    assert message.startswith(f"setting {name} is invalid") and "\n" not in message
    assert "Value error" not in message  # pydantic's own prefix
    if name.endswith(("_TOKEN", "_SECRET")):  # never the value itself, nor a part of it
        assert value not in message and "secret" not in message


@pytest.mark.parametrize(
    ("name", "value", "missing"),
    [
        ("SLACK_APP_TOKEN", "xapp-1-A0001-0000000000-secretvalue", "SLACK_BOT_TOKEN"),
        ("SLACK_SIGNING_SECRET", "signing-secretvalue", "SLACK_BOT_TOKEN"),
        ("TELEGRAM_WEBHOOK_SECRET", "webhook-secret_value", "TELEGRAM_BOT_TOKEN"),
    ],
)
def test_a_platform_meant_without_its_token_names_the_token(
    tmp_path: Path, name: str, value: str, missing: str
) -> None:
    """`run` started the console chat ('no platform tokens set'), which on a server with no
    terminal ends at once with status 0: a bot that never starts, and nothing said why. A
    verb that starts no platform still runs with such leftovers in its environment."""
    env = {name: value, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"}
    started = cli("run", env=env, cwd=tmp_path)
    assert started.returncode == 2, started.stderr
    assert started.stderr.strip().splitlines() == [
        f"campaign-bot: setting {missing} is invalid: empty while {name} is set: fill it in, "
        f"or empty {name}"
    ]
    assert value not in started.stderr
    listed = cli("ballots", "list", env=env | {"CONTENT_DIR": str(ROOT / "campaigns")}, cwd=ROOT)
    assert listed.returncode == 0, listed.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "test-token"),  # a stand-in's or a harness's own
        ("SLACK_BOT_TOKEN", "standin-bot-token"),
        ("SLACK_APP_TOKEN", "standin-app-token"),
    ],
)
def test_a_token_of_any_shape_is_taken_where_the_api_is_another_server(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    """BotFather's and Slack's shapes are checked only where the bot talks to Telegram or
    Slack themselves: a local Bot API server, a stand-in or a test harness gives out its own."""
    platform = name.split("_", 1)[0]
    monkeypatch.setenv(name, value)
    if platform == "SLACK" and name != "SLACK_BOT_TOKEN":
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-2-bot")
    with pytest.raises(SettingsError):
        load_settings(None)  # the platform's own API: its shape
    monkeypatch.setenv(f"{platform}_API_BASE_URL", "http://127.0.0.1:8081/")
    loaded = load_settings(None)
    token = loaded.telegram_bot_token if platform == "TELEGRAM" else None
    token = token or (loaded.slack_bot_token if name == "SLACK_BOT_TOKEN" else None)
    token = token or (loaded.slack_app_token if name == "SLACK_APP_TOKEN" else None)
    assert token is not None and token.get_secret_value() == value


def test_tokens_never_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxe.xoxb-1-1234-5678-secretvalue")  # rotating
    settings = load_settings(None)
    assert TOKEN not in repr(settings) and "secretvalue" not in repr(settings)
    assert settings.telegram_enabled and settings.slack_enabled
    assert TOKEN in settings.secrets()


def test_bad_database_url_exits_2_with_one_line(tmp_path: Path) -> None:
    result = cli("db", "upgrade", env={"DATABASE_URL": "nonsense"}, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DATABASE_URL" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_sqlite_file_in_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    """Not one line and, about half the time, a traceback from aiosqlite's worker thread
    after it (it reported the failure to an event loop already closed)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'no-such-folder' / 'bot.db'}"
    result = cli("ballots", "list", env={"DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"campaign-bot: cannot reach the database at {url}: the folder "
        f"{tmp_path / 'no-such-folder'} does not exist"
    ]


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    result = cli("db", "upgrade", env={"DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fresh.db").exists() and "up to date" in result.stdout


def test_log_filter_scrubs_tokens(caplog: pytest.LogCaptureFixture) -> None:
    redactor = RedactSecrets([TOKEN, "signing-secret-xyz"])
    logger = logging.getLogger("test.redact")
    caplog.handler.addFilter(redactor)
    try:
        with caplog.at_level(logging.DEBUG):
            logger.info("POST https://api.telegram.org/bot%s/sendMessage", TOKEN)
            logger.info("slack token xoxb-9999-8888-abcdefgh and secret signing-secret-xyz")
            try:
                raise RuntimeError(f"failed calling /bot{TOKEN}/getMe")
            except RuntimeError:
                logger.exception("boom")
    finally:
        caplog.handler.removeFilter(redactor)
    text = caplog.text
    assert TOKEN not in text and "xoxb-9999" not in text and "signing-secret-xyz" not in text
    assert text.count("[redacted]") >= 4


def test_a_line_of_env_that_is_not_name_value_is_named_not_skipped(tmp_path: Path) -> None:
    """'TELEGRAM_BOT_TOKEN: ...' (a colon, as in YAML) was skipped with python-dotenv's
    'could not parse statement starting at line 2', and the bot ran without Telegram."""
    (tmp_path / ".env").write_text(f"LOG_LEVEL=INFO\nTELEGRAM_BOT_TOKEN: {TOKEN}\n")
    result = cli("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 2 and TOKEN not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines() == [
        "campaign-bot: .env line 2 (TELEGRAM_BOT_TOKEN): not NAME=VALUE; write it like "
        "LOG_LEVEL=INFO"
    ]


def test_a_postgresql_url_without_a_database_takes_the_users_as_every_client_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """libpq's rule (the database named like the user) is the operator's to rely on: a
    harness or a managed service may give the URL so; only SQLite in memory is refused."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://bot:pw@db.example.org:5432")
    assert load_settings(None).database_url.endswith("@db.example.org:5432")
