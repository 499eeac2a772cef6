"""`hubdesk forms ...` and `hubdesk case fill`: exit codes, translated issues, summaries, drafts kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hubdesk.cli.main import main
from hubdesk.forms import install_definition, shipped_forms_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "forms", "list", "--json")
    rows = {row["form_id"]: row for row in json.loads(out)}
    assert status == 0 and len(rows) == 12
    assert rows["env_permit"]["version"] == 2 and rows["env_permit"]["kind"] == "permit_assistance"
    assert rows["terrace"]["titles"]["nl"] == "Terras en inname van de openbare ruimte"
    status, out, _ = run(capsys, "forms", "list", "--lang", "fr")
    assert status == 0 and "Permis d'environnement" in out


def test_list_includes_definitions_received_in_the_workspace(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data = json.loads((shipped_forms_dir() / "sign_permit" / "v1.json").read_text(encoding="utf-8"))
    install_definition(data | {"version": 4}, data_dir / "forms")
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "forms", "list", "--json")
    assert status == 0
    assert next(r for r in json.loads(out) if r["form_id"] == "sign_permit")["version"] == 4


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "forms", "show", "terrace", "--lang", "nl")
    assert status == 0 and "Terras en inname van de openbare ruimte" in out and "Seizoensterras" in out
    assert "Documenten" in out
    status, out, _ = run(capsys, "forms", "show", "env_permit", "--version", "1")
    assert status == 0 and "(env_permit v1)" in out and "activity" not in out
    status, out, _ = run(capsys, "forms", "show", "env_permit")
    assert "(env_permit v2)" in out and "required if: activity == 'car_park'" in out


def test_validate_exit_codes_and_translated_messages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", {"occupation": "annual", "surface_m2": 12, "start_on": "2026-05-01"})
    status, out, _ = run(capsys, "forms", "validate", "terrace", good, "--submitted")
    assert status == 0 and "The answers are valid." in out
    bad = write(tmp_path, "bad.json", {"occupation": "annual", "surface_m2": "douze"})
    status, _, err = run(capsys, "forms", "validate", "terrace", bad, "--submitted", "--lang", "fr")
    assert status == 2
    assert "2 problème(s) dans les réponses" in err
    assert "surface_m2: Entrez un nombre, par exemple 12,5." in err and "start_on: Ce champ est obligatoire." in err
    assert run(capsys, "forms", "validate", "terrace", bad)[0] == 2  # a draft still has a format error
    status, out, _ = run(capsys, "forms", "validate", "terrace", bad, "--json", "--lang", "nl")
    assert status == 2
    assert json.loads(out) == [
        {"path": "surface_m2", "message": "Geef een getal in, bijvoorbeeld 12,5.", "code": "format"}
    ]


def test_validate_rejects_malformed_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.json", "{not json")
    status, _, err = run(capsys, "--lang", "nl", "forms", "validate", "terrace", broken)
    assert status == 2 and "geen geldige JSON" in err
    listed = write(tmp_path, "list.json", [1, 2])
    status, _, err = run(capsys, "forms", "validate", "terrace", listed)
    assert status == 2 and "The answers must be a JSON object." in err
    status, _, err = run(capsys, "forms", "validate", "terrace", str(tmp_path / "missing.json"))
    assert status == 2 and "cannot be read" in err
    status, _, err = run(capsys, "forms", "validate", "no_such_form", listed)
    assert status == 2 and "No form “no_such_form”" in err
    with pytest.raises(SystemExit) as stopped:
        main(["forms", "validate", "terrace", listed, "--today", "soon"])
    assert stopped.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_validate_dates_against_the_given_day(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answers = write(tmp_path, "a.json", {"target_market": "Japon", "support_type": ["mission"]})
    assert run(capsys, "forms", "validate", "export_support", answers, "--submitted", "--today", "2026-03-01")[0] == 0


def test_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bakery = {"premises": "1030", "installations": [{"activity": "bakery"}], "file_complete_on": "2026-03-02"}
    path = write(tmp_path, "bakery.json", bakery)
    status, out, _ = run(capsys, "forms", "summary", "env_permit", path, "--lang", "fr", "--today", "2026-03-01")
    assert status == 0
    assert "Permis d'environnement de classe 2 (à confirmer)" in out
    assert "2026-05-21  Décision" in out and "Schaerbeek" in out
    status, out, _ = run(capsys, "forms", "summary", "env_permit", path, "--json")
    data = json.loads(out)
    assert data["permits"][0]["issuer"] == "Commune (municipal executive): Schaerbeek"
    assert data["timeline"][1]["due_on"] == "2026-05-21" and data["timeline"][1]["to_be_confirmed"] is True
    aid = write(tmp_path, "aid.json", {"headcount": 4, "turnover": 300000, "eligible_costs": 10000,
                                       "establishment_postal_code": "1030", "application_on": "2026-03-02",
                                       "expense_committed_on": "2026-04-01"})  # fmt: skip
    status, out, _ = run(capsys, "forms", "summary", "consultancy_aid", aid, "--lang", "nl", "--json")
    estimate = json.loads(out)["aid"][0]
    assert (estimate["amount_min_eur"], estimate["amount_eur"], estimate["eligible"]) == ("2500.00", "7000.00", True)


def test_case_fill_keeps_drafts_and_versions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    base = ["--data-dir", str(data_dir)]
    add = ["enterprise", "add", "--number", "0403.019.261", "--name", "Friterie Zoë", "--postal-code", "1030"]
    assert run(capsys, *base, *add)[0] == 0
    status, out, _ = run(
        capsys, *base, "case", "add", "--enterprise", "0403019261", "--title", "Terrasse",
        "--kind", "permit_assistance", "--json",
    )  # fmt: skip
    reference = json.loads(out)["reference"]
    partial = write(tmp_path, "partial.json", {"occupation": "seasonal", "surface_m2": 9})
    assert run(capsys, *base, "case", "fill", reference, "terrace", partial)[0] == 0
    status, _, err = run(capsys, *base, "case", "fill", reference, "terrace", partial, "--submit")
    assert status == 2 and "kept as a draft" in err
    status, out, _ = run(capsys, *base, "case", "show", reference, "--json")
    form = json.loads(out)["forms"][0]
    assert form["status"] == "draft" and form["answers"]["surface_m2"] == 9 and form["form_version"] == 1
    complete = write(tmp_path, "complete.json", {"occupation": "seasonal", "surface_m2": 9, "start_on": "2026-04-01"})
    assert run(capsys, *base, "case", "fill", reference, "terrace", complete, "--submit")[0] == 0
    status, out, _ = run(capsys, *base, "case", "show", reference, "--json")
    forms = json.loads(out)["forms"]
    assert len(forms) == 1 and forms[0]["status"] == "submitted"
    broken = write(tmp_path, "broken.json", "[1, 2")
    assert run(capsys, *base, "case", "fill", reference, "terrace", broken)[0] == 2
