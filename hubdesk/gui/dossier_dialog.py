"""The dossier of a case: built in the background, previewed with QtPdf, printed through the system dialog, saved."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from hubdesk.gui._forms.ui_dossier_dialog import Ui_DossierDialog
from hubdesk.gui.tasks import TaskRunner
from hubdesk.kernel.i18n import _, get_language
from hubdesk.services import dossiers
from hubdesk.services.workspace import Workspace

LAYOUT_NAMES = (("fr", "Français"), ("nl", "Nederlands"), ("en", "English"), ("fr-nl", "Français + Nederlands"))


class DossierDialog(QDialog):
    """Preview, print and save the dossier of one case in the language chosen."""

    ready = Signal(str)  # path of the PDF shown
    printed = Signal(int)  # pages sent to the printer

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner,
        reference: str,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DossierDialog()
        self.ui.setupUi(self)
        self.ws = ws
        self.runner = runner
        self.reference = reference
        self._folder = Path(tempfile.mkdtemp(prefix="hubdesk-dossier-"))
        self.pdf_path: Path | None = None
        self._generation = 0
        self.document = QPdfDocument(self)
        self.ui.pdfView.setDocument(self.document)
        self.ui.pdfView.setPageMode(QPdfView.PageMode.MultiPage)
        self.ui.pdfView.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        for code, name in LAYOUT_NAMES:
            self.ui.languageCombo.addItem(name, code)
        self.ui.languageCombo.setCurrentIndex(max(self.ui.languageCombo.findData(language or get_language()), 0))
        self.ui.languageCombo.currentIndexChanged.connect(self.build)
        self.ui.printButton.clicked.connect(self.print_dialog)
        self.ui.saveButton.clicked.connect(self.save_dialog)
        self.ui.closeButton.clicked.connect(self.reject)
        self.setWindowTitle(_("Dossier {reference}").format(reference=reference))
        self._set_ready(False)
        self.build()

    @property
    def layout_code(self) -> str:
        return str(self.ui.languageCombo.currentData())

    def _set_ready(self, ready: bool) -> None:
        self.ui.printButton.setEnabled(ready)
        self.ui.saveButton.setEnabled(ready)

    def build(self) -> None:
        """Make the PDF in the chosen language, off the GUI thread, then show it."""
        self._generation += 1
        generation = self._generation
        layout = self.layout_code
        path = self._folder / f"{self.reference}-{layout}-{generation}.pdf"
        self._set_ready(False)
        self.ui.statusLabel.setText(_("Preparing the dossier…"))
        self.runner.read(
            dossiers.print_dossier,
            self.ws,
            self.reference,
            layout,
            path,
            on_done=lambda pages: self._built(generation, path, pages),
            on_error=self._failed,
            label=_("Preparing the dossier"),
        )

    def _built(self, generation: int, path: Path, pages: int) -> None:
        if generation != self._generation:
            return
        self.document.close()
        self.document.load(str(path))
        self.pdf_path = path
        self.ui.statusLabel.setText(_("{count} pages").format(count=pages) if pages != 1 else _("1 page"))
        self._set_ready(True)
        self.ready.emit(str(path))

    def _failed(self, error: BaseException) -> None:
        self.ui.statusLabel.setText(_("The dossier could not be made: {reason}").format(reason=error))
        self.ui.statusLabel.setStyleSheet("color: #b3261e;")

    # -- save and print --------------------------------------------------------------

    def save_dialog(self) -> None:
        suggested = str(Path.home() / f"{self.reference}-{self.layout_code}.pdf")
        target, _filter = QFileDialog.getSaveFileName(self, _("Save the dossier"), suggested, _("PDF (*.pdf)"))
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> Path:
        if self.pdf_path is None:
            raise RuntimeError("no dossier yet")
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        shutil.copyfile(self.pdf_path, target)
        self.ui.statusLabel.setText(_("Saved as {path}").format(path=target))
        return target

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.reference)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the dossier"))
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.open()

    def print_to(self, printer: QPrinter) -> int:
        """Draw every page on `printer` at its resolution; returns the page count."""
        painter = QPainter()
        if not painter.begin(printer):
            self.ui.statusLabel.setText(_("The printer could not be opened."))
            return 0
        count = self.document.pageCount()
        try:
            for page in range(count):
                if page:
                    printer.newPage()
                target = QRectF(painter.viewport())
                points = self.document.pagePointSize(page)
                scale = min(target.width() / points.width(), target.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                image = self.document.render(page, size)
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
        self.ui.statusLabel.setText(_("Sent to the printer."))
        self.printed.emit(count)
        return count

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.setWindowTitle(_("Dossier {reference}").format(reference=self.reference))
        super().changeEvent(event)

    def done(self, result: int) -> None:
        self.document.close()
        shutil.rmtree(self._folder, ignore_errors=True)
        super().done(result)
