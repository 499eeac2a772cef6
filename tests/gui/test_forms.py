"""Forms in the case view: accented answers saved as drafts and found again, messages, conditions, computed values."""

from __future__ import annotations

from pathlib import Path

import pytest
from guitools import close_window, open_window, type_text
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from hubdesk.gui.case_view import CaseView
from hubdesk.gui.form_view import FieldRow, FormView, GroupEditor
from hubdesk.gui.main_window import MainWindow
from hubdesk.services import browse

pytestmark = pytest.mark.gui

DESCRIPTION = "Achat d’un four à sole pour la pâtisserie « Chez Zoë » — façade côté Sainte-Catherine"
SUPPLIER = "Bakkerijmachines IJzerman & Zoon — Brussel-Zuid, één offerte"


def open_case(window: MainWindow, qtbot: QtBot, row: int = 0) -> CaseView:
    with qtbot.waitSignal(window.case_view.loaded):
        window.ui.caseTable.selectRow(row)
    return window.case_view


def start_form(view: CaseView, qtbot: QtBot, form_id: str) -> FormView:
    qtbot.waitUntil(lambda: view.ui.newFormCombo.findData(form_id) >= 0)
    view.ui.newFormCombo.setCurrentIndex(view.ui.newFormCombo.findData(form_id))
    view.ui.addFormButton.click()
    qtbot.waitUntil(lambda: view.form_view is not None and view.form_view.definition.form_id == form_id)
    assert view.form_view is not None
    return view.form_view


def shown_message(row: FieldRow) -> str:
    return row.message.text() if not row.message.isHidden() else ""


def test_accented_french_and_dutch_answers_are_saved_and_found_again(
    window: MainWindow, qtbot: QtBot, demo_dir: Path, tmp_path: Path
) -> None:
    view = open_case(window, qtbot, 2)
    case_id = view.case_id
    form = start_form(view, qtbot, "investment_aid")
    description = form.editor("description").edit  # type: ignore[attr-defined]
    assert isinstance(description, QPlainTextEdit)
    type_text(description, DESCRIPTION)
    quotes = form.editor("quotes")
    assert isinstance(quotes, GroupEditor)
    quotes.add_button.click()
    line = quotes.rows[0]
    type_text(line.row("supplier").editor.edit, SUPPLIER)  # type: ignore[attr-defined]
    type_text(line.row("amount").editor.edit, "12 500,50")  # type: ignore[attr-defined]
    with qtbot.waitSignal(view.draft_saved, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not view.has_unsaved_draft)
    assert view.ui.draftStatus.text().startswith("Draft saved")

    stored = next(f for f in browse.case_detail(window.ws, case_id).forms if f.form_id == "investment_aid")  # type: ignore[arg-type]
    assert stored.answers["description"] == DESCRIPTION
    assert stored.answers["quotes"] == [{"supplier": SUPPLIER, "amount": "12500.50"}]

    close_window(window)
    again = open_window(qtbot, demo_dir, tmp_path / "again.ini")
    try:
        again.show_case(case_id)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: again.case_view.form_view is not None)
        reopened = again.case_view.form_view
        assert reopened is not None
        assert reopened.editor("description").edit.toPlainText() == DESCRIPTION  # type: ignore[attr-defined]
        group = reopened.editor("quotes")
        assert isinstance(group, GroupEditor)
        assert group.rows[0].row("supplier").editor.edit.text() == SUPPLIER  # type: ignore[attr-defined]
        assert reopened.answers()["quotes"][0]["amount"] == "12500.50"
    finally:
        close_window(again)


def test_a_validation_message_appears_beside_the_field_in_the_current_language(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = open_case(window, qtbot)
    form = start_form(view, qtbot, "investment_aid")
    costs = form.row("eligible_costs")
    assert shown_message(costs) == ""
    type_text(costs.editor.edit, "douze mille")  # type: ignore[attr-defined]
    assert shown_message(costs) == "Enter a number, like 12.5."
    number = form.row("enterprise_number")
    type_text(number.editor.edit, "0403.019.262")  # type: ignore[attr-defined]
    assert "check digits" in shown_message(number)
    window.set_language("fr")
    qtbot.waitUntil(lambda: shown_message(costs) != "Enter a number, like 12.5.")
    assert shown_message(costs) and "number" not in shown_message(costs)
    assert costs.label.text().startswith(form.definition.field("eligible_costs").label["fr"])
    costs.editor.edit.setText("12000")  # type: ignore[attr-defined]
    assert shown_message(costs) == ""


def test_conditions_show_and_hide_fields_as_answers_change(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    form = start_form(view, qtbot, "terrace")
    parking = form.row("on_parking_spots")
    assert parking.isHidden()
    occupation = form.editor("occupation").combo  # type: ignore[attr-defined]
    assert isinstance(occupation, QComboBox)
    occupation.setCurrentIndex(occupation.findData("seasonal"))
    assert not parking.isHidden()
    occupation.setCurrentIndex(occupation.findData("annual"))
    assert parking.isHidden()


def test_computed_values_follow_the_answers(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    form = start_form(view, qtbot, "investment_aid")
    quotes = form.editor("quotes")
    assert isinstance(quotes, GroupEditor)
    for amount in ("1000", "2500,5"):
        quotes.add_button.click()
        quotes.rows[-1].row("amount").editor.edit.setText(amount)  # type: ignore[attr-defined]
    index = [c.id for c in form.definition.computed].index("quotes_total")
    _caption, value = form.computed_labels[index]
    assert "3,500.50" in value.text()


def test_a_shared_postal_code_asks_for_the_commune(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    form = start_form(view, qtbot, "env_permit")
    premises = form.row("premises")
    editor = premises.editor
    type_text(editor.edit, "1040")  # type: ignore[attr-defined]
    assert not editor.commune.isHidden()  # type: ignore[attr-defined]
    assert "confirm the commune" in shown_message(premises)
    editor.commune.setCurrentIndex(1)  # type: ignore[attr-defined]
    assert shown_message(premises) == ""
    assert form.answers()["premises"]["commune_nis"] == editor.commune.currentData()  # type: ignore[attr-defined]
    editor.edit.setText("1000")  # type: ignore[attr-defined]
    assert editor.commune.isHidden()  # type: ignore[attr-defined]
    assert form.answers()["premises"] == "1000"


def test_checking_completeness_marks_every_missing_answer(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    form = start_form(view, qtbot, "terrace")
    view.ui.checkFormButton.click()
    assert shown_message(form.row("occupation")) == "This field is required."
    assert shown_message(form.row("start_on")) == "This field is required."
    assert "answers still to give" in view.ui.draftStatus.text()
    assert form.row("occupation").label.text().endswith("*")


def test_the_outcome_panel_shows_what_the_answers_mean(window: MainWindow, qtbot: QtBot) -> None:
    view = open_case(window, qtbot)
    form = start_form(view, qtbot, "env_permit")
    type_text(form.editor("premises").edit, "1000")  # type: ignore[attr-defined]
    installations = form.editor("installations")
    assert isinstance(installations, GroupEditor)
    installations.add_button.click()
    line = installations.rows[0]
    klass = line.row("class").editor.combo  # type: ignore[attr-defined]
    klass.setCurrentIndex(klass.findData("2"))
    description = line.row("description").editor.edit  # type: ignore[attr-defined]
    assert isinstance(description, QLineEdit)
    type_text(description, "Four à pain électrique")
    qtbot.waitUntil(lambda: "Permits needed" in view.ui.outcomeView.toPlainText(), timeout=3000)
    text = view.ui.outcomeView.toPlainText()
    assert "Documents to gather" in text or "Deadlines" in text
