"""What a dossier prints: plain values gathered by the services, laid out by the builder.

Texts are already in the dossier's language; for the bilingual fr-nl layout the services
join French and Dutch as `Fr / Nl` where they differ (kind, status, channel, SME size),
and `summaries` holds each form's summary in French and in Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from hubdesk.forms.summary import PrintableSummary


@dataclass(frozen=True)
class EnterpriseIdentity:
    name: str
    number: str  # formatted, 0403.019.261
    legal_form: str = ""
    address: str = ""
    vat_number: str = ""
    phone: str = ""
    email: str = ""
    sme_class: str = ""  # already in the dossier's language


@dataclass(frozen=True)
class AdvisorContact:
    name: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class VisitLine:
    occurred_at: datetime
    channel: str  # translated
    place: str
    notes: str


@dataclass(frozen=True)
class TaskLine:
    title: str
    due_on: date | None


@dataclass(frozen=True)
class AttachmentLine:
    name: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class DossierData:
    """Everything one dossier shows; `summaries` maps each language of the layout to one summary per form.

    `version` counts the saved revisions of the case and everything on it (footer and QR code);
    `printed_at` (None: now) dates the print, decides what is overdue, and makes the PDF
    reproducible when given.
    """

    reference: str
    title: str
    kind: str  # translated
    status: str  # translated
    enterprise: EnterpriseIdentity
    advisor: AdvisorContact
    opened_on: date | None = None
    due_on: date | None = None
    commune: str = ""
    situation: str = ""
    summaries: dict[str, tuple[PrintableSummary, ...]] = field(default_factory=dict)  # language -> forms
    visits: tuple[VisitLine, ...] = ()
    open_tasks: tuple[TaskLine, ...] = ()
    attachments: tuple[AttachmentLine, ...] = ()
    version: int = 1
    printed_at: datetime | None = None
