"""Lays out a dossier as a PDF with reportlab: DossierData in, a paginated document in one or two languages out."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from hubdesk.dossier.branding import Identity, load_identity
from hubdesk.dossier.data import DossierData
from hubdesk.dossier.fonts import FONT, MISSING_GLYPH, clean_text, printable, register_fonts
from hubdesk.dossier.layout import CONTENT_WIDTH, FONT_EVERYWHERE, PAGE_MARGIN, RULE, Layout, column_widths
from hubdesk.forms.summary import AidEstimate, PrintableSummary
from hubdesk.kernel.i18n import N_, ngettext

LAYOUTS = ("fr", "nl", "en", "fr-nl")
PAGE_WIDTH, PAGE_HEIGHT = A4
FOOTER_Y = 11 * mm
BODY_BOTTOM = 19 * mm
BODY_TOP = PAGE_HEIGHT - 17 * mm
LANG_TAGS = {"fr": "fr-BE", "nl": "nl-BE", "en": "en", "fr-nl": "fr-BE"}
# Labels used through helpers, marked here so the catalog extractor sees them.
SUPPORT_DOSSIER = N_("Support dossier")
PHONE = N_("Phone")
ELIGIBLE = N_("eligible")
NOT_ELIGIBLE = N_("not eligible")
SUSPENDED = N_("suspended")
DATE_TO_BE_SET = N_("date to be set")
IF_APPLICABLE = N_("if applicable")
OVERDUE = N_("overdue")
PLACE_FIELD = N_("Place:")
DATE_FIELD = N_("Date:")
THE_ADVISOR = N_("The advisor")
THE_ENTREPRENEUR = N_("The entrepreneur")


class _Logo(Flowable):  # type: ignore[misc]
    """The organisation's logo, drawn from the image read once per process."""

    def __init__(self, identity: Identity, size: float) -> None:
        super().__init__()
        self.identity = identity
        self.width = self.height = size

    def draw(self) -> None:
        if self.identity.logo is not None:
            self.canv.drawImage(self.identity.logo, 0, 0, self.width, self.height, mask="auto")


def qr_payload(data: DossierData) -> str:
    """What the QR code holds: the case reference and the dossier version, e.g. `HD-2026-K7QM-0042|v3`."""
    return f"{data.reference}|v{data.version}"


class _QrCode(QrCode):  # type: ignore[misc]
    """reportlab's QR flowable (drawn straight on the canvas: no Drawing, so no default Helvetica).

    It uses one fixed mask pattern: all eight are valid QR codes, and scoring each to pick
    the "best" costs ~20 ms per dossier for no gain in a printed code this size.
    """

    def draw(self) -> None:
        code = self.qr
        if code.version is None:
            code.version = code.calculate_version()
        code.make = lambda: code.makeImpl(False, 0)
        super().draw()


def _qr(payload: str, size: float) -> QrCode:
    return _QrCode(payload, width=size, height=size, qrBorder=2, qrLevel="M")


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds pages back until the end so each footer can say "page X of Y"."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = FONT  # else every page's preamble names an unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


# -- cover ---------------------------------------------------------------------------------


