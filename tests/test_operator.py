"""What a new operator met following the README's "Settings" and "Running in production"
(2 December 2026), through the real command line: a PostgreSQL server that refuses the
password says so in one line, with the password hidden; a port already taken is named with
its settings."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.limits import within
from tests.ports import free_port
from tests.test_settings import cli


def _exactly(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _refuse_password(conn: socket.socket) -> None:
    """PostgreSQL's wire protocol, as far as a refused password: answer an SSL request 'N',
    ask for the password in clear, then 28P01 as a server with a wrong password does."""
    with conn:
        try:
            while True:
                (size,) = struct.unpack("!i", _exactly(conn, 4))
                body = _exactly(conn, size - 4)
                if struct.unpack("!i", body[:4])[0] != 80877103:  # not an SSLRequest
                    break
                conn.sendall(b"N")
            conn.sendall(b"R" + struct.pack("!ii", 8, 3))
            _exactly(conn, 1)
            (size,) = struct.unpack("!i", _exactly(conn, 4))
            _exactly(conn, size - 4)
            fields = b'SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user "bot"\0\0'
            conn.sendall(b"E" + struct.pack("!i", len(fields) + 4) + fields)
        except (EOFError, OSError):
            pass


@pytest.fixture
def refusing_postgres() -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=_refuse_password, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


def test_a_refused_password_is_one_plain_line(tmp_path: Path, refusing_postgres: int) -> None:
    url = f"postgresql+asyncpg://bot:hunter2-secret@127.0.0.1:{refusing_postgres}/campaign"
    result = cli("ballots", "list", env={"DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 2 and "hunter2" not in result.stderr + result.stdout
    assert result.stderr.strip().splitlines() == [
        f"campaign-bot: cannot reach the database at postgresql+asyncpg://bot:***@127.0.0.1:"
        f'{refusing_postgres}/campaign: password authentication failed for user "bot"'
    ]


async def test_a_port_already_taken_is_named_with_its_settings(tmp_path: Path) -> None:
    """It said 'cannot reach the database or a service: [Errno 98] error while attempting
    to bind on address ...': untrue (the database was fine) and naming no setting."""
    from bot.standins.telegram import TelegramStandIn
    from tests.test_run_cli import start

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        async with TelegramStandIn() as tg:
            proc = await start(
                tmp_path,
                "run",
                TELEGRAM_BOT_TOKEN=tg.token,
                TELEGRAM_API_BASE_URL=tg.url,
                HTTP_HOST="127.0.0.1",
                HTTP_PORT=str(port),
            )
            _, err = await asyncio.wait_for(proc.communicate(), within(60))
    finally:
        taken.close()
    lines = [line for line in err.decode().splitlines() if line.startswith("campaign-bot:")]
    assert proc.returncode == 2 and "Traceback" not in err.decode(), err.decode()
    assert lines == [
        f"campaign-bot: cannot serve HTTP on HTTP_HOST=127.0.0.1 HTTP_PORT={port}: "
        "address already in use"
    ]


def test_a_postgresql_that_is_down_is_said_plainly(tmp_path: Path) -> None:
    """It said 'ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', N)'."""
    port = free_port()  # nothing listens there
    url = f"postgresql+asyncpg://bot:hunter2-secret@127.0.0.1:{port}/campaign"
    result = cli("ballots", "list", env={"DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 2 and "hunter2" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"campaign-bot: cannot reach the database at postgresql+asyncpg://bot:***@127.0.0.1:"
        f"{port}/campaign: nothing answers at 127.0.0.1:{port}: is PostgreSQL running?"
    ]


def test_a_verb_run_from_another_folder_says_where_it_looked(tmp_path: Path) -> None:
    """'campaigns: content folder not found' from /root left an operator guessing: the
    default CONTENT_DIR and MESSAGES_DIR are relative to the folder the verb runs in."""
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"}
    env |= {"CONTENT_DIR": "campaigns", "MESSAGES_DIR": "messages"}
    result = cli("content", "check", env=env, cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.strip().splitlines() == [
        f"campaign-bot: campaigns: content folder not found in {tmp_path} (CONTENT_DIR; run "
        "from the bot's folder)",
        f"campaign-bot: messages: messages folder not found in {tmp_path} (MESSAGES_DIR; run "
        "from the bot's folder)",
    ]
