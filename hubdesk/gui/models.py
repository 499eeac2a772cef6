"""Table models over the services, loading lazily in the background so 100,000 rows scroll and filter at once.

`CaseListModel` is windowed: it knows the total count and keeps only the pages of 200
rows that were looked at (least recently used pages are dropped), asking for a missing
page on the read pool when the view first paints one of its rows. Every query carries a
generation number, so an answer to an older keystroke is dropped, never shown.
`EnterpriseListModel` grows page by page as the view scrolls (`fetchMore`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from hubdesk.domain.entities import CaseStatus
from hubdesk.domain.identifiers import format_enterprise_number
from hubdesk.domain.workflow import kind_label, status_label
from hubdesk.gui.tasks import TaskRunner
from hubdesk.kernel.formatting import format_day
from hubdesk.kernel.i18n import N_, _
from hubdesk.services import browse
from hubdesk.services.browse import CaseFilter, CaseRow, EnterpriseRow, OpenTask
from hubdesk.services.workspace import Workspace

PAGE_SIZE = 200
# The answer to a keystroke: a screenful or two, the rest of its page when scrolled to.
# Finding 100 matches instead of 200 halves the walk of a broad search.
FIRST_ROWS = 100
MAX_PAGES = 40
COUNT_DELAY_MS = 150  # count once typing pauses: a count per keystroke would slow the next keystroke's page
LOADING = "…"
DISPLAY, TOOLTIP, USER = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole
CELL_ROLES = frozenset((DISPLAY, TOOLTIP, USER))  # a view asks for a dozen roles per cell: the rest answer at once

Index = QModelIndex | QPersistentModelIndex


def short_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone().date()
    return format_day(value, style="medium")


def short_moment(value: datetime) -> str:
    """A date and time to the minute, in local time: `22 nov. 2026 09:00`."""
    local = value.astimezone()
    return f"{format_day(local.date(), style='medium')} {local:%H:%M}"


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # msgid, translated when shown
    sort: str | None = None  # sort key of the store, None when the column cannot sort


class ColumnsModel(QAbstractTableModel):
    """A flat table with translated column titles (`COLUMNS`); subclasses give `_row_count()` and `data()`."""

    COLUMNS: Sequence[Column] = ()

    def _row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.COLUMNS[section].title)
        return None

    def retranslate(self) -> None:
        """Titles and cells again in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        rows = self._row_count()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self.COLUMNS) - 1))


