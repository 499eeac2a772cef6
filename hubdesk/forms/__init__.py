"""The declarative form engine: definitions as data, validation, computed fields, printable summaries."""

from hubdesk.forms.context import FormContext
from hubdesk.forms.definition import (
    DefinitionInfo,
    FieldDef,
    FieldKind,
    FormDefinition,
    definition_from_dict,
    localized,
    translatable_texts,
)
from hubdesk.forms.engine import compute, format_answer, summarize
from hubdesk.forms.registry import (
    FormRegistry,
    install_definition,
    list_definitions,
    load_definition,
    read_definition_file,
    shipped_forms_dir,
)
from hubdesk.forms.summary import PrintableSummary
from hubdesk.forms.validation import Issue, validate

__all__ = [
    "DefinitionInfo",
    "FieldDef",
    "FieldKind",
    "FormContext",
    "FormDefinition",
    "FormRegistry",
    "Issue",
    "PrintableSummary",
    "compute",
    "definition_from_dict",
    "format_answer",
    "install_definition",
    "list_definitions",
    "load_definition",
    "localized",
    "read_definition_file",
    "shipped_forms_dir",
    "summarize",
    "translatable_texts",
    "validate",
]
