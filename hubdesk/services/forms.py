"""Form use cases: which forms exist, and answers kept with a case as drafts or submitted applications."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from hubdesk.domain.entities import Case, FormAnswers, FormStatus
from hubdesk.forms import FormContext, FormDefinition, FormRegistry, Issue, shipped_forms_dir, validate
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.ids import new_id
from hubdesk.services.records import Saved, find_case
from hubdesk.services.workspace import Workspace


@dataclass(frozen=True)
class FilledForm:
    """Saved answers, the definition version they belong to, and what is still wrong with them."""

    answers: FormAnswers
    definition: FormDefinition
    issues: tuple[Issue, ...]


def registry(ws: Workspace) -> FormRegistry:
    """Shipped definitions plus those the server published (received on sync)."""
    return FormRegistry([shipped_forms_dir(), ws.forms_dir])


def context_for(ws: Workspace, case: Case | None, today: date | None = None) -> FormContext:
    enterprise = None
    if case is not None:
        with ws.store.read() as reader:
            enterprise = reader.get_enterprise(case.enterprise_id)
    return FormContext(reference=ws.reference, enterprise=enterprise, today=today or date.today())


def fill_form(
    ws: Workspace,
    reference: str,
    form_id: str,
    answers: Mapping[str, Any],
    *,
    submit: bool = False,
    language: str | None = None,
) -> Saved[FilledForm]:
    """Save answers on a case: always as a draft first, so nothing typed is lost.

    A submission that fails validation raises a translated error listing the problems,
    and the answers stay saved as a draft. Answers already on the case keep the
    definition version they were given for.
    """
    if not isinstance(answers, Mapping):
        raise ValidationError(N_("The answers must be a JSON object."), field="answers")
    case = find_case(ws, reference)
    with ws.store.read() as reader:
        existing = next((f for f in reader.forms_of(case.id) if f.form_id == form_id), None)
    definition = registry(ws).load(form_id, existing.form_version if existing else None)
    issues = tuple(validate(definition, answers, submitted=submit, context=context_for(ws, case), language=language))
    status = FormStatus.SUBMITTED if submit and not issues else FormStatus.DRAFT
    now = datetime.now(UTC)
    if existing is None:
        record = FormAnswers(new_id(), case.id, form_id, definition.version, dict(answers), status, now)
    else:
        record = replace(existing, answers=dict(answers), status=status, updated_at=now)
    with ws.store.unit_of_work() as uow:
        saved = uow.save(record)
        changes = uow.changes
    if submit and issues:
        raise ValidationError(
            N_("The application is not complete; it was kept as a draft. {problems}"),
            field="answers",
            problems=" ".join(f"{issue.path}: {issue.message}" for issue in issues),
        )
    return Saved(FilledForm(saved, definition, issues), changes)
