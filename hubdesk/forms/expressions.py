"""A small, safe expression language for form conditions, validators and computed fields.

Expressions are Python-like (`surface > 400 and use == 'retail'`), parsed with `ast`
and evaluated by walking a whitelist of node types: no attribute access, no
subscripts, no lambdas, no calls but the functions below, so a definition received
from the server can never run code. Names are field ids (unknown ones are `none`);
`true`, `false`, `none` and `today` (the context's date, ISO) are built in. Dates are
ISO strings, so `expense_on > application_on` compares them as dates.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from hubdesk.domain.identifiers import normalize_postal_code
from hubdesk.domain.reference import ReferenceData
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_

_COMPARE: Mapping[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b if isinstance(b, list | tuple | str | dict) else False,
    ast.NotIn: lambda a, b: a not in b if isinstance(b, list | tuple | str | dict) else True,
}
_ARITHMETIC: Mapping[type[ast.operator], Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_ALLOWED = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.Compare,
    ast.Name, ast.Load, ast.Constant, ast.List, ast.Tuple, ast.BinOp, ast.Call, ast.IfExp,
    *_COMPARE, *_ARITHMETIC,
)  # fmt: skip
_CONSTANTS: Mapping[str, Any] = {"true": True, "false": False, "none": None}


@dataclass(frozen=True)
class Scope:
    """What an expression may read: the values by name, the definition's tables, the reference, today."""

    values: Mapping[str, Any]
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    reference: ReferenceData | None = None
    today: date | None = None

    def with_values(self, values: Mapping[str, Any]) -> Scope:
        return Scope(values, self.tables, self.reference, self.today)


_LARGEST = 15  # digits before the point: no amount or count in a form comes near


def number(value: Any) -> Decimal | None:
    """A Decimal from a number or a typed text (`1 250,5`); None when there is none or it is absurdly large."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        result = Decimal(str(value).strip().replace(" ", "").replace("\u202f", "").replace(",", "."))
    except InvalidOperation:
        return None
    return result if result.is_finite() and result.adjusted() < _LARGEST else None


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _rows(items: Any) -> list[Mapping[str, Any]]:
    return [row for row in items if isinstance(row, Mapping)] if isinstance(items, list) else []


def _count(items: Any, key: str | None = None, value: Any = True) -> int:
    """Rows in a group; with `key`, only those whose `key` equals `value`."""
    rows = _rows(items)
    return len(rows) if key is None else sum(1 for row in rows if row.get(key) == value)


def _sum(items: Any, key: str) -> Decimal:
    return sum((number(row.get(key)) or Decimal(0) for row in _rows(items)), Decimal(0))


def _any(items: Any, key: str, value: Any) -> bool:
    return any(row.get(key) == value for row in _rows(items))


def _strictest(items: Any, key: str, order: Any) -> Any:
    """The first value of `order` that some row holds in `key` (e.g. the strictest permit class)."""
    present = {row.get(key) for row in _rows(items)}
    return next((value for value in order or [] if value in present), None)


def _days_between(start: Any, end: Any) -> int | None:
    first, last = as_date(start), as_date(end)
    return None if first is None or last is None else (last - first).days


def _add_days(day: Any, days: Any) -> str | None:
    start, amount = as_date(day), number(days)
    return None if start is None or amount is None else (start + timedelta(days=int(amount))).isoformat()


def _round(value: Any, places: Any = 0) -> Decimal | None:
    amount, digits = number(value), number(places)
    if amount is None or digits is None:
        return None
    return amount.quantize(Decimal(1).scaleb(-int(digits)), ROUND_HALF_UP)


def _extreme(pick: Callable[..., Any]) -> Callable[..., Decimal | None]:
    def apply(*values: Any) -> Decimal | None:
        known = [n for n in map(number, values) if n is not None]
        return pick(known) if known else None

    return apply


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


FUNCTIONS: Mapping[str, Callable[..., Any]] = {
    "count": _count,  # count(installations) · count(premises, 'fits_budget', true)
    "sum": _sum,  # sum(quotes, 'amount')
    "any": _any,  # any(installations, 'derived_class', '1D')
    "strictest": _strictest,  # strictest(installations, 'class', ['1A', '1B', '2', '1D', '1C', '3'])
    "number": lambda value: number(value) or Decimal(0),
    "days_between": _days_between,  # days_between(application_on, expense_committed_on)
    "add_days": _add_days,  # add_days(file_complete_on, 75) -> ISO date
    "round": _round,
    "min": _extreme(min),
    "max": _extreme(max),
    "empty": _empty,
}


def _lookup(scope: Scope, table: Any, key: Any, default: Any = None) -> Any:
    """A value from one of the definition's tables: lookup('installation_class', activity)."""
    return scope.tables.get(str(table), {}).get(str(key), default) if key is not None else default


def postal_parts(value: Any) -> tuple[Any, Any]:
    """A postal-code answer as (code, chosen commune NIS): `"1030"` or `{"postal_code", "commune_nis"}`."""
    if isinstance(value, Mapping):
        return value.get("postal_code"), value.get("commune_nis")
    return value, None


