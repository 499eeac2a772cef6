"""Opening a workspace database: checks, SQLite pragmas, the engine, and migrations with a backup first.

`prepare(path)` returns an engine on an up-to-date database, or raises a translated
StorageError for a file that is not a SQLite database (or is damaged), a folder or file
HubDesk cannot write, or a schema newer than this version of HubDesk knows (it never
downgrades). A file that is behind is first copied to `<file>.bak-<revision>` with
SQLite's online backup, then migrated by Alembic inside one transaction.

Revisions are read from the scripts in `migrations/versions` without importing Alembic
(parsing them is a millisecond), so opening an up-to-date workspace stays fast; Alembic
is imported only when a migration actually runs.
"""

from __future__ import annotations

import ast
import os
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from hubdesk.kernel.errors import StorageError
from hubdesk.kernel.i18n import N_

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASE = "base"  # the revision name of a file that has the version table but no schema yet
PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -32000",
    "PRAGMA mmap_size = 0",  # no mapping: a bounded page cache per connection (README, Decisions)
)


@cache
def revision_chain() -> tuple[str, ...]:
    """The shipped revisions, oldest first (parsed from the scripts, not imported)."""
    parents: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        values: dict[str, Any] = {}
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                        values[target.id] = ast.literal_eval(node.value) if node.value is not None else None
        if "revision" in values:
            parents[values["revision"]] = values.get("down_revision")
    chain: list[str] = []
    child_of = {parent: child for child, parent in parents.items()}
    current = child_of.get(None)
    while current is not None:
        chain.append(current)
        current = child_of.get(current)
    if len(chain) != len(parents):
        raise RuntimeError(f"migration scripts do not form one chain: {sorted(parents)}")
    return tuple(chain)


def head_revision() -> str:
    return revision_chain()[-1]


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's BEGIN govern transactions (pysqlite's own handling defers them).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _on_begin(connection: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE) so two writers queue on
    # busy_timeout instead of one failing half-way with "database is locked".
    immediate = connection.get_execution_options().get("immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine on `path`: a pool of connections shared by the write lane and reader threads."""
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        connect_args={"check_same_thread": False, "timeout": 5},
        pool_size=5,
        max_overflow=10,
        pool_pre_ping=False,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _reason(error: BaseException) -> str:
    return str(getattr(error, "orig", None) or error)


def storage_error(path: Path, error: BaseException, *, writing: bool = False) -> StorageError:
    """A translated StorageError for a database error on `path`."""
    reason = _reason(error)
    if "not a database" in reason or "malformed" in reason:
        return StorageError(
            N_("The file {path} is not a HubDesk workspace database, or it is damaged ({reason})."),
            path=str(path),
            reason=reason,
        )
    if "readonly" in reason or "read-only" in reason:
        return StorageError(
            N_("The workspace database {path} is read-only; HubDesk needs to write there."), path=str(path)
        )
    if writing:
        return StorageError(
            N_("The workspace database {path} cannot be written: {reason}"), path=str(path), reason=reason
        )
    return StorageError(N_("The workspace database {path} cannot be opened: {reason}"), path=str(path), reason=reason)


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the file, `BASE` for an empty version table, None without one.

    Raises StorageError for a SQLite file that holds other tables but no HubDesk schema.
    """
    tables = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    if "alembic_version" not in tables:
        if tables:
            raise StorageError(N_("The file {path} is not a HubDesk workspace database."), path=_db_path(connection))
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return BASE if row is None else str(row[0])


def _db_path(connection: Connection) -> str:
    return str(connection.engine.url.database)


def backup_file(path: Path, revision: str) -> Path:
    """A consistent copy of the database (SQLite's online backup) taken before it is migrated."""
    target = path.with_name(f"{path.name}.bak-{revision}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def migrate(engine: Engine, target: str = "head") -> None:
    """Run the Alembic migrations up to `target` in one transaction (all or nothing)."""
    from alembic import command

    with engine.connect() as connection, connection.execution_options(immediate=True).begin():
        command.upgrade(alembic_config(connection), target)


def downgrade(engine: Engine, target: str) -> None:
    """Run the Alembic migrations down to `target` (tests and repairs; the app never downgrades)."""
    from alembic import command

    with engine.connect() as connection, connection.execution_options(immediate=True).begin():
        command.downgrade(alembic_config(connection), target)


def alembic_config(connection: Connection | None = None) -> Any:
    """Alembic configuration for the shipped scripts (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _check_writable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            N_("The workspace folder {folder} cannot be created: {reason}"), folder=str(folder), reason=str(error)
        ) from error
    if not folder.is_dir():
        raise StorageError(
            N_("The workspace folder {folder} cannot be created: {reason}"), folder=str(folder), reason="not a folder"
        )
    # WAL needs the -wal and -shm files next to the database, so the folder itself must be writable.
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.R_OK | os.W_OK)):
        raise StorageError(
            N_("The workspace folder {folder} is read-only; HubDesk needs to write there."), folder=str(folder)
        )


def prepare(path: Path) -> Engine:
    """The engine of an up-to-date database at `path`, created or migrated as needed."""
    _check_writable(path)
    existed = path.exists() and path.stat().st_size > 0
    engine = make_engine(path)
    try:
        chain = revision_chain()
        with engine.connect() as connection:
            revision = current_revision(connection)
            connection.rollback()
        if revision == chain[-1]:
            return engine
        if revision not in (None, BASE) and revision not in chain:
            raise StorageError(
                N_("The workspace {path} was written by a newer HubDesk (schema {revision}); update HubDesk."),
                path=str(path),
                revision=revision,
            )
        if existed and revision is not None:
            backup_file(path, revision)
        migrate(engine)
        return engine
    except StorageError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error, OSError) as error:
        engine.dispose()
        raise storage_error(path, error) from error
