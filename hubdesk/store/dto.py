"""Plain frozen values the store hands out besides entities: list rows, pages, filters, search hits, changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from hubdesk.domain.entities import CaseKind, CaseStatus

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list. `total` is None unless counted (`Reader.count_cases`): counting
    100,000 rows costs more than reading the page, so lists never count on the hot path."""

    items: tuple[T, ...]
    total: int | None
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        """Whether a next page may hold rows (it is certain only when `total` is known)."""
        if self.total is not None:
            return self.offset + len(self.items) < self.total
        return len(self.items) == self.limit


@dataclass(frozen=True)
class CaseFilter:
    """Case list filters; every one is optional and they combine with AND."""

    status: str | None = None
    kind: str | None = None
    commune_nis: str | None = None
    account_manager: str | None = None
    sector: str | None = None  # the enterprise's sector
    attache_post: str | None = None
    enterprise_id: str | None = None
    text: str | None = None  # full text over case titles and references and enterprise names and numbers


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list (case fields joined with its enterprise's)."""

    id: str
    reference: str
    title: str
    kind: CaseKind
    status: CaseStatus
    enterprise_id: str
    enterprise_name: str
    enterprise_number: str
    commune_nis: str | None
    account_manager: str | None
    attache_post: str | None
    sector: str | None
    due_on: date | None
    updated_at: datetime | None


@dataclass(frozen=True)
class EnterpriseRow:
    """One line of the enterprise list."""

    id: str
    number: str
    name: str
    postal_code: str
    commune_nis: str | None
    sector: str | None
    account_manager: str | None


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "enterprise" | "contact" | "case" | "visit"
    id: str
    title: str
    snippet: str
    case_id: str | None
    enterprise_id: str | None
    rank: float  # lower is better (weighted bm25)


@dataclass(frozen=True)
class RecordChange:
    """One record written by a unit of work: what write listeners (the sync outbox) receive.

    `fields` are `codec.entity_to_fields` values: every field on insert, only the changed
    ones on update, none on delete. `base_version` is the version the edit was made on
    (0 for a new record); `previous` holds, on update, the values the changed fields had
    (a conflict shows them as "before both changes").
    """

    kind: str
    id: str
    op: str  # "upsert" | "delete"
    fields: dict[str, Any] = field(default_factory=dict)
    base_version: int = 0
    previous: dict[str, Any] = field(default_factory=dict)
