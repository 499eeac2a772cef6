"""Applying a batch of pushed mutations: replay check, per-field merge, conflicts, scopes, change log.

One push is one database transaction. The device's row is locked first, so two pushes
from the same device (a retry racing the original) apply one after the other and the
second finds the stored results. Mutations apply in `device_seq` order; the records they
touch are locked and staged in memory, scope keys are propagated from parents to
children, and everything is written at the end: records, scope keys, per-key checksums,
then the change log. Log sequence numbers come from one counter row whose lock is held
until commit, so numbers are handed out in commit order and a pull can never skip a
transaction that commits late (protocol point 6).

A save made of several records (one `group_id`) is all or nothing: when one of its
mutations is refused, the batch is staged again without that group.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import secrets
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from types import SimpleNamespace
from typing import Any

import orjson
from sqlalchemy import Connection, Select, bindparam, delete, func, select, true, update

from hubdesk.kernel.errors import HubDeskError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.jsonable import compact_json
from hubdesk.server import tables as t
from hubdesk.server.applications import check_submission, is_submission
from hubdesk.server.auth import SESSION_USER, CallerOf
from hubdesk.server.config import ServerConfig
from hubdesk.server.database import ServerDatabase, array_params, unnest_sql
from hubdesk.server.errors import ForbiddenError
from hubdesk.server.scopes import Principal, Who, allowed_keys, principal_on
from hubdesk.server.validation import validate_fields
from hubdesk.sync.protocol import (
    DELETED_FIELD,
    ENTITY_TYPES,
    LONG_TEXT_FIELDS,
    ErrorInfo,
    FieldChange,
    Hlc,
    Mutation,
    MutationResult,
    RecordState,
    clamp_clock,
    field_value,
    key_hash,
    kind_rank,
    merge_field,
    own_scope_keys,
    parent_of,
    required_field_names,
)

log = logging.getLogger("hubdesk.server.push")
Key = tuple[str, str]


@dataclass
class Rec:
    """A record as staged during a push (loaded from its row, or new)."""

    entity: str
    id: str
    version: int
    data: dict[str, Any]
    fver: dict[str, int]
    fclk: dict[str, str]
    keys: set[str]
    deleted: bool
    parent: Key | None
    updated_by: str
    updated_seq: int
    exists: bool
    orig_version: int = 0
    orig_keys: frozenset[str] = frozenset()
    orig_deleted: bool = False
    orig_own_keys: frozenset[str] = frozenset()  # the keys its own fields gave it when loaded
    dirty: bool = False  # row to write
    log: bool = False  # change-log row to append
    data_changed: bool = False  # updated_seq moves to the new log row
    origin: str | None = None

    @property
    def key(self) -> Key:
        return (self.entity, self.id)


def _rec_from_row(row: Any) -> Rec:
    """A record staged from a `select(t.records)` row (unpacked by position: attribute access on
    500 rows cost 6 ms; the versions, clocks and keys never hold numbers orjson would misread)."""
    (entity, record_id, version, data_text, fver, fclk, scope_keys, deleted, parent_entity, parent_id) = row[:10]
    keys = set(orjson.loads(scope_keys))
    data = json.loads(data_text)
    deleted = bool(deleted)
    return Rec(
        entity=entity,
        id=record_id,
        version=version,
        data=data,
        fver=orjson.loads(fver),
        fclk=orjson.loads(fclk),
        keys=keys,
        deleted=deleted,
        parent=(parent_entity, parent_id) if parent_entity else None,
        updated_by=row[10],
        updated_seq=row[11],
        exists=True,
        orig_version=version,
        orig_keys=frozenset(keys),
        orig_deleted=deleted,
        orig_own_keys=frozenset(own_scope_keys(entity, data)) if entity == "enterprise" else frozenset(),
    )


class Refused(Exception):
    """A mutation that cannot be applied (validation, permission): its result is "rejected"."""

    def __init__(self, error: HubDeskError) -> None:
        super().__init__(str(error))
        self.error = error


class GroupRefused(Exception):
    def __init__(self, group_id: str, mutation_id: str, error: HubDeskError) -> None:
        super().__init__(group_id)
        self.group_id = group_id
        self.mutation_id = mutation_id
        self.error = error


class Held(Exception):
    """The record or its parent does not exist yet: keep the mutation until it does."""

    def __init__(self, waits: Key) -> None:
        super().__init__(f"{waits}")
        self.waits = waits


def error_info(error: HubDeskError, language: str | None = None) -> ErrorInfo:
    return ErrorInfo(
        code=error.code,
        message=error.translated(language),
        params={k: v for k, v in error.params.items() if isinstance(v, str | int | float | bool | None)},
        field=getattr(error, "field", None),
        msgid=error.msgid,
    )


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()


def conflict_id(mutation_id: str, field_name: str) -> str:
    return str(uuid.UUID(bytes=hashlib.sha256(f"{mutation_id}/{field_name}".encode()).digest()[:16], version=5))


@dataclass
class Outcome:
    status: str
    conflicts: list[str] = field(default_factory=list)
    covers: bool = False
    clamped: bool = False


class Batch:
    """The staged effect of one push on the records it touches."""

    def __init__(
        self, db: ServerDatabase, connection: Connection, config: ServerConfig, now: int, language: str | None = None
    ) -> None:
        self.db = db
        self.c = connection
        self.config = config
        self.now = now
        self.language = language  # of the caller: a refused submission lists its problems in it
        self.recs: dict[Key, Rec | None] = {}
        # Records this batch changed, in the order it first touched them (a dict: an ordered set,
        # where looking a key up in a list cost 4 ms per 500 mutations).
        self.touched: dict[Key, None] = {}
        self.children_loaded: set[Key] = set()
        self.children: dict[Key, set[Key]] = {}
        self.case_parents: set[Key] = set()  # enterprises a case of this batch joined or left
        self.device_users: dict[str, str] = {}
        self.allowed_cache: dict[str, set[str]] = {}
        self.released: list[tuple[str, Mutation, Principal]] = []  # backlog entries now applicable
        self.backlog_rows: list[dict[str, Any]] = []
        self.backlog_done: list[str] = []
        self.blob_refs: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ loading

    def preload(self, keys: Iterable[Key]) -> None:
        wanted = [k for k in dict.fromkeys(keys) if k not in self.recs]
        for key in wanted:
            self.recs[key] = None
        for entity, ids in _by_entity(wanted):
            rows = self.c.execute(
                select(t.records)
                .where(t.records.c.entity == entity, self.db.among(t.records.c.id, ids))
                .with_for_update()
            )
            for row in rows:
                self.recs[(row.entity, row.id)] = _rec_from_row(row)

    def get(self, key: Key) -> Rec | None:
        if key not in self.recs:
            row = self.c.execute(
                select(t.records).where(t.records.c.entity == key[0], t.records.c.id == key[1]).with_for_update()
            ).first()
            self.recs[key] = None if row is None else _rec_from_row(row)
        return self.recs[key]

    def preload_children(self, keys: Iterable[Key]) -> None:
        """Load (and lock) the children of many records in a few queries rather than one each."""
        wanted = [k for k in dict.fromkeys(keys) if k not in self.children_loaded]
        self.children_loaded.update(wanted)
        for entity, ids in _by_entity(wanted):
            rows = self.c.execute(
                select(t.records)
                .where(t.records.c.parent_entity == entity, self.db.among(t.records.c.parent_id, ids))
                .with_for_update()
            )
            for row in rows:
                self._take_child(row, (row.parent_entity, row.parent_id))

    def _take_child(self, row: Any, key: Key) -> None:
        child_key = (row.entity, row.id)
        if child_key not in self.recs:
            self.recs[child_key] = _rec_from_row(row)
        child = self.recs[child_key]
        if child is not None and child.parent == key:
            self.children.setdefault(key, set()).add(child_key)

    def children_of(self, key: Key) -> list[Rec]:
        if key not in self.children_loaded:
            self.children_loaded.add(key)
            rows = self.c.execute(
                select(t.records)
                .where(t.records.c.parent_entity == key[0], t.records.c.parent_id == key[1])
                .with_for_update()
            )
            for row in rows:
                self._take_child(row, key)
        found = []
        for child_key in sorted(self.children.get(key, set())):
            child = self.recs.get(child_key)
            if child is not None and child.parent == key:
                found.append(child)
        return found

    def descendants(self, rec: Rec) -> list[Rec]:
        result: list[Rec] = []
        stack = [rec]
        while stack:
            for child in self.children_of(stack.pop().key):
                result.append(child)
                stack.append(child)
        return result

    def user_of_device(self, device: str) -> str:
        if device not in self.device_users:
            row = self.c.execute(
                select(t.users.c.name)
                .join(t.devices, t.devices.c.user_id == t.users.c.id)
                .where(t.devices.c.id == device)
            ).first()
            self.device_users[device] = str(row[0]) if row else device
        return self.device_users[device]

    def merge_author(self, entity: str, field: str, current_hlc: str) -> str:
        """Who wrote a field's current value, for the merge: it names the author only in a kept-both text."""
        if not current_hlc or (entity, field) not in LONG_TEXT_FIELDS:
            return ""
        return self.user_of_device(_device(current_hlc))

    def allowed(self, principal: Principal) -> set[str]:
        if principal.user_id not in self.allowed_cache:
            self.allowed_cache[principal.user_id] = allowed_keys(self.c, principal)
        return self.allowed_cache[principal.user_id]

    def keys_at(self, key: Key, version: int) -> set[str]:
        row = self.c.execute(
            select(t.change_log.c.scope_keys)
            .where(t.change_log.c.entity == key[0], t.change_log.c.id == key[1], t.change_log.c.version <= version)
            .order_by(t.change_log.c.version.desc(), t.change_log.c.seq.desc())
            .limit(1)
        ).first()
        return set(json.loads(row[0])) if row else set()

    # ------------------------------------------------------------------ staging helpers

    def mark(self, rec: Rec, *, data_changed: bool = False, origin: str | None = None) -> None:
        rec.dirty = True
        rec.log = True
        if data_changed:
            rec.data_changed = True
            if origin:
                rec.updated_by = origin
        if origin:
            rec.origin = origin
        self.touched.setdefault(rec.key)
        if rec.entity == "case" and rec.parent is not None:
            self.case_parents.add(rec.parent)

    def new_rec(self, entity: str, record_id: str, data: dict[str, Any], hlc: str, device: str) -> Rec:
        parent = parent_of(entity, data)
        rec = Rec(
            entity=entity,
            id=record_id,
            version=1,
            data=data,
            fver={"*": 1},
            fclk={"*": hlc},
            keys=set(),
            deleted=False,
            parent=parent,
            updated_by=device,
            updated_seq=0,
            exists=False,
        )
        self.recs[rec.key] = rec
        if parent is not None:
            self.children.setdefault(parent, set()).add(rec.key)
        rec.keys = self.compute_keys(rec)
        self.mark(rec, data_changed=True, origin=device)
        return rec

    def keys_unmoved(self, rec: Rec, own: set[str] | None = None) -> bool:
        """True when an enterprise keeps the keys it had: neither its own fields nor its cases moved them.

        Saves loading (and locking) its cases for the common edit of a phone number or a name.
        """
        return (
            rec.exists
            and not rec.deleted
            and not rec.orig_deleted
            and rec.key not in self.case_parents
            and (own if own is not None else own_scope_keys(rec.entity, rec.data)) == rec.orig_own_keys
        )

    def compute_keys(self, rec: Rec) -> set[str]:
        if rec.entity == "case" or rec.entity == "enterprise":
            keys = own_scope_keys(rec.entity, rec.data)
            if rec.entity == "enterprise":
                if self.keys_unmoved(rec, keys):
                    return set(rec.orig_keys)
                for child in self.children_of(rec.key):
                    if child.entity == "case" and not child.deleted:
                        keys |= child.keys
            return keys
        if rec.parent is not None:
            parent = self.get(rec.parent)
            if parent is not None:
                return set(parent.keys)
        return set(rec.keys) or own_scope_keys(rec.entity, rec.data)

    def propagate(self) -> None:
        """Bring scope keys up to date from the touched records outward.

        A child takes its parent's keys; an enterprise takes the union of its own and its
        live cases' keys, so a case created, deleted or moved makes its enterprise (and the
        enterprise's contacts) follow.
        """
        queue: list[Key] = list(self.touched)
        rounds: dict[Key, int] = {}
        self.preload_children(
            key
            for key in queue
            if key[0] == "enterprise" and ((rec := self.recs.get(key)) is None or not self.keys_unmoved(rec))
        )
        while queue:
            key = queue.pop(0)
            rec = self.get(key)
            if rec is None:
                continue
            rounds[key] = rounds.get(key, 0) + 1
            if rounds[key] > 50:
                raise RuntimeError(f"scope keys do not settle for {key}")
            if not rec.deleted:
                keys = self.compute_keys(rec)
                if keys != rec.keys:
                    rec.keys = keys
                    self.mark(rec)
                    queue.extend(child.key for child in self.children_of(key))
            moved = rec.keys != rec.orig_keys or not rec.exists or rec.deleted != rec.orig_deleted
            if rec.entity == "case" and rec.parent is not None and moved and rec.parent not in queue:
                queue.append(rec.parent)

    # ------------------------------------------------------------------ authorisation

    def authorise(self, principal: Principal, keys: set[str]) -> None:
        if not keys & self.allowed(principal):
            raise Refused(ForbiddenError(N_("This record is outside your scopes.")))

    def authorise_existing(self, principal: Principal, rec: Rec, base_version: int) -> None:
        allowed = self.allowed(principal)
        if rec.keys & allowed:
            return
        # Edits made while the record was in the user's scope still count (protocol point 8).
        if base_version and self.keys_at(rec.key, base_version) & allowed:
            return
        raise Refused(ForbiddenError(N_("This record is outside your scopes.")))

    # ------------------------------------------------------------------ conflicts

    def add_conflict(
        self,
        mutation: Mutation,
        principal: Principal,
        target: Rec,
        field_name: str,
        *,
        mine: Any,
        theirs: Any,
        winner: str,
        their_clock: str,
        base: Any = None,
    ) -> str:
        their_device = Hlc.decode(their_clock).device if their_clock else ""
        data = {
            "entity": target.entity,
            "record_id": target.id,
            "field": field_name,
            "base": base,
            "mine": mine,
            "theirs": theirs,
            "winner": winner,
            "authors": {
                "mine": principal.name,
                "theirs": self.user_of_device(their_device) if their_device else "",
                "mine_device": mutation.device_id,
                "theirs_device": their_device,
            },
            "clocks": {"mine": mutation.hlc, "theirs": their_clock},
            "created_at": _iso(self.now),
            "resolved_at": None,
            "resolution": None,
        }
        cid = conflict_id(mutation.mutation_id, field_name + "/" + target.id)
        existing = self.get(("conflict", cid))
        if existing is None:
            self.new_rec("conflict", cid, data, mutation.hlc, mutation.device_id)
        return cid

    # ------------------------------------------------------------------ resurrection

    def can_revive(self, rec: Rec) -> bool:
        current: Rec | None = rec
        while current is not None and current.parent is not None:
            parent = self.get(current.parent)
            if parent is None:
                return False
            current = parent
        return True

    def revive(
        self,
        rec: Rec,
        mutation: Mutation,
        principal: Principal,
        outcome: Outcome,
        edit: dict[str, FieldChange] | None = None,
    ) -> None:
        """Bring a deleted record (and deleted ancestors) back because of a concurrent edit.

        `edit` holds the fields of the edit made on the record itself; ancestors come back
        as they were. Each revived record gets a conflict so a person confirms or deletes.
        """
        if rec.parent is not None:
            parent = self.get(rec.parent)
            if parent is not None and parent.deleted:
                self.revive(parent, mutation, principal, outcome)
        if not rec.deleted:
            return
        their_clock = str(rec.fclk.get(DELETED_FIELD, ""))
        rec.deleted = False
        rec.version += 1
        for name, change in (edit or {}).items():
            # The fields merge as on a live record: an edit made before the delete still counts.
            current_hlc = str(field_value(rec.fclk, name, ""))
            decision = merge_field(
                rec.entity,
                name,
                rec.data.get(name),
                int(field_value(rec.fver, name, 0)),
                current_hlc,
                change,
                mutation.device_id,
                author=principal.name,
                current_author=self.merge_author(rec.entity, name, current_hlc),
            )
            if decision.conflict:
                outcome.conflicts.append(
                    self.add_conflict(
                        mutation,
                        principal,
                        rec,
                        name,
                        mine=change.value,
                        theirs=rec.data.get(name),
                        winner=decision.winner or "theirs",
                        their_clock=current_hlc,
                        base=change.base_value,
                    )
                )
            if decision.apply:
                rec.data[name] = decision.value
                rec.fver[name] = rec.version
                rec.fclk[name] = decision.hlc
        rec.fver[DELETED_FIELD] = rec.version
        rec.fclk[DELETED_FIELD] = mutation.hlc
        self.mark(rec, data_changed=True, origin=mutation.device_id)
        outcome.conflicts.append(
            self.add_conflict(
                mutation,
                principal,
                rec,
                DELETED_FIELD,
                mine="edited" if edit is not None else "kept",
                theirs="deleted",
                winner="mine",
                their_clock=their_clock,
            )
        )

    # ------------------------------------------------------------------ mutations

    def apply(self, mutation: Mutation, principal: Principal) -> Outcome:
        if mutation.entity not in ENTITY_TYPES and mutation.entity != "conflict":
            raise Refused(ValidationError(N_("Unknown record kind “{kind}”."), field="entity", kind=mutation.entity))
        clamped = False
        for name, change in list(mutation.fields.items()):
            value, was_clamped = clamp_clock(change.hlc or mutation.hlc, self.now, mutation.device_id)
            clamped |= was_clamped
            mutation.fields[name] = change.model_copy(update={"hlc": value})
        if mutation.hlc:
            mutation.hlc, was_clamped = clamp_clock(mutation.hlc, self.now, mutation.device_id)
            clamped |= was_clamped
        rec = self.get((mutation.entity, mutation.id))
        if mutation.op == "delete":
            outcome = self.apply_delete(mutation, principal, rec)
        elif rec is None:
            outcome = self.apply_create(mutation, principal)
        elif rec.deleted:
            outcome = self.apply_to_deleted(mutation, principal, rec)
        else:
            outcome = self.apply_update(mutation, principal, rec)
        outcome.clamped = clamped
        return outcome

    def _values(self, mutation: Mutation) -> dict[str, Any]:
        return {name: change.value for name, change in mutation.fields.items()}

    def apply_create(self, mutation: Mutation, principal: Principal) -> Outcome:
        values = self._values(mutation)
        if mutation.entity == "conflict":
            raise Refused(ValidationError(N_("Conflicts are created by the server only."), field="entity"))
        missing_required = any(name not in values for name in _required(mutation.entity))
        if missing_required and mutation.base_version > 0:
            raise Held((mutation.entity, mutation.id))  # an update that came before its create
        try:
            validate_fields(mutation.entity, values, creating=True)
        except ValidationError as error:
            raise Refused(error) from None
        parent_key = parent_of(mutation.entity, values)
        outcome = Outcome("applied", covers=True)
        if parent_key is not None:
            parent = self.get(parent_key)
            if parent is None:
                raise Held(parent_key)
            if parent.deleted:
                self.authorise_existing(principal, parent, 0)
                if not self.can_revive(parent):
                    raise Refused(ValidationError(N_("The record this belongs to was deleted."), field="parent"))
                self.revive(parent, mutation, principal, outcome)
                outcome.status = "conflict"
            self.authorise(principal, self.compute_keys_for_new(mutation.entity, values, parent_key))
        else:
            self.authorise(principal, own_scope_keys(mutation.entity, values))
        self._check_blobs(mutation, values)
        self._check_submission(mutation.entity, values)
        rec = self.new_rec(mutation.entity, mutation.id, values, mutation.hlc, mutation.device_id)
        self.release_backlog(rec.key)
        return outcome

    def _check_submission(self, entity: str, data: dict[str, Any]) -> None:
        if not is_submission(entity, data):
            return
        try:
            check_submission(self.c, data, self._record_data, self.now, self.language)
        except ValidationError as error:
            raise Refused(error) from None

    def _record_data(self, entity: str, record_id: str) -> dict[str, Any] | None:
        rec = self.get((entity, record_id))
        return None if rec is None or rec.deleted else rec.data

    def compute_keys_for_new(self, entity: str, values: dict[str, Any], parent_key: Key) -> set[str]:
        if entity in ("case", "enterprise"):
            return own_scope_keys(entity, values)
        parent = self.get(parent_key)
        return set(parent.keys) if parent else set()

    def _check_blobs(self, mutation: Mutation, values: dict[str, Any]) -> None:
        blobs = set(mutation.blobs)
        if mutation.entity == "attachment" and values.get("sha256"):
            blobs.add(str(values["sha256"]))
        for sha in blobs:
            row = self.c.execute(select(t.blobs.c.complete).where(t.blobs.c.sha256 == sha)).first()
            if row is None or not row.complete:
                raise Refused(
                    ValidationError(N_("The attachment file {sha256} was not uploaded."), field="blobs", sha256=sha)
                )
            self.blob_refs.append({"sha256": sha, "entity": mutation.entity, "id": mutation.id})

    def apply_update(self, mutation: Mutation, principal: Principal, rec: Rec) -> Outcome:
        values = self._values(mutation)
        try:
            validate_fields(mutation.entity, values, creating=False)
        except ValidationError as error:
            raise Refused(error) from None
        if mutation.entity == "conflict":
            return self._apply_resolution(mutation, principal, rec)
        self.authorise_existing(principal, rec, mutation.base_version)
        new_parent = parent_of(mutation.entity, {**rec.data, **values})
        if new_parent != rec.parent and new_parent is not None:
            parent = self.get(new_parent)
            if parent is None:
                raise Held(new_parent)
            if parent.deleted:
                raise Refused(ValidationError(N_("The record this belongs to was deleted."), field="parent"))
            self.authorise(principal, parent.keys)
        if mutation.entity == "attachment" and "sha256" in values:
            self._check_blobs(mutation, values)
        if values.keys() & {"status", "answers", "form_version"}:
            self._check_submission(mutation.entity, {**rec.data, **values})
        covers = all(
            int(field_value(rec.fver, name, 0)) <= mutation.base_version
            or _device(str(field_value(rec.fclk, name, ""))) == mutation.device_id
            for name in set(rec.data) | set(rec.fver) - {"*"}
        )
        outcome = Outcome("applied" if covers else "merged", covers=covers)
        changed = False
        new_version = rec.version + 1
        for name, change in mutation.fields.items():
            current_hlc = str(field_value(rec.fclk, name, ""))
            decision = merge_field(
                mutation.entity,
                name,
                rec.data.get(name),
                int(field_value(rec.fver, name, 0)),
                current_hlc,
                change,
                mutation.device_id,
                author=principal.name,
                current_author=self.merge_author(mutation.entity, name, current_hlc),
            )
            if decision.conflict:
                outcome.conflicts.append(
                    self.add_conflict(
                        mutation,
                        principal,
                        rec,
                        name,
                        mine=change.value,
                        theirs=rec.data.get(name),
                        winner=decision.winner or "theirs",
                        their_clock=current_hlc,
                        base=change.base_value,
                    )
                )
            if decision.apply:
                rec.data[name] = decision.value
                rec.fver[name] = new_version
                rec.fclk[name] = decision.hlc
                changed = True
        if outcome.conflicts:
            outcome.status = "conflict"
        if changed:
            rec.version = new_version
            if new_parent != rec.parent:
                self._reparent(rec, new_parent)
            self.mark(rec, data_changed=True, origin=mutation.device_id)
        return outcome

    def _reparent(self, rec: Rec, new_parent: Key | None) -> None:
        if rec.entity == "case":
            self.case_parents.update(key for key in (rec.parent, new_parent) if key is not None)
        if rec.parent is not None:
            self.children.get(rec.parent, set()).discard(rec.key)
            old = self.get(rec.parent)
            if old is not None:
                self.touched.setdefault(old.key)  # its keys may shrink
        rec.parent = new_parent
        if new_parent is not None:
            self.children.setdefault(new_parent, set()).add(rec.key)

    def _apply_resolution(self, mutation: Mutation, principal: Principal, rec: Rec) -> Outcome:
        target_keys = rec.keys
        if not target_keys & self.allowed(principal):
            raise Refused(ForbiddenError(N_("This record is outside your scopes.")))
        changed = False
        new_version = rec.version + 1
        for name, change in mutation.fields.items():
            current_hlc = str(field_value(rec.fclk, name, ""))
            if rec.data.get(name) != change.value and change.hlc >= current_hlc:
                rec.data[name] = change.value
                rec.fver[name] = new_version
                rec.fclk[name] = change.hlc
                changed = True
        if changed:
            rec.version = new_version
            self.mark(rec, data_changed=True, origin=mutation.device_id)
        return Outcome("applied", covers=True)

    def apply_to_deleted(self, mutation: Mutation, principal: Principal, rec: Rec) -> Outcome:
        """An edit of a record deleted meanwhile: the record comes back and a person decides."""
        values = self._values(mutation)
        try:
            validate_fields(mutation.entity, values, creating=False)
        except ValidationError as error:
            raise Refused(error) from None
        self.authorise_existing(principal, rec, mutation.base_version)
        outcome = Outcome("conflict")
        if mutation.entity == "conflict" or not self.can_revive(rec):
            outcome.conflicts.append(
                self.add_conflict(
                    mutation,
                    principal,
                    rec,
                    DELETED_FIELD,
                    mine=values,
                    theirs="deleted",
                    winner="theirs",
                    their_clock=str(rec.fclk.get(DELETED_FIELD, "")),
                )
            )
            return outcome
        self.revive(rec, mutation, principal, outcome, edit=mutation.fields)
        return outcome

    def apply_delete(self, mutation: Mutation, principal: Principal, rec: Rec | None) -> Outcome:
        if rec is None or rec.deleted:
            return Outcome("applied", covers=True)
        if mutation.entity == "conflict":
            raise Refused(ValidationError(N_("Conflicts are resolved, not deleted."), field="entity"))
        self.authorise_existing(principal, rec, mutation.base_version)
        concurrent_fields = [
            name
            for name in set(rec.data) | (set(rec.fver) - {"*"})
            if int(field_value(rec.fver, name, 0)) > mutation.base_version
            and _device(str(field_value(rec.fclk, name, ""))) != mutation.device_id
        ]
        seen = mutation.seen_seq or self._seq_at(rec.key, mutation.base_version)
        family = self.descendants(rec)
        concurrent_children = [
            child
            for child in family
            if not child.deleted
            and (child.updated_seq > seen or not child.exists)
            and (
                child.updated_by != mutation.device_id
                if child.entity != "conflict"
                # an open conflict this device has not seen: another device's edit met one of its
                # own, and the field may now carry this device's clock though that edit is unseen
                else not child.data.get("resolved_at")
            )
        ]
        if concurrent_fields or concurrent_children:
            outcome = Outcome("conflict")
            theirs_clock = max(
                [str(field_value(rec.fclk, n, "")) for n in concurrent_fields]
                + [str(field_value(c.fclk, "*", "")) for c in concurrent_children],
                default="",
            )
            outcome.conflicts.append(
                self.add_conflict(
                    mutation,
                    principal,
                    rec,
                    DELETED_FIELD,
                    mine="deleted",
                    theirs="edited",
                    winner="theirs",
                    their_clock=theirs_clock,
                )
            )
            # The deleting device removed the record and its children: send them again.
            self.mark(rec)
            for child in family:
                if not child.deleted:
                    self.mark(child)
            return outcome
        for victim in [rec, *family]:
            if victim.deleted:
                continue
            victim.deleted = True
            victim.version += 1
            victim.fver[DELETED_FIELD] = victim.version
            victim.fclk[DELETED_FIELD] = mutation.hlc
            self.mark(victim, data_changed=True, origin=mutation.device_id)
        return Outcome("applied", covers=True)

    def _seq_at(self, key: Key, version: int) -> int:
        row = self.c.execute(
            select(func.min(t.change_log.c.seq)).where(
                t.change_log.c.entity == key[0], t.change_log.c.id == key[1], t.change_log.c.version >= version
            )
        ).first()
        if row is None or row[0] is None:
            horizon = self.db.meta(self.c, "horizon_seq")
            return int(horizon or 0)
        return int(row[0])

    # ------------------------------------------------------------------ backlog

    def hold(self, mutation: Mutation, principal: Principal, waits: Key) -> None:
        self.backlog_rows.append(
            {
                "mutation_id": mutation.mutation_id,
                "entity": mutation.entity,
                "id": mutation.id,
                "waits_entity": waits[0],
                "waits_id": waits[1],
                "device_id": mutation.device_id,
                "device_seq": mutation.device_seq,
                "user_id": principal.user_id,
                "payload": mutation.model_dump_json(by_alias=True),
                "created_ms": self.now,
            }
        )

    def release_backlog(self, key: Key) -> None:
        """Mutations held for `key` can apply now (after the mutation that created it)."""
        waiting = [row for row in self.backlog_rows if (row["waits_entity"], row["waits_id"]) == key]
        stored = self.c.execute(
            select(t.backlog)
            .where(t.backlog.c.waits_entity == key[0], t.backlog.c.waits_id == key[1])
            .order_by(t.backlog.c.created_ms, t.backlog.c.device_seq)
        ).all()
        for row in stored:
            if row.mutation_id in self.backlog_done:
                continue
            principal = _principal_of(self.c, row.user_id, row.device_id)
            if principal is not None:
                self.released.append((row.mutation_id, Mutation.model_validate_json(row.payload), principal))
            self.backlog_done.append(row.mutation_id)
        for row_dict in waiting:
            self.backlog_rows.remove(row_dict)
            principal = _principal_of(self.c, row_dict["user_id"], row_dict["device_id"])
            if principal is not None:
                self.released.append(
                    (row_dict["mutation_id"], Mutation.model_validate_json(row_dict["payload"]), principal)
                )

    # ------------------------------------------------------------------ writing

    def flush(self, origin_device: str) -> None:
        self.propagate()
        staged = [self.recs[key] for key in self.touched]
        recs = [rec for rec in staged if rec is not None and rec.dirty]
        if not recs:
            return
        position = {key: index for index, key in enumerate(self.touched)}
        logged = sorted((rec for rec in recs if rec.log), key=lambda r: (kind_rank(r.entity), position[r.key]))
        # What needs no log position is written before the counter is taken: from there on,
        # every other push waits for this one until it commits.
        self._write_keys(recs)
        log_rows = []
        key_rows = []
        data_offset: dict[Key, int] = {}
        for offset, rec in enumerate(logged, start=1):  # its log position: the counter as taken, plus offset
            if rec.data_changed:
                data_offset[rec.key] = offset
            log_rows.append(
                {
                    "seq_offset": offset,
                    "entity": rec.entity,
                    "id": rec.id,
                    "version": rec.version,
                    "deleted": rec.deleted,
                    "origin": rec.origin or origin_device,
                    "tag": secrets.token_hex(4),
                    "scope_keys": compact_json(sorted(rec.keys)),
                    "created_ms": self.now,
                }
            )
            for key in rec.keys | set(rec.orig_keys):
                key_rows.append({"key": key, "seq_offset": offset})
        record_rows = [{**self._row(rec), "seq_offset": data_offset.get(rec.key)} for rec in recs]
        sums = self._checksum_rows(recs)
        if self.db.is_postgres:
            base = self._write_logged_at_once(len(logged), record_rows, sums, log_rows, key_rows)
        else:
            base = self._write_logged(len(logged), record_rows, sums, log_rows, key_rows)
        for rec in recs:
            if rec.key in data_offset:
                rec.updated_seq = base + data_offset[rec.key]
            rec.exists = True

    def _take_log_positions(self, count: int) -> int:
        """The change-log counter before `count` positions are taken; held until the commit, so
        that log positions become visible in order (a pull never skips a late commit)."""
        counter = self.c.execute(
            update(t.counters)
            .where(t.counters.c.name == "log")
            .values(value=t.counters.c.value + count)
            .returning(t.counters.c.value)
        ).scalar_one()
        return int(counter) - count

    def _write_logged(
        self,
        count: int,
        record_rows: list[dict[str, Any]],
        sums: list[dict[str, Any]],
        log_rows: list[dict[str, Any]],
        key_rows: list[dict[str, Any]],
    ) -> int:
        """The counter, then records, checksums and log, a statement each (SQLite: one writer at a time)."""
        base = self._take_log_positions(count)
        records = [_at(row, base, "updated_seq") for row in record_rows]
        self.db.upsert(self.c, t.records, records, ["entity", "id"], replace=_RECORD_KEPT)
        self.db.upsert(self.c, t.key_checksums, sums, ["key"], add=["count", "total"])
        self.db.insert_rows(self.c, t.change_log, [_at(row, base, "seq") for row in log_rows])
        self.db.insert_rows(self.c, t.change_keys, [_at(row, base, "seq") for row in key_rows])
        return base

    def _write_logged_at_once(
        self,
        count: int,
        record_rows: list[dict[str, Any]],
        sums: list[dict[str, Any]],
        log_rows: list[dict[str, Any]],
        key_rows: list[dict[str, Any]],
    ) -> int:
        """PostgreSQL: the counter, records, checksums and log in one statement. From the counter
        to the commit every other push waits for this one: a round trip each cost it dearly."""
        parameters: dict[str, Any] = {"count": count}
        for prefix, rows, columns in (
            ("r", record_rows, _RECORD_COLUMNS),
            ("s", sums, _SUM_COLUMNS),
            ("l", log_rows, _LOG_COLUMNS),
            ("k", key_rows, _KEY_COLUMNS),
        ):
            parameters.update(array_params(rows, columns, prefix))
        return int(self.c.exec_driver_sql(_logged_at_once_sql(), parameters).scalar_one())

    def _row(self, rec: Rec) -> dict[str, Any]:
        return {
            "entity": rec.entity,
            "id": rec.id,
            "version": rec.version,
            "data": compact_json(rec.data),
            "fver": compact_json(rec.fver),
            "fclk": compact_json(rec.fclk),
            "scope_keys": compact_json(sorted(rec.keys)),
            "deleted": rec.deleted,
            "parent_entity": rec.parent[0] if rec.parent else None,
            "parent_id": rec.parent[1] if rec.parent else None,
            "updated_by": rec.updated_by,
            "updated_seq": rec.updated_seq,
            "updated_ms": self.now,
        }

    def _write_keys(self, recs: list[Rec]) -> None:
        removed = [
            {"key": key, "entity": rec.entity, "id": rec.id}
            for rec in recs
            if rec.exists
            for key in rec.orig_keys - rec.keys
        ]
        added = [
            {"key": key, "entity": rec.entity, "id": rec.id}
            for rec in recs
            for key in (rec.keys - rec.orig_keys if rec.exists else rec.keys)
        ]
        self.db.delete_rows(self.c, t.record_keys, removed)
        if added:
            self.db.upsert(self.c, t.record_keys, added, ["key", "entity", "id"])

    def _checksum_rows(self, recs: list[Rec]) -> list[dict[str, Any]]:
        """What the batch adds to each scope key's checksum (count, sum of record hashes), by key."""
        delta: dict[str, list[int]] = {}
        for rec in recs:
            if rec.exists and not rec.orig_deleted:
                for key in rec.orig_keys:
                    entry = delta.setdefault(key, [0, 0])
                    entry[0] -= 1
                    entry[1] -= key_hash(rec.entity, rec.id, rec.orig_version, key)
            if not rec.deleted:
                for key in rec.keys:
                    entry = delta.setdefault(key, [0, 0])
                    entry[0] += 1
                    entry[1] += key_hash(rec.entity, rec.id, rec.version, key)
        return [{"key": key, "count": c, "total": s} for key, (c, s) in sorted(delta.items()) if c or s]


