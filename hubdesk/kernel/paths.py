"""Where things live: the shipped resources folder and the user's workspace folder."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "HubDesk"
APP_AUTHOR = "hub.brussels"
DATA_DIR_ENV = "HUBDESK_DATA_DIR"
RESOURCES_ENV = "HUBDESK_RESOURCES"


@cache
def resources_dir() -> Path:
    """The `resources/` folder: in the PyInstaller bundle, the installed wheel or the source tree."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = []
    if bundle:
        candidates.append(Path(bundle) / "resources")
    package_root = Path(__file__).resolve().parent.parent
    candidates.append(package_root / "_resources")  # installed wheel (copied in at build)
    candidates.append(package_root.parent / "resources")  # source tree or editable install
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"HubDesk resources not found in {', '.join(map(str, candidates))}")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    """`$HUBDESK_DATA_DIR`, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def default_config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, APP_AUTHOR)
