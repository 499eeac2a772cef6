"""Dossier services on a real workspace: what is gathered, in which language, versions, and batches on processes."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from dossier_support import ANSWERS

from hubdesk.domain.entities import CaseKind, CaseStatus
from hubdesk.domain.workflow import KIND_LABELS, STATUS_LABELS
from hubdesk.kernel.errors import Interrupted, NotFoundError, ValidationError
from hubdesk.kernel.i18n import gettext
from hubdesk.kernel.jobs import CancelToken, Progress, Reporter
from hubdesk.services.dossiers import (
    dossier_data,
    layout_of,
    print_dossier,
    print_dossiers,
    references_with_status,
)
from hubdesk.services.forms import fill_form
from hubdesk.services.records import add_case, add_enterprise, add_task, add_visit, attach_file
from hubdesk.services.workspace import Workspace

PRINTED = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


def make_case(ws: Workspace, number: str = "0403.019.261", language: str = "nl", name: str = "Frituur Zoë") -> str:
    add_enterprise(
        ws,
        {
            "number": number,
            "name": name,
            "postal_code": "1030",
            "street": "Koningsstraat 12",
            "language": language,
            "headcount": "4",
            "turnover": "300000",
            "phone": "02 422 00 20",
        },
    )
    case = add_case(ws, number, "Opening van een frituur", "permit_assistance", due_on="2026-06-01").value
    return case.reference


@pytest.fixture
def ws(data_dir: Path) -> Workspace:
    workspace = Workspace.open(data_dir)
    yield workspace
    workspace.close()


def test_gathers_the_case_with_its_forms_in_the_enterprises_language(ws: Workspace, tmp_path: Path) -> None:
    reference = make_case(ws)
    fill_form(ws, reference, "terrace", ANSWERS["terrace"])
    fill_form(ws, reference, "env_permit", ANSWERS["env_permit"])
    add_visit(ws, reference, channel="visit", notes="Eerste bezoek.", place="Koningsstraat 12", when="2026-03-02 10:00")
    add_visit(ws, reference, channel="phone", notes="Plannen besproken.", when="2026-03-05 14:00")
    add_task(ws, reference, "Plannen sturen", "2026-03-20")
    document = tmp_path / "plan.pdf"
    document.write_bytes(b"%PDF-1.4 plan")
    attach_file(ws, reference, document)

    data = dossier_data(ws, reference, printed_at=PRINTED)
    assert layout_of(data) == "nl" and set(data.summaries) == {"nl"}  # the enterprise speaks Dutch
    assert {s.form_id for s in data.summaries["nl"]} == {"terrace", "env_permit"}
    assert data.kind == gettext(KIND_LABELS[CaseKind.PERMIT_ASSISTANCE], "nl") != "Permit assistance"
    assert data.status == gettext(STATUS_LABELS[CaseStatus.NEW], "nl") != "New"
    assert data.enterprise.number == "0403.019.261" and data.enterprise.phone.startswith("02")
    assert "1030" in data.enterprise.address and data.enterprise.sme_class
    assert [v.notes for v in data.visits] == ["Eerste bezoek.", "Plannen besproken."]
    assert data.situation == "Plannen besproken."  # the latest exchange sums up where things stand
    assert [t.title for t in data.open_tasks] == ["Plannen sturen"] and data.open_tasks[0].due_on == date(2026, 3, 20)
    assert [a.name for a in data.attachments] == ["plan.pdf"]
    assert data.printed_at == PRINTED

    out = tmp_path / "dossier.pdf"
    pages = print_dossier(ws, reference, None, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert pages >= 3 and reference in text and "Begeleidingsdossier" in text and "Terras" in text


def test_bilingual_data_carries_both_languages(ws: Workspace) -> None:
    reference = make_case(ws, language="fr")
    fill_form(ws, reference, "terrace", ANSWERS["terrace"])
    add_visit(ws, reference, channel="phone", notes="Appel.")
    data = dossier_data(ws, reference, "fr-nl")
    assert layout_of(data) == "fr-nl" and set(data.summaries) == {"fr", "nl"}
    assert " / " in data.kind and " / " in data.status and " / " in data.visits[0].channel
    assert data.summaries["fr"][0].title != data.summaries["nl"][0].title


def test_the_version_moves_with_every_edit(ws: Workspace) -> None:
    reference = make_case(ws)
    before = dossier_data(ws, reference, "en").version
    add_visit(ws, reference, channel="email", notes="Mail.")
    after_visit = dossier_data(ws, reference, "en").version
    fill_form(ws, reference, "terrace", ANSWERS["terrace"])
    after_form = dossier_data(ws, reference, "en").version
    assert before < after_visit < after_form


def test_unknown_reference_layout_or_status_is_refused(ws: Workspace, tmp_path: Path) -> None:
    reference = make_case(ws)
    with pytest.raises(NotFoundError):
        dossier_data(ws, "HD-2026-XXXX-0001", "fr")
    with pytest.raises(ValidationError, match="fr, nl, en, fr-nl"):
        dossier_data(ws, reference, "de")
    with pytest.raises(ValidationError, match="in_progress"):
        references_with_status(ws, "ongoing")
    assert not list(tmp_path.glob("*.pdf"))


def test_batch_on_two_processes_reports_progress(ws: Workspace, tmp_path: Path) -> None:
    references = [make_case(ws, number, "fr", f"Entreprise {n}") for n, number in enumerate(NUMBERS)]
    seen: list[Progress] = []
    count = print_dossiers(
        ws.data_dir,
        references,
        "fr",
        tmp_path / "out",
        processes=2,
        reporter=Reporter(seen.append, interval=0),
        chunk=2,
    )
    assert count == len(references)
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.pdf")) == sorted(references)
    assert not list((tmp_path / "out").glob("*.part"))
    assert seen[0].done == 0 and seen[-1].done == len(references) and seen[-1].total == len(references)
    assert references_with_status(ws, "new") == sorted(references)
    assert references_with_status(ws, "completed") == []


def test_a_cancelled_batch_stops_and_leaves_only_whole_files(ws: Workspace, tmp_path: Path) -> None:
    references = [make_case(ws, number, "fr", f"Entreprise {n}") for n, number in enumerate(NUMBERS)]
    token = CancelToken()

    def cancel_after_first(progress: Progress) -> None:
        if progress.done:
            token.cancel()

    with pytest.raises(Interrupted):
        print_dossiers(
            ws.data_dir,
            references,
            None,
            tmp_path / "out",
            processes=2,
            reporter=Reporter(cancel_after_first, token, interval=0),
            chunk=1,
        )
    written = list((tmp_path / "out").glob("*.pdf"))
    assert 0 < len(written) < len(references)
    assert not list((tmp_path / "out").glob("*.part"))
    for path in written:
        subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)


def test_batch_on_one_process_works_the_same(ws: Workspace, tmp_path: Path) -> None:
    references = [make_case(ws, number, "en", f"Enterprise {n}") for n, number in enumerate(NUMBERS[:3])]
    assert print_dossiers(ws.data_dir, references, None, tmp_path / "one", processes=1) == 3
    assert len(list((tmp_path / "one").glob("*.pdf"))) == 3


# Valid enterprise numbers (mod-97) for the batch tests.
NUMBERS = ["0403.019.261", "0404.616.494", "0417.497.106", "0878.065.378", "0202.239.951", "0200.065.765"]
