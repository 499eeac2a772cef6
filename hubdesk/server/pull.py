"""What clients download: pull pages from a cursor, scope snapshots, checksums, published files, purge.

A cursor is `<seq>.<tag>`: the last change-log position a client holds and the random
tag of that log row. A cursor the server cannot vouch for (older than the tombstone
horizon, ahead of the log, or whose tag does not match because the server was restored
from a backup) gets a "resync" answer instead of a page: the client downloads that scope
again and keeps its outbox. Each page is read in one consistent snapshot together with
the scope checksum it ends with.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Select,
    Text,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    func,
    literal,
    select,
    true,
    update,
)

from hubdesk.kernel.errors import NotFoundError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.ids import new_id
from hubdesk.server import tables as t
from hubdesk.server.auth import SESSION_USER, CallerOf
from hubdesk.server.config import ServerConfig, version_tuple
from hubdesk.server.database import ServerDatabase
from hubdesk.server.errors import ForbiddenError, UpgradeRequired
from hubdesk.server.scopes import Principal, scopes_of
from hubdesk.sync.protocol import (
    ALL_KEY,
    DEFAULT_PULL,
    KIND_ORDER,
    MAX_PULL,
    Checksum,
    PublishedItem,
    PublishedReply,
    PullReply,
    ScopeInfo,
    SnapshotInfo,
)

SNAPSHOT_CHUNK = 1 << 20
SNAPSHOT_FORMAT = 1
# gzip level of snapshots: 150,000 records make 13.0 MB in 0.44 s at level 3, against 11.7 MB
# in 0.77 s at level 5; the client is waiting for it, and the download is the cheap part.
SNAPSHOT_LEVEL = 3


def parse_cursor(cursor: str) -> tuple[int, str]:
    if not cursor:
        return 0, ""
    seq, _, tag = cursor.partition(".")
    try:
        return int(seq), tag
    except ValueError:
        return -1, ""


def make_cursor(seq: int, tag: str) -> str:
    return f"{seq}.{tag}"


def _scope(connection: Connection, principal: Principal, name: str, known: list[ScopeInfo] | None = None) -> ScopeInfo:
    for info in known if known is not None else scopes_of(connection, principal):
        if info.name == name:
            return info
    raise ForbiddenError(N_("The scope {scope} is not one of yours."), scope=name)


def _check_downloads(
    connection: Connection, config: ServerConfig, principal: Principal, known: str | None = None
) -> None:
    if known is None:
        row = connection.execute(select(t.devices.c.app_version).where(t.devices.c.id == principal.device_id)).first()
        known = str(row[0]) if row else ""
    version = known
    if version_tuple(version) < version_tuple(config.min_app_version):
        raise UpgradeRequired(
            N_("HubDesk {version} is too old to download changes: install {minimum} or newer."),
            version=version or "?",
            minimum=config.min_app_version,
        )


def high_water(connection: Connection) -> tuple[int, str]:
    """The newest committed change-log position and its tag (every lower position is committed too)."""
    row = connection.execute(
        select(t.counters.c.value, t.change_log.c.tag)
        .select_from(t.counters.outerjoin(t.change_log, t.change_log.c.seq == t.counters.c.value))
        .where(t.counters.c.name == "log")
    ).one()
    return int(row[0]), str(row[1] or "")


def published_high(connection: Connection) -> int:
    return int(connection.execute(select(t.counters.c.value).where(t.counters.c.name == "published")).scalar_one())


@dataclass(frozen=True)
class _PullState:
    """What a pull checks before reading changes, read in one statement."""

    app_version: str
    high: int
    high_tag: str
    horizon: int
    cursor_tag: str | None  # the tag of the log row at the cursor (None: no such row)


def _pull_state_statement() -> Select[Any]:
    """What a pull checks first, and the caller's session and user (`SESSION_USER`), in one statement."""
    log = t.change_log.alias("at_cursor")
    top = t.change_log.alias("at_high")
    caller = SESSION_USER.subquery("caller")
    return (
        select(
            select(t.devices.c.app_version).where(t.devices.c.id == bindparam("device")).scalar_subquery(),
            t.counters.c.value,
            select(top.c.tag).where(top.c.seq == t.counters.c.value).scalar_subquery(),
            select(t.server_meta.c.value).where(t.server_meta.c.key == "horizon_seq").scalar_subquery(),
            select(log.c.tag).where(log.c.seq == bindparam("cursor")).scalar_subquery(),
            *caller.c,
        )
        .select_from(t.counters.outerjoin(caller, true()))
        .where(t.counters.c.name == "log")
    )