def _at(row: dict[str, Any], base: int, column: str) -> dict[str, Any]:
    """A row with its log position in `column` (the counter as taken plus its offset; no offset:
    the column keeps its value)."""
    placed = {name: value for name, value in row.items() if name != "seq_offset"}
    if row["seq_offset"] is not None:
        placed[column] = base + row["seq_offset"]
    return placed


_RECORD_COLUMNS = (*(column.name for column in t.records.c), "seq_offset")
_RECORD_KEPT = tuple(name for name in _RECORD_COLUMNS if name not in ("entity", "id", "seq_offset"))  # on a clash
_SUM_COLUMNS = ("key", "count", "total")
_LOG_COLUMNS = ("seq_offset", *(column.name for column in t.change_log.c if column.name != "seq"))
_KEY_COLUMNS = ("key", "seq_offset")


@cache
def _logged_at_once_sql() -> str:
    """One statement: take `count` log positions (the counter row stays locked until the commit),
    then write records, checksums, log rows and their keys at those positions. Every part reads the
    counter, so none runs before the counter is taken (the lock order of every push is the same)."""
    offset = {"seq_offset": "BIGINT"}
    record_values = ", ".join(
        "COALESCE(counter.base + v.seq_offset, v.updated_seq)" if name == "updated_seq" else f'v."{name}"'
        for name in _RECORD_COLUMNS[:-1]
    )
    log_names = ", ".join(f'"{name}"' for name in _LOG_COLUMNS[1:])
    return f"""
WITH counter AS (
    UPDATE counters SET value = value + %(count)s WHERE name = 'log' RETURNING value - %(count)s AS base
), written AS (
    INSERT INTO records ({", ".join(f'"{name}"' for name in _RECORD_COLUMNS[:-1])})
    SELECT {record_values} FROM counter, {unnest_sql(t.records, _RECORD_COLUMNS, "r", offset)}
    ON CONFLICT (entity, id) DO UPDATE SET {", ".join(f'"{name}" = excluded."{name}"' for name in _RECORD_KEPT)}
), summed AS (
    INSERT INTO key_checksums (key, count, total)
    SELECT v.key, v.count, v.total FROM counter, {unnest_sql(t.key_checksums, _SUM_COLUMNS, "s")}
    ON CONFLICT (key) DO UPDATE
    SET count = key_checksums.count + excluded.count, total = key_checksums.total + excluded.total
), logged AS (
    INSERT INTO change_log (seq, {log_names})
    SELECT counter.base + v.seq_offset, {", ".join(f'v."{name}"' for name in _LOG_COLUMNS[1:])}
    FROM counter, {unnest_sql(t.change_log, _LOG_COLUMNS, "l", offset)}
), keyed AS (
    INSERT INTO change_keys (key, seq)
    SELECT v.key, counter.base + v.seq_offset FROM counter, {unnest_sql(t.change_keys, _KEY_COLUMNS, "k", offset)}
)
SELECT base FROM counter"""


