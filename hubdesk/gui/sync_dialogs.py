"""The login dialog (the token goes to the keyring, a plain explanation when there is none) and the conflict dialog."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from hubdesk.gui._forms.ui_conflict_dialog import Ui_ConflictDialog
from hubdesk.gui._forms.ui_login_dialog import Ui_LoginDialog
from hubdesk.gui.errors import explain
from hubdesk.kernel.i18n import _

MESSAGE_STYLE = "color: #b3261e;"

# login(server, user, password, session_only, done, failed): runs the service on a background lane
LoginCall = Callable[[str, str, str, bool, Callable[[Any], None], Callable[[BaseException], None]], None]


class LoginDialog(QDialog):
    """Server, user and password. Without a system keyring it says so, and logs in for this session only
    once the person agrees; the password itself is never kept."""

    def __init__(self, server: str, user: str, login: LoginCall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self._login = login
        self.result_value: Any = None
        self.ui.serverEdit.setText(server)
        self.ui.userEdit.setText(user)
        self.ui.errorLabel.setStyleSheet(MESSAGE_STYLE)
        self.ui.errorLabel.hide()
        self.ui.keyringNotice.hide()
        self.ui.sessionOnlyCheck.hide()
        for edit in (self.ui.serverEdit, self.ui.userEdit, self.ui.passwordEdit):
            edit.textChanged.connect(self._check)
        self.ui.sessionOnlyCheck.toggled.connect(self._check)
        self._check()
        (self.ui.passwordEdit if server and user else self.ui.serverEdit).setFocus()

    def _ok(self) -> Any:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    def _check(self) -> None:
        filled = all(e.text().strip() for e in (self.ui.serverEdit, self.ui.userEdit)) and bool(
            self.ui.passwordEdit.text()
        )
        needs_consent = self.ui.sessionOnlyCheck.isVisibleTo(self) and not self.ui.sessionOnlyCheck.isChecked()
        self._ok().setEnabled(filled and not needs_consent)

    def show_no_keyring(self) -> None:
        """No keyring on this computer: explain, and ask for consent to a session-only login."""
        self.ui.keyringNotice.show()
        self.ui.sessionOnlyCheck.show()
        self.ui.sessionOnlyCheck.setFocus()
        self._check()

    @property
    def session_only(self) -> bool:
        return self.ui.sessionOnlyCheck.isVisibleTo(self) and self.ui.sessionOnlyCheck.isChecked()

    def accept(self) -> None:
        self._ok().setEnabled(False)
        self.ui.errorLabel.hide()

        def done(value: Any) -> None:
            self.result_value = value
            self.ui.passwordEdit.clear()
            QDialog.accept(self)

        def failed(error: BaseException) -> None:
            if getattr(error, "code", "") == "no_keyring":
                self.show_no_keyring()
            else:
                explanation = explain(error)
                self.ui.errorLabel.setText(f"{explanation.message} {explanation.next_step}")
                self.ui.errorLabel.show()
            self._check()

        self._login(
            self.ui.serverEdit.text().strip(),
            self.ui.userEdit.text().strip(),
            self.ui.passwordEdit.text(),
            self.session_only,
            done,
            failed,
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
        super().changeEvent(event)


def shown_value(value: Any) -> str:
    """A field value as a person reads it in the conflict dialog."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return json.dumps(value, ensure_ascii=False, indent=1)


class ConflictDialog(QDialog):
    """Base, mine and theirs side by side; keep mine, theirs, or write another value."""

    def __init__(self, conflict: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ConflictDialog()
        self.ui.setupUi(self)
        self.conflict = conflict
        self.ui.baseText.setPlainText(shown_value(getattr(conflict, "base", None)))
        self.ui.mineText.setPlainText(shown_value(conflict.mine))
        self.ui.theirsText.setPlainText(shown_value(conflict.theirs))
        self.ui.otherText.setPlainText(shown_value(conflict.mine) if conflict.mine is not None else "")
        authors = conflict.authors or {}
        self.ui.mineAuthor.setText(str(authors.get("mine", "")))
        self.ui.theirsAuthor.setText(str(authors.get("theirs", "")))
        self.ui.otherText.setEnabled(False)
        self.ui.keepOther.toggled.connect(self.ui.otherText.setEnabled)
        if conflict.kind == "rejected":
            self.ui.keepOther.hide()
            self.ui.otherText.hide()
        self.retranslate()

    def retranslate(self) -> None:
        conflict = self.conflict
        if conflict.kind == "rejected":
            text = _("The server refused your change to “{field}” of {record}: {reason}").format(
                field=conflict.field_label, record=conflict.record_label, reason=conflict.message or "—"
            )
            self.ui.keepMine.setText(_("&Send my change again"))
            self.ui.keepTheirs.setText(_("&Drop my change"))
        else:
            text = _("“{field}” of {record} was changed here and by a colleague. Choose the value to keep.").format(
                field=conflict.field_label, record=conflict.record_label
            )
        self.ui.description.setText(text)

    @property
    def keep(self) -> str:
        if self.ui.keepTheirs.isChecked():
            return "theirs"
        if self.ui.keepOther.isChecked():
            return "value"
        return "mine"

    @property
    def value(self) -> str | None:
        """The value written by hand, as JSON: text for a text field, else what the text reads as (a number...)."""
        if self.keep != "value":
            return None
        text = self.ui.otherText.toPlainText()
        if isinstance(self.conflict.mine, str) or isinstance(self.conflict.theirs, str):
            return json.dumps(text, ensure_ascii=False)
        try:
            json.loads(text)
        except ValueError:
            return json.dumps(text, ensure_ascii=False)
        return text

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self.retranslate()
        super().changeEvent(event)
