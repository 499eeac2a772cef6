"""The shipped fonts and user text made printable with them: escaped, shaped, each glyph from a font that has it.

DejaVu Sans (Latin, Greek, Cyrillic, Arabic, Hebrew) is embedded in every PDF. Chinese,
Japanese and Korean are drawn with the shipped Droid Sans Fallback, registered only the
first time a text needs it (reading it costs ~0.3 s, once per process). A character no
shipped font covers prints as a visible □ and the builder adds a note saying so: never
an invisible box, never a crash.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hubdesk.kernel.paths import resources_dir

FONT = "HubDeskSans"
FONT_BOLD = "HubDeskSans-Bold"
FONT_ITALIC = "HubDeskSans-Oblique"
FONT_CJK = "HubDeskCJK"
MISSING_GLYPH = "\u25a1"  # □, visible where no shipped font has the glyph
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
CJK_FILE = "DroidSansFallback.ttf"
_KEEP = frozenset("\n\t")
_RTL = "\u0590-\u08ff\ufb1d-\ufefc"
_RTL_CHAR = re.compile(f"[{_RTL}]")
_RTL_PHRASE = re.compile(f"[{_RTL}](?:[{_RTL} ]*[{_RTL}])?")


def fonts_dir() -> str:
    return str(resources_dir() / "fonts")


@cache
def register_fonts() -> frozenset[int]:
    """Register the DejaVu family once per process; returns the code points the regular face can draw."""
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, f"{fonts_dir()}/{file}"))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)  # no bold-oblique shipped: bold reads better than a faux slant
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


@cache
def _cjk_coverage() -> frozenset[int]:
    """Register the CJK face on first use; empty when its file is missing (the □ marker takes over)."""
    try:
        font = TTFont(FONT_CJK, f"{fonts_dir()}/{CJK_FILE}")
    except OSError:
        return frozenset()
    pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_CJK, bold, italic, FONT_CJK)  # one face serves <b> and <i> too
    return frozenset(font.face.charToGlyph)


def _has_right_to_left(text: str) -> bool:
    return _RTL_CHAR.search(text) is not None


def shape_right_to_left(text: str) -> str:
    """Arabic and Hebrew in visual order with joined letter forms (reportlab draws left to right only)."""
    if not _has_right_to_left(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    lines = (str(get_display(arabic_reshaper.reshape(line))) for line in text.split("\n"))
    # Lines are wrapped left to right after reordering, so a right-to-left phrase broken over two
    # lines would read in the wrong order: its spaces become no-break spaces to keep it on one line.
    return "\n".join(_RTL_PHRASE.sub(lambda m: m.group(0).replace(" ", "\u00a0"), line) for line in lines)


def clean_text(text: str) -> str:
    """NFC, one kind of line break, no control characters (they would reach the PDF as garbage)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if text.isprintable():
        return text
    return "".join(c for c in text if c in _KEEP or unicodedata.category(c) not in ("Cc", "Cf") or c == "\u200d")


def _face(char: str, regular: frozenset[int]) -> str:
    """Which face draws `char`: "" for DejaVu, FONT_CJK, or MISSING_GLYPH when none can."""
    code = ord(char)
    if code in regular or char in _KEEP:
        return ""
    if code in _cjk_coverage():
        return FONT_CJK
    return MISSING_GLYPH


def markup(text: str) -> tuple[str, bool]:
    """`text` as Paragraph markup that prints as typed; True when some character had to become □.

    Markup characters are escaped (`Café <Chez & Moi>` stays literal), line breaks become
    `<br/>`, right-to-left scripts are shaped, runs DejaVu lacks switch to the CJK face.
    """
    if not text:
        return "", False
    text = shape_right_to_left(clean_text(text))
    regular = register_fonts()
    if text.isascii() or all(ord(c) in regular or c in _KEEP for c in text):
        return escape(text).replace("\n", "<br/>"), False
    parts: list[str] = []
    replaced = False
    for face, run in groupby(text, key=lambda c: _face(c, regular)):
        chunk = "".join(run)
        if face == MISSING_GLYPH:
            parts.append(MISSING_GLYPH * len(chunk))
            replaced = True
        elif face:
            parts.append(f'<font face="{face}">{escape(chunk)}</font>')
        else:
            parts.append(escape(chunk).replace("\n", "<br/>"))
    return "".join(parts), replaced


def printable(text: str) -> tuple[str, bool]:
    """Plain text (for metadata and canvas strings in DejaVu): □ for what DejaVu cannot draw."""
    text = shape_right_to_left(clean_text(text))
    regular = register_fonts()
    if text.isascii() or all(ord(c) in regular or c in _KEEP for c in text):
        return text, False
    return "".join(c if ord(c) in regular or c in _KEEP else MISSING_GLYPH for c in text), True
