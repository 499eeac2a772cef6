"""The enterprise view: live checks, the commune picker for shared postal codes, SME size, saving, contacts."""

from __future__ import annotations

import pytest
from guitools import type_text
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hubdesk.gui.dialogs import ContactDialog
from hubdesk.gui.enterprise_view import EnterpriseView
from hubdesk.gui.main_window import PAGE_ENTERPRISES, MainWindow
from hubdesk.services import browse, records

pytestmark = pytest.mark.gui


def open_enterprise(window: MainWindow, qtbot: QtBot) -> EnterpriseView:
    window.go_to(PAGE_ENTERPRISES)
    qtbot.waitUntil(lambda: window.enterprise_model.rowCount() > 0)
    with qtbot.waitSignal(window.enterprise_view.loaded):
        window.ui.enterpriseTable.selectRow(0)
    return window.enterprise_view


def message(view: EnterpriseView, name: str) -> str:
    label = view.message(name)
    return label.text() if not label.isHidden() else ""


def test_identifiers_are_checked_as_they_are_typed(window: MainWindow, qtbot: QtBot) -> None:
    view = open_enterprise(window, qtbot)
    assert message(view, "number") == ""
    view.ui.numberEdit.setText("0403.019.262")
    assert "check digits" in message(view, "number")
    assert not view.ui.saveButton.isEnabled()
    view.ui.numberEdit.setText(view._original["number"])
    view.ui.ibanEdit.setText("BE68 5390 0754 7035")
    assert message(view, "iban")
    view.ui.ibanEdit.setText("BE68 5390 0754 7034")
    assert message(view, "iban") == ""
    view.ui.phoneEdit.setText("02 12")
    assert message(view, "phone")
    view.ui.phoneEdit.setText("02 422 00 20")
    view.ui.emailEdit.setText("info@")
    assert message(view, "email")
    view.ui.emailEdit.setText("info@cafe-amelie.be")
    assert message(view, "email") == message(view, "phone") == ""
    assert view.ui.saveButton.isEnabled()


def test_a_shared_postal_code_needs_the_commune_chosen(window: MainWindow, qtbot: QtBot) -> None:
    view = open_enterprise(window, qtbot)
    view.ui.postalCodeEdit.setText("1050")
    combo = view.ui.communeCombo
    assert combo.isEnabled() and combo.count() == 3
    assert "confirm the commune" in message(view, "postalCode")
    assert not view.ui.saveButton.isEnabled()
    combo.setCurrentIndex(2)
    assert message(view, "postalCode") == ""
    chosen = combo.currentData()
    with qtbot.waitSignal(view.saved):
        view.ui.saveButton.click()
    stored = browse.enterprise_detail(window.ws, view.enterprise.id).enterprise  # type: ignore[union-attr]
    assert (stored.address.postal_code, stored.address.commune_nis) == ("1050", chosen)
    view.ui.postalCodeEdit.setText("1000")
    assert not view.ui.communeCombo.isEnabled() and view.ui.communeCombo.count() == 1


def test_sme_size_follows_the_figures(window: MainWindow, qtbot: QtBot) -> None:
    view = open_enterprise(window, qtbot)
    view.ui.headcountEdit.setText("4")
    view.ui.turnoverEdit.setText("300000")
    view.ui.balanceEdit.setText("")
    assert view.ui.smeValue.text().startswith("Micro enterprise")
    view.ui.headcountEdit.setText("49")
    view.ui.turnoverEdit.setText("10000000")
    assert view.ui.smeValue.text().startswith("Small enterprise")
    view.ui.headcountEdit.setText("250")
    assert view.ui.smeValue.text().startswith("Large enterprise")
    view.ui.headcountEdit.setText("")
    assert view.ui.smeValue.text().startswith("Not known yet")


def test_a_new_enterprise_is_created_with_accented_name(window: MainWindow, qtbot: QtBot) -> None:
    window.new_enterprise()
    view = window.enterprise_view
    assert view.is_new
    view.ui.numberEdit.setText("0403.019.261")
    type_text(view.ui.nameEdit, "Crèmerie « Zoë & Ĳsbrand »")
    view.ui.postalCodeEdit.setText("1030")
    assert view.ui.saveButton.isEnabled()
    with qtbot.waitSignal(view.saved):
        window.ui.actionSave.trigger()
    created = records.find_enterprise(window.ws, "0403019261")
    assert created.name == "Crèmerie « Zoë & Ĳsbrand »"
    assert created.address.commune_nis == "21015"
    assert view.ui.titleLabel.text().startswith("Crèmerie")


def test_a_refused_save_shows_the_reason_at_the_field(window: MainWindow, qtbot: QtBot) -> None:
    existing = browse.enterprise_page(window.ws, limit=1).items[0]
    window.new_enterprise()
    view = window.enterprise_view
    view.ui.numberEdit.setText(existing.number)
    view.ui.nameEdit.setText("Doublon")
    view.ui.postalCodeEdit.setText("1000")
    with qtbot.waitSignal(window.runner.failed):
        view.save()
    assert "already exists" in view.ui.saveStatus.text() or "already exists" in message(view, "number")


def test_adding_a_contact_through_its_dialog(window: MainWindow, qtbot: QtBot) -> None:
    view = open_enterprise(window, qtbot)
    before = len(view.detail.contacts)  # type: ignore[union-attr]
    view.add_contact()
    dialog = next(d for d in view.findChildren(ContactDialog) if d.isVisible())
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    type_text(dialog.ui.nameEdit, "Anaïs Van den Brœck")
    dialog.ui.phoneEdit.setText("0470 12 34")
    assert not ok.isEnabled()
    dialog.ui.phoneEdit.setText("0470 12 34 56")
    assert ok.isEnabled()
    with qtbot.waitSignal(view.loaded):
        ok.click()
    assert len(view.detail.contacts) == before + 1  # type: ignore[union-attr]
    assert not dialog.isVisible()