# The statements of every pull, built once: SQLAlchemy finds them compiled instead of building,
# keying and looking each one up again per request.
_PULL_STATE = _pull_state_statement()
_CHECKSUM = select(
    func.coalesce(func.sum(t.key_checksums.c.count), 0).label("count"),
    func.coalesce(func.sum(t.key_checksums.c.total), 0).label("total"),
).where(t.key_checksums.c.key.in_(bindparam("keys", expanding=True)))


def _pull_state(connection: Connection, caller: CallerOf, cursor_seq: int) -> tuple[_PullState, Principal]:
    claim = caller.claim
    row = connection.execute(
        _PULL_STATE,
        {"device": claim.device_id, "cursor": cursor_seq, "session": claim.session_id, "user": claim.user_id},
    ).one()
    state = _PullState(str(row[0] or ""), int(row[1]), str(row[2] or ""), int(row[3] or 0), row[4])
    return state, caller.from_row(row)


def _cursor_problem(state: _PullState, cursor: str) -> str | None:
    seq, tag = parse_cursor(cursor)
    if seq < 0:
        return "invalid"
    if seq == 0:
        return "expired" if state.horizon else None
    if seq < state.horizon:
        return "expired"
    if seq > state.high:
        return "unknown"
    if state.cursor_tag is None:
        return None if seq == state.horizon else "unknown"
    if state.cursor_tag != tag:
        return "diverged"
    return None


def scope_checksum(connection: Connection, keys: list[str]) -> Checksum:
    row = connection.execute(_CHECKSUM, {"keys": keys}).one()
    return Checksum(count=int(row[0]), total=int(row[1]))


@dataclass(frozen=True)
class PullPage:
    """A pull answer whose records' stored JSON goes out as stored, serialised in one call.

    Parsing each record's data only to validate and serialise it again cost most of a pull's
    time (a page of 1,000 changes: about 10 ms of CPU).
    """

    changes: list[dict[str, Any]] = field(default_factory=list)  # `Change` fields; JSON texts as fragments
    cursor: str = ""
    more: bool = False
    resync: bool = False
    reason: str | None = None
    checksum: Checksum | None = None

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "changes": self.changes,
                "cursor": self.cursor,
                "more": self.more,
                "resync": self.resync,
                "reason": self.reason,
                "checksum": None if self.checksum is None else self.checksum.model_dump(),
            }
        )

    def reply(self) -> PullReply:
        return PullReply.model_validate_json(self.to_json())


def pull(
    db: ServerDatabase, config: ServerConfig, caller: CallerOf, scope: str, cursor: str, limit: int = DEFAULT_PULL
) -> PullPage:
    limit = max(1, min(limit, MAX_PULL))
    start, _ = parse_cursor(cursor)
    # No transaction: the page and its checksum are one statement, so one snapshot, taken after the
    # state's. Every log position up to the state's `high` was committed before that (a push holds
    # the counter until it commits), so the page holds them all, and the cursor `high` never passes
    # a change the client has not had. Changes committed in between come along (with a checksum
    # that counts them) and again at the next pull.
    with db.read(autocommit=True) as connection:
        state, principal = _pull_state(connection, caller, start)
        _check_downloads(connection, config, principal, state.app_version)
        scopes = scopes_of(connection, principal)
        info = _scope(connection, principal, scope, scopes)
        high, high_tag = state.high, state.high_tag
        problem = _cursor_problem(state, cursor)
        if problem is not None:
            return PullPage(resync=True, reason=problem, cursor=cursor)
        found = connection.execute(_LOGGED, {"keys": info.keys, "start": start, "limit": limit + 1}).all()
        summed = Checksum(count=int(found[0][0]), total=int(found[0][1]))
        rows = [row[2:] for row in found if row[2] is not None]  # an empty page is one row of sums
        more = len(rows) > limit
        rows = rows[:limit]
        visible = {key for other in scopes for key in other.keys}
        changes = _changes(rows, visible)
        if more:
            return PullPage(changes=changes, cursor=make_cursor(rows[-1][0], str(rows[-1][1])), more=True)
        return PullPage(changes=changes, cursor=make_cursor(high, high_tag), more=False, checksum=summed)


