"""Where definitions come from: shipped and received folders, versions, broken files, installing a published one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from hubdesk.forms import (
    DefinitionInfo,
    FormContext,
    FormRegistry,
    install_definition,
    list_definitions,
    load_definition,
    shipped_forms_dir,
    summarize,
    validate,
)
from hubdesk.kernel.errors import NotFoundError, ValidationError


def terrace_v2() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shipped_forms_dir() / "terrace" / "v1.json").read_text(encoding="utf-8"))
    data["version"] = 2
    data["sections"][0]["fields"].append(
        {"id": "heating", "kind": "yes_no", "label": {"fr": "Chauffage", "nl": "Verwarming", "en": "Heating"}}
    )
    return data


def test_list_and_load_the_shipped_forms() -> None:
    infos = list_definitions()
    assert all(isinstance(i, DefinitionInfo) for i in infos)
    env = next(i for i in infos if i.form_id == "env_permit")
    assert (env.version, env.kind, env.titles["nl"]) == (2, "permit_assistance", "Milieuvergunning")
    assert load_definition("env_permit").version == 2
    assert load_definition("env_permit", 1).version == 1
    with pytest.raises(NotFoundError, match="No form “nope”"):
        load_definition("nope")
    with pytest.raises(NotFoundError, match="No version 9"):
        load_definition("terrace", 9)


def test_a_received_version_wins_and_old_answers_still_load_and_print(tmp_path: Path, context: FormContext) -> None:
    workspace_forms = tmp_path / "forms"
    installed = install_definition(json.dumps(terrace_v2()).encode(), workspace_forms)
    assert installed.key == ("terrace", 2)
    assert (workspace_forms / "terrace" / "v2.json").exists()
    registry = FormRegistry(dirs=[shipped_forms_dir(), workspace_forms])
    assert registry.versions("terrace") == [1, 2]
    assert registry.load("terrace").version == 2
    assert next(i for i in registry.list_definitions() if i.form_id == "terrace").version == 2
    old = registry.load("terrace", 1)
    answers = {"occupation": "seasonal", "surface_m2": 8, "start_on": "2026-04-01"}
    assert validate(old, answers, submitted=True, context=context) == []
    printed = summarize(old, answers, context, "fr")
    assert printed.form_version == 1 and printed.permits
    assert validate(registry.load("terrace"), answers | {"heating": True}, submitted=True, context=context) == []


def test_installing_an_invalid_definition_writes_nothing(tmp_path: Path) -> None:
    broken = terrace_v2()
    broken["title"].pop("fr")
    with pytest.raises(ValidationError, match="misses a French, Dutch or English text"):
        install_definition(broken, tmp_path)
    with pytest.raises(ValidationError, match="not valid"):
        install_definition(b"{nope", tmp_path)
    assert list(tmp_path.rglob("*")) == []


def test_a_broken_received_file_does_not_hide_the_others(tmp_path: Path) -> None:
    (tmp_path / "terrace").mkdir()
    (tmp_path / "terrace" / "v3.json").write_text("{broken", encoding="utf-8")
    registry = FormRegistry([shipped_forms_dir(), tmp_path])
    assert registry.load("terrace").version == 1  # the newest version that reads
    assert {d.form_id for d in registry.latest()} >= {"terrace", "env_permit"}
    with pytest.raises(ValidationError, match="cannot be read"):
        registry.load("terrace", 3)


def test_a_file_must_hold_what_its_name_says(tmp_path: Path) -> None:
    (tmp_path / "terrace").mkdir()
    (tmp_path / "terrace" / "v5.json").write_text(json.dumps(terrace_v2()), encoding="utf-8")
    with pytest.raises(ValidationError, match="holds terrace version 2"):
        FormRegistry([tmp_path]).load("terrace", 5)


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    registry = FormRegistry([tmp_path])
    install_definition(terrace_v2(), tmp_path)
    assert registry.load("terrace").title["en"] == "Terrace and public-space occupation"
    changed = terrace_v2()
    changed["title"]["en"] = "Terraces"
    path = tmp_path / "terrace" / "v2.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert registry.load("terrace").title["en"] == "Terraces"


def test_a_missing_folder_is_just_empty(tmp_path: Path) -> None:
    assert FormRegistry([tmp_path / "none"]).latest() == []
