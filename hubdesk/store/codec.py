"""Entities to plain JSON fields and table rows, and back: the only place that knows both shapes.

- `KINDS` names every synchronised record kind with its domain entity class and ORM model.
- `entity_to_fields(entity)` gives the JSON-able fields (every field but id, version and
  updated_at): Decimals as text, dates and datetimes ISO, enums as their value, tuples of
  dataclasses as lists of dicts. The unit of work diffs these to report changed fields;
  the sync sends them.
- `fields_to_entity(kind, fields)` is the exact inverse (it also accepts id, version and
  updated_at).
- `to_row` / `from_row` flatten those fields into the columns of the kind's table
  (the enterprise address and size figures as columns, nested lists as JSON text).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache, cached_property
from typing import Any

from hubdesk.domain.entities import (
    Attachment,
    Case,
    Contact,
    Enterprise,
    FormAnswers,
    StatusChange,
    Task,
    Visit,
)
from hubdesk.kernel.jsonable import dataclass_builder, to_jsonable
from hubdesk.store.models import (
    AttachmentModel,
    Base,
    CaseModel,
    ContactModel,
    EnterpriseModel,
    FormAnswersModel,
    StatusChangeModel,
    TaskModel,
    VisitModel,
)

Entity = Enterprise | Contact | Case | Visit | Task | Attachment | StatusChange | FormAnswers


@dataclass(frozen=True)
class KindSpec:
    """A record kind: its name (also its table), domain entity class and ORM model."""

    name: str
    entity: type[Any]
    model: type[Base]

    @property
    def table(self) -> str:
        return self.name

    @cached_property
    def has_updated_at(self) -> bool:
        """Whether the entity itself carries `updated_at` (the table always has the column)."""
        return "updated_at" in {f.name for f in dataclasses.fields(self.entity)}


KINDS: Mapping[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec("enterprise", Enterprise, EnterpriseModel),
        KindSpec("contact", Contact, ContactModel),
        KindSpec("case", Case, CaseModel),
        KindSpec("visit", Visit, VisitModel),
        KindSpec("task", Task, TaskModel),
        KindSpec("attachment", Attachment, AttachmentModel),
        KindSpec("status_change", StatusChange, StatusChangeModel),
        KindSpec("form_answers", FormAnswers, FormAnswersModel),
    )
}
_KIND_OF: Mapping[type[Any], str] = {spec.entity: name for name, spec in KINDS.items()}
META_FIELDS = frozenset({"id", "version", "updated_at"})
# Columns holding JSON text, per kind.
JSON_COLUMNS: Mapping[str, tuple[str, ...]] = {"enterprise": ("nace_codes", "related"), "form_answers": ("answers",)}
# Child kinds of each kind and the field linking them to it (ON DELETE CASCADE).

CHILDREN: Mapping[str, tuple[tuple[str, str], ...]] = {
    "enterprise": (("contact", "enterprise_id"), ("case", "enterprise_id")),
    "case": (
        ("visit", "case_id"),
        ("task", "case_id"),
        ("attachment", "case_id"),
        ("status_change", "case_id"),
        ("form_answers", "case_id"),
    ),
}
_ADDRESS = ("street", "postal_code", "commune_nis", "city", "country")
_FIGURES = ("headcount", "turnover_eur", "balance_sheet_eur")


def kind_of(entity: object) -> str:
    """The kind name of an entity ("enterprise", "case", ...); KeyError for anything else."""
    return _KIND_OF[type(entity)]


def spec(kind: str) -> KindSpec:
    """The registry entry of `kind`; KeyError for an unknown kind."""
    return KINDS[kind]


def entity_to_fields(entity: object) -> dict[str, Any]:
    """Every field but id/version/updated_at as JSON-able values."""
    return {
        f.name: to_jsonable(getattr(entity, f.name))
        for f in dataclasses.fields(entity)  # type: ignore[arg-type]
        if f.name not in META_FIELDS
    }


def fields_to_entity(kind: str, fields: Mapping[str, Any]) -> Any:
    """The entity of `kind` from `entity_to_fields` values (plus id, version, updated_at when given).

    Fields left out take the entity's defaults; a missing required field raises TypeError.
    """
    entity_class: Any = KINDS[kind].entity
    return dataclass_builder(entity_class)(fields)


def _json_text(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"))


def _stamp_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value.astimezone(UTC) if value.tzinfo else value).isoformat()


@cache
def _column_writer(hint: Any) -> Callable[[Any], Any]:
    """A function turning a field value of type `hint` into its column value."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _column_writer(options[0])
        return lambda v: None if v is None else inner(v)
    if origin in (tuple, dict) or hint is object:
        return _json_text
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            return lambda v: v.value
        if hint in (date, datetime):
            return lambda v: v.isoformat()
        if hint is Decimal:
            return str
    return lambda v: v


@cache
def _row_writer(kind: str) -> Callable[[object], dict[str, Any]]:
    """A compiled `to_row` for one kind: one getter and converter per column (bulk loads call it a lot)."""
    entity_class = KINDS[kind].entity
    hints = typing.get_type_hints(entity_class)
    plan: list[tuple[str, str, str | None, Callable[[Any], Any]]] = []  # (column, field, subfield, convert)
    for f in dataclasses.fields(entity_class):
        if f.name == "updated_at":
            plan.append(("updated_at", "updated_at", None, _stamp_text))
        elif kind == "enterprise" and f.name in ("address", "figures"):
            sub_hints = typing.get_type_hints(hints[f.name])
            for sub in _ADDRESS if f.name == "address" else _FIGURES:
                plan.append((sub, f.name, sub, _column_writer(sub_hints[sub])))
        else:
            plan.append((f.name, f.name, None, _column_writer(hints[f.name])))
    stamped = KINDS[kind].has_updated_at

    def write(entity: object) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for column, name, sub, convert in plan:
            value = getattr(entity, name)
            if sub is not None:
                value = getattr(value, sub)
            row[column] = convert(value)
        if not stamped:
            row["updated_at"] = None
        return row

    return write


def to_row(entity: object) -> dict[str, Any]:
    """Column values of the entity's table (without `rid`); `updated_at` in UTC, None where the kind has none."""
    return _row_writer(kind_of(entity))(entity)


def from_row(kind: str, row: Mapping[Any, Any]) -> Any:
    """The entity of `kind` from a row of its table."""
    data = dict(row)
    data.pop("rid", None)
    for column in JSON_COLUMNS.get(kind, ()):
        raw = data.get(column)
        data[column] = json.loads(raw) if raw else ({} if column == "answers" else [])
    if kind == "enterprise":
        data["address"] = {name: data.pop(name) for name in _ADDRESS}
        data["figures"] = {name: data.pop(name) for name in _FIGURES}
    if not KINDS[kind].has_updated_at:
        data.pop("updated_at", None)
    return fields_to_entity(kind, data)
