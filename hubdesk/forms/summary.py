"""The printable summary of one filled form: what the dossier lays out for a reader.

Every string is already in the summary's language. `to_be_confirmed` marks a figure
or fact whose reference data is `partial` or `unverified`: it is printed and shown as
"to be confirmed", never as fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class SummaryItem:
    label: str
    value: str
    to_be_confirmed: bool = False


@dataclass(frozen=True)
class SummaryTable:
    """A repeating group (installations, quotes, premises) as a table."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SummarySection:
    title: str
    items: tuple[SummaryItem, ...] = ()
    tables: tuple[SummaryTable, ...] = ()


@dataclass(frozen=True)
class PermitNeeded:
    name: str
    issuer: str
    procedure: str = ""
    to_be_confirmed: bool = False


@dataclass(frozen=True)
class TimelineStep:
    """A dated statutory step, e.g. "decision due" 160 days after the file was complete."""

    label: str
    due_on: date | None  # None when the start date is not known yet
    basis: str = ""  # how it is computed, e.g. "160 days from the acknowledgement of completeness"
    to_be_confirmed: bool = False


@dataclass(frozen=True)
class AidEstimate:
    scheme: str
    eligible: bool | None  # None: cannot tell yet from the answers
    amount_eur: Decimal | None  # the estimate, or the upper end of a range
    rate: str = ""  # human text, e.g. "20 % of eligible costs"
    amount_min_eur: Decimal | None = None  # the lower end when the reference gives a range of rates
    ceiling_eur: Decimal | None = None
    reasons: tuple[str, ...] = ()  # why (not) eligible, each one sentence
    to_be_confirmed: bool = False
    suspended: bool = False


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    required: bool = True
    to_be_confirmed: bool = False


@dataclass(frozen=True)
class PrintableSummary:
    form_id: str
    form_version: int
    title: str
    language: str
    sections: tuple[SummarySection, ...] = ()
    permits: tuple[PermitNeeded, ...] = ()
    timeline: tuple[TimelineStep, ...] = ()
    aid: tuple[AidEstimate, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    next_steps: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()  # e.g. "Export aid suspended since 26 August 2024"
    description: str = ""  # what the form is for, one sentence
    to_be_confirmed_label: str = ""  # "to be confirmed" in the summary's language, for marked items
    generated_on: date | None = None  # the context's "today": the date the summary speaks from
