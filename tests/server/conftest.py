"""Fixtures of the server tests: the real app in process on SQLite and on PostgreSQL, and raw devices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from syncsupport import DATABASES, Clock, Server, add_user, server_database

from hubdesk.server.database import ServerDatabase


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
