"""The window's language: Qt Designer strings through the gettext catalog, Qt's own strings, live switching.

The generated forms call `QCoreApplication.translate(context, text)`; a translator
installed on the application answers from HubDesk's gettext catalog, so the fixed
screens and the code share one catalog. Qt's `qtbase_<lang>.qm` translates standard
buttons. Switching the language re-installs the translators, which makes Qt send a
`LanguageChange` event to every widget; each view then calls its `retranslateUi`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hubdesk.kernel.i18n import catalog, get_language, normalize_language, set_language


class GettextTranslator(QTranslator):
    """Answers Qt's translation requests from the current gettext language (the source when untranslated).

    Qt takes any answer as final, even an empty one, so this translator is asked last:
    Qt's own catalog (installed after it, hence asked first) answers for Qt's strings.
    """

    def translate(  # type: ignore[override]
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return catalog(get_language()).get(source_text) or source_text

    def isEmpty(self) -> bool:
        return False


_installed: list[QTranslator] = []


def apply_language(language: str) -> str:
    """Make `language` the language of the core's messages and of every widget; returns it normalised."""
    language = normalize_language(language)
    set_language(language)
    QLocale.setDefault(QLocale({"fr": "fr_BE", "nl": "nl_BE"}.get(language, "en_GB")))
    app = QCoreApplication.instance()
    if app is None:
        return language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _installed.append(GettextTranslator(app))
    qt_translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt_translator.load(f"qtbase_{language}", folder):
        _installed.append(qt_translator)  # installed last: asked first, answers only for Qt's own strings
    for translator in _installed:
        app.installTranslator(translator)
    return language
