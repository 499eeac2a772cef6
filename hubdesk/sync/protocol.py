"""The sync wire protocol (version 1), shared by client and server: messages, clocks and merge rules.

Everything both sides must agree on lives here and nowhere else: the pydantic models
of every request and answer, the hybrid logical clock, the record kinds in the order
parents come before children, the scope keys a record carries, the per-field merge
decision, the checksum of a scope, and the upgrade of mutations written by an older
client. Pure code: no I/O, no database, importable by the server without the client.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hubdesk.domain.entities import (
    Attachment,
    Case,
    Contact,
    Enterprise,
    FormAnswers,
    StatusChange,
    Task,
    Visit,
)
from hubdesk.kernel.jsonable import canonical_json

PROTOCOL_MIN = 1
PROTOCOL_MAX = 1
MUTATION_SCHEMA = 2  # shape of one outbox row; 1 = the first release (record-level base and clock)
MUTATION_SCHEMA_MIN = 1
MAX_PUSH = 500  # mutations per push request (a single save larger than that is split by the client)
MAX_PULL = 5000
DEFAULT_PULL = 1000
MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000  # an edit clock further ahead of the server than this is clamped

# Record kinds in dependency order: a parent always comes before its children, so a page
# of changes applied in this order never breaks a foreign key.
KIND_ORDER: tuple[str, ...] = (
    "enterprise",
    "contact",
    "case",
    "status_change",
    "visit",
    "task",
    "attachment",
    "form_answers",
    "conflict",
)
ENTITY_TYPES: Mapping[str, type[Any]] = {
    "enterprise": Enterprise,
    "contact": Contact,
    "case": Case,
    "status_change": StatusChange,
    "visit": Visit,
    "task": Task,
    "attachment": Attachment,
    "form_answers": FormAnswers,
}
# kind -> (parent kind, field holding the parent's id)
PARENTS: Mapping[str, tuple[str, str]] = {
    "contact": ("enterprise", "enterprise_id"),
    "case": ("enterprise", "enterprise_id"),
    "status_change": ("case", "case_id"),
    "visit": ("case", "case_id"),
    "task": ("case", "case_id"),
    "attachment": ("case", "case_id"),
    "form_answers": ("case", "case_id"),
}
# Long free text: concurrent edits keep both versions instead of choosing one.
LONG_TEXT_FIELDS: frozenset[tuple[str, str]] = frozenset({("visit", "notes")})
META_FIELDS = frozenset({"id", "version", "updated_at"})
DELETED_FIELD = "_deleted"  # the field named by a delete-against-edit conflict
CONFLICT_FIELDS = (
    "entity",
    "record_id",
    "field",
    "base",
    "mine",
    "theirs",
    "winner",
    "authors",
    "clocks",
    "created_at",
    "resolved_at",
    "resolution",
)
ALL_KEY = "*"  # carried by every record: the key of the "all" scope


def kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def entity_field_names(kind: str) -> tuple[str, ...]:
    """The synced fields of a kind (every dataclass field but id, version, updated_at)."""
    if kind == "conflict":
        return CONFLICT_FIELDS
    return tuple(f.name for f in dataclasses.fields(ENTITY_TYPES[kind]) if f.name not in META_FIELDS)


def required_field_names(kind: str) -> tuple[str, ...]:
    """Fields a new record must carry (those without a default)."""
    if kind == "conflict":
        return ("entity", "record_id", "field")
    return tuple(
        f.name
        for f in dataclasses.fields(ENTITY_TYPES[kind])
        if f.name not in META_FIELDS and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


# --------------------------------------------------------------------------- clocks


@dataclass(frozen=True, order=True)
class Hlc:
    """A hybrid logical clock reading: wall milliseconds, a counter, the device that made it.

    Encoded as fixed-width text so that text order is clock order (the server stores it
    as text); ties between devices are broken by the device id, so every replica picks
    the same winner.
    """

    wall_ms: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.wall_ms:015d}.{self.counter:06d}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> Hlc:
        wall, counter, device = text.split(".", 2)
        return cls(int(wall), int(counter), device)

    @classmethod
    def zero(cls) -> Hlc:
        return cls(0, 0, "")


class HybridClock:
    """Hands out increasing HLC readings for one device, never behind one it has observed."""

    def __init__(self, device: str, last: Hlc | None = None) -> None:
        self.device = device
        self.last = last or Hlc.zero()

    def tick(self, physical_ms: int) -> Hlc:
        if physical_ms > self.last.wall_ms:
            reading = Hlc(physical_ms, 0, self.device)
        else:
            reading = Hlc(self.last.wall_ms, self.last.counter + 1, self.device)
        self.last = reading
        return reading

    def observe(self, remote: Hlc) -> None:
        if (remote.wall_ms, remote.counter) > (self.last.wall_ms, self.last.counter):
            self.last = Hlc(remote.wall_ms, remote.counter, self.device)


def clamp_clock(text: str, server_ms: int, device: str, max_ahead_ms: int = MAX_CLOCK_AHEAD_MS) -> tuple[str, bool]:
    """The edit clock as the server keeps it; True when it had to be clamped.

    A reading further ahead of the server than allowed is brought back to server time
    (a laptop whose clock runs a year ahead would otherwise win every concurrent edit),
    and the device part is always the authenticated device that sent it.
    """
    reading = Hlc.decode(text) if text else Hlc(server_ms, 0, device)
    if reading.wall_ms <= server_ms + max_ahead_ms:
        return Hlc(reading.wall_ms, reading.counter, device).encode(), False
    return Hlc(server_ms, reading.counter, device).encode(), True


# --------------------------------------------------------------------------- messages


class WireModel(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class ErrorInfo(WireModel):
    code: str
    message: str
    params: dict[str, Any] = Field(default_factory=dict)
    field: str | None = None
    msgid: str | None = None  # the English source, so the client can show it in its own language


class HelloRequest(WireModel):
    device_id: str
    app_version: str
    protocol: tuple[int, int] = (PROTOCOL_MIN, PROTOCOL_MAX)
    mutation_schema: int = Field(default=MUTATION_SCHEMA, alias="schema")
    clock: int  # the client's wall clock, ms since the epoch
    outbox_size: int = 0


class ScopeInfo(WireModel):
    name: str  # "own", "commune:21004", "team:north", "post:Tokyo", "all"
    keys: list[str]  # record scope keys the scope covers
    digest: str  # changes when the keys change (a team gains a member): resync the scope


class HelloReply(WireModel):
    protocol: int
    server_time: int
    clock_skew_ms: int  # server time minus client clock at the hello
    clock_flagged: bool  # the skew is beyond what the server accepts in edit clocks
    min_app_version: str
    downloads_allowed: bool
    user: str
    role: str
    scopes: list[ScopeInfo]
    max_offline_days: int
    epoch: str
    device_last_seq: int  # highest device_seq the server holds for this device
    mutation_schemas: tuple[int, int] = (MUTATION_SCHEMA_MIN, MUTATION_SCHEMA)
    # The newest change-log position and published-files position: a scope whose cursor is
    # already this one has nothing to pull, and an unchanged published cursor nothing to
    # fetch, so a sync with no news is one round trip. Absent from older servers.
    log_cursor: str | None = None
    published_cursor: int | None = None


class FieldChange(WireModel):
    value: Any = None
    hlc: str
    base_version: int = 0
    base_value: Any = None  # the value the edit replaced, when the client knows it


class Mutation(WireModel):
    mutation_id: str
    device_id: str
    device_seq: int
    group_id: str
    entity: str
    id: str
    op: Literal["upsert", "delete"]
    fields: dict[str, FieldChange] = Field(default_factory=dict)
    base_version: int = 0
    hlc: str = ""  # the clock of the edit (also on each field)
    blobs: list[str] = Field(default_factory=list)
    form_version: int | None = None
    seen_seq: int = 0  # for a delete: the change-log position the device had pulled to
    mutation_schema: int = Field(default=MUTATION_SCHEMA, alias="schema")

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Schema 1 (the first release) carried `changes: {field: value}` with one record-level
        `base_version` and `hlc`; schema 2 carries per-field `{value, hlc, base_version}`."""
        if not isinstance(data, Mapping):
            return data
        schema = int(data.get("schema") or data.get("mutation_schema") or (1 if "changes" in data else MUTATION_SCHEMA))
        if schema < MUTATION_SCHEMA_MIN or schema > MUTATION_SCHEMA:
            raise ValueError(f"unsupported mutation schema {schema}")
        if schema == 1:
            upgraded = dict(data)
            base = int(upgraded.get("base_version", 0))
            clock = str(upgraded.get("hlc", ""))
            changes = upgraded.pop("changes", {}) or {}
            upgraded["fields"] = {
                name: {"value": value, "hlc": clock, "base_version": base} for name, value in changes.items()
            }
            upgraded["schema"] = MUTATION_SCHEMA
            return upgraded
        return data

    def digest(self) -> str:
        """Fingerprint of what the mutation asks, to refuse an id reused for another payload."""
        body = {
            "device_id": self.device_id,
            "group_id": self.group_id,
            "entity": self.entity,
            "id": self.id,
            "op": self.op,
            "fields": {k: [v.value, v.hlc, v.base_version] for k, v in sorted(self.fields.items())},
            "base_version": self.base_version,
            "blobs": sorted(self.blobs),
        }
        return hashlib.sha256(canonical_json(body).encode()).hexdigest()


