"""The store's side of sync: outbox rows, sync state, server versions, conflicts and remote writes.

Everything the sync engine reads or writes in the workspace database goes through
these functions, always on the connection of an open unit of work, so an applied page
and its cursor, or a push result and the outbox rows it clears, commit together.
The tables (`outbox`, `sync_state`, `record_meta`, `conflict`) belong to the store's
first revision; this module gives them their meaning.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, text

from hubdesk.kernel.jsonable import compact_json
from hubdesk.store import search
from hubdesk.store.codec import CHILDREN, JSON_COLUMNS, KINDS, entity_to_fields, fields_to_entity, to_row
from hubdesk.store.unit_of_work import UnitOfWork

CONFLICT_COLUMNS = ("entity", "record_id", "field", "base", "mine", "theirs", "authors", "clocks")
CHILD_KINDS = CHILDREN  # a record's children, for "does it hold unsent edits" and evictions
PARENT_FIELD: Mapping[str, tuple[str, str]] = {
    child: (parent, link) for parent, children in CHILD_KINDS.items() for child, link in children
}


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


# ---------------------------------------------------------------------- sync state (key/value)


# Built once: a sync reads and writes a dozen of these, and building a statement each time cost
# more than running it.
_STATE_GET = text('SELECT value FROM sync_state WHERE "key" = :k')
_STATE_SET = text('INSERT INTO sync_state("key", value) VALUES (:k, :v) ON CONFLICT("key") DO UPDATE SET value = :v')
_STATE_DELETE = text('DELETE FROM sync_state WHERE "key" = :k')
_STATE_RANGE = text('SELECT "key", value FROM sync_state WHERE "key" >= :lo AND "key" < :hi ORDER BY "key"')


def state_get(connection: Connection, key: str) -> str | None:
    row = connection.execute(_STATE_GET, {"k": key}).first()
    return None if row is None else str(row[0])


def state_set(connection: Connection, key: str, value: str) -> None:
    connection.execute(_STATE_SET, {"k": key, "v": value})


def state_set_many(connection: Connection, items: list[tuple[str, str]]) -> None:
    if items:
        connection.execute(_STATE_SET, [{"k": key, "v": value} for key, value in items])


def state_delete(connection: Connection, key: str) -> None:
    connection.execute(_STATE_DELETE, {"k": key})


def state_items(connection: Connection, prefix: str, after: str = "") -> list[tuple[str, str]]:
    """Entries whose key starts with `prefix`, in key order; with `after`, only those whose key
    is greater than `prefix + after` (for keys with a zero-padded number, a numeric range)."""
    lowest = prefix + after + "\x00" if after else prefix  # the first key sorting after `prefix + after`
    rows = connection.execute(_STATE_RANGE, {"lo": lowest, "hi": prefix + "\uffff"})
    return [(str(k), str(v)) for k, v in rows]


def state_json(connection: Connection, key: str, default: Any = None) -> Any:
    value = state_get(connection, key)
    return default if value is None else json.loads(value)


def state_set_json(connection: Connection, key: str, value: Any) -> None:
    state_set(connection, key, json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def next_device_seq(connection: Connection) -> int:
    connection.execute(
        text(
            "INSERT INTO sequence(name, value) VALUES ('sync.device_seq', 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1"
        )
    )
    return int(connection.execute(text("SELECT value FROM sequence WHERE name = 'sync.device_seq'")).scalar_one())


# ---------------------------------------------------------------------- outbox


@dataclass(frozen=True)
class OutboxRow:
    mutation_id: str
    device_seq: int
    group_id: str
    entity: str
    record_id: str
    op: str
    payload: dict[str, Any]
    created_at: str


def outbox_add(connection: Connection, rows: Iterable[OutboxRow]) -> None:
    values = [
        {
            "mutation_id": r.mutation_id,
            "device_seq": r.device_seq,
            "group_id": r.group_id,
            "entity": r.entity,
            "record_id": r.record_id,
            "op": r.op,
            "payload": json.dumps(r.payload, ensure_ascii=False, separators=(",", ":")),
            "created_at": r.created_at,
        }
        for r in rows
    ]
    if values:
        connection.execute(
            text(
                "INSERT INTO outbox(mutation_id, device_seq, group_id, entity, record_id, op, payload, created_at) "
                "VALUES (:mutation_id, :device_seq, :group_id, :entity, :record_id, :op, :payload, :created_at)"
            ),
            values,
        )


def _outbox_row(row: Any) -> OutboxRow:
    return OutboxRow(
        mutation_id=row.mutation_id,
        device_seq=int(row.device_seq),
        group_id=row.group_id,
        entity=row.entity,
        record_id=row.record_id,
        op=row.op,
        payload=json.loads(row.payload),
        created_at=row.created_at,
    )


def outbox_pending(connection: Connection, limit: int, after_seq: int = 0) -> list[OutboxRow]:
    rows = connection.execute(
        text("SELECT * FROM outbox WHERE device_seq > :after ORDER BY device_seq LIMIT :limit"),
        {"after": after_seq, "limit": limit},
    )
    return [_outbox_row(row) for row in rows]


def outbox_remove(connection: Connection, mutation_ids: Iterable[str]) -> None:
    ids = [{"m": m} for m in mutation_ids]
    if ids:
        connection.execute(text("DELETE FROM outbox WHERE mutation_id = :m"), ids)


def outbox_size(connection: Connection) -> tuple[int, str | None]:
    """Pending rows and the creation time of the oldest one."""
    row = connection.execute(text("SELECT count(*), min(created_at) FROM outbox")).one()
    return int(row[0]), row[1]


def pending_records(connection: Connection) -> set[tuple[str, str]]:
    return {(str(e), str(i)) for e, i in connection.execute(text("SELECT DISTINCT entity, record_id FROM outbox"))}


def pending_fields(connection: Connection, entity: str, record_id: str) -> tuple[set[str], bool]:
    """Fields with unsent local edits on a record, and whether a local delete is unsent."""
    names: set[str] = set()
    deleted = False
    for op, payload in connection.execute(
        text("SELECT op, payload FROM outbox WHERE entity = :e AND record_id = :i ORDER BY device_seq"),
        {"e": entity, "i": record_id},
    ):
        if op == "delete":
            deleted = True
            continue
        data = json.loads(payload)
        names.update(data.get("fields") or data.get("changes") or {})
    return names, deleted


# ---------------------------------------------------------------------- server versions and scope keys


def meta_get(connection: Connection, entity: str, record_id: str) -> tuple[int, list[str]] | None:
    row = connection.execute(
        text("SELECT server_version, scope_keys FROM record_meta WHERE entity = :e AND record_id = :i"),
        {"e": entity, "i": record_id},
    ).first()
    return None if row is None else (int(row[0]), json.loads(row[1]))


def meta_set(connection: Connection, entity: str, record_id: str, version: int, keys: list[str]) -> None:
    connection.execute(
        text(
            "INSERT INTO record_meta(entity, record_id, server_version, scope_keys) VALUES (:e, :i, :v, :k) "
            "ON CONFLICT(entity, record_id) DO UPDATE SET server_version = :v, scope_keys = :k"
        ),
        {"e": entity, "i": record_id, "v": version, "k": json.dumps(sorted(keys))},
    )


_RAISE_VERSION = text(
    "INSERT INTO record_meta(entity, record_id, server_version, scope_keys) VALUES (:e, :i, :v, '[]') "
    "ON CONFLICT(entity, record_id) DO UPDATE SET server_version = max(server_version, :v)"
)


def meta_raise_versions(connection: Connection, rows: list[tuple[str, str, int]]) -> None:
    """Record that the server holds these versions of records exactly as this device last wrote them."""
    if rows:
        connection.execute(_RAISE_VERSION, [{"e": entity, "i": record_id, "v": v} for entity, record_id, v in rows])


def meta_unplaced(connection: Connection) -> list[tuple[str, str]]:
    """Records with a known server version but no known scope keys (sent from here, never pulled back)."""
    rows = connection.execute(text("SELECT entity, record_id FROM record_meta WHERE scope_keys = '[]'"))
    return [(str(entity), str(record_id)) for entity, record_id in rows]


def meta_delete(connection: Connection, entity: str, record_id: str) -> None:
    connection.execute(
        text("DELETE FROM record_meta WHERE entity = :e AND record_id = :i"), {"e": entity, "i": record_id}
    )


def meta_prune(connection: Connection) -> None:
    """Forget server versions of records no longer in the workspace (after deletes and evictions)."""
    for kind in KINDS:
        connection.execute(
            text(f'DELETE FROM record_meta WHERE entity = :e AND record_id NOT IN (SELECT id FROM "{kind}")'),
            {"e": kind},
        )
    connection.execute(
        text("DELETE FROM record_meta WHERE entity = 'conflict' AND record_id NOT IN (SELECT id FROM \"conflict\")")
    )


def local_versions(connection: Connection) -> Iterator[tuple[str, str, int, list[str]]]:
    """(entity, id, version, scope keys) of every record the workspace holds with known keys."""
    for kind in (*KINDS, "conflict"):
        rows = connection.execute(
            text(
                f'SELECT r.id, r.version, m.scope_keys FROM "{kind}" r '
                "JOIN record_meta m ON m.entity = :e AND m.record_id = r.id"
            ),
            {"e": kind},
        )
        parsed: dict[str, list[str]] = {}  # the same few key lists repeat over thousands of records
        for record_id, version, keys in rows:
            known = parsed.get(keys)
            if known is None:
                known = parsed[keys] = json.loads(keys)
            yield kind, str(record_id), int(version), list(known)


@contextmanager
def unmapped(connection: Connection) -> Iterator[None]:
    """A pass over every record with a small page cache and no memory mapping of the file.

    Otherwise reading or writing all records would leave most of the file mapped into the
    process and a full page cache behind: a first sync of 150,000 records would hold twice
    the memory it needs.
    """
    driver: Any = connection.connection.driver_connection
    size = int(driver.execute("PRAGMA mmap_size").fetchone()[0])
    cache = int(driver.execute("PRAGMA cache_size").fetchone()[0])
    driver.execute("PRAGMA mmap_size = 0")
    driver.execute("PRAGMA cache_size = -8000")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA mmap_size = {size}")
        driver.execute(f"PRAGMA cache_size = {cache}")


def has_records(connection: Connection) -> bool:
    return any(
        connection.execute(text(f'SELECT 1 FROM "{kind}" LIMIT 1')).first() is not None for kind in (*KINDS, "conflict")
    )


def descendants(connection: Connection, entity: str, record_id: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    stack = [(entity, record_id)]
    while stack:
        kind, rid = stack.pop()
        for child, link in CHILD_KINDS.get(kind, ()):
            for (child_id,) in connection.execute(text(f'SELECT id FROM "{child}" WHERE {link} = :i'), {"i": rid}):
                found.append((child, str(child_id)))
                stack.append((child, str(child_id)))
    return found


def parent_present(connection: Connection, entity: str, data: Mapping[str, Any]) -> bool:
    link = PARENT_FIELD.get(entity)
    if link is None:
        return True
    parent_id = data.get(link[1])
    if not parent_id:
        return True
    return connection.execute(text(f'SELECT 1 FROM "{link[0]}" WHERE id = :i'), {"i": parent_id}).first() is not None


def local_fields(uow: UnitOfWork, entity: str, record_id: str) -> tuple[dict[str, Any], int] | None:
    current = uow.reader.get(entity, record_id)
    if current is None:
        return None
    return entity_to_fields(current), int(current.version)


# ---------------------------------------------------------------------- conflicts (client table)


def conflict_put(connection: Connection, conflict_id: str, data: Mapping[str, Any], version: int) -> None:
    """Store a conflict record as the server sent it (values kept as JSON text)."""
    params = {
        "id": conflict_id,
        "entity": data.get("entity", ""),
        "record_id": data.get("record_id", ""),
        "field": data.get("field", ""),
        "base": compact_json(data.get("base")),
        "mine": compact_json(data.get("mine")),
        "theirs": compact_json(data.get("theirs")),
        "authors": compact_json({**(data.get("authors") or {}), "winner": data.get("winner")}),
        "clocks": compact_json(data.get("clocks") or {}),
        "created_at": data.get("created_at") or now_iso(),
        "resolved_at": data.get("resolved_at"),
        "resolution": None if data.get("resolution") is None else compact_json(data.get("resolution")),
        "version": version,
    }
    connection.execute(
        text(
            'INSERT INTO "conflict"(id, entity, record_id, field, base, mine, theirs, authors, clocks, created_at, '
            "resolved_at, resolution, version) VALUES (:id, :entity, :record_id, :field, :base, :mine, :theirs, "
            ":authors, :clocks, :created_at, :resolved_at, :resolution, :version) ON CONFLICT(id) DO UPDATE SET "
            "entity = :entity, record_id = :record_id, field = :field, base = :base, mine = :mine, theirs = :theirs, "
            "authors = :authors, clocks = :clocks, created_at = :created_at, resolved_at = :resolved_at, "
            "resolution = :resolution, version = :version"
        ),
        params,
    )


def conflict_delete(connection: Connection, conflict_id: str) -> None:
    connection.execute(text('DELETE FROM "conflict" WHERE id = :i'), {"i": conflict_id})


@dataclass(frozen=True)
class ConflictRow:
    id: str
    entity: str
    record_id: str
    field: str
    base: Any
    mine: Any
    theirs: Any
    winner: str | None
    authors: dict[str, Any]
    clocks: dict[str, Any]
    created_at: str
    resolved_at: str | None
    resolution: Any
    version: int


def _conflict(row: Any) -> ConflictRow:
    authors = json.loads(row.authors or "{}")
    return ConflictRow(
        id=row.id,
        entity=row.entity,
        record_id=row.record_id,
        field=row.field,
        base=json.loads(row.base) if row.base else None,
        mine=json.loads(row.mine) if row.mine else None,
        theirs=json.loads(row.theirs) if row.theirs else None,
        winner=authors.pop("winner", None),
        authors=authors,
        clocks=json.loads(row.clocks or "{}"),
        created_at=row.created_at,
        resolved_at=row.resolved_at,
        resolution=json.loads(row.resolution) if row.resolution else None,
        version=int(row.version),
    )


def conflicts(connection: Connection, *, include_resolved: bool = False) -> list[ConflictRow]:
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows = connection.execute(text(f'SELECT * FROM "conflict" {where} ORDER BY created_at, id'))
    return [_conflict(row) for row in rows]


def get_conflict(connection: Connection, conflict_id: str) -> ConflictRow | None:
    row = connection.execute(text('SELECT * FROM "conflict" WHERE id = :i'), {"i": conflict_id}).first()
    return None if row is None else _conflict(row)


def conflict_fields(row: ConflictRow) -> dict[str, Any]:
    """The conflict in the server's shape (what `conflict_put` stored)."""
    return {
        "entity": row.entity,
        "record_id": row.record_id,
        "field": row.field,
        "base": row.base,
        "mine": row.mine,
        "theirs": row.theirs,
        "winner": row.winner,
        "authors": row.authors,
        "clocks": row.clocks,
        "created_at": row.created_at,
        "resolved_at": row.resolved_at,
        "resolution": row.resolution,
    }


