"""Test setup shared by the whole suite: offscreen Qt, isolated folders, PostgreSQL access."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUBDESK_LANG", "en")

POSTGRES_URL = os.environ.get("HUBDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the real user's data folder or language."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HUBDESK_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    from hubdesk.kernel.i18n import set_language

    set_language("en")
    yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "workspace"
    path.mkdir()
    return path
