"""The enterprise view: identity checked as typed, a commune picker for shared postal codes, SME size, contacts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableWidgetItem, QWidget

from hubdesk.domain.entities import Enterprise, SmeClass
from hubdesk.domain.identifiers import format_enterprise_number, format_iban, format_phone
from hubdesk.domain.reference import ReferenceData
from hubdesk.domain.sme import enterprise_sme_class
from hubdesk.domain.workflow import kind_label, status_label
from hubdesk.gui._forms.ui_enterprise_view import Ui_EnterpriseView
from hubdesk.gui.dialogs import ContactDialog
from hubdesk.gui.tasks import TaskRunner
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_, _
from hubdesk.services import browse, records
from hubdesk.services.browse import EnterpriseDetail
from hubdesk.services.records import Saved
from hubdesk.services.workspace import Workspace

MESSAGE_STYLE = "color: #b3261e;"
LANGUAGE_NAMES = (("fr", "Français"), ("nl", "Nederlands"), ("en", "English"))
SIZE_LABELS = {
    SmeClass.MICRO: N_("Micro enterprise"),
    SmeClass.SMALL: N_("Small enterprise"),
    SmeClass.MEDIUM: N_("Medium-sized enterprise"),
    SmeClass.LARGE: N_("Large enterprise (not an SME)"),
}


class EnterpriseView(QWidget):
    """Shows one enterprise, or a blank one to create; saves through the services on the database lane."""

    changed = Signal(object)  # Changes
    loaded = Signal(str)  # enterprise id
    saved = Signal(str)  # enterprise id
    open_case = Signal(str)  # case id
    new_case_requested = Signal(str)  # enterprise number
    dirty_changed = Signal(bool)

    # (service field, widget name without Edit/Combo); each is checked live by the service's own rules
    FIELDS: tuple[tuple[str, str], ...] = (
        ("number", "number"),
        ("name", "name"),
        ("legal_form", "legalForm"),
        ("vat_number", "vat"),
        ("iban", "iban"),
        ("phone", "phone"),
        ("email", "email"),
        ("street", "street"),
        ("postal_code", "postalCode"),
        ("commune", "commune"),
        ("city", "city"),
        ("sector", "sector"),
        ("language", "language"),
        ("account_manager", "manager"),
        ("nace", "nace"),
        ("headcount", "headcount"),
        ("turnover", "turnover"),
        ("balance_sheet", "balance"),
    )
    FIGURES = ("headcount", "turnover", "balance_sheet")

    def __init__(self, ws: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EnterpriseView()
        self.ui.setupUi(self)
        self.ws = ws
        self.runner = runner
        self.reference: ReferenceData = ws.reference
        self.detail: EnterpriseDetail | None = None
        self._original: dict[str, str] = {}
        self._requested: str | None = None
        self._loading = False
        self._errors: dict[str, str] = {}
        title_font = self.ui.titleLabel.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        # the commune list first, so the check that follows sees the communes of the new code
        self.ui.postalCodeEdit.textChanged.connect(self._postal_code_changed)
        for _key, name in self.FIELDS:
            message = self.message(name)
            message.setStyleSheet(MESSAGE_STYLE)
            message.hide()
            widget = self.widget(name)
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self._edited)
            else:
                widget.currentIndexChanged.connect(self._edited)
        self.ui.postalCodeEdit.setMaxLength(4)
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.revertButton.clicked.connect(self.revert)
        self.ui.addContactButton.clicked.connect(self.add_contact)
        self.ui.newCaseButton.clicked.connect(self._new_case)
        self.ui.caseTable.itemActivated.connect(self._case_activated)
        self.ui.caseTable.horizontalHeader().setStretchLastSection(True)
        self.ui.contactTable.horizontalHeader().setStretchLastSection(True)
        self._fill_choices()
        self.start_new()

    # -- widgets ---------------------------------------------------------------------

    def widget(self, name: str) -> QLineEdit | QComboBox:
        found = getattr(self.ui, f"{name}Edit", None) or getattr(self.ui, f"{name}Combo")
        return found  # type: ignore[no-any-return]

    def message(self, name: str) -> QLabel:
        return getattr(self.ui, f"{name}Message")  # type: ignore[no-any-return]

    def text_of(self, name: str) -> str:
        widget = self.widget(name)
        if isinstance(widget, QLineEdit):
            return widget.text()
        data = widget.currentData()
        return "" if data is None else str(data)

    def _set_text(self, name: str, value: str) -> None:
        widget = self.widget(name)
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        else:
            widget.setCurrentIndex(max(widget.findData(value or None), 0) if value else 0)

    def _fill_choices(self) -> None:
        sector, language = self.ui.sectorCombo.currentData(), self.ui.languageCombo.currentData()
        for combo in (self.ui.sectorCombo, self.ui.languageCombo):
            combo.blockSignals(True)
            combo.clear()
        self.ui.sectorCombo.addItem(_("— not set —"), None)
        for item in sorted(self.reference.sectors, key=lambda s: s.label()):
            self.ui.sectorCombo.addItem(item.label(), item.key)
        for code, name in LANGUAGE_NAMES:
            self.ui.languageCombo.addItem(name, code)
        self.ui.sectorCombo.setCurrentIndex(max(self.ui.sectorCombo.findData(sector), 0))
        self.ui.languageCombo.setCurrentIndex(max(self.ui.languageCombo.findData(language), 0))
        for combo in (self.ui.sectorCombo, self.ui.languageCombo):
            combo.blockSignals(False)
        self._postal_code_changed()

    def _postal_code_changed(self) -> None:
        """List the communes of the postal code; ask (no default) when two communes share it."""
        combo = self.ui.communeCombo
        current = combo.currentData() or self._original.get("commune") or None
        communes = self.reference.communes_for_postal_code(self.ui.postalCodeEdit.text().strip())
        combo.blockSignals(True)
        combo.clear()
        if len(communes) > 1:
            combo.addItem(_("— which commune? —"), None)
        for commune in communes:
            combo.addItem(commune.name(), commune.nis)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.setEnabled(len(communes) > 1)
        combo.blockSignals(False)

    # -- loading ---------------------------------------------------------------------

    @property
    def enterprise(self) -> Enterprise | None:
        return self.detail.enterprise if self.detail else None

    @property
    def is_new(self) -> bool:
        return self.detail is None

    def load(self, enterprise_id: str) -> None:
        self._requested = enterprise_id
        self.runner.read(
            browse.enterprise_detail,
            self.ws,
            enterprise_id,
            on_done=lambda detail: self._show(enterprise_id, detail),
        )

    def reload(self) -> None:
        if self.detail is not None:
            self.load(self.detail.enterprise.id)

    def start_new(self) -> None:
        """A blank enterprise to fill in; Save creates it."""
        self._requested = None
        self.detail = None
        self._original = {key: "" for key, _name in self.FIELDS}
        self._original["language"] = "fr"
        self._put_values(self._original)
        self.ui.numberEdit.setReadOnly(False)
        self.ui.tabs.setCurrentWidget(self.ui.identityTab)
        self.ui.contactsTab.setEnabled(False)
        self.ui.casesTab.setEnabled(False)
        self.ui.newCaseButton.setEnabled(False)
        self.ui.contactTable.setRowCount(0)
        self.ui.caseTable.setRowCount(0)
        self._show_title()
        self.ui.saveStatus.clear()

    def _show(self, enterprise_id: str, detail: EnterpriseDetail) -> None:
        if enterprise_id != self._requested:
            return
        self.detail = detail
        self._original = self.values_of(detail.enterprise)
        self._put_values(self._original)
        self.ui.contactsTab.setEnabled(True)
        self.ui.casesTab.setEnabled(True)
        self.ui.newCaseButton.setEnabled(True)
        self._show_title()
        self._show_contacts()
        self._show_cases()
        self.ui.saveStatus.clear()
        self.loaded.emit(enterprise_id)

    def values_of(self, enterprise: Enterprise) -> dict[str, str]:
        """The enterprise as the text a person would type in each field."""
        address, figures = enterprise.address, enterprise.figures

        def number(value: Decimal | None) -> str:
            return "" if value is None else format(value.normalize(), "f")

        return {
            "number": format_enterprise_number(enterprise.number),
            "name": enterprise.name,
            "legal_form": enterprise.legal_form,
            "vat_number": enterprise.vat_number or "",
            "iban": format_iban(enterprise.iban) if enterprise.iban else "",
            "phone": format_phone(enterprise.phone) if enterprise.phone else "",
            "email": enterprise.email or "",
            "street": address.street,
            "postal_code": address.postal_code,
            "commune": address.commune_nis or "",
            "city": address.city,
            "sector": enterprise.sector or "",
            "language": enterprise.language.value,
            "account_manager": enterprise.account_manager or "",
            "nace": ", ".join(code.code for code in enterprise.nace_codes),
            "headcount": number(figures.headcount),
            "turnover": number(figures.turnover_eur),
            "balance_sheet": number(figures.balance_sheet_eur),
        }

    def _put_values(self, values: dict[str, str]) -> None:
        self._loading = True
        try:
            for key, name in self.FIELDS:
                if key != "commune":
                    self._set_text(name, values.get(key, ""))
            self._postal_code_changed()
            self._set_text("commune", values.get("commune", ""))
        finally:
            self._loading = False
        self._edited()

    def _show_title(self) -> None:
        if self.detail is None:
            self.ui.titleLabel.setText(_("New enterprise"))
        else:
            enterprise = self.detail.enterprise
            self.ui.titleLabel.setText(f"{enterprise.name} · {format_enterprise_number(enterprise.number)}")

    def _show_contacts(self) -> None:
        contacts = self.detail.contacts if self.detail else ()
        self.ui.contactTable.setRowCount(len(contacts))
        for row, contact in enumerate(contacts):
            cells = (
                contact.name,
                contact.role,
                format_phone(contact.phone) if contact.phone else "",
                contact.email or "",
            )
            for column, text in enumerate(cells):
                self.ui.contactTable.setItem(row, column, QTableWidgetItem(text))
        self.ui.contactTable.resizeColumnsToContents()
        self.ui.tabs.setTabText(
            self.ui.tabs.indexOf(self.ui.contactsTab), _("C&ontacts ({count})").format(count=len(contacts))
        )

    def _show_cases(self) -> None:
        cases = self.detail.cases if self.detail else ()
        self.ui.caseTable.setRowCount(len(cases))
        for row, case in enumerate(cases):
            cells = (case.reference, case.title, kind_label(case.kind), status_label(case.status))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, case.id)
                self.ui.caseTable.setItem(row, column, item)
        self.ui.caseTable.resizeColumnsToContents()
        self.ui.tabs.setTabText(self.ui.tabs.indexOf(self.ui.casesTab), _("Ca&ses ({count})").format(count=len(cases)))

    # -- live checks -----------------------------------------------------------------

    def current_values(self) -> dict[str, str]:
        return {key: self.text_of(name) for key, name in self.FIELDS}

    def changed_values(self) -> dict[str, str]:
        current = self.current_values()
        changed = {k: v for k, v in current.items() if v != self._original.get(k, "")}
        if "postal_code" in changed or "commune" in changed:
            changed["postal_code"] = current["postal_code"]
            changed["commune"] = current["commune"]
        return changed

    @property
    def dirty(self) -> bool:
        return bool(self.changed_values())

    def _base(self) -> Enterprise:
        return self.enterprise or Enterprise(id="", number="", name="")

    def _problem(self, values: dict[str, str]) -> str:
        """The service's own check of some typed values (no database involved): its message, or ""."""
        try:
            records.apply_enterprise_fields(self.ws, self._base(), values)
        except ValidationError as error:
            return str(error)
        return ""

    def _edited(self) -> None:
        if self._loading:
            return
        self._errors.clear()
        current = self.current_values()
        for key, name in self.FIELDS:
            text = current[key]
            if key == "commune":
                continue
            if key == "postal_code":
                problem = self._problem({"postal_code": text, "commune": current["commune"]}) if text.strip() else ""
            elif key == "number" and not text.strip():
                problem = _("Enter the enterprise number (10 digits, like 0403.019.261).")
            else:
                problem = self._problem({key: text}) if (text.strip() or key == "name") else ""
            self._set_problem(name, problem)
            if problem:
                self._errors[key] = problem
        self._show_size(current)
        dirty = self.dirty
        self.ui.saveButton.setEnabled(dirty and not self._errors)
        self.ui.revertButton.setEnabled(dirty)
        self.dirty_changed.emit(dirty)

    def _set_problem(self, name: str, problem: str) -> None:
        message = self.message(name)
        message.setText(problem)
        message.setVisible(bool(problem))
        widget = self.widget(name)
        widget.setStyleSheet("border: 1px solid #b3261e;" if problem and isinstance(widget, QLineEdit) else "")

    def _show_size(self, current: dict[str, str]) -> None:
        try:
            sized = records.apply_enterprise_fields(self.ws, self._base(), {k: current[k] for k in self.FIGURES})
        except ValidationError:
            self.ui.smeValue.setText("—")
            return
        size = enterprise_sme_class(sized)
        text = (
            _(SIZE_LABELS[size])
            if size
            else _("Not known yet: enter the headcount and the turnover or the balance sheet total.")
        )
        if sized.related:
            text += " " + _("(with {count} linked or partner enterprises counted)").format(count=len(sized.related))
        self.ui.smeValue.setText(text)

    # -- saving ----------------------------------------------------------------------

    def save(self) -> None:
        """Create or update the enterprise; a refused value is shown beside its field."""
        if self._errors:
            first = next(iter(self._errors))
            name = next(n for k, n in self.FIELDS if k == first)
            self.widget(name).setFocus()
            return
        if self.is_new:
            values = {k: v for k, v in self.current_values().items() if v}
            self.runner.write(
                records.add_enterprise,
                self.ws,
                values,
                on_done=self._saved,
                on_error=self._refused,
                label=_("Saving the enterprise"),
            )
            return
        changes = self.changed_values()
        if not changes or self.enterprise is None:
            return
        self.runner.write(
            records.update_enterprise,
            self.ws,
            self.enterprise.number,
            changes,
            on_done=self._saved,
            on_error=self._refused,
            label=_("Saving the enterprise"),
        )

    def _saved(self, saved: Saved[Enterprise]) -> None:
        enterprise = saved.value
        self._requested = enterprise.id
        self.detail = (
            replace(self.detail, enterprise=enterprise)
            if self.detail is not None
            else EnterpriseDetail(enterprise, (), (), None)
        )
        self._original = self.values_of(enterprise)
        self._put_values(self._original)
        self._show_title()
        self.ui.contactsTab.setEnabled(True)
        self.ui.casesTab.setEnabled(True)
        self.ui.newCaseButton.setEnabled(True)
        self.ui.saveStatus.setText(_("Saved."))
        self.changed.emit(saved.changes)
        self.saved.emit(enterprise.id)

    def _refused(self, error: BaseException) -> None:
        field = getattr(error, "field", None)
        names = dict(self.FIELDS)
        if field in names:
            self._set_problem(names[field], str(error))
            self.widget(names[field]).setFocus()
            self.ui.saveStatus.setText(_("Not saved: correct the field marked in red."))
        else:
            self.ui.saveStatus.setText(_("Not saved: {reason}").format(reason=error))
        self.ui.saveStatus.setStyleSheet(MESSAGE_STYLE)

    def revert(self) -> None:
        self._put_values(self._original)
        self.ui.saveStatus.clear()

    # -- contacts and cases ----------------------------------------------------------

    def add_contact(self) -> None:
        if self.enterprise is None:
            return
        dialog = ContactDialog(self)
        number = self.enterprise.number

        def submit(values: dict[str, str], done: Callable[[Any], None], fail: Callable[[BaseException], None]) -> None:
            def saved(result: Saved[Any]) -> None:
                done(result)
                self.changed.emit(result.changes)
                self.reload()

            self.runner.write(
                records.add_contact,
                self.ws,
                number,
                values["name"],
                values["role"],
                values["phone"],
                values["email"],
                on_done=saved,
                on_error=fail,
            )

        dialog.submit = submit
        dialog.open()

    def _case_activated(self, item: QTableWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id:
            self.open_case.emit(case_id)

    def _new_case(self) -> None:
        if self.enterprise is not None:
            self.new_case_requested.emit(self.enterprise.number)

    # -- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self._fill_choices()
        if self._original:
            self._set_text("commune", self.text_of("commune") or self._original.get("commune", ""))
        self._show_title()
        self._show_contacts()
        self._show_cases()
        self._edited()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