# ---------------------------------------------------------------------- writing what the server holds


@cache
def _field_names(kind: str) -> frozenset[str]:
    return frozenset(
        f.name for f in dataclasses.fields(KINDS[kind].entity) if f.name not in ("id", "version", "updated_at")
    )


def rows_from_fields(
    kind: str, data: Mapping[str, Any], record_id: str, version: int, updated_at: str
) -> dict[str, Any]:
    """The table row of a record given as synced fields (what `codec.to_row` gives for the entity).

    Built straight from the JSON values when every field is present (a snapshot of
    100,000 records is loaded without making 100,000 entities); otherwise through the
    entity, so missing fields take their defaults.
    """
    if not _field_names(kind) <= data.keys():
        entity = fields_to_entity(kind, {**data, "id": record_id, "version": version})
        row = to_row(entity)
        row["updated_at"] = row.get("updated_at") or updated_at
        return row
    row = {name: data[name] for name in _field_names(kind)}
    row["id"] = record_id
    row["version"] = version
    row["updated_at"] = updated_at
    if kind == "enterprise":
        address, figures = row.pop("address") or {}, row.pop("figures") or {}
        row.update(
            street=address.get("street", ""),
            postal_code=address.get("postal_code", ""),
            commune_nis=address.get("commune_nis"),
            city=address.get("city", ""),
            country=address.get("country", "BE"),
            headcount=figures.get("headcount"),
            turnover_eur=figures.get("turnover_eur"),
            balance_sheet_eur=figures.get("balance_sheet_eur"),
        )
    for column in JSON_COLUMNS.get(kind, ()):
        row[column] = compact_json(row[column])
    return row


