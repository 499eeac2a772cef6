"""The main window: navigation, the case and enterprise lists with search and filters, detail panes, shortcuts."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QItemSelection, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMainWindow,
    QMessageBox,
    QStyle,
    QToolButton,
)

from hubdesk import __version__
from hubdesk.domain.changes import Changes
from hubdesk.domain.entities import CaseKind, CaseStatus
from hubdesk.domain.workflow import kind_label, status_label
from hubdesk.gui._forms.ui_main_window import Ui_MainWindow
from hubdesk.gui.dialogs import NewCaseDialog
from hubdesk.gui.errors import show_error
from hubdesk.gui.i18n import apply_language
from hubdesk.gui.models import CaseListModel, EnterpriseListModel, TaskListModel
from hubdesk.gui.settings_dialog import SettingsChoice, SettingsDialog
from hubdesk.gui.tasks import TaskRunner
from hubdesk.kernel.formatting import format_number
from hubdesk.kernel.i18n import _, get_language, ngettext
from hubdesk.services import records
from hubdesk.services.browse import CaseFilter
from hubdesk.services.records import Saved
from hubdesk.services.workspace import Workspace

if TYPE_CHECKING:  # imported when first needed, so the window opens sooner (reportlab alone takes 0.35 s)
    from hubdesk.forms import FormDefinition
    from hubdesk.gui.case_view import CaseView
    from hubdesk.gui.dossier_dialog import DossierDialog
    from hubdesk.gui.enterprise_view import EnterpriseView
    from hubdesk.gui.sync_panel import SyncPanel

PAGE_CASES, PAGE_ENTERPRISES, PAGE_TASKS, PAGE_CONFLICTS, PAGE_SYNC = range(5)
REFRESH_DELAY_MS = 250


def _warm_imports() -> None:
    """Import the modules of the detail views and the sync (run off the GUI thread)."""
    for name in ("hubdesk.forms", "hubdesk.services.forms", "hubdesk.services.records", "hubdesk.services.sync"):
        with contextlib.suppress(ImportError):  # a build without the sync engine: _setup_sync says so
            importlib.import_module(name)


def _latest_forms(ws: Workspace) -> list[FormDefinition]:
    from hubdesk.services import forms as form_service

    return form_service.registry(ws).latest()


class MainWindow(QMainWindow):
    """Composes the Designer form with the views; owns the task runner and the workspace while open."""

    changes_applied = Signal(object)  # Changes, after the lists were asked to refresh
    language_changed = Signal(str)
    workspace_switch_requested = Signal(Path)

    def __init__(
        self,
        ws: Workspace,
        settings: QSettings | None = None,
        owns_workspace: bool = True,
        sync_http: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__()
        self.sync_http = sync_http  # an HTTP client factory for the sync (tests give the in-process server)
        self.sync_panel: SyncPanel | None = None
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.ws = ws
        self.owns_workspace = owns_workspace
        self.qsettings = settings or QSettings()
        self.runner = TaskRunner(self, error_presenter=lambda error, action: show_error(self, error, action))
        self.reference = ws.reference
        self._latest_forms: list[FormDefinition] = []
        self._closing = False
        self._preparing = False
        self._dossier: DossierDialog | None = None

        self.case_model = CaseListModel(ws, self.runner, self.commune_name)
        self.enterprise_model = EnterpriseListModel(ws, self.runner, self.commune_name)
        self.task_model = TaskListModel(ws, self.runner)
        self._case_view: CaseView | None = None
        self._enterprise_view: EnterpriseView | None = None

        self._setup_tables()
        self._setup_navigation()
        self._setup_actions()
        self._setup_filters()
        self._setup_status_bar()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_lists)
        self._pending_kinds: set[str] = set()

        self.case_model.set_query()
        self.enterprise_model.set_text("")
        self.task_model.refresh()
        self.retranslate()
        self.restore_state()

    # -- detail views (made on first use, or just after the first page is shown) -------

    @property
    def case_view(self) -> CaseView:
        if self._case_view is None:
            from hubdesk.gui.case_view import CaseView

            view = CaseView(self.ws, self.runner, lambda: self._latest_forms, self.ui.caseDetail)
            view.setObjectName("caseView")
            self.ui.caseDetail.addWidget(view)
            view.changed.connect(self.local_changes)
            view.open_enterprise.connect(self.show_enterprise)
            view.dossier_requested.connect(lambda _case_id: self.open_dossier())
            view.loaded.connect(lambda _case_id: view.set_conflicts(self._conflict_records))
            self._case_view = view
        return self._case_view

    @property
    def enterprise_view(self) -> EnterpriseView:
        if self._enterprise_view is None:
            from hubdesk.gui.enterprise_view import EnterpriseView

            view = EnterpriseView(self.ws, self.runner, self.ui.enterpriseDetail)
            view.setObjectName("enterpriseView")
            self.ui.enterpriseDetail.addWidget(view)
            view.changed.connect(self.local_changes)
            view.open_case.connect(self.show_case)
            view.new_case_requested.connect(self.new_case)
            view.saved.connect(self._enterprise_saved)
            self._enterprise_view = view
        return self._enterprise_view

    def _prepare_views(self) -> None:
        """Once the first page is on screen: import what the detail views and the sync need, then make them.

        The imports (forms engine, HTTP client, keyring, wire models: about half a second)
        run on the read pool, so the window answers clicks and keys meanwhile; the views are
        then made one per event-loop turn. A case opened before that makes its view at once.
        """
        if self._closing or self._preparing:
            return
        self._preparing = True
        self.runner.read(_warm_imports, on_done=lambda _result: self._make_views(0))

    def _make_views(self, step: int) -> None:
        if self._closing:
            return
        if step == 0:
            _ = self.case_view
        elif step == 1:
            _ = self.enterprise_view
            self.runner.read(_latest_forms, self.ws, on_done=self._forms_loaded)
        else:
            self._setup_sync()
            return
        QTimer.singleShot(0, lambda: self._make_views(step + 1))

    # -- setup -----------------------------------------------------------------------

    def _setup_tables(self) -> None:
        table = self.ui.caseTable
        table.setModel(self.case_model)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        widths = (150, 260, 220, 150, 150, 130, 140, 100, 100)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setSortIndicator(len(widths) - 1, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.verticalHeader().hide()
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.selectionModel().selectionChanged.connect(self._case_selected)
        table.activated.connect(self._case_activated)
        self.case_model.query_loaded.connect(self._case_query_loaded)
        self.case_model.count_loaded.connect(self._show_count)

        enterprises = self.ui.enterpriseTable
        enterprises.setModel(self.enterprise_model)
        enterprises.verticalHeader().hide()
        enterprises.verticalHeader().setDefaultSectionSize(enterprises.fontMetrics().height() + 8)
        enterprises.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((240, 140, 100, 160)):
            enterprises.horizontalHeader().resizeSection(column, width)
        enterprises.selectionModel().selectionChanged.connect(self._enterprise_selected)
        self.ui.enterpriseSearch.textChanged.connect(self.enterprise_model.set_text)
        self.ui.newEnterpriseButton.clicked.connect(self.new_enterprise)

        tasks = self.ui.taskTable
        tasks.setModel(self.task_model)
        tasks.verticalHeader().hide()
        tasks.horizontalHeader().setStretchLastSection(True)
        tasks.horizontalHeader().resizeSection(0, 140)
        tasks.horizontalHeader().resizeSection(1, 360)
        tasks.activated.connect(lambda index: self._open_task_case(index.row()))
        self.ui.openTaskCase.clicked.connect(lambda: self._open_task_case(tasks.currentIndex().row()))
        self.ui.markTaskDone.clicked.connect(self._mark_task_done)

        self.ui.mainSplitter.setStretchFactor(1, 1)
        self.ui.mainSplitter.setSizes([170, 1100])
        for splitter in (self.ui.casesSplitter, self.ui.enterprisesSplitter):
            splitter.setStretchFactor(0, 2)
            splitter.setStretchFactor(1, 3)
            splitter.setSizes([440, 660])

    def _setup_navigation(self) -> None:
        style = self.style()
        icons = (
            QStyle.StandardPixmap.SP_FileDialogDetailedView,
            QStyle.StandardPixmap.SP_DirHomeIcon,
            QStyle.StandardPixmap.SP_DialogApplyButton,
            QStyle.StandardPixmap.SP_MessageBoxWarning,
            QStyle.StandardPixmap.SP_BrowserReload,
        )
        for row, icon in enumerate(icons):
            item = self.ui.navigation.item(row)
            if item is not None:
                item.setIcon(style.standardIcon(icon))
        self.ui.navigation.currentRowChanged.connect(self.ui.pages.setCurrentIndex)
        self.ui.navigation.setCurrentRow(PAGE_CASES)

    def _setup_actions(self) -> None:
        ui = self.ui
        ui.actionNewCase.setShortcut(QKeySequence.StandardKey.New)
        ui.actionSave.setShortcut(QKeySequence.StandardKey.Save)
        ui.actionPrintDossier.setShortcut(QKeySequence.StandardKey.Print)
        ui.actionFind.setShortcut(QKeySequence.StandardKey.Find)
        ui.actionSettings.setShortcut(QKeySequence.StandardKey.Preferences)
        ui.actionQuit.setShortcut(QKeySequence.StandardKey.Quit)
        ui.actionNewEnterprise.setShortcut(QKeySequence("Ctrl+Shift+N"))
        ui.actionDossier.setShortcut(QKeySequence("Ctrl+D"))
        style = self.style()
        ui.actionNewCase.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        ui.actionSave.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        ui.actionDossier.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
        ui.actionSyncNow.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        ui.actionNewCase.triggered.connect(lambda: self.new_case())
        ui.actionNewEnterprise.triggered.connect(self.new_enterprise)
        ui.actionSave.triggered.connect(self.save_current)
        ui.actionDossier.triggered.connect(lambda: self.open_dossier())
        ui.actionPrintDossier.triggered.connect(lambda: self.open_dossier(print_it=True))
        ui.actionSettings.triggered.connect(self.open_settings)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionFind.triggered.connect(self.focus_search)
        ui.actionAbout.triggered.connect(self.about)
        for row, action in enumerate(
            (ui.actionGoCases, ui.actionGoEnterprises, ui.actionGoTasks, ui.actionGoConflicts, ui.actionGoSync)
        ):
            action.triggered.connect(lambda _checked=False, row=row: self.go_to(row))

    def _setup_filters(self) -> None:
        ui = self.ui
        ui.caseSearch.textChanged.connect(self.apply_filters)
        for combo in (ui.statusFilter, ui.kindFilter, ui.communeFilter, ui.sectorFilter, ui.postFilter):
            combo.currentIndexChanged.connect(self.apply_filters)
        ui.managerFilter.activated.connect(self.apply_filters)
        line = ui.managerFilter.lineEdit()
        if line is not None:
            line.returnPressed.connect(self.apply_filters)
            line.editingFinished.connect(self.apply_filters)
        ui.resetFilters.clicked.connect(self.reset_filters)
        self._fill_filters()

    def _fill_filters(self) -> None:
        ui = self.ui
        language = get_language()

        def refill(combo: Any, everything: str, items: list[tuple[str, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)

        refill(ui.statusFilter, _("All statuses"), [(status_label(s), s.value) for s in CaseStatus])
        refill(ui.kindFilter, _("All kinds"), [(kind_label(k), k.value) for k in CaseKind])
        communes = sorted(self.reference.communes, key=lambda c: c.name(language))
        refill(ui.communeFilter, _("All communes"), [(c.name(language), c.nis) for c in communes])
        sectors = sorted(self.reference.sectors, key=lambda s: s.label(language))
        refill(ui.sectorFilter, _("All sectors"), [(s.label(language), s.key) for s in sectors])
        posts = sorted({str(p.get("city", "")) for p in self.reference.attache_posts if p.get("city")})
        refill(ui.postFilter, _("All attaché posts"), [(city, city) for city in posts])
        manager = ui.managerFilter.currentText()
        ui.managerFilter.blockSignals(True)
        ui.managerFilter.clear()
        known = sorted({m for m in (self.ws.settings.user, *self._managers_seen) if m})
        ui.managerFilter.addItems(["", *known])
        ui.managerFilter.setEditText(manager)
        ui.managerFilter.blockSignals(False)
        line = ui.managerFilter.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Any account manager"))

    _managers_seen: frozenset[str] = frozenset()

    def _setup_status_bar(self) -> None:
        self.sync_status = QToolButton(self)
        self.sync_status.setObjectName("syncStatus")
        self.sync_status.setAutoRaise(True)
        self.sync_status.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.sync_status.clicked.connect(lambda: self.go_to(PAGE_SYNC))
        self.sync_status.setText("…")
        self.statusBar().addPermanentWidget(self.sync_status)

    def _setup_sync(self) -> None:
        """The sync panel, made after the first page is shown (the HTTP and keyring libraries load then)."""
        if self.sync_panel is not None or self._closing:
            return
        try:
            from hubdesk.gui.sync_panel import SyncPanel
        except ImportError:  # a build without the sync engine: the window works offline
            self.sync_status.setText(_("Working offline"))
            for widget in (self.ui.syncNowButton, self.ui.loginButton, self.ui.logoutButton, self.ui.syncCancelButton):
                widget.setEnabled(False)
            for action in (self.ui.actionSyncNow, self.ui.actionLogin, self.ui.actionLogout):
                action.setEnabled(False)
            return
        self.sync_panel = SyncPanel(self, self.sync_http)

    def set_case_conflicts(self, records: set[tuple[str, str]]) -> None:
        """Records with an open conflict: the case view shows a badge when it shows one of them."""
        self._conflict_records = records
        if self._case_view is not None:
            self._case_view.set_conflicts(records)

    _conflict_records: set[tuple[str, str]] = set()  # noqa: RUF012 (replaced, never mutated)

    # -- lists -----------------------------------------------------------------------

    def commune_name(self, nis: str) -> str:
        try:
            return self.reference.commune_by_nis(nis).name()
        except Exception:  # an unknown code from an older reference file shows as is
            return nis

    def current_filter(self) -> CaseFilter:
        ui = self.ui
        manager = ui.managerFilter.currentText().strip()
        return CaseFilter(
            status=ui.statusFilter.currentData(),
            kind=ui.kindFilter.currentData(),
            commune_nis=ui.communeFilter.currentData(),
            account_manager=manager or None,
            sector=ui.sectorFilter.currentData(),
            attache_post=ui.postFilter.currentData(),
            text=ui.caseSearch.text().strip() or None,
        )

    def apply_filters(self) -> int | None:
        """Run the case query for the search text and filters now (each keystroke; stale answers are dropped)."""
        query = self.current_filter()
        if query == self.case_model.case_filter and self.case_model.loaded_generation >= 0:
            return None
        self.ui.caseCount.setText("…")
        return self.case_model.set_query(query)

    def reset_filters(self) -> None:
        ui = self.ui
        for combo in (ui.statusFilter, ui.kindFilter, ui.communeFilter, ui.sectorFilter, ui.postFilter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        ui.managerFilter.setEditText("")
        ui.caseSearch.clear()
        self.apply_filters()

    def _case_query_loaded(self, _generation: int) -> None:
        total = self.case_model.total
        if total is not None:
            self._show_count(total)
        seen = {
            row.account_manager
            for row in (self.case_model.row_at(r) for r in range(min(200, self.case_model.rowCount())))
            if row and row.account_manager
        }
        if not seen <= self._managers_seen:
            self._managers_seen = frozenset(self._managers_seen | seen)
            self._fill_filters()
        if self._case_view is None:
            QTimer.singleShot(0, self._prepare_views)  # after this first page is painted
        current = self._case_view.case_id if self._case_view else None
        row = self.case_model.row_of(current) if current else None
        if row is not None:
            self.ui.caseTable.selectionModel().blockSignals(True)
            self.ui.caseTable.selectRow(row)
            self.ui.caseTable.selectionModel().blockSignals(False)

    def _show_count(self, total: int) -> None:
        self.ui.caseCount.setText(ngettext("{count} case", "{count} cases", total).format(count=format_number(total)))

    def _case_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        case_id = self.case_model.data(indexes[0], Qt.ItemDataRole.UserRole)
        if case_id:
            self.show_case(case_id, switch_page=False)

    def _case_activated(self, index: QModelIndex) -> None:
        case_id = self.case_model.data(index, Qt.ItemDataRole.UserRole)
        if case_id:
            self.show_case(case_id)
            self.case_view.ui.tabs.setFocus()

    def _enterprise_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        enterprise_id = self.enterprise_model.data(indexes[0], Qt.ItemDataRole.UserRole)
        shown = self._enterprise_view.enterprise if self._enterprise_view else None
        if enterprise_id and enterprise_id != (shown.id if shown else None):
            self.show_enterprise(enterprise_id, switch_page=False)

    def _open_task_case(self, row: int) -> None:
        item = self.task_model.item_at(row)
        if item is not None:
            self.show_case(item.case_id)

    def _mark_task_done(self) -> None:
        item = self.task_model.item_at(self.ui.taskTable.currentIndex().row())
        if item is not None:
            self.runner.write(
                records.set_task_done,
                self.ws,
                item.task.id,
                True,
                on_done=lambda saved: self.local_changes(saved.changes),
            )

    # -- navigation ------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        self.ui.navigation.setCurrentRow(page)

    def focus_search(self) -> None:
        if self.ui.pages.currentIndex() == PAGE_ENTERPRISES:
            self.ui.enterpriseSearch.setFocus()
            self.ui.enterpriseSearch.selectAll()
        else:
            self.go_to(PAGE_CASES)
            self.ui.caseSearch.setFocus()
            self.ui.caseSearch.selectAll()

    def show_case(self, case_id: str, switch_page: bool = True) -> None:
        if switch_page:
            self.go_to(PAGE_CASES)
        self.ui.caseDetail.setCurrentWidget(self.case_view)
        self.case_view.load(case_id)

    def show_enterprise(self, enterprise_id: str, switch_page: bool = True) -> None:
        if not self._confirm_leave_enterprise():
            return
        if switch_page:
            self.go_to(PAGE_ENTERPRISES)
        self.ui.enterpriseDetail.setCurrentWidget(self.enterprise_view)
        self.enterprise_view.load(enterprise_id)

    def _confirm_leave_enterprise(self) -> bool:
        view = self._enterprise_view
        if view is None or not view.dirty:
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("The enterprise has changes that are not saved yet. Save them?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            view.save()
            return False
        if answer == QMessageBox.StandardButton.Discard:
            view.revert()
            return True
        return False

    def new_enterprise(self) -> None:
        if not self._confirm_leave_enterprise():
            return
        self.go_to(PAGE_ENTERPRISES)
        self.ui.enterpriseDetail.setCurrentWidget(self.enterprise_view)
        self.enterprise_view.start_new()
        self.enterprise_view.ui.numberEdit.setFocus()

    def _enterprise_saved(self, _enterprise_id: str) -> None:
        self.enterprise_model.refresh()

    def new_case(self, enterprise_number: str = "") -> NewCaseDialog:
        if not enterprise_number:
            shown = self._enterprise_view.enterprise if self._enterprise_view else None
            bundle = self._case_view.bundle if self._case_view else None
            if self.ui.pages.currentIndex() == PAGE_ENTERPRISES and shown:
                enterprise_number = shown.number
            elif bundle is not None:
                enterprise_number = bundle.detail.enterprise.number
        dialog = NewCaseDialog(self.reference, self, enterprise_number, self.ws.settings.user)
        dialog.setObjectName("newCaseDialog")

        def submit(values: dict[str, str], done: Callable[[Any], None], fail: Callable[[BaseException], None]) -> None:
            def saved(result: Saved[Any]) -> None:
                done(result)
                self.local_changes(result.changes)
                self.show_case(result.value.id)

            self.runner.write(
                records.add_case,
                self.ws,
                values["number"],
                values["title"],
                values["kind"],
                account_manager=values["account_manager"],
                attache_post=values["attache_post"],
                due_on=values["due_on"],
                on_done=saved,
                on_error=fail,
            )

        dialog.submit = submit
        dialog.open()
        return dialog

    def save_current(self) -> None:
        page = self.ui.pages.currentIndex()
        if page == PAGE_ENTERPRISES and self._enterprise_view is not None:
            if self.ui.enterpriseDetail.currentWidget() is self._enterprise_view:
                self._enterprise_view.save()
        elif self._case_view is not None:
            self._case_view.save_draft_now()

    def open_dossier(self, print_it: bool = False) -> DossierDialog | None:
        bundle = self._case_view.bundle if self._case_view else None
        if bundle is None or self._case_view is None:
            self.statusBar().showMessage(_("Open a case first: the dossier is made for the case shown."), 5000)
            return None
        self.case_view.save_draft_now()
        if self._dossier is not None:
            self._dossier.close()
        from hubdesk.gui.dossier_dialog import DossierDialog

        dialog = DossierDialog(
            self.ws, self.runner, bundle.detail.case.reference, bundle.detail.enterprise.language.value, self
        )
        dialog.setObjectName("dossierDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(min(900, self.width()), max(600, self.height() - 60))
        if print_it:
            dialog.ready.connect(lambda _path: dialog.print_dialog())
        dialog.finished.connect(lambda _result: setattr(self, "_dossier", None))
        dialog.open()
        self._dossier = dialog
        return dialog

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ws.settings, self.ws.data_dir, self)
        dialog.setObjectName("settingsDialog")
        dialog.accepted.connect(lambda: self.apply_settings(dialog.choice))
        dialog.open()
        return dialog

    def apply_settings(self, choice: SettingsChoice | None) -> None:
        if choice is None:
            return
        old = self.ws.settings
        self.runner.write(self.ws.update_settings, choice.settings)
        if choice.settings.language != old.language:
            self.set_language(choice.settings.language)
        if self.sync_panel is not None:
            self.sync_panel.settings_changed(choice.settings)
        if choice.data_dir.resolve() != self.ws.data_dir.resolve():
            self.qsettings.setValue("workspace/data_dir", str(choice.data_dir))
            self.workspace_switch_requested.emit(choice.data_dir)

    def set_language(self, language: str) -> None:
        """Switch every label of the window now (Qt sends LanguageChange to each widget)."""
        apply_language(language)
        self.language_changed.emit(language)

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About HubDesk"),
            _("HubDesk {version}: the offline-first workstation of hub.brussels advisors and trade attachés.").format(
                version=__version__
            ),
        )

    # -- changes ---------------------------------------------------------------------

    def local_changes(self, changes: Changes) -> None:
        """A view saved something: refresh the lists that show those kinds (soon, once)."""
        self._pending_kinds |= changes.kinds()
        self._refresh_timer.start()
        if self.sync_panel is not None and not changes.empty:
            self.sync_panel.local_edit()
        self.changes_applied.emit(changes)

    def remote_changes(self, changes: Changes) -> None:
        """A sync brought changes: refresh the lists, and the open views they touch."""
        if changes.empty:
            return
        self._pending_kinds |= changes.kinds()
        self._refresh_timer.start()
        if self._case_view is not None and self._case_view.touches(changes):
            self._case_view.reload()
        view = self._enterprise_view
        upserted = set().union(*changes.upserted.values())
        if view is not None and view.enterprise is not None and not view.dirty and view.enterprise.id in upserted:
            view.reload()
        self.changes_applied.emit(changes)

    def _refresh_lists(self) -> None:
        kinds, self._pending_kinds = self._pending_kinds, set()
        if kinds & {"case", "enterprise"}:
            self.case_model.refresh()
        if "enterprise" in kinds:
            self.enterprise_model.refresh()
        if kinds & {"task", "case"}:
            self.task_model.refresh()

    def _forms_loaded(self, definitions: list[FormDefinition]) -> None:
        self._latest_forms = definitions
        if self._case_view is not None:
            self._case_view._fill_new_form_combo()

    # -- language and state ----------------------------------------------------------

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self.setWindowTitle(_("HubDesk · {folder}").format(folder=self.ws.data_dir.name))
        self._fill_filters()
        self.case_model.retranslate()
        self.enterprise_model.retranslate()
        self.task_model.retranslate()
        total = self.case_model.total
        if total is not None:
            self._show_count(total)
        tips = (
            (self.ui.actionNewCase, QKeySequence.StandardKey.New),
            (self.ui.actionSave, QKeySequence.StandardKey.Save),
        )
        for action, key in tips:
            action.setToolTip(f"{action.text().replace('&', '').rstrip('…')} ({QKeySequence(key).toString()})")
        if self.sync_panel is not None:
            self.sync_panel.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def restore_state(self) -> None:
        settings = self.qsettings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for name in ("mainSplitter", "casesSplitter", "enterprisesSplitter"):
            value = settings.value(f"window/{name}")
            if isinstance(value, QByteArray):
                getattr(self.ui, name).restoreState(value)
        header = settings.value("window/caseColumns")
        if isinstance(header, QByteArray):
            self.ui.caseTable.horizontalHeader().restoreState(header)
        page = settings.value("window/page")
        if page is not None:
            self.go_to(int(page))  # type: ignore[call-overload]

    def save_state(self) -> None:
        settings = self.qsettings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        for name in ("mainSplitter", "casesSplitter", "enterprisesSplitter"):
            settings.setValue(f"window/{name}", getattr(self.ui, name).saveState())
        settings.setValue("window/caseColumns", self.ui.caseTable.horizontalHeader().saveState())
        settings.setValue("window/page", self.ui.pages.currentIndex())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and not self._confirm_leave_enterprise():
            event.ignore()
            return
        self._closing = True
        if self._case_view is not None:
            self._case_view.shutdown()
        self.save_state()
        if self.sync_panel is not None:
            self.sync_panel.shutdown()
        self.runner.shutdown()
        if self.owns_workspace:
            self.ws.close()
        event.accept()
