"""The local workspace database: open and migrate it, read it, and write it through one unit of work.

`Store.open(path)` creates or migrates the file (StorageError if it cannot);
`store.read()` gives a `Reader` on one snapshot; `store.unit_of_work()` gives the one
write API (a transaction committed on exit, rolled back on error); write listeners
(`store.add_write_listener(fn)`, called as `fn(session, [RecordChange])`) run inside
each write transaction just before it commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from hubdesk.kernel.errors import ConflictError
from hubdesk.kernel.i18n import N_
from hubdesk.store.attachments import AttachmentFolder
from hubdesk.store.bulk import BulkLoader
from hubdesk.store.database import prepare, storage_error
from hubdesk.store.dto import CaseFilter, CaseRow, EnterpriseRow, Page, RecordChange, SearchHit
from hubdesk.store.reader import Reader
from hubdesk.store.unit_of_work import UnitOfWork, WriteListener, utc_now

__all__ = [
    "CaseFilter",
    "CaseRow",
    "EnterpriseRow",
    "Page",
    "Reader",
    "RecordChange",
    "SearchHit",
    "Store",
    "UnitOfWork",
    "WriteListener",
]


class Store:
    """One workspace database file. Safe to share between threads: each read or write takes
    its own pooled connection; writes are serialised by SQLite's write lock (BEGIN IMMEDIATE,
    5 s busy timeout), readers see a snapshot and are never blocked (WAL)."""

    def __init__(self, path: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = path
        self._engine = prepare(path)
        self._listeners: list[WriteListener] = []
        self._clock = clock
        self.attachments = AttachmentFolder(path.parent / "attachments")

    @classmethod
    def open(cls, path: Path, *, clock: Callable[[], datetime] = utc_now) -> Store:
        """Open (creating or migrating) the workspace database at `path`."""
        return cls(Path(path), clock)

    @property
    def attachments_dir(self) -> Path:
        return self.attachments.root

    def close(self) -> None:
        """Refresh the planner's statistics where they are stale (cheap, bounded), then close."""
        try:
            with self._engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA analysis_limit = 400")
                connection.exec_driver_sql("PRAGMA optimize")
        except DBAPIError:
            pass  # a damaged or vanished file: closing must still work
        finally:
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- listeners -----------------------------------------------------------------------

    def add_write_listener(self, listener: WriteListener) -> None:
        """Call `listener(session, records)` in every unit of work that wrote records, inside its
        transaction, just before commit; an exception there rolls the write back."""
        self._listeners.append(listener)

    def remove_write_listener(self, listener: WriteListener) -> None:
        self._listeners.remove(listener)

    # -- reading and writing -------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Reader]:
        """A reader on one snapshot (WAL: never blocked by a writer, never sees half a write)."""
        try:
            with self._engine.connect() as connection, connection.begin():
                yield Reader(connection)
        except DBAPIError as error:
            raise storage_error(self.path, error) from error

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        try:
            with self._engine.connect() as connection:
                connection.execution_options(immediate=True)
                with connection.begin(), Session(bind=connection) as session:
                    uow = UnitOfWork(session, self._clock)
                    yield uow
                    if uow.records:
                        for listener in list(self._listeners):
                            listener(session, list(uow.records))
                    session.flush()  # anything a listener added through the ORM
        except IntegrityError as error:  # a unique key or a link the data breaks: nothing was written
            raise ConflictError(
                N_("This change clashes with the records already in the workspace ({reason})."),
                reason=str(error.orig),
            ) from error
        except DBAPIError as error:
            raise storage_error(self.path, error, writing=True) from error

    def bulk_loader(self) -> BulkLoader:
        """A fast loader for many records at once (one transaction; see `hubdesk.store.bulk`)."""
        return BulkLoader(self._engine, self._clock())

    # -- attachments ---------------------------------------------------------------------

    def save_attachment_bytes(self, source: bytes | Path) -> str:
        """Store bytes (or a file's bytes) once under their SHA-256; returns the SHA-256."""
        return self.attachments.put(source)

    def attachment_path(self, sha256: str) -> Path:
        return self.attachments.path_of(sha256)