_ADDRESS_COLUMNS = (("street", ""), ("postal_code", ""), ("commune_nis", None), ("city", ""), ("country", "BE"))
_FIGURE_COLUMNS = ("headcount", "turnover_eur", "balance_sheet_eur")
RowBuilder = Callable[[Mapping[str, Any], str, int, str], tuple[Any, ...]]


@cache
def _insert_sql(kind: str) -> tuple[str, RowBuilder]:
    """The INSERT of a kind and a function making its parameters from synced fields.

    Fields that are columns as they are come first, in one `itemgetter`; the flattened
    address and figures and the JSON columns follow; a record missing a field goes
    through `rows_from_fields` (the entity's defaults).
    """
    table_columns = [c.name for c in KINDS[kind].model.__table__.columns if c.name != "rid"]
    json_columns = JSON_COLUMNS.get(kind, ())
    nested = ("address", "figures") if kind == "enterprise" else ()
    plain = tuple(sorted(_field_names(kind) - set(json_columns) - set(nested)))
    extra = (*(name for name, _ in _ADDRESS_COLUMNS), *_FIGURE_COLUMNS) if nested else ()
    columns = (*plain, *extra, *json_columns, "id", "version", "updated_at")
    if sorted(columns) != sorted(table_columns) or len(plain) < 2:
        columns = tuple(table_columns)
        plain = ()
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{kind}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
    get_plain = operator.itemgetter(*plain) if plain else None

    def slow(data: Mapping[str, Any], record_id: str, version: int, stamp: str) -> tuple[Any, ...]:
        row = rows_from_fields(kind, data, record_id, version, stamp)
        return tuple(row[c] for c in columns)

    def build(data: Mapping[str, Any], record_id: str, version: int, stamp: str) -> tuple[Any, ...]:
        try:
            values: tuple[Any, ...] = get_plain(data)  # type: ignore[misc]
            if nested:
                address, figures = data["address"] or {}, data["figures"] or {}
                values += tuple(address.get(name, default) for name, default in _ADDRESS_COLUMNS)
                values += tuple(figures.get(name) for name in _FIGURE_COLUMNS)
            values += tuple(compact_json(data[name]) for name in json_columns)
        except KeyError:
            return slow(data, record_id, version, stamp)
        return (*values, record_id, version, stamp)

    return sql, build if get_plain is not None else slow


