"""What rule sets share: their input, their outcome, dated deadlines, and texts filled with answers.

A rule set turns answers into what the entrepreneur must do (permits, a dated
timeline, aid estimates, next steps, notices). Its figures come from the
definition's `parameters` and from the reference data, never from code, and every
figure whose source is not `verified` is marked to be confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hubdesk.domain.reference import is_confirmed
from hubdesk.forms.computing import Evaluated
from hubdesk.forms.context import FormContext
from hubdesk.forms.definition import FieldDef, FieldKind, FormDefinition, Text, localized
from hubdesk.forms.expressions import Scope, as_date, holds, number
from hubdesk.forms.summary import AidEstimate, PermitNeeded, TimelineStep
from hubdesk.kernel.formatting import format_day, format_money, format_number
from hubdesk.kernel.i18n import gettext

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Outcome:
    permits: list[PermitNeeded] = field(default_factory=list)
    timeline: list[TimelineStep] = field(default_factory=list)
    aid: list[AidEstimate] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RuleInput:
    """One rule set call: the definition, the evaluated answers, the context and the output language."""

    definition: FormDefinition
    evaluated: Evaluated
    context: FormContext
    language: str
    parameters: Mapping[str, Any] | None = None  # the definition's, unless a variant overrides some

    @property
    def params(self) -> Mapping[str, Any]:
        return self.definition.parameters if self.parameters is None else self.parameters

    @property
    def values(self) -> Mapping[str, Any]:
        return self.evaluated.values

    def scope(self, **extra: Any) -> Scope:
        return self.evaluated.scope.with_values({**self.evaluated.values, **extra}) if extra else self.evaluated.scope

    def holds(self, expression: str | None, scope: Scope | None = None) -> bool:
        return holds(expression, scope or self.evaluated.scope)

    def text(self, text: Text | None) -> str:
        return fill(localized(text, self.language), self)

    def tr(self, msgid: str, **params: Any) -> str:
        return gettext(msgid, self.language).format(**params)

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.language)


RuleSet = Callable[[RuleInput], Outcome]


def display_value(name: str, rule_input: RuleInput) -> str | None:
    """An answer or computed value as a reader sees it (choice labels, local money and dates)."""
    value = rule_input.values.get(name)
    if value is None or value == "":
        return None
    spec: FieldDef | None
    try:
        spec = rule_input.definition.field(name)
    except KeyError:
        spec = next((c.as_field() for c in rule_input.definition.computed if c.id == name), None)
    language = rule_input.language
    if spec is not None and spec.kind in (FieldKind.CHOICE, FieldKind.MULTI_CHOICE):
        items = value if isinstance(value, list) else [value]
        return ", ".join(spec.choice_label(v, language) for v in items)
    amount = number(value) if not isinstance(value, bool) else None
    if spec is not None and spec.kind is FieldKind.MONEY and amount is not None:
        return format_money(amount, language)
    if spec is not None and spec.kind is FieldKind.DATE and (day := as_date(value)) is not None:
        return format_day(day, language)
    if amount is not None and not isinstance(value, str):
        return format_number(amount, language)
    return str(value)


def fill(text: str, rule_input: RuleInput) -> str:
    """`{name}` in a definition's text replaced by that answer or computed value as a reader sees it."""

    def replace(match: re.Match[str]) -> str:
        shown = display_value(match.group(1), rule_input)
        return shown if shown is not None else match.group(0)

    return _PLACEHOLDER.sub(replace, text) if "{" in text else text


def shift(start: date, amount: int, unit: str, before: bool = False) -> date:
    """`start` moved by days, months or years; a month end clamps (31 January + 1 month = 28/29 February)."""
    sign = -1 if before else 1
    if unit == "days":
        return start + timedelta(days=sign * amount)
    months = sign * amount * (12 if unit == "years" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = start.day
    while True:
        try:
            return date(year, month + 1, day)
        except ValueError:
            day -= 1


def timeline(
    items: Sequence[Mapping[str, Any]], rule_input: RuleInput, *, confirmed: bool, default_from: str | None
) -> list[TimelineStep]:
    """Dated steps from a definition's deadline list.

    Each item: `label`, `basis`, optionally `days` / `months` / `years` counted from the
    date answered in `from` (or after the step named `after`), `before` to count
    backwards, `when` to apply only to some answers, and `verification`. An item with
    no amount is a step without a date (a duration the authority sets, or a figure the
    reference data lacks). A step is confirmed only if its permit and itself are.
    """
    steps: list[TimelineStep] = []
    dated: dict[str, date | None] = {}
    for item in items:
        if not rule_input.holds(item.get("when")):
            continue
        unit, amount = next(((u, item[u]) for u in ("days", "months", "years") if u in item), ("days", None))
        if "unit" in item:
            unit = str(item["unit"])
        if "after" in item:
            start = dated.get(str(item["after"]))
        else:
            start = as_date(rule_input.values.get(str(item.get("from", default_from))))
        due = shift(start, int(amount), unit, bool(item.get("before"))) if start and amount is not None else None
        if "id" in item:
            dated[str(item["id"])] = due
        steps.append(
            TimelineStep(
                label=rule_input.text(item.get("label")),
                due_on=due,
                basis=rule_input.text(item.get("basis")),
                to_be_confirmed=not (confirmed and is_confirmed(item.get("verification", "verified"))),
            )
        )
    return steps


def conditional_texts(entries: Sequence[Any], rule_input: RuleInput) -> list[str]:
    """Texts from a list of `{"when": ..., "text": {...}}` entries (or plain texts, always shown)."""
    shown = []
    for entry in entries:
        if isinstance(entry, Mapping) and "text" in entry:
            if rule_input.holds(entry.get("when")):
                shown.append(rule_input.text(entry["text"]))
        else:
            shown.append(rule_input.text(entry))
    return shown
