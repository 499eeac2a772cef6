"""The `hubdesk` command line on a real workspace: output, exit codes, languages, no write on bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from hubdesk.cli.main import main


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return status, out, err


def fingerprint(data_dir: Path) -> list[tuple[str, int]]:
    """Row counts of every table: equal before and after a refused command means nothing was written."""
    connection = sqlite3.connect(data_dir / "hubdesk.sqlite")
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE '%fts%' ORDER BY name"
            )
        ]
        return [(t, connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables]
    finally:
        connection.close()


@pytest.fixture
def workspace(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    status, _, err = run(
        capsys,
        data_dir,
        "enterprise",
        "add",
        "--number",
        "0403.019.261",
        "--name",
        "Café <Chez & Moi>",
        "--postal-code",
        "1030",
        "--street",
        "Rue Royale 12",
        "--phone",
        "02 422 00 20",
        "--iban",
        "BE71 0961 2345 6769",
        "--headcount",
        "4",
        "--turnover",
        "300000",
        "--language",
        "fr",
    )
    assert status == 0, err
    return data_dir


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert "HubDesk" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "enterprise" in capsys.readouterr().out


def test_enterprise_round_trip_json(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, workspace, "enterprise", "show", "0403019261", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["number"] == "0403019261"
    assert data["name"] == "Café <Chez & Moi>"
    assert data["address"]["commune_nis"] == "21015"
    assert data["phone"] == "+3224220020"
    assert data["sme_class"] == "micro"
    status, out, _ = run(capsys, workspace, "enterprise", "set", "0403.019.261", "--name", "Café Nouveau", "--json")
    assert status == 0 and json.loads(out)["name"] == "Café Nouveau"
    assert json.loads(out)["version"] == 2


def test_case_lifecycle(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        workspace,
        "case",
        "add",
        "--enterprise",
        "0403019261",
        "--title",
        "Terrasse été",
        "--kind",
        "permit_assistance",
        "--json",
    )
    assert status == 0
    reference = json.loads(out)["reference"]
    assert reference.startswith("HD-")
    assert run(capsys, workspace, "case", "status", reference, "in_progress")[0] == 0
    assert (
        run(
            capsys,
            workspace,
            "visit",
            "add",
            reference,
            "--channel",
            "visit",
            "--notes",
            "Terrasse de 12 m², côté rue",
        )[0]
        == 0
    )
    status, out, _ = run(
        capsys, workspace, "task", "add", reference, "--title", "Plans", "--due", "2026-12-01", "--json"
    )
    task_id = json.loads(out)["id"]
    assert run(capsys, workspace, "task", "done", task_id)[0] == 0
    status, out, _ = run(capsys, workspace, "case", "show", reference, "--json")
    data = json.loads(out)
    assert data["status"] == "in_progress"
    assert [s["to_status"] for s in data["status_history"]] == ["new", "in_progress"]
    assert data["tasks"][0]["done"] is True
    assert "12 m²" in data["visits"][0]["notes"]
    status, out, _ = run(capsys, workspace, "search", "terrasse", "--json")
    assert any(hit["kind"] == "case" for hit in json.loads(out))


def test_attachment(workspace: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(
        capsys,
        workspace,
        "case",
        "add",
        "--enterprise",
        "0403019261",
        "--title",
        "Prime",
        "--kind",
        "subsidy_application",
        "--json",
    )
    reference = json.loads(out)["reference"]
    photo = tmp_path / "devanture.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 1000)
    status, out, _ = run(capsys, workspace, "attach", reference, str(photo), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["size"] == 1003 and data["media_type"] == "image/jpeg" and len(data["sha256"]) == 64


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (
            ["enterprise", "add", "--number", "0431.150.351", "--name", "X", "--postal-code", "1000"],
            "check digits",
        ),
        (
            ["enterprise", "add", "--number", "0428.759.497", "--name", "X", "--postal-code", "9000"],
            "not a Brussels postal code",
        ),
        (
            ["enterprise", "add", "--number", "0428.759.497", "--name", "X", "--postal-code", "1050"],
            "confirm the commune",
        ),
        (
            ["enterprise", "add", "--number", "0403.019.261", "--name", "X", "--postal-code", "1000"],
            "already exists",
        ),
        (["enterprise", "set", "0403019261", "--iban", "BE00 0000"], "IBAN"),
        (["enterprise", "show", "0428.759.497"], "No enterprise"),
        (
            ["case", "add", "--enterprise", "0403019261", "--title", "T", "--kind", "nonsense"],
            "is not one of",
        ),
        (["case", "status", "HD-2026-XXXX-0001", "completed"], "No case"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], english: str
) -> None:
    before = fingerprint(workspace)
    status, _, err = run(capsys, workspace, *args)
    assert status == 2
    assert english in err
    assert fingerprint(workspace) == before


def test_illegal_transition(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        workspace,
        "case",
        "add",
        "--enterprise",
        "0403019261",
        "--title",
        "T",
        "--kind",
        "general_advice",
        "--json",
    )
    reference = json.loads(out)["reference"]
    before = fingerprint(workspace)
    status, _, err = run(capsys, workspace, "case", "status", reference, "completed")
    assert status == 2 and "cannot go from" in err
    assert fingerprint(workspace) == before


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "chiffres de contrôle"), ("nl", "controlecijfers"), ("en", "check digits")],
)
def test_messages_in_three_languages(
    workspace: Path, capsys: pytest.CaptureFixture[str], language: str, expected: str
) -> None:
    status, _, err = run(
        capsys,
        workspace,
        "--lang",
        language,
        "enterprise",
        "add",
        "--number",
        "0431.150.351",
        "--name",
        "X",
        "--postal-code",
        "1000",
    )
    assert status == 2 and expected in err


def test_workspace_language_setting(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = json.loads((workspace / "settings.json").read_text())
    settings["language"] = "nl"
    (workspace / "settings.json").write_text(json.dumps(settings))
    status, _, err = run(capsys, workspace, "enterprise", "show", "0428.759.497")
    assert status == 2 and "Geen onderneming" in err


def test_demo_and_search(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, data_dir, "demo", "--enterprises", "300", "--cases", "600")
    assert status == 0
    status, out, _ = run(capsys, data_dir, "case", "list", "--status", "in_progress", "--json", "--limit", "500")
    rows = json.loads(out)
    assert rows and all(r["status"] == "in_progress" for r in rows)
    status, out, _ = run(capsys, data_dir, "search", "boulangerie", "--json")
    assert any("Boulangerie" in hit["title"] for hit in json.loads(out))
    status, out, _ = run(capsys, data_dir, "search", "cafe", "--json")
    assert any("Café" in hit["title"] for hit in json.loads(out))
