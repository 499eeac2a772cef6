"""Catalog upkeep: compile the `.po` files and find messages a language is missing.

`python -m hubdesk.kernel.catalogs compile` writes each `.mo` beside its `.po`;
`python -m hubdesk.kernel.catalogs missing` lists, per language, the source messages
(`_`, `N_`, `gettext`, `ngettext` calls in `hubdesk/`) that have no translation, and
`... missing --add AREA [--from FOLDER]` appends them (only those used under
`hubdesk/FOLDER` with --from) as entries of `<lang>/LC_MESSAGES/AREA.po`, English filled
with the source text and French and Dutch empty, so a translator only fills in `msgstr`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hubdesk.kernel.i18n import LANGUAGES, catalog, catalog_dir

KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def source_messages(package_dir: Path = PACKAGE_DIR) -> dict[str, list[str]]:
    """Every marked message in the package, with where it appears."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[str]] = {}
    method_map = [("**/gui/_forms/**.py", "ignore"), ("**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(package_dir), method_map=method_map, keywords=KEYWORDS
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for msgid in ids:
            if msgid:
                found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


def missing_messages(under: str | None = None) -> dict[str, list[str]]:
    """Per language, the source messages with no translation in its catalog.

    `under` (a folder of the package, e.g. "forms") keeps only messages used there.
    """
    messages = source_messages()
    if under:
        prefix = under.strip("/").removeprefix("hubdesk/") + "/"
        messages = {m: where for m, where in messages.items() if any(w.startswith(prefix) for w in where)}
    catalog.cache_clear()
    return {language: sorted(m for m in messages if m not in catalog(language)) for language in LANGUAGES}


def add_missing(area: str, under: str | None = None) -> None:
    from babel.messages.pofile import read_po, write_po

    for language, missing in missing_messages(under).items():
        if not missing:
            continue
        path = catalog_dir(language) / f"{area}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as handle:
                po = read_po(handle, locale=language)
        else:
            from babel.messages.catalog import Catalog

            po = Catalog(locale=language, project="HubDesk", domain="hubdesk")
        for msgid in missing:
            # English is the source language: its catalog states the source text as is.
            po.add(msgid, msgid if language == "en" else "")
        with path.open("wb") as handle:
            write_po(handle, po, width=100, omit_header=False)
        print(f"{path}: {len(missing)} new entries")


def compile_all() -> int:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    count = 0
    for language in LANGUAGES:
        for po_path in sorted(catalog_dir(language).glob("*.po")):
            with po_path.open("rb") as handle:
                po = read_po(handle, locale=language)
            with po_path.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, po)
            count += 1
    return count


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "missing"
    if command == "compile":
        compile_all()
        return 0
    if command == "missing":
        if len(argv) >= 3 and argv[1] == "--add":
            under = argv[4] if len(argv) >= 5 and argv[3] == "--from" else None
            add_missing(argv[2], under)
            return 0
        gaps = missing_messages()
        for language, missing in gaps.items():
            for msgid in missing:
                print(f"{language}: {msgid!r}")
        return 1 if any(gaps.values()) else 0
    usage = "usage: python -m hubdesk.kernel.catalogs compile | missing [--add AREA [--from FOLDER]]"
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