def _by_entity(keys: list[Key], chunk: int = 500) -> Iterator[tuple[str, list[str]]]:
    """Record keys grouped by entity, in chunks: what one `entity = ? AND id IN (...)` query takes."""
    grouped: dict[str, list[str]] = {}
    for entity, record_id in keys:
        grouped.setdefault(entity, []).append(record_id)
    for entity, ids in grouped.items():
        for start in range(0, len(ids), chunk):
            yield entity, ids[start : start + chunk]


def _device(clock: str) -> str:
    return Hlc.decode(clock).device if clock else ""


def _required(entity: str) -> tuple[str, ...]:
    return required_field_names(entity)


def _principal_of(connection: Connection, user_id: str, device_id: str) -> Principal | None:
    row = connection.execute(select(t.users).where(t.users.c.id == user_id)).first()
    if row is None or row.disabled:
        return None
    return Principal(row.id, row.name, row.role, tuple(json.loads(row.scopes)), device_id, "")


# ---------------------------------------------------------------------- the push use case


def _result(mutation_id: str, outcome: Outcome, rec: Rec | None) -> MutationResult:
    return MutationResult(
        mutation_id=mutation_id,
        status=outcome.status,  # type: ignore[arg-type]
        version=rec.version if rec else None,
        covers=outcome.covers,
        conflicts=outcome.conflicts,
        clamped=outcome.clamped,
    )


