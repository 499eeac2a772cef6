"""Where form definitions come from: shipped files plus those the server published (received by sync).

A registry reads folders laid out as `<folder>/<form_id>/v<version>.json`. Every
version of every form stays loadable, so answers given on version 1 still validate
and print after version 2 arrives; the newest version is offered for new answers. On
equal (form_id, version), a later folder wins (the workspace over the shipped files).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from hubdesk.forms.definition import DefinitionInfo, FormDefinition, definition_from_dict
from hubdesk.kernel.errors import NotFoundError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.paths import resources_dir

_VERSION_FILE = re.compile(r"^v(\d+)\.json$")


def shipped_forms_dir() -> Path:
    return resources_dir() / "forms"


def read_definition_file(path: Path) -> FormDefinition:
    """One definition file, checked; a translated ValidationError when unreadable or invalid."""
    stat = path.stat() if path.exists() else None
    return _read(str(path), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=512)
def _read(path: str, mtime_ns: int, size: int) -> FormDefinition:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValidationError(
            N_("The form definition {path} cannot be read: {reason}"), path=path, reason=str(error)
        ) from error
    definition = definition_from_dict(data)
    match = _VERSION_FILE.match(Path(path).name)
    if match and (definition.form_id != Path(path).parent.name or definition.version != int(match.group(1))):
        raise ValidationError(
            N_("The form definition {path} holds {form_id} version {version}, not what its name says."),
            path=path,
            form_id=definition.form_id,
            version=definition.version,
        )
    return definition


def install_definition(data: bytes | str | Mapping[str, Any], folder: Path) -> FormDefinition:
    """Check a definition (as received from the server) and store it under `folder`, atomically.

    Returns the definition; raises a translated ValidationError and writes nothing when it is invalid.
    """
    try:
        parsed = json.loads(data) if isinstance(data, bytes | str) else dict(data)
    except ValueError as error:
        raise ValidationError(N_("The form definition is not valid: {reason}"), reason=str(error)) from error
    definition = definition_from_dict(parsed)
    target = folder / definition.form_id / f"v{definition.version}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(parsed, stream, ensure_ascii=False, indent=1)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return definition


class FormRegistry:
    """Definitions found in `dirs` (shipped forms by default); later folders win on equal keys."""

    def __init__(self, dirs: Sequence[Path] | None = None) -> None:
        self.dirs: list[Path] = list(dirs) if dirs is not None else [shipped_forms_dir()]

    @property
    def folders(self) -> list[Path]:
        return self.dirs

    def files(self) -> dict[tuple[str, int], Path]:
        found: dict[tuple[str, int], Path] = {}
        for folder in self.dirs:
            if not folder.is_dir():
                continue
            for form_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
                for file in form_dir.iterdir():
                    match = _VERSION_FILE.match(file.name)
                    if match:
                        found[(form_dir.name, int(match.group(1)))] = file
        return found

    def versions(self, form_id: str) -> list[int]:
        return sorted(version for fid, version in self.files() if fid == form_id)

    def load(self, form_id: str, version: int | None = None) -> FormDefinition:
        """A definition: the given version, or the newest one that reads correctly."""
        files = self.files()
        if version is not None:
            path = files.get((form_id, version))
            if path is None:
                if not any(fid == form_id for fid, _ in files):
                    raise NotFoundError(N_("No form “{form_id}”."), form_id=form_id)
                raise NotFoundError(
                    N_("No version {version} of the form “{form_id}”."), form_id=form_id, version=version
                )
            return read_definition_file(path)
        candidates = sorted((v for fid, v in files if fid == form_id), reverse=True)
        if not candidates:
            raise NotFoundError(N_("No form “{form_id}”."), form_id=form_id)
        first_error: ValidationError | None = None
        for candidate in candidates:
            try:
                return read_definition_file(files[(form_id, candidate)])
            except ValidationError as error:
                first_error = first_error or error
        assert first_error is not None
        raise first_error

    def definitions(self) -> list[FormDefinition]:
        """Every readable version of every form (a broken file is left out, not fatal)."""
        found = []
        for (_form_id, _version), path in sorted(self.files().items()):
            try:
                found.append(read_definition_file(path))
            except ValidationError:
                continue
        return found

    def latest(self) -> list[FormDefinition]:
        """The newest readable version of each form, by form id."""
        newest: dict[str, FormDefinition] = {}
        for definition in self.definitions():
            newest[definition.form_id] = definition
        return [newest[form_id] for form_id in sorted(newest)]

    def list_definitions(self) -> list[DefinitionInfo]:
        return [definition.info for definition in self.latest()]


def list_definitions(registry: FormRegistry | None = None) -> list[DefinitionInfo]:
    """The forms on offer (newest version of each): form_id, version, titles in fr/nl/en, case kind."""
    return (registry or FormRegistry()).list_definitions()


def load_definition(form_id: str, version: int | None = None, registry: FormRegistry | None = None) -> FormDefinition:
    """A form's definition: the newest version when `version` is None; older versions still load."""
    return (registry or FormRegistry()).load(form_id, version)