def _logged_statement() -> Select[Any]:
    """The log rows after a position that touch some keys, with the current state of their records,
    each after the keys' checksum (`count`, `total`); with no such rows, the checksum alone.

    One statement: the positions stay in the database instead of coming back as a list of
    a thousand parameters (whose query text the driver would parse anew every time).
    """
    page = (
        select(t.change_keys.c.seq)
        .where(t.change_keys.c.key.in_(bindparam("keys", expanding=True)), t.change_keys.c.seq > bindparam("start"))
        .group_by(t.change_keys.c.seq)
        .order_by(t.change_keys.c.seq)
        .limit(bindparam("limit"))
    )
    logged = (
        select(
            t.change_log.c.seq,
            t.change_log.c.tag,
            t.change_log.c.entity,
            t.change_log.c.id,
            t.change_log.c.origin,
            t.change_log.c.version.label("logged_version"),
            t.records.c.version,
            t.records.c.deleted,
            t.records.c.data,
            t.records.c.scope_keys,
        )
        .select_from(
            t.change_log.outerjoin(
                t.records, and_(t.records.c.entity == t.change_log.c.entity, t.records.c.id == t.change_log.c.id)
            )
        )
        .where(t.change_log.c.seq.in_(page.scalar_subquery()))
    ).subquery("logged")
    sums = _CHECKSUM.subquery("sums")
    return select(*sums.c, *logged.c).select_from(sums.outerjoin(logged, true())).order_by(logged.c.seq)


_LOGGED = _logged_statement()


def _changes(rows: list[Any], visible: set[str]) -> list[dict[str, Any]]:
    """The current state of the records of log `rows`, for a caller who sees the keys `visible`.

    A record that left the pulled scope but is still in another of the caller's scopes comes
    with its data, not as an exit: the caller may hold it at an older version (from a snapshot
    of this scope older than its other scopes' cursors), and no other pull will send it again.
    """
    seen: set[tuple[str, str]] = set()
    changes: list[dict[str, Any]] = []
    for seq, _tag, entity, record_id, origin, logged_version, version, gone, data, scope_keys in rows:
        key = (entity, record_id)
        if key in seen:
            continue
        seen.add(key)
        deleted = data is None or bool(gone)
        keys = scope_keys or "[]"
        exit_ = not deleted and not visible.intersection(orjson.loads(keys))
        changes.append(
            {
                "seq": seq,
                "entity": entity,
                "id": record_id,
                "version": (version or logged_version) if deleted else version,
                "deleted": deleted,
                "exit": exit_,
                "data": None if deleted or exit_ else orjson.Fragment(data),
                "keys": orjson.Fragment(keys),
                "origin": origin,
            }
        )
    return changes


def checksum(db: ServerDatabase, principal: Principal, scope: str) -> Checksum:
    with db.read(consistent=True) as connection:
        return scope_checksum(connection, _scope(connection, principal, scope).keys)


# ---------------------------------------------------------------------- snapshots