def _refused(mutation: Mutation, error: HubDeskError, language: str | None) -> MutationResult:
    return MutationResult(mutation_id=mutation.mutation_id, status="rejected", error=error_info(error, language))


def push(
    db: ServerDatabase,
    config: ServerConfig,
    who: Who,
    device_id: str,
    mutations: list[Mutation],
    language: str | None = None,
) -> list[MutationResult]:
    """Apply one device's batch; a result for every mutation, stored before the answer leaves."""
    for mutation in mutations:
        if mutation.device_id != device_id:
            raise ForbiddenError(N_("This login belongs to another device."))
    ordered = sorted(mutations, key=lambda m: m.device_seq)

    def work(connection: Connection) -> list[MutationResult]:
        device, principal = _device_and_caller(connection, who, device_id)
        now = config.clock()
        stored = {
            row.mutation_id: row
            for start in range(0, len(ordered), 500)
            for row in connection.execute(
                select(t.mutations).where(
                    db.among(t.mutations.c.mutation_id, [m.mutation_id for m in ordered[start : start + 500]])
                )
            )
        }
        refused_groups: dict[str, tuple[str, HubDeskError]] = {}
        while True:
            try:
                return _apply_all(
                    db, connection, config, now, principal, device, ordered, stored, refused_groups, language
                )
            except GroupRefused as refusal:
                refused_groups[refusal.group_id] = (refusal.mutation_id, refusal.error)

    return db.run_write(work)


