"""GUI test helpers: a demo workspace copied per test, the main window on it, typing accented text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from guitools import close_window, open_window
from pytestqt.qtbot import QtBot

from hubdesk.gui.i18n import apply_language
from hubdesk.gui.main_window import MainWindow
from hubdesk.services.demo_build import build_demo


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "workspace"
    build_demo(folder, 60, 150)
    return folder


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo-workspace"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def window(qtbot: QtBot, demo_dir: Path, tmp_path: Path) -> Iterator[MainWindow]:
    main = open_window(qtbot, demo_dir, tmp_path / "window-state.ini")
    yield main
    close_window(main)
    apply_language("en")
