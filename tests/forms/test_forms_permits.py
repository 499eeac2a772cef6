"""Permit assistance: the environmental class and issuer, urban, terrace, food and sign permits, dated deadlines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from hubdesk.domain.reference import load_reference_data
from hubdesk.forms import FormContext, FormRegistry, PrintableSummary, compute

Summarize = Callable[..., PrintableSummary]
REFERENCE = load_reference_data()
COMPLETE_ON = "2026-03-02"


def env(*rows: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"premises": "1030", "installations": list(rows), "file_complete_on": COMPLETE_ON, **more}


def steps(summary: PrintableSummary) -> list[tuple[str, date | None, bool]]:
    return [(s.label, s.due_on, s.to_be_confirmed) for s in summary.timeline]


def test_a_bakery_needs_a_class_2_permit_from_the_commune(summary: Summarize) -> None:
    result = summary("env_permit", env({"activity": "bakery"}))
    [permit] = result.permits
    reference = REFERENCE.permit_type("env_permit_class2")
    assert "bakery" in reference["examples"] and reference["verification"] == "partial"
    assert permit.name == "Class 2 environmental permit" and permit.to_be_confirmed
    assert permit.issuer == "Commune (municipal executive): Schaerbeek"
    assert "15-day public inquiry" in permit.procedure
    assert steps(result) == [
        ("Public inquiry (15 days)", None, True),  # the authority sets the dates
        ("Decision", date(2026, 5, 21), True),  # 80 days, a communal source only: to be confirmed
    ]
    assert any("€125" in n for n in result.notices)


def test_a_dry_cleaner_needs_a_class_1b_permit_from_brussels_environment(summary: Summarize) -> None:
    result = summary("env_permit", env({"activity": "dry_cleaning"}, planned_start_on="2027-01-15"))
    [permit] = result.permits
    assert "dry cleaning" in REFERENCE.permit_type("env_permit_class1B")["examples"]
    assert (permit.name, permit.issuer, permit.to_be_confirmed) == (
        "Class 1B environmental permit",
        "Brussels Environment",
        True,
    )
    assert steps(result) == [
        ("Recommended filing of the file", date(2026, 1, 15), True),  # about a year before starting
        ("Consultation committee", None, True),
        ("Decision (1B alone)", date(2026, 8, 9), True),  # 160 days assumed: unverified
    ]
    assert {c.label for c in result.checklist} >= {"Impact report", "Application form and annexes"}


@pytest.mark.parametrize(
    ("places", "klass"),
    [(9, None), (10, "2"), (50, "2"), (51, "1B"), (60, "1B"), (400, "1B"), (401, "1A")],
)
def test_car_park_class_follows_the_number_of_places(
    places: int, klass: str | None, registry: FormRegistry, context: FormContext
) -> None:
    values = compute(registry.load("env_permit"), env({"activity": "car_park", "places": places}), context)
    assert values["installations[0].derived_class"] == klass
    assert values["env_class"] == klass
    assert values["unclassified_count"] == (1 if klass is None else 0)


def test_a_car_park_of_60_places(summary: Summarize) -> None:
    result = summary("env_permit", env({"activity": "car_park", "places": 60}, mixed_project=True))
    assert [p.name for p in result.permits] == [
        "Class 1B environmental permit",
        "Urban planning permit (incl. change of use / of designated use)",  # mixed project: both together
    ]
    assert result.permits[0].issuer == "Brussels Environment"
    assert "neither permit can be used without the other" in result.permits[1].procedure
    assert ("Decision (mixed project)", date(2026, 8, 9), True) in steps(result)
    assert ("Fire service (SIAMU) opinion (mixed project)", None, True) in steps(result)


def test_a_shop_with_an_air_conditioner_declares_class_3_to_the_commune(summary: Summarize) -> None:
    answers = env({"activity": "air_conditioning"}, premises={"postal_code": "1040", "commune_nis": "21005"})
    result = summary("env_permit", answers)
    [permit] = result.permits
    reference = REFERENCE.permit_type("env_decl_class3")
    assert "air conditioning" in reference["examples"] and reference["verification"] == "verified"
    assert permit.name == "Class 3 environmental declaration" and not permit.to_be_confirmed
    assert permit.issuer == "Commune (municipal executive): Etterbeek"
    assert steps(result) == [
        ("Acknowledgement of the declaration (the activity may then start)", date(2026, 3, 22), False)
    ]
    assert "Etterbeek charges a €30 file fee for a class 3 declaration." in result.notices
    assert "A class 3 declaration is in principle valid without time limit." in result.notices


@pytest.mark.parametrize(
    ("rows", "public", "klass", "issuer"),
    [
        (
            [{"activity": "air_conditioning"}, {"activity": "bakery"}],
            False,
            "2",
            "Commune (municipal executive): Schaerbeek",
        ),
        ([{"activity": "bakery"}, {"activity": "gsm_antenna"}], False, "2", "Brussels Environment"),  # 1D inside
        ([{"activity": "bakery"}, {"activity": "asbestos_removal"}], False, "2", "Brussels Environment"),  # 1C inside
        ([{"activity": "bakery"}], True, "2", "Brussels Environment"),  # "public" class 2
        ([{"activity": "gsm_antenna"}, {"activity": "fuel_oil_tank"}], False, "1D", "Brussels Environment"),
        ([{"activity": "asbestos_removal"}, {"activity": "air_conditioning"}], False, "1C", "Brussels Environment"),
        ([{"activity": "dry_cleaning"}, {"activity": "gsm_antenna"}, {"activity": "bakery"}], False, "1B", None),
        ([{"activity": "car_park", "places": 500}, {"activity": "dry_cleaning"}], False, "1A", None),
        ([{"activity": "other", "class": "1D"}, {"activity": "bakery"}], False, "2", "Brussels Environment"),
    ],
)
def test_the_highest_class_decides_and_names_the_issuer(
    rows: list[dict[str, Any]], public: bool, klass: str, issuer: str | None, summary: Summarize
) -> None:
    result = summary("env_permit", env(*rows, public_applicant=public))
    assert result.permits[0].name == f"Class {klass} environmental " + ("declaration" if klass in "1C3" else "permit")
    assert result.permits[0].issuer == (issuer or "Brussels Environment")
    decides = f"the strictest class (Class {klass}) decides the procedure"
    assert (decides in " ".join(result.notices)) is (len(rows) > 1)


def test_a_class_looked_up_in_easypermit_prevails_and_is_flagged(summary: Summarize) -> None:
    result = summary("env_permit", env({"activity": "bakery", "class": "3"}))
    assert result.permits[0].name == "Class 3 environmental declaration"
    assert any("class other than the reference list" in n for n in result.notices)


@pytest.mark.parametrize(
    ("klass", "rows", "expected"),
    [
        ("3", [{"activity": "air_conditioning"}], [("Acknowledgement of the declaration (the activity may then start)",
                                                     date(2026, 3, 22), False)]),
        ("1C", [{"activity": "asbestos_removal"}], [("Acknowledgement of the declaration", date(2026, 3, 22), False)]),
        ("1D", [{"activity": "gsm_antenna"}], [("Decision in principle", date(2026, 4, 1), False)]),
        ("1A", [{"activity": "car_park", "places": 450}], [
            ("Acknowledgement that the file is complete (or not)", date(2026, 3, 27), False),  # 45 days after filing
            ("Impact study", None, False),
            ("Decision", date(2027, 5, 26), False),  # 450 days after the completeness receipt
        ]),
    ],
)  # fmt: skip
def test_deadlines_are_dated_from_the_completeness_receipt(
    klass: str, rows: list[dict[str, Any]], expected: list[tuple[str, date | None, bool]], summary: Summarize
) -> None:
    assert steps(summary("env_permit", env(*rows, filed_on="2026-02-10"))) == expected


def test_without_a_completeness_date_the_steps_are_listed_undated(summary: Summarize) -> None:
    result = summary("env_permit", env({"activity": "bakery"}, file_complete_on=None))
    assert [s.due_on for s in result.timeline] == [None, None]
    assert "Record the date of the completeness receipt to date the statutory deadlines." in result.next_steps


def test_no_installation_means_no_permit_yet(summary: Summarize) -> None:
    result = summary("env_permit", {"premises": "1030"})
    assert not result.permits and "List the classified installations" in result.notices[0]


def test_the_old_environmental_form_still_derives_the_class(summary: Summarize) -> None:
    answers = {"installations": [{"description": "Four", "class": "2"}, {"description": "Frigo", "class": "1D"}],
               "file_complete_on": COMPLETE_ON}  # fmt: skip
    result = summary("env_permit", answers, version=1)
    assert result.form_version == 1
    assert (result.permits[0].name, result.permits[0].issuer) == (
        "Class 2 environmental permit",
        "Brussels Environment",
    )
    assert result.timeline[-1].due_on == date(2026, 5, 21)


URBAN = {"premises": "1030", "works": True, "change_of_use": False, "retail": False, "file_complete_on": COMPLETE_ON}


@pytest.mark.parametrize(
    ("changes", "commune_due", "official_due"),
    [
        ({}, date(2026, 5, 16), date(2026, 6, 30)),  # 75 days, then 45 for the delegated official
        ({"special_publicity": True}, date(2026, 5, 31), date(2026, 7, 15)),  # 90 days
        ({"delegated_official_opinion": True}, date(2026, 5, 31), date(2026, 7, 15)),
        ({"parallel_environmental_permit": True, "special_publicity": True}, date(2026, 8, 9), date(2026, 9, 23)),
    ],
)
def test_urban_permit_deadlines(
    changes: dict[str, Any], commune_due: date, official_due: date, summary: Summarize
) -> None:
    result = summary("urban_permit", URBAN | changes)
    dated = [(s.label, s.due_on) for s in result.timeline if s.due_on]
    assert dated == [
        ("Decision of the commune", commune_due),
        ("Without a decision: the delegated official, seized automatically, decides", official_due),
    ]
    assert all(not s.to_be_confirmed for s in result.timeline if s.due_on)
    completeness = result.timeline[0]
    assert completeness.due_on is None and completeness.to_be_confirmed  # not in the reference data


def test_change_of_use_without_works_needs_a_permit(summary: Summarize) -> None:
    result = summary("urban_permit", URBAN | {"works": False, "change_of_use": True, "new_use": "Snack"})
    assert [p.name for p in result.permits] == ["Urban planning permit (incl. change of use / of designated use)"]
    assert any("even without works" in n for n in result.notices)
    nothing = summary("urban_permit", URBAN | {"works": False})
    assert not nothing.permits and "no urban planning permit seems needed" in nothing.notices[0]


@pytest.mark.parametrize(("surface", "needed"), [(399, False), (400, False), ("400.01", True), (401, True)])
def test_commercial_establishment_above_400_square_metres(surface: Any, needed: bool, summary: Summarize) -> None:
    answers = URBAN | {"works": False, "retail": True, "net_retail_surface": surface}
    result = summary("urban_permit", answers)
    names = [p.name for p in result.permits]
    assert ("Commercial establishment (former socio-economic permit), merged into the urban permit" in names) is needed
    assert bool(names) is needed  # no works, no change of use: only the retail surface calls for a permit
    wholesale = summary("urban_permit", answers | {"wholesale": True})
    assert not wholesale.permits


def test_public_applicants_go_to_the_region(summary: Summarize) -> None:
    result = summary("urban_permit", URBAN | {"public_applicant": True})
    assert result.permits[0].issuer == "Region (delegated official, urban.brussels)"


def test_terrace(summary: Summarize) -> None:
    etterbeek = {"postal_code": "1040", "commune_nis": "21005"}
    answers = {"premises": etterbeek, "occupation": "annual", "surface_m2": 12, "start_on": "2026-05-01",
               "file_complete_on": "2026-03-10"}  # fmt: skip
    result = summary("terrace", answers, language="nl")
    assert result.permits[0].issuer == "Gemeente (College), na advies van de politie: Etterbeek"
    assert steps(result) == [
        ("De aanvraag uiterlijk indienen", date(2026, 4, 1), True),  # 1 month before: communal practice
        ("Beslissing (Etterbeek)", date(2026, 4, 10), False),  # Etterbeek: within one month
    ]
    fee = next(i for s in result.sections for i in s.items if i.label.startswith("Jaarlijkse retributie"))
    assert fee.value == "€\xa0276,00"  # 12 m² × €23
    schaerbeek = summary("terrace", answers | {"premises": "1030", "regional_road": True, "fixed_floor": True,
                                               "surface_m2": 60})  # fmt: skip
    assert "after the opinions of the police and the Region" in schaerbeek.permits[0].issuer
    assert ("Decision", None, True) in steps(schaerbeek)  # no regional deadline: to be confirmed
    assert any("50 m²" in n for n in schaerbeek.notices)


def test_food_business_procedure_follows_the_activity(summary: Summarize) -> None:
    expected = {"drinks_only": "Enregistrement AFSCA", "restaurant": "Autorisation AFSCA",
                "animal_products": "Agrément AFSCA"}  # fmt: skip
    for activity, name in expected.items():
        result = summary("food_business", {"activity": activity, "opening_on": "2026-06-01"}, language="fr")
        assert [p.name for p in result.permits] == [name]
        assert steps(result)[-1] == ("Enregistrement, autorisation ou agrément en main", date(2026, 6, 1), False)
        assert steps(result)[0][1:] == (date(2026, 5, 2), True)  # ~30 days: secondary source
    other = summary("food_business", {"activity": "other", "procedure_choice": "approval", "opening_on": "2026-06-01"})
    assert [p.name for p in other.permits] == ["FASFC approval"]
    old = summary("food_business", {"activity_risk": "registration", "opening_on": "2026-06-01"}, version=1)
    assert [p.name for p in old.permits] == ["FASFC registration"]


def test_sign_permit(summary: Summarize) -> None:
    result = summary("sign_permit", {"premises": "1000", "zone": "prohibited", "granted_on": "2026-06-01"})
    assert result.permits[0].to_be_confirmed  # the reference marks signs as partial
    assert result.permits[0].issuer == "Urban-permit authority (usually commune): City of Brussels"
    assert steps(result) == [("Latest end of the sign permit's validity", date(2035, 6, 1), True)]
    general = summary("sign_permit", {"zone": "general"})
    assert not general.permits and "to be confirmed with the commune" in general.notices[0]
    assert not general.checklist
