"""The shipped definitions: complete in fr/nl/en, well formed, and faithful to the reference data."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hubdesk.domain.reference import load_reference_data
from hubdesk.forms import (
    FieldKind,
    FormContext,
    FormRegistry,
    definition_from_dict,
    shipped_forms_dir,
    summarize,
    translatable_texts,
    validate,
)
from hubdesk.forms.definition import RULE_SET_NAMES
from hubdesk.forms.engine import RULE_SETS
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import LANGUAGES

REFERENCE = load_reference_data()
FORMS = sorted(p for p in shipped_forms_dir().glob("*/v*.json"))
REQUIRED_FORMS = {
    "env_permit",
    "urban_permit",
    "terrace",
    "food_business",
    "sign_permit",
    "investment_aid",
    "consultancy_aid",
    "transition_consultancy",
    "launch_aid",
    "export_aid",
    "export_support",
    "location_search",
}


def raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_required_forms_are_shipped(registry: FormRegistry) -> None:
    assert {d.form_id for d in registry.latest()} == REQUIRED_FORMS


@pytest.mark.parametrize("path", FORMS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_every_translatable_string_exists_in_fr_nl_en(path: Path) -> None:
    texts = list(translatable_texts(raw(path)))
    assert len(texts) > 20
    for where, text in texts:
        for language in LANGUAGES:
            assert isinstance(text.get(language), str) and text[language].strip(), f"{where} lacks {language}"
        assert set(text) <= set(LANGUAGES), where
    # French and Dutch are real translations, not English copies, for the long texts.
    long_texts = [t for _, t in texts if len(t["en"]) > 40]
    copied = [t["en"] for t in long_texts if t["fr"] == t["en"] or t["nl"] == t["en"]]
    assert copied == []


@pytest.mark.parametrize("path", FORMS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_every_form_loads_and_summarizes_in_three_languages(path: Path, context: FormContext) -> None:
    definition = definition_from_dict(raw(path))
    assert (definition.form_id, definition.version) == (path.parent.name, int(path.stem[1:]))
    assert definition.rules in (None, *RULE_SET_NAMES)
    for language in LANGUAGES:
        summary = summarize(definition, {}, context, language)
        assert summary.title == definition.title[language]
        assert summary.language == language and summary.to_be_confirmed_label


def test_the_loader_refuses_a_missing_language_anywhere() -> None:
    data = raw(shipped_forms_dir() / "terrace" / "v1.json")
    data["parameters"]["notices"][0]["text"].pop("nl")
    with pytest.raises(ValidationError, match=re.escape("English text at terrace.parameters.notices")):
        definition_from_dict(data)
    data = raw(shipped_forms_dir() / "terrace" / "v1.json")
    data["sections"][0]["fields"][1]["choices"][0]["label"]["fr"] = " "
    with pytest.raises(ValidationError, match=re.escape("fields[occupation].choices[annual].label")):
        definition_from_dict(data)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["sections"][0]["fields"][1].update(shown_if="__import__('os')"), "shown_if"),
        (lambda d: d["sections"][0]["fields"][1].update(kind="colour"), "colour"),
        (lambda d: d["sections"][0]["fields"][1].update(choices=[]), "needs choices"),
        (lambda d: d["sections"][0]["fields"][1].update(min_date="next week"), "min_date"),
        (lambda d: d["sections"][0]["fields"][1].update(pattern="(unclosed"), "pattern"),
        (lambda d: d["sections"][0]["fields"].append(dict(d["sections"][0]["fields"][1])), "used twice"),
        (lambda d: d.update(rules="magic"), "unknown rule set"),
        (lambda d: d.update(version=0), "version"),
        (lambda d: d["parameters"]["notices"][0].update(when="x ="), "not valid"),
    ],
)
def test_the_loader_refuses_a_malformed_definition(change: Any, reason: str) -> None:
    data = raw(shipped_forms_dir() / "terrace" / "v1.json")
    change(data)
    with pytest.raises(ValidationError, match=re.escape(reason)):
        definition_from_dict(data)


def test_every_field_kind_is_used_by_a_shipped_form(registry: FormRegistry) -> None:
    used = set()
    for definition in registry.definitions():
        for spec in definition.all_fields():
            used |= {spec.kind} | {column.kind for column in spec.fields}
    assert used == set(FieldKind)


def test_every_rule_set_named_by_the_loader_exists() -> None:
    assert set(RULE_SETS) == set(RULE_SET_NAMES)


def test_complete_answer_sets_are_valid_for_every_form(
    registry: FormRegistry, context: FormContext, complete: dict[str, dict[str, Any]]
) -> None:
    assert set(complete) == REQUIRED_FORMS
    for form_id, answers in complete.items():
        definition = registry.load(form_id)
        assert validate(definition, answers, submitted=True, context=context) == [], form_id
        for language in LANGUAGES:
            summary = summarize(definition, answers, context, language)
            assert summary.sections, (form_id, language)
            assert summary.permits or summary.aid or summary.notices or summary.next_steps, form_id


def test_permit_and_scheme_ids_exist_in_the_reference(registry: FormRegistry) -> None:
    for definition in registry.definitions():
        for entry in definition.parameters.get("permits", ()):
            REFERENCE.permit_type(entry["permit"])
            for issuer in entry.get("issuers", ()):
                if "from_permit" in issuer:
                    REFERENCE.permit_type(issuer["from_permit"])
        schemes = [definition.parameters.get("scheme")]
        schemes += [v["scheme"] for v in definition.parameters.get("variants", {}).values()]
        for scheme in filter(None, schemes):
            REFERENCE.subsidy_scheme(scheme)


def _written(number: Decimal) -> set[str]:
    """The ways the reference writes a figure: 2,000,000 · 2000000 · 2.5 · 7.5."""
    plain = f"{number.normalize():f}"
    return {plain, f"{int(number):,}"} if number == number.to_integral_value() else {plain}


def test_aid_figures_are_copied_from_the_reference_not_invented(registry: FormRegistry) -> None:
    """Every rate, ceiling and minimum of an aid form appears in its scheme's reference text."""
    checked = 0
    for definition in registry.definitions():
        if definition.rules != "subsidy":
            continue
        parameters = [definition.parameters, *definition.parameters.get("variants", {}).values()]
        for params in parameters:
            scheme = params.get("scheme") or definition.parameters["scheme"]
            text = json.dumps(REFERENCE.subsidy_scheme(scheme), ensure_ascii=False)
            figures = [Decimal(str(r[k])) for r in params.get("rates", ()) for k in ("min", "max") if k in r]
            figures += [Decimal(str(c["eur"])) for c in (*params.get("ceilings", ()), *params.get("minimum_costs", ()))]
            for figure in figures:
                assert any(w in text for w in _written(figure)), (definition.form_id, scheme, figure)
                checked += 1
    assert checked >= 20


