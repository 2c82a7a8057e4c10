"""The deployment files agree with the code: compose.yaml's services, health checks and
environment names, the Dockerfile, the systemd unit, the lock file, .env.example and the
README's settings table. (Images cannot be pulled here, so nothing is built.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NAMES = {field.alias for field in Settings.model_fields.values()}


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_compose_has_postgres_a_migration_two_replicas_and_a_proxy() -> None:
    services = compose()["services"]
    assert set(services) == {"postgres", "migrate", "bot-1", "bot-2", "proxy"}
    assert services["postgres"]["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    migrate = services["migrate"]
    assert migrate["command"] == ["db", "upgrade"]
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("bot-1", "bot-2"):
        bot = services[name]
        assert bot["build"] == "." and "command" not in bot  # the image's: campaign-bot run
        assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_compose_environment_names_are_settings() -> None:
    services = compose()["services"]
    for name in ("migrate", "bot-1", "bot-2"):
        env = services[name]["environment"]
        assert set(env) <= NAMES, f"{name}: not settings: {set(env) - NAMES}"
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["CLUSTER_ID"]  # every replica checks it is on the cluster's database
        assert env["HTTP_HOST"] == "0.0.0.0"
    assert services["bot-1"]["environment"] == services["migrate"]["environment"]


def test_the_proxy_checks_readiness_and_knows_every_replica() -> None:
    services = compose()["services"]
    proxy = services["proxy"]
    mount = next(v for v in proxy["volumes"] if "haproxy.cfg" in v)
    config = (ROOT / mount.split(":")[0]).read_text()
    assert "option httpchk GET /ready" in config  # leader and standby alike
    port = services["bot-1"]["environment"]["HTTP_PORT"]
    servers = re.findall(r"^\s*server (\S+) (\S+):(\d+) check", config, re.M)
    assert sorted((name, host) for name, host, _ in servers) == [
        ("bot-1", "bot-1"),
        ("bot-2", "bot-2"),
    ]
    assert {p for _, _, p in servers} == {port}


def test_dockerfile_is_slim_non_root_pinned_and_checks_health() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.1\d-slim$", text, re.M)
    assert "--constraint requirements.lock ." in text
    for copied in ("bot ./bot", "campaigns ./campaigns", "messages ./messages"):
        assert f"COPY {copied}" in text
    assert re.search(r"^USER (?!root)\w+", text, re.M)
    assert re.search(r"^HEALTHCHECK .*\n?.*/health", text, re.M)
    assert 'ENTRYPOINT ["campaign-bot"]' in text and 'CMD ["run"]' in text
    env_names = set(re.findall(r"\b([A-Z_]+)=", text.split("USER", 1)[1]))
    assert env_names <= NAMES


def test_the_wheel_carries_the_migrations() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = project["tool"]["setuptools"]["package-data"]["bot"]
    assert "storage/migrations/*.py" in data and "storage/migrations/versions/*.py" in data


def test_the_lock_pins_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    pinned = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[_norm(name)] = version
    for requirement in wanted:
        name = _norm(re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0])
        assert name in pinned, f"{name} is not in requirements.lock (make lock)"


def test_systemd_unit_runs_the_bot_and_does_not_restart_into_a_bad_setting() -> None:
    unit = (ROOT / "deploy" / "campaign-bot.service").read_text()
    assert re.search(r"^ExecStart=\S+/campaign-bot run$", unit, re.M)
    assert "RestartPreventExitStatus=2" in unit and "User=campaign-bot" in unit


def test_the_orchestrators_wait_longer_than_the_bots_own_shutdown_grace() -> None:
    """A stopped bot waits SHUTDOWN_GRACE_SECONDS for its parts, then names what is stuck
    and exits (bot/cli/ending.py); killed before that, it says nothing. compose.yaml had no
    stop_grace_period: docker's default is 10 s, the grace itself."""
    grace = Settings.model_fields["shutdown_grace_seconds"].default
    unit = (ROOT / "deploy" / "campaign-bot.service").read_text()
    stop = re.search(r"^TimeoutStopSec=(\d+)$", unit, re.M)
    assert stop is not None and int(stop.group(1)) >= grace + 10
    for name in ("bot-1", "bot-2"):
        period = compose()["services"][name]["stop_grace_period"]
        assert period.endswith("s") and int(period[:-1]) >= grace + 10


def test_env_example_and_readme_name_every_setting() -> None:
    example = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert example <= NAMES
    readme = (ROOT / "README.md").read_text()
    table = set(re.findall(r"^\| `([A-Z_]+)`", readme, re.M))
    table |= set(re.findall(r"^\| `[A-Z_]+` / `([A-Z_]+)`", readme, re.M))
    assert {"CLUSTER_ID", "LEADER_LEASE_SECONDS", "HEALTH_OVERDUE_SECONDS", "LOG_FORMAT"} <= (
        example & table
    )


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
