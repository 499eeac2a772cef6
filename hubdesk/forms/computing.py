"""Computed fields: each group row's values, then the form's, in definition order.

Every computed value sees the answers and the values computed before it; a row's
computed values are merged into the row, so form-level expressions such as
`strictest(installations, 'derived_class', [...])` read them like answers.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hubdesk.forms.context import FormContext
from hubdesk.forms.definition import FieldKind, FormDefinition
from hubdesk.forms.expressions import Scope, evaluate


@dataclass(frozen=True)
class Evaluated:
    """The answers with every computed value merged in, and the computed values alone by path."""

    values: Mapping[str, Any]  # answers + computed; group rows carry their computed columns
    computed: Mapping[str, Any]  # "env_class" -> "2", "installations[0].derived_class" -> "2"
    scope: Scope

    def row_scope(self, row: Mapping[str, Any]) -> Scope:
        """Names of a group row first, then the whole form's."""
        return self.scope.with_values(ChainMap(dict(row), dict(self.values)))


def evaluate_form(definition: FormDefinition, answers: Mapping[str, Any], context: FormContext) -> Evaluated:
    values: dict[str, Any] = dict(answers)
    computed: dict[str, Any] = {}
    scope = Scope(values, definition.tables, context.reference, context.today)
    for spec in definition.all_fields():
        rows = answers.get(spec.id)
        if spec.kind is not FieldKind.GROUP or not spec.computed or not isinstance(rows, list):
            continue
        merged_rows: list[Any] = []
        for index, row in enumerate(rows):
            if not isinstance(row, Mapping):
                merged_rows.append(row)
                continue
            merged = dict(row)
            row_scope = scope.with_values(ChainMap(merged, values))
            for item in spec.computed:
                merged[item.id] = computed[f"{spec.id}[{index}].{item.id}"] = evaluate(item.expression, row_scope)
            merged_rows.append(merged)
        values[spec.id] = merged_rows
    for item in definition.computed:
        values[item.id] = computed[item.id] = evaluate(item.expression, scope)
    return Evaluated(values, computed, scope)