class PushRequest(WireModel):
    device_id: str
    mutations: list[Mutation]


MutationStatus = Literal["applied", "merged", "conflict", "rejected", "duplicate", "held"]
FINAL_STATUSES: frozenset[str] = frozenset({"applied", "merged", "conflict", "rejected", "held"})


class RecordState(WireModel):
    """A record as the server has it (sent back with a refused mutation so the client reverts)."""

    entity: str
    id: str
    version: int
    deleted: bool
    data: dict[str, Any] | None
    keys: list[str]


class MutationResult(WireModel):
    mutation_id: str
    status: MutationStatus
    original: str | None = None  # for "duplicate": the status stored the first time
    version: int | None = None  # the record's server version after the mutation
    covers: bool = False  # nobody else changed the record between the base and this version
    conflicts: list[str] = Field(default_factory=list)  # ids of conflict records written
    clamped: bool = False  # the edit clock was too far ahead and was clamped
    error: ErrorInfo | None = None
    record: RecordState | None = None

    @property
    def effective(self) -> str:
        """The status that counts: for a replayed mutation, the one stored the first time."""
        if self.status == "duplicate":
            return self.original or "applied"
        return self.status


class PushReply(WireModel):
    results: list[MutationResult]
    server_time: int


class Change(WireModel):
    seq: int
    entity: str
    id: str
    version: int
    deleted: bool = False
    exit: bool = False  # the record left the pulled scope
    data: dict[str, Any] | None = None
    keys: list[str] = Field(default_factory=list)
    origin: str | None = None  # device whose write this was


