"""The client sync engine: hello, push the outbox, pull each scope, verify, all resumable.

One `sync()` runs the protocol end to end against one server:

1. hello: protocol version, clock skew, scopes, server epoch; a new epoch or a server
   that lost acknowledged changes (restored from a backup) makes the device resend them
   and download its scopes again. The outbox is never wiped.
2. push: attachments first (resumable chunks), then the outbox in device order, in
   batches that never split one save; each result is stored with the rows it clears.
3. pull: per scope, a snapshot when the scope is new or must be downloaded again, then
   pages from the cursor; a page and its cursor commit in one transaction. Fields with
   unsent local edits keep their local value; records leaving every scope are removed
   unless they hold unsent edits (then after those are pushed).
4. published forms and reference files, then the scope checksums: a mismatch downloads
   that scope again, and only that one.

Every step is idempotent: interrupted anywhere (network, cancel, a killed process),
the next `sync()` continues. The engine never asks anything; it reports.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from hubdesk import __version__
from hubdesk.domain.changes import Changes
from hubdesk.kernel.collector import collector_paused
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.jobs import NULL_REPORTER, Reporter
from hubdesk.kernel.jsonable import compact_json
from hubdesk.store import Store, UnitOfWork
from hubdesk.store import sync_port as port
from hubdesk.sync.client import Api, ServerRefused, SyncError
from hubdesk.sync.outbox import HLC_KEY, OFFSET_KEY
from hubdesk.sync.protocol import (
    DEFAULT_PULL,
    MAX_CLOCK_AHEAD_MS,
    MAX_PUSH,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    BlobStatus,
    Change,
    Checksum,
    HelloReply,
    HelloRequest,
    Hlc,
    MutationResult,
    PublishedReply,
    PullReply,
    PushReply,
    PushRequest,
    RecordState,
    ScopeInfo,
    ScopeSum,
    SnapshotInfo,
    scope_checksum,
    upgrade_mutation,
)

MAX_GROUP = 5000
BLOB_CHUNK = 1 << 20
SNAPSHOT_CHUNK = 4 << 20  # bytes per ranged request of a snapshot download (resumes from there)
STALLED_AFTER = 2  # syncs in a row that moved nothing out of the outbox before warning
UNPLACED_KEY = "unplaced.check"  # set with acknowledged versions: records sent from here may be in no scope
# Twenty digits in a row may be an integer beyond 64 bits, which orjson reads as a float without
# a word: such a snapshot line goes to Python's json (digits in text only make that line slower).
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 20
log = logging.getLogger("hubdesk.sync")
_SAFE_NAME = re.compile(r"^[\w.-]+(/[\w.-]+)*$")


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass
class SyncReport:
    """What one sync did, for the status line, the log and the views to refresh."""

    pushed: dict[str, int] = field(default_factory=dict)
    pulled: int = 0
    new_conflicts: int = 0
    rejected: int = 0
    resynced: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (msgid, params)
    bytes_up: int = 0
    bytes_down: int = 0
    verified: list[str] = field(default_factory=list)
    conflict_ids: set[str] = field(default_factory=set)

    def warn(self, msgid: str, **params: Any) -> None:
        self.warnings.append((msgid, params))


def _summed(
    records: Iterator[tuple[str, str, int, dict[str, Any], list[str]]], into: ScopeSum
) -> Iterator[tuple[str, str, int, dict[str, Any], list[str]]]:
    """Pass records through, adding each one to the checksum of a scope (`into`)."""
    add = into.add
    for record in records:
        add(record[0], record[1], record[2], record[4])
        yield record


def _snapshot_records(lines: Iterable[bytes]) -> Iterator[tuple[str, str, int, dict[str, Any], list[str]]]:
    """The records of a snapshot's lines (after its header), up to its end line."""
    for line in lines:
        if _LONG_NUMBER in line.translate(_DIGITS_AS_ZERO):
            item = json.loads(line)  # orjson would read an integer beyond 64 bits as a float
        else:
            try:
                item = orjson.loads(line)
            except orjson.JSONDecodeError:  # NaN, lone surrogates: Python's json reads them
                item = json.loads(line)
        if isinstance(item, dict):
            if item.get("end"):
                return
            continue
        yield item[0], item[1], int(item[2]), item[3], item[4]
    raise SyncError(N_("The downloaded scope is incomplete; it is downloaded again next sync."))


