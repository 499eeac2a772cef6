"""Read access to the workspace: entities by id or key, paged case and enterprise lists, search, counts.

A `Reader` works on one connection; inside `Store.read()` every call sees the same
snapshot (one read transaction; under WAL a writer never blocks it). It returns domain
entities or frozen DTOs, never ORM objects or rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from math import isqrt
from typing import Any

from sqlalchemy import Connection, text

from hubdesk.domain.entities import (
    Attachment,
    Case,
    CaseKind,
    CaseStatus,
    Contact,
    Enterprise,
    FormAnswers,
    StatusChange,
    Task,
    Visit,
)
from hubdesk.domain.identifiers import format_enterprise_number
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.store import search
from hubdesk.store.codec import KINDS, from_row
from hubdesk.store.dto import CaseFilter, CaseRow, EnterpriseRow, Page, SearchHit
from hubdesk.store.search import FtsIndex


@dataclass(frozen=True)
class _Sort:
    ascending: tuple[str, ...]  # ORDER BY terms when ascending (the row id breaks ties)
    descending: tuple[str, ...]


# Each sort matches an index (see models.CaseModel) so a first page reads ~200 rows, not 100,000.
CASE_SORTS: dict[str, _Sort] = {
    "updated_at": _Sort(("c.updated_at",), ("c.updated_at",)),
    # Cases with no due date come last both ways.
    "due_on": _Sort(("(c.due_on IS NULL)", "c.due_on"), ("c.due_on",)),
    "reference": _Sort(("c.reference",), ("c.reference",)),
    "title": _Sort(("c.title",), ("c.title",)),
    "status": _Sort(("c.status", "c.updated_at"), ("c.status", "c.updated_at")),
    "kind": _Sort(("c.kind", "c.updated_at"), ("c.kind", "c.updated_at")),
    "enterprise_name": _Sort(("e.name", "e.id"), ("e.name", "e.id")),
}
LIST_MIN_BOUND = 500  # below this many matches, sorting them all is always cheap
CASE_FILTER_COLUMNS = {
    "status": "c.status",
    "kind": "c.kind",
    "commune_nis": "c.commune_nis",
    "account_manager": "c.account_manager",
    "attache_post": "c.attache_post",
    "enterprise_id": "c.enterprise_id",
}
_CASE_COLUMNS = (
    "c.id, c.reference, c.title, c.kind, c.status, c.enterprise_id, e.name, e.number, c.commune_nis, "
    "c.account_manager, c.attache_post, e.sector, c.due_on, c.updated_at"
)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def order_by(sort: str) -> str:
    """The ORDER BY clause of a case list sort ("title", "-updated_at", ...)."""
    key = sort.removeprefix("-")
    if key not in CASE_SORTS:
        raise ValidationError(
            N_("Unknown sort “{sort}”; use one of: {allowed}."),
            field="sort",
            sort=sort,
            allowed=", ".join(CASE_SORTS),
        )
    descending = sort.startswith("-")
    terms = CASE_SORTS[key].descending if descending else CASE_SORTS[key].ascending
    direction = " DESC" if descending else ""
    return ", ".join(f"{term}{direction}" for term in (*terms, "c.rid"))


class Reader:
    """Queries on one connection (one snapshot inside `Store.read()`)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    @property
    def connection(self) -> Connection:
        """The underlying connection (for the sync engine's own tables; never hand it to views)."""
        return self._connection

    # -- entities ------------------------------------------------------------------------

    def _one(self, kind: str, where: str, **params: Any) -> Any:
        row = self._connection.execute(text(f'SELECT * FROM "{kind}" WHERE {where} LIMIT 1'), params).mappings().first()
        return None if row is None else from_row(kind, row)

    def _many(self, kind: str, where: str, order: str, **params: Any) -> list[Any]:
        rows = self._connection.execute(text(f'SELECT * FROM "{kind}" WHERE {where} ORDER BY {order}'), params)
        return [from_row(kind, row) for row in rows.mappings()]

    def get(self, kind: str, record_id: str) -> Any:
        """The record of any kind by id, or None."""
        if kind not in KINDS:
            raise ValidationError(N_("Unknown record kind “{kind}”."), field="kind", kind=kind)
        return self._one(kind, "id = :id", id=record_id)

    def get_enterprise(self, enterprise_id: str) -> Enterprise | None:
        result: Enterprise | None = self._one("enterprise", "id = :id", id=enterprise_id)
        return result

    def find_enterprise_by_number(self, number: str) -> Enterprise | None:
        """By the normalised 10-digit number."""
        result: Enterprise | None = self._one("enterprise", "number = :n", n=number)
        return result

    def get_case(self, case_id: str) -> Case | None:
        result: Case | None = self._one("case", "id = :id", id=case_id)
        return result

    def find_case_by_reference(self, reference: str) -> Case | None:
        result: Case | None = self._one("case", "reference = :r", r=reference)
        return result

    def get_task(self, task_id: str) -> Task | None:
        result: Task | None = self._one("task", "id = :id", id=task_id)
        return result

    def get_form_answers(self, answers_id: str) -> FormAnswers | None:
        result: FormAnswers | None = self._one("form_answers", "id = :id", id=answers_id)
        return result

    def contacts_of(self, enterprise_id: str) -> list[Contact]:
        return self._many("contact", "enterprise_id = :id", "name, rid", id=enterprise_id)

    def cases_of(self, enterprise_id: str) -> list[Case]:
        return self._many("case", "enterprise_id = :id", "opened_on DESC, reference", id=enterprise_id)

    def visits_of(self, case_id: str) -> list[Visit]:
        return self._many("visit", "case_id = :id", "occurred_at, rid", id=case_id)

    def tasks_of(self, case_id: str) -> list[Task]:
        return self._many("task", "case_id = :id", "done, due_on IS NULL, due_on, title", id=case_id)

    def attachments_of(self, case_id: str) -> list[Attachment]:
        return self._many("attachment", "case_id = :id", "added_at, name", id=case_id)

    def status_history(self, case_id: str) -> list[StatusChange]:
        return self._many("status_change", "case_id = :id", "changed_at, rid", id=case_id)

    def forms_of(self, case_id: str) -> list[FormAnswers]:
        return self._many("form_answers", "case_id = :id", "form_id, updated_at", id=case_id)

    def open_tasks(self, limit: int = 200) -> list[Task]:
        """Tasks not done, soonest due first, those without a due date last."""
        rows = self._connection.execute(
            text("SELECT * FROM task WHERE done = 0 ORDER BY due_on IS NULL, due_on, rid LIMIT :limit"),
            {"limit": limit},
        )
        return [from_row("task", row) for row in rows.mappings()]

    # -- lists ---------------------------------------------------------------------------

    def _case_where(
        self, case_filter: CaseFilter, *, indexed: bool = True, joined: bool = False
    ) -> tuple[str, dict[str, Any]]:
        """WHERE clause and parameters of a case filter.

        With `indexed=False` every term is written so that SQLite cannot use an index for
        it (a unary "+"), which leaves the sort's index as the only way in. `joined` says
        the enterprise is joined as `e` (its sector is then read from it).
        """
        plus = "" if indexed else "+"
        clauses: list[str] = []
        params: dict[str, Any] = {}
        for name, column in CASE_FILTER_COLUMNS.items():
            value = getattr(case_filter, name)
            if value:
                clauses.append(f"{plus}{column} = :{name}")
                params[name] = value
        if case_filter.sector:
            if joined:
                clauses.append("+e.sector = :sector")
            else:  # the sector's enterprises as a set, probed case by case
                clauses.append("+c.enterprise_id IN (SELECT id FROM enterprise WHERE sector = :sector)")
            params["sector"] = case_filter.sector
        if case_filter.text:
            expression = search.match_expression(case_filter.text)
            if expression is None:
                clauses.append("0")
            else:
                # Cases whose title or reference match, or whose enterprise's name or number match.
                # Two small sets probed per case: a union would first list every case of every
                # matching enterprise (10 ms for a two-letter prefix at 100,000 cases).
                clauses.append(
                    f"{plus}(c.rid IN (SELECT rowid FROM fts_case WHERE fts_case MATCH :q) "
                    "OR c.enterprise_id IN (SELECT e2.id FROM fts_enterprise "
                    "JOIN enterprise e2 ON e2.rid = fts_enterprise.rowid WHERE fts_enterprise MATCH :q))"
                )
                params["q"] = expression
        return (" AND ".join(clauses) or "1"), params

    def _few_matches(self, case_filter: CaseFilter, rows_needed: int, sort_key: str) -> bool:
        """Whether reading every match and sorting beats walking the sort's index and filtering.

        With m matches among n cases, sorting reads about m table rows (for the sort key),
        while walking the sort's index reads about rows_needed * n / m index entries, each
        several times cheaper; they cross near m = sqrt(rows_needed * n / 8). m is counted
        only up to that crossing: the column filters together inside one index, the sector
        and the text from their own indexes (an upper bound), so deciding costs about a
        millisecond.
        """
        if not any(vars(case_filter).values()):
            return False
        if case_filter.enterprise_id:
            return True
        cases = int(self._connection.execute(text('SELECT max(rid) FROM "case"')).scalar() or 0)
        bound = max(LIST_MIN_BOUND, isqrt(rows_needed * cases // 8))
        if case_filter.text or case_filter.sector:
            # Their matches come as a set of row ids: sorting them is cheap, and text often
            # follows the sort order (titles by kind), which makes walking an index long.
            bound *= 3
        by_name = sort_key == "enterprise_name"
        if by_name:
            bound *= 4  # walking enterprises by name costs a join per enterprise, matched or not
        counts: list[float] = []
        columns = {column: getattr(case_filter, name) for name, column in CASE_FILTER_COLUMNS.items()}
        if any(columns.values()):  # every list index carries every filter column: counted inside one index
            where = " AND ".join(f"{column} = :p{n}" for n, (column, value) in enumerate(columns.items()) if value)
            params = {f"p{n}": value for n, value in enumerate(columns.values()) if value}
            counts.append(self._count_upto(f'"case" c WHERE {where}', bound, **params))
        if case_filter.sector or case_filter.text:
            enterprises = int(self._connection.execute(text("SELECT max(rid) FROM enterprise")).scalar() or 1)
            per_enterprise = cases / max(1, enterprises)
            if case_filter.sector and not by_name:  # (by name, the walk checks the sector on the way)
                found = self._count_upto("enterprise WHERE sector = :v", bound, v=case_filter.sector)
                counts.append(found * per_enterprise)
            expression = search.match_expression(case_filter.text or "")
            if case_filter.text and expression is not None:
                in_cases = self._count_upto("fts_case WHERE fts_case MATCH :q", bound, q=expression)
                in_names = self._count_upto("fts_enterprise WHERE fts_enterprise MATCH :q", bound, q=expression)
                counts.append(in_cases + in_names * per_enterprise)
        return bool(counts) and min(counts) < bound

    def _count_upto(self, source: str, bound: int, **params: Any) -> int:
        found = self._connection.execute(
            text(f"SELECT count(*) FROM (SELECT 1 FROM {source} LIMIT :bound)"), {**params, "bound": bound}
        ).scalar_one()
        return int(found)

    def list_cases(
        self,
        case_filter: CaseFilter | None = None,
        sort: str = "-updated_at",
        offset: int = 0,
        limit: int = 200,
    ) -> Page[CaseRow]:
        """One page of cases matching the filter, in the given sort (a "-" prefix sorts descending).

        Sorts: updated_at, due_on (no due date last), reference, title, status, kind,
        enterprise_name; ties go by creation order. The total is not counted here (see
        `count_cases`).

        The plan is chosen here rather than left to SQLite, which does not weigh LIMIT: a
        filter matching few cases reads them through its index and sorts them; one
        matching many walks the sort's index (filters checked inside it) and stops after
        the page. Either way only the page's row ids are found first; the rows and their
        enterprises are read for those alone.
        """
        case_filter = case_filter or CaseFilter()
        order = order_by(sort).split(", ")
        unindexed_order = ", ".join("+" + term for term in order)
        by_name = sort.removeprefix("-") == "enterprise_name"
        few = self._few_matches(case_filter, offset + limit, sort.removeprefix("-"))
        where, params = self._case_where(case_filter, indexed=few, joined=by_name)
        inner_order = unindexed_order if few else ", ".join(order)  # few: sort them, no index walk for the order
        join = " JOIN enterprise e ON e.id = c.enterprise_id" if by_name else ""
        rows = self._connection.execute(
            text(
                f'SELECT {_CASE_COLUMNS} FROM (SELECT c.rid AS r FROM "case" c{join} WHERE {where} '
                f"ORDER BY {inner_order} LIMIT :limit OFFSET :offset) page "
                f'JOIN "case" c ON c.rid = page.r JOIN enterprise e ON e.id = c.enterprise_id '
                f"ORDER BY {unindexed_order}"
            ),
            {**params, "limit": limit, "offset": offset},
        )
        items = tuple(
            CaseRow(
                id=r[0],
                reference=r[1],
                title=r[2],
                kind=CaseKind(r[3]),
                status=CaseStatus(r[4]),
                enterprise_id=r[5],
                enterprise_name=r[6],
                enterprise_number=r[7],
                commune_nis=r[8],
                account_manager=r[9],
                attache_post=r[10],
                sector=r[11],
                due_on=_date(r[12]),
                updated_at=_datetime(r[13]),
            )
            for r in rows
        )
        return Page(items, None, offset, limit)

    def count_cases(self, case_filter: CaseFilter | None = None) -> int:
        """How many cases match the filter (for a "1-200 of 4,312" label; not on the hot path)."""
        where, params = self._case_where(case_filter or CaseFilter())
        value = self._connection.execute(text(f'SELECT count(*) FROM "case" c WHERE {where}'), params)
        return int(value.scalar_one())

    def list_enterprises(
        self, text_prefix: str | None = None, offset: int = 0, limit: int = 200
    ) -> Page[EnterpriseRow]:
        """Enterprises by name; with `text_prefix`, only those whose name or number has words starting so."""
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        where = "1"
        if text_prefix and text_prefix.strip():
            expression = search.match_expression(text_prefix)
            where = "0"
            if expression is not None:
                where = "rid IN (SELECT rowid FROM fts_enterprise WHERE fts_enterprise MATCH :q)"
                params["q"] = expression
        rows = self._connection.execute(
            text(
                "SELECT id, number, name, postal_code, commune_nis, sector, account_manager FROM enterprise "
                f"WHERE {where} ORDER BY name, id LIMIT :limit OFFSET :offset"
            ),
            params,
        )
        return Page(tuple(EnterpriseRow(*r) for r in rows), None, offset, limit)

    # -- search --------------------------------------------------------------------------

    def search(self, text_query: str, limit: int = 50, kinds: Sequence[str] | None = None) -> list[SearchHit]:
        """Ranked hits over enterprises, contacts, cases and visit notes; [] for text with no word in it.

        Accents and case are ignored, every word must match, words match as prefixes.
        """
        expression = search.match_expression(text_query)
        if expression is None or limit <= 0:
            return []
        hits: list[SearchHit] = []
        for index in search.indexes_for(kinds):
            hits.extend(self._search_index(index, expression, text_query, limit))
        hits.sort(key=lambda hit: hit.rank)
        return hits[:limit]

    def _search_index(self, index: FtsIndex, expression: str, query: str, limit: int) -> list[SearchHit]:
        # bm25 is computed only for the newest SEARCH_WINDOW matches of a kind: a prefix
        # found in 50,000 visit notes would otherwise be scored 50,000 times per keystroke.
        # FTS5 walks rowids newest first and stops at the window, so the cost stays flat.
        fts = index.table
        matches = (
            f"SELECT rowid AS rid, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH :q "
            f"ORDER BY rowid DESC LIMIT {search.SEARCH_WINDOW}"
        )
        joined = {
            "enterprise": "SELECT e.id, e.name, e.number, NULL, e.id, m.score FROM m "
            "JOIN enterprise e ON e.rid = m.rid",
            "contact": "SELECT k.id, k.name, k.role || ' · ' || e.name, NULL, k.enterprise_id, m.score FROM m "
            "JOIN contact k ON k.rid = m.rid JOIN enterprise e ON e.id = k.enterprise_id",
            "case": "SELECT c.id, c.reference || ' ' || c.title, e.name, c.id, c.enterprise_id, m.score FROM m "
            'JOIN "case" c ON c.rid = m.rid JOIN enterprise e ON e.id = c.enterprise_id',
            "visit": "SELECT v.id, c.reference || ' ' || c.title, v.notes, v.case_id, c.enterprise_id, m.score "
            'FROM m JOIN visit v ON v.rid = m.rid JOIN "case" c ON c.id = v.case_id',
        }[index.kind]
        sql = f"WITH m AS (SELECT * FROM ({matches}) ORDER BY score LIMIT :limit) {joined} ORDER BY m.score"
        hits = []
        for r in self._connection.execute(text(sql), {"q": expression, "limit": limit}):
            if index.kind == "visit":
                snippet = search.snippet(r[2], query)
            elif index.kind == "enterprise":
                snippet = format_enterprise_number(r[2]) if len(r[2]) == 10 else r[2]
            else:
                snippet = (r[2] or "").strip(" ·")
            hits.append(SearchHit(index.kind, r[0], r[1], snippet, r[3], r[4], float(r[5]) * index.weight))
        return hits

    # -- settings and counts -------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self._connection.execute(text('SELECT value FROM setting WHERE "key" = :k'), {"k": key}).first()
        return None if row is None else str(row[0])

    def counts(self) -> dict[str, int]:
        """Number of records of each kind."""
        return {
            kind: int(self._connection.execute(text(f'SELECT count(*) FROM "{kind}"')).scalar_one()) for kind in KINDS
        }
