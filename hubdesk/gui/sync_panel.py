"""Sync in the window: the status always visible, background sync with progress and cancel, login, conflicts.

Syncing writes the local database, so it runs on the database lane like any edit; the
window stays responsive and a typed form is journalled meanwhile. It runs on demand,
on the interval of the settings and a little after local edits, whenever a login exists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal

from hubdesk.gui.models import Column, ColumnsModel, short_moment
from hubdesk.gui.sync_dialogs import ConflictDialog, LoginDialog, shown_value
from hubdesk.gui.tasks import TaskHandle
from hubdesk.kernel.i18n import N_, _, ngettext
from hubdesk.kernel.jobs import Progress
from hubdesk.services import sync as sync_service
from hubdesk.services.settings import Settings

if TYPE_CHECKING:
    from hubdesk.gui.main_window import MainWindow

STATUS_REFRESH_MS = 30_000
AFTER_EDIT_MS = 5_000
Index = QModelIndex | QPersistentModelIndex


class ConflictListModel(ColumnsModel):
    """Open conflicts and refused changes, newest last."""

    COLUMNS = (
        Column("record", N_("Record")),
        Column("field", N_("Field")),
        Column("mine", N_("Mine")),
        Column("theirs", N_("Theirs")),
        Column("kind", N_("Kind")),
    )

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def _row_count(self) -> int:
        return len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.items[index.row()]
        key = self.COLUMNS[index.column()].key
        if key == "record":
            return item.record_label
        if key == "field":
            return item.field_label
        if key == "mine":
            return shown_value(item.mine).replace("\n", " ")
        if key == "theirs":
            return shown_value(item.theirs).replace("\n", " ")
        return _("Refused by the server") if item.kind == "rejected" else _("Changed on both sides")


class SyncPanel(QObject):
    """Owns the sync state of one window: status bar text, the Sync page, the Conflicts page."""

    status_changed = Signal(object)  # SyncStatus
    synced = Signal(object)  # SyncResult
    conflicts_changed = Signal(int)

    def __init__(self, window: MainWindow, http: Callable[[str], Any] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ws = window.ws
        self.runner = window.runner
        self.http = http  # an httpx client factory; tests hand in the in-process server
        self.credentials = sync_service.Credentials()
        self.status: Any = None
        self.online: bool | None = None  # None: not tried yet
        self.running: TaskHandle | None = None
        self.last_error = ""
        self.conflicts = ConflictListModel()
        ui = window.ui
        ui.conflictTable.setModel(self.conflicts)
        ui.conflictTable.verticalHeader().hide()
        ui.conflictTable.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((240, 160, 200, 200)):
            ui.conflictTable.horizontalHeader().resizeSection(column, width)
        ui.conflictTable.activated.connect(lambda _index: self.resolve_selected())
        ui.resolveConflict.clicked.connect(self.resolve_selected)
        ui.syncNowButton.clicked.connect(self.sync_now)
        ui.actionSyncNow.triggered.connect(self.sync_now)
        ui.syncCancelButton.clicked.connect(self.cancel)
        ui.loginButton.clicked.connect(self.login)
        ui.actionLogin.triggered.connect(self.login)
        ui.logoutButton.clicked.connect(self.logout)
        ui.actionLogout.triggered.connect(self.logout)
        ui.syncProgress.hide()
        ui.syncCancelButton.hide()
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh)
        self._status_timer.start()
        self._auto_timer = QTimer(self)
        self._auto_timer.timeout.connect(self._automatic)
        self._edit_timer = QTimer(self)
        self._edit_timer.setSingleShot(True)
        self._edit_timer.setInterval(AFTER_EDIT_MS)
        self._edit_timer.timeout.connect(self._automatic)
        self.settings_changed(self.ws.settings)
        self.show_status()
        QTimer.singleShot(0, self.refresh)

    # -- status ----------------------------------------------------------------------

    def _http_options(self) -> dict[str, Any]:
        return {} if self.http is None else {"http": self.http}

    def refresh(self) -> None:
        """Read the outbox size, last sync and conflicts (in the background) and show them."""
        self.runner.read(
            sync_service.status, self.ws, self.credentials, on_done=self._status_read, on_error=self._status_failed
        )
        self.runner.write(sync_service.list_conflicts, self.ws, on_done=self._conflicts_read)

    def _status_read(self, status: Any) -> None:
        self.status = status
        self.show_status()
        self.status_changed.emit(status)

    def _status_failed(self, error: BaseException) -> None:
        self.last_error = str(error)
        self.show_status()

    def _conflicts_read(self, items: list[Any]) -> None:
        self.conflicts.set_items(items)
        self.window.ui.resolveConflict.setEnabled(bool(items))
        self.window.ui.navigation.item(3).setText(  # type: ignore[union-attr]
            _("Conflicts ({count})").format(count=len(items)) if items else _("Conflicts")
        )
        self.window.set_case_conflicts({(c.entity, c.record_id) for c in items})
        self.conflicts_changed.emit(len(items))
        self.show_status()

    @property
    def logged_in(self) -> bool:
        return bool(self.status is not None and self.status.logged_in)

    def status_text(self) -> str:
        """One line for the status bar: connection, unsent changes, last sync, conflicts."""
        settings = self.ws.settings
        if self.running is not None:
            state = _("Syncing…")
        elif not settings.server_url:
            state = _("Working offline: no server set up")
        elif not self.logged_in:
            state = _("Not logged in")
        elif self.online is False:
            state = _("Offline")
        else:
            state = _("Online")
        parts = [f"● {state}"]
        if self.status is not None:
            parts.append(
                ngettext("{count} change to send", "{count} changes to send", self.status.outbox_size).format(
                    count=self.status.outbox_size
                )
            )
            if self.status.last_sync:
                parts.append(_("last sync {when}").format(when=short_moment(self.status.last_sync)))
            conflicts = len(self.conflicts.items)
            if conflicts:
                parts.append(ngettext("{count} conflict", "{count} conflicts", conflicts).format(count=conflicts))
        return " · ".join(parts)

    def show_status(self) -> None:
        ui = self.window.ui
        text = self.status_text()
        self.window.sync_status.setText(text)
        self.window.sync_status.setToolTip(self.last_error or text)
        settings = self.ws.settings
        ui.syncServerValue.setText(settings.server_url or _("none (set it in the settings)"))
        ui.syncUserValue.setText(settings.user or "—")
        state = text.split(" · ")[0].lstrip("● ")
        ui.syncStateValue.setText(f"{state}. {self.last_error}" if self.last_error else state)
        if self.status is not None:
            ui.syncOutboxValue.setText(str(self.status.outbox_size))
            ui.syncLastValue.setText(short_moment(self.status.last_sync) if self.status.last_sync else _("never"))
        ready = bool(settings.server_url) and self.running is None
        ui.syncNowButton.setEnabled(ready)
        ui.actionSyncNow.setEnabled(ready)
        ui.loginButton.setEnabled(self.running is None)
        ui.logoutButton.setEnabled(self.logged_in and self.running is None)
        ui.actionLogout.setEnabled(self.logged_in and self.running is None)

    # -- syncing ---------------------------------------------------------------------

    def settings_changed(self, settings: Settings) -> None:
        self._auto_timer.setInterval(max(1, settings.sync_interval_minutes) * 60_000)
        self._auto_timer.start()
        self.show_status()

    def local_edit(self) -> None:
        """An edit was saved here: sync a little later, when a login exists and the server answered."""
        if self.logged_in and self.online is not False:
            self._edit_timer.start()
        self.refresh_soon()

    def refresh_soon(self) -> None:
        QTimer.singleShot(300, self.refresh)

    def _automatic(self) -> None:
        if self.logged_in and self.running is None:
            self.sync_now(automatic=True)

    def sync_now(self, automatic: bool = False) -> TaskHandle | None:
        if self.running is not None or not self.ws.settings.server_url:
            return None
        ui = self.window.ui
        ui.syncProgress.setRange(0, 0)
        ui.syncProgress.show()
        ui.syncCancelButton.show()
        self.log(_("Sync started."))
        self.running = self.runner.write(
            sync_service.sync,
            self.ws,
            self.credentials,
            with_reporter=True,
            cancellable=True,
            on_progress=self._progress,
            on_done=self._synced,
            on_error=lambda error: self._sync_failed(error, automatic),
            **self._http_options(),
        )
        self.show_status()
        return self.running

    def _progress(self, progress: Progress) -> None:
        bar = self.window.ui.syncProgress
        if progress.total:
            bar.setRange(0, progress.total)
            bar.setValue(min(progress.done, progress.total))
        if progress.message:
            bar.setFormat(f"{progress.message} %p%")

    def _finish(self) -> None:
        self.running = None
        self.window.ui.syncProgress.hide()
        self.window.ui.syncCancelButton.hide()
        self.show_status()

    def _synced(self, result: Any) -> None:
        self._finish()
        self.online = True
        self.last_error = ""
        summary = _("Sync done: {sent} sent, {received} received, {conflicts} new conflicts.").format(
            sent=sum(result.pushed.values()), received=result.pulled, conflicts=result.new_conflicts
        )
        self.log(summary)
        for warning in result.warnings:
            self.log(warning)
        self.window.remote_changes(result.changes)
        self.synced.emit(result)
        self.refresh()

    def _sync_failed(self, error: BaseException, automatic: bool) -> None:
        self._finish()
        code = getattr(error, "code", "")
        if type(error).__name__ == "ServerUnreachable":
            self.online = False
        self.last_error = str(error)
        self.log(_("Sync stopped: {reason}").format(reason=error))
        if not automatic and code != "interrupted" and type(error).__name__ != "ServerUnreachable":
            from hubdesk.gui.errors import show_error

            show_error(self.window, error, _("Syncing"))
        if type(error).__name__ == "LoginRequired" and not automatic:
            self.login()
        self.refresh()

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            self.log(_("Stopping the sync…"))

    def log(self, line: str) -> None:
        stamp = datetime.now(UTC).astimezone().strftime("%H:%M:%S")
        self.window.ui.syncLog.appendPlainText(f"{stamp}  {line}")

    # -- login -----------------------------------------------------------------------

    def login(self) -> LoginDialog:
        settings = self.ws.settings

        def call(
            server: str,
            user: str,
            password: str,
            session_only: bool,
            done: Callable[[Any], None],
            failed: Callable[[BaseException], None],
        ) -> None:
            def logged_in(result: Any) -> None:
                done(result)
                if result.remembered:
                    self.log(_("Logged in to {server} as {user}.").format(server=result.server_url, user=result.user))
                else:
                    self.log(_("Logged in for this session only (no keyring on this computer)."))
                self.online = True
                self.refresh()
                self.sync_now()

            self.runner.write(
                sync_service.login,
                self.ws,
                server,
                user,
                password,
                self.credentials,
                session_only=session_only,
                on_done=logged_in,
                on_error=failed,
                **self._http_options(),
            )

        dialog = LoginDialog(settings.server_url, settings.user, call, self.window)
        dialog.setObjectName("loginDialog")
        dialog.open()
        return dialog

    def logout(self) -> None:
        def done(_result: Any) -> None:
            self.log(_("Logged out."))
            self.refresh()

        self.runner.write(sync_service.logout, self.ws, self.credentials, on_done=done, **self._http_options())

    # -- conflicts -------------------------------------------------------------------

    def resolve_selected(self) -> ConflictDialog | None:
        row = self.window.ui.conflictTable.currentIndex().row()
        if not 0 <= row < len(self.conflicts.items):
            row = 0 if self.conflicts.items else -1
        if row < 0:
            return None
        return self.resolve(self.conflicts.items[row])

    def resolve(self, conflict: Any) -> ConflictDialog:
        dialog = ConflictDialog(conflict, self.window)
        dialog.setObjectName("conflictDialog")

        def chosen() -> None:
            def done(changes: Any) -> None:
                self.log(
                    _("Conflict on “{field}” of {record} resolved.").format(
                        field=conflict.field_label, record=conflict.record_label
                    )
                )
                self.window.remote_changes(changes)
                self.refresh()
                self.local_edit()

            self.runner.write(
                sync_service.resolve_conflict, self.ws, conflict.id, dialog.keep, dialog.value, on_done=done
            )

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    # -- language and shutdown -------------------------------------------------------

    def retranslate(self) -> None:
        self.conflicts.retranslate()
        if self.conflicts.items:
            self.window.ui.navigation.item(3).setText(  # type: ignore[union-attr]
                _("Conflicts ({count})").format(count=len(self.conflicts.items))
            )
        self.show_status()

    def shutdown(self) -> None:
        self._status_timer.stop()
        self._auto_timer.stop()
        self._edit_timer.stop()
        if self.running is not None:
            self.running.cancel()
