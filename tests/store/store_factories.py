"""Realistic entities for the store tests (valid enterprise numbers, accented names)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hubdesk.domain.entities import (
    Address,
    Case,
    CaseKind,
    CaseStatus,
    Enterprise,
    Language,
    NaceCode,
    RelatedEnterprise,
    Relation,
    SizeFigures,
)
from hubdesk.kernel.ids import new_id


def enterprise_number(seed: int) -> str:
    """A valid 10-digit enterprise number (first digit 0, mod-97 check)."""
    body = 2_000_000 + seed
    return f"0{body:07d}{97 - (body % 97):02d}"


def make_enterprise(**changes: object) -> Enterprise:
    base = Enterprise(
        id=new_id(),
        number="0403019261",
        name="Boulangerie Lefèvre",
        legal_form="SRL",
        nace_codes=(NaceCode("47.240", "2025"),),
        sector="retail",
        address=Address("Rue Haute 12", "1000", "21004", "Bruxelles"),
        language=Language.FR,
        vat_number="BE0403019261",
        iban="BE71096123456769",
        phone="+3224220020",
        figures=SizeFigures(Decimal("4.5"), Decimal("350000.00"), None),
        related=(RelatedEnterprise("Holding", Relation.LINKED, Decimal(60), SizeFigures(Decimal(2))),),
        account_manager="a.dubois",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def make_case(owner: Enterprise, reference: str = "HD-2026-AAAA-0001", **changes: object) -> Case:
    base = Case(
        id=new_id(),
        reference=reference,
        enterprise_id=owner.id,
        title="Terrasse été",
        kind=CaseKind.PERMIT_ASSISTANCE,
        status=CaseStatus.NEW,
        account_manager="a.dubois",
        commune_nis="21004",
        opened_on=date(2026, 3, 1),
        due_on=date(2026, 6, 1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]
