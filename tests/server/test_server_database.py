"""Bulk row writes of the server database: the same rows land on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hubdesk.server import tables as t
from hubdesk.server.database import ServerDatabase

AWKWARD = '{"name":"Café \\"Le Coin\\"","note":"a\\\\b {x,y} NULL \' ; \\n","ok":true}'


def _record(record_id: str, version: int, **changes: Any) -> dict[str, Any]:
    row = {
        "entity": "case",
        "id": record_id,
        "version": version,
        "data": AWKWARD,
        "fver": '{"*":1}',
        "fclk": '{"*":"c"}',
        "scope_keys": '["all"]',
        "deleted": False,
        "parent_entity": None,
        "parent_id": None,
        "updated_by": "device",
        "updated_seq": 2**40 + version,
        "updated_ms": 1_700_000_000_000,
    }
    row.update(changes)
    return row


def _records(db: ServerDatabase) -> dict[str, dict[str, Any]]:
    with db.read() as connection:
        return {row.id: dict(row._mapping) for row in connection.execute(select(t.records))}


def test_bulk_inserts_updates_and_deletes_keep_every_value(db: ServerDatabase) -> None:
    rows = [_record("a", 1), _record("b", 1, parent_entity="enterprise", parent_id="e1", deleted=True)]
    with db.write() as connection:
        db.insert_rows(connection, t.records, rows)
    assert _records(db) == {row["id"]: row for row in rows}

    changed = [_record("a", 2, data='{"x":"ü"}', parent_entity="enterprise", parent_id="e2"), _record("b", 3)]
    with db.write() as connection:
        db.update_rows(connection, t.records, changed, ["entity", "id"])
    assert _records(db) == {row["id"]: row for row in changed}

    keys = [{"key": k, "entity": "case", "id": i} for k in ("all", "advisor:ann") for i in ("a", "b")]
    with db.write() as connection:
        db.upsert(connection, t.record_keys, keys, ["key", "entity", "id"])
        db.upsert(connection, t.record_keys, keys[:1], ["key", "entity", "id"])  # already there: kept once
        db.delete_rows(connection, t.record_keys, [keys[0], keys[3]])
    with db.read() as connection:
        left = sorted(tuple(row) for row in connection.execute(select(t.record_keys)))
    assert left == [("advisor:ann", "case", "a"), ("all", "case", "b")]


def test_bulk_upsert_adds_to_existing_counts(db: ServerDatabase) -> None:
    with db.write() as connection:
        db.upsert(
            connection, t.key_checksums, [{"key": "all", "count": 2, "total": 2**40}], ["key"], add=["count", "total"]
        )
        db.upsert(
            connection,
            t.key_checksums,
            [{"key": "all", "count": -1, "total": -5}, {"key": "team:x", "count": 1, "total": 7}],
            ["key"],
            add=["count", "total"],
        )
    with db.read() as connection:
        found = {row.key: (row.count, row.total) for row in connection.execute(select(t.key_checksums))}
    assert found["all"] == (1, 2**40 - 5)
    assert found["team:x"] == (1, 7)