def create_snapshot(db: ServerDatabase, config: ServerConfig, principal: Principal, scope: str) -> SnapshotInfo:
    """A gzip file of every live record of the scope, taken at a known log position.

    A recent snapshot of the same keys is handed out again; the client then pulls from
    its cursor, so the few changes since are not lost.
    """
    now = config.clock()
    with db.read(consistent=True) as connection:
        _check_downloads(connection, config, principal)
        info = _scope(connection, principal, scope)
        horizon = int(db.meta(connection, "horizon_seq") or 0)
        reuse = connection.execute(
            select(t.snapshots)
            .where(
                t.snapshots.c.digest == info.digest,
                t.snapshots.c.created_ms >= now - config.snapshot_reuse_seconds * 1000,
            )
            .order_by(t.snapshots.c.created_ms.desc())
            .limit(1)
        ).first()
        if reuse is not None and parse_cursor(reuse.cursor)[0] >= horizon:
            return SnapshotInfo(
                id=reuse.id, scope=scope, cursor=reuse.cursor, count=reuse.records, size=reuse.size, sha256=reuse.sha256
            )
        high, tag = high_water(connection)
        cursor = make_cursor(high, tag)
        buffer = io.BytesIO()
        count = 0
        # Compression runs in a second thread (zlib lets go of the GIL) while rows are read.
        with (
            gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=SNAPSHOT_LEVEL, mtime=0) as archive,
            ThreadPoolExecutor(max_workers=1) as packer,
        ):
            queued: list[Future[int]] = []

            for block, lines in _snapshot_file(connection, scope, info.keys, cursor, db.is_postgres):
                queued.append(packer.submit(archive.write, block))
                count += lines
                while len(queued) > 4:
                    queued.pop(0).result()
            for job in queued:
                job.result()
    body = buffer.getvalue()
    snapshot = SnapshotInfo(
        id=new_id(), scope=scope, cursor=cursor, count=count, size=len(body), sha256=hashlib.sha256(body).hexdigest()
    )

    def store(connection: Connection) -> None:
        connection.execute(
            t.snapshots.insert().values(
                id=snapshot.id,
                digest=info.digest,
                scope_keys=json.dumps(info.keys),
                cursor=cursor,
                records=count,
                size=len(body),
                sha256=snapshot.sha256,
                created_ms=now,
            )
        )
        chunks = [
            {"snapshot_id": snapshot.id, "idx": index, "data": body[start : start + SNAPSHOT_CHUNK]}
            for index, start in enumerate(range(0, len(body), SNAPSHOT_CHUNK))
        ]
        if chunks:
            connection.execute(t.snapshot_chunks.insert(), chunks)

    db.run_write(store)
    return snapshot


def _scope_lines(connection: Connection, keys: list[str], postgres: bool) -> Iterator[list[str]]:
    """The snapshot lines `["kind","id",version,{data},[keys]]` of a scope's live records, in batches.

    The database writes each line (the stored JSON goes in as it is), so a snapshot of
    150,000 records costs no Python work per record beyond joining the lines.
    """
    record = t.records.c
    quoted_id = cast(func.to_json(record.id), Text) if postgres else func.json_quote(record.id)
    line = (
        literal('["')
        + record.entity
        + literal('",')
        + quoted_id
        + literal(",")
        + cast(record.version, Text)
        + literal(",")
        + record.data
        + literal(",")
        + record.scope_keys
        + literal("]")
    )
    streaming = connection.execution_options(yield_per=5000)
    for kind in KIND_ORDER:
        query = select(line).where(record.entity == kind, record.deleted.is_(False))
        if ALL_KEY not in keys:
            query = query.where(
                exists().where(
                    t.record_keys.c.entity == t.records.c.entity,
                    t.record_keys.c.id == t.records.c.id,
                    t.record_keys.c.key.in_(keys),
                )
            )
        for batch in streaming.execute(query.order_by(record.id)).scalars().partitions():
            yield list(batch)


def check_scope_access(connection: Connection, config: ServerConfig, principal: Principal, scope: str) -> None:
    """Refuse, with the usual error, a caller who may not download this scope now."""
    _check_downloads(connection, config, principal)
    _scope(connection, principal, scope)


