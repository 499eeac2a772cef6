"""Sync from the window against the real server app in process: login, background sync, a conflict resolved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backends.fail
import pytest
from guitools import close_window, type_text
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from syncsupport import PASSWORD, MemoryKeyring, Server, add_user, server_database

from hubdesk.gui.i18n import apply_language
from hubdesk.gui.main_window import PAGE_CONFLICTS, MainWindow
from hubdesk.gui.sync_dialogs import ConflictDialog, LoginDialog
from hubdesk.services import records
from hubdesk.services import sync as sync_service
from hubdesk.services.workspace import Workspace

pytestmark = pytest.mark.gui

SERVER_URL = "http://hubdesk.test"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with server_database("sqlite", tmp_path) as db:
        add_user(db, "amelie", "advisor", ["commune:21004"])
        add_user(db, "bram", "advisor", ["commune:21004"])
        running = Server.start(db)
        try:
            yield running
        finally:
            running.transport.stop()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class SharedTransport(httpx.BaseTransport):
    """The server's in-process transport, left open when one client closes (each sync opens its own client)."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)

    def close(self) -> None:
        pass


def http_for(server: Server) -> Any:
    def factory(_url: str) -> httpx.Client:
        return server.client(SharedTransport(server.transport))

    return factory


def gui_window(qtbot: QtBot, data_dir: Path, state: Path, server: Server) -> MainWindow:
    apply_language("en")
    ws = Workspace.open(data_dir)
    window = MainWindow(ws, QSettings(str(state), QSettings.Format.IniFormat), sync_http=http_for(server))
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.sync_panel is not None, timeout=10000)
    return window


def log_in(window: MainWindow, qtbot: QtBot, user: str) -> LoginDialog:
    panel = window.sync_panel
    assert panel is not None
    dialog = panel.login()
    dialog.ui.serverEdit.setText(SERVER_URL)
    dialog.ui.userEdit.setText(user)
    type_text(dialog.ui.passwordEdit, PASSWORD)
    return dialog


def test_login_sync_and_a_conflict_resolved_through_the_dialog(
    qtbot: QtBot, server: Server, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    mine_dir, theirs_dir = tmp_path / "amelie", tmp_path / "bram"
    window = gui_window(qtbot, mine_dir, tmp_path / "state.ini", server)
    try:
        panel = window.sync_panel
        assert panel is not None
        assert "no server" in window.sync_status.text().lower() or "not logged in" in window.sync_status.text().lower()
        dialog = log_in(window, qtbot, "amelie")
        with qtbot.waitSignal(panel.synced, timeout=20000):
            dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
        assert not dialog.isVisible()
        assert memory_keyring.passwords  # the device token went to the keyring
        qtbot.waitUntil(lambda: panel.running is None and panel.status is not None, timeout=10000)
        qtbot.waitUntil(lambda: panel.status.outbox_size == 0, timeout=10000)
        assert "Online" in window.sync_status.text()

        saved = records.add_enterprise(
            window.ws, {"number": "0403.019.261", "name": "Café Nouveau", "postal_code": "1000"}
        )
        window.local_changes(saved.changes)
        enterprise_id = saved.value.id
        with qtbot.waitSignal(panel.synced, timeout=20000):
            window.ui.syncNowButton.click()

        # A colleague changes the name; so do we, offline: the same field on both sides.
        credentials = sync_service.Credentials()
        with Workspace.open(theirs_dir) as theirs:
            sync_service.login(theirs, SERVER_URL, "bram", PASSWORD, credentials, http=http_for(server))
            sync_service.sync(theirs, credentials, http=http_for(server))
            records.update_enterprise(theirs, "0403019261", {"name": "Café Nouveau — chez Bram"})
            sync_service.sync(theirs, credentials, http=http_for(server))
        records.update_enterprise(window.ws, "0403019261", {"name": "Café Nouveau — chez Amélie"})

        with qtbot.waitSignal(panel.synced, timeout=20000):
            window.ui.syncNowButton.click()
        qtbot.waitUntil(lambda: len(panel.conflicts.items) == 1, timeout=10000)
        conflict = panel.conflicts.items[0]
        assert conflict.field == "name"
        assert "Conflicts (1)" in window.ui.navigation.item(PAGE_CONFLICTS).text()  # type: ignore[union-attr]

        window.go_to(PAGE_CONFLICTS)
        window.ui.conflictTable.selectRow(0)
        resolution = panel.resolve_selected()
        assert isinstance(resolution, ConflictDialog)
        assert resolution.ui.mineText.toPlainText() == "Café Nouveau — chez Amélie"
        assert resolution.ui.theirsText.toPlainText() == "Café Nouveau — chez Bram"
        assert resolution.ui.baseText.toPlainText() == "Café Nouveau"  # what both changed
        assert resolution.ui.description.text().startswith("“Name” of Café Nouveau")  # a label, not a column
        resolution.ui.keepOther.setChecked(True)
        resolution.ui.otherText.setPlainText("Café Nouveau — Amélie & Bram")
        resolution.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not panel.conflicts.items, timeout=10000)
        assert records.find_enterprise(window.ws, "0403019261").name == "Café Nouveau — Amélie & Bram"
        assert window.ui.navigation.item(PAGE_CONFLICTS).text() == "Conflicts"  # type: ignore[union-attr]

        with qtbot.waitSignal(panel.synced, timeout=20000):
            panel.sync_now()
        with Workspace.open(theirs_dir) as theirs:
            sync_service.sync(theirs, credentials, http=http_for(server))
            with theirs.store.read() as reader:
                assert reader.get_enterprise(enterprise_id).name == "Café Nouveau — Amélie & Bram"  # type: ignore[union-attr]
    finally:
        close_window(window)


def test_without_a_keyring_the_login_explains_and_asks_before_a_session_only_login(
    qtbot: QtBot, server: Server, tmp_path: Path
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    window = gui_window(qtbot, tmp_path / "ws", tmp_path / "state.ini", server)
    try:
        panel = window.sync_panel
        assert panel is not None
        dialog = log_in(window, qtbot, "amelie")
        ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        assert dialog.ui.keyringNotice.isHidden()
        with qtbot.waitSignal(window.runner.failed, timeout=20000):
            ok.click()
        assert dialog.isVisible()
        assert not dialog.ui.keyringNotice.isHidden()
        assert "no password keyring" in dialog.ui.keyringNotice.text()
        assert not ok.isEnabled()  # not without the person's consent
        dialog.ui.sessionOnlyCheck.setChecked(True)
        assert ok.isEnabled()
        with qtbot.waitSignal(panel.synced, timeout=20000):
            ok.click()
        assert not dialog.isVisible()
        assert "session only" in window.ui.syncLog.toPlainText()
        assert not list(tmp_path.rglob("*token*"))  # nothing written to a file
    finally:
        close_window(window)
        keyring.set_keyring(previous)
