"""Dossier test support: realistic answers for every shipped form, a hand-built summary, PDF read-back helpers."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from hubdesk.domain.reference import load_reference_data
from hubdesk.dossier import (
    AdvisorContact,
    AttachmentLine,
    DossierData,
    EnterpriseIdentity,
    TaskLine,
    VisitLine,
    build_dossier,
)
from hubdesk.forms import FormContext, FormRegistry, summarize
from hubdesk.forms.summary import (
    AidEstimate,
    ChecklistItem,
    PermitNeeded,
    PrintableSummary,
    SummaryItem,
    SummarySection,
    SummaryTable,
    TimelineStep,
)

REGISTRY = FormRegistry()
CONTEXT = FormContext(load_reference_data(), today=date(2026, 3, 1))
PRINTED = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
REFERENCE = "HD-2026-K7QM-0042"
DATES = {"application_on": "2026-03-01", "expense_committed_on": "2026-04-01", "establishment_postal_code": "1030"}
SIZE = {"headcount": 4, "turnover": "300000"}

# One realistic set of answers per shipped form.
ANSWERS: dict[str, dict[str, Any]] = {
    "env_permit": {
        "installations": [
            {"description": "Chambre froide", "class": "3", "power_kw": 12},
            {"description": "Transformateur", "class": "2", "power_kw": 250},
        ],
        "file_complete_on": "2026-03-02",
    },
    "urban_permit": {
        "premises": "1030",
        "works": False,
        "change_of_use": True,
        "new_use": "restaurant",
        "retail": True,
        "net_retail_surface": 450,
        "file_complete_on": "2026-03-02",
    },
    "terrace": {"occupation": "seasonal", "surface_m2": 24, "free_passage_m": 2, "start_on": "2026-05-01"},
    "food_business": {"activity_risk": "authorisation", "opening_on": "2026-06-01"},
    "sign_permit": {"zone": "restricted", "illuminated": True, "start_on": "2026-06-01"},
    "investment_aid": {
        **SIZE,
        **DATES,
        "eligible_costs": "40000",
        "description": "Four à sole",
        "quotes": [{"supplier": "Fours Dupont", "amount": "40000"}],
    },
    "consultancy_aid": {**SIZE, **DATES, "eligible_costs": "10000", "description": "Plan marketing"},
    "transition_consultancy": {**SIZE, **DATES, "eligible_costs": "8000", "description": "Économie circulaire"},
    "launch_aid": {
        "has_enterprise_number": False,
        "adult": True,
        "self_employed_last_3_years": False,
        "accompanied_months": 8,
        "business_plan": True,
        "eligible_costs": 12000,
        "description": "Atelier",
    },
    "export_aid": {
        **SIZE,
        **DATES,
        "aid_type": "trade_fair",
        "destination": "Tokyo",
        "eligible_costs": 9000,
        "description": "Foodex",
    },
    "export_support": {"target_market": "Japon", "attache_post": "Paris", "support_type": ["partner_search"]},
    "location_search": {
        "premises_type": "shop",
        "surface_min": 450,
        "budget_monthly": 4000,
        "preferred_communes": ["21015"],
        "premises": [{"address": "Rue Royale 1", "surface": 500}],
    },
}


def languages_of(layout: str) -> tuple[str, ...]:
    return ("fr", "nl") if layout == "fr-nl" else (layout,)


def form_summaries(form_ids: list[str], layout: str) -> dict[str, tuple[PrintableSummary, ...]]:
    return {
        lang: tuple(summarize(REGISTRY.load(f), ANSWERS[f], CONTEXT, lang) for f in form_ids)
        for lang in languages_of(layout)
    }


def dossier(form_ids: list[str], layout: str, **changes: Any) -> DossierData:
    """A dossier for a friterie with the given forms filled in, in `layout`'s language(s)."""
    base: dict[str, Any] = dict(
        reference=REFERENCE,
        title="Ouverture d'une friterie",
        kind="Accompagnement permis",
        status="En cours",
        enterprise=EnterpriseIdentity(
            "Friterie Zoë",
            "0403.019.261",
            "SRL",
            "Rue Royale 12, 1030 Schaerbeek",
            "BE0403019261",
            "02 422 00 20",
            "zoe@example.be",
            "micro-entreprise",
        ),
        advisor=AdvisorContact("Anaïs Dubois", "a.dubois@example.be", "02 422 00 20"),
        opened_on=date(2026, 2, 1),
        due_on=date(2026, 6, 1),
        commune="Schaerbeek",
        situation="Reprise d'un commerce existant.",
        summaries=form_summaries(form_ids, layout),
        visits=(VisitLine(datetime(2026, 3, 2, 9, 15, tzinfo=UTC), "Visite", "Rue Royale 12", "Première visite."),),
        open_tasks=(TaskLine("Envoyer les plans", date(2026, 3, 20)),),
        attachments=(AttachmentLine("plan.pdf", "application/pdf", 120_000, "ab" * 32),),
        version=3,
        printed_at=PRINTED,
    )
    base.update(changes)
    return DossierData(**base)


