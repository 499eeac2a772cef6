"""Use cases on enterprises, cases, visits, tasks and attachments: validate, save, report what changed.

Inputs come as text the way a user typed it (the GUI and the CLI share them); each
function normalises and checks it with the domain rules and raises a translated
`ValidationError` naming the field before anything is written.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Generic, TypeVar

from hubdesk.domain.changes import Changes
from hubdesk.domain.entities import (
    Attachment,
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Contact,
    Enterprise,
    Language,
    NaceCode,
    StatusChange,
    Task,
    Visit,
)
from hubdesk.domain.identifiers import (
    format_enterprise_number,
    normalize_email,
    normalize_enterprise_number,
    normalize_iban,
    normalize_nace,
    normalize_phone,
    normalize_postal_code,
    normalize_vat,
)
from hubdesk.domain.references import device_code, make_case_reference, normalize_case_reference
from hubdesk.domain.workflow import CLOSED, check_transition
from hubdesk.kernel.errors import ConflictError, NotFoundError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.ids import new_id
from hubdesk.services.workspace import Workspace

T = TypeVar("T")

ENTERPRISE_TEXT_FIELDS = ("name", "legal_form", "street", "city", "account_manager", "sector")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """A saved record and what the save changed (for views to refresh)."""

    value: T
    changes: Changes


def _now() -> datetime:
    return datetime.now(UTC)


def _decimal(text: str, field: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text.strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(N_("“{value}” is not a number."), field=field, value=text) from None
    if value < 0 or not value.is_finite():
        raise ValidationError(N_("“{value}” must be zero or more."), field=field, value=text)
    return value


def parse_date(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            N_("“{value}” is not a date (write it as YYYY-MM-DD)."), field=field, value=text
        ) from None


def _choice(enum: type[T], text: str, field: str) -> T:
    try:
        return enum(text.strip())  # type: ignore[call-arg]
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)  # type: ignore[attr-defined]
        raise ValidationError(
            N_("“{value}” is not one of: {allowed}."), field=field, value=text, allowed=allowed
        ) from None


def _optional(text: str | None, normalize: object, field: str) -> str | None:
    if text is None or not text.strip():
        return None
    return normalize(text, field=field)  # type: ignore[operator, no-any-return]


def apply_enterprise_fields(ws: Workspace, enterprise: Enterprise, values: Mapping[str, str]) -> Enterprise:
    """A copy of `enterprise` with the typed values applied, each checked; unknown keys refused."""
    changes: dict[str, object] = {}
    address = enterprise.address
    figures = enterprise.figures
    for key, raw in values.items():
        text = raw if raw is not None else ""
        if key == "number":
            changes["number"] = normalize_enterprise_number(text)
        elif key == "name":
            if not text.strip():
                raise ValidationError(N_("The name cannot be empty."), field="name")
            changes["name"] = text.strip()
        elif key == "legal_form":
            changes["legal_form"] = text.strip()
        elif key == "sector":
            if text.strip():
                ws.reference.sector(text.strip())
            changes["sector"] = text.strip() or None
        elif key == "vat_number":
            changes["vat_number"] = _optional(text, normalize_vat, "vat_number")
        elif key == "iban":
            changes["iban"] = _optional(text, normalize_iban, "iban")
        elif key == "phone":
            changes["phone"] = _optional(text, normalize_phone, "phone")
        elif key == "email":
            changes["email"] = _optional(text, normalize_email, "email")
        elif key == "language":
            changes["language"] = _choice(Language, text, "language")
        elif key == "account_manager":
            changes["account_manager"] = text.strip() or None
        elif key == "nace":
            codes = [c for c in text.replace(";", ",").split(",") if c.strip()]
            changes["nace_codes"] = tuple(NaceCode(normalize_nace(c), "2025") for c in codes)
        elif key == "street":
            address = replace(address, street=text.strip())
        elif key == "city":
            address = replace(address, city=text.strip())
        elif key == "postal_code":
            address = replace(address, postal_code=normalize_postal_code(text), commune_nis=None)
        elif key == "commune":
            address = replace(address, commune_nis=text.strip() or None)
        elif key == "headcount":
            figures = replace(figures, headcount=_decimal(text, "headcount"))
        elif key == "turnover":
            figures = replace(figures, turnover_eur=_decimal(text, "turnover"))
        elif key == "balance_sheet":
            figures = replace(figures, balance_sheet_eur=_decimal(text, "balance_sheet"))
        else:
            raise ValidationError(N_("Unknown field “{name}”."), field=key, name=key)
    if address.postal_code and ("postal_code" in values or "commune" in values):
        commune = ws.reference.resolve_commune(address.postal_code, address.commune_nis)
        address = replace(address, commune_nis=commune.nis, city=address.city or commune.name(enterprise.language))
    return replace(enterprise, address=address, figures=figures, **changes)  # type: ignore[arg-type]


def add_enterprise(ws: Workspace, values: Mapping[str, str]) -> Saved[Enterprise]:
    for required in ("number", "name", "postal_code"):
        if not (values.get(required) or "").strip():
            raise ValidationError(N_("The field “{name}” is required."), field=required, name=required)
    draft = Enterprise(id=new_id(), number="", name="")
    enterprise = apply_enterprise_fields(ws, draft, values)
    with ws.store.unit_of_work() as uow:
        if uow.reader.find_enterprise_by_number(enterprise.number) is not None:
            raise ConflictError(
                N_("An enterprise with number {number} already exists."),
                number=format_enterprise_number(enterprise.number),
            )
        saved = uow.save(enterprise)
        changes = uow.changes
    return Saved(saved, changes)


def find_enterprise(ws: Workspace, number: str) -> Enterprise:
    normalized = normalize_enterprise_number(number)
    with ws.store.read() as reader:
        enterprise = reader.find_enterprise_by_number(normalized)
    if enterprise is None:
        raise NotFoundError(N_("No enterprise with number {number}."), number=format_enterprise_number(normalized))
    return enterprise


def update_enterprise(ws: Workspace, number: str, values: Mapping[str, str]) -> Saved[Enterprise]:
    current = find_enterprise(ws, number)
    updated = apply_enterprise_fields(ws, current, values)
    with ws.store.unit_of_work() as uow:
        if updated.number != current.number and uow.reader.find_enterprise_by_number(updated.number):
            raise ConflictError(
                N_("An enterprise with number {number} already exists."),
                number=format_enterprise_number(updated.number),
            )
        saved = uow.save(updated)
        changes = uow.changes
    return Saved(saved, changes)


def add_contact(
    ws: Workspace, number: str, name: str, role: str = "", phone: str = "", email: str = ""
) -> Saved[Contact]:
    enterprise = find_enterprise(ws, number)
    if not name.strip():
        raise ValidationError(N_("The name cannot be empty."), field="name")
    contact = Contact(
        id=new_id(),
        enterprise_id=enterprise.id,
        name=name.strip(),
        role=role.strip(),
        phone=_optional(phone, normalize_phone, "phone"),
        email=_optional(email, normalize_email, "email"),
    )
    with ws.store.unit_of_work() as uow:
        saved = uow.save(contact)
        changes = uow.changes
    return Saved(saved, changes)


def find_case(ws: Workspace, reference: str) -> Case:
    with ws.store.read() as reader:
        case = reader.find_case_by_reference(normalize_case_reference(reference))
    if case is None:
        raise NotFoundError(N_("No case with reference {reference}."), reference=reference.strip())
    return case


def add_case(
    ws: Workspace,
    number: str,
    title: str,
    kind: str,
    *,
    account_manager: str = "",
    attache_post: str = "",
    due_on: str = "",
    today: date | None = None,
) -> Saved[Case]:
    enterprise = find_enterprise(ws, number)
    if not title.strip():
        raise ValidationError(N_("The title cannot be empty."), field="title")
    case_kind = _choice(CaseKind, kind, "kind")
    if attache_post.strip() and case_kind is not CaseKind.EXPORT_SUPPORT:
        raise ValidationError(N_("Only export cases have an attaché post."), field="attache_post")
    due = parse_date(due_on, "due_on")
    opened = today or date.today()
    with ws.store.unit_of_work() as uow:
        sequence = uow.next_sequence(f"case-{opened.year}")
        case = Case(
            id=new_id(),
            reference=make_case_reference(device_code(ws.device_id), opened.year, sequence),
            enterprise_id=enterprise.id,
            title=title.strip(),
            kind=case_kind,
            account_manager=account_manager.strip() or enterprise.account_manager or ws.settings.user or None,
            commune_nis=enterprise.address.commune_nis,
            attache_post=attache_post.strip() or None,
            opened_on=opened,
            due_on=due,
        )
        saved = uow.save(case)
        uow.add_status_change(StatusChange(new_id(), saved.id, None, CaseStatus.NEW, _now(), ws.settings.user or None))
        changes = uow.changes
    return Saved(saved, changes)


def change_status(ws: Workspace, reference: str, status: str, *, today: date | None = None) -> Saved[Case]:
    case = find_case(ws, reference)
    target = _choice(CaseStatus, status, "status")
    check_transition(case.status, target)
    closed_on = (today or date.today()) if target in CLOSED else None
    updated = replace(case, status=target, closed_on=closed_on)
    with ws.store.unit_of_work() as uow:
        saved = uow.save(updated)
        uow.add_status_change(StatusChange(new_id(), case.id, case.status, target, _now(), ws.settings.user or None))
        changes = uow.changes
    return Saved(saved, changes)


def add_visit(
    ws: Workspace, reference: str, *, channel: str, notes: str, place: str = "", when: str = ""
) -> Saved[Visit]:
    case = find_case(ws, reference)
    if when.strip():
        try:
            occurred = datetime.fromisoformat(when.strip())
        except ValueError:
            raise ValidationError(
                N_("“{value}” is not a date and time (write it as YYYY-MM-DD HH:MM)."),
                field="when",
                value=when,
            ) from None
        if occurred.tzinfo is None:
            occurred = occurred.astimezone()
    else:
        occurred = _now()
    visit = Visit(
        id=new_id(),
        case_id=case.id,
        occurred_at=occurred,
        channel=_choice(Channel, channel, "channel"),
        place=place.strip(),
        notes=notes,
        author=ws.settings.user or None,
    )
    with ws.store.unit_of_work() as uow:
        saved = uow.save(visit)
        changes = uow.changes
    return Saved(saved, changes)


def add_task(ws: Workspace, reference: str, title: str, due_on: str = "") -> Saved[Task]:
    case = find_case(ws, reference)
    if not title.strip():
        raise ValidationError(N_("The title cannot be empty."), field="title")
    task = Task(id=new_id(), case_id=case.id, title=title.strip(), due_on=parse_date(due_on, "due_on"))
    with ws.store.unit_of_work() as uow:
        saved = uow.save(task)
        changes = uow.changes
    return Saved(saved, changes)


def set_task_done(ws: Workspace, task_id: str, done: bool = True, *, today: date | None = None) -> Saved[Task]:
    with ws.store.unit_of_work() as uow:
        task = uow.reader.get_task(task_id)
        if task is None:
            raise NotFoundError(N_("No task with id {id}."), id=task_id)
        saved = uow.save(replace(task, done=done, done_on=(today or date.today()) if done else None))
        changes = uow.changes
    return Saved(saved, changes)


def attach_file(ws: Workspace, reference: str, path: Path, name: str = "") -> Saved[Attachment]:
    case = find_case(ws, reference)
    if not path.is_file():
        raise ValidationError(N_("The file {path} does not exist."), field="file", path=str(path))
    sha256 = ws.store.save_attachment_bytes(path)
    attachment = Attachment(
        id=new_id(),
        case_id=case.id,
        name=name.strip() or path.name,
        media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        size=path.stat().st_size,
        sha256=sha256,
        added_at=_now(),
    )
    with ws.store.unit_of_work() as uow:
        saved = uow.save(attachment)
        changes = uow.changes
    return Saved(saved, changes)
