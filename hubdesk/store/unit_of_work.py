"""The one way to write the workspace: a transaction that saves entities, reports what changed and feeds listeners.

Every local edit goes through `UnitOfWork` (made by `Store.unit_of_work()`), so the
sync outbox plugs into exactly one place: write listeners registered on the store get
the transaction's `RecordChange`s on the same session, inside the same transaction,
just before it commits; an exception in a listener rolls the whole write back.

`apply_remote` is the other door, for the sync engine only: it writes what the server
sent without listeners (a pulled change must not go back out) and with the version the
server gave.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, insert, text
from sqlalchemy.orm import Session

from hubdesk.domain.changes import Changes
from hubdesk.domain.entities import StatusChange
from hubdesk.kernel.errors import ConflictError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.store.codec import CHILDREN, KINDS, META_FIELDS, entity_to_fields, fields_to_entity, kind_of, to_row
from hubdesk.store.dto import RecordChange
from hubdesk.store.reader import Reader

E = TypeVar("E")
WriteListener = Callable[[Session, list[RecordChange]], None]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _unknown_kind(kind: str) -> ValidationError:
    return ValidationError(N_("Unknown record kind “{kind}”."), field="kind", kind=kind)


class UnitOfWork:
    """Writes inside one open transaction (BEGIN IMMEDIATE): committed when the `with` block ends."""

    def __init__(self, session: Session, clock: Callable[[], datetime] = utc_now) -> None:
        self.session = session
        self.connection: Connection = session.connection()
        self.reader = Reader(self.connection)  # reads see this transaction's own writes
        self.records: list[RecordChange] = []  # local edits: what write listeners receive
        self.remote_records: list[RecordChange] = []  # applied from the server: never sent to listeners
        self._clock = clock

    # -- local edits ---------------------------------------------------------------------

    def save(self, entity: E) -> E:
        """Insert or update `entity` by id; bumps `version`, stamps `updated_at`; returns the saved value.

        An update must be based on the stored version (`entity.version` equal to it, or 0
        to mean "whatever is stored"), else ConflictError. Saving an unchanged entity
        writes and reports nothing.
        """
        kind = kind_of(entity)
        record_id: str = entity.id  # type: ignore[attr-defined]
        edited_version: int = entity.version  # type: ignore[attr-defined]
        current = self.reader.get(kind, record_id)
        now = self._clock()
        if current is None:
            saved = self._stamp(entity, 1, now)
            self._insert(kind, saved, now)
            self.records.append(RecordChange(kind, record_id, "upsert", entity_to_fields(saved), 0))
            return saved
        if edited_version not in (0, current.version):
            raise ConflictError(
                N_("This record was changed meanwhile (now version {current}, you edited {edited}); reload it."),
                current=current.version,
                edited=edited_version,
            )
        before, after = entity_to_fields(current), entity_to_fields(entity)
        changed = {name: value for name, value in after.items() if before.get(name) != value}
        if not changed:
            return current  # type: ignore[no-any-return]
        saved = self._stamp(entity, current.version + 1, now)
        self._update(kind, saved, now)
        previous = {name: before.get(name) for name in changed}
        self.records.append(RecordChange(kind, record_id, "upsert", changed, current.version, previous))
        return saved

    def add_status_change(self, change: StatusChange) -> StatusChange:
        """Append one step to a case's history."""
        return self.save(change)

    def delete(self, kind: str, record_id: str) -> bool:
        """Delete a record and what hangs under it; False when it was not there.

        Cascaded children are reported too, as deletes before their parent's, so a
        listener sees every record that disappeared in an order a replica can apply.
        """
        if kind not in KINDS:
            raise _unknown_kind(kind)
        current = self.reader.get(kind, record_id)
        if current is None:
            return False
        gone = self._descendants(kind, record_id)
        self.connection.execute(text(f'DELETE FROM "{kind}" WHERE id = :id'), {"id": record_id})
        for child_kind, child_id, child_version in gone:
            self.records.append(RecordChange(child_kind, child_id, "delete", {}, child_version))
        self.records.append(RecordChange(kind, record_id, "delete", {}, current.version))
        return True

    def next_sequence(self, name: str) -> int:
        """The next number of a named counter (1, 2, 3, ...), kept in this workspace."""
        value = self.connection.execute(
            text(
                "INSERT INTO sequence(name, value) VALUES (:n, 1) "
                "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"
            ),
            {"n": name},
        ).scalar_one()
        return int(value)

    def set_setting(self, key: str, value: str) -> None:
        """Store a workspace setting (text; callers encode anything richer as JSON)."""
        self.connection.execute(
            text('INSERT INTO setting("key", value) VALUES (:k, :v) ON CONFLICT("key") DO UPDATE SET value = :v'),
            {"k": key, "v": value},
        )

    # -- remote changes (sync pull) ---------------------------------------------------------

    def apply_remote(
        self,
        kind: str,
        record_id: str,
        fields: Mapping[str, Any],
        *,
        version: int,
        deleted: bool = False,
        updated_at: datetime | None = None,
    ) -> None:
        """Write a record as the server has it: no write listeners, and exactly `version`.

        For the sync engine applying a pull. `fields` are `entity_to_fields` values; on an
        existing record only the given fields change (the sync leaves out fields with
        pending local edits), a new record needs every required field. `deleted=True`
        removes the record (and, by cascade, its children; a missing record is no error).
        The version is written as given, never bumped: the sync decides it. The change is
        reported in `changes` (views refresh) but not in `records` (nothing goes back out).
        Raises ValidationError for an unknown kind or field, or a new record missing fields.
        """
        if kind not in KINDS:
            raise _unknown_kind(kind)
        if deleted:
            gone = self._descendants(kind, record_id)
            self.connection.execute(text(f'DELETE FROM "{kind}" WHERE id = :id'), {"id": record_id})
            for child_kind, child_id, _ in gone:
                self.remote_records.append(RecordChange(child_kind, child_id, "delete", {}, version))
            self.remote_records.append(RecordChange(kind, record_id, "delete", {}, version))
            return
        known = {f.name for f in dataclasses.fields(KINDS[kind].entity)} - META_FIELDS
        unknown = sorted(set(fields) - known)
        if unknown:
            raise ValidationError(
                N_("Unknown fields for a {kind} record: {fields}."),
                field=unknown[0],
                kind=kind,
                fields=", ".join(unknown),
            )
        current = self.reader.get(kind, record_id)
        merged = {**(entity_to_fields(current) if current is not None else {}), **fields}
        meta: dict[str, Any] = {"id": record_id, "version": version}
        if KINDS[kind].has_updated_at:
            meta["updated_at"] = updated_at or self._clock()
        try:
            entity = fields_to_entity(kind, {**merged, **meta})
        except (TypeError, ValueError, ArithmeticError) as error:
            raise ValidationError(
                N_("The {kind} record {id} cannot be stored: {reason}"), kind=kind, id=record_id, reason=str(error)
            ) from error
        stamp = updated_at or self._clock()
        if current is None:
            self._insert(kind, entity, stamp)
        else:
            self._update(kind, entity, stamp)
        self.remote_records.append(RecordChange(kind, record_id, "upsert", dict(fields), version))

    def defer_foreign_keys(self) -> None:
        """Check foreign keys at commit instead of at each statement (for this transaction only).

        For the sync applying a page whose records arrive child before parent.
        """
        self.connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")

    # -- what changed --------------------------------------------------------------------

    @property
    def changes(self) -> Changes:
        """Kinds and ids written so far in this unit of work (local and remote)."""
        result = Changes()
        for record in [*self.records, *self.remote_records]:
            result = result.merge(Changes.of(record.kind, record.id, deleted=record.op == "delete"))
        return result

    # -- internals -----------------------------------------------------------------------

    def _stamp(self, entity: E, version: int, now: datetime) -> E:
        updates: dict[str, Any] = {"version": version}
        if KINDS[kind_of(entity)].has_updated_at:
            updates["updated_at"] = now
        return dataclasses.replace(entity, **updates)  # type: ignore[type-var]

    def _row(self, entity: object, now: datetime) -> dict[str, Any]:
        row = to_row(entity)
        if row["updated_at"] is None:  # kinds without updated_at still keep it in their table
            row["updated_at"] = now.astimezone(UTC).isoformat()
        return row

    def _insert(self, kind: str, entity: object, now: datetime) -> None:
        self.connection.execute(insert(KINDS[kind].model), self._row(entity, now))

    def _update(self, kind: str, entity: object, now: datetime) -> None:
        row = self._row(entity, now)
        record_id = row.pop("id")
        assignments = ", ".join(f'"{column}" = :{column}' for column in row)
        self.connection.execute(text(f'UPDATE "{kind}" SET {assignments} WHERE id = :id'), {**row, "id": record_id})

    def _descendants(self, kind: str, record_id: str) -> list[tuple[str, str, int]]:
        """(kind, id, version) of every record a delete of this one cascades to, deepest first."""
        found: list[tuple[str, str, int]] = []
        for child_kind, column in CHILDREN.get(kind, ()):
            rows = self.connection.execute(
                text(f'SELECT id, version FROM "{child_kind}" WHERE {column} = :id'), {"id": record_id}
            ).all()
            for child_id, child_version in rows:
                found += self._descendants(child_kind, child_id)
                found.append((child_kind, child_id, int(child_version)))
        return found
