"""The subsidy rule set: eligibility with its reasons, and the aid estimated from the reference rates.

Checks, in order: SME status (EU Rec. 2003/361, linked enterprises counted in full
and partners pro rata), an establishment unit in the Brussels-Capital Region, the
sector, "apply before committing the expense" against the dates entered, then the
scheme's own conditions and minimum costs. Rates, ceilings and minimums come from the
definition's parameters, each carrying the verification of the reference fact it
copies; anything not `verified` makes the estimate "to be confirmed".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.numbers import format_percent

from hubdesk.domain.entities import RelatedEnterprise, Relation, SizeFigures, SmeClass
from hubdesk.domain.reference import is_confirmed
from hubdesk.domain.sme import aggregate_figures, sme_class
from hubdesk.forms.definition import localized
from hubdesk.forms.expressions import Scope, as_date, in_brussels, number
from hubdesk.forms.rules import Outcome, RuleInput
from hubdesk.forms.summary import AidEstimate
from hubdesk.kernel.formatting import format_day, format_number, locale_of
from hubdesk.kernel.i18n import N_

SIZE_NAMES: Mapping[SmeClass, str] = {
    SmeClass.MICRO: N_("micro enterprise"),
    SmeClass.SMALL: N_("small enterprise"),
    SmeClass.MEDIUM: N_("medium-sized enterprise"),
    SmeClass.LARGE: N_("large enterprise"),
}
CENT = Decimal("0.01")


@dataclass
class _Verdict:
    """Eligibility so far: True until a rule fails (False) or cannot be checked yet (None)."""

    rule_input: RuleInput
    eligible: bool | None = True
    reasons: list[str] = field(default_factory=list)

    def ok(self, text: str) -> None:
        self.reasons.append(text)

    def fail(self, text: str) -> None:
        self.eligible = False
        self.reasons.append(text)

    def unknown(self, text: str) -> None:
        if self.eligible:
            self.eligible = None
        self.reasons.append(text)

    def fail_or_unknown(self, text: str, verification: Any) -> None:
        """A failed rule decides only when its source is verified; otherwise it is to be confirmed."""
        if is_confirmed(verification if isinstance(verification, str) else "verified"):
            self.fail(text)
        else:
            self.unknown("{} ({})".format(text, self.rule_input.tr(N_("to be confirmed"))))


def _size(values: Mapping[str, Any]) -> SizeFigures:
    return SizeFigures(
        number(values.get("headcount")), number(values.get("turnover")), number(values.get("balance_sheet"))
    )


def _figures(values: Mapping[str, Any], rule_input: RuleInput) -> tuple[SizeFigures, tuple[RelatedEnterprise, ...]]:
    own = _size(values)
    enterprise = rule_input.context.enterprise
    if own == SizeFigures() and enterprise is not None:
        return enterprise.figures, enterprise.related
    related = []
    rows = values.get("related")
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, Mapping):
            continue
        try:
            relation = Relation(str(row.get("relation")))
        except ValueError:
            continue
        related.append(
            RelatedEnterprise(
                str(row.get("name", "")),
                relation,
                number(row.get("share")) or Decimal(0),
                _size(row),
            )
        )
    return own, tuple(related)


def _check_sme(verdict: _Verdict, rule_input: RuleInput) -> SmeClass | None:
    own, related = _figures(rule_input.values, rule_input)
    total = aggregate_figures(own, related)
    size = sme_class(total)
    if not rule_input.params.get("requires_sme", True):
        return size
    if size is None:
        verdict.unknown(
            rule_input.tr(
                N_("SME status cannot be checked yet: enter the headcount and the turnover or balance-sheet total.")
            )
        )
    elif size is SmeClass.LARGE:
        verdict.fail(rule_input.tr(N_("The enterprise is not an SME once linked and partner enterprises are counted.")))
    elif related:
        verdict.ok(
            rule_input.tr(
                N_("SME status met: {size} with linked and partner enterprises counted ({headcount} AWU)."),
                size=rule_input.tr(SIZE_NAMES[size]),
                headcount=format_number(total.headcount or Decimal(0), rule_input.language),
            )
        )
    else:
        verdict.ok(rule_input.tr(N_("SME status met: {size}."), size=rule_input.tr(SIZE_NAMES[size])))
    return size


def _check_establishment(verdict: _Verdict, rule_input: RuleInput, scope: Scope) -> None:
    if not rule_input.params.get("requires_brussels_seat", True):
        return
    seat: Any = rule_input.values.get("establishment_postal_code")
    enterprise = rule_input.context.enterprise
    if not seat and enterprise is not None and enterprise.address.postal_code:
        seat = {"postal_code": enterprise.address.postal_code, "commune_nis": enterprise.address.commune_nis}
    located = in_brussels(scope, seat)
    if located is None:
        verdict.unknown(rule_input.tr(N_("The establishment unit is not known yet: enter its postal code.")))
    elif located:
        verdict.ok(rule_input.tr(N_("Establishment unit in the Brussels-Capital Region.")))
    else:
        verdict.fail(rule_input.tr(N_("The establishment unit must be in the Brussels-Capital Region.")))


def _check_sector(verdict: _Verdict, rule_input: RuleInput) -> None:
    if rule_input.params.get("sector_check", True):
        verdict.ok(
            rule_input.tr(
                N_("Sector: the administration checks it against its list of eligible NACE codes (to be confirmed).")
            )
        )


def _check_dates(verdict: _Verdict, rule_input: RuleInput) -> None:
    """The request must come before any commitment (an order form signed, a mission started).

    `apply_before_expense` is true when the reference states the rule (verified), or the
    verification of a weaker source ("partial", "unverified"): a breach then only makes
    eligibility "to be confirmed".
    """
    rule = rule_input.params.get("apply_before_expense", False)
    if not rule:
        return
    verification = "verified" if rule is True else str(rule)
    applied = as_date(rule_input.values.get(rule_input.params.get("application_field", "application_on")))
    committed = as_date(rule_input.values.get(rule_input.params.get("expense_field", "expense_committed_on")))

    def day(value: date) -> str:
        return format_day(value, rule_input.language)

    if committed is not None and applied is not None:
        if committed <= applied:
            message = N_(
                "The expense was committed on {committed}, not after the application of {applied}: "
                "the aid must be requested first."
            )
            verdict.fail_or_unknown(
                rule_input.tr(message, committed=day(committed), applied=day(applied)), verification
            )
        else:
            message = N_("The application ({applied}) comes before the expense is committed ({committed}).")
            verdict.ok(rule_input.tr(message, applied=day(applied), committed=day(committed)))
    elif committed is not None:
        if committed <= rule_input.context.today:
            message = N_(
                "The expense was already committed on {committed}, before any application: "
                "the aid must be requested first."
            )
            verdict.fail_or_unknown(rule_input.tr(message, committed=day(committed)), verification)
        else:
            message = N_("File the application before {committed}, when the expense is committed.")
            verdict.unknown(rule_input.tr(message, committed=day(committed)))
    elif applied is not None:
        message = N_("Commit no expense (no signed order form) before the application of {applied}.")
        verdict.ok(rule_input.tr(message, applied=day(applied)))
    elif is_confirmed(verification):
        verdict.unknown(
            rule_input.tr(N_("Enter the application and commitment dates to check that the request comes first."))
        )
    else:
        message = N_("Whether the request must come before the expenses is to be confirmed with the administration.")
        verdict.ok(rule_input.tr(message))


def _check_conditions(verdict: _Verdict, rule_input: RuleInput, scope: Scope) -> None:
    for condition in rule_input.params.get("conditions", ()):
        if condition.get("unknown_if") and rule_input.holds(condition["unknown_if"], scope):
            verdict.unknown(rule_input.text(condition.get("unknown")))
        elif not rule_input.holds(condition["expression"], scope):
            verdict.fail_or_unknown(rule_input.text(condition.get("fail")), condition.get("verification", "verified"))
        elif "met" in condition:
            verdict.ok(rule_input.text(condition["met"]))


def _first(entries: Sequence[Mapping[str, Any]], rule_input: RuleInput, scope: Scope) -> Mapping[str, Any] | None:
    return next((entry for entry in entries if rule_input.holds(entry.get("when"), scope)), None)


def _percent(value: Decimal, rule_input: RuleInput) -> str:
    return str(format_percent(value / 100, locale=locale_of(rule_input.language), decimal_quantization=False))


def _rate_text(rate: Mapping[str, Any], rule_input: RuleInput) -> str:
    high = Decimal(str(rate["max"]))
    if "min" in rate and Decimal(str(rate["min"])) != high:
        text = rule_input.tr(
            N_("{low} to {high} of eligible costs"),
            low=_percent(Decimal(str(rate["min"])), rule_input),
            high=_percent(high, rule_input),
        )
    elif rate.get("up_to"):
        text = rule_input.tr(N_("up to {rate} of eligible costs"), rate=_percent(high, rule_input))
    else:
        text = rule_input.tr(N_("{rate} of eligible costs"), rate=_percent(high, rule_input))
    basis = rule_input.text(rate.get("basis"))
    return f"{text} ({basis})" if basis else text


def subsidy(rule_input: RuleInput) -> Outcome:
    """Eligibility and estimate for one aid scheme (a variant answer may pick another scheme)."""
    params = dict(rule_input.params)
    variant = params.get("variants", {}).get(str(rule_input.values.get(params.get("variant_from", ""))))
    if variant:
        params.update(variant)
    rule_input = replace(rule_input, parameters=params)
    try:
        scheme: Mapping[str, Any] = rule_input.context.reference.subsidy_scheme(str(params["scheme"]))
    except KeyError:
        scheme = {}
    verdict = _Verdict(rule_input)
    size = _check_sme(verdict, rule_input)
    scope = rule_input.scope(sme_size=size.value if size else None)
    _check_establishment(verdict, rule_input, scope)
    _check_sector(verdict, rule_input)
    _check_dates(verdict, rule_input)
    _check_conditions(verdict, rule_input, scope)

    confirmed = is_confirmed(scheme.get("verification"))
    costs = number(rule_input.values.get(params.get("costs_field", "eligible_costs")))
    minimum = _first(params.get("minimum_costs", ()), rule_input, scope)
    if minimum is not None and costs is not None and costs < Decimal(str(minimum["eur"])):
        verdict.fail_or_unknown(
            rule_input.tr(
                N_("The costs are below the minimum of {amount} ({basis})."),
                amount=rule_input.money(Decimal(str(minimum["eur"]))),
                basis=rule_input.text(minimum.get("basis")),
            ),
            minimum.get("verification"),
        )

    rate = _first(params.get("rates", ()), rule_input, scope)
    amount = amount_min = ceiling = None
    rate_text = ""
    if rate is None:
        verdict.reasons.append(rule_input.tr(N_("The rate depends on answers still missing (such as the SME size).")))
        confirmed = False
    else:
        confirmed = confirmed and is_confirmed(rate.get("verification", "verified"))
        rate_text = _rate_text(rate, rule_input)
        if costs is not None:
            amount = (costs * Decimal(str(rate["max"])) / 100).quantize(CENT, ROUND_HALF_UP)
            if "min" in rate and Decimal(str(rate["min"])) != Decimal(str(rate["max"])):
                amount_min = (costs * Decimal(str(rate["min"])) / 100).quantize(CENT, ROUND_HALF_UP)
    for cap in params.get("ceilings", ()):
        if not rule_input.holds(cap.get("when"), scope):
            continue
        limit = Decimal(str(cap["eur"]))
        ceiling = limit if ceiling is None else min(ceiling, limit)
        confirmed = confirmed and is_confirmed(cap.get("verification", "verified"))
        if amount is not None and amount > limit:
            amount = limit
            amount_min = min(amount_min, limit) if amount_min is not None else None
            verdict.reasons.append(
                rule_input.tr(
                    N_("Capped at the ceiling of {ceiling} ({basis})."),
                    ceiling=rule_input.money(limit),
                    basis=rule_input.text(cap.get("basis")),
                )
            )
    outcome = Outcome()
    suspension = params.get("suspended")
    if suspension:
        outcome.notices.append(rule_input.text(suspension.get("notice")))
    outcome.aid.append(
        AidEstimate(
            scheme=localized(scheme.get("labels"), rule_input.language) or str(params["scheme"]),
            eligible=verdict.eligible,
            amount_eur=amount,
            rate=rate_text,
            amount_min_eur=amount_min,
            ceiling_eur=ceiling,
            reasons=tuple(verdict.reasons),
            to_be_confirmed=not confirmed,
            suspended=bool(suspension),
        )
    )
    return outcome
