"""Helpers of the GUI tests: typing accented text, opening and closing the main window on a workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.gui.i18n import apply_language
from hubdesk.gui.main_window import MainWindow
from hubdesk.services.workspace import Workspace


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key with the character in each key event.

    `qtbot.keyClicks` maps characters to key codes and aborts the process on é, ĳ or €;
    a key event carrying the text is what a keyboard with a compose key or an input
    method delivers, and every text widget accepts it.
    """
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def open_window(qtbot: QtBot, data_dir: Path, state: Path) -> MainWindow:
    apply_language("en")
    remembered = state.exists()
    window = MainWindow(Workspace.open(data_dir), QSettings(str(state), QSettings.Format.IniFormat))
    if not remembered:
        window.resize(1280, 800)
    window.show()
    model = window.case_model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.row_at(0) is not None and model.total is not None)
    return window


def close_window(window: MainWindow) -> None:
    if window._enterprise_view is not None:
        window._enterprise_view.revert()
    window.close()
