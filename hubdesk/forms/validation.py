"""Checking answers against a definition: a list of issues, each with its field path and a translated message.

A draft is checked only for what is filled in (formats, ranges, rules), so an
advisor can save half a form; a submitted application must also have every
required field. The server runs the same function on what clients submit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hubdesk.domain import identifiers
from hubdesk.forms.computing import Evaluated, evaluate_form
from hubdesk.forms.context import FormContext
from hubdesk.forms.definition import FieldDef, FieldKind, FormDefinition, localized
from hubdesk.forms.expressions import Scope, as_date, holds, number, postal_parts
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.formatting import format_day, format_number
from hubdesk.kernel.i18n import N_, gettext, language_context

# Issue codes: what kind of problem, for a GUI that wants to style or focus by kind.
REQUIRED, FORMAT, RANGE, CHOICE, RULE, UNKNOWN, AMBIGUOUS = (
    "required",
    "format",
    "range",
    "choice",
    "rule",
    "unknown",
    "ambiguous",  # a shared postal code (1040, 1050): ask which commune
)


@dataclass(frozen=True)
class Issue:
    path: str  # "surface_m2", "installations[2].places"
    message: str  # already in the requested language
    code: str  # one of the codes above


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def visible(spec: FieldDef, scope: Mapping[str, Any] | Scope) -> bool:
    return holds(spec.shown_if, scope)


def is_required(spec: FieldDef, scope: Mapping[str, Any] | Scope) -> bool:
    return spec.required or (spec.required_if is not None and holds(spec.required_if, scope))


def to_decimal(value: Any) -> Decimal | None:
    return number(value)


def date_bound(bound: str, today: date) -> date:
    """`2024-01-01`, `today`, `today+30` or `today-365` as a date."""
    if bound.startswith("today"):
        return today + timedelta(days=int(bound[5:] or 0))
    return date.fromisoformat(bound)


_NORMALIZERS: Mapping[FieldKind, Callable[[str], str]] = {
    FieldKind.ENTERPRISE_NUMBER: identifiers.normalize_enterprise_number,
    FieldKind.VAT: identifiers.normalize_vat,
    FieldKind.IBAN: identifiers.normalize_iban,
    FieldKind.PHONE: identifiers.normalize_phone,
    FieldKind.EMAIL: identifiers.normalize_email,
    FieldKind.NACE: identifiers.normalize_nace,
}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _Checker:
    def __init__(self, context: FormContext, evaluated: Evaluated, language: str) -> None:
        self.context = context
        self.evaluated = evaluated
        self.language = language
        self.issues: list[Issue] = []

    def add(self, path: str, code: str, msgid: str, **params: Any) -> None:
        self.issues.append(Issue(path, gettext(msgid, self.language).format(**params), code))

    def number_text(self, value: Decimal) -> str:
        return format_number(value, self.language)

    def check_fields(
        self, specs: Sequence[FieldDef], values: Mapping[str, Any], scope: Scope, prefix: str, submitted: bool
    ) -> None:
        known = {spec.id for spec in specs}
        for key in values:
            if key not in known:
                self.add(prefix + key, UNKNOWN, N_("This answer does not belong to the form."))
        for spec in specs:
            if not visible(spec, scope):
                continue
            value = values.get(spec.id)
            path = prefix + spec.id
            if is_empty(value):
                if submitted and is_required(spec, scope):
                    self.add(path, REQUIRED, N_("This field is required."))
                elif submitted and spec.kind is FieldKind.GROUP and spec.min_items:
                    self.add(path, RANGE, N_("Add at least {count} line(s)."), count=spec.min_items)
                continue
            before = len(self.issues)
            self.check_value(spec, path, value, submitted)
            if len(self.issues) > before:
                continue
            for validator in spec.validators:
                if not holds(validator.expression, scope):
                    self.issues.append(Issue(path, localized(validator.message, self.language), RULE))

    def check_value(self, spec: FieldDef, path: str, value: Any, submitted: bool) -> None:
        kind = spec.kind
        if kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
            self.check_text(spec, path, value)
        elif kind in (FieldKind.NUMBER, FieldKind.MONEY):
            self.check_number(spec, path, value)
        elif kind is FieldKind.DATE:
            self.check_date(spec, path, value)
        elif kind is FieldKind.CHOICE:
            if not isinstance(value, str) or spec.choice(value) is None:
                self.add(path, CHOICE, N_("Choose one of the proposed answers."))
        elif kind is FieldKind.MULTI_CHOICE:
            self.check_multi_choice(spec, path, value)
        elif kind is FieldKind.YES_NO:
            if not isinstance(value, bool):
                self.add(path, FORMAT, N_("Answer yes or no."))
        elif kind in _NORMALIZERS:
            try:
                _NORMALIZERS[kind](str(value))
            except ValidationError as error:
                self.issues.append(Issue(path, error.translated(self.language), FORMAT))
        elif kind is FieldKind.POSTAL_CODE:
            self.check_postal_code(path, value)
        elif kind is FieldKind.ATTACHMENT:
            sha = value.get("sha256") if isinstance(value, Mapping) else value
            if not (isinstance(sha, str) and _SHA256.match(sha)):
                self.add(path, FORMAT, N_("Attach a file."))
        elif kind is FieldKind.GROUP:
            self.check_group(spec, path, value, submitted)

    def check_text(self, spec: FieldDef, path: str, value: Any) -> None:
        if not isinstance(value, str):
            self.add(path, FORMAT, N_("Enter text."))
        elif spec.min_length and len(value.strip()) < spec.min_length:
            self.add(path, RANGE, N_("Enter at least {count} characters."), count=spec.min_length)
        elif spec.max_length and len(value) > spec.max_length:
            self.add(path, RANGE, N_("At most {count} characters."), count=spec.max_length)
        elif spec.pattern and not re.fullmatch(spec.pattern, value.strip()):
            if spec.pattern_message:
                self.issues.append(Issue(path, localized(spec.pattern_message, self.language), FORMAT))
            else:
                self.add(path, FORMAT, N_("This text does not have the expected form."))

    def check_number(self, spec: FieldDef, path: str, value: Any) -> None:
        amount = number(value) if isinstance(value, int | float | Decimal | str) else None
        if amount is None:
            self.add(path, FORMAT, N_("Enter a number, like 12.5."))
        elif spec.integer and amount != amount.to_integral_value():
            self.add(path, FORMAT, N_("Enter a whole number."))
        elif spec.kind is FieldKind.MONEY and int(amount.normalize().as_tuple().exponent) < -2:
            self.add(path, FORMAT, N_("Enter an amount with at most two decimals."))
        elif spec.minimum is not None and amount < spec.minimum:
            self.add(path, RANGE, N_("Enter {minimum} or more."), minimum=self.number_text(spec.minimum))
        elif spec.maximum is not None and amount > spec.maximum:
            self.add(path, RANGE, N_("Enter {maximum} or less."), maximum=self.number_text(spec.maximum))

    def check_date(self, spec: FieldDef, path: str, value: Any) -> None:
        day = as_date(value) if isinstance(value, str) else None
        if day is None:
            self.add(path, FORMAT, N_("Enter a date as YYYY-MM-DD."))
            return
        today = self.context.today
        if spec.min_date and day < (low := date_bound(spec.min_date, today)):
            self.add(path, RANGE, N_("Enter a date on or after {date}."), date=format_day(low, self.language))
        elif spec.max_date and day > (high := date_bound(spec.max_date, today)):
            self.add(path, RANGE, N_("Enter a date on or before {date}."), date=format_day(high, self.language))

    def check_multi_choice(self, spec: FieldDef, path: str, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) and spec.choice(v) for v in value):
            self.add(path, CHOICE, N_("Choose among the proposed answers."))
        elif spec.min_selected and len(set(value)) < spec.min_selected:
            self.add(path, RANGE, N_("Choose at least {count} answer(s)."), count=spec.min_selected)
        elif spec.max_selected is not None and len(set(value)) > spec.max_selected:
            self.add(path, RANGE, N_("Choose at most {count} answer(s)."), count=spec.max_selected)

    def check_postal_code(self, path: str, value: Any) -> None:
        code, chosen = postal_parts(value)
        try:
            normalized = identifiers.normalize_postal_code(str(code if code is not None else ""))
            self.context.reference.resolve_commune(normalized, str(chosen) if chosen else None)
        except ValidationError as error:
            code_name = AMBIGUOUS if error.field == "commune" and not chosen else FORMAT
            self.issues.append(Issue(path, error.translated(self.language), code_name))

    def check_group(self, spec: FieldDef, path: str, value: Any, submitted: bool) -> None:
        if not isinstance(value, list) or not all(isinstance(row, Mapping) for row in value):
            self.add(path, FORMAT, N_("This list is not readable."))
            return
        if submitted and len(value) < spec.min_items:
            self.add(path, RANGE, N_("Add at least {count} line(s)."), count=spec.min_items)
        if spec.max_items is not None and len(value) > spec.max_items:
            self.add(path, RANGE, N_("At most {count} line(s)."), count=spec.max_items)
        merged_rows = self.evaluated.values.get(spec.id)
        for index, row in enumerate(value):
            merged = merged_rows[index] if isinstance(merged_rows, list) and index < len(merged_rows) else row
            self.check_fields(spec.fields, row, self.evaluated.row_scope(merged), f"{path}[{index}].", submitted)


def validate(
    definition: FormDefinition,
    answers: Mapping[str, Any],
    *,
    submitted: bool,
    context: FormContext,
    language: str | None = None,
) -> list[Issue]:
    """Problems with `answers`: for a draft only what is filled in, for a submission also what is missing.

    Messages are in `language`, else the context's language, else the current one.
    """
    with language_context(language or context.language) as current:
        if not isinstance(answers, Mapping):
            return [Issue("", gettext(N_("The answers are not readable."), current), FORMAT)]
        evaluated = evaluate_form(definition, answers, context)
        checker = _Checker(context, evaluated, current)
        checker.check_fields(definition.all_fields(), answers, evaluated.scope, "", submitted)
        return checker.issues
