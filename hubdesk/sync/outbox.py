"""The outbox writer: the store's write listener that turns every local edit into a mutation.

It runs inside the edit's own transaction (the store calls it before committing), so
an edit and its outbox row are saved together or not at all (protocol point 3). All
records of one save share a `group_id` and apply atomically on the server. Each field
carries the hybrid logical clock of the edit and the server version the device held
when it was made (`base_version`), which is what the server's merge compares.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from hubdesk.kernel.ids import new_id
from hubdesk.store import RecordChange, Store
from hubdesk.store import sync_port as port

if TYPE_CHECKING:
    from hubdesk.sync.protocol import FieldChange

HLC_KEY = "hlc"
OFFSET_KEY = "clock.offset_ms"


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def cursor_floor(connection: Connection) -> int:
    """The lowest change-log position among this device's scope cursors (0 when unknown)."""
    positions = []
    for _key, value in port.state_items(connection, "cursor/"):
        seq = value.partition(".")[0]
        positions.append(int(seq) if seq.isdigit() else 0)
    return min(positions, default=0)


class OutboxWriter:
    """Register with `store.add_write_listener(OutboxWriter(device_id))` (done by `install`)."""

    def __init__(self, device_id: str, physical_ms: Callable[[], int] = wall_ms) -> None:
        self.device_id = device_id
        self.physical_ms = physical_ms

    def __call__(self, session: Session | Connection, changes: list[RecordChange]) -> None:
        if not changes:
            return
        # Imported at the first edit, not when a workspace opens: pydantic and the wire models
        # cost a fifth of a second, which the window's cold start cannot spare.
        from hubdesk.sync.protocol import FieldChange, Hlc, HybridClock, Mutation

        connection = session.connection() if isinstance(session, Session) else session
        group_id = new_id()
        last = port.state_get(connection, HLC_KEY)
        clock = HybridClock(self.device_id, Hlc.decode(last) if last else None)
        physical = self.physical_ms() + int(port.state_get(connection, OFFSET_KEY) or 0)
        seen = None
        rows = []
        created = port.now_iso()
        for change in changes:
            reading = clock.tick(physical).encode()
            meta = port.meta_get(connection, change.kind, change.id)
            base = meta[0] if meta else 0
            previous = change.previous
            if change.op == "delete":
                if seen is None:
                    seen = cursor_floor(connection)
                fields: dict[str, FieldChange] = {}
            else:
                fields = {
                    name: FieldChange(value=value, hlc=reading, base_version=base, base_value=previous.get(name))
                    for name, value in change.fields.items()
                }
            mutation = Mutation(
                mutation_id=new_id(),
                device_id=self.device_id,
                device_seq=port.next_device_seq(connection),
                group_id=group_id,
                entity=change.kind,
                id=change.id,
                op="delete" if change.op == "delete" else "upsert",
                fields=fields,
                base_version=base,
                hlc=reading,
                blobs=[str(change.fields["sha256"])]
                if change.kind == "attachment" and "sha256" in change.fields
                else [],
                form_version=_form_version(change),
                seen_seq=seen or 0,
            )
            rows.append(
                port.OutboxRow(
                    mutation_id=mutation.mutation_id,
                    device_seq=mutation.device_seq,
                    group_id=group_id,
                    entity=change.kind,
                    record_id=change.id,
                    op=mutation.op,
                    payload=mutation.model_dump(mode="json", by_alias=True),
                    created_at=created,
                )
            )
        port.outbox_add(connection, rows)
        port.state_set(connection, HLC_KEY, clock.last.encode())


def _form_version(change: RecordChange) -> int | None:
    if change.kind != "form_answers":
        return None
    value = change.fields.get("form_version")
    return int(value) if isinstance(value, int) else None


def install(store: Store, device_id: str, physical_ms: Callable[[], int] | None = None) -> OutboxWriter:
    """Make every local edit of `store` write its outbox row, through exactly one writer.

    Installing again is a no-op, unless `physical_ms` is given: then that clock's writer
    replaces the current one (a simulated laptop with a wrong clock, for instance).
    """
    existing = getattr(store, "_hubdesk_outbox", None)
    if isinstance(existing, OutboxWriter):
        if physical_ms is None:
            return existing
        store.remove_write_listener(existing)
    writer = OutboxWriter(device_id, physical_ms or wall_ms)
    store.add_write_listener(writer)
    store._hubdesk_outbox = writer  # type: ignore[attr-defined]
    return writer
