"""Checks a pushed record's fields against the domain entity: names, JSON types, enums, identifiers.

A mutation that fails here is refused with a translated reason the client keeps and
shows; nothing is written.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any

from hubdesk.domain.identifiers import normalize_enterprise_number
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.sync.protocol import CONFLICT_FIELDS, ENTITY_TYPES, entity_field_names, required_field_names

Check = Callable[[Any], bool]
CLIENT_CONFLICT_FIELDS = frozenset({"resolved_at", "resolution"})


def _is_decimal(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return False
    try:
        return Decimal(str(value)).is_finite()
    except InvalidOperation:
        return False


def _is_iso(parse: Callable[[str], Any]) -> Check:
    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return False
        try:
            parse(value)
        except ValueError:
            return False
        return True

    return check


@cache
def _checker(hint: Any) -> Check:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_checker(a) for a in typing.get_args(hint) if a is not type(None)]
        nullable = type(None) in typing.get_args(hint)
        return lambda v: (v is None and nullable) or any(check(v) for check in options)
    if origin is tuple:
        item = _checker(typing.get_args(hint)[0])
        return lambda v: isinstance(v, list) and all(item(x) for x in v)
    if origin is dict or hint is object:
        return lambda v: isinstance(v, dict)
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            allowed = {member.value for member in hint}
            return lambda v: v in allowed
        if hint is bool:
            return lambda v: isinstance(v, bool)
        if hint is int:
            return lambda v: isinstance(v, int) and not isinstance(v, bool)
        if hint is str:
            return lambda v: isinstance(v, str)
        if hint is Decimal:
            return _is_decimal
        if hint is datetime:
            return _is_iso(datetime.fromisoformat)
        if hint is date:
            return _is_iso(date.fromisoformat)
        if dataclasses.is_dataclass(hint):
            return _dataclass_checker(hint)
    return lambda v: True


@cache
def _dataclass_checker(cls: type[Any]) -> Check:
    hints = typing.get_type_hints(cls)
    checks = {f.name: _checker(hints[f.name]) for f in dataclasses.fields(cls)}

    def check(value: Any) -> bool:
        return isinstance(value, dict) and all(name in checks and checks[name](v) for name, v in value.items())

    return check


@cache
def _field_checks(kind: str) -> Mapping[str, Check]:
    hints = typing.get_type_hints(ENTITY_TYPES[kind])
    return {name: _checker(hints[name]) for name in entity_field_names(kind)}


def validate_fields(kind: str, values: Mapping[str, Any], *, creating: bool, from_client: bool = True) -> None:
    """Raise ValidationError (naming the field) unless `values` fit the record kind."""
    if kind == "conflict":
        allowed = CLIENT_CONFLICT_FIELDS if from_client else frozenset(CONFLICT_FIELDS)
        for name in values:
            if name not in allowed:
                raise ValidationError(N_("Unknown field “{name}”."), field=name, name=name)
        return
    if kind not in ENTITY_TYPES:
        raise ValidationError(N_("Unknown record kind “{kind}”."), field="entity", kind=kind)
    checks = _field_checks(kind)
    for name, value in values.items():
        check = checks.get(name)
        if check is None:
            raise ValidationError(N_("Unknown field “{name}”."), field=name, name=name)
        if not check(value):
            raise ValidationError(N_("The value of “{name}” does not fit a {kind}."), field=name, name=name, kind=kind)
    if creating:
        for name in required_field_names(kind):
            if name not in values:
                raise ValidationError(N_("The field “{name}” is required."), field=name, name=name)
    if kind == "enterprise" and "number" in values:
        number = str(values["number"])
        if normalize_enterprise_number(number) != number:
            raise ValidationError(N_("“{value}” is not a normalised enterprise number."), field="number", value=number)
