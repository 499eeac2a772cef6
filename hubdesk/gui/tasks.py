"""Background work for the window: one lane that writes the database, a small pool for reads and network.

Work runs off the GUI thread; its result or its error comes back on the main thread
through a queued signal, so callbacks may touch widgets. An error is never swallowed:
without an `on_error` callback it is shown in plain words (see `errors.py`), and it is
always emitted on `failed` and logged. Work a person waits for (`label=`) gets a busy
cursor and a progress dialog, but only when it lasts longer than `BUSY_DELAY_MS`, so
quick work never flickers a dialog. Each task runs in a copy of the caller's context,
so its messages are in the language of the window.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from hubdesk.kernel.jobs import CancelToken, Progress, Reporter

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 600
READ_WORKERS = 3

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


@dataclass(frozen=True)
class _Outcome:
    handle: TaskHandle
    result: Any = None
    error: BaseException | None = None


@dataclass
class TaskHandle:
    """One submitted piece of work: cancel it, or ask whether it is still running."""

    id: int
    label: str
    lane: str
    cancel_token: CancelToken
    future: Future[Any] | None = None
    on_done: Callback | None = None
    on_error: ErrorCallback | None = None
    on_progress: Callable[[Progress], None] | None = None
    cancellable: bool = False
    finished: bool = False
    result: Any = None
    error: BaseException | None = None
    busy_timer: QTimer | None = field(default=None, repr=False)
    dialog: QProgressDialog | None = field(default=None, repr=False)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @property
    def running(self) -> bool:
        return not self.finished


class TaskRunner(QObject):
    """Runs callables on the database lane (`write`) or the read pool (`read`)."""

    # Emitted on the main thread once a task's own callback has run.
    succeeded = Signal(object)  # TaskHandle, its `result` set
    failed = Signal(object)  # TaskHandle, its `error` set
    busy_changed = Signal(bool)  # True while some waited-for work is longer than BUSY_DELAY_MS
    writes_idle = Signal()  # the database lane has nothing left to do

    # Internal, crossing threads. One object per emit: PySide miscounts references of None
    # passed as a separate queued argument, which crashes the interpreter at exit.
    _finished = Signal(object)  # _Outcome
    _progress = Signal(object)  # _Outcome with the Progress as result

    def __init__(
        self,
        dialog_parent: QWidget | None = None,
        error_presenter: Callable[[BaseException, str], None] | None = None,
    ) -> None:
        super().__init__()
        self._db_lane = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hubdesk-db")
        self._pool = ThreadPoolExecutor(max_workers=READ_WORKERS, thread_name_prefix="hubdesk-read")
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._pending_writes = 0
        self._busy: set[int] = set()
        self._tasks: dict[int, TaskHandle] = {}
        self.dialog_parent = dialog_parent
        self.error_presenter = error_presenter
        self._closed = False
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    # -- submitting ------------------------------------------------------------------

    def write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> TaskHandle:
        """Run `fn(*args, **kwargs)` on the single database-writing lane (one at a time, in order).

        The keywords of `_submit` (on_done, on_error, on_progress, label, cancellable,
        with_reporter) are the runner's; every other keyword goes to `fn`.
        """
        return self._submit("write", fn, args, **kwargs)

    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> TaskHandle:
        """Run `fn(*args, **kwargs)` on the read/network pool (several at once); keywords as for `write`."""
        return self._submit("read", fn, args, **kwargs)

    def _submit(
        self,
        lane: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        *,
        on_done: Callback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        label: str = "",
        cancellable: bool = False,
        with_reporter: bool = False,
        **fn_kwargs: Any,
    ) -> TaskHandle:
        handle = TaskHandle(
            id=next(self._ids),
            label=label,
            lane=lane,
            cancel_token=CancelToken(),
            on_done=on_done,
            on_error=on_error,
            on_progress=on_progress,
            cancellable=cancellable,
        )
        if self._closed:  # the window is closing: late work (a timer, a click) is dropped, not crashed on
            log.warning("task %r submitted after shutdown was dropped", label or getattr(fn, "__name__", fn))
            handle.finished = True
            return handle
        kwargs: dict[str, Any] = dict(fn_kwargs)
        if with_reporter:
            kwargs["reporter"] = Reporter(
                sink=lambda progress: self._progress.emit(_Outcome(handle, progress)), cancel=handle.cancel_token
            )
        context = contextvars.copy_context()

        def job() -> None:
            try:
                result = context.run(fn, *args, **kwargs)
            except BaseException as error:  # handed to the main thread, never lost
                self._finished.emit(_Outcome(handle, error=error))
            else:
                self._finished.emit(_Outcome(handle, result))

        self._tasks[handle.id] = handle
        if lane == "write":
            with self._lock:
                self._pending_writes += 1
        if label:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._show_busy(handle))
            timer.start(BUSY_DELAY_MS)
            handle.busy_timer = timer
        executor = self._db_lane if lane == "write" else self._pool
        handle.future = executor.submit(job)
        return handle

    # -- completion (main thread) ----------------------------------------------------

    @Slot(object)
    def _on_finished(self, outcome: _Outcome) -> None:
        handle, result, error = outcome.handle, outcome.result, outcome.error
        handle.finished = True
        handle.result, handle.error = result, error
        self._tasks.pop(handle.id, None)
        self._end_busy(handle)
        if handle.lane == "write":
            with self._lock:
                self._pending_writes -= 1
                idle = self._pending_writes == 0
        else:
            idle = False
        try:
            if error is None:
                if handle.on_done is not None:
                    handle.on_done(result)
                self.succeeded.emit(handle)
            else:
                self._report(handle, error)
        finally:
            if idle:
                self.writes_idle.emit()

    def _report(self, handle: TaskHandle, error: BaseException) -> None:
        from hubdesk.kernel.errors import HubDeskError

        if not isinstance(error, HubDeskError):
            log.error("background task %r failed", handle.label or handle.id, exc_info=error)
        try:
            if handle.on_error is not None:
                handle.on_error(error)
            elif self.error_presenter is not None:
                self.error_presenter(error, handle.label)
        finally:
            self.failed.emit(handle)

    @Slot(object)
    def _on_progress(self, outcome: _Outcome) -> None:
        handle, progress = outcome.handle, outcome.result
        if handle.finished:
            return
        if handle.on_progress is not None:
            handle.on_progress(progress)
        dialog = handle.dialog
        if dialog is not None:
            if progress.total:
                dialog.setMaximum(progress.total)
                dialog.setValue(min(progress.done, progress.total))
            if progress.message:
                dialog.setLabelText(f"{handle.label}\n{progress.message}")

    # -- busy feedback ---------------------------------------------------------------

    def _show_busy(self, handle: TaskHandle) -> None:
        if handle.finished or self._closed:
            return
        if not self._busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self.busy_changed.emit(True)
        self._busy.add(handle.id)
        from hubdesk.kernel.i18n import _

        dialog = QProgressDialog(handle.label, _("Cancel") if handle.cancellable else "", 0, 0, self.dialog_parent)
        dialog.setWindowTitle("HubDesk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not handle.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(handle.cancel)
        dialog.show()
        handle.dialog = dialog

    def _end_busy(self, handle: TaskHandle) -> None:
        if handle.busy_timer is not None:
            handle.busy_timer.stop()
            handle.busy_timer.deleteLater()
            handle.busy_timer = None
        if handle.dialog is not None:
            handle.dialog.canceled.disconnect(handle.cancel)
            handle.dialog.close()
            handle.dialog.deleteLater()
            handle.dialog = None
        if handle.id in self._busy:
            self._busy.discard(handle.id)
            if not self._busy:
                QGuiApplication.restoreOverrideCursor()
                self.busy_changed.emit(False)

    # -- state and shutdown ----------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._busy)

    @property
    def pending_writes(self) -> int:
        with self._lock:
            return self._pending_writes

    def running(self) -> list[TaskHandle]:
        return list(self._tasks.values())

    def wait_for_writes(self, timeout: float = 30.0) -> bool:
        """Block until the database lane has run everything submitted so far (used on close)."""
        marker = self._db_lane.submit(lambda: None)
        try:
            marker.result(timeout)
        except TimeoutError:
            return False
        return True

    def shutdown(self, timeout: float = 30.0) -> None:
        """Cancel what can be cancelled, let pending writes finish, and stop the workers."""
        if self._closed:
            return
        for handle in list(self._tasks.values()):
            if handle.lane == "read":
                handle.cancel()
        self.wait_for_writes(timeout)
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._db_lane.shutdown(wait=True)
        for handle in list(self._tasks.values()):
            self._end_busy(handle)
