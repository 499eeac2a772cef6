"""The small input dialogs: new case, visit, task and contact (Designer forms, checked live, saved by the caller)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from hubdesk.domain.entities import CaseKind, Channel
from hubdesk.domain.identifiers import normalize_email, normalize_enterprise_number, normalize_phone
from hubdesk.domain.reference import ReferenceData
from hubdesk.domain.workflow import channel_label, kind_label
from hubdesk.gui._forms.ui_contact_dialog import Ui_ContactDialog
from hubdesk.gui._forms.ui_new_case_dialog import Ui_NewCaseDialog
from hubdesk.gui._forms.ui_task_dialog import Ui_TaskDialog
from hubdesk.gui._forms.ui_visit_dialog import Ui_VisitDialog
from hubdesk.gui.errors import show_error as present_error
from hubdesk.kernel.errors import HubDeskError, ValidationError
from hubdesk.kernel.i18n import _

MESSAGE_STYLE = "color: #b3261e;"


def check_live(edit: QLineEdit, message: QLabel, check: object) -> bool:
    """Run `check(text)` on the edit's text and show its error under it; True when fine or empty."""
    text = edit.text()
    try:
        if text.strip():
            check(text)  # type: ignore[operator]
    except ValidationError as error:
        message.setText(str(error))
        message.setVisible(True)
        return False
    message.clear()
    message.setVisible(False)
    return True


def show_error(label: QLabel, error: HubDeskError | None) -> None:
    label.setStyleSheet(MESSAGE_STYLE)
    label.setText("" if error is None else str(error))
    label.setVisible(error is not None)


Submit = Callable[[dict[str, str], Callable[[Any], None], Callable[[BaseException], None]], None]


class SubmitDialog(QDialog):
    """A dialog that stays open until its values are saved: OK runs `submit`, an error shows inside it."""

    submit: Submit | None = None
    result_value: Any = None

    def values(self) -> dict[str, str]:
        raise NotImplementedError

    def show_error(self, error: HubDeskError) -> None:
        raise NotImplementedError

    def _ok_button(self) -> Any:
        box = self.findChild(QDialogButtonBox, "buttonBox")
        return box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None

    def accept(self) -> None:
        if self.submit is None:
            super().accept()
            return
        button = self._ok_button()
        if button is not None:
            button.setEnabled(False)

        def done(value: Any) -> None:
            self.result_value = value
            QDialog.accept(self)

        def failed(error: BaseException) -> None:
            if button is not None:
                button.setEnabled(True)
            if isinstance(error, HubDeskError):
                self.show_error(error)
            else:
                present_error(self, error)

        self.submit(self.values(), done, failed)


