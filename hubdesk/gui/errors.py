"""Errors shown to a person: what happened in plain words, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

from hubdesk.kernel.errors import (
    ConflictError,
    HubDeskError,
    Interrupted,
    NotFoundError,
    StorageError,
    ValidationError,
)
from hubdesk.kernel.i18n import _


@dataclass(frozen=True)
class Explanation:
    message: str
    next_step: str
    warning: bool = True  # a problem with the input (warning) rather than a failure (critical)


def explain(error: BaseException) -> Explanation:
    """The message of `error` for a person, with the next step to take."""
    if isinstance(error, Interrupted):
        return Explanation(str(error), _("Nothing was lost; you can start it again when you like."))
    if isinstance(error, ValidationError):
        return Explanation(str(error), _("Correct the value and try again."))
    if isinstance(error, ConflictError):
        return Explanation(str(error), _("Open the existing record instead, or change the value."))
    if isinstance(error, NotFoundError):
        return Explanation(str(error), _("Refresh the list: the record may have been removed by a sync."))
    if isinstance(error, StorageError):
        return Explanation(
            str(error),
            _("Check that the disk is not full and that the workspace folder can be written, then try again."),
            warning=False,
        )
    if isinstance(error, HubDeskError):
        return Explanation(str(error), _("Try again; if it happens again, contact support."), warning=False)
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        return Explanation(
            _("A file could not be read or written: {reason}{where}.").format(reason=reason, where=where),
            _("Check that the file exists and that you may open it, then try again."),
            warning=False,
        )
    return Explanation(
        _("Something unexpected went wrong: {detail}").format(detail=f"{type(error).__name__}: {error}"),
        _("Your saved work is safe. Try again; if it happens again, send the log to support."),
        warning=False,
    )


def show_error(parent: QWidget | None, error: BaseException, action: str = "") -> QMessageBox:
    """Show `error` in a window-modal box that does not block the event loop; returns the box."""
    explanation = explain(error)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if explanation.warning else QMessageBox.Icon.Critical)
    box.setWindowTitle(_("HubDesk"))
    box.setText(_("{action} did not succeed.").format(action=action) if action else _("This did not succeed."))
    box.setInformativeText(f"{explanation.message}\n\n{explanation.next_step}")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    box.open()
    return box