class CaseListModel(ColumnsModel):
    """The case list: filter, sort, count and lazily loaded pages."""

    COLUMNS: Sequence[Column] = (
        Column("reference", N_("Reference"), "reference"),
        Column("title", N_("Title"), "title"),
        Column("enterprise", N_("Enterprise"), "enterprise_name"),
        Column("status", N_("Status"), "status"),
        Column("kind", N_("Kind"), "kind"),
        Column("commune", N_("Commune")),
        Column("manager", N_("Account manager")),
        Column("due", N_("Due"), "due_on"),
        Column("updated", N_("Updated"), "updated_at"),
    )

    query_loaded = Signal(int)  # generation: the first page of a new query is shown
    count_loaded = Signal(int)  # the total number of matching cases
    page_loaded = Signal(int)  # page number

    def __init__(self, ws: Workspace, runner: TaskRunner, commune_name: Callable[[str], str]) -> None:
        super().__init__()
        self._ws = ws
        self._runner = runner
        self._commune_name = commune_name
        self._filter = CaseFilter()
        self._sort = "-updated_at"
        self._rows = 0
        self._total: int | None = None
        self._pages: OrderedDict[int, tuple[CaseRow, ...]] = OrderedDict()
        self._cells: dict[int, tuple[str, ...]] = {}  # row number -> its formatted cells
        self._pending: set[int] = set()
        self.generation = 0
        self.loaded_generation = -1
        self._counted_generation = -1
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count)

    # -- querying --------------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def total(self) -> int | None:
        return self._total

    def set_query(self, case_filter: CaseFilter | None = None, sort: str | None = None) -> int:
        """Start a new query (a keystroke, a filter, a sort); returns its generation."""
        if case_filter is not None:
            self._filter = case_filter
        if sort is not None:
            self._sort = sort
        self.generation += 1
        generation = self.generation
        self._total = None
        self._pending = {0}
        query, order = self._filter, self._sort
        self._runner.read(
            browse.case_page,
            self._ws,
            query,
            order,
            0,
            FIRST_ROWS,
            on_done=lambda page: self._first_page(generation, page.items),
        )
        self._count_timer.start()
        return generation

    def _count(self) -> None:
        generation, query = self.generation, self._filter
        if self._counted_generation == generation:
            return
        self._runner.read(browse.count_cases, self._ws, query, on_done=lambda total: self._counted(generation, total))

    def refresh(self) -> None:
        """Reload what is shown after a write or a sync, keeping the rows (and the selection) in place."""
        self.generation += 1
        generation = self.generation
        self.loaded_generation = generation
        self._pages.clear()
        self._cells.clear()
        self._pending.clear()
        self._runner.read(
            browse.count_cases, self._ws, self._filter, on_done=lambda total: self._counted(generation, total)
        )
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, len(self.COLUMNS) - 1))

    def _first_page(self, generation: int, items: tuple[CaseRow, ...]) -> None:
        if generation != self.generation:
            return
        self.beginResetModel()
        self._pages.clear()
        self._cells.clear()
        self._pages[0] = items
        self._pending.discard(0)
        if len(items) < FIRST_ROWS:
            self._rows = len(items)  # the whole answer: counted already
            self._total = len(items)
            self._counted_generation = generation
            self._count_timer.stop()
        elif self._counted_generation == generation and self._total is not None:
            self._rows = self._total
        else:
            self._rows = PAGE_SIZE  # until the count arrives
        self.endResetModel()
        self.loaded_generation = generation
        self.query_loaded.emit(generation)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self.generation:
            return
        self._counted_generation = generation
        self._total = total
        if self.loaded_generation == generation:
            self._resize(total)
        self.count_loaded.emit(total)

    def _resize(self, total: int) -> None:
        if total > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        elif total < self._rows:
            self.beginRemoveRows(QModelIndex(), total, self._rows - 1)
            self._rows = total
            self.endRemoveRows()

    def _request_page(self, page: int) -> None:
        if page in self._pending:
            return
        self._pending.add(page)
        generation = self.generation
        self._runner.read(
            browse.case_page,
            self._ws,
            self._filter,
            self._sort,
            page * PAGE_SIZE,
            PAGE_SIZE,
            on_done=lambda result: self._page_arrived(generation, page, result.items),
        )

    def _page_arrived(self, generation: int, page: int, items: tuple[CaseRow, ...]) -> None:
        if generation != self.generation:
            return
        self._pending.discard(page)
        self._pages[page] = items
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        self._cells.clear()
        first = page * PAGE_SIZE
        last = min(self._rows, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))
        if len(items) < PAGE_SIZE and self._counted_generation != generation:
            self._count_timer.stop()
            self._counted(generation, first + len(items))  # a short page is the end: counted
        self.page_loaded.emit(page)

    def retranslate(self) -> None:
        self._cells.clear()
        super().retranslate()

    # -- access ----------------------------------------------------------------------

    def row_at(self, row: int) -> CaseRow | None:
        page = self._pages.get(row // PAGE_SIZE)
        if page is None:
            return None
        self._pages.move_to_end(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_of(self, case_id: str) -> int | None:
        for page_number, items in self._pages.items():
            for offset, item in enumerate(items):
                if item.id == case_id:
                    return page_number * PAGE_SIZE + offset
        return None

    # -- Qt model API ----------------------------------------------------------------

    def _row_count(self) -> int:
        return self._rows

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in CELL_ROLES or not index.isValid():
            return None
        number = index.row()
        row = self.row_at(number)
        if row is None:
            if number < self._rows:
                self._request_page(number // PAGE_SIZE)
            return LOADING if role == DISPLAY else None
        if role == USER:
            return row.id
        cells = self._cells.get(number)
        if cells is None:  # formatted once per row and language, not at every paint
            cells = self._cells[number] = tuple(self._cell(row, column.key) for column in self.COLUMNS)
        return cells[index.column()]

    def _cell(self, row: CaseRow, key: str) -> str:
        if key == "reference":
            return row.reference
        if key == "title":
            return row.title
        if key == "enterprise":
            return row.enterprise_name
        if key == "status":
            return status_label(row.status)
        if key == "kind":
            return kind_label(row.kind)
        if key == "commune":
            return self._commune_name(row.commune_nis) if row.commune_nis else ""
        if key == "manager":
            return row.account_manager or ""
        if key == "due":
            return short_date(row.due_on)
        if key == "updated":
            return short_date(row.updated_at)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column].sort
        if key is None:
            return
        sort = key if order == Qt.SortOrder.AscendingOrder else f"-{key}"
        if sort != self._sort:
            self.set_query(sort=sort)


class EnterpriseListModel(ColumnsModel):
    """Enterprises by name, narrowed by a full-text prefix; grows a page at a time as the view scrolls."""

    COLUMNS: Sequence[Column] = (
        Column("name", N_("Name")),
        Column("number", N_("Enterprise number")),
        Column("postal_code", N_("Postal code")),
        Column("commune", N_("Commune")),
        Column("manager", N_("Account manager")),
    )

    query_loaded = Signal(int)

    def __init__(self, ws: Workspace, runner: TaskRunner, commune_name: Callable[[str], str]) -> None:
        super().__init__()
        self._ws = ws
        self._runner = runner
        self._commune_name = commune_name
        self._text = ""
        self._items: list[EnterpriseRow] = []
        self._has_more = False
        self._loading = False
        self.generation = 0

    def set_text(self, text: str) -> int:
        self._text = text
        self.generation += 1
        generation = self.generation
        self._loading = True
        self._runner.read(
            browse.enterprise_page,
            self._ws,
            text,
            0,
            PAGE_SIZE,
            on_done=lambda page: self._arrived(generation, page.items, reset=True),
        )
        return generation

    def refresh(self) -> None:
        self.set_text(self._text)

    def _arrived(self, generation: int, items: tuple[EnterpriseRow, ...], reset: bool) -> None:
        if generation != self.generation:
            return
        self._loading = False
        self._has_more = len(items) == PAGE_SIZE
        if reset:
            self.beginResetModel()
            self._items = list(items)
            self.endResetModel()
            self.query_loaded.emit(generation)
        elif items:
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(items) - 1)
            self._items.extend(items)
            self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self.generation
        self._runner.read(
            browse.enterprise_page,
            self._ws,
            self._text,
            len(self._items),
            PAGE_SIZE,
            on_done=lambda page: self._arrived(generation, page.items, reset=False),
        )

    def row_at(self, row: int) -> EnterpriseRow | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def _row_count(self) -> int:
        return len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        key = self.COLUMNS[index.column()].key
        if key == "name":
            return item.name
        if key == "number":
            return format_enterprise_number(item.number)
        if key == "postal_code":
            return item.postal_code
        if key == "commune":
            return self._commune_name(item.commune_nis) if item.commune_nis else ""
        if key == "manager":
            return item.account_manager or ""
        return None


class TaskListModel(ColumnsModel):
    """Open tasks of every case, soonest due first."""

    COLUMNS: Sequence[Column] = (
        Column("due", N_("Due")),
        Column("title", N_("Task")),
        Column("case", N_("Case")),
    )
    loaded = Signal()

    def __init__(self, ws: Workspace, runner: TaskRunner) -> None:
        super().__init__()
        self._ws = ws
        self._runner = runner
        self._items: list[OpenTask] = []
        self._generation = 0

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self._runner.read(browse.open_tasks, self._ws, 500, on_done=lambda items: self._arrived(generation, items))

    def _arrived(self, generation: int, items: list[OpenTask]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()
        self.loaded.emit()

    def item_at(self, row: int) -> OpenTask | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def _row_count(self) -> int:
        return len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        key = self.COLUMNS[index.column()].key
        if key == "due":
            return short_date(item.task.due_on) if item.task.due_on else _("no date")
        if key == "title":
            return item.task.title
        return f"{item.case_reference} · {item.case_title}"


def status_choices() -> list[tuple[str, CaseStatus]]:
    return [(status_label(s), s) for s in CaseStatus]
