"""The organisation printed on dossiers: name, address, contacts, logo and colours from `resources/branding/`.

Rebranding needs no release: replace `organisation.json` and the logo file. Texts are
given per language (fr, nl, en); a missing language falls back to English, then French.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader

from hubdesk.kernel.paths import resources_dir

DEFAULT_COLOURS = {
    "primary": "#1F4E79",
    "accent": "#F2A900",
    "muted": "#5B6770",
    "light": "#EEF3F8",
    "warning": "#B45F06",
}


@dataclass(frozen=True)
class Identity:
    name: Mapping[str, str]
    short_name: str
    address: Mapping[str, str]
    phone: str
    email: str
    web: str
    logo: ImageReader | None
    primary: colors.Color
    accent: colors.Color
    muted: colors.Color
    light: colors.Color
    warning: colors.Color

    def text(self, values: Mapping[str, str], language: str) -> str:
        return values.get(language) or values.get("en") or values.get("fr") or ""

    def names(self, languages: tuple[str, ...]) -> str:
        """`Agence … / Agentschap …` for the layout's languages, without repeating an identical text."""
        return " / ".join(dict.fromkeys(self.text(self.name, lang) or self.short_name for lang in languages))

    def addresses(self, languages: tuple[str, ...]) -> str:
        return " / ".join(dict.fromkeys(t for lang in languages if (t := self.text(self.address, lang))))


def _localized(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"fr": value, "nl": value, "en": value}
    return {str(k): str(v) for k, v in (value or {}).items()}


def identity_from_dict(data: Mapping[str, Any], folder: Path) -> Identity:
    palette = {**DEFAULT_COLOURS, **(data.get("colours") or {})}
    logo_file = folder / str(data.get("logo", "")) if data.get("logo") else None
    # Read once: an ImageReader keeps the decoded image, so each dossier only embeds it.
    logo = ImageReader(str(logo_file)) if logo_file is not None and logo_file.is_file() else None
    return Identity(
        name=_localized(data.get("name")),
        short_name=str(data.get("short_name", "")),
        address=_localized(data.get("address")),
        phone=str(data.get("phone", "")),
        email=str(data.get("email", "")),
        web=str(data.get("web", "")),
        logo=logo,
        **{key: colors.HexColor(str(palette[key])) for key in DEFAULT_COLOURS},
    )


@cache
def load_identity(folder: Path | None = None) -> Identity:
    """The identity in `folder` (default `resources/branding`), read once per process."""
    folder = folder or resources_dir() / "branding"
    data = json.loads((folder / "organisation.json").read_text(encoding="utf-8"))
    return identity_from_dict(data, folder)