def _device_and_caller_statement() -> Select[Any]:
    """The pushing device's row, locked, with the caller's session and user (`SESSION_USER`) as
    `caller_*` columns: one round trip instead of two."""
    caller = SESSION_USER.subquery("caller")
    return (
        select(t.devices, *(column.label(f"caller_{column.name}") for column in caller.c))
        .select_from(t.devices.outerjoin(caller, true()))
        .where(t.devices.c.id == bindparam("device"))
        .with_for_update(of=t.devices)
    )


_DEVICE_AND_CALLER = _device_and_caller_statement()
_CALLER_COLUMNS = tuple(SESSION_USER.selected_columns.keys())
_DEVICE = select(t.devices).where(t.devices.c.id == bindparam("device")).with_for_update()


def _device_and_caller(connection: Connection, who: Who, device_id: str) -> tuple[Any, Principal]:
    """The device row (locked for this push) and the caller, who must be logged in on that device."""
    device = None
    if isinstance(who, CallerOf) and who.principal is None:
        claim = who.claim
        device = connection.execute(
            _DEVICE_AND_CALLER, {"device": device_id, "session": claim.session_id, "user": claim.user_id}
        ).first()
        if device is not None:
            fields = device._mapping
            who.from_row(SimpleNamespace(**{name: fields[f"caller_{name}"] for name in _CALLER_COLUMNS}))
    principal = principal_on(connection, who)
    if device_id != principal.device_id:
        raise ForbiddenError(N_("This login belongs to another device."))
    if device is None:
        device = connection.execute(_DEVICE, {"device": device_id}).first()
    if device is None:
        raise ForbiddenError(N_("This device is not registered: log in again."))
    return device, principal


