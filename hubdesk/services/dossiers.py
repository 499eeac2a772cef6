"""Dossier use cases: gather a case into DossierData, print one PDF, or print many on several processes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import BinaryIO

from hubdesk.domain.entities import Case, CaseStatus, Channel, Enterprise
from hubdesk.domain.identifiers import format_enterprise_number, format_phone
from hubdesk.domain.reference import ReferenceData
from hubdesk.domain.sme import enterprise_sme_class
from hubdesk.domain.workflow import CLOSED, channel_label, kind_label, status_label
from hubdesk.dossier import (
    LAYOUTS,
    AdvisorContact,
    AttachmentLine,
    DossierData,
    EnterpriseIdentity,
    TaskLine,
    VisitLine,
    build_dossier,
)
from hubdesk.forms import summarize
from hubdesk.forms.summary import PrintableSummary
from hubdesk.kernel.errors import Interrupted, ValidationError
from hubdesk.kernel.i18n import N_, gettext, language_context
from hubdesk.kernel.jobs import NULL_REPORTER, Reporter
from hubdesk.services.forms import context_for, registry
from hubdesk.services.records import find_case
from hubdesk.services.workspace import Workspace
from hubdesk.store import CaseFilter

SIZE_NAMES = {
    "micro": N_("micro enterprise"),
    "small": N_("small enterprise"),
    "medium": N_("medium-sized enterprise"),
    "large": N_("large enterprise"),
}


def check_layout(layout: str) -> str:
    if layout not in LAYOUTS:
        raise ValidationError(
            N_("Choose the dossier language among: {choices}."), field="lang", choices=", ".join(LAYOUTS)
        )
    return layout


def _in_languages(languages: tuple[str, ...], text: Callable[[str], str]) -> str:
    """`text` in each language of the layout, joined as `fr / nl` where they differ."""
    shown = []
    for language in languages:
        with language_context(language):
            shown.append(text(language))
    return " / ".join(dict.fromkeys(s for s in shown if s))


def dossier_version(case: Case, parts: Sequence[Sequence[object]]) -> int:
    """How many saved revisions the case and everything on it add up to: any edit makes a new version.

    Printed in the footer and the QR code, it tells two printouts of one case apart.
    """
    return case.version + sum(int(getattr(record, "version", 0)) for records in parts for record in records)


def _channel(channel: Channel, _language: str) -> str:
    return channel_label(channel)


def _phone(text: str) -> str:
    return format_phone(text) if text.startswith("+") else text


def _address(enterprise: Enterprise, reference: ReferenceData, languages: tuple[str, ...]) -> str:
    address = enterprise.address
    city = address.city
    if not city and address.commune_nis:
        city = _in_languages(languages, lambda lang: reference.commune_by_nis(address.commune_nis or "").name(lang))
    locality = f"{address.postal_code} {city}".strip()
    return ", ".join(part for part in (address.street, locality) if part)


def dossier_data(
    ws: Workspace, reference: str, layout: str | None = None, printed_at: datetime | None = None
) -> DossierData:
    """Everything the dossier of case `reference` shows, in the layout's language(s).

    `layout` None prints in the enterprise's own language, the language of its entrepreneur.
    """
    case = find_case(ws, reference)
    with ws.store.read() as reader:
        enterprise = reader.get_enterprise(case.enterprise_id)
        visits = reader.visits_of(case.id)
        tasks = reader.tasks_of(case.id)
        attachments = reader.attachments_of(case.id)
        forms = reader.forms_of(case.id)
    assert enterprise is not None  # a case always belongs to an enterprise (foreign key)
    layout = check_layout(layout or enterprise.language.value)
    languages = ("fr", "nl") if layout == "fr-nl" else (layout,)
    printed = printed_at or datetime.now(UTC)
    reference_data = ws.reference
    context = context_for(ws, case, today=printed.date())
    forms_registry = registry(ws)
    summaries: dict[str, tuple[PrintableSummary, ...]] = {}
    for language in languages:
        summaries[language] = tuple(
            summarize(forms_registry.load(f.form_id, f.form_version), f.answers, context, language) for f in forms
        )
    size = enterprise_sme_class(enterprise)
    settings = ws.settings
    open_tasks = [t for t in tasks if not t.done]
    latest_notes = next((v.notes.strip() for v in reversed(visits) if v.notes.strip()), "")
    commune_nis = case.commune_nis
    channels = {c: _in_languages(languages, partial(_channel, c)) for c in {v.channel for v in visits}}
    return DossierData(
        reference=case.reference,
        title=case.title,
        kind=_in_languages(languages, lambda _: kind_label(case.kind)),
        status=_in_languages(languages, lambda _: status_label(case.status)),
        enterprise=EnterpriseIdentity(
            name=enterprise.name,
            number=format_enterprise_number(enterprise.number),
            legal_form=enterprise.legal_form,
            address=_address(enterprise, reference_data, languages),
            vat_number=enterprise.vat_number or "",
            phone=format_phone(enterprise.phone) if enterprise.phone else "",
            email=enterprise.email or "",
            sme_class=_in_languages(languages, lambda lang: gettext(SIZE_NAMES[size.value], lang)) if size else "",
        ),
        advisor=AdvisorContact(
            name=settings.advisor_name or case.account_manager or "",
            email=settings.advisor_email,
            phone=_phone(settings.advisor_phone),
        ),
        opened_on=case.opened_on,
        due_on=case.due_on if case.status not in CLOSED else None,
        commune=_in_languages(languages, lambda lang: reference_data.commune_by_nis(commune_nis).name(lang))
        if commune_nis
        else "",
        situation=latest_notes,
        summaries=summaries,
        visits=tuple(VisitLine(v.occurred_at, channels[v.channel], v.place, v.notes) for v in visits),
        open_tasks=tuple(TaskLine(t.title, t.due_on) for t in open_tasks),
        attachments=tuple(AttachmentLine(a.name, a.media_type, a.size, a.sha256) for a in attachments),
        version=dossier_version(case, (forms, visits, tasks, attachments)),
        printed_at=printed,
    )


def print_dossier(ws: Workspace, reference: str, layout: str | None, out: Path | BinaryIO) -> int:
    """Write the dossier of one case to `out` (None: in the enterprise's language); returns its page count."""
    data = dossier_data(ws, reference, layout)
    return build_dossier(data, layout or layout_of(data), out)


def layout_of(data: DossierData) -> str:
    """The layout `dossier_data` gathered `data` for (its summaries are keyed by language, fr and nl for fr-nl)."""
    languages = tuple(data.summaries)
    return "fr-nl" if languages == ("fr", "nl") else languages[0]


def references_with_status(ws: Workspace, status: str | None) -> list[str]:
    """Every case reference (with `status`, when given), in reference order."""
    if status and status not in {s.value for s in CaseStatus}:
        raise ValidationError(
            N_("Unknown status {status}; choose among: {choices}."),
            field="status",
            status=status,
            choices=", ".join(s.value for s in CaseStatus),
        )
    references: list[str] = []
    with ws.store.read() as reader:
        offset = 0
        while True:
            page = reader.list_cases(CaseFilter(status=status), sort="reference", offset=offset, limit=1000)
            references += [row.reference for row in page.items]
            if not page.has_more:
                return references
            offset += page.limit


_worker_workspace: Workspace | None = None


def _open_worker(data_dir: str) -> None:
    """Process initializer: each worker opens the workspace once (SQLite handles never cross processes)."""
    global _worker_workspace
    _worker_workspace = Workspace.open(Path(data_dir))


def _print_many(references: Sequence[str], layout: str | None, out_dir: str) -> int:
    """Worker: print a share of the batch with this process's workspace."""
    assert _worker_workspace is not None, "the pool initializer opens the workspace"
    for reference in references:
        print_dossier(_worker_workspace, reference, layout, Path(out_dir) / f"{reference}.pdf")
    return len(references)


def print_dossiers(
    data_dir: Path,
    references: Sequence[str],
    layout: str | None,
    out_dir: Path,
    *,
    processes: int = 2,
    reporter: Reporter = NULL_REPORTER,
    chunk: int = 10,
) -> int:
    """Print many dossiers on `processes` processes, reporting progress; cancel stops between chunks.

    Each process opens the workspace itself. Files are named `<reference>.pdf` and written
    atomically, so a cancelled batch leaves only whole PDFs. Returns how many were written.
    """
    if layout is not None:
        check_layout(layout)
    out_dir.mkdir(parents=True, exist_ok=True)
    chunks = [list(references[i : i + chunk]) for i in range(0, len(references), chunk)]
    total = len(references)
    done = 0
    reporter.report(0, total, force=True)
    if processes <= 1 or len(chunks) <= 1:
        _open_worker(str(data_dir))
        try:
            for part in chunks:
                reporter.check()
                done += _print_many(part, layout, str(out_dir))
                reporter.report(done, total)
        finally:
            _close_worker()
        return done
    with ProcessPoolExecutor(max_workers=processes, initializer=_open_worker, initargs=(str(data_dir),)) as pool:
        pending: set[Future[int]] = set()
        queue = iter(chunks)

        def refill() -> None:
            for part in queue:
                pending.add(pool.submit(_print_many, part, layout, str(out_dir)))
                if len(pending) >= processes * 2:
                    return

        refill()
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done += future.result()
                reporter.report(done, total)
                refill()
        except Interrupted:
            for future in pending:
                future.cancel()
            raise
    return done


def _close_worker() -> None:
    global _worker_workspace
    if _worker_workspace is not None:
        _worker_workspace.close()
        _worker_workspace = None
