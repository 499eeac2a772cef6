"""Shared fixtures of the form tests: the shipped registry, a dated context, complete answer sets per form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from complete_answers import COMPLETE, TODAY

from hubdesk.domain.reference import load_reference_data
from hubdesk.forms import FormContext, FormRegistry, PrintableSummary, summarize, validate


@pytest.fixture(scope="session")
def registry() -> FormRegistry:
    return FormRegistry()


@pytest.fixture(scope="session")
def context() -> FormContext:
    return FormContext(load_reference_data(), today=TODAY)


@pytest.fixture
def complete() -> dict[str, dict[str, Any]]:
    return {form_id: dict(answers) for form_id, answers in COMPLETE.items()}


Check = Callable[..., dict[str, str]]


@pytest.fixture
def check(registry: FormRegistry, context: FormContext) -> Check:
    """Issues by path for answers to a shipped form (submitted, in English unless told)."""

    def run(form_id: str, answers: dict[str, Any], submitted: bool = True, language: str = "en") -> dict[str, str]:
        found = validate(registry.load(form_id), answers, submitted=submitted, context=context, language=language)
        return {issue.path: issue.message for issue in found}

    return run


Summarize = Callable[..., PrintableSummary]


@pytest.fixture
def summary(registry: FormRegistry, context: FormContext) -> Summarize:
    def run(
        form_id: str, answers: dict[str, Any], language: str = "en", version: int | None = None
    ) -> PrintableSummary:
        return summarize(registry.load(form_id, version), answers, context, language)

    return run
