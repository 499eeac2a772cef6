"""Form definitions: the data shape of a form file, read from JSON into typed, immutable values.

A definition file (`resources/forms/<form_id>/v<version>.json`) holds every label,
help text, choice and message in fr, nl and en, the fields with their kinds,
conditions and validators, computed fields, the document checklist, lookup tables,
and the name of the rule set (with its parameters) that turns answers into permits,
deadlines and aid estimates. Loading checks all of it, so a bad file — shipped or
received from the server — is refused before anyone fills it in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from hubdesk.forms.expressions import parse
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import LANGUAGES, N_, get_language

Text = Mapping[str, str]

_DATE_BOUND = re.compile(r"^(today([+-]\d+)?|\d{4}-\d{2}-\d{2})$")
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RULE_SET_NAMES = ("permits", "subsidy")  # implemented in hubdesk.forms.permits and hubdesk.forms.aid
_EXPRESSION_KEYS = frozenset({"when", "expression", "unknown_if", "shown_if", "required_if"})


def localized(text: Text | None, language: str | None = None) -> str:
    """The text in `language` (the current one by default), falling back to English then French."""
    if not text:
        return ""
    lang = language or get_language()
    return text.get(lang) or text.get("en") or text.get("fr") or ""


class FieldKind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"
    ENTERPRISE_NUMBER = "enterprise_number"
    VAT = "vat"
    IBAN = "iban"
    PHONE = "phone"
    EMAIL = "email"
    POSTAL_CODE = "postal_code"  # "1030", or {"postal_code": "1050", "commune_nis": "21004"} where shared
    NACE = "nace"
    ATTACHMENT = "attachment"  # {"sha256": "...", "name": "plan.pdf"} (the file lives with the case)
    GROUP = "group"  # a repeating group: a list of rows, each a dict of its own fields


CHOICE_KINDS = frozenset({FieldKind.CHOICE, FieldKind.MULTI_CHOICE})


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text
    verification: str = "verified"


@dataclass(frozen=True)
class Validator:
    """A cross-field rule: `expression` must hold, else `message` is shown on the field."""

    expression: str
    message: Text


@dataclass(frozen=True)
class Computed:
    """A value derived from the answers (in a group: from the row, then the whole form)."""

    id: str
    label: Text
    expression: str
    kind: FieldKind = FieldKind.NUMBER
    choices: tuple[Choice, ...] = ()  # labels for a computed code (e.g. a permit class)
    verification: str = "verified"
    internal: bool = False  # used by conditions and rules, not printed

    def as_field(self) -> FieldDef:
        return FieldDef(self.id, self.kind, self.label, choices=self.choices)


@dataclass(frozen=True)
class FieldDef:
    id: str
    kind: FieldKind
    label: Text
    help: Text = field(default_factory=dict)
    required: bool = False
    required_if: str | None = None
    shown_if: str | None = None
    choices: tuple[Choice, ...] = ()
    minimum: Decimal | None = None  # number, money
    maximum: Decimal | None = None
    integer: bool = False
    min_length: int | None = None  # text, long text
    max_length: int | None = None
    pattern: str | None = None  # a regular expression the whole text must match
    pattern_message: Text = field(default_factory=dict)
    min_date: str | None = None  # "2024-01-01", "today", "today+30", "today-365"
    max_date: str | None = None
    min_selected: int | None = None  # multiple choice
    max_selected: int | None = None
    fields: tuple[FieldDef, ...] = ()  # the columns of a repeating group
    computed: tuple[Computed, ...] = ()  # values computed for each row of a group
    min_items: int = 0
    max_items: int | None = None
    validators: tuple[Validator, ...] = ()

    def choice_label(self, value: Any, language: str | None = None) -> str:
        for choice in self.choices:
            if choice.value == value:
                return localized(choice.label, language)
        return str(value)

    def choice(self, value: Any) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def column(self, column_id: str) -> FieldDef:
        for candidate in (*self.fields, *(c.as_field() for c in self.computed)):
            if candidate.id == column_id:
                return candidate
        raise KeyError(column_id)


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    fields: tuple[FieldDef, ...]
    help: Text = field(default_factory=dict)


@dataclass(frozen=True)
class ChecklistEntry:
    """A document to gather, shown when `when` holds for the answers."""

    id: str
    label: Text
    when: str | None = None
    required: bool = True
    verification: str = "verified"
    help: Text = field(default_factory=dict)


@dataclass(frozen=True)
class DefinitionInfo:
    """One line of the list of forms: what a picker shows."""

    form_id: str
    version: int
    titles: Text
    kind: str  # the case kind the form belongs to (hubdesk.domain.entities.CaseKind value)


@dataclass(frozen=True)
class FormDefinition:
    form_id: str
    version: int
    case_kind: str
    title: Text
    sections: tuple[Section, ...]
    computed: tuple[Computed, ...] = ()
    checklist: tuple[ChecklistEntry, ...] = ()
    rules: str | None = None  # name of a rule set (hubdesk.forms.rules)
    parameters: Mapping[str, Any] = field(default_factory=dict)  # data the rule set reads
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # for lookup() in expressions
    description: Text = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int]:
        return (self.form_id, self.version)

    @property
    def kind(self) -> str:
        return self.case_kind

    @property
    def info(self) -> DefinitionInfo:
        return DefinitionInfo(self.form_id, self.version, self.title, self.case_kind)

    def all_fields(self) -> Sequence[FieldDef]:
        return [f for section in self.sections for f in section.fields]

    def field(self, field_id: str) -> FieldDef:
        """A field by id, or a group's column by path (`installations.activity`)."""
        head, _, rest = field_id.partition(".")
        for candidate in self.all_fields():
            if candidate.id == head:
                return candidate.column(rest) if rest else candidate
        raise KeyError(field_id)


