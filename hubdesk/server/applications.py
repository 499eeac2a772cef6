"""Checks a submitted application on the server with the same form engine the clients use.

Drafts may be incomplete and are never checked here. A form-answers record whose status
becomes "submitted" is validated against its own definition version (published on this
server, else shipped with the package), the newest published reference data and the
case's enterprise as the server holds them. Any issue refuses the mutation with the
issues as its reason; the client keeps its draft and shows why.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from hubdesk.domain.entities import Enterprise, FormStatus
from hubdesk.domain.reference import ReferenceData, load_reference_data
from hubdesk.forms import FormContext, FormDefinition, FormRegistry, shipped_forms_dir, validate
from hubdesk.forms.definition import definition_from_dict
from hubdesk.kernel.errors import HubDeskError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.jsonable import dataclass_builder
from hubdesk.server import tables as t

RecordData = Callable[[str, str], Mapping[str, Any] | None]
"""Looks up the current data of a record (kind, id) as this push sees it, or None."""


def is_submission(entity: str, data: Mapping[str, Any]) -> bool:
    return entity == "form_answers" and data.get("status") == FormStatus.SUBMITTED.value


def check_submission(
    connection: Connection, data: Mapping[str, Any], record_data: RecordData, now_ms: int, language: str | None
) -> None:
    """Raise ValidationError listing the problems when the submitted answers in `data` are not complete."""
    form_id, version = str(data.get("form_id") or ""), data.get("form_version")
    definition = _definition(connection, form_id, version if isinstance(version, int) else None)
    answers = data.get("answers")
    if not isinstance(answers, Mapping):
        raise ValidationError(N_("The answers must be a JSON object."), field="answers")
    today = datetime.fromtimestamp(now_ms / 1000, UTC).date()
    context = FormContext(reference=_reference(connection), enterprise=_enterprise(data, record_data), today=today)
    issues = validate(definition, answers, submitted=True, context=context, language=language)
    if issues:
        raise ValidationError(
            N_("The application is not complete; it was kept as a draft. {problems}"),
            field="answers",
            problems=" ".join(f"{issue.path}: {issue.message}" for issue in issues),
        )


def _definition(connection: Connection, form_id: str, version: int | None) -> FormDefinition:
    published = connection.execute(
        select(t.published.c.content, t.published.c.version)
        .where(t.published.c.kind == "form", t.published.c.form_id == form_id)
        .order_by(t.published.c.seq.desc())
    ).all()
    for row in published:
        if version is None or row.version == str(version):
            return definition_from_dict(json.loads(row.content))
    try:
        return FormRegistry([shipped_forms_dir()]).load(form_id, version)
    except HubDeskError as error:
        raise ValidationError(
            N_("The server does not know version {version} of the form “{form_id}”."),
            field="form_version",
            form_id=form_id,
            version=str(version),
        ) from error


def _reference(connection: Connection) -> ReferenceData:
    content = connection.execute(
        select(t.published.c.content).where(t.published.c.kind == "reference").order_by(t.published.c.seq.desc())
    ).scalar()
    return ReferenceData.from_dict(json.loads(content)) if content else load_reference_data()


def _enterprise(data: Mapping[str, Any], record_data: RecordData) -> Enterprise | None:
    case = record_data("case", str(data.get("case_id") or ""))
    enterprise = record_data("enterprise", str(case.get("enterprise_id") or "")) if case else None
    if not enterprise:
        return None
    try:
        built: Enterprise = dataclass_builder(Enterprise)({"id": "", "number": "", "name": "", **enterprise})
    except (TypeError, ValueError, ArithmeticError):
        return None  # figures the record check already accepted but the engine cannot read count as unknown
    return built
