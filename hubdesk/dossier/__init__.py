"""Printable dossiers: DTOs in, PDF out (reportlab, fonts embedded, fr/nl/en and bilingual fr-nl)."""

from hubdesk.dossier.builder import LAYOUTS, build_dossier
from hubdesk.dossier.data import (
    AdvisorContact,
    AttachmentLine,
    DossierData,
    EnterpriseIdentity,
    TaskLine,
    VisitLine,
)

__all__ = [
    "LAYOUTS",
    "AdvisorContact",
    "AttachmentLine",
    "DossierData",
    "EnterpriseIdentity",
    "TaskLine",
    "VisitLine",
    "build_dossier",
]
