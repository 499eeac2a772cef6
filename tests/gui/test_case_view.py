"""The case view: allowed status changes, visits and tasks on the timeline, attachments, a new case."""

from __future__ import annotations

from pathlib import Path

import pytest
from guitools import type_text
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hubdesk.domain.entities import CaseKind
from hubdesk.domain.workflow import allowed_next, status_label
from hubdesk.gui.case_view import CaseView
from hubdesk.gui.dialogs import NewCaseDialog, TaskDialog, VisitDialog
from hubdesk.gui.main_window import MainWindow
from hubdesk.services import browse

pytestmark = pytest.mark.gui


def open_case(window: MainWindow, qtbot: QtBot, row: int = 0) -> CaseView:
    with qtbot.waitSignal(window.case_view.loaded):
        window.ui.caseTable.selectRow(row)
    return window.case_view


def test_only_the_allowed_next_statuses_are_offered(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    case = view.bundle.detail.case  # type: ignore[union-attr]
    offered = [view.ui.statusCombo.itemText(i) for i in range(view.ui.statusCombo.count())]
    assert offered == [status_label(s) for s in allowed_next(case.status)]
    target = allowed_next(case.status)[0]
    view.ui.statusCombo.setCurrentIndex(0)
    with qtbot.waitSignal(view.loaded):
        view.ui.changeStatusButton.click()
    assert view.bundle.detail.case.status is target  # type: ignore[union-attr]
    assert view.ui.statusValue.text() == status_label(target)
    whats = [view.ui.timeline.topLevelItem(i).text(1) for i in range(view.ui.timeline.topLevelItemCount())]  # type: ignore[union-attr]
    assert any(status_label(target) in what for what in whats)
    offered = [view.ui.statusCombo.itemData(i) for i in range(view.ui.statusCombo.count())]
    assert offered == [s.value for s in allowed_next(target)]


def test_a_visit_and_a_task_reach_the_timeline(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    count = view.ui.timeline.topLevelItemCount()
    dialog = view.add_visit()
    assert isinstance(dialog, VisitDialog)
    type_text(dialog.ui.notesEdit, "Visite sur place : façade à rénover, terrasse de 12 m² — bezoek ter plaatse")
    with qtbot.waitSignal(view.loaded):
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert view.ui.timeline.topLevelItemCount() == count + 1
    details = [view.ui.timeline.topLevelItem(i).text(2) for i in range(count + 1)]  # type: ignore[union-attr]
    assert any("façade à rénover" in text for text in details)

    task_dialog = view.add_task()
    assert isinstance(task_dialog, TaskDialog)
    type_text(task_dialog.ui.titleEdit, "Plans de l’architecte à réclamer")
    with qtbot.waitSignal(view.loaded):
        task_dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    items = [view.ui.timeline.topLevelItem(i) for i in range(view.ui.timeline.topLevelItemCount())]
    task_item = next(i for i in items if i is not None and i.text(2) == "Plans de l’architecte à réclamer")
    view.ui.timeline.setCurrentItem(task_item)
    assert view.ui.taskDoneButton.isEnabled()
    with qtbot.waitSignal(view.loaded):
        view.ui.taskDoneButton.click()
    tasks = browse.case_detail(window.ws, view.case_id).tasks  # type: ignore[arg-type]
    assert next(t for t in tasks if t.title == "Plans de l’architecte à réclamer").done


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_attachments_are_added_and_opened_under_their_name(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    view = open_case(window, qtbot)
    photo = tmp_path / "façade côté rue.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with qtbot.waitSignal(view.loaded):
        view.attach(str(photo))
    assert view.ui.attachmentList.count() == 1
    assert view.ui.attachmentList.item(0).text().startswith("façade côté rue.jpg")  # type: ignore[union-attr]
    assert "(1)" in view.ui.tabs.tabText(view.ui.tabs.indexOf(view.ui.attachmentsTab))
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        view.ui.attachmentList.setCurrentRow(0)
        view.open_attachment()
        qtbot.waitUntil(lambda: bool(catcher.urls))
    finally:
        QDesktopServices.unsetUrlHandler("file")
    opened = Path(catcher.urls[0].toLocalFile())
    assert opened.name == "façade côté rue.jpg"
    assert opened.read_bytes() == photo.read_bytes()


def test_a_new_case_is_opened_from_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    number = view.bundle.detail.enterprise.number  # type: ignore[union-attr]
    dialog = window.new_case()
    assert isinstance(dialog, NewCaseDialog)
    assert dialog.ui.enterpriseEdit.text() == number
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    type_text(dialog.ui.titleEdit, "Prospection à Montréal — salon « Gourmet »")
    dialog.ui.kindCombo.setCurrentIndex(dialog.ui.kindCombo.findData(CaseKind.EXPORT_SUPPORT.value))
    assert dialog.ui.postCombo.isEnabled()
    dialog.ui.postCombo.setCurrentIndex(1)
    dialog.ui.dueEdit.setText("2027-03-31")
    assert ok.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        ok.click()
    case = view.bundle.detail.case  # type: ignore[union-attr]
    assert case.title == "Prospection à Montréal — salon « Gourmet »"
    assert case.kind is CaseKind.EXPORT_SUPPORT and case.attache_post
    assert str(case.due_on) == "2027-03-31"
    qtbot.waitUntil(lambda: window.case_model.total == 151)


def test_a_refused_new_case_keeps_the_dialog_open_with_the_reason(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.new_case("0403.019.261")
    dialog.ui.titleEdit.setText("Dossier pour une entreprise absente")
    with qtbot.waitSignal(window.runner.failed):
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "No enterprise with number 0403.019.261" in dialog.ui.errorLabel.text()
    dialog.reject()
