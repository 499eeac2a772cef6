"""Plain JSON values from entities and DTOs, with the domain's own field names."""

from __future__ import annotations

from hubdesk.kernel.jsonable import to_jsonable as as_json

__all__ = ["as_json"]
