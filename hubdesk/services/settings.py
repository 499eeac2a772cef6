"""The workspace's own settings (language, server, sync interval, device id) in a JSON file.

Readable without Qt by every face; written atomically so a crash never leaves half a file.
Secrets never go here: the server credential lives in the OS keyring.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from hubdesk.kernel.i18n import DEFAULT_LANGUAGE, LANGUAGES
from hubdesk.kernel.ids import new_id

SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Settings:
    device_id: str
    language: str = DEFAULT_LANGUAGE
    server_url: str = ""
    user: str = ""
    sync_interval_minutes: int = 15
    advisor_name: str = ""
    advisor_email: str = ""
    advisor_phone: str = ""

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def load_settings(data_dir: Path) -> Settings:
    """The settings of a workspace; a missing or unreadable file gives defaults and a new device id."""
    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    values.setdefault("device_id", new_id())
    if values.get("language") not in LANGUAGES:
        values.pop("language", None)
    try:
        values["sync_interval_minutes"] = max(1, int(values.get("sync_interval_minutes", 15)))
    except (TypeError, ValueError):
        values.pop("sync_interval_minutes")
    return Settings(**values)


def save_settings(data_dir: Path, settings: Settings) -> None:
    path = data_dir / SETTINGS_FILE
    temporary = path.with_suffix(".json.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(asdict(settings), handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
