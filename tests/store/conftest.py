"""Store test fixture: a fresh workspace database file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hubdesk.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "hubdesk.sqlite")
    yield opened
    opened.close()
