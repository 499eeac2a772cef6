"""Brussels reference data (communes, postal codes, permits, aid schemes) read from `resources/`.

The data is a JSON file shipped in `resources/reference/` and replaceable by a newer
version received from the server, so figures change without a release. Every fact
carries `verification`; only `verified` facts are shown as fact, the others are
shown "to be confirmed" (`is_confirmed`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from hubdesk.kernel.errors import StorageError, ValidationError
from hubdesk.kernel.i18n import N_, get_language
from hubdesk.kernel.paths import resources_dir

VERIFIED = "verified"


def is_confirmed(verification: str | None) -> bool:
    """True only for a `verified` fact; `partial`, `unverified` or missing mean "to be confirmed"."""
    return verification == VERIFIED


@dataclass(frozen=True)
class Commune:
    nis: str
    name_fr: str
    name_nl: str
    name_en: str
    postal_codes: tuple[str, ...]
    verification: str = VERIFIED

    def name(self, language: str | None = None) -> str:
        lang = language or get_language()
        return {"fr": self.name_fr, "nl": self.name_nl}.get(lang, self.name_en)

    @property
    def bilingual_name(self) -> str:
        return self.name_fr if self.name_fr == self.name_nl else f"{self.name_fr} / {self.name_nl}"


@dataclass(frozen=True)
class PostalCode:
    code: str
    commune_nis: tuple[str, ...]  # more than one where the code is shared (1040, 1050)
    locality_fr: str
    locality_nl: str
    verification: str = VERIFIED

    @property
    def shared(self) -> bool:
        return len(self.commune_nis) > 1


@dataclass(frozen=True)
class Sector:
    key: str
    labels: Mapping[str, str]

    def label(self, language: str | None = None) -> str:
        lang = language or get_language()
        return self.labels.get(lang) or self.labels.get("en") or self.key


@dataclass(frozen=True)
class ReferenceData:
    """The whole reference file, with typed access to what the core looks up often."""

    raw: Mapping[str, Any]
    communes: tuple[Commune, ...]
    postal_codes: Mapping[str, PostalCode]
    sectors: tuple[Sector, ...]
    _communes_by_nis: Mapping[str, Commune] = field(repr=False, default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReferenceData:
        communes = tuple(
            Commune(
                nis=str(item["nis"]),
                name_fr=item["fr"],
                name_nl=item["nl"],
                name_en=item.get("en", item["fr"]),
                postal_codes=tuple(item.get("postal_codes", ())),
                verification=item.get("verification", "unverified"),
            )
            for item in data.get("communes", ())
        )
        codes: dict[str, PostalCode] = {}
        for code, item in data.get("postal_codes", {}).get("map", {}).items():
            nis = (item["commune_nis"], *item.get("also_commune_nis", ()))
            codes[code] = PostalCode(
                code=code,
                commune_nis=tuple(str(n) for n in nis),
                locality_fr=item.get("locality_fr", ""),
                locality_nl=item.get("locality_nl", ""),
                verification=item.get("verification", "unverified"),
            )
        sectors = tuple(
            Sector(key=item["sector"], labels=dict(item.get("labels", {})))
            for item in data.get("nace_examples", {}).get("sectors", ())
        )
        return cls(
            raw=data,
            communes=communes,
            postal_codes=codes,
            sectors=sectors,
            _communes_by_nis={c.nis: c for c in communes},
        )

    @property
    def version(self) -> str:
        meta = self.raw.get("_meta", {})
        return str(meta.get("version") or meta.get("generated_by") or "")

    def commune_by_nis(self, nis: str) -> Commune:
        try:
            return self._communes_by_nis[nis]
        except KeyError:
            raise ValidationError(N_("Unknown commune code {nis}."), field="commune", nis=nis) from None

    def communes_for_postal_code(self, postal_code: str) -> tuple[Commune, ...]:
        """The communes a postal code may belong to: one, two for a shared code, none if unknown."""
        entry = self.postal_codes.get(postal_code)
        if entry is None:
            return ()
        return tuple(self._communes_by_nis[n] for n in entry.commune_nis if n in self._communes_by_nis)

    def resolve_commune(self, postal_code: str, commune_nis: str | None = None) -> Commune:
        """The commune of an address; asks (raises) when the code is shared and none was chosen."""
        candidates = self.communes_for_postal_code(postal_code)
        if not candidates:
            raise ValidationError(
                N_("The postal code {code} is not a Brussels postal code."),
                field="postal_code",
                code=postal_code,
            )
        if commune_nis is not None:
            for commune in candidates:
                if commune.nis == commune_nis:
                    return commune
            raise ValidationError(
                N_("The commune {commune} does not match the postal code {code}."),
                field="commune",
                commune=self.commune_by_nis(commune_nis).name(),
                code=postal_code,
            )
        if len(candidates) > 1:
            raise ValidationError(
                N_("The postal code {code} is shared by {communes}: confirm the commune of this address."),
                field="commune",
                code=postal_code,
                communes=" / ".join(c.name() for c in candidates),
            )
        return candidates[0]

    def sector(self, key: str) -> Sector:
        for sector in self.sectors:
            if sector.key == key:
                return sector
        raise ValidationError(N_("Unknown sector “{sector}”."), field="sector", sector=key)

    @property
    def permit_types(self) -> Sequence[Mapping[str, Any]]:
        return tuple(self.raw.get("permit_types", ()))

    def permit_type(self, permit_id: str) -> Mapping[str, Any]:
        return _by_id(self.permit_types, permit_id)

    @property
    def subsidy_schemes(self) -> Sequence[Mapping[str, Any]]:
        return tuple(self.raw.get("subsidy_schemes", ()))

    def subsidy_scheme(self, scheme_id: str) -> Mapping[str, Any]:
        return _by_id(self.subsidy_schemes, scheme_id)

    @property
    def sme_thresholds(self) -> Mapping[str, Any]:
        return dict(self.raw.get("sme_thresholds", {}))

    @property
    def attache_posts(self) -> Sequence[Mapping[str, Any]]:
        return tuple(self.raw.get("trade_attache_posts", {}).get("posts", ()))


def _by_id(items: Sequence[Mapping[str, Any]], item_id: str) -> Mapping[str, Any]:
    for item in items:
        if item.get("id") == item_id:
            return item
    raise KeyError(item_id)


def default_reference_path() -> Path:
    return resources_dir() / "reference" / "brussels.json"


def load_reference_data(path: Path | None = None) -> ReferenceData:
    """Read a reference file (the shipped one by default); cached per path."""
    return _load(str(path or default_reference_path()))


@lru_cache(maxsize=8)
def _load(path: str) -> ReferenceData:
    try:
        with open(path, encoding="utf-8") as handle:
            return ReferenceData.from_dict(json.load(handle))
    except (OSError, ValueError, KeyError) as error:
        raise StorageError(
            N_("The reference data file {path} cannot be read: {reason}"), path=path, reason=str(error)
        ) from error