def stream_snapshot(db: ServerDatabase, config: ServerConfig, principal: Principal, scope: str) -> Iterator[bytes]:
    """The scope's snapshot file (the same lines and gzip as `create_snapshot`), sent as it is read.

    For a first sync into an empty workspace: the client loads the lines while the server
    still reads and compresses the next ones, where a stored snapshot is read whole, then
    downloaded, then loaded. Nothing is stored and nothing resumes: a cut stream leaves the
    client's workspace empty and it falls back on `create_snapshot`. The caller checks the
    scope before the answer starts; it is read again here, in the file's own snapshot.
    """
    with db.read(consistent=True) as connection:
        _check_downloads(connection, config, principal)
        info = _scope(connection, principal, scope)
        cursor = make_cursor(*high_water(connection))
        packer = zlib.compressobj(SNAPSHOT_LEVEL, zlib.DEFLATED, 31)  # 31: gzip framing
        for block, _lines in _snapshot_file(connection, scope, info.keys, cursor, db.is_postgres):
            packed = packer.compress(block)
            if packed:
                yield packed
        yield packer.flush()


def _snapshot_file(
    connection: Connection, scope: str, keys: list[str], cursor: str, postgres: bool
) -> Iterator[tuple[bytes, int]]:
    """A snapshot file's text in blocks, each with the number of records it holds: the header
    line, the record lines, then the end line with their count."""
    header = {"format": SNAPSHOT_FORMAT, "scope": scope, "cursor": cursor, "keys": keys}
    yield json.dumps(header).encode() + b"\n", 0
    count = 0
    for lines in _scope_lines(connection, keys, postgres):
        count += len(lines)
        yield ("\n".join(lines) + "\n").encode(), len(lines)
    yield json.dumps({"end": True, "count": count}).encode() + b"\n", 0


@dataclass(frozen=True)
class SnapshotBytes:
    info: SnapshotInfo
    start: int
    end: int  # exclusive
    chunks: Iterator[bytes]


def read_snapshot(
    db: ServerDatabase, principal: Principal, snapshot_id: str, start: int, end: int | None
) -> SnapshotBytes:
    with db.read() as connection:
        row = connection.execute(select(t.snapshots).where(t.snapshots.c.id == snapshot_id)).first()
        if row is None:
            raise NotFoundError(N_("No snapshot {id}: ask for a new one."), id=snapshot_id)
        mine = {info.digest: info.name for info in scopes_of(connection, principal)}
        if row.digest not in mine:
            raise ForbiddenError(N_("This snapshot is outside your scopes."))
        info = SnapshotInfo(
            id=row.id, scope=mine[row.digest], cursor=row.cursor, count=row.records, size=row.size, sha256=row.sha256
        )
    stop = row.size if end is None else min(end + 1, row.size)
    if start < 0 or start > row.size or stop < start:
        raise ValidationError(N_("The requested byte range is outside the file."), field="range")

    def chunks() -> Iterator[bytes]:
        first = start // SNAPSHOT_CHUNK
        last = (stop - 1) // SNAPSHOT_CHUNK if stop > 0 else -1
        for index in range(first, last + 1):
            with db.read() as connection:
                data = connection.execute(
                    select(t.snapshot_chunks.c.data).where(
                        t.snapshot_chunks.c.snapshot_id == snapshot_id, t.snapshot_chunks.c.idx == index
                    )
                ).scalar_one()
            base = index * SNAPSHOT_CHUNK
            yield bytes(data)[max(0, start - base) : stop - base]

    return SnapshotBytes(info, start, stop, chunks())


# ---------------------------------------------------------------------- published files


