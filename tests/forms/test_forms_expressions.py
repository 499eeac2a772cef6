"""The condition language: what it computes, and that a definition from the server can never run code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hubdesk.domain.reference import load_reference_data
from hubdesk.forms.expressions import Scope, evaluate, holds, names, parse
from hubdesk.kernel.errors import ValidationError


@pytest.mark.parametrize(
    ("expression", "values", "expected"),
    [
        ("surface > 400 and retail", {"surface": 401, "retail": True}, True),
        ("surface > 400 and retail", {"surface": 400, "retail": True}, False),
        ("surface > 400", {"surface": "400,5"}, True),  # typed with a decimal comma
        ("surface > 400", {}, False),  # unknown is never above anything
        ("places == 50", {"places": "50"}, True),
        ("activity in ['bakery', 'butcher']", {"activity": "butcher"}, True),
        ("'mission' in support_type", {"support_type": ["mission"]}, True),
        ("'mission' in support_type", {}, False),
        ("not retail", {}, True),
        ("expense_on > application_on", {"expense_on": "2026-04-01", "application_on": "2026-03-31"}, True),
        ("budget / surface", {"budget": 3000, "surface": 120}, Decimal(25)),
        ("budget / surface", {"budget": 3000, "surface": 0}, None),  # no division error: no value
        ("'big' if surface > 10 else 'small'", {"surface": 3}, "small"),
        ("-surface", {"surface": "2"}, Decimal(-2)),
        ("count(rows)", {"rows": [{}, {}, "bad"]}, 2),
        ("count(rows, 'fits', true)", {"rows": [{"fits": True}, {"fits": False}]}, 1),
        ("sum(rows, 'amount')", {"rows": [{"amount": "10.5"}, {"amount": 2}, {}]}, Decimal("12.5")),
        ("any(rows, 'class', '1D')", {"rows": [{"class": "2"}, {"class": "1D"}]}, True),
        (
            "strictest(rows, 'class', ['1A', '1B', '2', '1D', '1C', '3'])",
            {"rows": [{"class": "3"}, {"class": "1D"}]},
            "1D",
        ),
        ("strictest(rows, 'class', ['1A', '2'])", {"rows": []}, None),
        ("days_between(a, b)", {"a": "2026-03-01", "b": "2026-03-31"}, 30),
        ("days_between(a, b)", {"a": "bad", "b": "2026-03-31"}, None),
        ("add_days(a, 1) <= b", {"a": "2026-03-01", "b": "2026-03-02"}, True),
        ("round(x, 2)", {"x": "16.666"}, Decimal("16.67")),
        ("min(a, b)", {"a": 3, "b": None}, Decimal(3)),
        ("max(a, b)", {"a": 3, "b": 5}, Decimal(5)),
        ("empty(x) and empty(y) and empty(z)", {"x": "", "y": [], "z": None}, True),
        ("value('class') == '2'", {"class": "2"}, True),
    ],
)
def test_expressions_compute(expression: str, values: dict[str, Any], expected: Any) -> None:
    assert evaluate(expression, values) == expected


def test_today_tables_and_communes_come_from_the_scope() -> None:
    scope = Scope(
        {"premises": {"postal_code": "1050", "commune_nis": "21004"}, "code": "1030", "shared": "1040", "far": "9000"},
        tables={"classes": {"bakery": "2"}},
        reference=load_reference_data(),
        today=date(2026, 3, 1),
    )
    assert evaluate("today", scope) == "2026-03-01"
    assert evaluate("lookup('classes', 'bakery')", scope) == "2"
    assert evaluate("lookup('classes', 'unknown')", scope) is None
    assert evaluate("commune(premises)", scope) == "21004"  # the chosen commune of a shared code
    assert evaluate("commune(code)", scope) == "21015"
    assert evaluate("commune(shared)", scope) is None  # 1040 without a chosen commune: unknown
    assert evaluate("in_brussels(code)", scope) is True
    assert evaluate("in_brussels(far)", scope) is False
    assert evaluate("in_brussels(missing)", scope) is None


@pytest.mark.parametrize(
    "hostile",
    [
        "__import__('os').system('echo hacked')",
        "().__class__.__bases__",
        "open('/etc/passwd')",
        "rows[0]",
        "lambda: 1",
        "[x for x in rows]",
        "eval('1')",
        "count(rows, key='x')",
        "a := 1",
        "a ** 1000000",
        "surface >",
    ],
)
def test_anything_outside_the_language_is_refused(hostile: str) -> None:
    with pytest.raises(ValidationError, match="is not valid"):
        parse(hostile)
    with pytest.raises(ValidationError):
        evaluate(hostile, {})


def test_names_lists_the_fields_an_expression_reads() -> None:
    assert names("surface > 400 and count(rows) > 1 and today > start and x == none") == {
        "surface",
        "rows",
        "start",
        "x",
    }


def test_absent_conditions_hold() -> None:
    assert holds(None, {}) is True
    assert holds("retail", {"retail": False}) is False
