"""A text progress bar on standard error for long commands (demo, sync, dossier batch)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from hubdesk.kernel.jobs import Progress


class ProgressBar:
    """Draws `label [#####     ] 42 % (420/1000)` in place; quiet when stderr is not a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.interactive = self.stream.isatty()
        self._last_line = ""

    def __call__(self, progress: Progress) -> None:
        done, total = progress.done, progress.total
        fraction = done / total if total else 0.0
        filled = int(self.width * fraction)
        line = f"{self.label} [{'#' * filled}{' ' * (self.width - filled)}] {fraction:4.0%} ({done}/{total})"
        if self.interactive:
            self.stream.write("\r" + line)
        elif line != self._last_line and (fraction >= 1 or int(fraction * 10) != int(self._fraction() * 10)):
            self.stream.write(line + "\n")
        self._last_line = line
        self.stream.flush()

    def _fraction(self) -> float:
        try:
            done, total = self._last_line.rsplit("(", 1)[1].rstrip(")").split("/")
            return int(done) / int(total) if int(total) else 0.0
        except (IndexError, ValueError):
            return -1.0

    def finish(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()
