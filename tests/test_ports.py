"""The test kit's ports: free, in a row, and never from the kernel's ephemeral range, where
an outgoing connection can take a port between its check and the server's bind."""

from __future__ import annotations

import socket

from tests.ports import _ephemeral_low, _slice, free_ports


def test_ports_are_free_in_a_row_and_below_the_ephemeral_range() -> None:
    for n in (1, 4):
        ports = free_ports(n)
        assert ports == list(range(ports[0], ports[0] + n))
        assert ports[-1] < _ephemeral_low()
        assert all(port in _slice() for port in ports)
        held = []
        try:
            for port in ports:
                sock = socket.socket()
                held.append(sock)
                sock.bind(("127.0.0.1", port))
        finally:
            for sock in held:
                sock.close()


def test_a_port_in_use_is_never_handed_out() -> None:
    pool = _slice()
    taken = []
    try:
        for port in range(pool.start, pool.stop):
            sock = socket.socket()
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                sock.close()
                continue
            taken.append(sock)
            if len(taken) == len(pool) - 3:
                break
        free = {port for port in pool} - {s.getsockname()[1] for s in taken}
        for _ in range(20):
            assert free_ports(1)[0] in free
    finally:
        for sock in taken:
            sock.close()
