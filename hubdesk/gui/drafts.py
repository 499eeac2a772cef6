"""A keystroke journal for form answers: what was typed survives a killed process until the draft reaches the database.

The case view saves drafts to the database a moment after typing stops; between a
keystroke and that save, the answers live here, one small JSON file per form, replaced
atomically on every change (no fsync: a killed process loses nothing the kernel has,
and a power cut can lose at most the last moments). When the database save of the same
answers succeeds, the file is removed; a file left over is restored on the next opening.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FOLDER = "drafts"


@dataclass(frozen=True)
class JournalEntry:
    answers_id: str
    case_id: str
    form_id: str
    answers: dict[str, Any]


class DraftJournal:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / FOLDER

    def _path(self, answers_id: str) -> Path:
        safe = "".join(c for c in answers_id if c.isalnum() or c in "-_")
        return self.folder / f"{safe}.json"

    def write(self, entry: JournalEntry) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(entry.answers_id)
        temporary = path.with_suffix(".tmp")
        payload = {
            "answers_id": entry.answers_id,
            "case_id": entry.case_id,
            "form_id": entry.form_id,
            "answers": entry.answers,
        }
        temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)

    def read(self, answers_id: str) -> JournalEntry | None:
        try:
            raw = json.loads(self._path(answers_id).read_text(encoding="utf-8"))
            return JournalEntry(raw["answers_id"], raw["case_id"], raw["form_id"], dict(raw["answers"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def discard(self, answers_id: str, answers: dict[str, Any] | None = None) -> None:
        """Forget the entry, but only if it still holds `answers` (newer typing keeps it)."""
        entry = self.read(answers_id)
        if entry is None:
            return
        if answers is not None and entry.answers != answers:
            return
        self._path(answers_id).unlink(missing_ok=True)
