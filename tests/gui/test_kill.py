"""Nothing typed is lost: a form typed into, the process killed with SIGKILL, the draft found on reopening."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from guitools import close_window, open_window
from pytestqt.qtbot import QtBot

from hubdesk.services import browse
from hubdesk.services import forms as form_service
from hubdesk.services.workspace import Workspace

pytestmark = pytest.mark.gui

TYPED = "Extension de la boulangerie « Chez Loïc » — uitbreiding bakkerij, Sint-Gillis, één oven"

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from hubdesk.gui.app import create_application
    from hubdesk.gui.i18n import apply_language
    from hubdesk.gui.main_window import MainWindow
    from hubdesk.gui.selftest import wait_until
    from hubdesk.services.workspace import Workspace

    data_dir, case_id, state, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    app = create_application()
    apply_language("en")
    window = MainWindow(Workspace.open(data_dir), QSettings(state, QSettings.Format.IniFormat))
    window.show()
    window.show_case(case_id)
    view = window.case_view
    wait_until(lambda: view.form_view is not None, "the form")
    view.form_view.editor("description").edit.setPlainText(text)
    print("TYPED", flush=True)
    app.exec()
    """
)


def test_a_form_typed_into_survives_a_killed_process(qtbot: QtBot, demo_dir: Path, tmp_path: Path) -> None:
    with Workspace.open(demo_dir) as ws:
        case = browse.case_page(ws, limit=1).items[0]
        form_service.fill_form(ws, case.reference, "investment_aid", {})
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(demo_dir), case.id, str(tmp_path / "child.ini"), TYPED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "TYPED", child.stderr.read() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)  # at once: the draft's database save has not run yet
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    window = open_window(qtbot, demo_dir, tmp_path / "again.ini")
    try:
        view = window.case_view
        window.show_case(case.id)
        qtbot.waitUntil(lambda: view.form_view is not None)
        assert view.form_view.editor("description").edit.toPlainText() == TYPED  # type: ignore[union-attr, attr-defined]
        qtbot.waitUntil(lambda: not view.has_unsaved_draft, timeout=5000)
        stored = next(f for f in browse.case_detail(window.ws, case.id).forms if f.form_id == "investment_aid")
        assert stored.answers["description"] == TYPED
        assert not any((demo_dir / "drafts").glob("*.json"))  # the journal is emptied once the database has it
    finally:
        close_window(window)
