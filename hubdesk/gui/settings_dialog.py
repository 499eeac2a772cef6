"""The settings dialog: language, server, sync interval, data folder and the advisor's contact for dossiers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from hubdesk.domain.identifiers import normalize_email, normalize_phone
from hubdesk.gui._forms.ui_settings_dialog import Ui_SettingsDialog
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_, _
from hubdesk.services.settings import Settings

LANGUAGE_NAMES = (("fr", "Français"), ("nl", "Nederlands"), ("en", "English"))


@dataclass(frozen=True)
class SettingsChoice:
    settings: Settings
    data_dir: Path


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.settings = settings
        for code, name in LANGUAGE_NAMES:
            self.ui.languageCombo.addItem(name, code)
        self.ui.languageCombo.setCurrentIndex(max(self.ui.languageCombo.findData(settings.language), 0))
        self.ui.serverEdit.setText(settings.server_url)
        self.ui.intervalSpin.setValue(settings.sync_interval_minutes)
        self.ui.folderEdit.setText(str(data_dir))
        self.ui.advisorNameEdit.setText(settings.advisor_name)
        self.ui.advisorEmailEdit.setText(settings.advisor_email)
        self.ui.advisorPhoneEdit.setText(settings.advisor_phone)
        self.ui.folderButton.clicked.connect(self._browse)
        self.ui.errorLabel.setStyleSheet("color: #b3261e;")
        self.ui.errorLabel.hide()
        self.choice: SettingsChoice | None = None

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the data folder"), self.ui.folderEdit.text())
        if folder:
            self.ui.folderEdit.setText(folder)

    def _read(self) -> SettingsChoice:
        server = self.ui.serverEdit.text().strip().rstrip("/")
        if server and not server.startswith(("http://", "https://")):
            raise ValidationError(N_("The server address must start with http:// or https://."), field="server")
        email = self.ui.advisorEmailEdit.text().strip()
        phone = self.ui.advisorPhoneEdit.text().strip()
        if email:
            normalize_email(email)
        if phone:
            normalize_phone(phone)
        folder = self.ui.folderEdit.text().strip()
        if not folder:
            raise ValidationError(N_("Choose a data folder."), field="folder")
        settings = self.settings.with_changes(
            language=str(self.ui.languageCombo.currentData()),
            server_url=server,
            sync_interval_minutes=self.ui.intervalSpin.value(),
            advisor_name=self.ui.advisorNameEdit.text().strip(),
            advisor_email=email,
            advisor_phone=phone,
        )
        return SettingsChoice(settings, Path(folder).expanduser())

    def accept(self) -> None:
        try:
            self.choice = self._read()
        except ValidationError as error:
            self.ui.errorLabel.setText(str(error))
            self.ui.errorLabel.show()
            return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
        super().changeEvent(event)
