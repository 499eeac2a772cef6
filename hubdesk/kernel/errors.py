"""Errors the core raises, each carrying a translatable message and a stable code."""

from __future__ import annotations

from typing import Any

from hubdesk.kernel.i18n import gettext


class HubDeskError(Exception):
    """Base of every error a user may see; `str()` gives it in the current language.

    `msgid` is the English source message (marked with `N_` where it is defined) and
    `params` fill its `{placeholders}` after translation, so the same error prints in
    French, Dutch or English depending on who reads it.
    """

    code = "error"

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def translated(self, language: str | None = None) -> str:
        return gettext(self.msgid, language).format(**self.params)

    def __str__(self) -> str:
        return self.translated()

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.translated(), "params": self.params}


class ValidationError(HubDeskError):
    """Input that breaks a business rule or a format (a bad number, a missing field)."""

    code = "invalid"

    def __init__(self, msgid: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(msgid, **params)
        self.field = field

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "field": self.field}


class NotFoundError(HubDeskError):
    """A record named by the user does not exist."""

    code = "not_found"


class ConflictError(HubDeskError):
    """The write clashes with existing data (a duplicate number, a stale version)."""

    code = "conflict"


class InvalidTransitionError(ValidationError):
    """A status change that the workflow does not allow."""

    code = "invalid_transition"


class StorageError(HubDeskError):
    """The workspace file cannot be opened, migrated or written."""

    code = "storage"


class Interrupted(HubDeskError):
    """A long operation stopped because its cancel token was set."""

    code = "interrupted"
