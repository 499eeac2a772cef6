"""Hostile text in dossiers: markup, endless words, empty parts, 500 visits, foreign scripts, control characters."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from dossier_support import PRINTED, dossier, flat, fonts_of, render
from pypdf import PdfReader

from hubdesk.dossier import EnterpriseIdentity, VisitLine
from hubdesk.dossier.fonts import MISSING_GLYPH, markup

PAGE_WIDTH = 595.28
RIGHT_EDGE = PAGE_WIDTH - 18 * 72 / 25.4  # the right margin


def words_with_boxes(path: Path) -> list[tuple[str, float, float]]:
    """Each word pdftotext finds, with its left and right x coordinates."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [
        (word, float(x_min), float(x_max))
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html
        )
    ]


def test_markup_in_user_text_prints_as_typed(tmp_path: Path) -> None:
    hostile = "Café <Chez & Moi> <b>pas gras</b> &amp; <font size=40>x</font>"
    data = dossier(
        ["terrace"],
        "fr",
        enterprise=EnterpriseIdentity(hostile, "0403.019.261", address=hostile),
        title=hostile,
        situation=hostile,
        visits=(VisitLine(PRINTED, hostile, hostile, hostile),),
    )
    path, text, _ = render(data, "fr", tmp_path)
    assert flat(text).count(hostile) >= 5  # title, name, address, situation, visit... each printed as typed
    assert PdfReader(path).metadata.title.endswith(hostile)


def test_very_long_words_wrap_inside_the_page(tmp_path: Path) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung" * 3
    url = "https://example.com/" + "/".join(["segment"] * 30)
    data = dossier(
        ["terrace"],
        "en",
        title=word,
        situation=f"{word} {url}",
        enterprise=EnterpriseIdentity(word, "0403.019.261", email=url),
        visits=(VisitLine(PRINTED, word, word, f"{word} {url}"),),
    )
    path, text, _ = render(data, "en", tmp_path)
    assert "Donaudampfschiff" in text
    boxes = words_with_boxes(path)
    assert boxes and max(x_max for _, _, x_max in boxes) <= RIGHT_EDGE + 1  # nothing runs off the page
    long_pieces = [w for w, _, _ in boxes if w.startswith("Donau")]
    assert len(long_pieces) >= 5  # the word was broken into lines, in every place it appears


def test_empty_sections_are_left_out(tmp_path: Path) -> None:
    data = dossier([], "en", visits=(), open_tasks=(), attachments=(), situation="", commune="")
    _, text, pages = render(data, "en", tmp_path)
    body = flat(text)
    for heading in ("Visit history", "Open tasks", "Attachments", "Permits needed", "Timeline", "At a glance"):
        assert heading not in body
    assert "Commune" not in body  # an empty line of the identity table too
    assert "Signatures" in body and pages == 1


def test_500_visits_paginate_with_repeated_header(tmp_path: Path) -> None:
    visits = tuple(
        VisitLine(PRINTED - timedelta(days=n), "Téléphone", "Bureau", f"Appel numéro {n}") for n in range(500)
    )
    path, text, pages = render(dossier(["terrace"], "fr", visits=visits), "fr", tmp_path)
    assert pages > 10
    for n in (0, 1, 250, 498, 499):
        assert f"Appel numéro {n}\n" in text
    page_texts = [p.extract_text() for p in PdfReader(path).pages]
    visit_pages = [t for t in page_texts if "Appel numéro" in t]
    assert len(visit_pages) >= 10
    assert all("Canal" in t and "Notes" in t for t in visit_pages)  # the header row repeats on each page


@pytest.mark.parametrize(
    ("name", "face"),
    [
        ("ООО «Ромашка» — Иван Петров", "DejaVuSans"),
        ("Ελληνική Εταιρεία Τροφίμων", "DejaVuSans"),
        ("北京烤鸭有限公司", "DroidSansFallback"),
        ("株式会社さくら", "DroidSansFallback"),
        ("서울무역", "DroidSansFallback"),
    ],
)
def test_foreign_scripts_render_with_a_shipped_font(name: str, face: str, tmp_path: Path) -> None:
    data = dossier(["export_support"], "en", enterprise=EnterpriseIdentity(f"{name} (Café)", "0403.019.261"))
    path, text, _ = render(data, "en", tmp_path)
    assert name in text and MISSING_GLYPH not in text
    assert any(face in font for font in fonts_of(path))
    assert "cannot print" not in text


def test_arabic_is_shaped_and_drawn_right_to_left(tmp_path: Path) -> None:
    name = "شركة النور للتجارة"
    data = dossier(["export_support"], "en", enterprise=EnterpriseIdentity(name, "0403.019.261"))
    _, text, _ = render(data, "en", tmp_path)
    assert MISSING_GLYPH not in text
    line = next(line for line in text.splitlines() if "\ufe8e" in line or "\ufef3" in line or "ﺷ" in line)
    shown = unicodedata.normalize("NFKC", line)  # joined presentation forms back to letters
    words = name.split()
    assert all(w in shown or w[::-1] in shown for w in words)  # either reading order: poppler may reverse it
    joined = markup(name)[0]
    assert "\ufeb7" in joined  # the initial form of shīn: letters are joined, not isolated
    assert " " not in joined  # the phrase never wraps: lines are filled left to right after reordering


def test_script_no_font_covers_shows_a_visible_marker_and_a_note(tmp_path: Path) -> None:
    name = "नमस्ते ट्रेडिंग 🍟"
    data = dossier(["export_support"], "fr", enterprise=EnterpriseIdentity(name, "0403.019.261"), title=name)
    path, text, _ = render(data, "fr", tmp_path)
    assert MISSING_GLYPH in text  # visible, never an invisible box
    assert "ne peut pas imprimer" in flat(text)  # and the reader is told why
    assert all(fonts_of(path).values())
    assert PdfReader(path).metadata.title.endswith(name)  # metadata keeps the real name


def test_control_characters_and_odd_line_breaks_are_cleaned(tmp_path: Path) -> None:
    notes = "ligne un\r\nligne deux\rligne trois\x00\x07\x1b[31m fin\u200b"
    data = dossier(["terrace"], "fr", visits=(VisitLine(PRINTED, "Visite", "Bureau", notes),))
    path, text, _ = render(data, "fr", tmp_path)
    assert "ligne un\nligne deux\nligne trois[31m fin" in text
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)


def test_markup_function_escapes_and_switches_faces() -> None:
    shown, replaced = markup("a < b & c 北京\nfin")
    assert shown == 'a &lt; b &amp; c <font face="HubDeskCJK">北京</font><br/>fin' and not replaced
    assert markup("") == ("", False)
    assert markup("\U0001f35f")[1] is True
