"""A local cluster of the bot: PostgreSQL, N replicas of `campaign-bot run` in webhook mode,
HAProxy in front of them, against the stand-ins. Run through `scripts/cluster`, which
installs Debian's postgresql and haproxy when they are missing.

    scripts/cluster start [--replicas 3] [--dir DIR]   start everything; print the state (JSON)
    scripts/cluster status [--dir DIR]                 each replica's /health
    scripts/cluster kill-leader [--dir DIR]            kill -9 the leader; print which
    scripts/cluster restart NAME [--dir DIR]           start a killed replica again
    scripts/cluster stop [--dir DIR]                   stop everything

The stand-ins are started as `campaign-bot standin telegram|slack --limits` processes unless
TELEGRAM_API_BASE_URL and TELEGRAM_BOT_TOKEN (and SLACK_API_BASE_URL, SLACK_BOT_TOKEN,
SLACK_SIGNING_SECRET) name running ones. The state (ports, pids, URLs, the webhook secret)
is written to DIR/state.json; logs to DIR/*.log.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HAPROXY_CFG = """global
    maxconn 4096

defaults
    mode http
    option http-buffer-request
    option redispatch
    retries 3
    retry-on conn-failure empty-response
    timeout connect 1s
    timeout client 30s
    timeout server 30s

frontend webhooks
    bind 127.0.0.1:{port}
    default_backend bots

backend bots
    balance roundrobin
    option httpchk GET /ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
{servers}
"""


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/cluster")
    parser.add_argument("verb", choices=["start", "status", "kill-leader", "restart", "stop"])
    parser.add_argument("name", nargs="?", help="restart: the replica (bot-1, bot-2, ...)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/campaign-bot-cluster"))
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--pg-port", type=int, default=54339)
    parser.add_argument("--proxy-port", type=int, default=54380)
    parser.add_argument("--replica-ports", type=int, default=54381, help="the first replica's")
    parser.add_argument("--lease", type=float, default=10.0, help="LEADER_LEASE_SECONDS")
    args = parser.parse_args()
    if args.verb == "start":
        state = start(args)
    elif args.verb == "stop":
        return stop(args.dir)
    elif args.verb == "status":
        state = {name: health(url) for name, url in replica_urls(load(args.dir)).items()}
    elif args.verb == "kill-leader":
        state = kill_leader(load(args.dir))
    else:
        state = restart(args.dir, args.name or "")
    print(json.dumps(state, indent=2))
    return 0


def load(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "state.json").read_text()))


def save(folder: Path, state: dict[str, Any]) -> None:
    (folder / "state.json").write_text(json.dumps(state, indent=2))


def start(args: argparse.Namespace) -> dict[str, Any]:
    folder: Path = args.dir
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "state.json").exists():
        stop(folder)
    state: dict[str, Any] = {"dir": str(folder), "pids": {}, "replicas": {}}
    state["pg_port"] = args.pg_port
    state["database_url"] = start_postgres(args.pg_port)
    state["env"] = bot_env(folder, state, args)
    run_verb(state["env"], folder, "db", "upgrade")
    for i in range(1, args.replicas + 1):
        name = f"bot-{i}"
        state["replicas"][name] = {"port": args.replica_ports + i - 1}
        state["pids"][name] = start_replica(folder, state, name)
    state["proxy"] = f"http://127.0.0.1:{args.proxy_port}"
    state["pids"]["haproxy"] = start_haproxy(folder, state, args.proxy_port)
    save(folder, state)
    wait_ready(state)
    return state


def pg_env(port: int) -> dict[str, str]:
    """Where scripts/pg-test-server keeps this cluster's server: a folder of its own that
    the postgres user can reach (the cluster's own folder may be private to its owner)."""
    return dict(os.environ) | {
        "PG_TEST_PORT": str(port),
        "PG_TEST_DIR": f"/tmp/campaign-bot-cluster-pg-{port}",
    }


def start_postgres(port: int) -> str:
    """A fresh server: a data folder left by an earlier run is removed first."""
    env = pg_env(port)
    pg_server("stop", env)
    shutil.rmtree(env["PG_TEST_DIR"], ignore_errors=True)
    line = pg_server("start", env)
    return line.strip().split("=", 1)[1]


def pg_server(verb: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(ROOT / "scripts" / "pg-test-server"), verb], env=env, capture_output=True, text=True
    )
    if verb == "start" and done.returncode != 0:
        raise SystemExit(f"scripts/pg-test-server start failed: {done.stderr.strip()}")
    return done.stdout


def standin(folder: Path, state: dict[str, Any], platform: str) -> dict[str, Any]:
    log = (folder / f"standin-{platform}.log").open("w")
    proc = subprocess.Popen(
        [PYTHON, "-m", "bot", "standin", platform, "--port", "0", "--limits"],
        stdout=subprocess.PIPE, stderr=log, text=True, cwd=folder,
    )  # fmt: skip
    assert proc.stdout is not None
    info = dict(json.loads(proc.stdout.readline()))
    state["pids"][f"standin-{platform}"] = proc.pid
    return info