class Checksum(WireModel):
    count: int
    total: int


class PullReply(WireModel):
    changes: list[Change] = Field(default_factory=list)
    cursor: str = ""
    more: bool = False
    resync: bool = False  # the cursor is unknown or too old: download the scope again
    reason: str | None = None
    checksum: Checksum | None = None  # of the scope at the end of this page (last page only)


class SnapshotInfo(WireModel):
    id: str
    scope: str
    cursor: str
    count: int
    size: int
    sha256: str


class BlobStatus(WireModel):
    sha256: str
    size: int
    received: int
    complete: bool


class BlobStart(WireModel):
    size: int


class PublishedItem(WireModel):
    kind: Literal["form", "reference"]
    name: str  # file name the client writes (e.g. "terrace_permit.json")
    form_id: str | None = None
    version: str
    content: str
    seq: int


class PublishedReply(WireModel):
    items: list[PublishedItem]
    cursor: int


class LoginRequest(WireModel):
    user: str
    password: str
    device_id: str
    device_name: str = ""
    app_version: str = ""


class RefreshRequest(WireModel):
    refresh_token: str
    device_id: str


class TokenReply(WireModel):
    access_token: str
    refresh_token: str | None = None
    expires_in: int
    user: str
    role: str


# --------------------------------------------------------------------------- helpers