def _apply_all(
    db: ServerDatabase,
    connection: Connection,
    config: ServerConfig,
    now: int,
    principal: Principal,
    device: Any,
    ordered: list[Mutation],
    stored: dict[str, Any],
    refused_groups: dict[str, tuple[str, HubDeskError]],
    language: str | None,
) -> list[MutationResult]:
    batch = Batch(db, connection, config, now, language)
    fresh = [m for m in ordered if m.mutation_id not in stored]
    batch.preload((m.entity, m.id) for m in fresh)
    group_sizes: dict[str, int] = {}
    for m in fresh:
        group_sizes[m.group_id] = group_sizes.get(m.group_id, 0) + 1
    results: dict[str, MutationResult] = {}
    new_rows: list[dict[str, Any]] = []
    held_ids: set[str] = set()
    deleted_in_group: dict[str, dict[Key, str]] = {}
    for m in fresh:
        if m.op == "delete":
            deleted_in_group.setdefault(m.group_id, {})[(m.entity, m.id)] = m.mutation_id
    cascaded: list[tuple[Mutation, Key]] = []
    for mutation in ordered:
        previous = stored.get(mutation.mutation_id)
        if previous is not None:
            results[mutation.mutation_id] = _replayed(batch, mutation, previous, language)
            continue
        ancestor = _deleted_ancestor(batch, mutation, deleted_in_group.get(mutation.group_id, {}))
        if ancestor is not None and mutation.group_id not in refused_groups:
            cascaded.append((mutation, ancestor))  # decided by its ancestor's delete, below
            continue
        if mutation.group_id in refused_groups:
            culprit, error = refused_groups[mutation.group_id]
            if culprit != mutation.mutation_id:
                error = ValidationError(N_("Refused with the other changes of the same save."))
            results[mutation.mutation_id] = _refused(mutation, error, language)
            results[mutation.mutation_id].record = _state(batch.get((mutation.entity, mutation.id)), batch, principal)
        else:
            # `apply` replaces the clamped clocks on a copy (the sent mutation keeps its digest and is
            # applied again if its batch is staged anew); it never changes a value in place, so the
            # values need no deep copy (500 deep copies took 10 ms).
            work = mutation.model_copy(update={"fields": dict(mutation.fields)})
            try:
                outcome = batch.apply(work, principal)
                results[mutation.mutation_id] = _result(
                    mutation.mutation_id, outcome, batch.get((mutation.entity, mutation.id))
                )
            except Refused as refusal:
                if group_sizes.get(mutation.group_id, 1) > 1:
                    raise GroupRefused(mutation.group_id, mutation.mutation_id, refusal.error) from None
                result = _refused(mutation, refusal.error, language)
                result.record = _state(batch.get((mutation.entity, mutation.id)), batch, principal)
                results[mutation.mutation_id] = result
            except Held as held:
                batch.hold(work, principal, held.waits)
                held_ids.add(mutation.mutation_id)
                results[mutation.mutation_id] = MutationResult(mutation_id=mutation.mutation_id, status="held")
        new_rows.append(_stored_row(mutation, results[mutation.mutation_id], now))
        _apply_released(batch, new_rows, results, now, language)
    for mutation, ancestor in cascaded:
        # A child deleted with its parent in one save shares the parent's fate: gone when the
        # parent is, kept (and sent again) when the parent's delete became a conflict.
        parent_result = results[deleted_in_group[mutation.group_id][ancestor]]
        rec = batch.get((mutation.entity, mutation.id))
        if parent_result.status == "conflict" and rec is not None and not rec.deleted:
            result = MutationResult(
                mutation_id=mutation.mutation_id,
                status="conflict",
                version=rec.version,
                conflicts=parent_result.conflicts,
            )
        elif parent_result.status == "rejected":
            result = _refused(
                mutation, ValidationError(N_("Refused with the other changes of the same save.")), language
            )
        else:
            result = MutationResult(
                mutation_id=mutation.mutation_id, status="applied", version=rec.version if rec else None, covers=True
            )
        results[mutation.mutation_id] = result
        new_rows.append(_stored_row(mutation, result, now))
    # The results first: they need no log position, and from the flush on, every other push
    # waits for this one (the change-log counter row is held until the commit).
    _write_results(db, connection, batch, new_rows, device, ordered)
    batch.flush(device.id)
    return [results[m.mutation_id] for m in ordered]


