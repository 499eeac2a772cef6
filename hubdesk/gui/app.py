"""Starts the window: the Qt application, fonts, language, the workspace, and `--self-test`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hubdesk.kernel.paths import APP_AUTHOR, APP_NAME, default_data_dir, resources_dir

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hubdesk", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--lang")
    parser.add_argument("--self-test", action="store_true")
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def register_fonts() -> None:
    """Ship-with fonts (DejaVu) so text never draws as empty boxes on a machine without fonts."""
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    folder = resources_dir() / "fonts"
    families: set[str] = set()
    for path in sorted(folder.glob("*.ttf")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    system_families = set(QFontDatabase.families()) - families
    if families and not system_families:
        QGuiApplication.setFont(QFont(sorted(families)[0]))


def create_application(argv: Sequence[str] = ()) -> object:
    """The QApplication (made once), with organisation names for QSettings and high-DPI rounding."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "hubdesk", *argv])
    app.setOrganizationName(APP_AUTHOR)
    app.setOrganizationDomain("hub.brussels")
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    register_fonts()
    return app


def choose_data_dir(args: argparse.Namespace) -> Path:
    """--data-dir, else $HUBDESK_DATA_DIR, else the folder chosen in the settings dialog, else the default."""
    from PySide6.QtCore import QSettings

    if args.data_dir:
        return Path(args.data_dir).expanduser()
    if os.environ.get("HUBDESK_DATA_DIR"):
        return default_data_dir()
    chosen = QSettings().value("workspace/data_dir")
    if chosen:
        return Path(str(chosen)).expanduser()
    return default_data_dir()


def open_window(data_dir: Path, language: str | None = None) -> object:
    """Open the workspace and its main window (shown); the language comes from --lang or the workspace."""
    from hubdesk.gui.i18n import apply_language
    from hubdesk.gui.main_window import MainWindow
    from hubdesk.services.workspace import Workspace

    ws = Workspace.open(data_dir)
    apply_language(language or ws.settings.language)
    window = MainWindow(ws)
    window.workspace_switch_requested.connect(lambda folder: _switch(window, folder))
    window.show()
    return window


_windows: list[object] = []


def _switch(window: object, folder: Path) -> None:
    from PySide6.QtCore import QTimer

    def reopen() -> None:
        window.close()  # type: ignore[attr-defined]
        try:
            _windows.append(open_window(folder))
        except Exception as error:  # shown, and the old window stays closed only if the new one opened
            from hubdesk.gui.errors import show_error

            show_error(None, error, "Opening the data folder")
            _windows.append(open_window(window.ws.data_dir))  # type: ignore[attr-defined]

    QTimer.singleShot(0, reopen)


def run(argv: Sequence[str]) -> int:
    """The `hubdesk` window (or `hubdesk --self-test`); returns the exit status."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application()
    if args.self_test:
        from hubdesk.gui.selftest import run_self_test

        if args.data_dir:
            return run_self_test(app, Path(args.data_dir).expanduser(), demo=False)
        with tempfile.TemporaryDirectory(prefix="hubdesk-selftest-") as folder:
            return run_self_test(app, Path(folder), demo=True)
    from hubdesk.gui.errors import explain

    try:
        _windows.append(open_window(choose_data_dir(args), args.lang))
    except Exception as error:
        from PySide6.QtWidgets import QMessageBox

        explanation = explain(error)
        QMessageBox.critical(None, APP_NAME, f"{explanation.message}\n\n{explanation.next_step}")
        return 1
    return int(app.exec())  # type: ignore[attr-defined]