def _letterhead(data: DossierData, lay: Layout) -> Flowable:
    identity = lay.identity
    contacts = " · ".join(
        part
        for part in (
            f"{escape(lay.t(PHONE))} {escape(identity.phone)}" if identity.phone else "",
            escape(identity.email),
            escape(identity.web),
        )
        if part
    )
    organisation = lay.para(
        f'<font size="9.5" color="{identity.primary.hexval().replace("0x", "#")}"><b>'
        f"{'<br/>'.join(escape(n) for n in identity.names(lay.languages).split(' / '))}</b></font><br/>"
        f"{'<br/>'.join(escape(a) for a in identity.addresses(lay.languages).split(' / '))}<br/>{contacts}",
        lay.small,
    )
    qr = [_qr(qr_payload(data), 24 * mm), lay.para(escape(qr_payload(data)), lay.qr_caption)]
    table = Table(
        [[_Logo(identity, 17 * mm), organisation, qr]],
        colWidths=[21 * mm, CONTENT_WIDTH - 21 * mm - 30 * mm, 30 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                FONT_EVERYWHERE,
                ("VALIGN", (0, 0), (1, 0), "MIDDLE"),
                ("VALIGN", (2, 0), (2, 0), "TOP"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _facts_band(data: DossierData, lay: Layout, today: date) -> Table:
    due = escape(lay.day(data.due_on))
    if data.due_on is not None and data.due_on < today:
        due += f'<br/><font color="#{lay.warning_hex}"><b>{escape(lay.t(OVERDUE))}</b></font>'
    facts = [
        (lay.tm(N_("Reference")), f"<b>{escape(data.reference)}</b>"),
        (lay.tm(N_("Kind of support")), lay.user(data.kind)),
        (lay.tm(N_("Status")), lay.user(data.status)),
        (lay.tm(N_("Opened on")), escape(lay.day(data.opened_on))),
        (lay.tm(N_("Due on")), due),
    ]
    facts = [(label, value) for label, value in facts if value]
    widths = column_widths([[label for label, _ in facts], [value for _, value in facts]], CONTENT_WIDTH)
    table = Table(
        [[lay.para(label, lay.small) for label, _ in facts], [lay.para(value, lay.cell) for _, value in facts]],
        colWidths=widths,
    )
    table.setStyle(
        TableStyle(
            [
                FONT_EVERYWHERE,
                ("BACKGROUND", (0, 0), (-1, -1), lay.identity.light),
                ("LINEABOVE", (0, 0), (-1, 0), 2, lay.identity.primary),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _parties(data: DossierData, lay: Layout) -> Table:
    """The enterprise (left) and the advisor (right), side by side."""
    enterprise = data.enterprise
    left_width, gap = 104 * mm, 6 * mm
    right_width = CONTENT_WIDTH - left_width - gap
    identity_rows = [
        (lay.tm(N_("Name")), f"<b>{lay.user(enterprise.name)}</b>"),
        (lay.tm(N_("Enterprise number")), escape(enterprise.number)),
        (lay.tm(N_("Legal form")), lay.user(enterprise.legal_form)),
        (lay.tm(N_("Address")), lay.user(enterprise.address)),
        (lay.tm(N_("VAT no.")), escape(enterprise.vat_number)),
        (lay.tm(N_("Phone")), escape(enterprise.phone)),
        (lay.tm(N_("E-mail")), lay.user(enterprise.email)),
        (lay.tm(N_("SME size")), lay.user(enterprise.sme_class)),
        (lay.tm(N_("Commune")), lay.user(data.commune)),
    ]
    advisor_rows = [
        (lay.tm(N_("Name")), f"<b>{lay.user(data.advisor.name)}</b>"),
        (lay.tm(N_("E-mail")), lay.user(data.advisor.email)),
        (lay.tm(N_("Phone")), escape(data.advisor.phone)),
    ]
    left: list[Flowable] = [lay.para(lay.tm(N_("Enterprise")), lay.h3)]
    left.append(lay.pairs(identity_rows, left_width) or Spacer(1, 1))
    right: list[Flowable] = [lay.para(lay.tm(N_("Your advisor")), lay.h3)]
    right.append(lay.pairs(advisor_rows, right_width) or lay.para(escape(lay.identity.short_name), lay.cell))
    identity = lay.identity
    if identity.phone or identity.web:
        parts = dict.fromkeys(p for p in (identity.short_name, identity.phone, identity.web) if p)
        line = " · ".join(escape(part) for part in parts)
        right += [Spacer(1, 3), lay.para(line, lay.small)]
    table = Table([[left, "", right]], colWidths=[left_width, gap, right_width])
    table.setStyle(
        TableStyle(
            [FONT_EVERYWHERE, ("VALIGN", (0, 0), (-1, -1), "TOP")]
            + [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING")]
        )
    )
    return table


def _aid_total(lay: Layout, estimates: Sequence[AidEstimate]) -> str:
    """The sum of the estimates an enterprise is eligible for, as `low – high`, marked when unconfirmed."""
    counted = [a for a in estimates if a.eligible and not a.suspended and a.amount_eur is not None]
    if not counted:
        return ""
    high = sum((a.amount_eur or Decimal(0) for a in counted), Decimal(0))
    low = sum(
        ((a.amount_min_eur if a.amount_min_eur is not None else a.amount_eur) or Decimal(0) for a in counted),
        Decimal(0),
    )
    text = escape(lay.money(high) if low == high else f"{lay.money(low)} – {lay.money(high)}")
    return text + (lay.tbc() if any(a.to_be_confirmed for a in counted) else "")


def _at_a_glance(data: DossierData, lay: Layout, summaries: Sequence[PrintableSummary], today: date) -> list[Flowable]:
    """The situation in five lines: permits, next deadline, estimated aid, documents, open tasks."""
    permits = [p for s in summaries for p in s.permits]
    permit_text = "<br/>".join(lay.user(p.name) + (lay.tbc() if p.to_be_confirmed else "") for p in permits)
    upcoming: list[tuple[date, str]] = [
        (step.due_on, f"{lay.user(step.label)} — <i>{lay.user(s.title)}</i>")
        for s in summaries
        for step in s.timeline
        if step.due_on is not None and step.due_on >= today
    ]
    upcoming += [
        (task.due_on, lay.user(task.title)) for task in data.open_tasks if task.due_on and task.due_on >= today
    ]
    next_deadline = ""
    if upcoming:
        when, what = min(upcoming, key=lambda pair: pair[0])
        next_deadline = f"<b>{escape(lay.day(when))}</b> — {what}"
    documents = sum(1 for s in summaries for c in s.checklist if c.required)
    overdue = sum(1 for task in data.open_tasks if task.due_on is not None and task.due_on < today)
    tasks = ""
    if data.open_tasks:
        tasks = escape(_count(lay, N_("{count} open task"), N_("{count} open tasks"), len(data.open_tasks)))
        if overdue:
            late = escape(_count(lay, N_("{count} overdue"), N_("{count} overdue"), overdue))
            tasks += f' · <font color="#{lay.warning_hex}"><b>{late}</b></font>'
    rows = [
        (lay.tm(N_("Situation")), lay.user(data.situation.strip())),
        (lay.tm(N_("Permits needed")), permit_text),
        (lay.tm(N_("Next deadline")), next_deadline),
        (lay.tm(N_("Estimated aid")), _aid_total(lay, [a for s in summaries for a in s.aid])),
        (
            lay.tm(N_("Documents to gather")),
            escape(_count(lay, N_("{count} document"), N_("{count} documents"), documents)) if documents else "",
        ),
        (lay.tm(N_("Open tasks")), tasks),
    ]
    table = lay.pairs(rows)
    return [] if table is None else [*_heading(lay, lay.tm(N_("At a glance")), 30 * mm), table]


def _count(lay: Layout, singular: str, plural: str, count: int) -> str:
    return " / ".join(
        dict.fromkeys(ngettext(singular, plural, count, lang).format(count=count) for lang in lay.languages)
    )


def _cover(data: DossierData, lay: Layout, summaries: Sequence[PrintableSummary], today: date) -> list[Flowable]:
    flow: list[Flowable] = [
        _letterhead(data, lay),
        Spacer(1, 3 * mm),
        HRFlowable(width="100%", thickness=1.2, color=lay.identity.accent, spaceAfter=7 * mm),
        lay.para(lay.tm(SUPPORT_DOSSIER, stacked="15"), lay.h1),
        Spacer(1, 1.5 * mm),
        lay.para(lay.user(data.title), lay.h2),
        Spacer(1, 5 * mm),
        _facts_band(data, lay, today),
        Spacer(1, 4 * mm),
        _parties(data, lay),
        Spacer(1, 3 * mm),
    ]
    return flow + _at_a_glance(data, lay, summaries, today)


# -- forms ---------------------------------------------------------------------------------


def _heading(lay: Layout, text: str, keep: float = 45 * mm) -> list[Flowable]:
    """A section heading that never ends a page: it moves on when less than `keep` is left below it."""
    return [CondPageBreak(keep + 20 * mm), _band(lay, text)]


def _band(lay: Layout, text: str) -> Table:
    """A section heading on a light band with a coloured edge."""
    band = Table([[lay.para(text, lay.h2)]], colWidths=[CONTENT_WIDTH])
    band.setStyle(
        TableStyle(
            [
                FONT_EVERYWHERE,
                ("BACKGROUND", (0, 0), (-1, -1), lay.identity.light),
                ("LINEBEFORE", (0, 0), (0, -1), 3, lay.identity.primary),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    band.spaceBefore = 9 * mm
    band.spaceAfter = 2 * mm
    return band


def _at(items: Sequence[Any] | None, index: int) -> Any:
    return items[index] if items is not None and index < len(items) else None


def _answers(summary: PrintableSummary, lay: Layout, twin: PrintableSummary | None) -> list[Flowable]:
    flow: list[Flowable] = []
    for index, section in enumerate(summary.sections):
        other = _at(twin.sections if twin else None, index)
        heading = lay.para(lay.twin(section.title, other.title if other else None, True), lay.h3)
        units: list[list[Flowable]] = []
        items = []
        for item_index, item in enumerate(section.items):
            second = _at(other.items if other else None, item_index)
            label = lay.twin(item.label, second.label if second else None)
            value = lay.twin(item.value, second.value if second else None, inline=True)
            items.append((label, value + (lay.tbc() if item.to_be_confirmed else "")))
        table = lay.pairs(items)
        if table is not None:
            units.append([table])
        for table_index, group in enumerate(section.tables):
            other_group = _at(other.tables if other else None, table_index)
            used = [c for c in range(len(group.columns)) if any(c < len(r) and r[c].strip() for r in group.rows)]
            if not used:
                continue
            header = [
                lay.twin(group.columns[c], _at(other_group.columns if other_group else None, c), inline=True, dark=True)
                for c in used
            ]
            rows = [
                [
                    lay.twin(
                        row[c] if c < len(row) else "",
                        _at(_at(other_group.rows if other_group else None, r), c),
                        inline=True,
                    )
                    for c in used
                ]
                for r, row in enumerate(group.rows)
            ]
            unit: list[Flowable] = []
            if not (len(section.tables) == 1 and _same_title(group.title, section.title)):
                title = lay.twin(group.title, other_group.title if other_group else None, True)
                unit.append(lay.para(f"<b>{title}</b>", lay.group_title))
            units.append([*unit, lay.grid(header, rows)])
        if units:  # the heading stays with what follows it; a small table is not split from its title
            flow.append(KeepTogether([heading, *units[0]]))
            flow += [KeepTogether(unit) for unit in units[1:]]
    return flow


def _same_title(first: str, second: str) -> bool:
    return first.strip().casefold() == second.strip().casefold()


def _aid(lay: Layout, estimates: Sequence[AidEstimate], twins: Sequence[AidEstimate] | None) -> list[Flowable]:
    flow: list[Flowable] = []
    for index, aid in enumerate(estimates):
        other = _at(twins, index)
        if aid.eligible is None:
            verdict = escape(lay.t(N_("cannot tell yet")))
        elif aid.eligible:
            verdict = f"<b>{escape(lay.t(ELIGIBLE))}</b>"
        else:
            verdict = f"<b>{escape(lay.t(NOT_ELIGIBLE))}</b>"
        if aid.suspended:
            verdict += f' · <font color="#{lay.warning_hex}"><b>{escape(lay.t(SUSPENDED))}</b></font>'
        amount = ""
        if aid.amount_eur is not None:
            if aid.amount_min_eur is not None and aid.amount_min_eur != aid.amount_eur:
                amount = escape(f"{lay.money(aid.amount_min_eur)} – {lay.money(aid.amount_eur)}")
            else:
                amount = escape(lay.money(aid.amount_eur))
            amount = f"<b>{amount}</b>" + (lay.tbc() if aid.to_be_confirmed else "")
        reasons = "<br/>".join(
            "• " + lay.twin(reason, _at(other.reasons if other else None, r)) for r, reason in enumerate(aid.reasons)
        )
        rows = [
            (lay.tm(N_("Eligibility")), verdict),
            (lay.tm(N_("Estimated aid")), amount),
            (lay.tm(N_("Rate")), lay.twin(aid.rate, other.rate if other else None)),
            (lay.tm(N_("Ceiling")), escape(lay.money(aid.ceiling_eur)) if aid.ceiling_eur is not None else ""),
            (lay.tm(N_("Why")), reasons),
        ]
        # The title keeps with its table, and the section heading with both (keepWithNext chains;
        # a KeepTogether would not join the chain).
        flow.append(lay.para(f"<b>{lay.twin(aid.scheme, other.scheme if other else None, True)}</b>", lay.lead_in))
        table = lay.pairs(rows)
        flow += [table, Spacer(1, 2 * mm)] if table is not None else [Spacer(1, 2 * mm)]
    return flow


def _summary(summary: PrintableSummary, lay: Layout, twin: PrintableSummary | None) -> list[Flowable]:
    """One form: answers, permits, timeline, aid, checklist, next steps, points of attention; empty parts left out."""
    flow: list[Flowable] = [
        CondPageBreak(60 * mm),
        _band(lay, lay.twin(summary.title, twin.title if twin else None, inline=True)),
    ]
    if summary.description:
        flow.append(lay.para(f"<i>{lay.twin(summary.description, twin.description if twin else None)}</i>", lay.small))
    flow += _answers(summary, lay, twin)

    def heading(msgid: str, keep: float = 30 * mm) -> list[Flowable]:
        return [CondPageBreak(keep), lay.para(lay.tm(msgid), lay.h3)]

    if summary.permits:
        permits = twin.permits if twin else None
        rows = [
            [
                lay.twin(p.name, _at(permits, i).name if _at(permits, i) else None)
                + (lay.tbc() if p.to_be_confirmed else ""),
                lay.twin(p.issuer, _at(permits, i).issuer if _at(permits, i) else None),
            ]
            for i, p in enumerate(summary.permits)
        ]
        flow += heading(N_("Permits needed"))
        flow.append(
            lay.grid(
                [lay.tm(N_("Permit"), dark=True), lay.tm(N_("Issued by"), dark=True)],
                rows,
                [78 * mm, CONTENT_WIDTH - 78 * mm],
            )
        )
    if summary.timeline:
        steps = twin.timeline if twin else None
        rows = [
            [
                f"<b>{escape(lay.day(step.due_on))}</b>" if step.due_on else f"<i>{escape(lay.t(DATE_TO_BE_SET))}</i>",
                lay.twin(step.label, _at(steps, i).label if _at(steps, i) else None)
                + (lay.tbc() if step.to_be_confirmed else ""),
                lay.twin(step.basis, _at(steps, i).basis if _at(steps, i) else None),
            ]
            for i, step in enumerate(summary.timeline)
        ]
        flow += heading(N_("Timeline"))
        widths = [27 * mm, 62 * mm, CONTENT_WIDTH - 89 * mm]
        flow.append(
            lay.grid(
                [
                    lay.tm(N_("Date"), dark=True),
                    lay.tm(N_("Step"), dark=True),
                    lay.tm(N_("How it is counted"), dark=True),
                ],
                rows,
                widths,
            )
        )
    if summary.aid:
        flow += heading(N_("Eligibility and estimated aid"), 45 * mm)
        flow += _aid(lay, summary.aid, twin.aid if twin else None)
    if summary.checklist:
        flow += heading(N_("Documents to gather"))
        checks = twin.checklist if twin else None
        for i, check in enumerate(summary.checklist):
            optional = (
                ""
                if check.required
                else f' <font color="#{lay.muted_hex}"><i>({escape(lay.t(IF_APPLICABLE))})</i></font>'
            )
            text = lay.twin(check.label, _at(checks, i).label if _at(checks, i) else None)
            flow.append(lay.para(f"{text}{optional}{lay.tbc() if check.to_be_confirmed else ''}", lay.checkbox, "☐"))
    if summary.next_steps:
        flow += heading(N_("Next steps"))
        for i, step in enumerate(summary.next_steps):
            flow.append(lay.para(lay.twin(step, _at(twin.next_steps if twin else None, i)), lay.bulleted, f"{i + 1}."))
    if summary.notices:
        flow += heading(N_("Please note"))
        for i, notice in enumerate(summary.notices):
            flow.append(lay.para(lay.twin(notice, _at(twin.notices if twin else None, i)), lay.warning, "⚠"))
    return flow


# -- closing -------------------------------------------------------------------------------


def _size(lay: Layout, size: int) -> str:
    if size < 1024:
        return lay.t(N_("{count} B"), count=size)
    if size < 1024 * 1024:
        return lay.t(N_("{count} kB"), count=f"{size / 1024:.0f}")
    return lay.t(N_("{count} MB"), count=f"{size / 1024 / 1024:.1f}".replace(".", "," if lay.language != "en" else "."))


def _closing(data: DossierData, lay: Layout, today: date) -> list[Flowable]:
    flow: list[Flowable] = []
    if data.open_tasks:
        late = f' <font color="#{lay.warning_hex}"><b>{escape(lay.t(OVERDUE))}</b></font>'
        rows = [
            [
                escape(lay.day(task.due_on)) + (late if task.due_on and task.due_on < today else ""),
                lay.user(task.title),
            ]
            for task in data.open_tasks
        ]
        flow += _heading(lay, lay.tm(N_("Open tasks")), 25 * mm)
        flow.append(
            lay.grid(
                [lay.tm(N_("Due on"), dark=True), lay.tm(N_("Task"), dark=True)],
                rows,
                [42 * mm, CONTENT_WIDTH - 42 * mm],
            )
        )
    if data.visits:
        rows = [
            [escape(lay.moment(v.occurred_at)), lay.user(v.channel), lay.user(v.place), lay.user(v.notes)]
            for v in data.visits
        ]
        flow += _heading(lay, lay.tm(N_("Visit history")))
        widths = [32 * mm, 24 * mm, 34 * mm, CONTENT_WIDTH - 90 * mm]
        header = [
            lay.tm(N_("Date"), dark=True),
            lay.tm(N_("Channel"), dark=True),
            lay.tm(N_("Place"), dark=True),
            lay.tm(N_("Notes"), dark=True),
        ]
        flow.append(lay.grid(header, rows, widths))
    if data.attachments:
        rows = [
            [
                str(i),
                lay.user(a.name),
                escape(a.media_type),
                escape(_size(lay, a.size)),
                f"<font size=7>{a.sha256[:16]}</font>",
            ]
            for i, a in enumerate(data.attachments, start=1)
        ]
        flow += _heading(lay, lay.tm(N_("Attachments")), 25 * mm)
        header = [
            lay.tm(N_("No."), dark=True),
            lay.tm(N_("File"), dark=True),
            lay.tm(N_("Type"), dark=True),
            lay.tm(N_("Size"), dark=True),
            "SHA-256",
        ]
        widths = [10 * mm, CONTENT_WIDTH - 108 * mm, 38 * mm, 22 * mm, 38 * mm]
        flow.append(lay.grid(header, rows, widths))
    flow += _signatures(data, lay)
    if lay.missing_glyphs:
        note = lay.t(
            N_("{mark} marks characters this document cannot print; the case in HubDesk shows them."),
            mark=MISSING_GLYPH,
        )
        flow += [Spacer(1, 4 * mm), lay.para(escape(note), lay.small)]
    return flow


def _signatures(data: DossierData, lay: Layout) -> list[Flowable]:
    def box(role: str, name: str) -> list[Flowable]:
        return [
            lay.para(f"<b>{lay.tm(role)}</b>", lay.cell),
            lay.para(lay.user(name) or "&nbsp;", lay.cell),
            Spacer(1, 4 * mm),
            lay.para(f"{lay.tm(PLACE_FIELD)} ______________________________", lay.small),
            Spacer(1, 3 * mm),
            lay.para(f"{lay.tm(DATE_FIELD)} ______________________________", lay.small),
            Spacer(1, 16 * mm),
            HRFlowable(width="85%", thickness=0.5, color=lay.identity.muted, hAlign="LEFT", spaceAfter=2),
            lay.para(lay.tm(N_("Signature")), lay.small),
        ]

    gap = 8 * mm
    half = (CONTENT_WIDTH - gap) / 2
    table = Table(
        [[box(THE_ADVISOR, data.advisor.name), "", box(THE_ENTREPRENEUR, data.enterprise.name)]],
        colWidths=[half, gap, half],
    )
    table.setStyle(
        TableStyle(
            [
                FONT_EVERYWHERE,
                ("BOX", (0, 0), (0, 0), 0.5, RULE),
                ("BOX", (2, 0), (2, 0), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return [CondPageBreak(75 * mm), _band(lay, lay.tm(N_("Signatures"))), table]


# -- document ------------------------------------------------------------------------------


def _paired(data: DossierData, lay: Layout) -> list[tuple[PrintableSummary, PrintableSummary | None]]:
    """Each form in the layout's first language, with its Dutch twin in fr-nl (matched by form)."""
    summaries = data.summaries.get(lay.language, ())
    if not lay.bilingual:
        return [(s, None) for s in summaries]
    twins = {(s.form_id, s.form_version): s for s in data.summaries.get("nl", ())}
    return [(s, twins.get((s.form_id, s.form_version))) for s in summaries]


def build_dossier(data: DossierData, layout: str, out: Path | BinaryIO) -> int:
    """Write the dossier PDF in `layout` (fr, nl, en or fr-nl) to a path or stream; returns the page count."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown dossier layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    register_fonts()
    # Streams zlib-compressed but not also ASCII85-encoded: reportlab's pure-Python A85 costs
    # ~20 ms per dossier and makes files a quarter larger. Only dossiers use reportlab here.
    rl_config.useA85 = 0
    lay = Layout(layout, load_identity())
    printed = data.printed_at or datetime.now(UTC)
    today = lay.local_date(printed)
    forms = _paired(data, lay)
    story = _cover(data, lay, [s for s, _ in forms], today)
    for summary, twin in forms:
        story += _summary(summary, lay, twin)
    story += _closing(data, lay, today)

    if lay.bilingual:  # both languages would not fit beside the page number
        footer_text = f"{data.reference} · v{data.version} · {lay.day(today)}"
    else:
        footer_text = lay.t(
            N_("Dossier {reference} · version {version} · printed on {date}"),
            reference=data.reference,
            version=data.version,
            date=lay.day(today),
        )
    header_text, unprintable = printable(f"{data.reference} · {data.enterprise.name}")
    if unprintable:  # the canvas draws DejaVu only: a □ in every header would read as an error
        header_text = data.reference

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(lay.identity.accent)
        canvas.setLineWidth(0.8)
        canvas.line(PAGE_MARGIN, FOOTER_Y + 4 * mm, PAGE_WIDTH - PAGE_MARGIN, FOOTER_Y + 4 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(lay.identity.muted)
        canvas.drawString(PAGE_MARGIN, FOOTER_Y, footer_text)
        canvas.drawRightString(
            PAGE_WIDTH - PAGE_MARGIN, FOOTER_Y, lay.t(N_("page {number} of {total}"), number=number, total=total)
        )
        canvas.restoreState()

    def header(canvas: Canvas, document: BaseDocTemplate) -> None:
        if document.page == 1:
            return
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(lay.identity.muted)
        top = PAGE_HEIGHT - 11 * mm
        canvas.drawString(PAGE_MARGIN, top, lay.identity.short_name or lay.identity.names(lay.languages))
        canvas.drawRightString(PAGE_WIDTH - PAGE_MARGIN, top, header_text[:90])
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(PAGE_MARGIN, top - 2.5 * mm, PAGE_WIDTH - PAGE_MARGIN, top - 2.5 * mm)
        canvas.restoreState()

    pages: list[int] = []
    buffer = io.BytesIO()
    title = f"{lay.t(SUPPORT_DOSSIER)} {data.reference} — {clean_text(data.enterprise.name)}"
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_HEIGHT - BODY_TOP,
        bottomMargin=BODY_BOTTOM,
        title=title,
        author=lay.identity.short_name or lay.identity.names(lay.languages),
        subject=clean_text(data.title),
        keywords=[data.reference, f"v{data.version}"],
        creator="HubDesk",
        lang=LANG_TAGS[layout],
        initialFontName=FONT,
        invariant=data.printed_at is not None,
    )
    frame = Frame(
        PAGE_MARGIN, BODY_BOTTOM, CONTENT_WIDTH, BODY_TOP - BODY_BOTTOM, id="body", leftPadding=0, rightPadding=0
    )

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        pages.append(document.page)
        header(canvas, document)

    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    document.build(story, canvasmaker=_numbered_canvas(footer))
    payload = buffer.getvalue()
    if isinstance(out, Path):
        temporary = out.with_name(out.name + ".part")
        temporary.write_bytes(payload)
        temporary.replace(out)
    else:
        out.write(payload)
    return len(pages)