def _deleted_ancestor(batch: Batch, mutation: Mutation, deleted: dict[Key, str]) -> Key | None:
    """The highest ancestor of the mutation's record that the same save deletes, if any.

    The highest, not the closest: an enterprise deleted with its cases and their tasks
    decides for all of them, and only its own delete is applied before the cascade.
    """
    if mutation.op != "delete" or len(deleted) < 2:
        return None
    rec = batch.get((mutation.entity, mutation.id))
    parent = rec.parent if rec is not None else None
    highest = None
    while parent is not None:
        if parent in deleted:
            highest = parent
        above = batch.get(parent)
        parent = above.parent if above is not None else None
    return highest


def _apply_released(
    batch: Batch, new_rows: list[dict[str, Any]], results: dict[str, MutationResult], now: int, language: str | None
) -> None:
    """Apply held mutations whose record now exists (they may release others in turn)."""
    while batch.released:
        mutation_id, mutation, principal = batch.released.pop(0)
        try:
            outcome = batch.apply(mutation, principal)
            result = _result(mutation_id, outcome, batch.get((mutation.entity, mutation.id)))
        except Refused as refusal:
            result = _refused(mutation, refusal.error, language)
        except Held as held:
            batch.hold(mutation, principal, held.waits)
            continue
        if mutation_id in results:
            results[mutation_id] = result
            for row in new_rows:
                if row["mutation_id"] == mutation_id:
                    row.update(status=result.status, result=result.model_dump_json())
        else:
            batch.c.execute(
                update(t.mutations)
                .where(t.mutations.c.mutation_id == mutation_id)
                .values(status=result.status, result=result.model_dump_json())
            )


