"""The permit rule set: which permits the answers call for, who issues them, the procedure and dated deadlines.

Everything procedural lives in the definition's `parameters.permits` list, so a
corrected deadline or a new case ships as data. Each entry names a permit type of
the reference data, a condition, the issuer (first matching choice, optionally with
the commune of an address answer), a procedure text and its deadlines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hubdesk.domain.reference import is_confirmed
from hubdesk.forms.definition import localized
from hubdesk.forms.expressions import commune_nis
from hubdesk.forms.rules import Outcome, RuleInput, timeline
from hubdesk.forms.summary import PermitNeeded
from hubdesk.kernel.i18n import N_


def _reference_permit(rule_input: RuleInput, permit_id: str) -> Mapping[str, Any] | None:
    try:
        return rule_input.context.reference.permit_type(permit_id)
    except KeyError:
        return None


def _issuer(entry: Mapping[str, Any], data: Mapping[str, Any] | None, rule_input: RuleInput) -> str:
    for choice in entry.get("issuers", ()):
        if not rule_input.holds(choice.get("when")):
            continue
        if "from_permit" in choice:
            source = _reference_permit(rule_input, str(choice["from_permit"])) or {}
            issuer = localized(source.get("issuer"), rule_input.language)
        else:
            issuer = rule_input.text(choice.get("text"))
        commune_field = choice.get("commune_of")
        if commune_field:
            nis = commune_nis(rule_input.evaluated.scope, rule_input.values.get(commune_field))
            if nis:
                commune = rule_input.context.reference.commune_by_nis(nis).name(rule_input.language)
                issuer = rule_input.tr(N_("{issuer}: {commune}"), issuer=issuer, commune=commune)
        return issuer
    return localized(data.get("issuer"), rule_input.language) if data else ""


def permits(rule_input: RuleInput) -> Outcome:
    outcome = Outcome()
    params = rule_input.params
    for entry in params.get("permits", ()):
        if not rule_input.holds(entry.get("when")):
            continue
        permit_id = str(entry["permit"])
        data = _reference_permit(rule_input, permit_id)
        confirmed = (
            data is not None
            and is_confirmed(data.get("verification"))
            and is_confirmed(entry.get("verification", "verified"))
        )
        if "name" in entry:
            name = rule_input.text(entry["name"])
        else:
            name = localized(data.get("labels"), rule_input.language) if data else permit_id
        outcome.permits.append(
            PermitNeeded(
                name=name,
                issuer=_issuer(entry, data, rule_input),
                procedure=rule_input.text(entry.get("procedure")),
                to_be_confirmed=not confirmed,
            )
        )
        outcome.timeline += timeline(
            entry.get("deadlines", ()), rule_input, confirmed=confirmed, default_from=params.get("deadlines_from")
        )
    if not outcome.permits and "none_needed" in params:
        outcome.notices.append(rule_input.text(params["none_needed"]))
    return outcome
