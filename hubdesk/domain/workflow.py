"""The case status workflow: which status may follow which, and the words for them."""

from __future__ import annotations

from collections.abc import Mapping

from hubdesk.domain.entities import CaseKind, CaseStatus, Channel
from hubdesk.kernel.errors import InvalidTransitionError
from hubdesk.kernel.i18n import N_, _

S = CaseStatus
ALLOWED_TRANSITIONS: Mapping[CaseStatus, tuple[CaseStatus, ...]] = {
    S.NEW: (S.IN_PROGRESS, S.ABANDONED),
    S.IN_PROGRESS: (S.WAITING_ENTREPRENEUR, S.WAITING_AUTHORITY, S.COMPLETED, S.ABANDONED),
    S.WAITING_ENTREPRENEUR: (S.IN_PROGRESS, S.WAITING_AUTHORITY, S.COMPLETED, S.ABANDONED),
    S.WAITING_AUTHORITY: (S.IN_PROGRESS, S.WAITING_ENTREPRENEUR, S.COMPLETED, S.ABANDONED),
    S.COMPLETED: (S.IN_PROGRESS,),  # reopened when the authority asks for more
    S.ABANDONED: (S.IN_PROGRESS,),
}
CLOSED = frozenset({S.COMPLETED, S.ABANDONED})

STATUS_LABELS: Mapping[CaseStatus, str] = {
    S.NEW: N_("New"),
    S.IN_PROGRESS: N_("In progress"),
    S.WAITING_ENTREPRENEUR: N_("Waiting for the entrepreneur"),
    S.WAITING_AUTHORITY: N_("Waiting for the authority"),
    S.COMPLETED: N_("Completed"),
    S.ABANDONED: N_("Abandoned"),
}
KIND_LABELS: Mapping[CaseKind, str] = {
    CaseKind.PERMIT_ASSISTANCE: N_("Permit assistance"),
    CaseKind.SUBSIDY_APPLICATION: N_("Subsidy application"),
    CaseKind.EXPORT_SUPPORT: N_("Export support"),
    CaseKind.LOCATION_SEARCH: N_("Location search"),
    CaseKind.GENERAL_ADVICE: N_("General advice"),
}
CHANNEL_LABELS: Mapping[Channel, str] = {
    Channel.VISIT: N_("Visit"),
    Channel.PHONE: N_("Phone"),
    Channel.LINE_1819: N_("1819 line"),
    Channel.EMAIL: N_("E-mail"),
    Channel.VIDEO: N_("Video call"),
}


def allowed_next(status: CaseStatus) -> tuple[CaseStatus, ...]:
    return ALLOWED_TRANSITIONS[status]


def check_transition(current: CaseStatus, target: CaseStatus) -> None:
    """Raise a translated error unless the workflow allows `current` → `target`."""
    if target not in ALLOWED_TRANSITIONS[current]:
        allowed = ", ".join(status_label(s) for s in ALLOWED_TRANSITIONS[current])
        raise InvalidTransitionError(
            N_("A case cannot go from “{current}” to “{target}”; allowed: {allowed}."),
            field="status",
            current=status_label(current),
            target=status_label(target),
            allowed=allowed,
        )


def status_label(status: CaseStatus) -> str:
    return _(STATUS_LABELS[status])


def kind_label(kind: CaseKind) -> str:
    return _(KIND_LABELS[kind])


def channel_label(channel: Channel) -> str:
    return _(CHANNEL_LABELS[channel])
