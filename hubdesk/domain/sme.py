"""SME size class (EU Recommendation 2003/361) with linked and partner enterprises aggregated."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hubdesk.domain.entities import Enterprise, RelatedEnterprise, Relation, SizeFigures, SmeClass

# (class, headcount strictly below, turnover at most, balance sheet at most) — Annex art. 2.
# The same figures are in the reference data (`sme_thresholds`, verified); a test checks both agree.
THRESHOLDS: tuple[tuple[SmeClass, Decimal, Decimal, Decimal], ...] = (
    (SmeClass.MICRO, Decimal(10), Decimal(2_000_000), Decimal(2_000_000)),
    (SmeClass.SMALL, Decimal(50), Decimal(10_000_000), Decimal(10_000_000)),
    (SmeClass.MEDIUM, Decimal(250), Decimal(50_000_000), Decimal(43_000_000)),
)


def _add(total: Decimal | None, part: Decimal | None, share: Decimal) -> Decimal | None:
    if total is None or part is None:
        return None
    return total + part * share


def aggregate_figures(own: SizeFigures, related: Sequence[RelatedEnterprise]) -> SizeFigures:
    """Own figures plus 100 % of linked enterprises and the held share of partner enterprises.

    A figure stays unknown (None) when any enterprise that counts toward it lacks it:
    guessing it would misclassify the enterprise.
    """
    headcount, turnover, balance = own.headcount, own.turnover_eur, own.balance_sheet_eur
    for other in related:
        share = Decimal(1) if other.relation is Relation.LINKED else other.share_percent / Decimal(100)
        headcount = _add(headcount, other.figures.headcount, share)
        turnover = _add(turnover, other.figures.turnover_eur, share)
        balance = _add(balance, other.figures.balance_sheet_eur, share)
    return SizeFigures(headcount=headcount, turnover_eur=turnover, balance_sheet_eur=balance)


def sme_class(figures: SizeFigures) -> SmeClass | None:
    """The size class; None while the headcount or both money figures are unknown.

    Rule: headcount below the ceiling AND (turnover OR balance sheet within its ceiling).
    """
    if figures.headcount is None:
        return None
    if figures.turnover_eur is None and figures.balance_sheet_eur is None:
        return None
    for size, max_headcount, max_turnover, max_balance in THRESHOLDS:
        if figures.headcount >= max_headcount:
            continue
        turnover_ok = figures.turnover_eur is not None and figures.turnover_eur <= max_turnover
        balance_ok = figures.balance_sheet_eur is not None and figures.balance_sheet_eur <= max_balance
        if turnover_ok or balance_ok:
            return size
        if figures.turnover_eur is None or figures.balance_sheet_eur is None:
            # One money figure known and above: the other might still qualify.
            return None
    return SmeClass.LARGE


def enterprise_sme_class(enterprise: Enterprise) -> SmeClass | None:
    return sme_class(aggregate_figures(enterprise.figures, enterprise.related))


def is_sme(size: SmeClass | None) -> bool | None:
    return None if size is None else size is not SmeClass.LARGE
