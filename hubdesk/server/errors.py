"""Errors the server answers with, each mapped to an HTTP status and a translated message."""

from __future__ import annotations

from typing import Any

from hubdesk.kernel.errors import HubDeskError


class AuthError(HubDeskError):
    """Missing, wrong or expired credentials (HTTP 401)."""

    code = "unauthorized"
    status = 401


class ForbiddenError(HubDeskError):
    """Valid credentials, but the user may not do this (HTTP 403)."""

    code = "forbidden"
    status = 403


class ThrottledError(HubDeskError):
    """Too many failed logins: wait before trying again (HTTP 429)."""

    code = "throttled"
    status = 429

    def __init__(self, msgid: str, *, retry_after: int, **params: Any) -> None:
        super().__init__(msgid, retry_after=retry_after, **params)
        self.retry_after = retry_after


class UpgradeRequired(HubDeskError):
    """The client speaks no protocol version the server supports, or is too old to download."""

    code = "upgrade_required"
    status = 426


HTTP_STATUS: dict[str, int] = {
    "invalid": 422,
    "invalid_transition": 422,
    "not_found": 404,
    "conflict": 409,
    "storage": 503,
}


def http_status(error: HubDeskError) -> int:
    return int(getattr(error, "status", HTTP_STATUS.get(error.code, 400)))
