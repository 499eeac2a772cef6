"""Typesetting helpers of one dossier: styles, labels in its language(s), user text, dates, money and tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date, format_datetime
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Table, TableStyle

from hubdesk.dossier.branding import Identity
from hubdesk.dossier.fonts import FONT, FONT_BOLD, markup
from hubdesk.kernel.formatting import format_day, format_money, locale_of
from hubdesk.kernel.i18n import N_, gettext

PAGE_MARGIN = 18 * mm
CONTENT_WIDTH = 210 * mm - 2 * PAGE_MARGIN
LABEL_WIDTH = 60 * mm
CELL_PADDING = 4.0
INK = colors.HexColor("#1d2329")
RULE = colors.HexColor("#d3dbe3")
SOFT_ON_DARK = "c9d7e6"  # the second language on a dark header row
# Tables set a cell font even around flowables; without it they name an unembedded Helvetica.
FONT_EVERYWHERE = ("FONTNAME", (0, 0), (-1, -1), FONT)
TO_BE_CONFIRMED = N_("to be confirmed")

try:
    from zoneinfo import ZoneInfo

    BRUSSELS: Any = ZoneInfo("Europe/Brussels")
except (ImportError, KeyError, OSError):  # no time-zone database (e.g. Windows without tzdata)
    BRUSSELS = None


class Layout:
    """Text and building blocks for one layout: a language, or French and Dutch side by side (fr-nl)."""

    def __init__(self, layout: str, identity: Identity) -> None:
        self.layout = layout
        self.languages: tuple[str, ...] = ("fr", "nl") if layout == "fr-nl" else (layout,)
        self.language = self.languages[0]
        self.bilingual = len(self.languages) > 1
        self.identity = identity
        self.missing_glyphs = False
        self.muted_hex = identity.muted.hexval()[2:]
        self.warning_hex = identity.warning.hexval()[2:]
        body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12.5, textColor=INK)
        self.body = body
        self.small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=identity.muted)
        self.cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11)
        self.label = ParagraphStyle("label", parent=self.cell, textColor=identity.muted)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=FONT_BOLD)
        self.header_cell = ParagraphStyle("head", parent=self.cell, fontName=FONT_BOLD, textColor=colors.white)
        self.h1 = ParagraphStyle(
            "h1", parent=body, fontName=FONT_BOLD, fontSize=21, leading=26, textColor=identity.primary
        )
        self.h2 = ParagraphStyle(
            "h2", parent=body, fontName=FONT_BOLD, fontSize=13, leading=17, textColor=identity.primary
        )
        self.h3 = ParagraphStyle(
            "h3",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=identity.primary,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.group_title = ParagraphStyle("group", parent=self.cell, spaceBefore=5, spaceAfter=1.5, keepWithNext=1)
        self.lead_in = ParagraphStyle("leadin", parent=body, spaceAfter=1, keepWithNext=1)
        self.qr_caption = ParagraphStyle("qr", parent=self.small, fontSize=6.5, alignment=TA_RIGHT)
        self.bulleted = ParagraphStyle(
            "bulleted", parent=body, leftIndent=13, bulletIndent=0, bulletFontName=FONT, spaceAfter=1.5
        )
        self.checkbox = ParagraphStyle(
            "checkbox", parent=self.bulleted, bulletFontName=FONT, bulletFontSize=11, leftIndent=15
        )
        self.warning = ParagraphStyle("warning", parent=self.bulleted, textColor=identity.warning)

    # -- text ----------------------------------------------------------------------------
    def t(self, msgid: str, **params: Any) -> str:
        """A fixed label as plain text in the layout's language(s): `Adresse / Adres` in fr-nl."""
        return " / ".join(dict.fromkeys(gettext(msgid, lang).format(**params) for lang in self.languages))

    def tm(self, msgid: str, *, dark: bool = False, stacked: str = "", **params: Any) -> str:
        """A fixed label as markup; in fr-nl the Dutch half is lighter so the eye finds its language.

        `dark`: the label sits on a dark background. `stacked`: put the Dutch half on its own
        line in this font size (titles).
        """
        texts = list(dict.fromkeys(escape(gettext(msgid, lang).format(**params)) for lang in self.languages))
        if len(texts) == 1:
            return texts[0]
        colour = SOFT_ON_DARK if dark else self.muted_hex
        if stacked:
            return f'{texts[0]}<br/><font size="{stacked}" color="#{colour}">{texts[1]}</font>'
        return f'{texts[0]} <font color="#{colour}">/ {texts[1]}</font>'

    def user(self, text: str) -> str:
        """User or form text as markup that prints as typed (escaped, shaped, fallback fonts)."""
        shown, replaced = markup(text)
        self.missing_glyphs |= replaced
        return shown

    def twin(self, first: str, second: str | None, inline: bool = False, dark: bool = False) -> str:
        """A text with its Dutch twin (fr-nl), shown once when both say the same thing."""
        shown = self.user(first)
        if second is None or not second or _same(first, second):
            return shown
        separator = " / " if inline else "<br/>"
        colour = SOFT_ON_DARK if dark else self.muted_hex
        return f'{shown}{separator}<font color="#{colour}">{self.user(second)}</font>'

    def tbc(self) -> str:
        """The visible "to be confirmed" mark."""
        return f' <font color="#{self.warning_hex}"><i>({escape(self.t(TO_BE_CONFIRMED))})</i></font>'

    def day(self, value: date | None) -> str:
        """`21 mai 2026`; numeric `21/05/2026` in fr-nl, where both languages read it alike."""
        if value is None:
            return ""
        if self.bilingual:
            return str(format_date(value, "dd/MM/yyyy", locale=locale_of(self.language)))
        return format_day(value, self.language, "medium")

    def moment(self, value: datetime) -> str:
        """`10/03/2026 12:05`, Brussels time."""
        return str(format_datetime(value, "dd/MM/yyyy HH:mm", tzinfo=BRUSSELS, locale=locale_of(self.language)))

    def local_date(self, value: datetime) -> date:
        return value.astimezone(BRUSSELS).date() if BRUSSELS is not None and value.tzinfo else value.date()

    def money(self, value: Decimal | int) -> str:
        return format_money(value, self.language)

    def para(self, text: str, style: ParagraphStyle | None = None, bullet: str | None = None) -> Paragraph:
        return Paragraph(text, style or self.body, bulletText=bullet)

    # -- tables ----------------------------------------------------------------------------
    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | Flowable]],
        widths: Sequence[float] | None = None,
    ) -> LongTable:
        """A zebra table whose coloured header row repeats on every page it spans.

        Header texts are markup; cells are markup strings or flowables. Without `widths`
        the columns share the width by content, each at least as wide as its longest word.
        """
        if widths is None:
            widths = column_widths([list(header), *[[c for c in row if isinstance(c, str)] for row in rows]])
        data: list[list[Any]] = [[self.cell_for(h, self.header_cell, w) for h, w in zip(header, widths, strict=True)]]
        data += [
            [self.cell_for(c, self.cell, w) if isinstance(c, str) else c for c, w in zip(row, widths, strict=True)]
            for row in rows
        ]
        table = LongTable(data, colWidths=list(widths), repeatRows=1, splitByRow=True)
        style: list[tuple[Any, ...]] = [
            *self._cell_fonts(),
            ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("BACKGROUND", (0, 0), (-1, 0), self.identity.primary),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ]
        if len(data) > 3:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, self.identity.light]))
        table.setStyle(TableStyle(style))
        return table

    def cell_for(self, text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
        """Plain text where it needs no markup and fits on one line (drawn ~5x faster), else a Paragraph."""
        if "<" in text or "&" in text or stringWidth(text, style.fontName, style.fontSize) > width - 2 * CELL_PADDING:
            return Paragraph(text, style)
        return text

    def _cell_fonts(self) -> list[tuple[Any, ...]]:
        """What plain-text cells need to look like Paragraph cells; padding and alignment for both."""
        return [
            FONT_EVERYWHERE,
            ("FONTSIZE", (0, 0), (-1, -1), self.cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), self.cell.leading),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]

    def pairs(self, items: Sequence[tuple[str, str]], width: float = CONTENT_WIDTH) -> Table | None:
        """Label/value lines (both markup); lines with no value are left out, None when none is left."""
        label_width = min(LABEL_WIDTH, width * 0.42)
        rows = [
            [self.cell_for(k, self.label, label_width), self.cell_for(v, self.cell, width - label_width)]
            for k, v in items
            if v
        ]
        if not rows:
            return None
        table = Table(rows, colWidths=[label_width, width - label_width])
        style = [
            *self._cell_fonts(),
            ("TEXTCOLOR", (0, 0), (0, -1), self.identity.muted),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ]
        table.setStyle(TableStyle(style))
        return table


