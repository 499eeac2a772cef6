"""`hubdesk --self-test`: open the window offscreen on a demo workspace, go through the main screens, exit 0 or 1.

Used by the bundle's smoke test to prove that Qt, its plugins, the fonts, the forms,
the dossier builder and the database all work in the shipped program.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

TIMEOUT_S = 30.0


class SelfTestFailed(Exception):
    pass


def wait_until(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    """Run the event loop until `condition()` holds; raise SelfTestFailed after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: (condition() or time.monotonic() > deadline) and loop.quit())
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise SelfTestFailed(f"timed out waiting for {what}")


def run_self_test(app: Any, folder: Path, demo: bool = True) -> int:
    from hubdesk.gui.i18n import apply_language
    from hubdesk.gui.main_window import PAGE_ENTERPRISES, PAGE_SYNC, PAGE_TASKS, MainWindow
    from hubdesk.services.demo_build import build_demo
    from hubdesk.services.workspace import Workspace

    started = time.monotonic()

    def step(name: str) -> None:
        print(f"self-test: {name} ok ({time.monotonic() - started:.2f} s)", flush=True)

    window: MainWindow | None = None
    try:
        if demo:
            build_demo(folder, 40, 80)
            step("demo workspace")
        ws = Workspace.open(folder)
        apply_language("en")
        state = Path(tempfile.gettempdir()) / f"hubdesk-selftest-{os.getpid()}.ini"  # never the user's settings
        window = MainWindow(ws, QSettings(str(state), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        model = window.case_model
        wait_until(lambda: model.rowCount() > 0 and model.row_at(0) is not None, "the case list")
        step(f"case list ({model.rowCount()} rows)")
        first = model.row_at(0)
        assert first is not None
        word = first.enterprise_name.split()[0]
        window.ui.caseSearch.setText(word)
        wait_until(lambda: model.case_filter.text == word and model.loaded_generation == model.generation, "search")
        step(f"search “{word}” ({model.rowCount()} rows)")
        window.ui.caseTable.selectRow(0)
        wait_until(lambda: window.case_view.bundle is not None, "the case view")
        step(f"case {window.case_view.reference}")
        view = window.case_view
        wait_until(lambda: view.ui.newFormCombo.count() > 0, "the form definitions")
        view.ui.newFormCombo.setCurrentIndex(view.ui.newFormCombo.findData("terrace"))
        view.start_form()
        wait_until(lambda: view.form_view is not None, "a form")
        step("form rendered")
        form = view.form_view
        assert form is not None
        first_text = next(row for _box, panel, _s in form.sections for row in panel.rows if hasattr(row.editor, "edit"))
        first_text.editor.edit.setText("Café Amélie — test")  # type: ignore[attr-defined]
        view.save_draft_now()
        saved: list[str] = []
        view.draft_saved.connect(saved.append)
        wait_until(lambda: bool(saved) or not view.has_unsaved_draft, "the draft to be saved")
        step("draft saved")
        dossier = window.open_dossier()
        assert dossier is not None
        ready: list[str] = []
        dossier.ready.connect(ready.append)
        wait_until(lambda: bool(ready), "the dossier preview", timeout=60)
        wait_until(lambda: dossier.document.pageCount() > 0, "the PDF to load")
        step(f"dossier ({dossier.document.pageCount()} pages)")
        dossier.close()
        window.go_to(PAGE_ENTERPRISES)
        wait_until(lambda: window.enterprise_model.rowCount() > 0, "the enterprise list")
        window.ui.enterpriseTable.selectRow(0)
        wait_until(lambda: window.enterprise_view.enterprise is not None, "the enterprise view")
        step(f"enterprise {window.enterprise_view.enterprise.name}")  # type: ignore[union-attr]
        window.go_to(PAGE_TASKS)
        window.go_to(PAGE_SYNC)
        settings = window.open_settings()
        settings.reject()
        step("settings")
        english = window.ui.navigation.item(0).text()  # type: ignore[union-attr]
        window.set_language("fr")
        wait_until(lambda: window.ui.navigation.item(0).text() != english, "the French labels")  # type: ignore[union-attr]
        step(f"language fr ({window.ui.navigation.item(0).text()})")  # type: ignore[union-attr]
        window.set_language("en")
        window.close()
        step("closed")
        return 0
    except Exception as error:  # reported, with the status the bundle smoke test checks
        print(f"self-test FAILED: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        if window is not None:
            window.close()
        return 1
    finally:
        QApplication.processEvents()
