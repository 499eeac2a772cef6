"""Attachment files: content-addressed by SHA-256, uploaded in resumable chunks, stored once.

The client announces a file (its hash and size), then sends chunks at the offset the
server says it holds, so a cut connection resumes where it stopped. The last chunk
triggers a check of the whole file against its hash. Chunks live in the database, so
every server process sees the same upload.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select, update

from hubdesk.kernel.errors import ConflictError, NotFoundError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.server import tables as t
from hubdesk.server.config import ServerConfig
from hubdesk.server.database import ServerDatabase
from hubdesk.server.errors import ForbiddenError
from hubdesk.server.scopes import Principal, allowed_keys
from hubdesk.sync.protocol import BlobStatus

MAX_BLOB = 2 << 30
MAX_CHUNK = 8 << 20
_SHA = re.compile(r"^[0-9a-f]{64}$")


def _check_sha(sha256: str) -> str:
    if not _SHA.match(sha256):
        raise ValidationError(N_("“{value}” is not a SHA-256 hash."), field="sha256", value=sha256)
    return sha256


def _status(row: object) -> BlobStatus:
    return BlobStatus(
        sha256=row.sha256,  # type: ignore[attr-defined]
        size=row.size,  # type: ignore[attr-defined]
        received=row.received,  # type: ignore[attr-defined]
        complete=bool(row.complete),  # type: ignore[attr-defined]
    )


def start(db: ServerDatabase, config: ServerConfig, principal: Principal, sha256: str, size: int) -> BlobStatus:
    """Announce a file; the answer says how many bytes the server already holds."""
    _check_sha(sha256)
    if size < 0 or size > MAX_BLOB:
        raise ValidationError(N_("The file is too large ({size} bytes)."), field="size", size=size)

    def work(connection: Connection) -> BlobStatus:
        row = connection.execute(select(t.blobs).where(t.blobs.c.sha256 == sha256).with_for_update()).first()
        if row is not None:
            if row.size != size:
                raise ValidationError(N_("The file size does not match its hash."), field="size")
            return _status(row)
        connection.execute(
            t.blobs.insert().values(
                sha256=sha256,
                size=size,
                received=0,
                complete=size == 0 and sha256 == hashlib.sha256(b"").hexdigest(),
                uploaded_by=principal.user_id,
                created_ms=config.clock(),
            )
        )
        return BlobStatus(sha256=sha256, size=size, received=0, complete=size == 0)

    return db.run_write(work)


def status(db: ServerDatabase, sha256: str) -> BlobStatus:
    with db.read() as connection:
        row = connection.execute(select(t.blobs).where(t.blobs.c.sha256 == _check_sha(sha256))).first()
    if row is None:
        raise NotFoundError(N_("No file {sha256} on the server."), sha256=sha256)
    return _status(row)


def put_chunk(db: ServerDatabase, sha256: str, offset: int, data: bytes) -> BlobStatus:
    """Append bytes at `offset`, which must be exactly what the server holds so far."""
    _check_sha(sha256)
    if len(data) > MAX_CHUNK:
        raise ValidationError(N_("A chunk may not exceed {size} bytes."), field="body", size=MAX_CHUNK)

    def work(connection: Connection) -> BlobStatus:
        row = connection.execute(select(t.blobs).where(t.blobs.c.sha256 == sha256).with_for_update()).first()
        if row is None:
            raise NotFoundError(N_("No file {sha256} on the server."), sha256=sha256)
        if row.complete:
            return _status(row)
        if offset != row.received:
            raise ConflictError(
                N_("The server holds {received} bytes of this file, not {offset}."),
                received=row.received,
                offset=offset,
            )
        if row.received + len(data) > row.size:
            raise ValidationError(N_("More bytes than announced were sent."), field="body")
        if data:
            connection.execute(t.blob_chunks.insert().values(sha256=sha256, offset=offset, data=data))
        received = row.received + len(data)
        complete = False
        if received == row.size:
            digest = hashlib.sha256()
            for (chunk,) in connection.execute(
                select(t.blob_chunks.c.data).where(t.blob_chunks.c.sha256 == sha256).order_by(t.blob_chunks.c.offset)
            ):
                digest.update(chunk)
            if digest.hexdigest() != sha256:
                connection.execute(delete(t.blob_chunks).where(t.blob_chunks.c.sha256 == sha256))
                connection.execute(update(t.blobs).where(t.blobs.c.sha256 == sha256).values(received=0))
                return BlobStatus(sha256=sha256, size=row.size, received=0, complete=False)
            complete = True
        connection.execute(
            update(t.blobs).where(t.blobs.c.sha256 == sha256).values(received=received, complete=complete)
        )
        return BlobStatus(sha256=sha256, size=row.size, received=received, complete=complete)

    return db.run_write(work)


@dataclass(frozen=True)
class BlobBytes:
    size: int
    start: int
    end: int  # exclusive
    chunks: Iterator[bytes]


def read(db: ServerDatabase, principal: Principal, sha256: str, start: int, end: int | None) -> BlobBytes:
    """The bytes of a complete file a record in the user's scopes refers to (or they uploaded)."""
    _check_sha(sha256)
    with db.read() as connection:
        row = connection.execute(select(t.blobs).where(t.blobs.c.sha256 == sha256)).first()
        if row is None or not row.complete:
            raise NotFoundError(N_("No file {sha256} on the server."), sha256=sha256)
        if row.uploaded_by != principal.user_id:
            keys = allowed_keys(connection, principal)
            visible = connection.execute(
                select(func.count())
                .select_from(
                    t.blob_refs.join(
                        t.record_keys,
                        (t.record_keys.c.entity == t.blob_refs.c.entity) & (t.record_keys.c.id == t.blob_refs.c.id),
                    )
                )
                .where(t.blob_refs.c.sha256 == sha256, t.record_keys.c.key.in_(keys))
            ).scalar_one()
            if not visible:
                raise ForbiddenError(N_("This file is outside your scopes."))
        size = int(row.size)
    stop = size if end is None else min(end + 1, size)
    if start < 0 or start > size or stop < start:
        raise ValidationError(N_("The requested byte range is outside the file."), field="range")

    def chunks() -> Iterator[bytes]:
        with db.read() as connection:
            rows = connection.execute(
                select(t.blob_chunks.c.offset, t.blob_chunks.c.data)
                .where(t.blob_chunks.c.sha256 == sha256)
                .order_by(t.blob_chunks.c.offset)
            ).all()
        for offset, data in rows:
            chunk = bytes(data)
            lo, hi = max(start, offset), min(stop, offset + len(chunk))
            if lo < hi:
                yield chunk[lo - offset : hi - offset]

    return BlobBytes(size, start, stop, chunks())
