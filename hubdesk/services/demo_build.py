"""Builds a demo workspace on disk from the demo generator, through the store's bulk loader."""

from __future__ import annotations

from pathlib import Path

from hubdesk.kernel.jobs import NULL_REPORTER, Reporter
from hubdesk.services.demo import DemoGenerator
from hubdesk.services.workspace import Workspace


def build_demo(
    data_dir: Path | None,
    enterprises: int,
    cases: int,
    *,
    seed: int = 2026,
    reporter: Reporter = NULL_REPORTER,
) -> dict[str, int]:
    """Fill the workspace with generated records; returns the record counts afterwards."""
    with Workspace.open(data_dir) as ws:
        generator = DemoGenerator(ws.reference, seed=seed)
        with ws.store.bulk_loader() as loader:
            for batch in generator.batches(enterprises, cases, reporter=reporter):
                loader.add_enterprises(batch.enterprises)
                loader.add_contacts(batch.contacts)
                loader.add_cases(batch.cases)
                loader.add_status_changes(batch.status_changes)
                loader.add_visits(batch.visits)
                loader.add_tasks(batch.tasks)
        with ws.store.read() as reader:
            return reader.counts()
