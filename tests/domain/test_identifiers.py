"""Identifier rules against the reference data's own test values."""

from __future__ import annotations

import json

import pytest

from hubdesk.domain.identifiers import (
    format_enterprise_number,
    format_iban,
    format_phone,
    normalize_email,
    normalize_enterprise_number,
    normalize_iban,
    normalize_nace,
    normalize_phone,
    normalize_postal_code,
    normalize_vat,
)
from hubdesk.domain.reference import default_reference_path
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import set_language

REFERENCE = json.loads(default_reference_path().read_text(encoding="utf-8"))
NUMBER_VALUES = REFERENCE["identifiers"]["enterprise_number"]["test_values"]
IBAN_VALUES = REFERENCE["identifiers"]["iban_be"]["test_values"]


@pytest.mark.parametrize("value", NUMBER_VALUES["valid"])
def test_reference_enterprise_numbers_are_valid(value: str) -> None:
    number = normalize_enterprise_number(value)
    assert len(number) == 10 and format_enterprise_number(number) == value


@pytest.mark.parametrize("value", NUMBER_VALUES["invalid_checksum"])
def test_reference_bad_checksum_is_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="check digits"):
        normalize_enterprise_number(value)


@pytest.mark.parametrize(
    "typed", ["0403.019.261", "BE 0403 019 261", "BE0403019261", "403019261", "0403-019-261", " 0403/019/261 "]
)
def test_enterprise_number_spellings(typed: str) -> None:
    assert normalize_enterprise_number(typed) == "0403019261"


def test_first_digit_rule() -> None:
    # 2403019261 has a valid mod-97 pair after replacing the first digit? Build one that does.
    first8 = 24030192
    candidate = f"{first8:08d}{97 - first8 % 97:02d}"
    with pytest.raises(ValidationError, match="starts with 0 or 1"):
        normalize_enterprise_number(candidate)


def test_one_series_numbers_are_accepted() -> None:
    first8 = 10000000
    number = f"{first8}{97 - first8 % 97:02d}"
    assert normalize_enterprise_number(number) == number


@pytest.mark.parametrize("value", ["", "abc", "12345", "04030192610"])
def test_malformed_enterprise_numbers(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_enterprise_number(value)
    assert caught.value.field == "number"


def test_error_is_translated() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_enterprise_number("0431.150.351")
    assert "chiffres de contrôle" in caught.value.translated("fr")
    assert "controlecijfers" in caught.value.translated("nl")
    set_language("en")


def test_vat() -> None:
    assert normalize_vat("BE 0403.019.261") == "BE0403019261"
    assert normalize_vat("0403019261") == "BE0403019261"
    for bad in ["BE0431150351", "FR40303265045", "BE12"]:
        with pytest.raises(ValidationError):
            normalize_vat(bad)


@pytest.mark.parametrize("value", IBAN_VALUES["valid"])
def test_reference_ibans_are_valid(value: str) -> None:
    compact = normalize_iban(value)
    assert format_iban(compact) == value


@pytest.mark.parametrize("value", ["BE68539007547035", "BE00539007547034", "BE6853900754703", "XX00"])
def test_bad_ibans(value: str) -> None:
    with pytest.raises(ValidationError):
        normalize_iban(value)


def test_foreign_iban() -> None:
    assert normalize_iban("FR14 2004 1010 0505 0001 3M02 606") == "FR1420041010050500013M02606"


def test_phone_numbers() -> None:
    assert normalize_phone("02 422 00 20") == "+3224220020"
    assert normalize_phone("+32 470 12 34 56") == "+32470123456"
    assert normalize_phone("0470/12.34.56") == "+32470123456"
    assert format_phone("+3224220020") == "02 422 00 20"
    assert normalize_phone("+33 1 42 68 53 00") == "+33142685300"
    with pytest.raises(ValidationError):
        normalize_phone("12")


def test_email_postal_code_nace() -> None:
    assert normalize_email(" Anne@Example.BE ") == "Anne@example.be"
    with pytest.raises(ValidationError):
        normalize_email("anne@")
    assert normalize_postal_code("B-1050") == "1050"
    assert normalize_postal_code("1000 Bruxelles") == "1000"
    with pytest.raises(ValidationError):
        normalize_postal_code("100")
    assert normalize_nace("47716") == "47.716"
    with pytest.raises(ValidationError):
        normalize_nace("4")
