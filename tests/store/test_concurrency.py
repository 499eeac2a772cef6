"""Readers and writers at once under WAL, and processes killed in the middle of a write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text
from store_factories import enterprise_number, make_enterprise

from hubdesk.kernel.ids import new_id
from hubdesk.store import Store


def test_a_reader_sees_its_snapshot_and_is_not_blocked_by_a_writer(store: Store) -> None:
    with store.unit_of_work() as uow:
        saved = uow.save(make_enterprise())
    writing, release, done = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with store.unit_of_work() as uow:
                uow.save(replace(saved, name="Pendant l'écriture"))
                uow.save(make_enterprise(id=new_id(), number=enterprise_number(1), name="Deuxième"))
                writing.set()
                assert release.wait(10)
        except BaseException as error:  # reported to the test thread below
            errors.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    assert writing.wait(10)
    with store.read() as reader:  # the writer holds the write lock and has not committed
        assert reader.get_enterprise(saved.id) == saved
        assert reader.counts()["enterprise"] == 1
        assert reader.search("deuxieme") == []
        release.set()
        assert done.wait(10)  # committed meanwhile...
        assert reader.counts()["enterprise"] == 1  # ...but this read transaction keeps its snapshot
    thread.join(10)
    assert errors == []
    with store.read() as reader:
        enterprise = reader.get_enterprise(saved.id)
        assert enterprise is not None and enterprise.name == "Pendant l'écriture"
        assert reader.counts()["enterprise"] == 2
        assert [hit.title for hit in reader.search("deuxieme")] == ["Deuxième"]


def test_two_writers_queue_instead_of_failing(store: Store) -> None:
    first_holds, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with store.unit_of_work() as uow:
                uow.save(make_enterprise(id=new_id(), number=enterprise_number(1), name="Premier"))
                first_holds.set()
                assert release.wait(10)
        except BaseException as error:
            errors.append(error)

    def second() -> None:
        try:
            with store.unit_of_work() as uow:  # waits for the lock (busy timeout), then writes
                uow.save(make_enterprise(id=new_id(), number=enterprise_number(2), name="Second"))
        except BaseException as error:
            errors.append(error)

    one = threading.Thread(target=first)
    one.start()
    assert first_holds.wait(10)
    two = threading.Thread(target=second)
    two.start()
    release.set()
    one.join(10)
    two.join(10)
    assert errors == []
    with store.read() as reader:
        assert reader.counts()["enterprise"] == 2


WRITE_FOREVER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from hubdesk.domain.entities import Case, CaseKind, Channel, Enterprise, Visit
from hubdesk.kernel.ids import new_id
from hubdesk.store import Store
store = Store.open(Path(sys.argv[1]))
n = 0
while True:
    with store.unit_of_work() as uow:
        body = 2_000_000 + n
        e = uow.save(Enterprise(new_id(), f"0{body:07d}{97 - body % 97:02d}", f"Entreprise Zoë {n}"))
        c = uow.save(Case(new_id(), f"HD-2026-CRSH-{n:05d}", e.id, "Dossier", CaseKind.GENERAL_ADVICE))
        for _ in range(20):
            uow.save(Visit(new_id(), c.id, datetime.now(UTC), Channel.PHONE, notes="Notes " + "x" * 500))
    n += 1
    if n == 5:
        print("ready", flush=True)
"""

BULK_FOREVER = """
import sys
from pathlib import Path
from hubdesk.domain.entities import Enterprise
from hubdesk.kernel.ids import new_id
from hubdesk.store import Store

def batch(start):
    return [Enterprise(new_id(), f"0{2_000_000 + n:07d}{97 - (2_000_000 + n) % 97:02d}", f"Bulk {n}")
            for n in range(start, start + 1000)]

store = Store.open(Path(sys.argv[1]))
with store.bulk_loader() as loader:
    loader.add_enterprises(batch(0))
print("first load done", flush=True)
with store.bulk_loader() as loader:
    n = 1000
    while True:
        loader.add_enterprises(batch(n))
        n += 1000
        if n == 5000:
            print("second load running", flush=True)
"""


def run_until(path: Path, script: str, *signals: bytes) -> None:
    """Run `script` on the workspace, wait for each line in `signals`, then kill it (SIGKILL)."""
    process = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None
        for expected in signals:
            assert process.stdout.readline().strip() == expected
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(30)


def check_integrity(store: Store) -> None:
    with store.read() as reader:
        assert reader.connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert reader.connection.execute(text("PRAGMA foreign_key_check")).all() == []
        for kind in ("enterprise", "contact", "case", "visit"):  # each index agrees with its table
            reader.connection.exec_driver_sql(f"INSERT INTO fts_{kind}(fts_{kind}) VALUES ('integrity-check')")


def test_killed_mid_transaction_leaves_a_consistent_file(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    Store.open(path).close()
    run_until(path, WRITE_FOREVER, b"ready")
    with Store.open(path) as store:
        check_integrity(store)
        with store.read() as reader:
            counts = reader.counts()
            assert counts["enterprise"] >= 5
            assert counts["case"] == counts["enterprise"]  # whole units of work, never half of one
            assert counts["visit"] == 20 * counts["case"]
            half_cases = reader.connection.execute(
                text('SELECT count(*) FROM "case" c WHERE (SELECT count(*) FROM visit v WHERE v.case_id = c.id) != 20')
            ).scalar()
            assert half_cases == 0
            assert len(reader.search("zoe", limit=10_000)) == counts["enterprise"]  # the index kept up
        with store.unit_of_work() as uow:  # and the file takes new writes
            uow.save(make_enterprise(id=new_id(), number=enterprise_number(9_000_000)))


def test_killed_mid_bulk_load_keeps_the_last_complete_load(tmp_path: Path) -> None:
    path = tmp_path / "bulk.sqlite"
    Store.open(path).close()
    run_until(path, BULK_FOREVER, b"first load done", b"second load running")
    with Store.open(path) as store:
        check_integrity(store)
        with store.read() as reader:
            assert reader.counts()["enterprise"] == 1000
            schema = {row[0] for row in reader.connection.execute(text("SELECT name FROM sqlite_master"))}
        assert {"fts_enterprise_ai", "fts_case_au", "ix_case_list_updated_at", "ix_enterprise_name_id_sector"} <= schema
        with store.unit_of_work() as uow:  # triggers and indexes survived: new writes are indexed
            uow.save(make_enterprise(id=new_id(), number=enterprise_number(9_000_001), name="Après le crash"))
        with store.read() as reader:
            assert [hit.title for hit in reader.search("apres crash")] == ["Après le crash"]
            assert len(reader.search("bulk", limit=5000, kinds=["enterprise"])) == 1000