def upgrade_mutation(raw: Mapping[str, Any]) -> Mutation:
    """A mutation of any supported schema (an outbox row of an older release) in the current shape."""
    return Mutation.model_validate(dict(raw))


def own_scope_keys(kind: str, data: Mapping[str, Any]) -> set[str]:
    """Scope keys a record takes from its own fields (children add their parent's keys)."""
    keys = {ALL_KEY}
    if kind == "case":
        if data.get("account_manager"):
            keys.add(f"advisor:{data['account_manager']}")
        if data.get("commune_nis"):
            keys.add(f"commune:{data['commune_nis']}")
        if data.get("attache_post"):
            keys.add(f"post:{data['attache_post']}")
    elif kind == "enterprise":
        if data.get("account_manager"):
            keys.add(f"advisor:{data['account_manager']}")
        address = data.get("address") or {}
        if isinstance(address, Mapping) and address.get("commune_nis"):
            keys.add(f"commune:{address['commune_nis']}")
    return keys


def parent_of(kind: str, data: Mapping[str, Any]) -> tuple[str, str] | None:
    """(parent kind, parent id) of a record, or None for enterprises."""
    if kind == "conflict":
        return (str(data["entity"]), str(data["record_id"]))
    link = PARENTS.get(kind)
    if link is None or not data.get(link[1]):
        return None
    return (link[0], str(data[link[1]]))


