"""The dossier from the window: built off the GUI thread, previewed with QtPdf, saved and printed as PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from hubdesk.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_the_dossier_is_previewed_saved_and_printed_in_the_language_chosen(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.case_view.loaded):
        window.ui.caseTable.selectRow(0)
    reference = window.case_view.reference
    enterprise = window.case_view.bundle.detail.enterprise.name  # type: ignore[union-attr]
    dialog = window.open_dossier()
    assert dialog is not None
    dialog.ui.languageCombo.setCurrentIndex(dialog.ui.languageCombo.findData("fr"))
    qtbot.waitUntil(
        lambda: dialog.pdf_path is not None and dialog.layout_code == "fr" and "-fr-" in dialog.pdf_path.name,
        timeout=20000,
    )
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert dialog.document.pageCount() >= 1
    assert dialog.ui.printButton.isEnabled() and dialog.ui.saveButton.isEnabled()

    french = dialog.save_to(tmp_path / "dossier-fr")
    assert french.suffix == ".pdf"
    text = pdf_text(french)
    assert reference in text and enterprise.split()[0] in text
    assert "Signature" in text

    with qtbot.waitSignal(dialog.ready, timeout=20000):
        dialog.ui.languageCombo.setCurrentIndex(dialog.ui.languageCombo.findData("nl"))
    dutch = dialog.save_to(tmp_path / "dossier-nl.pdf")
    assert "Handtekening" in pdf_text(dutch)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(dialog.printed) as printed:
        dialog.print_to(printer)
    assert printed.args == [dialog.document.pageCount()]
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.document.pageCount()
    dialog.close()


def test_without_an_open_case_the_dossier_explains_what_to_do(window: MainWindow) -> None:
    assert window.open_dossier() is None
    assert "Open a case first" in window.statusBar().currentMessage()
