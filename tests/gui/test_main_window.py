"""The main window on a demo workspace: list, search as you type, filters, opening a case, language, state."""

from __future__ import annotations

from pathlib import Path

import pytest
from guitools import close_window, open_window, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk.domain.entities import CaseStatus
from hubdesk.gui.dialogs import NewCaseDialog
from hubdesk.gui.main_window import PAGE_CASES, PAGE_ENTERPRISES, MainWindow
from hubdesk.gui.models import PAGE_SIZE
from hubdesk.services import browse
from hubdesk.services.browse import CaseFilter

pytestmark = pytest.mark.gui


def test_opens_a_demo_workspace_with_its_cases_counted(window: MainWindow) -> None:
    total = browse.count_cases(window.ws)
    assert window.case_model.total == total == 150
    assert window.case_model.rowCount() == total
    assert window.ui.caseCount.text() == "150 cases"
    assert window.ui.navigation.currentRow() == PAGE_CASES
    newest = browse.case_page(window.ws, limit=1).items[0]
    assert window.case_model.data(window.case_model.index(0, 0)) == newest.reference


def test_search_as_you_type_narrows_the_list_with_the_full_text_index(window: MainWindow, qtbot: QtBot) -> None:
    model = window.case_model
    name = model.row_at(0).enterprise_name  # type: ignore[union-attr]
    word = name.split()[0]
    window.ui.caseSearch.setFocus()
    with qtbot.waitSignal(model.query_loaded):
        qtbot.keyClicks(window.ui.caseSearch, word[:3].lower())
    qtbot.waitUntil(lambda: model.case_filter.text == word[:3].lower() and model.loaded_generation == model.generation)
    expected = browse.count_cases(window.ws, CaseFilter(text=word[:3].lower()))
    qtbot.waitUntil(lambda: model.total == expected)
    assert 0 < model.rowCount() == expected < 150
    window.ui.caseSearch.clear()
    qtbot.waitUntil(lambda: model.total == 150)


def test_accents_are_optional_in_search(window: MainWindow, qtbot: QtBot) -> None:
    model = window.case_model
    type_text(window.ui.caseSearch, "Café")
    qtbot.waitUntil(lambda: model.case_filter.text == "Café" and model.loaded_generation == model.generation)
    qtbot.waitUntil(lambda: model.total is not None and model.total == model.rowCount())
    with_accent = model.total
    window.ui.caseSearch.setText("cafe")
    qtbot.waitUntil(lambda: model.case_filter.text == "cafe" and model.loaded_generation == model.generation)
    qtbot.waitUntil(lambda: model.total is not None and model.total == model.rowCount())
    assert model.total == with_accent


def test_a_status_filter_shows_only_that_status(window: MainWindow, qtbot: QtBot) -> None:
    model = window.case_model
    combo = window.ui.statusFilter
    combo.setCurrentIndex(combo.findData(CaseStatus.IN_PROGRESS.value))
    qtbot.waitUntil(lambda: model.case_filter.status == "in_progress" and model.loaded_generation == model.generation)
    expected = browse.count_cases(window.ws, CaseFilter(status="in_progress"))
    qtbot.waitUntil(lambda: model.total == expected)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert rows and all(r is not None and r.status is CaseStatus.IN_PROGRESS for r in rows)
    window.reset_filters()
    qtbot.waitUntil(lambda: model.total == 150)


def test_scrolling_far_loads_the_page_it_shows(window: MainWindow, qtbot: QtBot, demo_dir: Path) -> None:
    model = window.case_model
    last = model.rowCount() - 1
    assert last >= PAGE_SIZE // 2
    window.ui.caseTable.scrollToBottom()
    qtbot.waitUntil(lambda: model.row_at(last) is not None)
    expected = browse.case_page(window.ws, offset=last, limit=1).items[0]
    assert model.row_at(last).reference == expected.reference  # type: ignore[union-attr]


def test_selecting_a_case_opens_it_in_the_detail_pane(window: MainWindow, qtbot: QtBot) -> None:
    row = window.case_model.row_at(3)
    assert row is not None
    with qtbot.waitSignal(window.case_view.loaded) as blocker:
        window.ui.caseTable.selectRow(3)
    assert blocker.args == [row.id]
    view = window.case_view
    assert view.ui.referenceValue.text() == row.reference
    assert view.ui.titleLabel.text() == row.title
    assert window.ui.caseDetail.currentWidget() is view
    assert view.ui.timeline.topLevelItemCount() >= 1


def test_the_language_switches_every_label_live(window: MainWindow, qtbot: QtBot) -> None:
    window.ui.caseTable.selectRow(0)
    qtbot.waitUntil(lambda: window.case_view.bundle is not None)
    status = window.case_model.row_at(0).status  # type: ignore[union-attr]
    window.set_language("fr")
    qtbot.waitUntil(lambda: window.ui.navigation.item(0).text() == "Dossiers")  # type: ignore[union-attr]
    assert window.ui.caseSearchLabel.text() == "&Rechercher :"
    assert window.case_model.headerData(0, Qt.Orientation.Horizontal) == "Référence"
    assert window.ui.statusFilter.itemText(0) == "Tous les statuts"
    assert window.ui.caseCount.text() == "150 dossiers"
    assert window.case_view.ui.tabs.tabText(0) == "&Chronologie"
    french_status = {"new": "Nouveau", "in_progress": "En cours"}.get(status.value)
    if french_status:
        assert window.case_model.data(window.case_model.index(0, 3)) == french_status
    window.set_language("nl")
    qtbot.waitUntil(lambda: window.ui.navigation.item(1).text() == "Ondernemingen")  # type: ignore[union-attr]
    assert window.ui.menuFile.title() == "&Bestand"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.ui.navigation.item(0).text() == "Cases")  # type: ignore[union-attr]


def test_window_state_is_remembered(qtbot: QtBot, demo_dir: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.ini"
    first = open_window(qtbot, demo_dir, state)
    first.resize(1100, 700)
    first.go_to(PAGE_ENTERPRISES)
    first.ui.casesSplitter.setSizes([300, 900])
    sizes = first.ui.casesSplitter.sizes()
    close_window(first)
    second = open_window(qtbot, demo_dir, state)
    try:
        assert second.size().height() == 700  # the width is clamped to the 800-pixel offscreen screen
        assert second.ui.navigation.currentRow() == PAGE_ENTERPRISES
        restored = second.ui.casesSplitter.sizes()
        assert restored[0] / sum(restored) == pytest.approx(sizes[0] / sum(sizes), abs=0.01)
    finally:
        close_window(second)


def test_keyboard_shortcuts_reach_search_and_new_case(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    window.go_to(PAGE_ENTERPRISES)
    window.ui.actionFind.trigger()
    assert window.ui.enterpriseSearch.hasFocus() or QApplication.focusWidget() is window.ui.enterpriseSearch
    window.go_to(PAGE_CASES)
    window.ui.actionFind.trigger()
    assert QApplication.focusWidget() is window.ui.caseSearch
    assert window.ui.actionNewCase.shortcut().toString() == "Ctrl+N"
    assert window.ui.actionSave.shortcut().toString() == "Ctrl+S"
    assert window.ui.actionPrintDossier.shortcut().toString() == "Ctrl+P"
    assert window.ui.caseSearchLabel.buddy() is window.ui.caseSearch
    window.ui.actionNewCase.trigger()
    dialogs = [d for d in window.findChildren(NewCaseDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()