def translatable_texts(data: Any, where: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every text of a raw definition (a dict keyed by fr/nl/en), with where it is."""
    if isinstance(data, Mapping):
        if any(lang in data for lang in LANGUAGES):
            yield where, data
            return
        for key, value in data.items():
            yield from translatable_texts(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            label = value.get("id") or value.get("value") if isinstance(value, Mapping) else None
            yield from translatable_texts(value, f"{where}[{label if label is not None else index}]")


def _missing_language(text: Mapping[str, Any]) -> bool:
    return not all(isinstance(text.get(lang), str) and text[lang].strip() for lang in LANGUAGES)


def _bad(reason: str) -> ValidationError:
    return ValidationError(N_("The form definition is not valid: {reason}"), reason=reason)


def _text(value: Any, where: str, *, optional: bool = False) -> Text:
    if value is None and optional:
        return {}
    if not isinstance(value, Mapping) or _missing_language(value):
        raise ValidationError(N_("The form definition misses a French, Dutch or English text at {where}."), where=where)
    return {lang: str(value[lang]) for lang in LANGUAGES}


def _decimal(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(f"{where}: not a number")
    return Decimal(str(value))


def _expression(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(f"{where}: not an expression")
    try:
        parse(value)
    except ValidationError:
        raise _bad(f"{where}: the expression {value!r} is not valid") from None
    return value


def _choices(data: Mapping[str, Any], where: str) -> tuple[Choice, ...]:
    return tuple(
        Choice(
            str(c["value"]),
            _text(c.get("label"), f"{where}.choices.{c.get('value')}"),
            str(c.get("verification", "verified")),
        )
        for c in data.get("choices", ())
    )


def _computed(data: Mapping[str, Any], where: str) -> Computed:
    where = f"{where}.{data.get('id', '?')}"
    return Computed(
        id=_identifier(data.get("id"), where),
        label=_text(data.get("label"), where + ".label"),
        expression=_expression(data.get("expression"), where) or "none",
        kind=FieldKind(data.get("kind", "number")),
        choices=_choices(data, where),
        verification=str(data.get("verification", "verified")),
        internal=bool(data.get("internal", False)),
    )


def _identifier(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise _bad(f"{where}: the id {value!r} must be letters, digits and underscores")
    return value


def _field(data: Mapping[str, Any], where: str) -> FieldDef:
    where = f"{where}.{data.get('id', '?')}"
    kind = FieldKind(data["kind"])
    for key in ("min_date", "max_date"):
        if key in data and not _DATE_BOUND.match(str(data[key])):
            raise _bad(f"{where}.{key}: use YYYY-MM-DD, today, today+N or today-N")
    pattern = data.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as error:
            raise _bad(f"{where}.pattern: {error}") from None
    spec = FieldDef(
        id=_identifier(data.get("id"), where),
        kind=kind,
        label=_text(data.get("label"), where + ".label"),
        help=_text(data.get("help"), where + ".help", optional=True),
        required=bool(data.get("required", False)),
        required_if=_expression(data.get("required_if"), where + ".required_if"),
        shown_if=_expression(data.get("shown_if"), where + ".shown_if"),
        choices=_choices(data, where),
        minimum=_decimal(data.get("min"), where + ".min"),
        maximum=_decimal(data.get("max"), where + ".max"),
        integer=bool(data.get("integer", False)),
        min_length=data.get("min_length"),
        max_length=data.get("max_length"),
        pattern=pattern,
        pattern_message=_text(data.get("pattern_message"), where + ".pattern_message", optional=True),
        min_date=data.get("min_date"),
        max_date=data.get("max_date"),
        min_selected=data.get("min_selected"),
        max_selected=data.get("max_selected"),
        fields=tuple(_field(f, where) for f in data.get("fields", ())),
        computed=tuple(_computed(c, where + ".computed") for c in data.get("computed", ())),
        min_items=int(data.get("min_items", 0)),
        max_items=data.get("max_items"),
        validators=tuple(
            Validator(
                _expression(v.get("expression"), where + ".validators") or "true",
                _text(v.get("message"), where + ".validators.message"),
            )
            for v in data.get("validators", ())
        ),
    )
    if kind in CHOICE_KINDS and not spec.choices:
        raise _bad(f"{where}: a choice field needs choices")
    if kind is FieldKind.GROUP and not spec.fields:
        raise _bad(f"{where}: a group needs fields")
    _unique([f.id for f in spec.fields] + [c.id for c in spec.computed], where)
    return spec


def _unique(ids: Sequence[str], where: str) -> None:
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            raise _bad(f"{where}: the id {identifier!r} is used twice")
        seen.add(identifier)


def _check_expressions(data: Any, where: str) -> None:
    """Parse every condition in the rule parameters now, so a bad one fails at load time."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key in _EXPRESSION_KEYS and isinstance(value, str):
                parse(value)
            else:
                _check_expressions(value, f"{where}.{key}")
    elif isinstance(data, list):
        for value in data:
            _check_expressions(value, where)


def definition_from_dict(data: Mapping[str, Any]) -> FormDefinition:
    """Build and check a definition; a bad file raises a translated ValidationError."""
    if not isinstance(data, Mapping):
        raise _bad("the file must hold a JSON object")
    try:
        form_id = _identifier(data.get("form_id"), "form_id")
        for where, text in translatable_texts(data, form_id):
            if _missing_language(text):
                raise ValidationError(
                    N_("The form definition misses a French, Dutch or English text at {where}."), where=where
                )
        sections = tuple(
            Section(
                _identifier(s.get("id"), f"{form_id}.sections"),
                _text(s.get("title"), f"{form_id}.{s.get('id')}.title"),
                tuple(_field(f, f"{form_id}.{s['id']}") for f in s["fields"]),
                _text(s.get("help"), f"{form_id}.{s.get('id')}.help", optional=True),
            )
            for s in data["sections"]
        )
        definition = FormDefinition(
            form_id=form_id,
            version=int(data["version"]),
            case_kind=str(data["case_kind"]),
            title=_text(data.get("title"), form_id + ".title"),
            description=_text(data.get("description"), form_id + ".description", optional=True),
            sections=sections,
            computed=tuple(_computed(c, f"{form_id}.computed") for c in data.get("computed", ())),
            checklist=tuple(
                ChecklistEntry(
                    _identifier(c.get("id"), f"{form_id}.checklist"),
                    _text(c.get("label"), f"{form_id}.checklist.{c.get('id')}"),
                    _expression(c.get("when"), f"{form_id}.checklist.{c.get('id')}.when"),
                    bool(c.get("required", True)),
                    str(c.get("verification", "verified")),
                    _text(c.get("help"), f"{form_id}.checklist.{c.get('id')}.help", optional=True),
                )
                for c in data.get("checklist", ())
            ),
            rules=data.get("rules"),
            parameters=dict(data.get("parameters", {})),
            tables={str(name): dict(table) for name, table in data.get("tables", {}).items()},
        )
        if definition.version < 1:
            raise _bad("the version must be 1 or more")
        if definition.rules is not None and definition.rules not in RULE_SET_NAMES:
            raise _bad(f"unknown rule set {definition.rules!r}")
        _unique([f.id for f in definition.all_fields()] + [c.id for c in definition.computed], f"{form_id}.fields")
        _unique([c.id for c in definition.checklist], f"{form_id}.checklist")
        _check_expressions(definition.parameters, f"{form_id}.parameters")
        return definition
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise _bad(f"{type(error).__name__}: {error}") from error
