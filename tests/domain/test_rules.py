"""SME classes at each threshold, communes and shared postal codes, the status workflow, references."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hubdesk.domain.entities import CaseStatus, RelatedEnterprise, Relation, SizeFigures, SmeClass
from hubdesk.domain.reference import is_confirmed, load_reference_data
from hubdesk.domain.references import REFERENCE_PATTERN, device_code, make_case_reference
from hubdesk.domain.sme import THRESHOLDS, aggregate_figures, sme_class
from hubdesk.domain.workflow import ALLOWED_TRANSITIONS, allowed_next, check_transition, status_label
from hubdesk.kernel.errors import InvalidTransitionError, ValidationError
from hubdesk.kernel.i18n import set_language


def figures(headcount: int | str, turnover: int | None, balance: int | None) -> SizeFigures:
    return SizeFigures(
        headcount=Decimal(headcount),
        turnover_eur=None if turnover is None else Decimal(turnover),
        balance_sheet_eur=None if balance is None else Decimal(balance),
    )


@pytest.mark.parametrize(
    ("headcount", "turnover", "balance", "expected"),
    [
        (9, 2_000_000, 2_000_000, SmeClass.MICRO),  # exactly at the money ceilings
        (10, 2_000_000, 2_000_000, SmeClass.SMALL),  # headcount ceiling is strict
        (9, 2_000_001, 2_000_000, SmeClass.MICRO),  # balance sheet alone suffices
        (9, 2_000_001, 2_000_001, SmeClass.SMALL),
        (49, 10_000_000, 99_000_000, SmeClass.SMALL),
        (50, 10_000_000, 10_000_000, SmeClass.MEDIUM),
        (249, 50_000_000, 99_000_000, SmeClass.MEDIUM),
        (249, 99_000_000, 43_000_000, SmeClass.MEDIUM),
        (249, 50_000_001, 43_000_001, SmeClass.LARGE),
        (250, 1, 1, SmeClass.LARGE),
        ("9.5", 100_000, None, SmeClass.MICRO),
    ],
)
def test_sme_class_at_thresholds(headcount: int | str, turnover: int, balance: int | None, expected: SmeClass) -> None:
    assert sme_class(figures(headcount, turnover, balance)) is expected


def test_unknown_figures_give_no_class() -> None:
    assert sme_class(SizeFigures()) is None
    assert sme_class(figures(5, None, None)) is None
    assert sme_class(figures(5, 3_000_000, None)) is None  # the balance sheet might still qualify


def test_thresholds_agree_with_reference_data() -> None:
    categories = load_reference_data().sme_thresholds["categories"]
    for (size, headcount, turnover, balance), item in zip(THRESHOLDS, categories, strict=True):
        assert item["category"] == size.value
        assert Decimal(item["headcount_lt"]) == headcount
        assert Decimal(item["turnover_max_eur"]) == turnover
        assert Decimal(item["balance_sheet_max_eur"]) == balance


def test_linked_in_full_partner_pro_rata() -> None:
    own = figures(6, 1_000_000, 800_000)
    related = (
        RelatedEnterprise("Holding", Relation.LINKED, Decimal(60), figures(5, 500_000, 400_000)),
        RelatedEnterprise("Partner", Relation.PARTNER, Decimal(25), figures(20, 4_000_000, 4_000_000)),
    )
    total = aggregate_figures(own, related)
    assert total.headcount == Decimal(16)
    assert total.turnover_eur == Decimal(2_500_000)
    assert sme_class(total) is SmeClass.SMALL  # micro on its own, small once aggregated
    assert sme_class(own) is SmeClass.MICRO


def test_communes_and_shared_postal_codes() -> None:
    reference = load_reference_data()
    assert len(reference.communes) == 19
    assert reference.resolve_commune("1030").name("fr") == "Schaerbeek"
    assert reference.resolve_commune("1030").name("nl") == "Schaarbeek"
    for shared in ("1040", "1050"):
        assert len(reference.communes_for_postal_code(shared)) == 2
        with pytest.raises(ValidationError, match="confirm the commune"):
            reference.resolve_commune(shared)
    assert reference.resolve_commune("1050", "21004").name("nl") == "Brussel"
    with pytest.raises(ValidationError, match="does not match"):
        reference.resolve_commune("1030", "21004")
    with pytest.raises(ValidationError, match="not a Brussels postal code"):
        reference.resolve_commune("9000")


def test_ambiguity_message_in_dutch() -> None:
    set_language("nl")
    try:
        with pytest.raises(ValidationError) as caught:
            load_reference_data().resolve_commune("1040")
        assert "Etterbeek" in str(caught.value) and "bevestig" in str(caught.value)
    finally:
        set_language("en")


def test_verification_flags() -> None:
    assert is_confirmed("verified")
    assert not is_confirmed("partial") and not is_confirmed("unverified") and not is_confirmed(None)


@pytest.mark.parametrize("current", list(CaseStatus))
def test_every_status_has_a_way_forward_and_a_label(current: CaseStatus) -> None:
    assert allowed_next(current)
    assert status_label(current)


def test_transitions() -> None:
    check_transition(CaseStatus.NEW, CaseStatus.IN_PROGRESS)
    check_transition(CaseStatus.COMPLETED, CaseStatus.IN_PROGRESS)
    for current, targets in ALLOWED_TRANSITIONS.items():
        assert current not in targets
    with pytest.raises(InvalidTransitionError, match="cannot go from"):
        check_transition(CaseStatus.NEW, CaseStatus.COMPLETED)
    with pytest.raises(InvalidTransitionError):
        check_transition(CaseStatus.ABANDONED, CaseStatus.COMPLETED)


def test_case_references_differ_between_devices() -> None:
    codes = {device_code(f"device-{n}") for n in range(2000)}
    assert len(codes) > 1990  # collisions are rare
    reference = make_case_reference(device_code("a"), 2026, 42)
    assert REFERENCE_PATTERN.match(reference)
    assert reference.endswith("-0042")
    assert not set(reference[8:12]) & set("ILOU")
