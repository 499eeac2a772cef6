"""Fixtures of the sync tests: the server in process (SQLite and PostgreSQL), a keyring, client workspaces."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from syncsupport import DATABASES, Clock, MemoryKeyring, Replica, Server, add_user, server_database

from hubdesk.server.database import ServerDatabase


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(params=DATABASES)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerDatabase]:
    with server_database(request.param, tmp_path) as database:
        yield database


@pytest.fixture
def server(db: ServerDatabase) -> Iterator[Server]:
    add_user(db, "ann", "advisor", ["commune:21004"])
    add_user(db, "bob", "advisor", ["commune:21004", "commune:21015"])
    add_user(db, "cid", "advisor", ["commune:21015"])
    add_user(db, "root", "admin")
    running = Server.start(db, Clock())
    yield running
    running.transport.stop()


@pytest.fixture
def replica(server: Server, memory_keyring: MemoryKeyring, tmp_path: Path) -> Iterator[Callable[[str], Replica]]:
    made: list[Replica] = []

    def make(user: str, name: str | None = None, **options: Any) -> Replica:
        folder = tmp_path / (name or f"{user}-{len(made)}")
        made.append(Replica(server, folder, user, **options))
        return made[-1]

    yield make
    for item in made:
        item.close()
