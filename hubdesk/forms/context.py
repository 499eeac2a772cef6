"""What the form engine may look at besides the answers: the enterprise, the reference data, today, the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hubdesk.domain.entities import Enterprise
from hubdesk.domain.reference import ReferenceData, load_reference_data


@dataclass(frozen=True)
class FormContext:
    """The surroundings of one validation or summary.

    `reference` is the Brussels reference data (the shipped file unless a newer one
    came with a sync); `enterprise` the case's enterprise, whose figures count when the
    answers give none; `today` dates relative bounds and the apply-before-expense check;
    `language` (fr, nl, en) is used for messages when the call names none (else the
    current language).
    """

    reference: ReferenceData = field(default_factory=load_reference_data)
    enterprise: Enterprise | None = None
    today: date = field(default_factory=date.today)
    language: str | None = None
