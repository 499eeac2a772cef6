"""Validation: each field kind and validator, conditions, drafts against submissions, translated messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hubdesk.forms import FormContext, FormDefinition, Issue, definition_from_dict, validate
from hubdesk.kernel.i18n import set_language

Check = Callable[..., dict[str, str]]

T = {"fr": "t", "nl": "t", "en": "t"}


def form(*fields: dict[str, Any]) -> FormDefinition:
    return definition_from_dict(
        {
            "form_id": "test",
            "version": 1,
            "case_kind": "general_advice",
            "title": T,
            "sections": [{"id": "s", "title": T, "fields": [{"label": T, **f} for f in fields]}],
        }
    )


def run(definition: FormDefinition, answers: Any, context: FormContext, submitted: bool = True) -> list[Issue]:
    return validate(definition, answers, submitted=submitted, context=context)


KINDS = [
    ("text", "hello", 12),
    ("long_text", "a\nb", ["a"]),
    ("number", "12,5", "douze"),
    ("number", 7, True),
    ("money", "1000.50", "1k€"),
    ("date", "2026-03-01", "01/03/2026"),
    ("yes_no", False, "yes"),
    ("enterprise_number", "0403.019.261", "0431.150.351"),
    ("vat", "BE 0403.019.261", "BE0431150351"),
    ("iban", "BE68 5390 0754 7034", "BE00 0961 2345 6769"),
    ("phone", "+32 2 422 00 20", "123"),
    ("email", "info@example.be", "info@"),
    ("postal_code", "1030", "9000"),
    ("postal_code", {"postal_code": "1050", "commune_nis": "21004"}, {"postal_code": "1050", "commune_nis": "21015"}),
    ("nace", "47.716", "4"),
    ("attachment", {"name": "plan.pdf", "sha256": "a" * 64}, {"name": "plan.pdf"}),
]


@pytest.mark.parametrize(("kind", "good", "bad"), KINDS)
def test_each_field_kind_accepts_good_and_refuses_bad_values(
    kind: str, good: Any, bad: Any, context: FormContext
) -> None:
    definition = form({"id": "value", "kind": kind})
    assert run(definition, {"value": good}, context) == []
    found = run(definition, {"value": bad}, context)
    assert [(i.path, i.code) for i in found] == [("value", "format")]
    assert found[0].message


def test_choices() -> None:
    definition = form(
        {"id": "one", "kind": "choice", "choices": [{"value": "a", "label": T}, {"value": "b", "label": T}]},
        {"id": "many", "kind": "multi_choice", "min_selected": 1, "max_selected": 2,
         "choices": [{"value": v, "label": T} for v in "abc"]},
    )  # fmt: skip
    context = FormContext()
    assert run(definition, {"one": "b", "many": ["a", "c"]}, context) == []
    codes = {i.path: i.code for i in run(definition, {"one": "z", "many": ["a", "z"]}, context)}
    assert codes == {"one": "choice", "many": "choice"}
    assert {i.path: i.code for i in run(definition, {"many": ["a", "b", "c"]}, context)} == {"many": "range"}
    assert {i.path: i.message for i in run(definition, {"many": "a"}, context)} == {
        "many": "Choose among the proposed answers."
    }


@pytest.mark.parametrize(
    ("spec", "good", "bad", "message"),
    [
        ({"kind": "number", "min": 0, "max": 100}, "100", "100.5", "Enter 100 or less."),
        ({"kind": "number", "min": 25}, 25, 24.99, "Enter 25 or more."),
        ({"kind": "number", "integer": True}, "12", "12.5", "Enter a whole number."),
        ({"kind": "money", "min": 0}, "10.25", "10.255", "Enter an amount with at most two decimals."),
        ({"kind": "money", "min": 0}, 0, -1, "Enter 0 or more."),
        ({"kind": "text", "min_length": 3}, "abc", " ab ", "Enter at least 3 characters."),
        ({"kind": "text", "max_length": 3}, "abc", "abcd", "At most 3 characters."),
        ({"kind": "text", "pattern": r"\d{4}"}, " 1234 ", "12a4", "This text does not have the expected form."),
        ({"kind": "text", "pattern": r"\d{4}", "pattern_message": {"fr": "f", "nl": "n", "en": "Four digits."}},
         "1234", "123", "Four digits."),
        ({"kind": "date", "min_date": "2024-01-01"}, "2024-01-01", "2023-12-31",
         "Enter a date on or after 1 January 2024."),
        ({"kind": "date", "max_date": "today+30"}, "2026-03-31", "2026-04-01",
         "Enter a date on or before 31 March 2026."),
        ({"kind": "date", "min_date": "today-365"}, "2025-03-01", "2025-02-28",
         "Enter a date on or after 1 March 2025."),
    ],
)  # fmt: skip
def test_each_validator(spec: dict[str, Any], good: Any, bad: Any, message: str, context: FormContext) -> None:
    definition = form({"id": "value", **spec})
    assert run(definition, {"value": good}, context) == []
    assert [(i.path, i.message) for i in run(definition, {"value": bad}, context)] == [("value", message)]


def test_cross_field_validators_run_only_on_well_formed_values(context: FormContext) -> None:
    rule = {"expression": "empty(start) or end > start", "message": {"fr": "f", "nl": "n", "en": "End after start."}}
    definition = form({"id": "start", "kind": "date"}, {"id": "end", "kind": "date", "validators": [rule]})
    assert run(definition, {"start": "2026-03-01", "end": "2026-03-02"}, context) == []
    assert [
        (i.path, i.code, i.message) for i in run(definition, {"start": "2026-03-01", "end": "2026-03-01"}, context)
    ] == [("end", "rule", "End after start.")]
    assert [i.code for i in run(definition, {"start": "2026-03-01", "end": "tomorrow"}, context)] == ["format"]


def test_groups_check_rows_and_counts(context: FormContext) -> None:
    definition = form(
        {"id": "rows", "kind": "group", "min_items": 1, "max_items": 2, "required": True,
         "fields": [{"id": "name", "label": T, "kind": "text", "required": True},
                    {"id": "qty", "label": T, "kind": "number",
                     "shown_if": "name == 'x'", "required_if": "name == 'x'"}]},
    )  # fmt: skip
    assert run(definition, {"rows": [{"name": "a"}]}, context) == []
    assert {i.path: i.code for i in run(definition, {"rows": []}, context)} == {"rows": "required"}
    assert {i.path: i.code for i in run(definition, {"rows": [{}, {"name": "x"}, {"name": "b"}]}, context)} == {
        "rows": "range",
        "rows[0].name": "required",
        "rows[1].qty": "required",
    }
    assert {i.path: i.code for i in run(definition, {"rows": "a"}, context)} == {"rows": "format"}
    assert {i.path: i.code for i in run(definition, {"rows": [{"name": "a", "colour": 1}]}, context)} == {
        "rows[0].colour": "unknown"
    }


def test_drafts_check_formats_but_not_what_is_missing(check: Check) -> None:
    assert check("terrace", {}, submitted=False) == {}
    assert check("terrace", {"surface_m2": "beaucoup"}, submitted=False) == {"surface_m2": "Enter a number, like 12.5."}
    missing = check("terrace", {}, submitted=True)
    assert set(missing) == {"occupation", "surface_m2", "start_on"}
    assert check("env_permit", {"installations": []}, submitted=False) == {}
    assert check("env_permit", {"premises": "1030", "installations": []}, submitted=True) == {
        "installations": "This field is required."
    }


def test_shown_if_and_required_if(check: Check) -> None:
    base = {"premises": "1030", "works": False, "change_of_use": False, "retail": False}
    assert check("urban_permit", base) == {}
    assert check("urban_permit", base | {"change_of_use": True})["new_use"] == "This field is required."
    assert check("urban_permit", base | {"retail": True})["net_retail_surface"] == "This field is required."
    # A hidden field is neither required nor checked.
    assert check("urban_permit", base | {"net_retail_surface": "lots"}) == {}
    # Conditions inside a repeating group read the row.
    rows = {"premises": "1030", "installations": [{"activity": "car_park"}, {"activity": "other"}]}
    assert check("env_permit", rows) == {
        "installations[0].places": "This field is required.",
        "installations[1].class": "This field is required.",
    }


def test_shared_postal_codes_ask_for_the_commune(context: FormContext) -> None:
    definition = form({"id": "where", "kind": "postal_code"})
    [issue] = validate(definition, {"where": "1040"}, submitted=False, context=context, language="nl")
    assert issue.code == "ambiguous"
    assert "Etterbeek" in issue.message and "Brussel" in issue.message and "bevestig" in issue.message
    assert run(definition, {"where": {"postal_code": "1040", "commune_nis": "21005"}}, context) == []
    assert run(definition, {"where": {"postal_code": "1040", "commune_nis": "21004"}}, context) == []
    [wrong] = run(definition, {"where": {"postal_code": "1040", "commune_nis": "21015"}}, context)
    assert wrong.code == "format" and "Schaerbeek" in wrong.message
    assert run(definition, {"where": "B-1030"}, context) == []


def test_messages_follow_the_requested_then_context_then_current_language(check: Check, context: FormContext) -> None:
    assert check("terrace", {}, language="fr")["start_on"] == "Ce champ est obligatoire."
    assert check("terrace", {}, language="nl")["start_on"] == "Dit veld is verplicht."
    nl = FormContext(context.reference, today=context.today, language="nl")
    definition = form({"id": "n", "kind": "number", "min": 1000})
    assert run(definition, {"n": 5}, nl)[0].message == "Geef minstens 1.000 in."
    set_language("fr")
    assert run(definition, {"n": 5}, context)[0].message == "Entrez au moins 1\u202f000."
    message = check("terrace", {"free_passage_m": "1", "occupation": "annual"}, submitted=False, language="nl")
    assert message == {"free_passage_m": "Er moet minstens 1,50 m vrije doorgang blijven."}


def test_answers_that_are_not_an_object_are_reported(context: FormContext) -> None:
    definition = form({"id": "a", "kind": "text"})
    assert [(i.path, i.code) for i in run(definition, ["a"], context)] == [("", "format")]


def test_unknown_answers_are_reported_not_dropped(check: Check) -> None:
    assert check("terrace", {"colour": "red"}, submitted=False) == {
        "colour": "This answer does not belong to the form."
    }


def test_apply_before_expense_is_a_field_rule(check: Check, complete: dict[str, dict[str, Any]]) -> None:
    answers = complete["investment_aid"] | {"expense_committed_on": "2026-03-02"}  # same day as the application
    assert check("investment_aid", answers) == {
        "expense_committed_on": "The expense must be committed after the application is filed."
    }
    consultancy = complete["consultancy_aid"] | {"expense_committed_on": "2026-02-01"}
    assert check("consultancy_aid", consultancy, language="fr") == {
        "expense_committed_on": "La mission doit commencer après l'introduction de la demande."
    }


def test_related_enterprise_shares_match_their_relation(check: Check, complete: dict[str, dict[str, Any]]) -> None:
    related = [
        {"name": "A", "relation": "partner", "share": 60},
        {"name": "B", "relation": "linked", "share": 50},
        {"name": "C", "relation": "partner", "share": 25},
    ]
    found = check("investment_aid", complete["investment_aid"] | {"related": related})
    assert set(found) == {"related[0].share", "related[1].share"}
