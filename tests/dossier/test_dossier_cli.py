"""`hubdesk dossier`: one case to a file, a batch on two processes with a progress bar, translated refusals."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from hubdesk.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_one_dossier_and_a_batch(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> None:
    base = ["--data-dir", str(data_dir)]
    assert run(capsys, *base, "demo", "--enterprises", "20", "--cases", "12")[0] == 0
    status, out, _ = run(capsys, *base, "case", "list", "--json", "--limit", "100")
    rows = json.loads(out)
    references = [row["reference"] for row in rows]
    answers = tmp_path / "terrace.json"
    answers.write_text(json.dumps({"occupation": "annual", "surface_m2": 18, "start_on": "2026-05-01"}))
    assert run(capsys, *base, "case", "fill", references[0], "terrace", str(answers))[0] == 0

    pdf = tmp_path / "one.pdf"
    status, out, _ = run(capsys, *base, "--lang", "nl", "dossier", references[0], "--lang", "nl", "-o", str(pdf))
    assert status == 0 and "pagina" in out
    text = pdf_text(pdf)
    assert references[0] in text and "Terras" in text and "Begeleidingsdossier" in text

    both = tmp_path / "both.pdf"
    assert run(capsys, *base, "dossier", references[0], "--lang", "fr-nl", "-o", str(both))[0] == 0
    assert "Dossier d'accompagnement" in pdf_text(both) and "Begeleidingsdossier" in pdf_text(both)

    out_dir = tmp_path / "batch"
    status, out, err = run(capsys, *base, "dossier", "--all", "--out-dir", str(out_dir), "--processes", "2")
    assert status == 0 and "12" in out
    assert sorted(p.stem for p in out_dir.glob("*.pdf")) == sorted(references)
    assert "100%" in err.replace(" ", "") and f"({len(references)}/{len(references)})" in err  # the progress bar

    status_of = {row["reference"]: row["status"] for row in rows}
    some = next(iter(status_of.values()))
    filtered = tmp_path / "filtered"
    status, _, _ = run(capsys, *base, "dossier", "--all", "--status", some, "--out-dir", str(filtered), "--lang", "en")
    assert status == 0
    assert sorted(p.stem for p in filtered.glob("*.pdf")) == sorted(r for r, s in status_of.items() if s == some)


def test_without_lang_the_dossier_speaks_the_enterprises_language(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    base = ["--data-dir", str(data_dir)]
    for number, language in (("0403.019.261", "nl"), ("0404.616.494", "fr")):
        args = ["enterprise", "add", "--number", number, "--name", f"Zaak {language}", "--postal-code", "1030"]
        assert run(capsys, *base, *args, "--language", language)[0] == 0
        assert (
            run(capsys, *base, "case", "add", "--enterprise", number, "--title", "Terras", "--kind", "general_advice")[
                0
            ]
            == 0
        )
    _, out, _ = run(capsys, *base, "case", "list", "--json")
    for row in json.loads(out):
        pdf = tmp_path / f"{row['reference']}.pdf"
        assert run(capsys, *base, "dossier", row["reference"], "-o", str(pdf))[0] == 0
        title = "Begeleidingsdossier" if row["enterprise_name"].endswith("nl") else "Dossier d'accompagnement"
        assert title in pdf_text(pdf)


def test_bad_input_is_refused_in_the_users_language(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    base = ["--data-dir", str(data_dir)]
    target, folder = str(tmp_path / "x.pdf"), str(tmp_path / "none")
    status, _, err = run(capsys, *base, "--lang", "fr", "dossier", "HD-2026-XXXX-0001", "-o", target)
    assert status == 2 and "Aucun dossier" in err
    status, _, err = run(capsys, *base, "--lang", "nl", "dossier", "HD-2026-XXXX-0001", "-o", target)
    assert status == 2 and "Geen dossier" in err
    status, _, err = run(capsys, *base, "dossier", "HD-2026-XXXX-0001", "--lang", "de", "-o", target)
    assert status == 2 and "fr, nl, en, fr-nl" in err
    status, _, err = run(capsys, *base, "dossier", "--all")
    assert status == 2 and "--out-dir" in err
    status, _, err = run(capsys, *base, "dossier", "--all", "--status", "ongoing", "--out-dir", folder)
    assert status == 2 and "in_progress" in err
    status, _, err = run(capsys, *base, "dossier", "HD-2026-XXXX-0001")
    assert status == 2 and "-o FILE.pdf" in err
    assert not Path(target).exists() and not Path(folder).exists()  # nothing written