def handmade_summary(language: str) -> PrintableSummary:
    """A summary with every part the builder lays out, built by hand (independent of the form engine)."""
    word = {"fr": "Oui", "nl": "Ja", "en": "Yes"}[language]
    return PrintableSummary(
        form_id="handmade",
        form_version=1,
        title={"fr": "Demande fictive", "nl": "Fictieve aanvraag", "en": "Made-up application"}[language],
        language=language,
        description={"fr": "À quoi sert ce formulaire.", "nl": "Waartoe dit formulier dient.", "en": "What for."}[
            language
        ],
        sections=(
            SummarySection(
                {"fr": "Projet", "nl": "Project", "en": "Project"}[language],
                items=(
                    SummaryItem({"fr": "Surface", "nl": "Oppervlakte", "en": "Surface"}[language], "42 m²"),
                    SummaryItem({"fr": "Cuisine", "nl": "Keuken", "en": "Kitchen"}[language], word),
                    SummaryItem("Empty", ""),
                    SummaryItem({"fr": "Frais", "nl": "Kosten", "en": "Fee"}[language], "125", to_be_confirmed=True),
                ),
                tables=(
                    SummaryTable(
                        "Machines",
                        ("Nom", "Vide", "kW"),
                        (("Friteuse", "", "18"), ("Hotte aspirante", "", "2")),
                    ),
                ),
            ),
        ),
        permits=(PermitNeeded("Permis X", "Commune de Schaerbeek", "urban_permit", to_be_confirmed=True),),
        timeline=(
            TimelineStep("Dépôt", date(2026, 4, 15), "30 jours avant l'ouverture"),
            TimelineStep("Décision", None, "après l'enquête", to_be_confirmed=True),
        ),
        aid=(
            AidEstimate(
                "Prime A",
                True,
                Decimal("6000"),
                "5 % à 15 %",
                amount_min_eur=Decimal("2000"),
                ceiling_eur=Decimal("350000"),
                reasons=("Raison un.", "Raison deux."),
                to_be_confirmed=True,
            ),
            AidEstimate("Prime B", False, None, reasons=("Pas une PME.",)),
            AidEstimate("Prime C", None, Decimal("4000"), suspended=True),
        ),
        checklist=(ChecklistItem("Plan coté"), ChecklistItem("Photos", required=False, to_be_confirmed=True)),
        next_steps=("Appeler la commune.", "Déposer le dossier."),
        notices=("Attention au délai.",),
    )


def render(data: DossierData, layout: str, tmp_path: Path, name: str = "dossier") -> tuple[Path, str, int]:
    """Build the PDF, check pypdf agrees on the page count, and return its text in reading order."""
    path = tmp_path / f"{name}-{layout}.pdf"
    pages = build_dossier(data, layout, path)
    assert len(PdfReader(path).pages) == pages
    # Raw reading order keeps each table cell's lines together (layout mode interleaves columns).
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path, text, pages


def flat(text: str) -> str:
    """Whitespace collapsed and Babel's (narrow) no-break spaces made plain, for comparisons."""
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def fonts_of(path: Path) -> dict[str, bool]:
    """Every font the PDF uses (pages and form XObjects), and whether its program is embedded."""
    reader = PdfReader(path)
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts") or []]
            embedded = any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            found[str(font["/BaseFont"])] = embedded
    return found
