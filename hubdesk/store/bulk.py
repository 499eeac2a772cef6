"""Fast loading of many records at once (demo workspaces, benchmarks, first-sync snapshots).

`Store.bulk_loader()` opens ONE write transaction for the whole load: the full-text
triggers and the secondary indexes are dropped inside it, rows go in with `executemany`
of prepared INSERTs, and on a clean exit the indexes are built again (sorted, once),
the triggers come back, each FTS index is rebuilt once from its table, the transaction
commits and `ANALYZE` refreshes the planner's statistics. DDL is
transactional in SQLite, so an exception or a crash mid-load leaves the file exactly
as it was before, triggers included. Pragmas are loosened for the duration
(`synchronous=OFF`, a larger cache) and restored afterwards.

Bulk rows bypass the unit of work: no write listeners, no RecordChange. Records keep
the version they carry (at least 1) and `updated_at` defaults to the load's start.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine

from hubdesk.store import search
from hubdesk.store.codec import KINDS, kind_of, to_row

_LOAD_PRAGMAS = ("synchronous = OFF", "cache_size = -262144")
_NORMAL_PRAGMAS = ("synchronous = NORMAL", "cache_size = -32000")


@dataclasses.dataclass(frozen=True)
class _Insert:
    sql: str
    columns: tuple[str, ...]


def _insert_for(kind: str) -> _Insert:
    table = KINDS[kind].model.__table__
    columns = tuple(c.name for c in table.columns if c.name != "rid")
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return _Insert(f'INSERT INTO "{kind}" ({names}) VALUES ({marks})', columns)


class BulkLoader:
    """Context manager; use as `with store.bulk_loader() as loader: loader.add_enterprises([...])`."""

    def __init__(self, engine: Engine, now: datetime | None = None) -> None:
        self._engine = engine
        self._now = (now or datetime.now(UTC)).isoformat()
        self._connection: Connection | None = None
        self._inserts = {kind: _insert_for(kind) for kind in KINDS}
        self.counts: dict[str, int] = dict.fromkeys(KINDS, 0)
        self._indexes: list[tuple[str, str]] = []

    def __enter__(self) -> BulkLoader:
        connection = self._engine.connect()
        self._connection = connection
        self._pragmas(_LOAD_PRAGMAS)
        connection.execution_options(immediate=True).begin()
        for name in search.trigger_names():
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        # Secondary indexes are built once at the end (a sorted build) rather than kept up
        # to date row by row; unique constraints stay and keep checking.
        tables = ", ".join(f"'{kind}'" for kind in KINDS)
        self._indexes = [
            (str(name), str(sql))
            for name, sql in connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({tables})"
            )
        ]
        for name, _sql in self._indexes:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
        return self

    def _pragmas(self, settings: Iterable[str]) -> None:
        assert self._connection is not None
        for setting in settings:  # pragmas that refuse to run inside a transaction go straight to the driver
            self._connection.connection.driver_connection.execute(f"PRAGMA {setting}")  # type: ignore[union-attr]

    def add(self, entities: Iterable[Any]) -> int:
        """Insert entities of any kinds (each kind in one executemany); returns how many."""
        if self._connection is None:
            raise RuntimeError("BulkLoader used outside its with block")
        rows_by_kind: dict[str, list[tuple[Any, ...]]] = {}
        for entity in entities:
            kind = kind_of(entity)
            row = to_row(entity)
            row["version"] = max(1, row["version"])
            row["updated_at"] = row["updated_at"] or self._now
            columns = self._inserts[kind].columns
            rows_by_kind.setdefault(kind, []).append(tuple(row[c] for c in columns))
        cursor = self._connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for kind, rows in rows_by_kind.items():
                cursor.executemany(self._inserts[kind].sql, rows)
                self.counts[kind] += len(rows)
        finally:
            cursor.close()
        return sum(len(rows) for rows in rows_by_kind.values())

    add_enterprises = add
    add_contacts = add
    add_cases = add
    add_status_changes = add
    add_visits = add
    add_tasks = add
    add_attachments = add
    add_forms = add

    def __exit__(
        self, error_type: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        connection = self._connection
        assert connection is not None
        try:
            if error_type is not None:
                connection.rollback()  # the triggers come back with everything else
                return
            for _name, sql in self._indexes:
                connection.exec_driver_sql(sql)
            for index in search.FTS_INDEXES.values():
                for statement in search.trigger_statements(index):
                    connection.exec_driver_sql(statement)
            search.rebuild(connection)
            connection.commit()
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
        finally:
            try:
                self._pragmas(_NORMAL_PRAGMAS)
            finally:
                connection.close()
                self._connection = None
