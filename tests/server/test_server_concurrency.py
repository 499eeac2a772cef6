"""Several server processes on one database: commit-ordered change log, no skipped late commits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from syncsupport import Device, Server, add_user, enterprise_fields, require_postgres, server_database

from hubdesk.kernel.ids import new_id
from hubdesk.server import pull as pull_module
from hubdesk.server import push as push_module
from hubdesk.server.database import ServerDatabase


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[ServerDatabase]:
    require_postgres()
    with server_database("postgres", tmp_path) as database:
        yield database


def _waiting_on_a_lock(db: ServerDatabase) -> bool:
    with db.engine.connect() as connection:
        count = connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
        ).scalar_one()
    return int(count) > 0


@pytest.mark.postgres
def test_a_late_committing_push_is_never_skipped_by_a_pull(pg: ServerDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    add_user(pg, "ann", "advisor", ["commune:21004"])
    first_app = Server.start(pg)
    second_app = Server.start(ServerDatabase(pg.url), first_app.clock)  # another process: its own pool
    slow, fast, reader = Device(first_app, "ann"), Device(second_app, "ann"), Device(second_app, "ann")
    _, cursor = reader.pull_all("commune:21004")

    paused, release = threading.Event(), threading.Event()
    original = push_module.Batch.flush

    def write_then_wait(batch: push_module.Batch, *args: Any, **kwargs: Any) -> None:
        original(batch, *args, **kwargs)  # the last writes of a push: its log rows, counter held
        if any(record_id == slow_id for _entity, record_id in batch.touched):  # the slow push's transaction
            paused.set()
            release.wait()

    slow_id, fast_id = new_id(), new_id()
    monkeypatch.setattr(push_module.Batch, "flush", write_then_wait)
    results: dict[str, Any] = {}
    slow_thread = threading.Thread(
        target=lambda: results.update(slow=slow.push(slow.mutation("enterprise", slow_id, enterprise_fields()))),
    )
    slow_thread.start()
    assert paused.wait(30)  # the slow push has its log rows written, not committed
    fast_thread = threading.Thread(
        target=lambda: results.update(fast=fast.push(fast.mutation("enterprise", fast_id, enterprise_fields()))),
    )
    fast_thread.start()
    while not _waiting_on_a_lock(pg):  # the fast push queues behind the log lock
        assert fast_thread.is_alive()
    page = reader.pull("commune:21004", cursor)
    assert page["changes"] == [] and page["cursor"] == cursor
    release.set()
    slow_thread.join(30)
    fast_thread.join(30)
    changes, _ = reader.pull_all("commune:21004", cursor)
    order = [record for (_kind, record) in changes]
    assert order == [slow_id, fast_id]
    assert results["slow"][0]["status"] == results["fast"][0]["status"] == "applied"
    for app in (first_app, second_app):
        app.transport.stop()


@pytest.mark.postgres
def test_a_change_committed_while_a_pull_reads_comes_with_its_checksum_and_again_next_time(
    pg: ServerDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull reads its state, then its page and checksum in a second snapshot (no transaction)."""
    add_user(pg, "ann", "advisor", ["commune:21004"])
    first_app = Server.start(pg)
    second_app = Server.start(ServerDatabase(pg.url), first_app.clock)  # another process: its own pool
    writer, reader = Device(second_app, "ann"), Device(first_app, "ann")
    writer.push(writer.mutation("enterprise", new_id(), enterprise_fields()))
    _, cursor = reader.pull_all("commune:21004")
    late = new_id()
    original = pull_module.scopes_of
    pushed: list[Any] = []

    def push_meanwhile(connection: Any, principal: Any) -> Any:
        found = original(connection, principal)
        if not pushed:  # between the pull's state (its log position) and its page
            pushed.append(writer.push(writer.mutation("enterprise", late, enterprise_fields())))
        return found

    monkeypatch.setattr(pull_module, "scopes_of", push_meanwhile)
    page = reader.pull("commune:21004", cursor)
    monkeypatch.undo()
    assert pushed[0][0]["status"] == "applied"
    assert [change["id"] for change in page["changes"]] == [late]
    assert page["cursor"] == cursor  # the log position read before the push: the page vouches for no later one
    now = reader.http.get("/sync/v1/checksum", params={"scope": "commune:21004"}, headers=reader.headers).json()
    assert page["checksum"] == now  # counts the late change the page holds
    again = reader.pull("commune:21004", page["cursor"])
    assert [change["id"] for change in again["changes"]] == [late] and again["cursor"] != cursor
    assert again["checksum"] == now
    for app in (first_app, second_app):
        app.transport.stop()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_concurrent_pushes_through_several_apps_all_reach_a_concurrent_puller(kind: str, tmp_path: Path) -> None:
    if kind == "postgres":
        require_postgres()
    with server_database(kind, tmp_path) as db:
        add_user(db, "ann", "advisor", ["commune:21004"])
        apps = [Server.start(db)] + [Server.start(ServerDatabase(db.url)) for _ in range(2)]
        devices = [Device(apps[index % 3], "ann") for index in range(6)]
        reader = Device(apps[0], "ann")
        written: list[str] = []
        lock = threading.Lock()
        done = threading.Event()

        def writer(device: Device) -> None:
            for _round in range(15):
                record = new_id()
                [result] = device.push(device.mutation("enterprise", record, enterprise_fields()))
                assert result["status"] == "applied"
                with lock:
                    written.append(record)

        seen: set[str] = set()
        cursor = ""

        def puller() -> None:
            nonlocal cursor
            while True:
                finished = done.is_set()
                changes, cursor = reader.pull_all("commune:21004", cursor)
                seen.update(record for (_kind, record) in changes)
                if finished:
                    return

        threads = [threading.Thread(target=writer, args=(device,)) for device in devices]
        pulling = threading.Thread(target=puller)
        pulling.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        done.set()
        pulling.join(120)
        assert len(written) == 90
        assert seen == set(written)  # following cursors missed nothing committed late
        for app in apps:
            app.transport.stop()
