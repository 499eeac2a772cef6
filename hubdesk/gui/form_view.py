"""Renders any form definition as widgets: every field kind, live conditions, messages beside fields, computed values.

The definition is data (see hubdesk.forms); this module only maps field kinds to
widgets. After every change the answers are validated with the core's own
`validate` (a draft is checked for what is filled in; "check completeness" checks
everything), hidden fields follow their `shown_if`, computed values are recalculated,
and `answers_changed` is emitted so the case view can save the draft.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from hubdesk.domain.reference import ReferenceData
from hubdesk.forms import FieldDef, FieldKind, FormContext, FormDefinition, Issue, compute, format_answer, localized
from hubdesk.forms import summarize as summarize_form
from hubdesk.forms import validate as validate_form
from hubdesk.forms.summary import PrintableSummary
from hubdesk.forms.validation import is_required, visible
from hubdesk.kernel.i18n import _, get_language

# Asks the host to store a file chosen for an attachment field; calls back with {"name", "sha256"}.
AttachHook = Callable[[str, Callable[[dict[str, Any]], None]], None]

MESSAGE_STYLE = "color: #b3261e;"
HELP_STYLE = "color: #5f6368;"


def _number_text(text: str) -> Any:
    """What a number field stores: a canonical decimal string when it reads as a number, else the text."""
    stripped = text.strip()
    if not stripped:
        return None
    candidate = stripped.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    if "," in candidate and "." in candidate:
        candidate = candidate.replace(".", "").replace(",", ".")  # 12.500,50 written the Belgian way
    candidate = candidate.replace(",", ".")
    try:
        number = Decimal(candidate)
    except InvalidOperation:
        return stripped
    if not number.is_finite():
        return stripped
    return format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")


class FieldEditor(QWidget):
    """The input widget(s) of one field; `value()` is what goes into the answers (None when empty)."""

    changed = Signal()

    def __init__(self, spec: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self

    def retranslate(self) -> None:
        """Refresh texts that come from the definition or the catalog."""


class LineEditor(FieldEditor):
    def __init__(self, spec: FieldDef, parent: QWidget | None = None, numeric: bool = False) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        self.numeric = numeric
        if spec.max_length:
            self.edit.setMaxLength(max(spec.max_length * 2, spec.max_length + 50))  # the check explains, not truncates
        if numeric:
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.edit.setMaximumWidth(220)
        self.layout_.addWidget(self.edit)
        if spec.kind is FieldKind.MONEY:
            self.layout_.addWidget(QLabel("€", self))
        if numeric:
            self.layout_.addStretch(1)
        self.edit.textChanged.connect(self.changed)

    def value(self) -> Any:
        text = self.edit.text()
        if self.numeric:
            return _number_text(text)
        return text.strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit


class LongTextEditor(FieldEditor):
    def __init__(self, spec: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(90)
        self.layout_.addWidget(self.edit)
        self.edit.textChanged.connect(self.changed)

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit


class DateEditor(FieldEditor):
    """An ISO date typed or picked from a calendar; empty is allowed (unlike QDateEdit)."""

    def __init__(self, spec: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        self.edit.setMaximumWidth(160)
        self.button = QToolButton(self)
        self.button.setText("📅")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.layout_.addWidget(self.edit)
        self.layout_.addWidget(self.button)
        self.layout_.addStretch(1)
        self.edit.textChanged.connect(self.changed)
        self.retranslate()

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString(Qt.DateFormat.ISODate))
        menu = self.button.menu()
        if menu is not None:
            menu.hide()

    def value(self) -> Any:
        return self.edit.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        self.button.setToolTip(_("Pick a date"))


class ChoiceEditor(FieldEditor):
    def __init__(self, spec: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        # As wide as its longest choice, but able to shrink with the pane (a long choice is
        # then elided, and shown whole in the list and the tooltip) rather than push the form
        # wider than its pane.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(18)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.currentTextChanged.connect(self.combo.setToolTip)
        self.layout_.addWidget(self.combo, 10)
        self.layout_.addStretch(1)
        self.retranslate()
        self.combo.currentIndexChanged.connect(self.changed)

    def retranslate(self) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(_("— choose —"), None)
        for choice in self.spec.choices:
            self.combo.addItem(localized(choice.label), choice.value)
        metrics = self.combo.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.combo.itemText(i)) for i in range(self.combo.count()))
        self.combo.setMaximumWidth(widest + 48)  # no wider than the longest choice, its arrow and frame
        self.combo.view().setMinimumWidth(widest + 32)  # the list always shows whole choices
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))

    def focus_widget(self) -> QWidget:
        return self.combo


class YesNoEditor(FieldEditor):
    def __init__(self, spec: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        self.layout_.addWidget(self.combo, 10)
        self.layout_.addStretch(1)
        self.retranslate()
        self.combo.currentIndexChanged.connect(self.changed)

    def retranslate(self) -> None:
        index = self.combo.currentIndex()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(_("— choose —"), None)
        self.combo.addItem(_("Yes"), True)
        self.combo.addItem(_("No"), False)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex({True: 1, False: 2}.get(value, 0) if isinstance(value, bool) else 0)

    def focus_widget(self) -> QWidget:
        return self.combo


class MultiChoiceEditor(FieldEditor):
    def __init__(self, spec: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for number, _choice in enumerate(spec.choices):
            box = QCheckBox(self)
            box.toggled.connect(self.changed)
            grid.addWidget(box, number // 2, number % 2)
            self.boxes.append(box)
        self.layout_.addLayout(grid)
        self.retranslate()

    def retranslate(self) -> None:
        for box, choice in zip(self.boxes, self.spec.choices, strict=True):
            box.setText(localized(choice.label))

    def value(self) -> Any:
        chosen = [c.value for box, c in zip(self.boxes, self.spec.choices, strict=True) if box.isChecked()]
        return chosen or None

    def set_value(self, value: Any) -> None:
        values = set(value) if isinstance(value, list) else set()
        for box, choice in zip(self.boxes, self.spec.choices, strict=True):
            box.blockSignals(True)
            box.setChecked(choice.value in values)
            box.blockSignals(False)

    def focus_widget(self) -> QWidget:
        return self.boxes[0] if self.boxes else self


class PostalCodeEditor(FieldEditor):
    """A postal code; when it is shared by two communes (1040, 1050) a picker asks which one."""

    def __init__(self, spec: FieldDef, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.reference = reference
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(4)
        self.edit.setMaximumWidth(80)
        self.commune = QComboBox(self)
        self.commune.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.commune_label = QLabel(self)
        self.layout_.addWidget(self.edit)
        self.layout_.addWidget(self.commune)
        self.layout_.addWidget(self.commune_label)
        self.layout_.addStretch(1)
        self.edit.textChanged.connect(self._code_changed)
        self.commune.currentIndexChanged.connect(self.changed)
        self._code_changed()

    def _code_changed(self) -> None:
        communes = self.reference.communes_for_postal_code(self.edit.text().strip())
        self.commune.blockSignals(True)
        current = self.commune.currentData()
        self.commune.clear()
        if len(communes) > 1:
            self.commune.addItem(_("— which commune? —"), None)
            for commune in communes:
                self.commune.addItem(commune.name(), commune.nis)
            self.commune.setCurrentIndex(max(self.commune.findData(current), 0))
        self.commune.blockSignals(False)
        self.commune.setVisible(len(communes) > 1)
        self.commune_label.setText(communes[0].name() if len(communes) == 1 else "")
        self.changed.emit()

    def value(self) -> Any:
        code = self.edit.text().strip()
        if not code:
            return None
        if self.commune.isVisibleTo(self) and self.commune.count():
            return {"postal_code": code, "commune_nis": self.commune.currentData()}
        return code

    def set_value(self, value: Any) -> None:
        code, nis = (value.get("postal_code"), value.get("commune_nis")) if isinstance(value, dict) else (value, None)
        self.edit.setText("" if code is None else str(code))
        if nis is not None:
            self.commune.setCurrentIndex(max(self.commune.findData(nis), 0))

    def focus_widget(self) -> QWidget:
        return self.edit

    def retranslate(self) -> None:
        nis = self.commune.currentData()
        self._code_changed()
        if nis is not None:
            self.commune.setCurrentIndex(max(self.commune.findData(nis), 0))


class AttachmentEditor(FieldEditor):
    def __init__(self, spec: FieldDef, attach: AttachHook | None, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.attach = attach
        self._value: dict[str, Any] | None = None
        self.button = QPushButton(self)
        self.name = QLabel(self)
        self.clear = QToolButton(self)
        self.clear.setText("✕")
        self.layout_.addWidget(self.button)
        self.layout_.addWidget(self.name, 1)
        self.layout_.addWidget(self.clear)
        self.button.clicked.connect(self._choose)
        self.clear.clicked.connect(lambda: self._set({}))
        self.retranslate()
        self._show()

    def retranslate(self) -> None:
        self.button.setText(_("Choose a file…"))
        self.clear.setToolTip(_("Remove this file from the answer"))

    def _choose(self) -> None:
        if self.attach is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a file"))
        if path:
            self.attach(path, self._set)

    def _set(self, value: dict[str, Any]) -> None:
        self._value = value or None
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.name.setText(str(self._value.get("name", "")) if self._value else "")
        self.clear.setVisible(bool(self._value))

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = dict(value) if isinstance(value, dict) else None
        self._show()

    def focus_widget(self) -> QWidget:
        return self.button


class GroupEditor(FieldEditor):
    """A repeating group (installations, quotes, premises): one framed block of fields per line."""

    def __init__(self, spec: FieldDef, factory: EditorFactory, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.factory = factory
        self.rows: list[FieldsPanel] = []
        self.frames: list[QFrame] = []
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        body.addLayout(self.rows_layout)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self._add_clicked)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        body.addLayout(add_row)
        self.layout_.addLayout(body)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(_("Add a line"))
        for number, frame in enumerate(self.frames):
            title = frame.findChild(QLabel, "lineTitle")
            if title is not None:
                title.setText(_("Line {number}").format(number=number + 1))
            remove = frame.findChild(QPushButton, "removeLine")
            if remove is not None:
                remove.setText(_("Remove this line"))
        for panel in self.rows:
            panel.retranslate()

    def _add_clicked(self) -> None:
        panel = self._add_row({})
        panel.focus_first()
        self.changed.emit()

    def _add_row(self, values: Mapping[str, Any]) -> FieldsPanel:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        header = QHBoxLayout()
        title = QLabel(frame)
        title.setObjectName("lineTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        remove = QPushButton(frame)
        remove.setObjectName("removeLine")
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(remove)
        layout.addLayout(header)
        panel = FieldsPanel(self.spec.fields, self.factory, frame)
        panel.set_values(values)
        panel.changed.connect(self.changed)
        layout.addWidget(panel)
        self.rows_layout.addWidget(frame)
        self.rows.append(panel)
        self.frames.append(frame)
        remove.clicked.connect(lambda: self._remove(frame))
        self.retranslate()
        return panel

    def _remove(self, frame: QFrame) -> None:
        index = self.frames.index(frame)
        self.frames.pop(index)
        self.rows.pop(index)
        frame.hide()
        frame.deleteLater()
        self.retranslate()
        self.changed.emit()

    def value(self) -> Any:
        lines = [panel.values() for panel in self.rows]
        return lines or None

    def set_value(self, value: Any) -> None:
        for frame in self.frames:
            frame.deleteLater()
        self.frames.clear()
        self.rows.clear()
        for line in value if isinstance(value, list) else []:
            self._add_row(line if isinstance(line, dict) else {})

    def focus_widget(self) -> QWidget:
        return self.add_button

    def update_state(self, issues: Mapping[str, list[str]], path: str, check_all: bool) -> None:
        for number, panel in enumerate(self.rows):
            panel.update_state(issues, f"{path}[{number}].", check_all)


class EditorFactory:
    """Makes the editor of a field kind; holds what some editors need (reference data, the attach hook)."""

    def __init__(self, reference: ReferenceData, attach: AttachHook | None) -> None:
        self.reference = reference
        self.attach = attach

    def make(self, spec: FieldDef, parent: QWidget) -> FieldEditor:
        kind = spec.kind
        if kind in (FieldKind.NUMBER, FieldKind.MONEY):
            return LineEditor(spec, parent, numeric=True)
        if kind is FieldKind.LONG_TEXT:
            return LongTextEditor(spec, parent)
        if kind is FieldKind.DATE:
            return DateEditor(spec, parent)
        if kind is FieldKind.CHOICE:
            return ChoiceEditor(spec, parent)
        if kind is FieldKind.MULTI_CHOICE:
            return MultiChoiceEditor(spec, parent)
        if kind is FieldKind.YES_NO:
            return YesNoEditor(spec, parent)
        if kind is FieldKind.POSTAL_CODE:
            return PostalCodeEditor(spec, self.reference, parent)
        if kind is FieldKind.ATTACHMENT:
            return AttachmentEditor(spec, self.attach, parent)
        if kind is FieldKind.GROUP:
            return GroupEditor(spec, self, parent)
        return LineEditor(spec, parent)  # text and the identifier kinds (number, VAT, IBAN, phone, e-mail, NACE)


class FieldRow(QWidget):
    """Label above the editor, help below it, and the field's messages under that."""

    def __init__(self, spec: FieldDef, factory: EditorFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"field_{spec.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.editor = factory.make(spec, self)
        self.label.setBuddy(self.editor.focus_widget())
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setStyleSheet(HELP_STYLE)
        self.message = QLabel(self)
        self.message.setObjectName(f"message_{spec.id}")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.hide()
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        layout.addWidget(self.help)
        layout.addWidget(self.message)
        self._required = spec.required
        self.retranslate()

    def retranslate(self) -> None:
        text = localized(self.spec.label)
        self.label.setText(f"{text} *" if self._required else text)
        self.help.setText(localized(self.spec.help))
        self.help.setVisible(bool(self.spec.help))
        self.editor.retranslate()

    def set_required(self, required: bool) -> None:
        if required != self._required:
            self._required = required
            text = localized(self.spec.label)
            self.label.setText(f"{text} *" if required else text)

    def set_messages(self, messages: Sequence[str]) -> None:
        self.message.setText("\n".join(messages))
        self.message.setVisible(bool(messages))


class FieldsPanel(QWidget):
    """The rows of a list of fields (a section, or one line of a repeating group)."""

    changed = Signal()

    def __init__(self, specs: Sequence[FieldDef], factory: EditorFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.rows: list[FieldRow] = []
        for spec in specs:
            row = FieldRow(spec, factory, self)
            row.editor.changed.connect(self.changed)
            layout.addWidget(row)
            self.rows.append(row)

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for row in self.rows:
            value = row.editor.value()
            if value is not None:
                result[row.spec.id] = value
        return result

    def set_values(self, values: Mapping[str, Any]) -> None:
        for row in self.rows:
            row.editor.blockSignals(True)
            row.editor.set_value(values.get(row.spec.id))
            row.editor.blockSignals(False)

    def update_state(self, issues: Mapping[str, list[str]], prefix: str, check_all: bool) -> None:
        values = self.values()
        for row in self.rows:
            shown = visible(row.spec, values)
            row.setVisible(shown)
            row.set_required(is_required(row.spec, values))
            path = prefix + row.spec.id
            row.set_messages(issues.get(path, []) if shown else [])
            if isinstance(row.editor, GroupEditor):
                row.editor.update_state(issues, path, check_all)

    def focus_first(self) -> None:
        for row in self.rows:
            if row.isVisibleTo(self):
                row.editor.focus_widget().setFocus()
                return

    def retranslate(self) -> None:
        for row in self.rows:
            row.retranslate()

    def row(self, field_id: str) -> FieldRow:
        for row in self.rows:
            if row.spec.id == field_id:
                return row
        raise KeyError(field_id)


class FormView(QWidget):
    """One filled form: sections of fields, computed values, and the messages of the engine."""

    answers_changed = Signal(dict)
    summary_changed = Signal(object)  # PrintableSummary, recalculated shortly after typing stops

    def __init__(
        self,
        definition: FormDefinition,
        answers: Mapping[str, Any],
        context: FormContext,
        attach: AttachHook | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.definition = definition
        self.context = context
        self.check_all = False
        self.issues: list[Issue] = []
        factory = EditorFactory(context.reference, attach)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.general_messages = QLabel(self)
        self.general_messages.setWordWrap(True)
        self.general_messages.setStyleSheet(MESSAGE_STYLE)
        self.general_messages.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addWidget(self.general_messages)
        self.sections: list[tuple[QGroupBox, FieldsPanel, Any]] = []
        for section in definition.sections:
            box = QGroupBox(self)
            box_layout = QVBoxLayout(box)
            panel = FieldsPanel(section.fields, factory, box)
            panel.changed.connect(self._changed)
            box_layout.addWidget(panel)
            layout.addWidget(box)
            self.sections.append((box, panel, section))
        self.computed_box = QGroupBox(self)
        self.computed_layout = QFormLayout(self.computed_box)
        self.computed_labels: list[tuple[QLabel, QLabel]] = []
        for _item in definition.computed:
            caption, value = QLabel(self.computed_box), QLabel(self.computed_box)
            caption.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.computed_layout.addRow(caption, value)
            self.computed_labels.append((caption, value))
        self.computed_box.setVisible(bool(definition.computed))
        layout.addWidget(self.computed_box)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(250)
        self._summary_timer.timeout.connect(self._emit_summary)
        self.set_answers(answers)
        self.retranslate()

    # -- answers ---------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for _box, panel, _section in self.sections:
            result.update(panel.values())
        return result

    def set_answers(self, answers: Mapping[str, Any]) -> None:
        for _box, panel, _section in self.sections:
            panel.set_values(answers)
        self.refresh()

    def panel_of(self, field_id: str) -> FieldsPanel:
        for _box, panel, section in self.sections:
            if any(f.id == field_id for f in section.fields):
                return panel
        raise KeyError(field_id)

    def row(self, field_id: str) -> FieldRow:
        return self.panel_of(field_id).row(field_id)

    def editor(self, field_id: str) -> FieldEditor:
        return self.row(field_id).editor

    def _changed(self) -> None:
        answers = self.refresh()
        self.answers_changed.emit(answers)

    def set_check_all(self, check_all: bool) -> list[Issue]:
        """Check every required field too (before handing in); returns the issues found."""
        self.check_all = check_all
        self.refresh()
        return self.issues

    # -- state -----------------------------------------------------------------------

    def refresh(self) -> dict[str, Any]:
        """Validate, show and hide, compute; returns the answers."""
        answers = self.answers()
        self.issues = validate_form(
            self.definition, answers, submitted=self.check_all, context=self.context, language=get_language()
        )
        by_path: dict[str, list[str]] = {}
        for issue in self.issues:
            by_path.setdefault(issue.path, []).append(issue.message)
        known_paths = self._field_paths(answers)
        general = [f"{i.path}: {i.message}" if i.path else i.message for i in self.issues if i.path not in known_paths]
        self.general_messages.setText("\n".join(general))
        self.general_messages.setVisible(bool(general))
        for box, panel, _section in self.sections:
            panel.update_state(by_path, "", self.check_all)
            box.setVisible(any(row.isVisibleTo(panel) for row in panel.rows))
        self._show_computed(answers)
        self._summary_timer.start()
        return answers

    def _field_paths(self, answers: Mapping[str, Any]) -> set[str]:
        paths = set()
        for spec in self.definition.all_fields():
            paths.add(spec.id)
            if spec.kind is FieldKind.GROUP:
                for number, _line in enumerate(answers.get(spec.id) or []):
                    paths.update(f"{spec.id}[{number}].{sub.id}" for sub in spec.fields)
        return paths

    def _show_computed(self, answers: Mapping[str, Any]) -> None:
        values = compute(self.definition, answers)
        language = get_language()
        for (caption, label), item in zip(self.computed_labels, self.definition.computed, strict=True):
            caption.setText(localized(item.label))
            value = values.get(item.id)
            if value in (None, ""):
                label.setText("—")
                continue
            if isinstance(value, Decimal) and item.kind is FieldKind.MONEY:
                value = value.quantize(Decimal("0.01"))
            label.setText(format_answer(FieldDef(item.id, item.kind, item.label), value, language, self.context))

    def summary(self) -> PrintableSummary:
        return summarize_form(self.definition, self.answers(), self.context, get_language())

    def _emit_summary(self) -> None:
        self.summary_changed.emit(self.summary())

    # -- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(localized(self.definition.title))
        self.description.setText(localized(self.definition.description))
        self.description.setVisible(bool(self.definition.description))
        for box, panel, section in self.sections:
            box.setTitle(localized(section.title))
            panel.retranslate()
        self.computed_box.setTitle(_("Computed values"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
