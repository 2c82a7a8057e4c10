"""What a new operator met following the README's "Settings" and "Running in production"
(2 December 2026), through the real command line: a PostgreSQL server that refuses the
password says so in one line, with the password hidden."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

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
