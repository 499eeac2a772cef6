"""The printable summary and computed values: answers laid out for a reader, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hubdesk.forms import FormContext, FormRegistry, PrintableSummary, compute

Summarize = Callable[..., PrintableSummary]


def plain(text: str) -> str:
    """Babel writes French thousands with narrow no-break spaces; compare with plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def items(summary: PrintableSummary) -> dict[str, str]:
    return {i.label: plain(i.value) for s in summary.sections for i in s.items}


def test_answers_are_laid_out_for_a_reader(summary: Summarize, complete: dict[str, dict[str, Any]]) -> None:
    fr = summary("investment_aid", complete["investment_aid"], "fr")
    shown = items(fr)
    assert shown["Chiffre d'affaires annuel"] == "300 000,00 €"
    assert shown["Secteur"] == "Horeca"
    assert shown["Nature de l'investissement"] == "Matériel"
    assert shown["Date d'introduction de la demande"] == "2 mars 2026"
    assert shown["Code postal de l'unité d'établissement"] == "1030 Schaerbeek"
    assert shown["Numéro d'entreprise (BCE)"] == "0403.019.261"
    assert shown["Numéro de TVA"] == "BE 0403.019.261"
    assert shown["Compte bancaire (IBAN) pour le paiement"] == "BE68 5390 0754 7034"
    assert shown["Téléphone de contact"] == "02 422 00 20"
    assert shown["Entreprise en difficulté ou soumise à une récupération d'aide"] == "Non"
    assert shown["Total des devis"] == "40 000,00 €"
    quotes = next(t for s in fr.sections for t in s.tables if t.title == "Devis")
    assert quotes.columns == ("Fournisseur", "Montant HTVA", "Devis (fichier)")
    assert tuple(plain(v) for v in quotes.rows[0]) == ("Fours Dupont", "25 000,00 €", "four.pdf")
    nl = items(summary("investment_aid", complete["investment_aid"], "nl"))
    assert nl["Jaaromzet"] == "€ 300.000,00" and nl["Datum van indiening van de aanvraag"] == "2 maart 2026"
    en = items(summary("investment_aid", complete["investment_aid"], "en"))
    assert en["Annual turnover"] == "€300,000.00" and en["Application date"] == "2 March 2026"


def test_row_computed_values_become_columns(summary: Summarize, complete: dict[str, dict[str, Any]]) -> None:
    result = summary("env_permit", complete["env_permit"], "nl")
    table = next(t for s in result.sections for t in s.tables)
    assert table.columns[-1] == "Weerhouden klasse"
    assert [row[0] for row in table.rows][:2] == ["Bakkerij (bakplaats)", "Airconditioning"]
    assert [row[-1] for row in table.rows] == ["Klasse 2", "Klasse 3", "Klasse 2", "Klasse 3"]
    computed = items(result)
    assert computed["Milieuklasse (de strengste bepaalt)"] == "Klasse 2"
    assert "Gecorrigeerde klassen" not in computed  # internal values are not printed


def test_hidden_and_empty_answers_are_left_out(summary: Summarize) -> None:
    result = summary("urban_permit", {"premises": "1030", "works": True, "change_of_use": False, "new_use": "Snack"})
    shown = items(result)
    assert "New use" not in shown and "Works (alterations, front, structure)" in shown
    assert shown["Works (alterations, front, structure)"] == "Yes"


def test_to_be_confirmed_marks(summary: Summarize, complete: dict[str, dict[str, Any]]) -> None:
    result = summary("export_support", complete["export_support"] | {"attache_post": "Singapore"}, "fr")
    marked = {i.label: i.to_be_confirmed for s in result.sections for i in s.items}
    assert marked["Poste d'attaché"] is True  # the reference marks Singapore as partial
    assert marked["Type d'accompagnement"] is True  # partner search is unverified
    assert marked["Marché visé"] is False
    assert result.to_be_confirmed_label == "à confirmer"
    paris = summary("export_support", complete["export_support"] | {"support_type": ["b2b_meetings"]}, "en")
    assert not any(i.to_be_confirmed for s in paris.sections for i in s.items)


def test_export_support_notices(summary: Summarize, complete: dict[str, dict[str, Any]]) -> None:
    answers = complete["export_support"] | {"attache_post": "Geneva", "support_type": ["mission", "trade_fair"]}
    result = summary("export_support", answers, "fr")
    assert result.notices == (
        "La fermeture du bureau de Genève a été décidée : prévoir le suivi avec hub.brussels à Bruxelles.",
        "Missions économiques : participation de 100 € pour une PME, 300 € pour une grande entreprise ; "
        "environ 40 missions par an.",
        "Les primes à l'exportation pour les foires sont suspendues depuis le 26 août 2024 (à confirmer).",
    )
    closed = summary("export_support", answers | {"attache_post": "Cologne"}, "en")
    assert closed.notices[0] == "The Cologne office is closed: choose another post or follow-up from Brussels."


def test_location_search_computes_fit_and_rent(
    registry: FormRegistry, context: FormContext, complete: dict[str, dict[str, Any]]
) -> None:
    definition = registry.load("location_search")
    values = compute(definition, complete["location_search"], context)
    assert values["premises[0].rent_per_m2"] == Decimal("20.00")
    assert values["premises[0].fits"] is True
    assert values["premises[1].fits"] is False  # 1040 in the City of Brussels, not a preferred commune
    assert (values["candidate_count"], values["matching_count"], values["budget_per_m2"]) == (2, 1, Decimal("31.25"))
    assert compute(definition, {"surface_min": 0, "budget_monthly": 100}, context)["budget_per_m2"] is None


def test_computed_values_need_no_context(registry: FormRegistry) -> None:
    assert compute(registry.load("terrace"), {"surface_m2": 12, "occupation": "annual"}) == {
        "etterbeek_annual_fee": None
    }


def test_the_summary_speaks_from_the_context_date(summary: Summarize) -> None:
    result = summary("terrace", {})
    assert str(result.generated_on) == "2026-03-01"
    assert result.description.startswith("Terrace")