def commune_nis(scope: Scope, value: Any) -> str | None:
    """The NIS code of a postal-code answer's commune; none while unknown or ambiguous."""
    if scope.reference is None or _empty(value):
        return None
    code, chosen = postal_parts(value)
    try:
        communes = scope.reference.communes_for_postal_code(normalize_postal_code(str(code)))
    except ValidationError:
        return None
    if chosen:
        return chosen if any(c.nis == chosen for c in communes) else None
    return communes[0].nis if len(communes) == 1 else None


def in_brussels(scope: Scope, value: Any) -> bool | None:
    """Whether a postal-code answer is in the Brussels-Capital Region; none while empty."""
    if scope.reference is None or _empty(value):
        return None
    code, _chosen = postal_parts(value)
    try:
        return bool(scope.reference.communes_for_postal_code(normalize_postal_code(str(code))))
    except ValidationError:
        return False


def _value(scope: Scope, name: Any) -> Any:
    """The value named by a text, for ids that are Python keywords: value('class')."""
    return scope.values.get(str(name))


SCOPED_FUNCTIONS: Mapping[str, Callable[..., Any]] = {
    "lookup": _lookup,
    "value": _value,
    "commune": commune_nis,  # commune(premises) == '21005'
    "in_brussels": in_brussels,
}


def _invalid(expression: str) -> ValidationError:
    return ValidationError(N_("The form expression “{expression}” is not valid."), expression=expression)


@lru_cache(maxsize=2048)
def parse(expression: str) -> ast.Expression:
    """The checked syntax tree; a translated ValidationError for anything outside the language."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise _invalid(expression) from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise _invalid(expression)
        if isinstance(node, ast.Call):
            known = isinstance(node.func, ast.Name) and (node.func.id in FUNCTIONS or node.func.id in SCOPED_FUNCTIONS)
            if not known or node.keywords:
                raise _invalid(expression)
    return tree


def names(expression: str) -> set[str]:
    """The field names an expression reads (functions and built-in constants left out)."""
    tree = parse(expression)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return {
        n.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id not in called and n.id not in _CONSTANTS and n.id != "today"
    }


def evaluate(expression: str, values: Mapping[str, Any] | Scope) -> Any:
    """The value of `expression`; a value that does not fit an operation gives none (or false)."""
    scope = values if isinstance(values, Scope) else Scope(values)
    try:
        return _eval(parse(expression).body, scope)
    except (TypeError, ValueError, ArithmeticError, AttributeError):
        return None


def holds(expression: str | None, values: Mapping[str, Any] | Scope) -> bool:
    """True when a condition is met; an absent condition always holds."""
    return expression is None or bool(evaluate(expression, values))


def _comparable(left: Any, right: Any) -> tuple[Any, Any] | None:
    """Both sides as numbers, dates or texts; None when they cannot be ordered."""
    if left is None or right is None or left == "" or right == "":
        return None
    if isinstance(left, str) and isinstance(right, str):
        left_number, right_number = number(left), number(right)
        if left_number is not None and right_number is not None:
            return left_number, right_number
        return left, right
    left_number, right_number = number(left), number(right)
    if left_number is None or right_number is None:
        return None
    return left_number, right_number


def _equal(left: Any, right: Any) -> bool:
    """Equality where a typed number (`"50"`) equals the same number (`50`)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return bool(left == right)
    if isinstance(left, int | float | Decimal) or isinstance(right, int | float | Decimal):
        left_number, right_number = number(left), number(right)
        if left_number is not None and right_number is not None:
            return left_number == right_number
    return bool(left == right)


def _eval(node: ast.AST, scope: Scope) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        if node.id == "today" and node.id not in scope.values:
            return (scope.today or date.today()).isoformat()
        return scope.values.get(node.id)
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, scope) for v in node.values)
        return any(_eval(v, scope) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, scope)
        if isinstance(node.op, ast.Not):
            return not operand
        value = number(operand)
        return None if value is None else -value
    if isinstance(node, ast.Compare):
        left = _eval(node.left, scope)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _eval(right_node, scope)
            if isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE):
                pair = _comparable(left, right)
                if pair is None or not _COMPARE[type(op)](*pair):
                    return False
            elif isinstance(op, ast.Eq | ast.NotEq):
                if _equal(left, right) is not isinstance(op, ast.Eq):
                    return False
            elif not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BinOp):
        left_value, right_value = number(_eval(node.left, scope)), number(_eval(node.right, scope))
        if left_value is None or right_value is None:
            return None
        return _ARITHMETIC[type(node.op)](left_value, right_value)
    if isinstance(node, ast.List | ast.Tuple):
        return [_eval(element, scope) for element in node.elts]
    if isinstance(node, ast.IfExp):
        return _eval(node.body, scope) if _eval(node.test, scope) else _eval(node.orelse, scope)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        arguments = [_eval(argument, scope) for argument in node.args]
        if node.func.id in SCOPED_FUNCTIONS:
            return SCOPED_FUNCTIONS[node.func.id](scope, *arguments)
        return FUNCTIONS[node.func.id](*arguments)
    raise TypeError(type(node).__name__)
