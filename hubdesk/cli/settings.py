"""The message language of a command line run when `--lang` is not given."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from hubdesk.kernel.i18n import DEFAULT_LANGUAGE
from hubdesk.kernel.paths import default_data_dir

SETTINGS_FILE = "settings.json"


def data_dir_from_argv(argv: Sequence[str]) -> Path:
    for index, arg in enumerate(argv):
        if arg == "--data-dir" and index + 1 < len(argv):
            return Path(argv[index + 1]).expanduser()
        if arg.startswith("--data-dir="):
            return Path(arg.split("=", 1)[1]).expanduser()
    return default_data_dir()


def language_from_workspace(argv: Sequence[str]) -> str:
    """The workspace's `language` setting, else $HUBDESK_LANG, else English."""
    path = data_dir_from_argv(argv) / SETTINGS_FILE
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        value = None
    return str(value or os.environ.get("HUBDESK_LANG") or DEFAULT_LANGUAGE)
