"""Every message a user can see is translated in French, Dutch and English."""

from __future__ import annotations

from hubdesk.kernel.catalogs import missing_messages, source_messages
from hubdesk.kernel.i18n import LANGUAGES, _, catalog, gettext, set_language


def test_sources_mark_messages() -> None:
    assert "The operation was cancelled." in source_messages()


def test_no_language_misses_a_message() -> None:
    gaps = {language: missing for language, missing in missing_messages().items() if missing}
    assert gaps == {}, f"untranslated messages: {gaps}"


def test_placeholders_survive_translation() -> None:
    import re

    for language in LANGUAGES:
        for msgid, msgstr in catalog(language).items():
            assert set(re.findall(r"\{\w*\}", msgid)) == set(re.findall(r"\{\w*\}", msgstr)), (
                language,
                msgid,
                msgstr,
            )


def test_current_language_switches_messages() -> None:
    set_language("fr")
    assert _("Interrupted.") == "Interrompu."
    set_language("nl_BE")
    assert _("Interrupted.") == "Onderbroken."
    assert gettext("Interrupted.", "en") == "Interrupted."
    set_language("de")
    assert _("Interrupted.") == "Interrupted."


def test_no_message_hides_inside_an_f_string() -> None:
    """The extractor does not look inside f-strings (Python 3.11): a message there would never
    reach the catalogs, and the window would show it in English whatever the language."""
    import re
    from pathlib import Path

    import hubdesk

    pattern = re.compile(r"""\bf(["']).*\{[^}]*\b(_|N_|gettext|ngettext)\(["']""")
    hidden = [
        f"{path.name}:{number}"
        for path in Path(hubdesk.__file__).parent.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hidden == []
