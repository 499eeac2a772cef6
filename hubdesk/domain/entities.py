"""The records an advisor works with: enterprises, contacts, cases, visits, tasks, attachments.

Entities are frozen dataclasses: edits make a new value with `dataclasses.replace`, and
the store turns them into rows. `id` is a client-made UUIDv7 string; `version` is the
number of saved revisions (the sync compares it), set by the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Language(StrEnum):
    FR = "fr"
    NL = "nl"
    EN = "en"


class CaseKind(StrEnum):
    PERMIT_ASSISTANCE = "permit_assistance"
    SUBSIDY_APPLICATION = "subsidy_application"
    EXPORT_SUPPORT = "export_support"
    LOCATION_SEARCH = "location_search"
    GENERAL_ADVICE = "general_advice"


class CaseStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_ENTREPRENEUR = "waiting_entrepreneur"
    WAITING_AUTHORITY = "waiting_authority"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Channel(StrEnum):
    VISIT = "visit"
    PHONE = "phone"
    LINE_1819 = "line_1819"
    EMAIL = "email"
    VIDEO = "video"


class SmeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Relation(StrEnum):
    """How another enterprise is tied to this one for the SME test (EU Rec. 2003/361, art. 3)."""

    LINKED = "linked"  # > 50 % control: counted in full
    PARTNER = "partner"  # 25 % to 50 %: counted pro rata


@dataclass(frozen=True, slots=True)
class NaceCode:
    code: str  # NN.NNN (NACE-BEL) or NN.NN (NACE class)
    version: str  # "2008" or "2025"


@dataclass(frozen=True, slots=True)
class Address:
    street: str = ""
    postal_code: str = ""
    commune_nis: str | None = None  # the commune, confirmed by the advisor where the code is shared
    city: str = ""
    country: str = "BE"


@dataclass(frozen=True, slots=True)
class SizeFigures:
    """Headcount (annual work units) and money figures of one enterprise, any of them unknown."""

    headcount: Decimal | None = None
    turnover_eur: Decimal | None = None
    balance_sheet_eur: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RelatedEnterprise:
    """A linked or partner enterprise whose figures count toward the SME size class."""

    name: str
    relation: Relation
    share_percent: Decimal  # capital or voting rights held (used pro rata for partners)
    figures: SizeFigures = field(default_factory=SizeFigures)
    number: str | None = None


@dataclass(frozen=True, slots=True)
class Enterprise:
    id: str
    number: str  # normalised 10-digit enterprise number, e.g. "0403019261"
    name: str
    legal_form: str = ""
    nace_codes: tuple[NaceCode, ...] = ()
    sector: str | None = None  # key of a sector in the reference data
    address: Address = field(default_factory=Address)
    language: Language = Language.FR
    vat_number: str | None = None  # "BE0403019261" when subject to VAT
    iban: str | None = None  # compact, "BE68539007547034"
    email: str | None = None
    phone: str | None = None  # E.164
    figures: SizeFigures = field(default_factory=SizeFigures)
    related: tuple[RelatedEnterprise, ...] = ()
    account_manager: str | None = None
    version: int = 0
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    enterprise_id: str
    name: str
    role: str = ""
    phone: str | None = None  # E.164
    email: str | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    reference: str  # human reference, unique across offline devices (see domain.references)
    enterprise_id: str
    title: str
    kind: CaseKind
    status: CaseStatus = CaseStatus.NEW
    account_manager: str | None = None
    commune_nis: str | None = None
    attache_post: str | None = None  # city of the trade attaché's post, for export cases
    opened_on: date | None = None
    due_on: date | None = None
    closed_on: date | None = None
    version: int = 0
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One step of a case's history (kept for the timeline)."""

    id: str
    case_id: str
    from_status: CaseStatus | None
    to_status: CaseStatus
    changed_at: datetime
    author: str | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class Visit:
    """A visit or any other interaction with the entrepreneur."""

    id: str
    case_id: str
    occurred_at: datetime
    channel: Channel
    place: str = ""
    notes: str = ""
    author: str | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    case_id: str
    title: str
    due_on: date | None = None
    done: bool = False
    done_on: date | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file of a case; its bytes live in the content-addressed folder under their SHA-256."""

    id: str
    case_id: str
    name: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime | None = None
    version: int = 0


class FormStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


@dataclass(frozen=True, slots=True)
class FormAnswers:
    """The answers to one form on one case, with the definition version they were given for."""

    id: str
    case_id: str
    form_id: str
    form_version: int
    answers: dict[str, object]  # JSON-compatible values keyed by field id
    status: FormStatus = FormStatus.DRAFT
    updated_at: datetime | None = None
    version: int = 0