def _meanwhile(work: Callable[[], object], call: Callable[[], None]) -> None:
    """Run `call` (long SQLite statements) here while `work` runs in a second thread.

    SQLite lets go of the GIL inside a statement, so Python work overlaps an index build.
    Not around `executemany`: that takes the GIL back after every row and would wait for
    the other thread each time. `work`'s error is raised here, after `call`'s own.
    """
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # raised in the calling thread
            failed.append(error)

    helper = threading.Thread(target=run, name="bulk-insert-helper", daemon=True)
    helper.start()
    try:
        call()
    finally:
        helper.join()
    if failed:
        raise failed[0]


def bulk_insert(
    uow: UnitOfWork,
    records: Iterable[tuple[str, str, int, dict[str, Any], list[str]]],
    alongside: Callable[[], object] | None = None,
) -> int:
    """Insert many records into an empty workspace inside the open unit of work.

    Done as the bulk loader does it, in the same transaction: the full-text triggers and
    the list indexes are dropped, rows go in with `executemany` of prepared INSERTs, then
    the indexes are built once (sorted) and the full-text index rebuilt once. Killed
    half-way, the workspace is left empty, not half-filled. Memory mapping is off for the
    load, so the pages written are not all mapped into the process as well.

    `alongside` (the caller's own work on what it read, such as a checksum) runs in a
    second thread while the indexes are built; the connection stays in this one.
    """
    connection = uow.connection
    driver: Any = connection.connection.driver_connection
    for fts, _content, _columns in search.FTS_TABLES.values():
        for suffix in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
    tables = ", ".join(f"'{kind}'" for kind in KINDS)
    indexes = [
        (str(name), str(sql))
        for name, sql in connection.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables})"
        )
    ]
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    stamp = now_iso()
    count = 0
    rows: dict[str, list[tuple[Any, ...]]] = {}
    metas: list[tuple[str, str, int, str]] = []
    key_texts: dict[tuple[str, ...], str] = {}
    cursor = driver.cursor()

    def flush() -> None:
        for kind, batch in rows.items():
            cursor.executemany(_insert_sql(kind)[0], batch)
        rows.clear()
        cursor.executemany(
            "INSERT OR REPLACE INTO record_meta(entity, record_id, server_version, scope_keys) VALUES (?, ?, ?, ?)",
            metas,
        )
        metas.clear()

    try:
        with unmapped(connection):
            for kind, record_id, version, data, keys in records:
                if kind == "conflict":
                    conflict_put(connection, record_id, data, version)
                else:
                    rows.setdefault(kind, []).append(_insert_sql(kind)[1](data, record_id, version, stamp))
                ordered = tuple(keys)
                keys_text = key_texts.get(ordered)
                if keys_text is None:
                    keys_text = key_texts[ordered] = json.dumps(sorted(keys))
                metas.append((kind, record_id, version, keys_text))
                count += 1
                if len(metas) >= 5000:
                    flush()
            flush()

            def build() -> None:
                for _name, sql in indexes:
                    connection.exec_driver_sql(sql)
                for statement in search.create_statements():
                    if statement.startswith("CREATE TRIGGER"):
                        connection.execute(text(statement))
                search.rebuild(connection)

            if alongside is None:
                build()
            else:
                _meanwhile(alongside, build)
    finally:
        cursor.close()
    return count
