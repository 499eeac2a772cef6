"""Progress and cancel for long operations: a throttled reporter and a cancel token."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hubdesk.kernel.errors import Interrupted
from hubdesk.kernel.i18n import N_


class CancelToken:
    """Set from any thread; the running operation notices at its next progress report."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class Progress:
    done: int
    total: int | None
    message: str = ""

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressSink = Callable[[Progress], None]


class Reporter:
    """Passes progress to a sink at most every `interval` seconds and raises when cancelled."""

    def __init__(
        self,
        sink: ProgressSink | None = None,
        cancel: CancelToken | None = None,
        interval: float = 0.1,
    ) -> None:
        self._sink = sink
        self._cancel = cancel or CancelToken()
        self._interval = interval
        self._last = 0.0

    @property
    def cancel_token(self) -> CancelToken:
        return self._cancel

    def check(self) -> None:
        if self._cancel.cancelled:
            raise Interrupted(N_("The operation was cancelled."))

    def report(self, done: int, total: int | None = None, message: str = "", force: bool = False) -> None:
        self.check()
        if self._sink is None:
            return
        now = time.monotonic()
        if force or now - self._last >= self._interval or (total is not None and done >= total):
            self._last = now
            self._sink(Progress(done, total, message))


NULL_REPORTER = Reporter()
