"""Names people read for the fields of records, as conflicts and refused changes show them."""

from __future__ import annotations

from hubdesk.kernel.i18n import N_, _

# The field a delete-against-edit conflict names (hubdesk.sync.protocol.DELETED_FIELD, written
# out: importing the wire models here would load pydantic before the window shows).
DELETED_FIELD = "_deleted"

_COMMON = {
    "name": N_("Name"),
    "title": N_("Title"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "status": N_("Status"),
    "account_manager": N_("Account manager"),
    "due_on": N_("Due"),
    "author": N_("Author"),
    "case_id": N_("Case"),
    "enterprise_id": N_("Enterprise"),
    DELETED_FIELD: N_("Deletion"),
}

_BY_ENTITY = {
    "enterprise": {
        "number": N_("Enterprise number"),
        "legal_form": N_("Legal form"),
        "nace_codes": N_("NACE codes"),
        "sector": N_("Sector"),
        "street": N_("Street and number"),
        "postal_code": N_("Postal code"),
        "commune_nis": N_("Commune"),
        "city": N_("City"),
        "country": N_("Country"),
        "language": N_("Language"),
        "vat_number": N_("VAT number"),
        "iban": N_("IBAN"),
        "headcount": N_("Headcount (annual work units)"),
        "turnover_eur": N_("Turnover (€)"),
        "balance_sheet_eur": N_("Balance sheet total (€)"),
        "related": N_("Linked enterprises"),
    },
    "contact": {"role": N_("Role")},
    "case": {
        "reference": N_("Reference"),
        "kind": N_("Kind"),
        "commune_nis": N_("Commune"),
        "attache_post": N_("Attaché post"),
        "opened_on": N_("Opened on"),
        "closed_on": N_("Closed on"),
    },
    "visit": {
        "occurred_at": N_("When"),
        "channel": N_("Channel"),
        "place": N_("Place"),
        "notes": N_("Notes"),
    },
    "task": {"done": N_("Done"), "done_on": N_("Done on")},
    "attachment": {"media_type": N_("Type"), "size": N_("Size")},
    "form_answers": {"answers": N_("Answers"), "form_id": N_("Form"), "form_version": N_("Form version")},
}


def field_label(entity: str, field: str) -> str:
    """The translated name of `field` of a record of kind `entity`; several fields joined with commas.

    A field without a name of its own (added by a newer release) shows as written, so a
    conflict on it can still be decided.
    """
    names = [name.strip() for name in field.split(",") if name.strip()]
    return ", ".join(_label_of(entity, name) for name in names) or field


def _label_of(entity: str, name: str) -> str:
    label = _BY_ENTITY.get(entity, {}).get(name) or _COMMON.get(name)
    return _(label) if label else name