def bot_env(folder: Path, state: dict[str, Any], args: argparse.Namespace) -> dict[str, str]:
    given = os.environ
    if not given.get("TELEGRAM_API_BASE_URL"):
        tg = standin(folder, state, "telegram")
        given = given | {"TELEGRAM_API_BASE_URL": tg["url"], "TELEGRAM_BOT_TOKEN": tg["token"]}
    if not given.get("SLACK_API_BASE_URL"):
        sl = standin(folder, state, "slack")
        given = given | {
            "SLACK_API_BASE_URL": sl["base_url"],
            "SLACK_BOT_TOKEN": sl["token"],
            "SLACK_SIGNING_SECRET": sl["signing_secret"],
        }
    names = ("TELEGRAM_API_BASE_URL", "TELEGRAM_BOT_TOKEN", "SLACK_API_BASE_URL")
    names += ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    return {name: given[name] for name in names} | {
        "DATABASE_URL": state["database_url"],
        "CLUSTER_ID": "local-cluster",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{args.proxy_port}/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": given.get("TELEGRAM_WEBHOOK_SECRET")
        or secrets.token_urlsafe(24),
        "SLACK_APP_TOKEN": "",
        "LEADER_LEASE_SECONDS": str(args.lease),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": given.get("LOG_LEVEL", "INFO"),
    }


def _clean_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of this process, without any bot setting it might carry."""
    prefixes = ("TELEGRAM_", "SLACK_", "DATABASE_URL", "CLUSTER_ID", "HTTP_", "LOG_")
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)} | extra


def run_verb(env: dict[str, str], folder: Path, *verb: str) -> None:
    subprocess.run(
        [PYTHON, "-m", "bot", *verb], env=_clean_env(env), cwd=folder, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def start_replica(folder: Path, state: dict[str, Any], name: str) -> int:
    home = folder / name
    home.mkdir(exist_ok=True)  # its working directory: no .env is read from the repository
    port = state["replicas"][name]["port"]
    env = _clean_env(state["env"] | {"HTTP_HOST": "127.0.0.1", "HTTP_PORT": str(port)})
    log = (folder / f"{name}.log").open("a")
    proc = subprocess.Popen(
        [PYTHON, "-m", "bot", "run"], env=env, cwd=home, stdin=subprocess.DEVNULL,
        stdout=log, stderr=log,
    )  # fmt: skip
    return proc.pid


def start_haproxy(folder: Path, state: dict[str, Any], port: int) -> int:
    servers = "\n".join(
        f"    server {name} 127.0.0.1:{r['port']} check" for name, r in state["replicas"].items()
    )
    config = folder / "haproxy.cfg"
    config.write_text(HAPROXY_CFG.format(port=port, servers=servers))
    log = (folder / "haproxy.log").open("w")
    proc = subprocess.Popen(
        ["haproxy", "-db", "-f", str(config)], stdout=log, stderr=log, stdin=subprocess.DEVNULL
    )
    return proc.pid


def health(url: str) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(url + "/health", timeout=3) as response:
            return {"status": response.status} | _body(response.read())
    except urllib.error.HTTPError as error:
        return {"status": error.code} | _body(error.read())
    except OSError as error:
        return {"status": None, "problem": str(error)}


def _body(raw: bytes) -> dict[str, Any]:
    """A replica's JSON; or what else answered (HAProxy's own page while no replica is up)."""
    try:
        found = json.loads(raw or b"{}")
    except ValueError:
        return {"problem": raw[:200].decode(errors="replace")}
    return found if isinstance(found, dict) else {"problem": str(found)[:200]}


def replica_urls(state: dict[str, Any]) -> dict[str, str]:
    return {name: f"http://127.0.0.1:{r['port']}" for name, r in state["replicas"].items()}


def wait_ready(state: dict[str, Any], within: float = 300.0) -> None:
    """Until every replica answers /health, one of them leads, and the proxy passes."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        seen = [health(url) for url in replica_urls(state).values()]
        leaders = [h for h in seen if h.get("role") == "leader"]
        through = health(state["proxy"])  # a replica's answer, not HAProxy's own 503
        if all(h["status"] for h in seen) and leaders and "role" in through:
            return
        time.sleep(0.5)
    raise SystemExit(f"the cluster did not become ready; see the logs in {state['dir']}")


def kill_leader(state: dict[str, Any]) -> dict[str, Any]:
    for name, url in replica_urls(state).items():
        if health(url).get("role") == "leader":
            pid = state["pids"][name]
            os.kill(pid, signal.SIGKILL)
            return {"killed": name, "pid": pid, "at": time.time()}
    raise SystemExit("no replica leads")


def restart(folder: Path, name: str) -> dict[str, Any]:
    state = load(folder)
    if name not in state["replicas"]:
        raise SystemExit(f"unknown replica {name!r}")
    state["pids"][name] = start_replica(folder, state, name)
    save(folder, state)
    return {"restarted": name, "pid": state["pids"][name]}


def stop(folder: Path) -> int:
    if not (folder / "state.json").exists():
        return 0
    state = load(folder)
    for pid in state["pids"].values():
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 20
    for pid in state["pids"].values():
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    env = pg_env(state["pg_port"])
    pg_server("stop", env)
    shutil.rmtree(env["PG_TEST_DIR"], ignore_errors=True)
    (folder / "state.json").unlink()
    return 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # reap our own child, if it is one
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return True


if __name__ == "__main__":
    sys.exit(main())
