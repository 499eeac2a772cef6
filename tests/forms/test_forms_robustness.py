"""Untrusted answers (the server validates what clients send): any JSON never crashes the engine."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubdesk.forms import FieldKind, FormContext, FormRegistry, compute, summarize, validate

REGISTRY = FormRegistry()
DEFINITIONS = REGISTRY.definitions()
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2026-03-01", "1040", "1e400", "NaN", "-0", "21005", "bakery", "car_park", "1B"]),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def answers(draw: st.DrawFn) -> tuple[int, dict[str, Any]]:
    index = draw(st.integers(min_value=0, max_value=len(DEFINITIONS) - 1))
    definition = DEFINITIONS[index]
    result: dict[str, Any] = {}
    for spec in definition.all_fields():
        if draw(st.booleans()):
            if spec.kind is FieldKind.GROUP and draw(st.booleans()):
                columns = [f.id for f in spec.fields]
                row = st.dictionaries(st.sampled_from(columns), JSON | st.sampled_from(["3", "other"]), max_size=4)
                result[spec.id] = draw(st.lists(row, max_size=3))
            else:
                result[spec.id] = draw(JSON)
    return index, result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers(), st.booleans(), st.sampled_from(["fr", "nl", "en"]))
def test_any_answers_give_issues_not_crashes(case: tuple[int, dict[str, Any]], submitted: bool, language: str) -> None:
    index, values = case
    definition = DEFINITIONS[index]
    context = FormContext(language=language)
    issues = validate(definition, values, submitted=submitted, context=context)
    assert all(issue.message and issue.code for issue in issues)
    compute(definition, values, context)
    summary = summarize(definition, values, context, language)
    assert summary.title == definition.title[language]
