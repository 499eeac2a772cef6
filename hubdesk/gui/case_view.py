"""The case view: status with its allowed next steps, timeline, attachments, and the forms saved as drafts."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QTreeWidgetItem, QWidget

from hubdesk.domain.changes import Changes
from hubdesk.domain.entities import Attachment, CaseStatus, FormAnswers
from hubdesk.domain.workflow import allowed_next, channel_label, kind_label, status_label
from hubdesk.forms import FormContext, FormDefinition, localized
from hubdesk.forms.summary import PrintableSummary
from hubdesk.gui._forms.ui_case_view import Ui_CaseView
from hubdesk.gui.dialogs import SubmitDialog, TaskDialog, VisitDialog
from hubdesk.gui.drafts import DraftJournal, JournalEntry
from hubdesk.gui.form_view import FormView
from hubdesk.gui.models import short_date, short_moment
from hubdesk.gui.tasks import TaskRunner
from hubdesk.kernel.formatting import format_day, format_money
from hubdesk.kernel.i18n import _
from hubdesk.services import browse, records
from hubdesk.services import forms as form_service
from hubdesk.services.browse import CaseDetail
from hubdesk.services.records import Saved
from hubdesk.services.workspace import Workspace

DRAFT_DELAY_MS = 400


@dataclass(frozen=True)
class CaseBundle:
    """A case and the form definitions its answers were given for, read off the GUI thread."""

    detail: CaseDetail
    definitions: dict[tuple[str, int], FormDefinition]
    context: FormContext


def load_case_bundle(ws: Workspace, case_id: str) -> CaseBundle:
    detail = browse.case_detail(ws, case_id)
    forms_registry = form_service.registry(ws)
    definitions = {(f.form_id, f.form_version): forms_registry.load(f.form_id, f.form_version) for f in detail.forms}
    return CaseBundle(detail, definitions, FormContext(reference=ws.reference, enterprise=detail.enterprise))


def size_text(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


class CaseView(QWidget):
    """One case; every edit goes through the services on the database lane and reports what changed."""

    changed = Signal(object)  # Changes
    loaded = Signal(str)  # case id, once shown
    draft_saved = Signal(str)  # form answers id
    open_enterprise = Signal(str)  # enterprise id
    dossier_requested = Signal(str)  # case id

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner,
        latest_forms: Callable[[], list[FormDefinition]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CaseView()
        self.ui.setupUi(self)
        self.ws = ws
        self.runner = runner
        self.latest_forms = latest_forms
        self.journal = DraftJournal(ws.data_dir)
        self.bundle: CaseBundle | None = None
        self.form_view: FormView | None = None
        self.form_answers: FormAnswers | None = None
        self._requested: str | None = None
        self._closed = False
        self._pending_answers: dict[str, Any] | None = None
        self._saving = 0
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(DRAFT_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft_now)
        title_font = self.ui.titleLabel.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        self.ui.conflictBadge.setStyleSheet(
            "background: #fde7e9; color: #8c1d18; padding: 2px 6px; border-radius: 3px;"
        )
        self.ui.conflictBadge.hide()
        self.ui.formSplitter.setStretchFactor(0, 3)
        self.ui.formSplitter.setStretchFactor(1, 2)
        self.ui.formSplitter.setSizes([480, 320])
        self.ui.timeline.setColumnWidth(0, 150)
        self.ui.timeline.setColumnWidth(1, 220)
        self.ui.enterpriseLink.linkActivated.connect(self._enterprise_clicked)
        self.ui.changeStatusButton.clicked.connect(self.change_status)
        self.ui.addVisitButton.clicked.connect(self.add_visit)
        self.ui.addTaskButton.clicked.connect(self.add_task)
        self.ui.taskDoneButton.clicked.connect(self.mark_task_done)
        self.ui.timeline.currentItemChanged.connect(self._timeline_selection)
        self.ui.addAttachmentButton.clicked.connect(self.add_attachment)
        self.ui.openAttachmentButton.clicked.connect(self.open_attachment)
        self.ui.attachmentList.itemActivated.connect(lambda _item: self.open_attachment())
        self.ui.attachmentList.currentItemChanged.connect(
            lambda item, _old: self.ui.openAttachmentButton.setEnabled(item is not None)
        )
        self.ui.formSelector.currentIndexChanged.connect(self._form_selected)
        self.ui.addFormButton.clicked.connect(self.start_form)
        self.ui.checkFormButton.clicked.connect(self.check_form)
        self.ui.dossierButton.clicked.connect(lambda: self.case_id and self.dossier_requested.emit(self.case_id))
        self._fill_new_form_combo()
        self._timeline_selection(None, None)
        self.ui.openAttachmentButton.setEnabled(False)

    # -- loading ---------------------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self.bundle.detail.case.id if self.bundle else None

    @property
    def reference(self) -> str:
        return self.bundle.detail.case.reference if self.bundle else ""

    def load(self, case_id: str) -> None:
        """Show the case `case_id` (read in the background; `loaded` is emitted once it is shown)."""
        if self._closed:
            return
        if case_id != self.case_id:
            self.save_draft_now()
        self._requested = case_id
        self.runner.read(load_case_bundle, self.ws, case_id, on_done=lambda bundle: self._show(case_id, bundle))

    def reload(self) -> None:
        if self.case_id:
            self.load(self.case_id)

    def _show(self, case_id: str, bundle: CaseBundle) -> None:
        if case_id != self._requested:
            return  # the user moved on to another case meanwhile
        same_case = self.case_id == case_id
        self.bundle = bundle
        self._show_header()
        self._show_timeline()
        self._show_attachments()
        self._show_forms(keep_current=same_case)
        self.loaded.emit(case_id)

    def _show_header(self) -> None:
        assert self.bundle is not None
        case, enterprise = self.bundle.detail.case, self.bundle.detail.enterprise
        self.ui.titleLabel.setText(case.title)
        self.ui.referenceValue.setText(case.reference)
        self.ui.enterpriseLink.setText(f'<a href="{enterprise.id}">{html.escape(enterprise.name)}</a>')
        self.ui.kindValue.setText(kind_label(case.kind))
        self.ui.managerValue.setText(case.account_manager or "—")
        self.ui.openedValue.setText(short_date(case.opened_on) or "—")
        self.ui.dueValue.setText(short_date(case.due_on) or "—")
        self.ui.statusValue.setText(status_label(case.status))
        self.ui.statusCombo.clear()
        for status in allowed_next(case.status):
            self.ui.statusCombo.addItem(status_label(status), status.value)
        self.ui.changeStatusButton.setEnabled(self.ui.statusCombo.count() > 0)

    def _show_timeline(self) -> None:
        assert self.bundle is not None
        detail = self.bundle.detail
        entries: list[tuple[str, str, str, str, str | None]] = []  # (sort key, when, what, details, task id)
        for change in detail.history:
            what = (
                _("Status: {old} → {new}").format(
                    old=status_label(change.from_status), new=status_label(change.to_status)
                )
                if change.from_status
                else _("Case opened")
            )
            entries.append(
                (change.changed_at.isoformat(), short_moment(change.changed_at), what, change.author or "", None)
            )
        for visit in detail.visits:
            details = " · ".join(p for p in (visit.place, visit.notes) if p)
            entries.append(
                (
                    visit.occurred_at.isoformat(),
                    short_moment(visit.occurred_at),
                    channel_label(visit.channel),
                    details,
                    None,
                )
            )
        for task in detail.tasks:
            key = task.due_on.isoformat() if task.due_on else "9999"
            when = format_day(task.due_on, style="medium") if task.due_on else _("no date")
            state = _("Done task") if task.done else _("Task to do")
            entries.append((key, when, state, task.title, task.id))
        entries.sort(key=lambda entry: entry[0], reverse=True)
        self.ui.timeline.clear()
        for _key, when, what, details, task_id in entries:
            item = QTreeWidgetItem([when, what, details])
            item.setToolTip(2, details)
            if task_id is not None:
                item.setData(0, Qt.ItemDataRole.UserRole, task_id)
                task = next(t for t in detail.tasks if t.id == task_id)
                item.setData(1, Qt.ItemDataRole.UserRole, task.done)
            self.ui.timeline.addTopLevelItem(item)
        self._timeline_selection(None, None)

    def _show_attachments(self) -> None:
        assert self.bundle is not None
        self.ui.attachmentList.clear()
        for attachment in self.bundle.detail.attachments:
            added = short_moment(attachment.added_at) if attachment.added_at else ""
            item = QListWidgetItem(f"{attachment.name}  ·  {size_text(attachment.size)}  ·  {added}")
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            self.ui.attachmentList.addItem(item)
        self.ui.tabs.setTabText(
            self.ui.tabs.indexOf(self.ui.attachmentsTab),
            _("Attach&ments ({count})").format(count=len(self.bundle.detail.attachments)),
        )

    # -- status, visits, tasks, attachments ------------------------------------------

    def _after_write(self, saved: Saved[Any]) -> None:
        self.changed.emit(saved.changes)
        self.reload()

    def change_status(self) -> None:
        status = self.ui.statusCombo.currentData()
        if not self.bundle or status is None:
            return
        self.runner.write(
            records.change_status,
            self.ws,
            self.reference,
            status,
            on_done=self._after_write,
            label=_("Changing the status"),
        )

    def _open_dialog(self, dialog: SubmitDialog, save: Callable[[str, dict[str, str]], Saved[Any]]) -> SubmitDialog:
        """Open `dialog`; its OK runs `save(reference, values)` on the database lane and keeps it open on error."""
        reference = self.reference

        def submit(values: dict[str, str], done: Callable[[Any], None], fail: Callable[[BaseException], None]) -> None:
            def saved(result: Saved[Any]) -> None:
                done(result)
                self._after_write(result)

            self.runner.write(save, reference, values, on_done=saved, on_error=fail)

        dialog.submit = submit
        dialog.open()
        return dialog

    def add_visit(self) -> SubmitDialog:
        return self._open_dialog(
            VisitDialog(self),
            lambda reference, v: records.add_visit(
                self.ws, reference, channel=v["channel"], notes=v["notes"], place=v["place"], when=v["when"]
            ),
        )

    def add_task(self) -> SubmitDialog:
        return self._open_dialog(
            TaskDialog(self), lambda reference, v: records.add_task(self.ws, reference, v["title"], v["due_on"])
        )

    def _timeline_selection(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        task_id = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        done = bool(current.data(1, Qt.ItemDataRole.UserRole)) if current is not None else False
        self.ui.taskDoneButton.setEnabled(task_id is not None)
        self.ui.taskDoneButton.setText(_("Mark task not do&ne") if done else _("Mark task do&ne"))

    def mark_task_done(self) -> None:
        item = self.ui.timeline.currentItem()
        task_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if task_id is None or item is None:
            return
        done = not bool(item.data(1, Qt.ItemDataRole.UserRole))
        self.runner.write(records.set_task_done, self.ws, task_id, done, on_done=self._after_write)

    def add_attachment(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Add a file or photo"), "", _("All files (*);;Photos (*.jpg *.jpeg *.png *.heic);;PDF (*.pdf)")
        )
        for path in paths:
            self.attach(path)

    def attach(self, path: str, then: Callable[[Attachment], None] | None = None) -> None:
        if not self.bundle:
            return

        def done(saved: Saved[Attachment]) -> None:
            if then is not None:
                then(saved.value)
            self._after_write(saved)

        self.runner.write(
            records.attach_file, self.ws, self.reference, Path(path), on_done=done, label=_("Adding the file")
        )

    def _attach_for_form(self, path: str, callback: Callable[[dict[str, Any]], None]) -> None:
        self.attach(path, lambda attachment: callback({"name": attachment.name, "sha256": attachment.sha256}))

    def open_attachment(self) -> None:
        item = self.ui.attachmentList.currentItem()
        if item is None or not self.bundle:
            return
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        attachment = next(a for a in self.bundle.detail.attachments if a.id == attachment_id)
        self.runner.read(
            browse.attachment_copy,
            self.ws,
            attachment,
            on_done=lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
            label=_("Opening the file"),
        )

    def _enterprise_clicked(self, enterprise_id: str) -> None:
        self.open_enterprise.emit(enterprise_id)

    # -- forms -----------------------------------------------------------------------

    def _fill_new_form_combo(self) -> None:
        current = self.ui.newFormCombo.currentData()
        kind = self.bundle.detail.case.kind.value if self.bundle else None
        definitions = sorted(self.latest_forms(), key=lambda d: (d.case_kind != kind, localized(d.title)))
        self.ui.newFormCombo.clear()
        for definition in definitions:
            self.ui.newFormCombo.addItem(localized(definition.title), definition.form_id)
        index = self.ui.newFormCombo.findData(current)
        self.ui.newFormCombo.setCurrentIndex(max(index, 0))

    def _show_forms(self, keep_current: bool) -> None:
        assert self.bundle is not None
        forms = self.bundle.detail.forms
        current_id = self.form_answers.id if (self.form_answers and keep_current) else None
        self.ui.formSelector.blockSignals(True)
        self.ui.formSelector.clear()
        for answers in forms:
            definition = self.bundle.definitions[(answers.form_id, answers.form_version)]
            self.ui.formSelector.addItem(localized(definition.title), answers.id)
        self.ui.formSelector.blockSignals(False)
        self.ui.formSelector.setEnabled(bool(forms))
        self.ui.checkFormButton.setEnabled(bool(forms))
        if not keep_current:
            self._fill_new_form_combo()
        index = self.ui.formSelector.findData(current_id) if current_id else (0 if forms else -1)
        if current_id and index >= 0 and self.form_view is not None:
            self.ui.formSelector.blockSignals(True)
            self.ui.formSelector.setCurrentIndex(index)
            self.ui.formSelector.blockSignals(False)
            return  # keep the form being typed into as it is
        self.ui.formSelector.setCurrentIndex(index)
        self._form_selected(index)

    def _form_selected(self, index: int) -> None:
        self.save_draft_now()
        if self.form_view is not None:
            self.form_view.hide()
            self.form_view.deleteLater()
            self.form_view = None
        self.form_answers = None
        self.ui.outcomeView.clear()
        self.ui.draftStatus.clear()
        if not self.bundle or index < 0:
            self.ui.noFormLabel.show()
            return
        answers_id = self.ui.formSelector.itemData(index)
        answers = next(f for f in self.bundle.detail.forms if f.id == answers_id)
        definition = self.bundle.definitions[(answers.form_id, answers.form_version)]
        self.ui.noFormLabel.hide()
        self.form_answers = answers
        view = FormView(definition, answers.answers, self.bundle.context, self._attach_for_form, self.ui.formHost)
        view.setObjectName("formView")
        view.answers_changed.connect(self._answers_changed)
        view.summary_changed.connect(self._show_outcome)
        self.ui.formHostLayout.addWidget(view)
        self.form_view = view
        self.ui.draftStatus.setText(self._saved_text(answers.updated_at))
        typed = self.journal.read(answers.id)
        if typed is not None and typed.answers != answers.answers:
            view.set_answers(typed.answers)
            self._answers_changed(typed.answers)
            self.ui.draftStatus.setText(_("Restored what was typed before HubDesk closed; saving it…"))

    def start_form(self) -> None:
        form_id = self.ui.newFormCombo.currentData()
        if not self.bundle or not form_id:
            return
        existing = next((f for f in self.bundle.detail.forms if f.form_id == form_id), None)
        if existing is not None:
            self.ui.formSelector.setCurrentIndex(self.ui.formSelector.findData(existing.id))
            self.ui.tabs.setCurrentWidget(self.ui.formsTab)
            return

        def done(saved: Saved[form_service.FilledForm]) -> None:
            self.changed.emit(saved.changes)
            self.form_answers = saved.value.answers
            self.runner.read(
                load_case_bundle, self.ws, self.case_id, on_done=lambda bundle: self._show_new_form(bundle, saved)
            )

        self.runner.write(form_service.fill_form, self.ws, self.reference, form_id, {}, on_done=done)

    def _show_new_form(self, bundle: CaseBundle, saved: Saved[form_service.FilledForm]) -> None:
        if self.case_id != bundle.detail.case.id:
            return
        self.bundle = bundle
        self.form_view = None
        self._show_forms(keep_current=False)
        index = self.ui.formSelector.findData(saved.value.answers.id)
        self.ui.formSelector.setCurrentIndex(index)
        self.ui.tabs.setCurrentWidget(self.ui.formsTab)
        self.loaded.emit(bundle.detail.case.id)

    def _answers_changed(self, answers: dict[str, Any]) -> None:
        if self.form_answers is not None and self.bundle is not None:
            entry = JournalEntry(self.form_answers.id, self.bundle.detail.case.id, self.form_answers.form_id, answers)
            self.journal.write(entry)  # survives a killed process until the database has it
        self._pending_answers = answers
        self.ui.draftStatus.setText(_("Saving the draft…"))
        self._save_timer.start()

    def save_draft_now(self) -> None:
        """Send the last typed answers to the database lane now (called on a pause, a switch and on close)."""
        self._save_timer.stop()
        if self._closed or self._pending_answers is None or self.form_answers is None or not self.bundle:
            return
        answers, self._pending_answers = self._pending_answers, None
        answers_id = self.form_answers.id
        self._saving += 1

        def done(saved: Saved[form_service.FilledForm]) -> None:
            self._saving -= 1
            self.journal.discard(answers_id, answers)
            self.changed.emit(saved.changes)
            if self.form_answers is not None and self.form_answers.id == answers_id and self._pending_answers is None:
                self.ui.draftStatus.setText(self._saved_text(saved.value.answers.updated_at))
            self.draft_saved.emit(answers_id)

        def failed(error: BaseException) -> None:
            self._saving -= 1
            self.ui.draftStatus.setText(_("The draft could not be saved: {reason}").format(reason=error))

        self.runner.write(
            form_service.fill_form,
            self.ws,
            self.reference,
            self.form_answers.form_id,
            answers,
            on_done=done,
            on_error=failed,
        )

    def shutdown(self) -> None:
        """Send what is typed to the database lane, then stop (the window is closing)."""
        self.save_draft_now()
        self._closed = True
        self._save_timer.stop()
        if self.form_view is not None:
            self.form_view.blockSignals(True)
        self.ui.formSelector.blockSignals(True)

    @property
    def has_unsaved_draft(self) -> bool:
        return self._pending_answers is not None or self._saving > 0

    def _saved_text(self, when: datetime | None) -> str:
        if when is None:
            return ""
        return _("Draft saved · {when}").format(when=short_moment(when))

    def check_form(self) -> None:
        if self.form_view is None or self.form_answers is None:
            return
        issues = self.form_view.set_check_all(True)
        if issues:
            self.ui.draftStatus.setText(_("{count} answers still to give or correct.").format(count=len(issues)))
            return
        self.save_draft_now()
        answers = self.form_view.answers()

        def done(saved: Saved[form_service.FilledForm]) -> None:
            self.changed.emit(saved.changes)
            self.ui.draftStatus.setText(_("Complete: the application is ready."))

        self.runner.write(
            form_service.fill_form,
            self.ws,
            self.reference,
            self.form_answers.form_id,
            answers,
            submit=True,
            on_done=done,
        )

    def _show_outcome(self, summary: PrintableSummary) -> None:
        self.ui.outcomeView.setHtml(outcome_html(summary))

    # -- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        if self.bundle:
            self._show_header()
            self._show_timeline()
            self._show_attachments()
            index = self.ui.formSelector.currentIndex()
            self.ui.formSelector.blockSignals(True)
            for row in range(self.ui.formSelector.count()):
                answers = next(f for f in self.bundle.detail.forms if f.id == self.ui.formSelector.itemData(row))
                definition = self.bundle.definitions[(answers.form_id, answers.form_version)]
                self.ui.formSelector.setItemText(row, localized(definition.title))
            self.ui.formSelector.setCurrentIndex(index)
            self.ui.formSelector.blockSignals(False)
            if self.form_answers is not None:
                self.ui.draftStatus.setText(self._saved_text(self.form_answers.updated_at))
        self._fill_new_form_combo()
        self._timeline_selection(self.ui.timeline.currentItem(), None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_conflicts(self, records: set[tuple[str, str]]) -> None:
        """Show the badge when the case, or one of its visits or tasks, has an open conflict."""
        if not self.bundle:
            self.ui.conflictBadge.hide()
            return
        detail = self.bundle.detail
        mine = {("case", detail.case.id), ("enterprise", detail.enterprise.id)}
        mine |= {("visit", v.id) for v in detail.visits} | {("task", t.id) for t in detail.tasks}
        self.ui.conflictBadge.setVisible(bool(mine & records))

    def touches(self, changes: Changes) -> bool:
        """Whether `changes` (from elsewhere, e.g. a sync) concern the case shown."""
        if not self.bundle:
            return False
        case_id = self.bundle.detail.case.id
        ids = set().union(*changes.upserted.values(), *changes.deleted.values()) if not changes.empty else set()
        related = {case_id, self.bundle.detail.enterprise.id}
        related |= {v.id for v in self.bundle.detail.visits} | {t.id for t in self.bundle.detail.tasks}
        return bool(ids & related)


def outcome_html(summary: PrintableSummary) -> str:
    """What the answers mean, for the side panel: permits, deadlines, aid, documents, next steps."""
    e = html.escape
    tbc = ' <span style="color:#8a5300">({})</span>'.format(e(_("to be confirmed")))
    parts = [f"<h3>{e(summary.title)}</h3>"]
    for notice in summary.notices:
        parts.append(f'<p style="color:#8c1d18"><b>{e(notice)}</b></p>')
    if summary.permits:
        parts.append("<h4>{}</h4><ul>".format(e(_("Permits needed"))))
        for permit in summary.permits:
            procedure = f" — {e(permit.procedure)}" if permit.procedure else ""
            mark = tbc if permit.to_be_confirmed else ""
            parts.append(f"<li><b>{e(permit.name)}</b> · {e(permit.issuer)}{procedure}{mark}</li>")
        parts.append("</ul>")
    if summary.timeline:
        parts.append("<h4>{}</h4><ul>".format(e(_("Deadlines"))))
        for step in summary.timeline:
            when = format_day(step.due_on) if step.due_on else _("date not known yet")
            basis = f"<br><small>{e(step.basis)}</small>" if step.basis else ""
            parts.append(f"<li><b>{e(when)}</b> — {e(step.label)}{tbc if step.to_be_confirmed else ''}{basis}</li>")
        parts.append("</ul>")
    if summary.aid:
        parts.append("<h4>{}</h4><ul>".format(e(_("Aid"))))
        for aid in summary.aid:
            if aid.suspended:
                state = _("suspended")
            elif aid.eligible is None:
                state = _("eligibility not known yet")
            else:
                state = _("eligible") if aid.eligible else _("not eligible")
            amount = ""
            if aid.amount_eur is not None:
                if aid.amount_min_eur is not None and aid.amount_min_eur != aid.amount_eur:
                    amount = f" · {format_money(aid.amount_min_eur)} – {format_money(aid.amount_eur)}"
                else:
                    amount = f" · {format_money(aid.amount_eur)}"
            rate = f" ({e(aid.rate)})" if aid.rate else ""
            reasons = "".join(f"<br><small>{e(r)}</small>" for r in aid.reasons)
            mark = tbc if aid.to_be_confirmed else ""
            parts.append(f"<li><b>{e(aid.scheme)}</b>: {e(state)}{e(amount)}{rate}{mark}{reasons}</li>")
        parts.append("</ul>")
    if summary.checklist:
        parts.append("<h4>{}</h4><ul>".format(e(_("Documents to gather"))))
        for entry in summary.checklist:
            optional = " <i>({})</i>".format(e(_("if available"))) if not entry.required else ""
            parts.append(f"<li>☐ {e(entry.label)}{optional}{tbc if entry.to_be_confirmed else ''}</li>")
        parts.append("</ul>")
    if summary.next_steps:
        parts.append("<h4>{}</h4><ol>".format(e(_("Next steps"))))
        parts.extend(f"<li>{e(step)}</li>" for step in summary.next_steps)
        parts.append("</ol>")
    if len(parts) == 1:
        hint = _("Fill in the form: what it means for the enterprise appears here.")
        parts.append(f"<p><i>{e(hint)}</i></p>")
    return "".join(parts)


STATUS_ORDER = list(CaseStatus)
