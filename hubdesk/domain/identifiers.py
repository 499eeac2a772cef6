"""Belgian and international identifiers: normalise, check and format what users type.

Each `normalize_*` takes free text as typed (spaces, dots, prefixes) and returns the
stored form, or raises a translated `ValidationError` naming the field.
"""

from __future__ import annotations

import re

import phonenumbers
from stdnum import iban as std_iban
from stdnum.be import vat as be_vat
from stdnum.exceptions import ValidationError as StdnumError

from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_

_SEPARATORS = re.compile(r"[\s./\-]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")


def normalize_enterprise_number(text: str, *, field: str = "number") -> str:
    """The 10-digit enterprise number (CBE/KBO) from any usual spelling, checked.

    Accepts `0403.019.261`, `BE 0403 019 261`, `403019261` (legacy 9 digits). The
    first digit must be 0 or 1 (Royal Decree of 24 June 2003); the last two digits
    are the mod-97 check of the first eight.
    """
    compact = _SEPARATORS.sub("", text.strip().upper().replace("(0)", "0"))
    if compact.startswith("BE"):
        compact = compact[2:]
    if len(compact) == 9 and compact.isdigit():
        compact = "0" + compact
    if not (len(compact) == 10 and compact.isdigit()):
        raise ValidationError(
            N_("An enterprise number has 10 digits, like 0403.019.261 (got “{value}”)."),
            field=field,
            value=text,
        )
    if compact[0] not in "01":
        raise ValidationError(N_("An enterprise number starts with 0 or 1 (got “{value}”)."), field=field, value=text)
    if (int(compact[:8]) + int(compact[8:])) % 97 != 0:
        raise ValidationError(
            N_("The enterprise number {value} is not valid: its check digits do not match."),
            field=field,
            value=format_enterprise_number(compact),
        )
    return compact


def format_enterprise_number(number: str) -> str:
    """`0403019261` → `0403.019.261` (the way it is printed)."""
    if len(number) != 10:
        return number
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


def normalize_vat(text: str, *, field: str = "vat_number") -> str:
    """A Belgian VAT number `BE0403019261` from `BE 0403.019.261` or the bare number."""
    compact = _SEPARATORS.sub("", text.strip().upper())
    if not compact.startswith("BE"):
        if compact[:2].isalpha():
            raise ValidationError(
                N_("Only Belgian VAT numbers (BE followed by 10 digits) are accepted (got “{value}”)."),
                field=field,
                value=text,
            )
        compact = "BE" + compact
    try:
        number = normalize_enterprise_number(compact[2:], field=field)
    except ValidationError:
        raise ValidationError(
            N_("The VAT number “{value}” is not valid: BE followed by a valid enterprise number."),
            field=field,
            value=text,
        ) from None
    if not be_vat.is_valid(number):
        raise ValidationError(N_("The VAT number “{value}” is not valid."), field=field, value=text)
    return "BE" + number


def normalize_iban(text: str, *, field: str = "iban") -> str:
    """A compact IBAN (`BE68539007547034`), any country, checked with its national rules.

    Belgian IBANs get the national mod-97 check but not python-stdnum's bank-code list:
    that list ages between releases and must never stop an advisor from recording a
    real account (the reference's own test value BE68 5390 0754 7034 is not in it).
    """
    compact = re.sub(r"\s", "", text.strip().upper())
    try:
        compact = str(std_iban.validate(compact, check_country=False))
        if compact.startswith("BE"):
            _check_belgian_bban(compact[4:])
        else:
            compact = str(std_iban.validate(compact, check_country=True))
    except (StdnumError, ValueError):
        raise ValidationError(
            N_("The IBAN “{value}” is not valid: check the digits and the bank code."),
            field=field,
            value=text,
        ) from None
    return compact


def _check_belgian_bban(bban: str) -> None:
    if len(bban) != 12 or not bban.isdigit():
        raise ValueError(bban)
    remainder = int(bban[:10]) % 97 or 97
    if remainder != int(bban[10:]):
        raise ValueError(bban)


def format_iban(iban: str) -> str:
    """`BE68539007547034` → `BE68 5390 0754 7034`."""
    return str(std_iban.format(iban))


def normalize_phone(text: str, *, region: str = "BE", field: str = "phone") -> str:
    """A phone number in E.164 (`+3224220020`); national numbers are read as Belgian."""
    try:
        parsed = phonenumbers.parse(text.strip(), region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            N_("The phone number “{value}” is not valid (for example 02 422 00 20 or +32 470 12 34 56)."),
            field=field,
            value=text,
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Display form: national for Belgian numbers (`02 123 45 67`), international otherwise."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == 32
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, style)


def normalize_email(text: str, *, field: str = "email") -> str:
    """An e-mail address, trimmed, with its domain in lower case."""
    value = text.strip()
    if not _EMAIL.match(value):
        raise ValidationError(N_("The e-mail address “{value}” is not valid."), field=field, value=text)
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normalize_postal_code(text: str, *, field: str = "postal_code") -> str:
    """A Belgian postal code: four digits, `B-1000` and `1000 Bruxelles` accepted."""
    match = re.fullmatch(r"(?:B-?)?\s*(\d{4})(?:\s+.*)?", text.strip().upper())
    if not match or match.group(1)[0] == "0":
        raise ValidationError(
            N_("A Belgian postal code has four digits, like 1000 (got “{value}”)."), field=field, value=text
        )
    return match.group(1)


def normalize_nace(text: str, *, field: str = "nace") -> str:
    """A NACE-BEL code `NN.NNN` (or a NACE class `NN.NN`) from digits with or without the dot."""
    digits = re.sub(r"[\s.]", "", text.strip())
    if not digits.isdigit() or len(digits) not in (4, 5):
        raise ValidationError(N_("A NACE-BEL code has 5 digits, like 47.716 (got “{value}”)."), field=field, value=text)
    return f"{digits[:2]}.{digits[2:]}"
