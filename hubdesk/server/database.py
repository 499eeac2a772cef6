"""The server database: engine for SQLite or PostgreSQL, migrations, and write transactions with retry.

SQLite (one file, zero set-up) takes its write lock up front (`BEGIN IMMEDIATE`) so two
writers queue instead of failing half-way. PostgreSQL runs writes in READ COMMITTED with
row locks and retries a transaction that lost a deadlock or a serialization race; reads
that must see one consistent state (a pull page with its checksum, a snapshot) run in
REPEATABLE READ. Several server processes may share one PostgreSQL database: nothing
another process needs is kept in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from hubdesk.kernel.errors import StorageError
from hubdesk.kernel.i18n import N_
from hubdesk.server import tables as t

T = TypeVar("T")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0001_server_initial"
MIGRATION_LOCK = 0x48554244  # "HUBD": PostgreSQL advisory lock taken while migrating
RETRYABLE_PG_CODES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
log = logging.getLogger("hubdesk.server.db")


def default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'hubdesk-server.sqlite'}"


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class ServerDatabase:
    """One engine on the server database; hand it to the app, the commands and the tests."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:":
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=pool_size, max_overflow=20
            )
            event.listen(self.engine, "connect", _sqlite_on_connect)
            event.listen(self.engine, "begin", _sqlite_on_begin)
        elif self.dialect == "postgresql":
            # No ping before each checkout (it cost a round trip, 0.45 ms, twice a request): a
            # connection the database dropped fails its request, is discarded with its pool, and
            # the client's retry gets a fresh one (see `create_app`: such a failure answers 503).
            self.engine = create_engine(url, pool_size=pool_size, max_overflow=20, pool_recycle=1800)
        else:
            raise StorageError(N_("Unsupported server database {url}: use sqlite or postgresql."), url=url)

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ schema

    def migrate(self) -> None:
        """Create or upgrade the tables (safe when several processes start at once)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.connect() as connection:
                if self.is_postgres:
                    connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
                    connection.commit()
                try:
                    with connection.execution_options(immediate=True).begin():
                        config.attributes["connection"] = connection
                        command.upgrade(config, "head")
                finally:
                    if self.is_postgres:
                        connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                        connection.commit()
        except DBAPIError as error:
            raise StorageError(
                N_("The server database {url} cannot be prepared: {reason}"), url=self.safe_url, reason=str(error.orig)
            ) from error

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            try:
                row = connection.execute(text("SELECT version_num FROM hubdesk_server_version")).first()
            except DBAPIError:
                return None
            return None if row is None else str(row[0])

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def read(self, *, consistent: bool = False, autocommit: bool = False) -> Iterator[Connection]:
        """A read transaction; `consistent` gives one snapshot for every statement (PostgreSQL).

        `autocommit`: each statement is read on its own, in a snapshot of its own (the caller
        needs no common one), so on PostgreSQL without BEGIN and COMMIT, two round trips fewer.
        """
        with self.engine.connect() as connection:
            if autocommit and self.is_postgres:
                yield connection.execution_options(isolation_level="AUTOCOMMIT")
                return
            if consistent and self.is_postgres:
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.connect() as connection, connection.execution_options(immediate=True).begin():
            yield connection

    def run_write(self, work: Callable[[Connection], T], attempts: int = 6) -> T:
        """Run `work` in a write transaction, again from scratch when it lost a race."""
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as connection:
                    return work(connection)
            except (OperationalError, IntegrityError) as error:
                if attempt == attempts or not self._retryable(error):
                    raise
                log.info("retrying a write transaction after %s (attempt %d)", type(error.orig).__name__, attempt)
        raise AssertionError("unreachable")

    def _retryable(self, error: DBAPIError) -> bool:
        if self.is_postgres:
            code = getattr(error.orig, "sqlstate", None)
            return code in RETRYABLE_PG_CODES or isinstance(error, IntegrityError)
        return "locked" in str(error.orig) or "busy" in str(error.orig)

    # ------------------------------------------------------------------ small helpers

    def upsert(
        self,
        connection: Connection,
        table: Table,
        rows: Sequence[Mapping[str, Any]],
        keys: Sequence[str],
        *,
        add: Sequence[str] = (),
        replace: Sequence[str] = (),
    ) -> None:
        """Insert rows, or on a key clash add to the `add` columns and overwrite the `replace` ones.

        With `add` or `replace`, no two rows may share a key (on PostgreSQL they go in one statement).
        """
        if not rows:
            return
        if self.is_postgres:
            columns = tuple(rows[0])
            sql = _unnest_upsert(table, columns, tuple(keys), tuple(add), tuple(replace))
            connection.exec_driver_sql(sql, array_params(rows, columns))
            return
        dialect_insert = sqlite.insert
        statement = dialect_insert(table)
        updates: dict[str, Any] = {name: table.c[name] + statement.excluded[name] for name in add}
        updates.update({name: statement.excluded[name] for name in replace})
        if updates:
            statement = statement.on_conflict_do_update(index_elements=list(keys), set_=updates)
        else:
            statement = statement.on_conflict_do_nothing(index_elements=list(keys))
        connection.execute(statement, list(rows))

    def insert_rows(self, connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert many rows (all with the same columns); on PostgreSQL one statement whatever the count.

        psycopg sends an executemany as one statement per row (1,500 change-key rows took
        35 ms); `INSERT ... SELECT FROM unnest(arrays)` takes one array per column instead.
        """
        if not rows:
            return
        if not self.is_postgres:
            connection.execute(table.insert(), list(rows))
            return
        columns = tuple(rows[0])
        connection.exec_driver_sql(
            _unnest_upsert(table, columns, (), (), (), conflict=False), array_params(rows, columns)
        )

    def update_rows(
        self, connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], keys: Sequence[str]
    ) -> None:
        """Set the other columns of each row found by its `keys` columns; on PostgreSQL one statement."""
        if not rows:
            return
        columns = tuple(rows[0])
        if not self.is_postgres:
            statement = (
                table.update()
                .where(*(table.c[key] == bindparam(f"k_{key}") for key in keys))
                .values({name: bindparam(name) for name in columns if name not in keys})
            )
            bound = [{**row, **{f"k_{key}": row[key] for key in keys}} for row in rows]
            connection.execute(statement, bound)
            return
        connection.exec_driver_sql(_unnest_update(table, columns, tuple(keys)), array_params(rows, columns))

    def delete_rows(self, connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Delete the rows whose columns equal each of `rows` (all with the same columns)."""
        if not rows:
            return
        columns = tuple(rows[0])
        if not self.is_postgres:
            statement = table.delete().where(*(table.c[name] == bindparam(name) for name in columns))
            connection.execute(statement, list(rows))
            return
        connection.exec_driver_sql(_unnest_delete(table, columns), array_params(rows, columns))

    def among(self, column: Column[Any], values: Sequence[Any]) -> ColumnElement[bool]:
        """`column IN values`; on PostgreSQL as `= ANY(array)`, one parameter whatever the count.

        A list of row values or of hundreds of literals makes PostgreSQL plan a scan per value
        (400 records took 97 ms to lock instead of 6.5 ms) and re-parse the text each time.
        """
        if self.is_postgres:
            return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
        return column.in_(list(values))

    def meta(self, connection: Connection, key: str) -> str | None:
        row = connection.execute(select(t.server_meta.c.value).where(t.server_meta.c.key == key)).first()
        return None if row is None else str(row[0])

    def set_meta(self, connection: Connection, key: str, value: str) -> None:
        self.upsert(connection, t.server_meta, [{"key": key, "value": value}], ["key"], replace=["value"])


def array_params(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], prefix: str = "p") -> dict[str, list[Any]]:
    """The parameters of `unnest_sql(table, columns, prefix)`: one list per column."""
    return {f"{prefix}{index}": [row[name] for row in rows] for index, name in enumerate(columns)}


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def unnest_sql(table: Table, columns: Sequence[str], prefix: str = "p", extra: Mapping[str, str] | None = None) -> str:
    """`unnest(%(p0)b::TYPE[], ...) AS v(col, ...)`: the rows as a relation, one array per column.

    Binary (`%b`): psycopg escapes each element of a text array with a regular expression,
    20 times slower for 500 JSON documents. `extra` names columns that are not the table's,
    with their SQL type.
    """
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    types = {name: str(table.c[name].type.compile(dialect=dialect)) for name in columns if name in table.c}
    types.update(extra or {})
    casts = ", ".join(f"%({prefix}{index})b::{types[name]}[]" for index, name in enumerate(columns))
    return f"unnest({casts}) AS v({_quoted(columns)})"


def _matching(table: Table, columns: Sequence[str]) -> str:
    return " AND ".join(f'"{table.name}"."{name}" = v."{name}"' for name in columns)


@cache
def _unnest_upsert(
    table: Table,
    columns: tuple[str, ...],
    keys: tuple[str, ...],
    add: tuple[str, ...],
    replace: tuple[str, ...],
    *,
    conflict: bool = True,
) -> str:
    sql = f'INSERT INTO "{table.name}" ({_quoted(columns)}) SELECT * FROM {unnest_sql(table, columns)}'
    if not conflict:
        return sql
    sets = [f'"{name}" = "{table.name}"."{name}" + excluded."{name}"' for name in add]
    sets += [f'"{name}" = excluded."{name}"' for name in replace]
    action = f"DO UPDATE SET {', '.join(sets)}" if sets else "DO NOTHING"
    return f"{sql} ON CONFLICT ({_quoted(keys)}) {action}"


@cache
def _unnest_update(table: Table, columns: tuple[str, ...], keys: tuple[str, ...]) -> str:
    sets = ", ".join(f'"{name}" = v."{name}"' for name in columns if name not in keys)
    return f'UPDATE "{table.name}" SET {sets} FROM {unnest_sql(table, columns)} WHERE {_matching(table, keys)}'


@cache
def _unnest_delete(table: Table, columns: tuple[str, ...]) -> str:
    return f'DELETE FROM "{table.name}" USING {unnest_sql(table, columns)} WHERE {_matching(table, columns)}'
