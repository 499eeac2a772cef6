"""Translations: one gettext catalog (fr, nl, en) and the current language of the process.

Source messages are English and marked with `_` (translate now) or `N_` (mark only,
translate later). The catalog of a language is every `*.po` file (one per area of the
code, so that parallel work never edits the same file) under
`resources/translations/<lang>/LC_MESSAGES/`, compiled to `.mo` at install or build and
read straight from the `.po` in a source tree where the `.mo` is missing or older.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from hubdesk.kernel.paths import resources_dir

LANGUAGES: tuple[str, ...] = ("fr", "nl", "en")
DEFAULT_LANGUAGE = "en"

_current_language: ContextVar[str] = ContextVar("hubdesk_language", default=DEFAULT_LANGUAGE)


def normalize_language(language: str | None) -> str:
    """Map `fr_BE`, `nl-BE`, `NL` and the like to one of LANGUAGES (English otherwise)."""
    if not language:
        return DEFAULT_LANGUAGE
    short = language.replace("-", "_").split("_")[0].lower()
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Make `language` the language of messages in this thread or task."""
    _current_language.set(normalize_language(language))


@contextmanager
def language_context(language: str | None) -> Iterator[str]:
    """Use `language` (when given) for the messages made inside the block, then restore the previous one."""
    if language is None:
        yield get_language()
        return
    token = _current_language.set(normalize_language(language))
    try:
        yield get_language()
    finally:
        _current_language.reset(token)


def get_language() -> str:
    return _current_language.get()


def catalog_dir(language: str) -> Path:
    return resources_dir() / "translations" / language / "LC_MESSAGES"


def _load_po(path: Path) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parent.parent.name)
    messages: dict[str, str] = {}
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            key = message.id if isinstance(message.id, str) else message.id[0]
            value = message.string if isinstance(message.string, str) else message.string[0]
            messages[key] = value
    return messages


def _load_mo(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        translations = _gettext.GNUTranslations(handle)
    raw: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in raw.items() if isinstance(key, str) and key}


@cache
def catalog(language: str) -> dict[str, str]:
    """Every translated message of `language`, merged from its area files."""
    messages: dict[str, str] = {}
    folder = catalog_dir(language)
    if not folder.is_dir():
        return messages
    for po in sorted(folder.glob("*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            messages.update(_load_mo(mo))
        else:
            messages.update(_load_po(po))
    if not any(folder.glob("*.po")):
        for mo in sorted(folder.glob("*.mo")):
            messages.update(_load_mo(mo))
    return messages


def gettext(message: str, language: str | None = None) -> str:
    """`message` in `language` (the current language by default); the source if untranslated."""
    lang = normalize_language(language) if language else get_language()
    return catalog(lang).get(message) or message


def _(message: str) -> str:
    """Translate `message` into the current language now."""
    return gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet."""
    return message


def ngettext(singular: str, plural: str, count: int, language: str | None = None) -> str:
    """Choose the singular or plural form (fr, nl and en share the simple rule) and translate."""
    if language is None:
        language = get_language()
    if normalize_language(language) == "fr":
        chosen = singular if count in (0, 1) else plural
    else:
        chosen = singular if count == 1 else plural
    return gettext(chosen, language)
