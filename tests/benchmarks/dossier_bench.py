"""Dossier benchmark: a typical four-page dossier, 1,000 dossiers in batch, and PNG pages to look at.

Prints the median build time of a typical four-page dossier (target ≤ 100 ms), the time
for 1,000 dossiers on 2 processes (target ≤ 60 s; each case has two forms filled in and
prints in its enterprise's language), and writes PNG renderings of one dossier per layout
(fr, nl, en, fr-nl) into tests/benchmarks/out/ so a person can look at them.

    python tests/benchmarks/dossier_bench.py [--batch 1000] [--processes 2] [--no-png]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hubdesk.dossier import DossierData, TaskLine, VisitLine, build_dossier
from hubdesk.kernel.jobs import Reporter
from hubdesk.services.demo_build import build_demo
from hubdesk.services.dossiers import dossier_data, print_dossiers, references_with_status
from hubdesk.services.forms import fill_form
from hubdesk.services.workspace import Workspace

OUT = Path(__file__).resolve().parent / "out"
PRINTED = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
TERRACE = {
    "occupation": "seasonal",
    "surface_m2": 24,
    "free_passage_m": 2,
    "fixed_floor": False,
    "start_on": "2026-05-01",
}
AID = {
    "headcount": 4,
    "turnover": "300000",
    "eligible_costs": "40000",
    "application_on": "2026-03-01",
    "expense_committed_on": "2026-04-01",
    "establishment_postal_code": "1030",
    "sector": "horeca",
    "description": "Nouveau four à sole et chambre froide pour la fabrication sur place.",
    "quotes": [{"supplier": "Fours Dupont SRL", "amount": "25000"}, {"supplier": "Koeltechniek BV", "amount": "15000"}],
}
NOTES = (
    "Point sur les devis, les plans et le calendrier ; la commune attend le plan coté de la terrasse.",
    "Appel : le fournisseur du four confirme le délai de livraison ; relance du comptable pour les comptes annuels.",
    "Visite sur place avec l'architecte : emplacement de la chambre froide et de l'extraction validé.",
)


def fill(ws: Workspace, references: list[str]) -> None:
    for reference in references:
        fill_form(ws, reference, "terrace", TERRACE)
        fill_form(ws, reference, "investment_aid", AID)


def typical(ws: Workspace, reference: str, layout: str) -> DossierData:
    """Two forms, eight exchanges, three open tasks, two attachments: what an advisor hands over."""
    data = dossier_data(ws, reference, layout, printed_at=PRINTED)
    visits = tuple(
        VisitLine(
            datetime(2026, 1, 12, 9, tzinfo=UTC) + timedelta(days=6 * n),
            data.visits[0].channel if data.visits else "Visite",
            "Atelier",
            NOTES[n % 3],
        )
        for n in range(8)
    )
    tasks = (
        TaskLine("Envoyer le plan coté de la terrasse à la commune", PRINTED.date() + timedelta(days=10)),
        TaskLine("Introduire la demande de prime sur MyBEE", PRINTED.date() + timedelta(days=20)),
        TaskLine("Rassembler les comptes annuels déposés", PRINTED.date() - timedelta(days=2)),
    )
    return replace(data, visits=visits, open_tasks=tasks)


def median_build(data: DossierData, layout: str, runs: int = 21) -> tuple[float, int]:
    pages = build_dossier(data, layout, io.BytesIO())
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        build_dossier(data, layout, io.BytesIO())
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--no-png", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    folder = Path(tempfile.mkdtemp(prefix="hubdesk-dossier-bench-"))
    start = time.perf_counter()
    build_demo(folder, max(50, args.batch // 2), args.batch, seed=5)
    with Workspace.open(folder) as ws:
        references = references_with_status(ws, None)[: args.batch]
        fill(ws, references)
        print(f"workspace: {len(references)} cases with 2 forms each, ready in {time.perf_counter() - start:.1f} s")
        for layout in ("fr", "fr-nl"):
            milliseconds, pages = median_build(typical(ws, references[0], layout), layout)
            target = " (target ≤ 100 ms)" if layout == "fr" else ""
            print(f"typical dossier {layout}: {pages} pages, median {milliseconds:.0f} ms{target}")
        if not args.no_png:
            OUT.mkdir(exist_ok=True)
            for old in OUT.glob("dossier-*"):
                old.unlink()
            for layout in ("fr", "nl", "en", "fr-nl"):
                path = OUT / f"dossier-{layout}.pdf"
                build_dossier(typical(ws, references[0], layout), layout, path)
                subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(OUT / f"dossier-{layout}")], check=True)
            print(f"PNG renderings: {OUT}/dossier-<layout>-<page>.png")
    start = time.perf_counter()
    count = print_dossiers(folder, references, None, folder / "batch", processes=args.processes, reporter=Reporter())
    seconds = time.perf_counter() - start
    pdfs = list((folder / "batch").glob("*.pdf"))
    size = sum(p.stat().st_size for p in pdfs) / max(1, len(pdfs)) / 1024
    print(
        f"batch: {count} dossiers on {args.processes} processes in {seconds:.1f} s "
        f"({count / seconds:.1f}/s, {size:.0f} kB each; target 1,000 ≤ 60 s)"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
