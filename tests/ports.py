"""Ports for servers a test starts at a number it must know beforehand (a bot's HTTP_PORT
that is also in its DASHBOARD_URL, a cluster's replicas one after another).

Asking the kernel for port 0 and closing the socket hands back an *ephemeral* port, and any
outgoing connection made on the machine before the server binds may take it: the nightly CI
saw exactly that ("address already in use" for a dashboard test, 1 in 1,408). So these ports
come from below the kernel's ephemeral range, where no outgoing connection is ever given a
port, and each pytest-xdist worker draws from its own slice, so two workers never race for
one either. A port is still checked free before it is handed out."""

from __future__ import annotations

import os
import random
import socket
from pathlib import Path

_LOW, _HIGH = 20000, 32000  # below Linux's default ephemeral range (32768-60999)
_SLICES = 8


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _slice() -> range:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(worker[2:]) if worker[2:].isdigit() else 0
    high = min(_HIGH, _ephemeral_low())
    width = (high - _LOW) // _SLICES
    start = _LOW + (number % _SLICES) * width
    return range(start, start + width)


def _free(ports: range) -> bool:
    held: list[socket.socket] = []
    try:
        for port in ports:
            sock = socket.socket()
            held.append(sock)
            sock.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        for sock in held:
            sock.close()


def free_ports(n: int) -> list[int]:
    """n free ports in a row (a replica's port is the first plus its number)."""
    pool = _slice()
    firsts = range(pool.start, pool.stop - n + 1)
    offset = random.randrange(len(firsts))
    for i in range(len(firsts)):
        first = firsts[(offset + i) % len(firsts)]
        if _free(range(first, first + n)):
            return list(range(first, first + n))
    raise RuntimeError(f"no {n} free ports in a row in {pool.start}-{pool.stop - 1}")


def free_port() -> int:
    return free_ports(1)[0]