def test_permit_deadline_figures_are_in_the_reference(registry: FormRegistry) -> None:
    """Every dated step counts a number of days, months or years that its permit's reference text states."""
    for definition in registry.definitions():
        for entry in definition.parameters.get("permits", ()):
            text = json.dumps(REFERENCE.permit_type(entry["permit"]), ensure_ascii=False)
            for step in entry.get("deadlines", ()):
                for unit in ("days", "months", "years"):
                    if step.get(unit):
                        amount = step[unit]
                        assert re.search(rf"\b{amount}\b", text) or (unit == "years" and "one year" in text), (
                            definition.form_id,
                            entry["permit"],
                            step["label"]["en"],
                        )


def test_installation_catalog_agrees_with_the_reference_examples(registry: FormRegistry) -> None:
    definition = registry.load("env_permit")
    classes = definition.tables["installation_class"]
    examples = definition.tables["installation_example"]
    permits = {c: p["permit"] for p in definition.parameters["permits"] if (c := _class_of(p["when"]))}
    for activity, klass in classes.items():
        reference_examples = REFERENCE.permit_type(permits[klass])["examples"]
        assert any(examples[activity].lower() in e.lower() for e in reference_examples), activity
    car_parks = [e for p in REFERENCE.permit_types for e in p.get("examples", ()) if "car park" in e]
    assert sorted(car_parks) == ["car park 10-50 places", "car park > 400 places", "car park > 50 places"]


def _class_of(condition: str) -> str | None:
    match = re.fullmatch(r"env_class == '(\w+)'", condition)
    return match.group(1) if match else None


def test_class_order_is_the_reference_order(registry: FormRegistry) -> None:
    rules = " ".join(REFERENCE.permit_type("env_permit_general_rules")["rules"])
    assert "order 1A > 1B > 2 > 1D > 1C > 3" in rules
    for version in registry.versions("env_permit"):
        definition = registry.load("env_permit", version)
        assert definition.parameters["class_order"] == ["1A", "1B", "2", "1D", "1C", "3"]
        assert (
            "['1A', '1B', '2', '1D', '1C', '3']"
            in next(c for c in definition.computed if c.id == "env_class").expression
        )


def test_attache_posts_follow_the_reference(registry: FormRegistry) -> None:
    definition = registry.load("export_support")
    status = definition.tables["post_status"]
    posts = {p["city"]: p for p in REFERENCE.attache_posts}
    assert set(status) == set(posts)
    for city, post in posts.items():
        text = post["status"]
        expected = (
            "closed" if ("closed" in text or "wound down" in text) else ("closing" if "closure" in text else "open")
        )
        assert status[city] == expected, city
        choice = definition.field("attache_post").choice(city)
        assert choice is not None and choice.verification == post["verification"]
    unverified = REFERENCE.raw["trade_attache_posts"]["unverified_candidates"]["cities"]
    assert not set(unverified) & set(status)  # posts nobody confirmed are not offered


def test_checklists_of_partial_permits_are_marked(registry: FormRegistry) -> None:
    definition = registry.load("env_permit")
    for entry in definition.checklist:
        if entry.when in ("env_class == '2'", "env_class == '1B'"):
            assert entry.verification != "verified", entry.id
