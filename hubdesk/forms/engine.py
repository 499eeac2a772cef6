"""The one API of the form engine: computed values and the printable summary of filled answers.

`compute` gives every computed value by path; `summarize` lays the answers out for a
reader in one language (choices as labels, money and dates the local way), adds the
document checklist for these answers, and runs the definition's rule set for the
permits, the dated timeline, the aid estimates, next steps and notices.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from hubdesk.domain.identifiers import format_enterprise_number, format_iban, format_phone, normalize_phone
from hubdesk.domain.reference import is_confirmed
from hubdesk.forms.aid import subsidy
from hubdesk.forms.computing import Evaluated, evaluate_form
from hubdesk.forms.context import FormContext
from hubdesk.forms.definition import FieldDef, FieldKind, FormDefinition, localized
from hubdesk.forms.expressions import Scope, as_date, commune_nis, number, postal_parts
from hubdesk.forms.permits import permits
from hubdesk.forms.rules import Outcome, RuleInput, conditional_texts
from hubdesk.forms.summary import ChecklistItem, PrintableSummary, SummaryItem, SummarySection, SummaryTable
from hubdesk.forms.validation import is_empty, visible
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.formatting import format_day, format_money, format_number
from hubdesk.kernel.i18n import N_, gettext, language_context

RULE_SETS: Mapping[str, Callable[[RuleInput], Outcome]] = {
    "permits": permits,
    "subsidy": subsidy,
}


def compute(
    definition: FormDefinition, answers: Mapping[str, Any], context: FormContext | None = None
) -> dict[str, Any]:
    """Every computed value, keyed by path: `"env_class"`, `"installations[0].derived_class"`."""
    return dict(evaluate_form(definition, answers, context or FormContext()).computed)


def _digits_only(value: Any) -> str:
    return "".join(ch for ch in str(value) if ch.isdigit())


def format_answer(spec: FieldDef, value: Any, language: str, context: FormContext) -> str:
    """An answer as a reader expects it: labels for choices, local dates and money, grouped numbers.

    A value that does not fit its kind (a draft, a hand-made file) is shown as it was given.
    """
    try:
        return _format(spec, value, language, context)
    except (TypeError, ValueError, AttributeError, ArithmeticError):
        return str(value)


def _format(spec: FieldDef, value: Any, language: str, context: FormContext) -> str:
    kind = spec.kind
    if kind is FieldKind.CHOICE:
        return spec.choice_label(value, language)
    if kind is FieldKind.MULTI_CHOICE:
        return ", ".join(spec.choice_label(v, language) for v in value) if isinstance(value, list) else str(value)
    if kind is FieldKind.YES_NO:
        return gettext(N_("Yes") if value else N_("No"), language)
    if kind in (FieldKind.MONEY, FieldKind.NUMBER):
        amount = number(value) if not isinstance(value, bool) else None
        if amount is None:
            return str(value)
        return format_money(amount, language) if kind is FieldKind.MONEY else format_number(amount, language)
    if kind is FieldKind.DATE:
        day = as_date(value)
        return format_day(day, language) if day else str(value)
    if kind is FieldKind.ENTERPRISE_NUMBER:
        digits = _digits_only(value)
        return format_enterprise_number(digits.zfill(10) if len(digits) == 9 else digits)
    if kind is FieldKind.VAT:
        digits = _digits_only(value)
        return f"BE {format_enterprise_number(digits.zfill(10))}" if len(digits) in (9, 10) else str(value)
    if kind is FieldKind.IBAN:
        return format_iban(str(value).replace(" ", "").upper())
    if kind is FieldKind.PHONE:
        try:
            return format_phone(normalize_phone(str(value)))
        except ValidationError:
            return str(value)
    if kind is FieldKind.POSTAL_CODE:
        code, _chosen = postal_parts(value)
        nis = commune_nis(_reference_scope(context), value)
        return f"{code} {context.reference.commune_by_nis(nis).name(language)}" if nis else str(code)
    if kind is FieldKind.ATTACHMENT:
        return str(value.get("name") or value.get("sha256", "")) if isinstance(value, Mapping) else str(value)
    return str(value)


def _reference_scope(context: FormContext) -> Scope:
    return Scope({}, reference=context.reference, today=context.today)


def _unconfirmed_choice(spec: FieldDef, value: Any) -> bool:
    chosen = value if isinstance(value, list) else [value]
    return any((c := spec.choice(v)) is not None and not is_confirmed(c.verification) for v in chosen)


def _table(spec: FieldDef, rows: Any, evaluated: Evaluated, language: str, context: FormContext) -> SummaryTable:
    columns: Sequence[FieldDef] = (*spec.fields, *(c.as_field() for c in spec.computed if not c.internal))
    merged = evaluated.values.get(spec.id)
    lines = []
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, Mapping):
            continue
        full = merged[index] if isinstance(merged, list) and index < len(merged) else row
        lines.append(
            tuple(
                "" if is_empty(full.get(c.id)) else format_answer(c, full.get(c.id), language, context) for c in columns
            )
        )
    headers = tuple(localized(c.label, language) for c in columns)
    return SummaryTable(localized(spec.label, language), headers, tuple(lines))


def _sections(
    definition: FormDefinition, answers: Mapping[str, Any], evaluated: Evaluated, language: str, context: FormContext
) -> list[SummarySection]:
    sections = []
    for section in definition.sections:
        items: list[SummaryItem] = []
        tables: list[SummaryTable] = []
        for spec in section.fields:
            value = answers.get(spec.id)
            if is_empty(value) or not visible(spec, evaluated.scope):
                continue
            if spec.kind is FieldKind.GROUP:
                tables.append(_table(spec, value, evaluated, language, context))
            else:
                items.append(
                    SummaryItem(
                        localized(spec.label, language),
                        format_answer(spec, value, language, context),
                        _unconfirmed_choice(spec, value),
                    )
                )
        if items or tables:
            sections.append(SummarySection(localized(section.title, language), tuple(items), tuple(tables)))
    computed_items = []
    for item in definition.computed:
        value = evaluated.computed.get(item.id)
        if item.internal or is_empty(value):
            continue
        if isinstance(value, Decimal) and item.kind is FieldKind.MONEY:
            value = value.quantize(Decimal("0.01"))
        computed_items.append(
            SummaryItem(
                localized(item.label, language),
                format_answer(item.as_field(), value, language, context),
                not is_confirmed(item.verification) or _unconfirmed_choice(item.as_field(), value),
            )
        )
    if computed_items:
        sections.append(SummarySection(gettext(N_("Computed figures"), language), tuple(computed_items)))
    return sections


def summarize(
    definition: FormDefinition, answers: Mapping[str, Any], context: FormContext, language: str
) -> PrintableSummary:
    """Everything the dossier prints for one form, already in `language`; empty parts left out."""
    with language_context(language) as current:
        evaluated = evaluate_form(definition, answers if isinstance(answers, Mapping) else {}, context)
        rule_input = RuleInput(definition, evaluated, context, current)
        outcome = RULE_SETS[definition.rules](rule_input) if definition.rules else Outcome()
        checklist = tuple(
            ChecklistItem(localized(entry.label, current), entry.required, not is_confirmed(entry.verification))
            for entry in definition.checklist
            if rule_input.holds(entry.when)
        )
        parameters = definition.parameters
        return PrintableSummary(
            form_id=definition.form_id,
            form_version=definition.version,
            title=localized(definition.title, current),
            language=current,
            sections=tuple(_sections(definition, answers, evaluated, current, context)),
            permits=tuple(outcome.permits),
            timeline=tuple(outcome.timeline),
            aid=tuple(outcome.aid),
            checklist=checklist,
            next_steps=(*outcome.next_steps, *conditional_texts(parameters.get("next_steps", ()), rule_input)),
            notices=(*outcome.notices, *conditional_texts(parameters.get("notices", ()), rule_input)),
            description=localized(definition.description, current),
            to_be_confirmed_label=gettext(N_("to be confirmed"), current),
            generated_on=context.today,
        )
