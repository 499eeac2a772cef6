"""Several worker processes: the parent hands each connection to the worker holding the fewest."""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from syncsupport import LiveServer, live_server, server_database


def _open(server: LiveServer) -> socket.socket:
    """A kept-alive connection that has been answered once (so its worker holds it)."""
    host, port = server.address.removeprefix("http://").rsplit(":", 1)
    connection = socket.create_connection((host, int(port)), timeout=10)
    connection.sendall(f"GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    answer = b""
    while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
        chunk = connection.recv(4096)
        assert chunk, answer
        answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer
    return connection


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for link in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(link)
        except FileNotFoundError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _server_side_inodes(port: int) -> dict[int, str]:
    """Client port -> inode of the server's end of each loopback connection to `port`."""
    found = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].rsplit(":", 1)[1], 16)
        if local_port == port and fields[3] == "01":  # ESTABLISHED
            found[int(fields[2].rsplit(":", 1)[1], 16)] = fields[9]
    return found


def _holders(server: LiveServer, connections: list[socket.socket]) -> dict[int, list[socket.socket]]:
    """Which worker holds the server end of each connection."""
    port = int(server.address.rsplit(":", 1)[1])
    held: dict[int, list[socket.socket]] = {pid: [] for pid in server.workers}
    for _attempt in range(100):
        ends = _server_side_inodes(port)
        owners = {pid: _socket_inodes(pid) for pid in server.workers}
        held = {pid: [] for pid in server.workers}
        for connection in connections:
            inode = ends.get(connection.getsockname()[1])
            for pid, inodes in owners.items():
                if inode in inodes:
                    held[pid].append(connection)
        if sum(len(mine) for mine in held.values()) == len(connections):
            break
        time.sleep(0.05)
    return held


@contextmanager
def _server(tmp_path: Path) -> Iterator[LiveServer]:
    with server_database("sqlite", tmp_path) as db, live_server(db.url, tmp_path / "server.log") as server:
        yield server


def test_connections_are_shared_evenly_and_a_freed_worker_takes_the_next_ones(tmp_path: Path) -> None:
    with _server(tmp_path) as server, ExitStack() as stack:
        connections = [stack.enter_context(_open(server)) for _ in range(10)]
        held = _holders(server, connections)
        assert sorted(len(mine) for mine in held.values()) == [5, 5], held

        first, second = server.workers
        for connection in held[first]:
            connection.close()
        time.sleep(0.3)  # the worker sees the closes and reports them to the parent
        newer = [stack.enter_context(_open(server)) for _ in range(4)]
        held = _holders(server, newer)
        assert len(held[first]) == 4 and not held[second], held


def test_the_server_keeps_serving_when_a_worker_dies(tmp_path: Path) -> None:
    with _server(tmp_path) as server:
        first, second = server.workers
        os.kill(first, signal.SIGKILL)
        for _attempt in range(100):
            if not Path(f"/proc/{first}").exists() or "Z" in Path(f"/proc/{first}/stat").read_text().split()[2]:
                break
            time.sleep(0.05)
        with ExitStack() as stack:
            connections = [stack.enter_context(_open(server)) for _ in range(4)]
            assert len(_holders(server, connections)[second]) == 4


@pytest.mark.parametrize("workers", [1, 3])
def test_any_number_of_workers_answers_and_stops_cleanly(tmp_path: Path, workers: int) -> None:
    with (
        server_database("sqlite", tmp_path) as db,
        live_server(db.url, tmp_path / "server.log", workers=workers) as server,
        ExitStack() as stack,
    ):
        for _ in range(workers * 2):
            stack.enter_context(_open(server))