def _same(first: str, second: str) -> bool:
    """Two renderings of one value (`12 500,00 €` / `€ 12.500,00`) count as one: same letters and digits."""
    return [c for c in first.casefold() if c.isalnum()] == [c for c in second.casefold() if c.isalnum()]


def _plain(markup_text: str) -> str:
    """Markup reduced to its visible text, close enough to measure a column."""
    out, inside = [], False
    for char in markup_text:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
        elif not inside:
            out.append(char)
    return "".join(out).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def column_widths(
    rows: Sequence[Sequence[str]], total: float = CONTENT_WIDTH, size: float = 8.5, cap: float = 0.55
) -> list[float]:
    """Share `total` among columns by content: no column narrower than its longest word (when that fits).

    `rows` holds cell markup (the first row the header). A column gets its natural width
    (longest line, capped at `cap` of the total) when everything fits, and otherwise its
    longest word plus a share of what remains in proportion to how much more it would like.
    """
    count = max((len(r) for r in rows), default=0)
    if count == 0:
        return []
    pad = 2 * CELL_PADDING + 1
    natural = [0.0] * count
    minimum = [0.0] * count
    for row_index, row in enumerate(rows):
        for index, cell in enumerate(row[:count]):
            font = FONT_BOLD if row_index == 0 or cell.startswith("<b>") else FONT
            lines = _plain(cell.replace("<br/>", "\n")).split("\n")
            longest = max(stringWidth(line, font, size) + pad for line in lines)
            if row_index == 0 and len(rows) > 1:  # a long header wraps rather than widen its column
                longest = min(longest, 30 * mm)
            natural[index] = max(natural[index], longest)
            words = " ".join(lines).split()
            if words:
                minimum[index] = max(minimum[index], *(stringWidth(w, font, size) + pad for w in words))
    natural = [min(max(n, 12 * mm), total * cap) for n in natural]
    minimum = [min(m, n, total / count * 1.6) for m, n in zip(minimum, natural, strict=True)]
    if sum(natural) <= total:
        scale = total / sum(natural)
        return [n * scale for n in natural]
    if sum(minimum) >= total:
        return [total * m / sum(minimum) for m in minimum]
    spare = total - sum(minimum)
    wants = [n - m for n, m in zip(natural, minimum, strict=True)]
    return [m + spare * w / sum(wants) for m, w in zip(minimum, wants, strict=True)]
