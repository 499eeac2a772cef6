"""Screenshots of the main screens at 1280×800 on a demo workspace: ui/screenshots/*.png (shown in the README).

    xvfb-run -a .venv/bin/python tests/benchmarks/screenshots.py [--out ui/screenshots]

Under Xvfb it draws with the xcb platform, as on a desktop; without a display it falls
back to the offscreen platform. The fonts are the system's (DejaVu on Debian).

The case list and case form in French, the enterprise in Dutch, the dossier preview in
French, and a real conflict (two workspaces and the server app in process) in English.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[2]
SIZE = (1280, 800)


def wait(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: (condition() or time.monotonic() > deadline) and loop.quit())
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError(f"waiting for {what}")


def settle(ms: int = 300) -> None:
    """Let queued work and repaints run (animations, the PDF renderer)."""
    end = time.monotonic() + ms / 1000
    wait(lambda: time.monotonic() >= end, "a pause", timeout=ms / 1000 + 5)


def ink(image: QImage) -> float:
    """Share of non-white pixels in the middle of an image (the PDF page drawn or not)."""
    width, height = image.width(), image.height()
    samples = dark = 0
    for x in range(width // 4, 3 * width // 4, 7):
        for y in range(height // 6, 5 * height // 6, 7):
            samples += 1
            if image.pixelColor(x, y).lightness() < 200:
                dark += 1
    return dark / max(samples, 1)


def save(widget: QWidget, path: Path) -> None:
    widget.repaint()
    settle(150)
    image = widget.grab().toImage()
    image.save(str(path))
    print(f"wrote {path} ({image.width()}×{image.height()})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "ui" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from hubdesk.gui.app import create_application
    from hubdesk.gui.form_view import GroupEditor
    from hubdesk.gui.i18n import apply_language
    from hubdesk.gui.main_window import PAGE_ENTERPRISES, MainWindow
    from hubdesk.services import browse
    from hubdesk.services.demo_build import build_demo
    from hubdesk.services.workspace import Workspace

    create_application()
    work = Path(tempfile.mkdtemp(prefix="hubdesk-screens-"))
    build_demo(work / "ws", 400, 900)
    with Workspace.open(work / "ws") as ws:
        ws.update_settings(ws.settings.with_changes(user="a.dubois", advisor_name="Amélie Dubois"))
    apply_language("fr")
    window = MainWindow(Workspace.open(work / "ws"), QSettings(str(work / "state.ini"), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.show()
    model = window.case_model
    wait(lambda: model.total is not None and model.row_at(0) is not None, "the case list")

    # 1. The case list, searched, with a case open.
    window.ui.caseSearch.setText("boulangerie")
    wait(lambda: model.loaded_generation == model.generation and model.row_at(0) is not None, "the search")
    wait(lambda: model.total is not None, "the count")
    window.ui.caseTable.selectRow(1)
    wait(lambda: window.case_view.bundle is not None, "the case")
    settle()
    save(window, out / "case-list.png")

    # 2. A case with a form being filled in (environmental permit) and what it means.
    view = window.case_view
    wait(lambda: view.ui.newFormCombo.findData("env_permit") >= 0, "the forms")
    view.ui.newFormCombo.setCurrentIndex(view.ui.newFormCombo.findData("env_permit"))
    view.start_form()
    wait(lambda: view.form_view is not None and view.form_view.definition.form_id == "env_permit", "the form")
    form = view.form_view
    assert form is not None
    form.editor("premises").edit.setText("1050")  # type: ignore[attr-defined]
    installations = form.editor("installations")
    assert isinstance(installations, GroupEditor)
    for activity_class, description, power in (("2", "Four à pain électrique", "18"), ("3", "Chambre froide", "6")):
        installations.add_button.click()
        line = installations.rows[-1]
        combo = line.row("class").editor.combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData(activity_class))
        line.row("description").editor.edit.setText(description)  # type: ignore[attr-defined]
        line.row("power_kw").editor.edit.setText(power)  # type: ignore[attr-defined]
    form.editor("file_complete_on").edit.setText("2026-12-01")  # type: ignore[attr-defined]
    wait(lambda: "Permis" in view.ui.outcomeView.toPlainText(), "the outcome", timeout=10)
    wait(lambda: not view.has_unsaved_draft, "the draft")
    view.ui.formArea.verticalScrollBar().setValue(0)
    save(window, out / "case-form.png")

    # 3. The dossier preview.
    dialog = window.open_dossier()
    assert dialog is not None
    dialog.resize(980, 880)
    wait(lambda: dialog.pdf_path is not None, "the dossier", timeout=60)
    wait(lambda: ink(dialog.ui.pdfView.grab().toImage()) > 0.02, "the PDF to be drawn", timeout=20)
    save(dialog, out / "dossier-preview.png")
    dialog.close()

    # 4. An enterprise, in Dutch, with a shared postal code waiting for its commune.
    window.set_language("nl")
    window.go_to(PAGE_ENTERPRISES)
    first = browse.enterprise_page(window.ws, "bakkerij", limit=1).items[0]
    window.ui.enterpriseSearch.setText("bakkerij")
    window.show_enterprise(first.id)
    wait(lambda: window.enterprise_view.enterprise is not None, "the enterprise")
    window.enterprise_view.ui.postalCodeEdit.setText("1050")
    window.enterprise_view.ui.ibanEdit.setText("BE68 5390 0754 7035")
    settle()
    save(window, out / "enterprise.png")
    window.enterprise_view.revert()
    window.set_language("en")

    # 5. A real conflict from the server in process, and its dialog (English).
    conflict_dialog, stop_server = make_conflict(window, work, wait)
    save(conflict_dialog, out / "conflict-dialog.png")
    conflict_dialog.reject()
    window.close()
    stop_server()  # left to the garbage collector at exit, the server's event loop thread deadlocks


def make_conflict(window: object, work: Path, waiter: Callable[..., None]) -> tuple[QWidget, Callable[[], None]]:
    """Two advisors change the same enterprise name offline; the window's sync finds the conflict.

    Returns the dialog and what stops the server in process.
    """
    sys.path.insert(0, str(ROOT / "tests"))
    import httpx
    import keyring
    from syncsupport import PASSWORD, MemoryKeyring, Server, add_user, server_database

    from hubdesk.gui.main_window import PAGE_CONFLICTS, MainWindow
    from hubdesk.services import records
    from hubdesk.services import sync as sync_service
    from hubdesk.services.workspace import Workspace

    assert isinstance(window, MainWindow)
    keyring.set_keyring(MemoryKeyring())
    context = server_database("sqlite", work)
    db = context.__enter__()
    add_user(db, "amelie", "advisor", ["commune:21004"])
    add_user(db, "bram", "advisor", ["commune:21004"])
    server = Server.start(db)

    class Shared(httpx.BaseTransport):
        """The in-process server, left open when one sync's client closes."""

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            return server.transport.handle_request(request)

    def http(_url: str) -> httpx.Client:
        return server.client(Shared())

    url = "http://hubdesk.test"
    mine = Workspace.open(work / "amelie")
    credentials = sync_service.Credentials()
    sync_service.login(mine, url, "amelie", PASSWORD, credentials, http=http)
    records.add_enterprise(mine, {"number": "0403.019.261", "name": "Café Nouveau", "postal_code": "1000"})
    sync_service.sync(mine, credentials, http=http)
    theirs = Workspace.open(work / "bram")
    their_credentials = sync_service.Credentials()
    sync_service.login(theirs, url, "bram", PASSWORD, their_credentials, http=http)
    sync_service.sync(theirs, their_credentials, http=http)
    records.update_enterprise(theirs, "0403019261", {"name": "Café Nouveau — Brasserie du Sablon"})
    sync_service.sync(theirs, their_credentials, http=http)
    records.update_enterprise(mine, "0403019261", {"name": "Café Nouveau — chez Amélie"})
    sync_service.sync(mine, credentials, http=http)
    conflict = sync_service.list_conflicts(mine)[0]
    from hubdesk.gui.sync_dialogs import ConflictDialog

    window.go_to(PAGE_CONFLICTS)
    dialog = ConflictDialog(conflict, window)
    dialog.resize(900, 520)
    dialog.show()
    waiter(lambda: dialog.isVisible(), "the conflict dialog")

    def stop() -> None:
        server.transport.stop()
        context.__exit__(None, None, None)

    return dialog, stop


if __name__ == "__main__":
    main()
