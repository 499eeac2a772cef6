"""Dates, money and numbers written the way each language's readers expect (fr_BE, nl_BE, en)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.numbers import format_currency, format_decimal

from hubdesk.kernel.i18n import get_language

LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}


def locale_of(language: str | None = None) -> str:
    return LOCALES.get(language or get_language(), "en_GB")


def format_money(amount: Decimal | int | float, language: str | None = None) -> str:
    """`12 500,00 €` in French, `€ 12.500,00` in Dutch, `€12,500.00` in English."""
    return str(format_currency(amount, "EUR", locale=locale_of(language)))


def format_number(value: Decimal | int | float, language: str | None = None) -> str:
    return str(format_decimal(value, locale=locale_of(language)))


def format_day(value: date, language: str | None = None, style: str = "long") -> str:
    """`12 mars 2026`, `12 maart 2026`, `12 March 2026`."""
    return str(babel_date(value, format=style, locale=locale_of(language)))


def format_moment(value: datetime, language: str | None = None) -> str:
    return str(babel_datetime(value, format="medium", locale=locale_of(language)))
