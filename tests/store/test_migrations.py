"""Opening workspace files: creation, migration with a backup from every earlier revision, refusals."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from store_factories import enterprise_number, make_enterprise

from hubdesk.kernel.errors import StorageError
from hubdesk.kernel.ids import new_id
from hubdesk.store import Store
from hubdesk.store.database import (
    BASE,
    alembic_config,
    downgrade,
    head_revision,
    make_engine,
    migrate,
    revision_chain,
)
from hubdesk.store.models import Base

# The enterprise columns of revision 0001 (frozen here: rows written the way that revision stored them).
ENTERPRISE_0001 = {
    "rid": 1,
    "id": "0190c2b1-0000-7000-8000-000000000001",
    "version": 3,
    "updated_at": "2025-01-02T03:04:05+00:00",
    "number": "0403019261",
    "name": "Café Ancien",
    "legal_form": "SRL",
    "nace_codes": '[{"code":"56.101","version":"2008"}]',
    "sector": "horeca",
    "street": "Rue Haute 1",
    "postal_code": "1000",
    "commune_nis": "21004",
    "city": "Bruxelles",
    "country": "BE",
    "language": "fr",
    "vat_number": None,
    "iban": None,
    "email": None,
    "phone": None,
    "headcount": "3",
    "turnover_eur": None,
    "balance_sheet_eur": None,
    "related": "[]",
    "account_manager": None,
}


def version_in(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    finally:
        connection.close()


def test_revisions_read_from_the_scripts_match_alembic() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert revision_chain()[0] == "0001_initial"
    assert head_revision() == scripts.get_current_head()
    assert list(revision_chain()) == [s.revision for s in reversed(list(scripts.walk_revisions()))]


def test_creates_a_new_workspace_with_the_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "hubdesk.sqlite"
    with Store.open(path) as store, store.read() as reader:
        pragma = {
            name: reader.connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
        assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "synchronous": 1}
    assert version_in(path) == head_revision()
    assert not list(path.parent.glob("*.bak-*"))  # nothing to back up


def test_schema_built_by_the_migrations_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "hubdesk.sqlite"
    Store.open(path).close()
    engine = create_engine(f"sqlite:///{path}")

    def ours(name: str | None, kind: str, _parent: object) -> bool:
        return not (kind == "table" and name is not None and name.startswith("fts_"))  # FTS5 shadow tables

    with engine.connect() as connection, warnings.catch_warnings():
        # Alembic cannot reflect the one expression index; it is checked below from sqlite_master.
        warnings.simplefilter("ignore")
        context = MigrationContext.configure(connection, opts={"include_name": ours})
        differences = compare_metadata(context, Base.metadata)
        names = {row[0]: row[1] for row in connection.execute(text("SELECT name, sql FROM sqlite_master"))}
    engine.dispose()
    assert differences == []
    assert "(due_on IS NULL), due_on, rid" in names["ix_case_list_due_on_nulls_last"]
    assert {"fts_enterprise", "fts_contact", "fts_case", "fts_visit"} <= set(names)
    assert {
        f"fts_{kind}_{op}" for kind in ("enterprise", "contact", "case", "visit") for op in ("ai", "ad", "au")
    } <= set(names)


def test_empty_file_is_set_up(tmp_path: Path) -> None:
    path = tmp_path / "hubdesk.sqlite"
    path.touch()
    with Store.open(path) as store, store.read() as reader:
        assert reader.counts()["enterprise"] == 0
    assert version_in(path) == head_revision()


def earlier_states() -> list[str]:
    """Every state a shipped HubDesk can have left a file in, other than head."""
    return [BASE, *revision_chain()[:-1]]


@pytest.mark.parametrize("revision", earlier_states())
def test_migrates_from_every_earlier_revision_with_a_backup(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "hubdesk.sqlite"
    engine = make_engine(path)
    if revision == BASE:  # the version table exists, the schema not (yet or any more)
        migrate(engine)
        downgrade(engine, "base")
    else:
        migrate(engine, revision)
        with engine.begin() as connection:
            columns = ", ".join(ENTERPRISE_0001)
            marks = ", ".join(f":{name}" for name in ENTERPRISE_0001)
            connection.execute(text(f"INSERT INTO enterprise ({columns}) VALUES ({marks})"), ENTERPRISE_0001)
    engine.dispose()
    before = version_in(path)
    assert before == (None if revision == BASE else revision)

    with Store.open(path) as store, store.read() as reader:
        if revision != BASE:
            migrated = reader.get_enterprise(str(ENTERPRISE_0001["id"]))
            assert migrated is not None and migrated.name == "Café Ancien" and migrated.version == 3
            assert [hit.title for hit in reader.search("cafe ancien")] == ["Café Ancien"]
    assert version_in(path) == head_revision()
    backup = tmp_path / f"hubdesk.sqlite.bak-{revision}"
    assert backup.exists()
    assert version_in(backup) == before  # the backup is the file as it was


def test_downgrade_to_base_removes_everything(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    migrate(engine)
    downgrade(engine, "base")
    with engine.connect() as connection:
        names = {row[0] for row in connection.execute(text("SELECT tbl_name FROM sqlite_master"))}
    engine.dispose()
    assert names == {"alembic_version"}


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Store.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError) as caught:
        Store.open(path)
    assert "newer HubDesk" in str(caught.value) and "0099_future" in str(caught.value)
    assert "plus récente" in caught.value.translated("fr")
    assert "nieuwere" in caught.value.translated("nl")
    assert version_in(path) == "0099_future"
    assert not list(tmp_path.glob("*.bak-*"))


def test_not_a_database_gives_a_translated_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as caught:
        Store.open(path)
    assert "not a HubDesk workspace database" in str(caught.value)
    assert "n'est pas une base de données" in caught.value.translated("fr")
    assert "geen HubDesk-werkruimtedatabank" in caught.value.translated("nl")


def test_damaged_database_gives_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    with Store.open(path) as store, store.bulk_loader() as loader:
        loader.add_enterprises(
            [make_enterprise(id=new_id(), number=enterprise_number(n), name=f"Zaak {n}") for n in range(2000)]
        )
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # keep the header page, scramble the rest
        data[start : start + 64] = os.urandom(64)
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as caught:
        store = Store.open(path)
        try:
            with store.read() as reader:
                reader.counts()
                reader.search("zaak")
                reader.list_enterprises(limit=5000)
        finally:
            store.close()
    assert str(caught.value)


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError, match="not a HubDesk workspace"):
        Store.open(path)
    connection = sqlite3.connect(path)
    assert [r[0] for r in connection.execute("SELECT name FROM sqlite_master")] == ["photos"]  # untouched
    connection.close()


def test_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError) as caught:
        Store.open(blocker / "sub" / "hubdesk.sqlite")
    assert "cannot be created" in str(caught.value)
    assert "ne peut pas être créé" in caught.value.translated("fr")


OPEN_AND_REPORT = """
import sys
from pathlib import Path
from hubdesk.kernel.errors import StorageError
from hubdesk.store import Store
try:
    Store.open(Path(sys.argv[1])).close()
    print("opened")
except StorageError as error:
    print(error.translated("en"))
    print(error.translated("nl"))
"""


def test_a_read_only_folder_gives_a_translated_error() -> None:
    # A folder the user cannot write: root would bypass the mode bits, so a root test run
    # drops the capabilities that let it (the child process then obeys them like anyone).
    folder = Path(tempfile.mkdtemp(prefix="hubdesk-readonly-"))
    try:
        Store.open(folder / "hubdesk.sqlite").close()
        for name in os.listdir(folder):
            if name != "hubdesk.sqlite":
                (folder / name).unlink()
        folder.chmod(0o555)
        command = [sys.executable, "-c", OPEN_AND_REPORT, str(folder / "hubdesk.sqlite")]
        if os.geteuid() == 0:
            command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
        output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path.cwd()).stdout
    finally:
        folder.chmod(0o755)
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
    assert "is read-only" in output and "alleen-lezen" in output
