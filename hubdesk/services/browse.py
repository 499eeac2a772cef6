"""Read-side use cases of the window: paged and filtered lists, search, and the bundles a detail view shows.

Thin wrappers over one `ws.store.read()` snapshot each; they hand out the store's
frozen DTOs and domain entities (re-exported here, so the faces never import the
store) and never write.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hubdesk.domain.entities import (
    Attachment,
    Case,
    Contact,
    Enterprise,
    FormAnswers,
    SmeClass,
    StatusChange,
    Task,
    Visit,
)
from hubdesk.domain.sme import enterprise_sme_class
from hubdesk.kernel.errors import NotFoundError
from hubdesk.kernel.i18n import N_
from hubdesk.services.workspace import Workspace
from hubdesk.store import CaseFilter, CaseRow, EnterpriseRow, Page, SearchHit

__all__ = [
    "CaseDetail",
    "CaseFilter",
    "CaseRow",
    "EnterpriseDetail",
    "EnterpriseRow",
    "OpenTask",
    "Page",
    "SearchHit",
    "attachment_copy",
    "case_detail",
    "case_page",
    "count_cases",
    "enterprise_detail",
    "enterprise_page",
    "open_tasks",
    "search",
]


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case view shows, read in one snapshot."""

    case: Case
    enterprise: Enterprise
    visits: tuple[Visit, ...]
    tasks: tuple[Task, ...]
    attachments: tuple[Attachment, ...]
    history: tuple[StatusChange, ...]
    forms: tuple[FormAnswers, ...]


@dataclass(frozen=True)
class EnterpriseDetail:
    """An enterprise with its contacts, its cases and its SME size class (None while unknown)."""

    enterprise: Enterprise
    contacts: tuple[Contact, ...]
    cases: tuple[Case, ...]
    sme_class: SmeClass | None


@dataclass(frozen=True)
class OpenTask:
    """A task not done yet, with the case it belongs to."""

    task: Task
    case_id: str
    case_reference: str
    case_title: str


def case_page(
    ws: Workspace, case_filter: CaseFilter | None = None, sort: str = "-updated_at", offset: int = 0, limit: int = 200
) -> Page[CaseRow]:
    """One page of the case list, filtered and sorted (`-` before a column sorts descending)."""
    with ws.store.read() as reader:
        return reader.list_cases(case_filter or CaseFilter(), sort=sort, offset=offset, limit=limit)


def count_cases(ws: Workspace, case_filter: CaseFilter | None = None) -> int:
    with ws.store.read() as reader:
        return reader.count_cases(case_filter or CaseFilter())


def enterprise_page(ws: Workspace, text: str | None = None, offset: int = 0, limit: int = 200) -> Page[EnterpriseRow]:
    """One page of enterprises by name; `text` narrows it with the full-text index."""
    with ws.store.read() as reader:
        return reader.list_enterprises(text.strip() or None if text else None, offset=offset, limit=limit)


def search(ws: Workspace, text: str, limit: int = 50, kinds: Sequence[str] | None = None) -> list[SearchHit]:
    """Ranked hits over enterprises, contacts, cases and visit notes ("cafe" finds "Café")."""
    with ws.store.read() as reader:
        return reader.search(text, limit=limit, kinds=kinds)


def case_detail(ws: Workspace, case_id: str) -> CaseDetail:
    with ws.store.read() as reader:
        case = reader.get_case(case_id)
        if case is None:
            raise NotFoundError(N_("This case no longer exists."))
        enterprise = reader.get_enterprise(case.enterprise_id)
        if enterprise is None:
            raise NotFoundError(N_("The enterprise of this case no longer exists."))
        return CaseDetail(
            case=case,
            enterprise=enterprise,
            visits=tuple(reader.visits_of(case_id)),
            tasks=tuple(reader.tasks_of(case_id)),
            attachments=tuple(reader.attachments_of(case_id)),
            history=tuple(reader.status_history(case_id)),
            forms=tuple(reader.forms_of(case_id)),
        )


def enterprise_detail(ws: Workspace, enterprise_id: str) -> EnterpriseDetail:
    with ws.store.read() as reader:
        enterprise = reader.get_enterprise(enterprise_id)
        if enterprise is None:
            raise NotFoundError(N_("This enterprise no longer exists."))
        return EnterpriseDetail(
            enterprise=enterprise,
            contacts=tuple(reader.contacts_of(enterprise_id)),
            cases=tuple(reader.cases_of(enterprise_id)),
            sme_class=enterprise_sme_class(enterprise),
        )


def open_tasks(ws: Workspace, limit: int = 200) -> list[OpenTask]:
    """Tasks not done, soonest due first, each with its case's reference and title."""
    with ws.store.read() as reader:
        result = []
        cases: dict[str, Case | None] = {}
        for task in reader.open_tasks(limit):
            if task.case_id not in cases:
                cases[task.case_id] = reader.get_case(task.case_id)
            case = cases[task.case_id]
            if case is not None:
                result.append(OpenTask(task, case.id, case.reference, case.title))
        return result


def attachment_copy(ws: Workspace, attachment: Attachment) -> Path:
    """A copy of the attachment under its own name in a temporary folder, for opening in another program.

    The stored file is named by its SHA-256 without an extension, so the desktop could not
    tell which program opens it; the copy also keeps the stored bytes safe from edits.
    """
    source = ws.store.attachment_path(attachment.sha256)
    if not source.is_file():
        raise NotFoundError(N_("The file of “{name}” is missing from this workspace."), name=attachment.name)
    folder = Path(tempfile.mkdtemp(prefix="hubdesk-"))
    name = Path(attachment.name).name or attachment.sha256
    target = folder / name
    shutil.copyfile(source, target)
    return target