class NewCaseDialog(SubmitDialog):
    """Enterprise number, title, kind (an attaché post for export cases), account manager, due date."""

    def __init__(
        self,
        reference: ReferenceData,
        parent: QWidget | None = None,
        enterprise_number: str = "",
        account_manager: str = "",
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_NewCaseDialog()
        self.ui.setupUi(self)
        self.reference = reference
        self.ui.enterpriseMessage.setStyleSheet(MESSAGE_STYLE)
        self.ui.enterpriseEdit.setText(enterprise_number)
        self.ui.managerEdit.setText(account_manager)
        self.ui.enterpriseEdit.textChanged.connect(self._check)
        self.ui.kindCombo.currentIndexChanged.connect(self._kind_changed)
        self.ui.titleEdit.textChanged.connect(self._check)
        show_error(self.ui.errorLabel, None)
        self._fill()
        self._check()
        if enterprise_number:
            self.ui.titleEdit.setFocus()

    def _fill(self) -> None:
        kind = self.ui.kindCombo.currentData()
        post = self.ui.postCombo.currentData()
        self.ui.kindCombo.blockSignals(True)
        self.ui.kindCombo.clear()
        for case_kind in CaseKind:
            self.ui.kindCombo.addItem(kind_label(case_kind), case_kind.value)
        self.ui.kindCombo.setCurrentIndex(max(self.ui.kindCombo.findData(kind), 0))
        self.ui.kindCombo.blockSignals(False)
        self.ui.postCombo.clear()
        self.ui.postCombo.addItem(_("— none —"), "")
        for item in self.reference.attache_posts:
            city = str(item.get("city", ""))
            self.ui.postCombo.addItem(f"{city} ({item.get('country', '')})", city)
        self.ui.postCombo.setCurrentIndex(max(self.ui.postCombo.findData(post), 0))
        self._kind_changed()

    def _kind_changed(self) -> None:
        export = self.ui.kindCombo.currentData() == CaseKind.EXPORT_SUPPORT.value
        self.ui.postCombo.setEnabled(export)
        self.ui.postLabel.setEnabled(export)
        if not export:
            self.ui.postCombo.setCurrentIndex(0)

    def _check(self) -> None:
        number_ok = check_live(self.ui.enterpriseEdit, self.ui.enterpriseMessage, normalize_enterprise_number)
        ready = number_ok and bool(self.ui.enterpriseEdit.text().strip()) and bool(self.ui.titleEdit.text().strip())
        button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ready)

    def values(self) -> dict[str, str]:
        return {
            "number": self.ui.enterpriseEdit.text(),
            "title": self.ui.titleEdit.text(),
            "kind": str(self.ui.kindCombo.currentData()),
            "attache_post": str(self.ui.postCombo.currentData() or ""),
            "account_manager": self.ui.managerEdit.text(),
            "due_on": self.ui.dueEdit.text(),
        }

    def show_error(self, error: HubDeskError) -> None:
        show_error(self.ui.errorLabel, error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill()
        super().changeEvent(event)


class VisitDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_VisitDialog()
        self.ui.setupUi(self)
        for channel in Channel:
            self.ui.channelCombo.addItem(channel_label(channel), channel.value)
        self.ui.whenEdit.setDateTime(QDateTime.currentDateTime())
        self.ui.whenEdit.setDisplayFormat("yyyy-MM-dd HH:mm")
        show_error(self.ui.errorLabel, None)

    def values(self) -> dict[str, str]:
        return {
            "channel": str(self.ui.channelCombo.currentData()),
            "when": self.ui.whenEdit.dateTime().toString("yyyy-MM-ddTHH:mm"),
            "place": self.ui.placeEdit.text(),
            "notes": self.ui.notesEdit.toPlainText(),
        }

    def show_error(self, error: HubDeskError) -> None:
        show_error(self.ui.errorLabel, error)


class TaskDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TaskDialog()
        self.ui.setupUi(self)
        self.ui.dueEdit.setDate(QDate.currentDate().addDays(7))
        self.ui.dueEdit.setDisplayFormat("yyyy-MM-dd")
        self.ui.hasDueCheck.setChecked(True)
        self.ui.hasDueCheck.toggled.connect(self.ui.dueEdit.setEnabled)
        self.ui.titleEdit.textChanged.connect(self._check)
        show_error(self.ui.errorLabel, None)
        self._check()

    def _check(self) -> None:
        button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(bool(self.ui.titleEdit.text().strip()))

    def values(self) -> dict[str, str]:
        due = self.ui.dueEdit.date().toString("yyyy-MM-dd") if self.ui.hasDueCheck.isChecked() else ""
        return {"title": self.ui.titleEdit.text(), "due_on": due}

    def due_date(self) -> date | None:
        return self.ui.dueEdit.date().toPython() if self.ui.hasDueCheck.isChecked() else None  # type: ignore[no-any-return]

    def show_error(self, error: HubDeskError) -> None:
        show_error(self.ui.errorLabel, error)


class ContactDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ContactDialog()
        self.ui.setupUi(self)
        self.phone_message = QLabel(self)
        self.email_message = QLabel(self)
        for label in (self.phone_message, self.email_message):
            label.setStyleSheet(MESSAGE_STYLE)
            label.setWordWrap(True)
            label.hide()
        self.ui.contactForm.insertRow(3, "", self.phone_message)
        self.ui.contactForm.addRow("", self.email_message)
        self.ui.nameEdit.textChanged.connect(self._check)
        self.ui.phoneEdit.textChanged.connect(self._check)
        self.ui.emailEdit.textChanged.connect(self._check)
        show_error(self.ui.errorLabel, None)
        self._check()

    def _check(self) -> None:
        phone_ok = check_live(self.ui.phoneEdit, self.phone_message, normalize_phone)
        email_ok = check_live(self.ui.emailEdit, self.email_message, normalize_email)
        button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(phone_ok and email_ok and bool(self.ui.nameEdit.text().strip()))

    def values(self) -> dict[str, str]:
        return {
            "name": self.ui.nameEdit.text(),
            "role": self.ui.roleEdit.text(),
            "phone": self.ui.phoneEdit.text(),
            "email": self.ui.emailEdit.text(),
        }

    def show_error(self, error: HubDeskError) -> None:
        show_error(self.ui.errorLabel, error)