def _replayed(batch: Batch, mutation: Mutation, stored: Any, language: str | None) -> MutationResult:
    if stored.digest != mutation.digest():
        error = ValidationError(
            N_("The change {mutation_id} was already received with different content; it is refused."),
            field="mutation_id",
            mutation_id=mutation.mutation_id,
        )
        return MutationResult(mutation_id=mutation.mutation_id, status="rejected", error=error_info(error, language))
    original = MutationResult.model_validate_json(stored.result)
    return original.model_copy(update={"status": "duplicate", "original": original.status})


def _state(rec: Rec | None, batch: Batch, principal: Principal) -> RecordState | None:
    if rec is None or not rec.keys & batch.allowed(principal):
        return None
    return RecordState(
        entity=rec.entity,
        id=rec.id,
        version=rec.version,
        deleted=rec.deleted,
        data=None if rec.deleted else copy.deepcopy(rec.data),
        keys=sorted(rec.keys),
    )


def _stored_row(mutation: Mutation, result: MutationResult, now: int) -> dict[str, Any]:
    kept = result.model_copy(update={"record": None})
    return {
        "mutation_id": mutation.mutation_id,
        "device_id": mutation.device_id,
        "device_seq": mutation.device_seq,
        "digest": mutation.digest(),
        "status": result.status,
        "result": kept.model_dump_json(),
        "created_ms": now,
    }


def _write_results(
    db: ServerDatabase,
    connection: Connection,
    batch: Batch,
    rows: list[dict[str, Any]],
    device: Any,
    ordered: list[Mutation],
) -> None:
    db.insert_rows(connection, t.mutations, rows)
    db.insert_rows(connection, t.backlog, batch.backlog_rows)
    if batch.backlog_done:
        connection.execute(delete(t.backlog).where(t.backlog.c.mutation_id.in_(batch.backlog_done)))
    if batch.blob_refs:
        db.upsert(connection, t.blob_refs, batch.blob_refs, ["sha256", "entity", "id"])
    highest = max((m.device_seq for m in ordered), default=0)
    if highest > device.last_seq:
        connection.execute(update(t.devices).where(t.devices.c.id == device.id).values(last_seq=highest))
