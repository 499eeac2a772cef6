"""Dossiers for every form in every layout, read back: labels, answers, deadlines, amounts, marks, pages, metadata."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from dossier_support import (
    ANSWERS,
    PRINTED,
    REFERENCE,
    dossier,
    flat,
    fonts_of,
    handmade_summary,
    languages_of,
    render,
)
from pypdf import PdfReader

from hubdesk.dossier import LAYOUTS, TaskLine, build_dossier
from hubdesk.kernel.formatting import format_day, format_money

MARKS = {"fr": "à confirmer", "nl": "te bevestigen", "en": "to be confirmed"}
PAGE_WORD = {"fr": "page", "nl": "pagina", "en": "page"}


def alnum(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def shown_day(value: object, layout: str) -> str:
    """How the layout prints a date: `21 mai 2026`, or `21/05/2026` in the bilingual layout."""
    from datetime import date

    assert isinstance(value, date)
    return f"{value:%d/%m/%Y}" if layout == "fr-nl" else format_day(value, layout, "medium")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("form_id", sorted(ANSWERS))
def test_every_form_in_every_layout(form_id: str, layout: str, tmp_path: Path) -> None:
    data = dossier([form_id], layout)
    _, text, pages = render(data, layout, tmp_path)
    body = flat(text)
    assert REFERENCE in body and "Friterie Zoë" in body
    for language in languages_of(layout):
        summary = data.summaries[language][0]
        assert flat(summary.title) in body
        first = data.summaries[languages_of(layout)[0]][0]
        for index, section in enumerate(summary.sections):  # labels and answers, as a reader sees them
            assert flat(section.title) in body
            for item, twin in zip(section.items, first.sections[index].items, strict=True):
                assert flat(item.label)[:25] in body
                if item is twin or alnum(item.value) != alnum(twin.value):  # the same value is shown once
                    assert flat(item.value)[:25] in body
        for step in summary.timeline:  # dated deadlines
            assert flat(step.label)[:25] in body
            if step.due_on is not None:
                assert shown_day(step.due_on, layout) in body
        for aid in summary.aid:  # amounts
            if aid.amount_eur is not None:
                assert flat(format_money(aid.amount_eur, languages_of(layout)[0])) in body
        for permit in summary.permits:
            assert flat(permit.issuer)[:25] in body
        unconfirmed = (
            any(p.to_be_confirmed for p in summary.permits)
            or any(a.to_be_confirmed and a.amount_eur is not None for a in summary.aid)
            or any(s.to_be_confirmed for s in summary.timeline)
            or any(c.to_be_confirmed for c in summary.checklist)
        )
        if unconfirmed:
            assert MARKS[language] in body
    if layout == "fr-nl":
        assert "Adresse / Adres" in body and "Begeleidingsdossier" in body
    language = languages_of(layout)[0]
    assert f"{PAGE_WORD[language]} {pages}" in body and pages >= 2


@pytest.mark.parametrize("layout", ["fr", "nl", "en", "fr-nl"])
def test_every_part_of_a_summary_is_laid_out(layout: str, tmp_path: Path) -> None:
    """A hand-built summary with every part: answers, group table, permits, dated and undated steps, aid, list."""
    summaries = {lang: (handmade_summary(lang),) for lang in languages_of(layout)}
    data = dossier([], layout, summaries=summaries)
    _, text, _ = render(data, layout, tmp_path)
    body = flat(text)
    words = {
        "fr": ("Délivré par", "date à fixer", "non éligible", "suspendue", "le cas échéant", "Documents à rassembler"),
        "nl": ("Afgeleverd door", "datum te bepalen", "komt niet in aanmerking", "opgeschort", "indien van", "Te"),
        "en": ("Issued by", "date to be set", "not eligible", "suspended", "if applicable", "Documents to gather"),
    }
    for language in languages_of(layout):
        for word in words[language]:
            assert word in body, word
        assert MARKS[language] in body
    assert "42 m²" in body and "Friteuse" in body and "Hotte aspirante" in body
    assert "Vide" not in body  # a column empty in every row is left out
    assert "Empty" not in body  # an answer with no value is left out
    assert "Permis X" in body and "Commune de Schaerbeek" in body
    assert shown_day(__import__("datetime").date(2026, 4, 15), layout) in body
    assert "Raison un." in body and "Pas une PME." in body
    lang = languages_of(layout)[0]
    assert flat(f"{format_money(2000, lang)} – {format_money(6000, lang)}") in body
    assert flat(format_money(350000, lang)) in body  # the ceiling
    assert "☐ Plan coté" in text and "☐ Photos" in text  # tick boxes
    assert "1. Appeler la commune." in body and "2. Déposer le dossier." in body
    assert "⚠ Attention au délai." in body
    if layout == "fr-nl":
        assert "Demande fictive / Fictieve aanvraag" in body
        assert "Oui / Ja" in body  # values that differ show both languages...
        assert "42 m² / 42 m²" not in body  # ...identical ones once


def test_cover_sums_up_the_situation(tmp_path: Path) -> None:
    tasks = (TaskLine("Envoyer les plans", PRINTED.date().replace(day=20)), TaskLine("Payer la redevance", None))
    late = TaskLine("Relancer la commune", PRINTED.date().replace(day=1))
    data = dossier(["env_permit", "investment_aid", "terrace"], "fr", open_tasks=(late, *tasks))
    _, text, _ = render(data, "fr", tmp_path)
    body = flat(text)
    assert "En bref" in body and "Reprise d'un commerce existant." in body
    assert "Prochaine échéance 20 mars 2026 — Envoyer les plans" in body  # the earliest date still ahead
    assert "3 tâches en cours · 1 en retard" in body
    assert "1 mars 2026 en retard Relancer la commune" in body
    assert "Aide estimée 2 000,00 € – 6 000,00 € (à confirmer)" in body
    assert "Permis d'environnement de classe 2" in body


def test_amounts_dates_and_money_follow_the_locale(tmp_path: Path) -> None:
    _, nl, _ = render(dossier(["investment_aid"], "nl"), "nl", tmp_path)
    _, en, _ = render(dossier(["investment_aid"], "en"), "en", tmp_path)
    _, both, _ = render(dossier(["investment_aid"], "fr-nl"), "fr-nl", tmp_path)
    assert "€ 2.000,00 – € 6.000,00" in flat(nl) and "€2,000.00 – €6,000.00" in flat(en)
    assert "10 mrt 2026" in flat(nl) and "10 Mar 2026" in flat(en)  # printed on, in the footer
    assert "01/02/2026" in flat(both)  # the bilingual layout writes dates the same for both readers
    assert "02/03/2026 10:15" in flat(both)  # a visit at 09:15 UTC, shown in Brussels time


def test_export_aid_shows_its_suspension(tmp_path: Path) -> None:
    _, text, _ = render(dossier(["export_aid"], "nl"), "nl", tmp_path)
    assert "opgeschort" in flat(text)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_all_fonts_are_embedded_and_qpdf_is_happy(layout: str, tmp_path: Path) -> None:
    data = dossier(list(ANSWERS)[:3], layout, title="Import 北京 — ООО «Ромашка» — شركة النور")
    path, _, _ = render(data, layout, tmp_path)
    fonts = fonts_of(path)
    assert fonts and all(fonts.values()), fonts
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), listing  # the "emb" column
    assert "Helvetica" not in listing and "Times" not in listing and "Courier" not in listing
    assert any("DroidSansFallback" in row for row in rows)  # the CJK face, only because the title needs it
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)


def test_a_dossier_without_cjk_does_not_carry_the_cjk_font(tmp_path: Path) -> None:
    path, _, _ = render(dossier(["terrace"], "fr"), "fr", tmp_path)
    assert set(fonts_of(path)) and not any("Droid" in name for name in fonts_of(path))


@pytest.mark.parametrize(
    ("layout", "tag", "word"),
    [
        ("fr", "fr-BE", "Dossier d'accompagnement"),
        ("nl", "nl-BE", "Begeleidingsdossier"),
        ("en", "en", "Support dossier"),
        ("fr-nl", "fr-BE", "Dossier d'accompagnement"),
    ],
)
def test_metadata(layout: str, tag: str, word: str, tmp_path: Path) -> None:
    path, _, _ = render(dossier(["terrace"], layout), layout, tmp_path)
    reader = PdfReader(path)
    assert REFERENCE in reader.metadata.title and word in reader.metadata.title
    assert "Friterie Zoë" in reader.metadata.title
    assert reader.metadata.author == "hub.brussels"
    assert reader.metadata.subject == "Ouverture d'une friterie"
    assert str(reader.trailer["/Root"]["/Lang"]) == tag


def test_qr_code_decodes_to_reference_and_version(tmp_path: Path) -> None:
    path, text, _ = render(dossier(["terrace"], "en"), "en", tmp_path)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    image = next(tmp_path.glob("p*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=True).stdout
    assert decoded.strip() == f"{REFERENCE}|v3"
    assert f"{REFERENCE}|v3" in text  # also printed under the code for a person


def test_footer_and_running_header(tmp_path: Path) -> None:
    path, _, pages = render(dossier(["env_permit", "investment_aid"], "fr"), "fr", tmp_path)
    texts = [page.extract_text() for page in PdfReader(path).pages]
    for number, page_text in enumerate(texts, start=1):
        assert f"page {number} sur {pages}" in page_text
        assert f"Dossier {REFERENCE} · version 3 · imprimé le 10 mars 2026" in flat(page_text)
        if number > 1:
            assert f"{REFERENCE} · Friterie Zoë" in page_text and "hub.brussels" in page_text


def test_signature_block_names_both_parties(tmp_path: Path) -> None:
    _, text, _ = render(dossier([], "nl"), "nl", tmp_path)
    body = flat(text)
    assert "De adviseur Anaïs Dubois" in body and "De ondernemer Friterie Zoë" in body
    assert body.count("Plaats:") == 2 and body.count("Datum:") == 2 and body.split().count("Handtekening") == 2


def test_writes_to_a_stream_too() -> None:
    buffer = io.BytesIO()
    pages = build_dossier(dossier(["sign_permit"], "fr"), "fr", buffer)
    assert buffer.getvalue().startswith(b"%PDF") and pages >= 1


def test_a_path_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(ValueError):
        build_dossier(dossier([], "fr"), "de", target)
    assert not target.exists() and not list(tmp_path.iterdir())


def test_same_input_gives_the_same_bytes() -> None:
    first, second = io.BytesIO(), io.BytesIO()
    build_dossier(dossier(["terrace"], "fr"), "fr", first)
    build_dossier(dossier(["terrace"], "fr"), "fr", second)
    assert first.getvalue() == second.getvalue()  # printed_at given: reproducible output
