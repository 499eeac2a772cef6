"""Compiles the Designer files `ui/*.ui` into `hubdesk/gui/_forms/` and lists their strings for the catalog.

    .venv/bin/python -m hubdesk.gui.uic          # regenerate
    .venv/bin/python -m hubdesk.gui.uic --check  # exit 1 when a generated file is stale

The generated modules are committed (the bundle and the installed wheel have no
`ui/` folder); `ui_messages.py` holds every translatable Designer string as an `N_`
call, so the catalog tool finds them and a missing translation fails the catalog test.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

PACKAGE_DIR = Path(__file__).resolve().parent
UI_DIR = PACKAGE_DIR.parent.parent / "ui"
FORMS_DIR = PACKAGE_DIR / "_forms"
MESSAGES_FILE = PACKAGE_DIR / "ui_messages.py"

HEADER = (
    "# Generated from ui/{name} by pyside6-uic; do not edit by hand.\n"
    "# Regenerate with `.venv/bin/python -m hubdesk.gui.uic` after changing the .ui file;\n"
    "# tests/gui/test_generated_forms.py fails when this file is stale.\n"
)


def _uic_executable() -> Path:
    root = Path(PySide6.__file__).resolve().parent
    for candidate in (root / "Qt" / "libexec" / "uic", root / "uic", root / "uic.exe"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("uic not found in the PySide6 installation")


def compile_ui(path: Path) -> str:
    """The Python module pyside6-uic makes of one .ui file, with HubDesk's header."""
    output = subprocess.run(
        [str(_uic_executable()), "-g", "python", str(path)], check=True, capture_output=True, text=True
    ).stdout
    body = output.split("################################################################################\n", 2)[-1]
    return HEADER.format(name=path.name) + body.lstrip("\n")


def module_name(path: Path) -> str:
    return f"ui_{path.stem}.py"


def ui_strings(path: Path) -> list[str]:
    """The translatable strings of a .ui file, in document order, without duplicates."""
    found: list[str] = []
    for element in ET.parse(path).getroot().iter("string"):
        text = element.text or ""
        if text and element.get("notr") != "true" and text not in found:
            found.append(text)
    return found


def _quoted(text: str) -> str:
    """A Python literal the way ruff format writes it (double quotes unless the text holds some)."""
    literal = repr(text)
    if '"' not in text:
        literal = '"' + literal[1:-1].replace("\\'", "'") + '"'
    return literal


def messages_module(paths: list[Path]) -> str:
    lines = [
        '"""Every translatable string of the Designer files in `ui/`, for the catalog (generated: see uic.py)."""',
        "",
        "# ruff: noqa: E501",
        "",
        "from hubdesk.kernel.i18n import N_",
        "",
        "UI_MESSAGES = (",
    ]
    seen: set[str] = set()
    for path in paths:
        lines.append(f"    # {path.name}")
        for text in ui_strings(path):
            if text not in seen:
                seen.add(text)
                line = f"    N_({_quoted(text)}),"
                if len(line) > 120:  # as ruff format splits it
                    line = f"    N_(\n        {_quoted(text)}\n    ),"
                lines.append(line)
    lines.append(")")
    return "\n".join(lines) + "\n"


def expected_files() -> dict[Path, str]:
    """Every generated file with the content it must have."""
    paths = sorted(UI_DIR.glob("*.ui"))
    files = {FORMS_DIR / module_name(p): compile_ui(p) for p in paths}
    files[FORMS_DIR / "__init__.py"] = '"""Python forms generated from ui/*.ui by `python -m hubdesk.gui.uic`."""\n'
    files[MESSAGES_FILE] = messages_module(paths)
    return files


def stale_files() -> list[Path]:
    return [path for path, content in expected_files().items() if not path.exists() or path.read_text() != content]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        return 1 if stale else 0
    FORMS_DIR.mkdir(exist_ok=True)
    for path, content in expected_files().items():
        if not path.exists() or path.read_text() != content:
            path.write_text(content)
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