def _gzip_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The lines of a gzip file, as its compressed bytes arrive."""
    unpacker = zlib.decompressobj(31)  # 31: gzip framing
    rest = b""
    for chunk in chunks:
        *lines, rest = (rest + unpacker.decompress(chunk)).split(b"\n")
        yield from lines
    rest += unpacker.flush()
    if rest:
        yield rest


def _scope_slug(scope: str) -> str:
    return re.sub(r"[^\w.-]", "_", scope)


class SyncEngine:
    """Syncs one workspace database with one server for one device."""

    def __init__(
        self,
        store: Store,
        device_id: str,
        api: Api,
        *,
        work_dir: Path,
        forms_dir: Path | None = None,
        reference_dir: Path | None = None,
        app_version: str = __version__,
        clock_ms: Callable[[], int] = wall_ms,
        pull_limit: int = DEFAULT_PULL,
        push_limit: int = MAX_PUSH,
        blob_chunk: int = BLOB_CHUNK,
    ) -> None:
        self.store = store
        self.device_id = device_id
        self.api = api
        self.work_dir = work_dir
        self.forms_dir = forms_dir
        self.reference_dir = reference_dir
        self.app_version = app_version
        self.clock_ms = clock_ms
        self.pull_limit = pull_limit
        self.push_limit = push_limit
        self.blob_chunk = blob_chunk
        self.scopes: list[ScopeInfo] = []
        self._complete: set[str] = set()  # scopes pulled to the server's end during this sync
        # Scopes loaded from a snapshot into an empty workspace during this sync, with the
        # checksum of the records as they were written, and the changes pulled after it.
        self._loaded: dict[str, Checksum] = {}
        self._pulled_after: dict[str, int] = {}
        self._hello: HelloReply | None = None

    # ------------------------------------------------------------------ the whole sync

    def sync(self, reporter: Reporter = NULL_REPORTER) -> SyncReport:
        report = SyncReport()
        self.api.reporter = reporter
        self._complete.clear()
        self._loaded.clear()
        self._pulled_after.clear()
        up, down = self.api.bytes_up, self.api.bytes_down
        try:
            with self.store.unit_of_work() as uow:
                before, _oldest = port.outbox_size(uow.connection)
            hello = self.hello(before)
            self._hello = hello
            self._after_hello(hello, report)
            self.push_all(report, reporter)
            if hello.downloads_allowed:
                for scope in self.scopes:
                    self.pull_scope(scope, report, reporter)
                self.fetch_published(report)
                self.verify(report, reporter)
                self.evict_unplaced(report)
            else:
                report.warn(
                    N_("This HubDesk is too old to receive changes: install {minimum} or newer."),
                    minimum=hello.min_app_version,
                )
            self.evict_deferred(report)
            self._finish(report, before)
        finally:
            report.bytes_up = self.api.bytes_up - up
            report.bytes_down = self.api.bytes_down - down
        return report

    # ------------------------------------------------------------------ hello

    def hello(self, outbox_size: int) -> HelloReply:
        request = HelloRequest(
            device_id=self.device_id,
            app_version=self.app_version,
            protocol=(PROTOCOL_MIN, PROTOCOL_MAX),
            clock=self.clock_ms(),
            outbox_size=outbox_size,
        )
        response = self.api.request("POST", "/sync/v1/hello", json=request.model_dump(mode="json", by_alias=True))
        return HelloReply.model_validate_json(response.content)

    def _after_hello(self, hello: HelloReply, report: SyncReport) -> None:
        with self.store.unit_of_work() as uow:
            c = uow.connection
            port.state_set(c, OFFSET_KEY, str(hello.clock_skew_ms))
            last = port.state_get(c, HLC_KEY)
            corrected = self.clock_ms() + hello.clock_skew_ms
            if last and Hlc.decode(last).wall_ms > corrected + MAX_CLOCK_AHEAD_MS:
                # Readings handed out while the clock ran ahead were clamped by the server; start
                # again from the corrected time instead of staying in the future.
                port.state_set(c, HLC_KEY, Hlc(corrected, 0, self.device_id).encode())
            if hello.clock_flagged:
                report.warn(
                    N_("This computer's clock is off by {minutes} minutes; HubDesk corrects it for sync."),
                    minutes=round(hello.clock_skew_ms / 60000),
                )
            old_scopes = {s["name"]: s for s in port.state_json(c, "scopes", [])}
            known_epoch = port.state_get(c, "server.epoch")
            restored = known_epoch is not None and known_epoch != hello.epoch
            # Only the entries above what the server holds: every change ever acknowledged stays listed.
            lost = [
                (key, json.loads(value))
                for key, value in port.state_items(c, "sent/", after=f"{hello.device_last_seq:012d}")
            ]
            if lost:
                restored = True
                rows = []
                for key, entry in lost:
                    mutation = upgrade_mutation(entry["mutation"])
                    rows.append(
                        port.OutboxRow(
                            mutation_id=mutation.mutation_id,
                            device_seq=mutation.device_seq,
                            group_id=mutation.group_id,
                            entity=mutation.entity,
                            record_id=mutation.id,
                            op=mutation.op,
                            payload=entry["mutation"],
                            created_at=entry.get("created_at") or port.now_iso(),
                        )
                    )
                    port.state_delete(c, key)
                existing = {row.mutation_id for row in port.outbox_pending(c, 1_000_000)}
                port.outbox_add(c, [row for row in rows if row.mutation_id not in existing])
                report.warn(
                    N_("The server lost {count} changes sent from here (restored from a backup); sending them again."),
                    count=len(lost),
                )
            if restored:
                report.warn(N_("The server was restored or reset; your scopes are downloaded again."))
            port.state_set(c, "server.epoch", hello.epoch)
            self.scopes = list(hello.scopes)
            for scope in self.scopes:
                previous = old_scopes.get(scope.name)
                if restored or previous is None or previous.get("digest") != scope.digest:
                    port.state_set(c, f"resync/{scope.name}", "1")
            removed = [name for name in old_scopes if name not in {s.name for s in self.scopes}]
            for name in removed:
                for prefix in ("cursor/", "pulled_at/", "resync/", "server_checksum/", "verified/"):
                    port.state_delete(c, prefix + name)
            port.state_set_json(c, "scopes", [s.model_dump() for s in self.scopes])
            port.state_set(c, "server.user", hello.user)
            if removed:
                self._evict_outside(uow, report)

    def all_keys(self) -> set[str]:
        return {key for scope in self.scopes for key in scope.keys}

    # ------------------------------------------------------------------ push

    def push_all(self, report: SyncReport, reporter: Reporter) -> None:
        total: int | None = None
        done = 0
        after = 0
        uploaded: set[str] = set()
        while True:
            with collector_paused():  # one batch at a time: see `collector_paused`
                with self.store.read() as reader:
                    # One row past the limit shows whether a save straddles it; only then are the rest
                    # of its rows read (a batch of 500 read every pending row: a fifth of the client's time).
                    rows = port.outbox_pending(reader.connection, self.push_limit + 1, after)
                    if len(rows) > self.push_limit and rows[-1].group_id == rows[-2].group_id:
                        rows = port.outbox_pending(reader.connection, self.push_limit + MAX_GROUP, after)
                    if total is None and rows:
                        total, _ = port.outbox_size(reader.connection)
                batch = self._batch(rows)
                if not batch:
                    return
                mutations = [upgrade_mutation(row.payload) for row in batch]
                for mutation in mutations:
                    for sha in mutation.blobs:
                        if sha not in uploaded:
                            self.upload_blob(sha)
                            uploaded.add(sha)
                body = PushRequest(device_id=self.device_id, mutations=mutations).model_dump_json(by_alias=True)
                response = self.api.request(
                    "POST", "/sync/v1/push", content=body.encode(), headers={"Content-Type": "application/json"}
                )
                reply = PushReply.model_validate_json(response.content)
                self._store_results(batch, reply.results, report)
                after = batch[-1].device_seq
                done += len(batch)
                reporter.report(done, max(total or 0, done), N_("Sending changes"))

    def _batch(self, rows: list[port.OutboxRow]) -> list[port.OutboxRow]:
        batch: list[port.OutboxRow] = []
        for row in rows:
            if batch and row.group_id != batch[-1].group_id and len(batch) >= self.push_limit:
                break
            if len(batch) >= MAX_GROUP:
                break
            batch.append(row)
        if len(batch) > self.push_limit:
            groups = list(dict.fromkeys(row.group_id for row in batch))
            if len(groups) > 1:
                batch = [row for row in batch if row.group_id != groups[-1]]
        return batch

    def _store_results(self, batch: list[port.OutboxRow], results: list[MutationResult], report: SyncReport) -> None:
        rows = {row.mutation_id: row for row in batch}
        now = port.now_iso()
        with self.store.unit_of_work() as uow:
            c = uow.connection
            reverts: list[tuple[port.OutboxRow, RecordState | None]] = []
            logged: list[tuple[str, str]] = []
            raised: list[tuple[str, str, int]] = []
            for result in results:
                row = rows.get(result.mutation_id)
                if row is None:
                    continue
                status = result.effective
                report.pushed[status] = report.pushed.get(status, 0) + 1
                entry: dict[str, Any] = {
                    "mutation": row.payload,
                    "status": status,
                    "at": now,
                    "created_at": row.created_at,
                }
                if status == "rejected":
                    entry["error"] = result.error.model_dump() if result.error else None
                    logged.append((f"rejected/{row.device_seq:012d}", compact_json(entry)))
                    reverts.append((row, result.record))
                    report.rejected += 1
                else:
                    logged.append((f"sent/{row.device_seq:012d}", compact_json(entry)))
                    if result.covers and result.version:
                        raised.append((row.entity, row.record_id, result.version))
                if status == "conflict":
                    report.conflict_ids.update(result.conflicts)
                    report.new_conflicts = len(report.conflict_ids)
            port.state_set_many(c, logged)
            port.meta_raise_versions(c, raised)
            if raised:
                port.state_set(c, UNPLACED_KEY, "1")
            port.outbox_remove(c, [result.mutation_id for result in results if result.mutation_id in rows])
            for row, state in reverts:
                self._revert(uow, row, state)
            report.changes = report.changes.merge(uow.changes)

    def _revert(self, uow: UnitOfWork, row: port.OutboxRow, state: RecordState | None) -> None:
        """Undo a refused edit locally: the record goes back to what the server holds."""
        c = uow.connection
        if row.entity == "conflict":
            return
        if state is None or state.deleted or state.data is None:
            pending, _deleted = port.pending_fields(c, row.entity, row.record_id)
            if not pending and uow.reader.get(row.entity, row.record_id) is not None:
                uow.apply_remote(row.entity, row.record_id, {}, version=0, deleted=True)
                port.meta_delete(c, row.entity, row.record_id)
            return
        self._apply_upsert(
            uow,
            Change(seq=0, entity=state.entity, id=state.id, version=state.version, data=state.data, keys=state.keys),
        )

    def upload_blob(self, sha256: str) -> None:
        """Send an attachment's bytes before the change that refers to it, resuming a cut upload."""
        path = self.store.attachment_path(sha256)
        if not path.exists():
            return  # the server refuses the change; it is kept and shown
        size = path.stat().st_size
        response = self.api.request("POST", f"/sync/v1/blobs/{sha256}", json={"size": size})
        status = BlobStatus.model_validate_json(response.content)
        with path.open("rb") as handle:
            while not status.complete and status.received < size:
                handle.seek(status.received)
                chunk = handle.read(self.blob_chunk)
                response = self.api.request(
                    "PUT",
                    f"/sync/v1/blobs/{sha256}",
                    params={"offset": status.received},
                    content=chunk,
                    headers={"Content-Type": "application/octet-stream"},
                    accept=frozenset({409}),
                )
                if response.status_code == 409:
                    response = self.api.request("GET", f"/sync/v1/blobs/{sha256}/status")
                status = BlobStatus.model_validate_json(response.content)

    # ------------------------------------------------------------------ pull

    def pull_scope(self, scope: ScopeInfo, report: SyncReport, reporter: Reporter) -> None:
        resyncs = 0
        while True:
            with self.store.unit_of_work() as uow:
                c = uow.connection
                needs_snapshot = port.state_get(c, f"resync/{scope.name}") is not None or (
                    port.state_get(c, f"cursor/{scope.name}") is None
                )
                cursor = port.state_get(c, f"cursor/{scope.name}") or ""
                news = self._hello.log_cursor if self._hello is not None and not report.pushed else None
                if not needs_snapshot and cursor == news and port.state_get(c, f"server_checksum/{scope.name}"):
                    # The server's newest change (at the hello, and nothing pushed since) is the one
                    # this scope was pulled to: nothing to ask.
                    port.state_set(c, f"pulled_at/{scope.name}", port.now_iso())
                    self._complete.add(scope.name)
                    return
            if needs_snapshot:
                if resyncs > 2:
                    raise SyncError(N_("The scope {scope} cannot be downloaded; try again later."), scope=scope.name)
                resyncs += 1
                self.snapshot(scope, report, reporter)
                continue
            reporter.check()
            response = self.api.request(
                "GET", "/sync/v1/pull", params={"scope": scope.name, "cursor": cursor, "limit": self.pull_limit}
            )
            reply = PullReply.model_validate_json(response.content)
            if reply.resync:
                with self.store.unit_of_work() as uow:
                    port.state_set(uow.connection, f"resync/{scope.name}", reply.reason or "1")
                continue
            with self.store.unit_of_work() as uow:
                c = uow.connection
                self.apply_changes(uow, reply.changes)
                port.state_set(c, f"cursor/{scope.name}", reply.cursor)
                port.state_set(c, f"pulled_at/{scope.name}", port.now_iso())
                if reply.checksum is not None:
                    port.state_set_json(c, f"server_checksum/{scope.name}", reply.checksum.model_dump())
                report.changes = report.changes.merge(uow.changes)
            report.pulled += len(reply.changes)
            self._pulled_after[scope.name] = self._pulled_after.get(scope.name, 0) + len(reply.changes)
            reporter.report(report.pulled, None, N_("Receiving changes"))
            if not reply.more:
                self._complete.add(scope.name)
                return

    def apply_changes(self, uow: UnitOfWork, changes: list[Change]) -> None:
        """Apply pulled changes inside the caller's transaction (parents arrive before children)."""
        c = uow.connection
        uow.defer_foreign_keys()
        pending = port.pending_records(c)
        removed = False
        keys = self.all_keys()
        for change in changes:
            record = (change.entity, change.id)
            if change.exit:
                if set(change.keys) & keys:
                    meta = port.meta_get(c, change.entity, change.id)
                    if meta is not None:
                        port.meta_set(c, change.entity, change.id, meta[0], change.keys)
                else:
                    removed |= self._evict(uow, change.entity, change.id, pending)
            elif change.deleted:
                if record in pending:
                    continue  # the unsent edit goes out next push and the server decides
                if change.entity == "conflict":
                    port.conflict_delete(c, change.id)
                elif uow.reader.get(change.entity, change.id) is not None:
                    uow.apply_remote(change.entity, change.id, {}, version=change.version, deleted=True)
                port.meta_delete(c, change.entity, change.id)
                removed = True
            else:
                self._apply_upsert(uow, change, pending)
        if removed:
            port.meta_prune(c)

    def _apply_upsert(self, uow: UnitOfWork, change: Change, pending: set[tuple[str, str]] | None = None) -> None:
        c = uow.connection
        data = change.data or {}
        local_pending: set[str] = set()
        if pending is None or (change.entity, change.id) in pending:
            local_pending, deleted_here = port.pending_fields(c, change.entity, change.id)
            if deleted_here:
                return
        if change.entity == "conflict":
            current = port.get_conflict(c, change.id)
            merged = dict(data)
            if current is not None:
                mine = port.conflict_fields(current)
                merged.update({name: mine[name] for name in local_pending if name in mine})
            port.conflict_put(c, change.id, merged, change.version)
            port.meta_set(c, change.entity, change.id, change.version, change.keys)
            return
        local = port.local_fields(uow, change.entity, change.id)
        if local is None:
            if not port.parent_present(c, change.entity, data):
                port.state_set(c, f"orphan/{change.entity}/{change.id}", str(change.seq))
                return
            uow.apply_remote(change.entity, change.id, dict(data), version=change.version)
        else:
            fields, version = local
            incoming = {name: value for name, value in data.items() if name not in local_pending}
            if any(fields.get(name) != value for name, value in incoming.items()) or version != change.version:
                uow.apply_remote(change.entity, change.id, incoming, version=change.version)
        port.state_delete(c, f"orphan/{change.entity}/{change.id}")
        port.meta_set(c, change.entity, change.id, change.version, change.keys)

    # ------------------------------------------------------------------ leaving a scope

    def _held(self, uow: UnitOfWork, entity: str, record_id: str, pending: set[tuple[str, str]]) -> bool:
        if (entity, record_id) in pending:
            return True
        return any(child in pending for child in port.descendants(uow.connection, entity, record_id))

    def _evict(self, uow: UnitOfWork, entity: str, record_id: str, pending: set[tuple[str, str]]) -> bool:
        """Remove a record that left every scope of this device, unless it holds unsent edits."""
        c = uow.connection
        if self._held(uow, entity, record_id, pending):
            port.state_set(c, f"evict/{entity}/{record_id}", port.now_iso())
            return False
        if entity == "conflict":
            port.conflict_delete(c, record_id)
        elif uow.reader.get(entity, record_id) is not None:
            uow.apply_remote(entity, record_id, {}, version=0, deleted=True)
        port.meta_delete(c, entity, record_id)
        port.state_delete(c, f"evict/{entity}/{record_id}")
        return True

    def _evict_outside(self, uow: UnitOfWork, report: SyncReport) -> None:
        keys = self.all_keys()
        pending = port.pending_records(uow.connection)
        outside = [
            (entity, record_id)
            for entity, record_id, _version, record_keys in port.local_versions(uow.connection)
            if record_keys and not set(record_keys) & keys
        ]
        for entity, record_id in outside:
            self._evict(uow, entity, record_id, pending)
        if outside:
            port.meta_prune(uow.connection)
        report.changes = report.changes.merge(uow.changes)

    def evict_unplaced(self, report: SyncReport) -> None:
        """Remove records sent from here that no scope of this device brought back after a full pull.

        A record created here learns its scope keys from the pull that returns its change. When
        the same push already moved it out of this device's scopes, or a snapshot was taken after
        that push, no pull ever mentions it: it is in none of the device's scopes. Only known
        once every scope was pulled to the end after the push.
        """
        if {scope.name for scope in self.scopes} - self._complete:
            return
        with self.store.unit_of_work() as uow:
            c = uow.connection
            if port.state_get(c, UNPLACED_KEY) is None:
                return  # nothing was acknowledged since the last look: no need to walk every record
            port.state_delete(c, UNPLACED_KEY)
            unplaced = port.meta_unplaced(c)
            if not unplaced:
                return
            pending = port.pending_records(c)
            for entity, record_id in unplaced:
                self._evict(uow, entity, record_id, pending)
            port.meta_prune(c)
            report.changes = report.changes.merge(uow.changes)

    def evict_deferred(self, report: SyncReport) -> None:
        with self.store.unit_of_work() as uow:
            c = uow.connection
            deferred = port.state_items(c, "evict/")
            if not deferred:
                return  # the usual case: no need to walk every record for stale versions
            pending = port.pending_records(c)
            keys = self.all_keys()
            for key, _since in deferred:
                _, entity, record_id = key.split("/", 2)
                meta = port.meta_get(c, entity, record_id)
                if meta is not None and set(meta[1]) & keys:
                    port.state_delete(c, key)  # it came back into a scope
                    continue
                self._evict(uow, entity, record_id, pending)
            port.meta_prune(c)
            report.changes = report.changes.merge(uow.changes)

    # ------------------------------------------------------------------ snapshots

    def snapshot(self, scope: ScopeInfo, report: SyncReport, reporter: Reporter) -> None:
        """Download the scope again (first sync, resync, drift) and apply it; the outbox stays."""
        slug = _scope_slug(scope.name)
        target = self.work_dir / f"snapshot-{slug}.gz"
        with self.store.unit_of_work() as uow:
            c = uow.connection
            started = port.state_json(c, f"snapshot/{scope.name}")
            empty = not port.has_records(c) and not port.pending_records(c)
        info: SnapshotInfo | None = SnapshotInfo.model_validate(started) if started else None
        if info is None and empty and self._stream_into_empty(scope, report, reporter):
            report.resynced.append(scope.name)
            return
        if info is None or not target.exists():
            response = self.api.request("POST", "/sync/v1/snapshot", params={"scope": scope.name})
            info = SnapshotInfo.model_validate_json(response.content)
            if target.exists():
                target.unlink()
            with self.store.unit_of_work() as uow:
                port.state_set_json(uow.connection, f"snapshot/{scope.name}", info.model_dump())
        try:
            self.api.download(f"/sync/v1/snapshot/{info.id}", target, info.size, info.sha256, SNAPSHOT_CHUNK)
        except (ServerRefused, SyncError) as error:
            # Gone on the server or corrupt here: ask for a new snapshot on the next round.
            if not isinstance(error, ServerRefused) or error.status == 404:
                target.unlink(missing_ok=True)
                with self.store.unit_of_work() as uow:
                    port.state_delete(uow.connection, f"snapshot/{scope.name}")
                if isinstance(error, ServerRefused):
                    return
            raise
        self._apply_snapshot(scope, info, target, report, reporter)
        target.unlink(missing_ok=True)
        report.resynced.append(scope.name)

    def _records(self, path: Path) -> Iterator[tuple[str, str, int, dict[str, Any], list[str]]]:
        with gzip.open(path, "rb") as handle:
            handle.readline()  # header
            yield from _snapshot_records(handle)

    def _stream_into_empty(self, scope: ScopeInfo, report: SyncReport, reporter: Reporter) -> bool:
        """First sync of a scope into an empty workspace: load the snapshot as the server sends it.

        The load overlaps the server's reading and compressing (a stored snapshot is built
        whole, then downloaded, then loaded). False when it did not happen: the workspace
        holds records (checked again in the load's own transaction), the server is older or
        refused, or the stream was cut (the load is one transaction, so nothing of it stays);
        the caller then downloads a stored one.
        """
        try:
            with self.api.stream("/sync/v1/snapshot", {"scope": scope.name}) as chunks:
                lines = _gzip_lines(chunks)
                header = json.loads(next(lines, b"") or b"{}")
                cursor = header.get("cursor") if isinstance(header, dict) else None
                if not isinstance(cursor, str) or header.get("keys") != scope.keys:
                    return False
                with self.store.unit_of_work() as uow:
                    if not self._bulk_load(uow, scope, cursor, _snapshot_records(lines), report, reporter):
                        return False
        except (SyncError, zlib.error, ValueError) as error:  # a refusal, a cut, a garbled stream
            log.info("streamed snapshot of %s not loaded (%s): downloading a stored one", scope.name, error)
            return False
        return True

    def _bulk_load(
        self,
        uow: UnitOfWork,
        scope: ScopeInfo,
        cursor: str,
        records: Iterator[tuple[str, str, int, dict[str, Any], list[str]]],
        report: SyncReport,
        reporter: Reporter,
        total: int | None = None,
    ) -> bool:
        """Load a scope's snapshot records into an empty workspace in one go; False if it is not empty."""
        c = uow.connection
        if port.has_records(c) or port.pending_records(c):
            return False
        uow.defer_foreign_keys()
        summed = ScopeSum(scope.keys)
        count = port.bulk_insert(uow, _summed(records, summed), alongside=summed.finish)
        self._finish_snapshot(uow, scope, cursor)
        self._loaded[scope.name] = summed.finish()
        self._pulled_after[scope.name] = 0
        report.pulled += count
        reporter.report(count, total or count, N_("Receiving changes"))
        return True

    def _apply_snapshot(
        self, scope: ScopeInfo, info: SnapshotInfo, path: Path, report: SyncReport, reporter: Reporter
    ) -> None:
        with self.store.unit_of_work() as uow:
            if self._bulk_load(uow, scope, info.cursor, self._records(path), report, reporter, info.count):
                return
        seen: set[tuple[str, str]] = set()
        batch: list[Change] = []
        done = 0

        def flush() -> None:
            with self.store.unit_of_work() as uow:
                self.apply_changes(uow, batch)
                report.changes = report.changes.merge(uow.changes)
            batch.clear()

        for entity, record_id, version, data, keys in self._records(path):
            seen.add((entity, record_id))
            batch.append(Change(seq=0, entity=entity, id=record_id, version=version, data=data, keys=keys))
            done += 1
            if len(batch) >= 2000:
                flush()
                reporter.report(done, info.count, N_("Receiving changes"))
        flush()
        with self.store.unit_of_work() as uow:
            c = uow.connection
            mine = set(scope.keys)
            others = {key for s in self.scopes if s.name != scope.name for key in s.keys}
            pending = port.pending_records(c)
            gone = [
                (entity, record_id)
                for entity, record_id, _version, keys in port.local_versions(c)
                if (entity, record_id) not in seen and set(keys) & mine and not set(keys) & others
            ]
            for entity, record_id in gone:
                self._evict(uow, entity, record_id, pending)
            port.meta_prune(c)
            self._finish_snapshot(uow, scope, info.cursor)
            report.changes = report.changes.merge(uow.changes)
        report.pulled += done

    def _finish_snapshot(self, uow: UnitOfWork, scope: ScopeInfo, cursor: str) -> None:
        c = uow.connection
        port.state_set(c, f"cursor/{scope.name}", cursor)
        port.state_set(c, f"pulled_at/{scope.name}", port.now_iso())
        port.state_delete(c, f"resync/{scope.name}")
        port.state_delete(c, f"snapshot/{scope.name}")
        port.state_delete(c, f"server_checksum/{scope.name}")

    # ------------------------------------------------------------------ published files

    def fetch_published(self, report: SyncReport) -> None:
        with self.store.unit_of_work() as uow:
            cursor = int(port.state_get(uow.connection, "published.cursor") or 0)
        if self._hello is not None and self._hello.published_cursor == cursor:
            return  # nothing published since the last fetch
        response = self.api.request("GET", "/sync/v1/published", params={"cursor": cursor})
        reply = PublishedReply.model_validate_json(response.content)
        for item in reply.items:
            folder = self.forms_dir if item.kind == "form" else self.reference_dir
            if folder is None or not _SAFE_NAME.match(item.name) or ".." in item.name:
                continue
            target = folder / item.name
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".part")
            temporary.write_text(item.content, encoding="utf-8")
            os.replace(temporary, target)
            report.published.append(item.name)
        with self.store.unit_of_work() as uow:
            port.state_set(uow.connection, "published.cursor", str(reply.cursor))

    # ------------------------------------------------------------------ integrity

    def local_checksum(self, scope: ScopeInfo) -> Checksum:
        with self.store.unit_of_work() as uow, port.unmapped(uow.connection):
            return scope_checksum(port.local_versions(uow.connection), scope.keys)

    def verify(self, report: SyncReport, reporter: Reporter) -> None:
        """Compare each scope's checksum with the server's; download a drifting scope again."""
        for scope in self.scopes:
            for attempt in range(2):
                with self.store.unit_of_work() as uow:
                    c = uow.connection
                    server = port.state_json(c, f"server_checksum/{scope.name}")
                    verified = port.state_json(c, f"verified/{scope.name}")
                    pending, _ = port.outbox_size(c)
                if server is None or pending:
                    break
                if verified == server and not report.pulled and not report.pushed:
                    break
                loaded = self._loaded.pop(scope.name, None)
                if loaded is not None and not self._pulled_after.get(scope.name) and not report.pushed:
                    # The workspace holds exactly the snapshot just written: its checksum was
                    # summed over the records as they went in, no need to read them back.
                    local = loaded
                else:
                    local = self.local_checksum(scope)
                if local.model_dump() == server:
                    with self.store.unit_of_work() as uow:
                        port.state_set_json(uow.connection, f"verified/{scope.name}", server)
                    report.verified.append(scope.name)
                    break
                if attempt == 1:
                    report.warn(
                        N_("The scope {scope} still differs from the server after downloading it again."),
                        scope=scope.name,
                    )
                    break
                report.warn(
                    N_("The scope {scope} differed from the server; it was downloaded again."), scope=scope.name
                )
                with self.store.unit_of_work() as uow:
                    port.state_set(uow.connection, f"resync/{scope.name}", "drift")
                self.pull_scope(scope, report, reporter)

    # ------------------------------------------------------------------ bookkeeping

    def _finish(self, report: SyncReport, before: int) -> None:
        with self.store.unit_of_work() as uow:
            c = uow.connection
            after, _ = port.outbox_size(c)
            stalled = int(port.state_get(c, "push.stalled") or 0)
            stalled = stalled + 1 if before and after >= before and not report.pushed else 0
            port.state_set(c, "push.stalled", str(stalled))
            port.state_set(c, "last_sync", port.now_iso())
            if stalled >= STALLED_AFTER:
                report.warn(N_("The last {count} syncs sent none of the waiting changes."), count=stalled)
