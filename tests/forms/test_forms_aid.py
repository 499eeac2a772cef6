"""Subsidy applications: eligibility (SME with linked and partner enterprises, Brussels, dates) and estimates."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from hubdesk.domain.entities import Address, Enterprise, RelatedEnterprise, Relation, SizeFigures
from hubdesk.forms import FormContext, FormRegistry, PrintableSummary, summarize
from hubdesk.forms.summary import AidEstimate

Summarize = Callable[..., PrintableSummary]
BASE = {
    "headcount": 4,
    "turnover": 300000,
    "establishment_postal_code": "1030",
    "application_on": "2026-03-02",
    "expense_committed_on": "2026-04-15",
    "eligible_costs": 40000,
}


@pytest.fixture
def aid(summary: Summarize) -> Callable[..., AidEstimate]:
    def run(form_id: str, answers: dict[str, Any], language: str = "en", **kwargs: Any) -> AidEstimate:
        return summary(form_id, answers, language, **kwargs).aid[0]

    return run


Aid = Callable[..., AidEstimate]


@pytest.mark.parametrize(
    ("headcount", "turnover", "balance", "size"),
    [
        (9, 2_000_000, None, "micro enterprise"),
        (10, 2_000_000, None, "small enterprise"),  # headcount ceilings are "fewer than"
        (5, 2_000_001, 2_000_000, "micro enterprise"),  # turnover OR balance sheet
        (5, 2_000_001, 2_000_001, "small enterprise"),
        (49, 10_000_000, None, "small enterprise"),
        (50, 10_000_000, None, "medium-sized enterprise"),
        (20, 10_000_001, 10_000_001, "medium-sized enterprise"),
        (249, 50_000_000, None, "medium-sized enterprise"),
        (100, 60_000_000, 43_000_000, "medium-sized enterprise"),
    ],
)
def test_each_sme_threshold_exactly(headcount: int, turnover: int, balance: int | None, size: str, aid: Aid) -> None:
    answers = BASE | {"headcount": headcount, "turnover": turnover, "balance_sheet": balance}
    estimate = aid("consultancy_aid", answers)
    assert estimate.eligible is True
    assert f"SME status met: {size}." in estimate.reasons


@pytest.mark.parametrize(
    ("headcount", "turnover", "balance"),
    [(250, 1_000_000, None), (100, 50_000_001, 43_000_001)],
)
def test_large_enterprises_are_not_eligible(headcount: int, turnover: int, balance: int | None, aid: Aid) -> None:
    estimate = aid("consultancy_aid", BASE | {"headcount": headcount, "turnover": turnover, "balance_sheet": balance})
    assert estimate.eligible is False
    assert "The enterprise is not an SME once linked and partner enterprises are counted." in estimate.reasons


def test_linked_enterprises_count_in_full_and_partners_pro_rata(aid: Aid) -> None:
    partner = {"name": "P", "relation": "partner", "share": 30, "headcount": 40, "turnover": 1_000_000}
    small = aid("consultancy_aid", BASE | {"headcount": 37, "related": [partner]})  # 37 + 30 % of 40 = 49
    assert "SME status met: small enterprise with linked and partner enterprises counted (49 AWU)." in small.reasons
    medium = aid("consultancy_aid", BASE | {"headcount": 38, "related": [partner]})  # 50
    assert any("medium-sized enterprise" in r for r in medium.reasons)
    linked = {"name": "Group", "relation": "linked", "share": 80, "headcount": 400, "turnover": 90_000_000}
    assert aid("consultancy_aid", BASE | {"related": [linked]}).eligible is False


def test_figures_come_from_the_enterprise_when_the_form_has_none(registry: FormRegistry, context: FormContext) -> None:
    company = Enterprise(
        "e1",
        "0403019261",
        "Friterie Zoë",
        address=Address(postal_code="1000", commune_nis="21004"),
        figures=SizeFigures(Decimal(20), Decimal(3_000_000)),
        related=(RelatedEnterprise("Mother", Relation.LINKED, Decimal(100), SizeFigures(Decimal(300), Decimal(1))),),
    )
    with_company = FormContext(context.reference, company, context.today)
    answers = {k: v for k, v in BASE.items() if k not in ("headcount", "turnover", "establishment_postal_code")}
    estimate = summarize(registry.load("consultancy_aid"), answers, with_company, "en").aid[0]
    assert estimate.eligible is False  # the linked mother company makes it large
    assert "Establishment unit in the Brussels-Capital Region." in estimate.reasons


def test_the_establishment_must_be_in_brussels(aid: Aid) -> None:
    outside = aid("consultancy_aid", BASE | {"establishment_postal_code": "9000"})
    assert outside.eligible is False
    assert "The establishment unit must be in the Brussels-Capital Region." in outside.reasons
    unknown = aid("consultancy_aid", {k: v for k, v in BASE.items() if k != "establishment_postal_code"})
    assert unknown.eligible is None


@pytest.mark.parametrize(
    ("application", "commitment", "eligible", "reason"),
    [
        ("2026-03-02", "2026-03-03", True, "The application (2 March 2026) comes before the expense is committed"),
        ("2026-03-02", "2026-03-02", False, "The expense was committed on 2 March 2026, not after the application"),
        ("2026-03-02", "2026-02-20", False, "The expense was committed on 20 February 2026, not after"),
        (None, "2026-02-20", False, "The expense was already committed on 20 February 2026, before any application"),
        (None, "2026-03-20", None, "File the application before 20 March 2026"),
        ("2026-03-02", None, True, "Commit no expense (no signed order form) before the application of 2 March 2026."),
        (None, None, None, "Enter the application and commitment dates"),
    ],
)
def test_apply_before_committing_the_expense(
    application: str | None, commitment: str | None, eligible: bool | None, reason: str, aid: Aid
) -> None:
    answers = BASE | {"application_on": application, "expense_committed_on": commitment}
    for form_id in ("investment_aid", "consultancy_aid", "transition_consultancy"):
        estimate = aid(form_id, answers)
        assert estimate.eligible is eligible, form_id
        assert any(r.startswith(reason) for r in estimate.reasons), (form_id, estimate.reasons)


def test_the_rule_is_only_to_be_confirmed_where_the_reference_does_not_state_it(aid: Aid) -> None:
    launch = {"has_enterprise_number": False, "adult": True, "self_employed_last_3_years": False,
              "accompanied_months": 6, "business_plan": True, "eligible_costs": 10000}  # fmt: skip
    estimate = aid("launch_aid", launch | {"application_on": "2026-03-02", "expense_committed_on": "2026-02-01"})
    assert estimate.eligible is None
    assert any(r.endswith("(to be confirmed)") and "not after the application" in r for r in estimate.reasons)
    assert aid("launch_aid", launch).eligible is True


def test_investment_aid_estimate_is_a_range_to_be_confirmed(aid: Aid) -> None:
    estimate = aid("investment_aid", BASE, language="fr")
    assert (estimate.amount_min_eur, estimate.amount_eur) == (Decimal("2000.00"), Decimal("6000.00"))
    assert estimate.rate.startswith("5\xa0% à 15\xa0% des coûts éligibles")
    assert estimate.to_be_confirmed and estimate.eligible is True
    zone = aid("investment_aid", BASE | {"headcount": 60, "turnover": 20_000_000, "development_zone": True})
    assert (zone.amount_min_eur, zone.amount_eur) == (Decimal("3000.00"), Decimal("8000.00"))  # 7.5 % to 20 %
    capped = aid("investment_aid", BASE | {"eligible_costs": 5_000_000})
    assert capped.amount_eur == Decimal(350000) and capped.ceiling_eur == Decimal(350000)
    assert any(r.startswith("Capped at the ceiling of €350,000.00 (per calendar year)") for r in capped.reasons)


@pytest.mark.parametrize(
    ("changes", "minimum"),
    [
        ({"starter": True, "eligible_costs": 9999}, "€10,000.00"),
        ({"starter": False, "eligible_costs": 14999}, "€15,000.00"),
        ({"headcount": 20, "starter": False, "eligible_costs": 29999}, "€30,000.00"),
    ],
)
def test_investment_minimums_of_the_2018_regime_are_to_be_confirmed(
    changes: dict[str, Any], minimum: str, aid: Aid
) -> None:
    estimate = aid("investment_aid", BASE | changes)
    assert estimate.eligible is None  # a partial source cannot refuse the aid
    assert any(r.startswith(f"The costs are below the minimum of {minimum}") for r in estimate.reasons)
    enough = aid("investment_aid", BASE | changes | {"eligible_costs": 30000})
    assert enough.eligible is True


def test_consultancy_estimates_from_verified_rates(aid: Aid) -> None:
    estimate = aid("consultancy_aid", BASE | {"eligible_costs": 10000})
    assert (estimate.amount_min_eur, estimate.amount_eur) == (Decimal("2500.00"), Decimal("7000.00"))
    assert not estimate.to_be_confirmed and estimate.rate == "25% to 70% of eligible costs"
    recurring = aid("consultancy_aid", BASE | {"recurring": True})
    assert recurring.eligible is False
    transition = aid("transition_consultancy", BASE | {"eligible_costs": 10000}, language="nl")
    assert (transition.amount_min_eur, transition.amount_eur) == (Decimal("5000.00"), Decimal("8000.00"))
    assert transition.rate == "50% tot 80% van de subsidiabele kosten"


def test_common_conditions(aid: Aid) -> None:
    assert aid("consultancy_aid", BASE | {"de_minimis_received": 299999}).eligible is True
    over = aid("consultancy_aid", BASE | {"de_minimis_received": 300000})
    assert over.eligible is False and "De minimis aid over 3 years must stay below €300,000." in over.reasons
    assert aid("consultancy_aid", BASE | {"firm_in_difficulty": True}).eligible is False


def test_launch_aid_conditions(aid: Aid) -> None:
    answers = {"has_enterprise_number": False, "adult": True, "self_employed_last_3_years": False,
               "accompanied_months": 6, "business_plan": True, "eligible_costs": 10000}  # fmt: skip
    estimate = aid("launch_aid", answers)
    assert (estimate.eligible, estimate.amount_eur, estimate.amount_min_eur) == (True, Decimal("6000.00"), None)
    assert estimate.rate == "up to 60% of eligible costs" and not estimate.to_be_confirmed
    assert aid("launch_aid", answers | {"accompanied_months": 5}).eligible is False
    assert aid("launch_aid", answers | {"has_enterprise_number": True}).eligible is False
    assert aid("launch_aid", {"eligible_costs": 100}).eligible is None


FAIR = BASE | {"aid_type": "trade_fair", "destination": "Tokyo", "event_start_on": "2026-05-10", "eligible_costs": 6000}


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_export_aid_is_recordable_but_shown_suspended(language: str, summary: Summarize) -> None:
    result = summary("export_aid", FAIR, language)
    [estimate] = result.aid
    assert estimate.suspended and estimate.to_be_confirmed
    date_text = {"fr": "26 août 2024", "nl": "26 augustus 2024", "en": "26 August 2024"}[language]
    assert any(date_text in notice for notice in result.notices)


def test_export_aid_estimates(aid: Aid) -> None:
    fair = aid("export_aid", FAIR)
    assert fair.amount_eur == Decimal("3000.00") and fair.rate.startswith("50% of eligible costs")
    starter = aid("export_aid", FAIR | {"starter": True, "eligible_costs": 20000})
    assert starter.amount_eur == Decimal(4000) and starter.ceiling_eur == Decimal(4000)  # 75 %, capped
    small = aid("export_aid", FAIR | {"eligible_costs": 900})
    assert small.eligible is None and any("minimum of €1,000.00" in r for r in small.reasons)
    late = aid("export_aid", FAIR | {"application_on": "2026-05-10"})
    assert late.eligible is None  # "at least 1 day before the fair": a partial source
    assert any(r.startswith("The request must be filed at least 1 day before the fair opens.") for r in late.reasons)
    trip = BASE | {"aid_type": "prospection_trip", "destination": "Tokyo", "eligible_costs": 2000}
    assert aid("export_aid", trip).eligible is None  # market and sales share still unknown
    far = aid("export_aid", trip | {"market_outside_eu": True, "market_sales_share": 5})
    assert far.eligible is True and (far.amount_min_eur, far.amount_eur) == (Decimal("1000.00"), Decimal("1500.00"))
    assert aid("export_aid", trip | {"market_outside_eu": False, "market_sales_share": 5}).eligible is None
    assert aid("export_aid", trip | {"starter": True}).eligible is True


def test_partial_and_unverified_figures_are_marked(aid: Aid, summary: Summarize) -> None:
    assert aid("investment_aid", BASE).to_be_confirmed  # rates not verified for 2024
    assert not aid("consultancy_aid", BASE).to_be_confirmed  # verified scheme and rates
    result = summary("investment_aid", BASE | {"business_takeover": True})
    marked = {c.label: c.to_be_confirmed for c in result.checklist}
    assert marked["Detailed, dated, unsigned quotes"] is True
    assert marked["Filed annual accounts"] is False
    assert any("(to be confirmed)" in n for n in result.notices)
