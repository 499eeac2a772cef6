"""The tables of the local workspace database, as typed SQLAlchemy declarative models.

Every record table has an integer `rid` (declared INTEGER PRIMARY KEY, so it is the
SQLite rowid and stays stable through VACUUM) that the full-text index points at, and
the client-made UUIDv7 `id` (unique) that the rest of HubDesk knows. Dates and times
are ISO text in UTC so they sort as text; Decimals (headcount, money) are decimal text
so nothing is rounded; nested values (NACE codes, related enterprises, form answers)
are JSON text. These models describe the schema at head; the migrations freeze the DDL
of each released revision, and a test checks that both agree.

Nothing outside `hubdesk.store` ever sees these classes: readers hand out domain
entities and frozen row DTOs (`hubdesk.store.dto`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class RecordMixin:
    """Columns every synchronised record has."""

    rid: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[str | None] = mapped_column(String(32))


class EnterpriseModel(RecordMixin, Base):
    __tablename__ = "enterprise"
    number: Mapped[str] = mapped_column(String(10), index=True)
    name: Mapped[str] = mapped_column(Text)
    legal_form: Mapped[str] = mapped_column(Text, default="")
    nace_codes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {code, version}
    sector: Mapped[str | None] = mapped_column(String(64))
    street: Mapped[str] = mapped_column(Text, default="")
    postal_code: Mapped[str] = mapped_column(String(8), default="")
    commune_nis: Mapped[str | None] = mapped_column(String(8), index=True)
    city: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(2), default="BE")
    language: Mapped[str] = mapped_column(String(2), default="fr")
    vat_number: Mapped[str | None] = mapped_column(String(16))
    iban: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(20))
    headcount: Mapped[str | None] = mapped_column(String(24))  # Decimal as text
    turnover_eur: Mapped[str | None] = mapped_column(String(24))  # Decimal as text
    balance_sheet_eur: Mapped[str | None] = mapped_column(String(24))  # Decimal as text
    related: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of related enterprises
    account_manager: Mapped[str | None] = mapped_column(String(64), index=True)
    # By name, carrying what a case list sorted by enterprise name or filtered by sector needs.
    __table_args__ = (
        Index("ix_enterprise_name_id_sector", "name", "id", "sector", unique=True),  # unique: id is
        Index("ix_enterprise_sector_id", "sector", "id"),
        Index("ix_enterprise_id_name", "id", "name"),
    )


class ContactModel(RecordMixin, Base):
    __tablename__ = "contact"
    enterprise_id: Mapped[str] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(Text)


# Case columns a list can filter on; the list indexes carry them all (see CaseModel).
CASE_FILTER_COLUMNS = ("status", "kind", "commune_nis", "account_manager", "attache_post", "enterprise_id")


def _list_index(name: str, *leading: Any) -> Index:
    """An index on `leading` then `rid` (so it yields rows in list order), carrying every filter column after."""
    names = {column for column in leading if isinstance(column, str)}
    return Index(name, *leading, "rid", *(c for c in CASE_FILTER_COLUMNS if c not in names))


class CaseModel(RecordMixin, Base):
    """Cases, with the indexes that keep a filtered, sorted first page of 200 under 20 ms at 100,000 cases.

    A list orders by `<sort key>, rid`; each list index holds exactly those columns first,
    so it hands rows out in list order and the page stops after 200 matches. Every list
    index also carries every filter column after them, so SQLite checks the filters
    inside the index and reads a table row only for a case that is shown (index-only
    scans). Indexes that lead with a filter column serve filters that match few cases.
    """

    __tablename__ = "case"
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    enterprise_id: Mapped[str] = mapped_column(ForeignKey("enterprise.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    account_manager: Mapped[str | None] = mapped_column(String(64))
    commune_nis: Mapped[str | None] = mapped_column(String(8))
    attache_post: Mapped[str | None] = mapped_column(String(64))
    opened_on: Mapped[str | None] = mapped_column(String(10))
    due_on: Mapped[str | None] = mapped_column(String(10))
    closed_on: Mapped[str | None] = mapped_column(String(10))
    __table_args__ = (
        # sort keys
        _list_index("ix_case_list_updated_at", "updated_at"),
        _list_index("ix_case_list_due_on", "due_on"),
        _list_index("ix_case_list_due_on_nulls_last", text("(due_on IS NULL)"), "due_on"),
        _list_index("ix_case_list_title", "title"),
        _list_index("ix_case_list_reference", "reference"),
        _list_index("ix_case_list_status", "status", "updated_at"),
        _list_index("ix_case_list_kind", "kind", "updated_at"),
        # filters (and the enterprise link: foreign key, cases of an enterprise, sort by its name)
        _list_index("ix_case_list_enterprise_id", "enterprise_id"),
        _list_index("ix_case_list_commune_nis", "commune_nis", "updated_at"),
        _list_index("ix_case_list_account_manager", "account_manager", "updated_at"),
        _list_index("ix_case_list_attache_post", "attache_post", "updated_at"),
    )


class StatusChangeModel(RecordMixin, Base):
    __tablename__ = "status_change"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    changed_at: Mapped[str] = mapped_column(String(32))
    author: Mapped[str | None] = mapped_column(String(64))


class VisitModel(RecordMixin, Base):
    __tablename__ = "visit"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    occurred_at: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(64))


class TaskModel(RecordMixin, Base):
    __tablename__ = "task"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    due_on: Mapped[str | None] = mapped_column(String(10))
    done: Mapped[bool] = mapped_column(default=False)
    done_on: Mapped[str | None] = mapped_column(String(10))
    __table_args__ = (Index("ix_task_done_due_on", "done", "due_on"),)


class AttachmentModel(RecordMixin, Base):
    __tablename__ = "attachment"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    added_at: Mapped[str | None] = mapped_column(String(32))


class FormAnswersModel(RecordMixin, Base):
    __tablename__ = "form_answers"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON object keyed by field id
    status: Mapped[str] = mapped_column(String(16), default="draft")


class SettingModel(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SequenceModel(Base):
    __tablename__ = "sequence"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


# Sync support: generic tables the client sync engine (hubdesk.sync) fills and reads.
# The store only guarantees they exist and that listeners write them inside the
# edit's own transaction.


class OutboxModel(Base):
    __tablename__ = "outbox"
    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_seq: Mapped[int] = mapped_column(Integer, unique=True)
    group_id: Mapped[str | None] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[str] = mapped_column(String(32))
    __table_args__ = (Index("ix_outbox_entity_record_id", "entity", "record_id"),)


class SyncStateModel(Base):
    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class FieldClockModel(Base):
    __tablename__ = "field_clock"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(64))


class RecordMetaModel(Base):
    __tablename__ = "record_meta"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    server_version: Mapped[int] = mapped_column(Integer, default=0)
    scope_keys: Mapped[str] = mapped_column(Text, default="[]")  # JSON list


class ConflictModel(Base):
    __tablename__ = "conflict"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    base: Mapped[str | None] = mapped_column(Text)  # JSON
    mine: Mapped[str | None] = mapped_column(Text)  # JSON
    theirs: Mapped[str | None] = mapped_column(Text)  # JSON
    authors: Mapped[str | None] = mapped_column(Text)  # JSON
    clocks: Mapped[str | None] = mapped_column(Text)  # JSON
    created_at: Mapped[str] = mapped_column(String(32))
    resolved_at: Mapped[str | None] = mapped_column(String(32))
    resolution: Mapped[str | None] = mapped_column(Text)  # JSON
    version: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (Index("ix_conflict_entity_record_id", "entity", "record_id"),)