def key_hash(entity: str, record_id: str, version: int, key: str) -> int:
    """One record's contribution to the checksum of a scope key (32 bits, so sums fit 64)."""
    digest = hashlib.blake2b(f"{entity}/{record_id}/{version}/{key}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def scope_checksum(rows: Iterable[tuple[str, str, int, Iterable[str]]], scope_keys: Iterable[str]) -> Checksum:
    """Checksum of a scope over (entity, id, version, record keys): the sum over matching keys."""
    wanted = set(scope_keys)
    count = total = 0
    for entity, record_id, version, keys in rows:
        for key in keys:
            if key in wanted:
                count += 1
                total += key_hash(entity, record_id, version, key)
    return Checksum(count=count, total=total)


class ScopeSum:
    """`scope_checksum` over records as they pass, hashed later.

    `add` keeps only what the hashes need, packed (about 50 bytes a record); `finish`
    hashes it. A snapshot load calls `finish` in a second thread while SQLite builds the
    indexes, so the 32-bit hashes of 150,000 records cost no time of their own.
    """

    CHUNK = 10_000

    def __init__(self, scope_keys: Iterable[str]) -> None:
        self._wanted = set(scope_keys)
        self._groups: dict[tuple[str, ...], int] = {}  # a record's keys -> index in _matched
        self._matched: list[tuple[bytes, ...]] = []  # the scope keys among them, encoded
        self._pending: list[str] = []  # "entity/id/version/" of records not packed yet
        self._pending_groups: list[int] = []
        self._packed: list[tuple[bytes, list[int]]] = []  # prefixes joined by newlines, their groups
        self._count = self._total = 0
        self._result: Checksum | None = None

    def add(self, entity: str, record_id: str, version: int, keys: Iterable[str]) -> None:
        record_keys = tuple(keys)
        group = self._groups.get(record_keys)
        if group is None:
            group = self._groups[record_keys] = len(self._matched)
            self._matched.append(tuple(key.encode() for key in record_keys if key in self._wanted))
        if not self._matched[group]:
            return
        self._pending.append(f"{entity}/{record_id}/{version}/")
        self._pending_groups.append(group)
        if len(self._pending) >= self.CHUNK:
            self._pack()

    def _pack(self) -> None:
        joined = "\n".join(self._pending)
        if joined.count("\n") == len(self._pending) - 1:
            self._packed.append((joined.encode(), self._pending_groups))
        else:  # an id holding a newline: these cannot be split again, hash them now
            self._sum(zip((prefix.encode() for prefix in self._pending), self._pending_groups, strict=True))
        self._pending, self._pending_groups = [], []

    def _sum(self, records: Iterable[tuple[bytes, int]]) -> None:
        blake2b, from_bytes, matched = hashlib.blake2b, int.from_bytes, self._matched
        count = total = 0
        for prefix, group in records:
            for key in matched[group]:  # what key_hash hashes, without a call per key
                count += 1
                total += from_bytes(blake2b(prefix + key, digest_size=4).digest(), "big")
        self._count += count
        self._total += total

    def finish(self) -> Checksum:
        if self._result is None:
            if self._pending:
                self._pack()
            for joined, groups in self._packed:
                self._sum(zip(joined.split(b"\n"), groups, strict=True))
            self._packed.clear()
            self._result = Checksum(count=self._count, total=self._total)
        return self._result


def scope_digest(keys: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(set(keys))).encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- merge rules


@dataclass(frozen=True)
class FieldDecision:
    """What the server does with one incoming field value."""

    apply: bool  # write `value` (with `hlc`) into the record
    value: Any
    hlc: str
    conflict: bool  # a concurrent edit: write a conflict record
    winner: Literal["mine", "theirs", "both"] | None = None


def merge_field(
    kind: str,
    field: str,
    current_value: Any,
    current_version: int,
    current_hlc: str,
    incoming: FieldChange,
    device: str,
    *,
    author: str = "",
    current_author: str = "",
) -> FieldDecision:
    """The per-field merge rule (protocol point 5).

    The edit applies when nobody else changed the field since the version it was based
    on (`base_version`), or when the last change was this same device's (an offline chain
    of edits). Otherwise the edits are concurrent: equal values are a no-op; long free
    text keeps both versions; any other field takes the later hybrid logical clock, so
    every replica converges, and a conflict record is written either way.
    """
    if incoming.value == current_value:
        return FieldDecision(False, current_value, current_hlc, False)
    last_device = Hlc.decode(current_hlc).device if current_hlc else ""
    if current_version <= incoming.base_version or last_device == device:
        return FieldDecision(True, incoming.value, incoming.hlc, False)
    if (kind, field) in LONG_TEXT_FIELDS and isinstance(current_value, str) and isinstance(incoming.value, str):
        return FieldDecision(
            True,
            keep_both(current_value, current_hlc, current_author, incoming.value, incoming.hlc, author),
            max(current_hlc, incoming.hlc),
            True,
            "both",
        )
    if incoming.hlc > current_hlc:
        return FieldDecision(True, incoming.value, incoming.hlc, True, "mine")
    return FieldDecision(False, current_value, current_hlc, True, "theirs")


def keep_both(text_a: str, hlc_a: str, author_a: str, text_b: str, hlc_b: str, author_b: str) -> str:
    """Both versions of a long text, older first, the later one under its author's name.

    When one version already contains the other (someone appended), that one is kept.
    """
    older, newer = sorted([(hlc_a, text_a, author_a), (hlc_b, text_b, author_b)])
    if newer[1] in older[1]:
        return older[1]
    if older[1] in newer[1]:
        return newer[1]
    return f"{older[1]}\n\n——— {newer[2] or '?'} ———\n{newer[1]}"


def field_value(compact: Mapping[str, Any], field: str, default: Any) -> Any:
    """Per-field versions and clocks are stored compactly: `*` holds the common value."""
    return compact.get(field, compact.get("*", default))
