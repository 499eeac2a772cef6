"""The committed Python forms match the Designer files in ui/ (regenerate with `python -m hubdesk.gui.uic`)."""

from __future__ import annotations

import pytest

from hubdesk.gui import uic

pytestmark = pytest.mark.gui


def test_every_ui_file_has_a_fresh_generated_module() -> None:
    stale = uic.stale_files()
    assert stale == [], f"run `.venv/bin/python -m hubdesk.gui.uic`; stale: {[str(p) for p in stale]}"


def test_designer_strings_are_listed_for_the_catalog() -> None:
    from hubdesk.gui.ui_messages import UI_MESSAGES

    assert "&Search:" in UI_MESSAGES
    assert "HubDesk" not in UI_MESSAGES  # marked notr in the .ui: not a message to translate
    assert all(uic.ui_strings(path) for path in uic.UI_DIR.glob("*.ui"))