def publish(
    db: ServerDatabase, config: ServerConfig, kind: str, name: str, content: str, version: str, form_id: str | None
) -> PublishedItem:
    """Store a form definition or reference file every client receives on its next sync."""

    def work(connection: Connection) -> PublishedItem:
        seq = int(
            connection.execute(
                update(t.counters)
                .where(t.counters.c.name == "published")
                .values(value=t.counters.c.value + 1)
                .returning(t.counters.c.value)
            ).scalar_one()
        )
        row = {
            "kind": kind,
            "name": name,
            "form_id": form_id,
            "version": version,
            "content": content,
            "seq": seq,
            "published_ms": config.clock(),
        }
        db.upsert(
            connection,
            t.published,
            [row],
            ["kind", "name"],
            replace=["form_id", "version", "content", "seq", "published_ms"],
        )
        return PublishedItem(kind=kind, name=name, form_id=form_id, version=version, content=content, seq=seq)  # type: ignore[arg-type]

    return db.run_write(work)


def list_published(db: ServerDatabase, cursor: int) -> PublishedReply:
    with db.read() as connection:
        rows = connection.execute(
            select(t.published).where(t.published.c.seq > cursor).order_by(t.published.c.seq)
        ).all()
        high = published_high(connection)
    items = [
        PublishedItem(kind=r.kind, name=r.name, form_id=r.form_id, version=r.version, content=r.content, seq=r.seq)
        for r in rows
    ]
    return PublishedReply(items=items, cursor=max([high, cursor]))


# ---------------------------------------------------------------------- upkeep


def purge(db: ServerDatabase, config: ServerConfig) -> dict[str, int]:
    """Drop what is older than the maximum offline period: log rows, tombstones, old snapshots.

    Cursors older than the new horizon get a "resync" answer from then on.
    """
    now = config.clock()
    cutoff = now - config.max_offline_ms

    def work(connection: Connection) -> dict[str, int]:
        counts: dict[str, int] = {}
        last = connection.execute(
            select(func.max(t.change_log.c.seq)).where(t.change_log.c.created_ms < cutoff)
        ).scalar()
        if last is not None:
            counts["log"] = connection.execute(delete(t.change_log).where(t.change_log.c.seq <= last)).rowcount
            connection.execute(delete(t.change_keys).where(t.change_keys.c.seq <= last))
            horizon = max(int(db.meta(connection, "horizon_seq") or 0), int(last))
            db.set_meta(connection, "horizon_seq", str(horizon))
        old = select(t.records.c.entity, t.records.c.id).where(
            t.records.c.deleted.is_(True), t.records.c.updated_ms < cutoff
        )
        tombstones = connection.execute(old).all()
        for entity, record_id in tombstones:
            connection.execute(
                delete(t.record_keys).where(t.record_keys.c.entity == entity, t.record_keys.c.id == record_id)
            )
            connection.execute(delete(t.records).where(t.records.c.entity == entity, t.records.c.id == record_id))
        counts["tombstones"] = len(tombstones)
        stale = [
            row[0]
            for row in connection.execute(select(t.snapshots.c.id).where(t.snapshots.c.created_ms < now - 86_400_000))
        ]
        if stale:
            connection.execute(delete(t.snapshot_chunks).where(t.snapshot_chunks.c.snapshot_id.in_(stale)))
            connection.execute(delete(t.snapshots).where(t.snapshots.c.id.in_(stale)))
        counts["snapshots"] = len(stale)
        counts["results"] = connection.execute(
            delete(t.mutations).where(t.mutations.c.created_ms < now - 365 * 86_400_000)
        ).rowcount
        connection.execute(delete(t.login_failures).where(t.login_failures.c.locked_until_ms < now - 86_400_000))
        return counts

    return db.run_write(work)


def new_epoch(db: ServerDatabase) -> str:
    """Start a new server epoch (after restoring a backup): every client downloads its scopes again."""
    epoch = new_id()

    def work(connection: Connection) -> None:
        db.set_meta(connection, "epoch", epoch)

    db.run_write(work)
    return epoch


def gunzip_lines(data: bytes) -> Iterator[Any]:
    """Lines of a snapshot file (tests and tools)."""
    for line in zlib.decompress(data, 47).decode().splitlines():
        if line:
            yield json.loads(line)
