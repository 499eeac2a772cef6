"""Case lists: every filter and sort against a plain Python reference, through both query plans."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from store_factories import enterprise_number, make_case, make_enterprise

from hubdesk.domain.entities import Case, CaseKind, CaseStatus, Enterprise
from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.ids import new_id
from hubdesk.store import CaseFilter, Store
from hubdesk.store.reader import CASE_SORTS, Reader, order_by

STATUSES = list(CaseStatus)
KINDS = list(CaseKind)
COMMUNES = ["21004", "21009", "21015", None]
MANAGERS = ["a.dubois", "j.peeters", None]
POSTS = ["Paris", "São Paulo", None]
TITLES = ["Terrasse été", "Premie digitalisering", "Zoektocht bedrijfsruimte", "Aide à l'embauche", "Atelier"]


@dataclass
class World:
    store: Store
    enterprises: dict[str, Enterprise]
    cases: list[Case]  # in insertion (rid) order, as stored


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    start = datetime(2026, 1, 1, 9, 0, 0, 1, tzinfo=UTC)
    ticks = itertools.count()
    # Three saves share each timestamp, so ties in updated_at are broken by creation order.
    store = Store.open(
        tmp_path_factory.mktemp("list") / "hubdesk.sqlite",
        clock=lambda: start + timedelta(minutes=next(ticks) // 3),
    )
    names = ["Zaak Één", "Bakkerij Peeters", "Atelier Dubois", "Bakkerij Peeters", "Épicerie Noël"]  # a name twice
    sectors = ["horeca", "retail", "horeca", None, "digital"]
    owners = [
        make_enterprise(id=new_id(), number=enterprise_number(n), name=name, sector=sector)
        for n, (name, sector) in enumerate(zip(names, sectors, strict=True))
    ]
    cases: list[Case] = []
    with store.unit_of_work() as uow:
        for owner in owners:
            uow.save(owner)
    for n in range(150):
        owner = owners[(n * 7) % len(owners)]
        case = make_case(
            owner,
            f"HD-2026-{'ABCD' if n % 2 else 'WXYZ'}-{(n * 37) % 1000:04d}",
            title=TITLES[(n * 3) % len(TITLES)],
            status=STATUSES[n % len(STATUSES)],
            kind=KINDS[(n // 2) % len(KINDS)],
            commune_nis=COMMUNES[n % len(COMMUNES)],
            account_manager=MANAGERS[(n // 3) % len(MANAGERS)],
            attache_post=POSTS[n % len(POSTS)],
            due_on=None if n % 5 == 0 else date(2026, 1, 1) + timedelta(days=(n * 13) % 90),
        )
        with store.unit_of_work() as uow:
            cases.append(uow.save(case))
    yield World(store, {o.id: o for o in owners}, cases)
    store.close()


def python_order(world: World, sort: str) -> Callable[[Case], tuple[Any, ...]]:
    rid = {case.id: n for n, case in enumerate(world.cases)}
    key = sort.removeprefix("-")
    descending = sort.startswith("-")

    def stamp(case: Case) -> str:
        assert case.updated_at is not None
        return case.updated_at.isoformat()

    def order(case: Case) -> tuple[Any, ...]:
        owner = world.enterprises[case.enterprise_id]
        if key == "due_on":
            if descending:  # DESC: latest first, no due date last
                return (case.due_on is not None, case.due_on or date.min, rid[case.id])
            return (case.due_on is None, case.due_on or date.min, rid[case.id])
        values = {
            "updated_at": (stamp(case),),
            "reference": (case.reference,),
            "title": (case.title,),
            "status": (case.status.value, stamp(case)),
            "kind": (case.kind.value, stamp(case)),
            "enterprise_name": (owner.name, owner.id),
        }[key]
        return (*values, rid[case.id])

    return order


def python_list(world: World, case_filter: CaseFilter, sort: str) -> list[str]:
    def keep(case: Case) -> bool:
        owner = world.enterprises[case.enterprise_id]
        checks = [
            case_filter.status is None or case.status.value == case_filter.status,
            case_filter.kind is None or case.kind.value == case_filter.kind,
            case_filter.commune_nis is None or case.commune_nis == case_filter.commune_nis,
            case_filter.account_manager is None or case.account_manager == case_filter.account_manager,
            case_filter.attache_post is None or case.attache_post == case_filter.attache_post,
            case_filter.enterprise_id is None or case.enterprise_id == case_filter.enterprise_id,
            case_filter.sector is None or owner.sector == case_filter.sector,
        ]
        return all(checks)

    kept = sorted((c for c in world.cases if keep(c)), key=python_order(world, sort), reverse=sort.startswith("-"))
    return [case.id for case in kept]


def some_filters(world: World) -> list[CaseFilter]:
    bakkerij = next(e.id for e in world.enterprises.values() if e.name == "Bakkerij Peeters")
    return [
        CaseFilter(),
        CaseFilter(status="in_progress"),
        CaseFilter(kind="export_support"),
        CaseFilter(commune_nis="21009"),
        CaseFilter(account_manager="j.peeters"),
        CaseFilter(attache_post="São Paulo"),
        CaseFilter(sector="horeca"),
        CaseFilter(enterprise_id=bakkerij),
        CaseFilter(status="new", kind="permit_assistance"),
        CaseFilter(commune_nis="21004", account_manager="a.dubois", sector="retail"),
        CaseFilter(status="abandoned", attache_post="Paris", kind="general_advice"),  # may be empty
    ]


SORTS = [prefix + key for key in CASE_SORTS for prefix in ("", "-")]


@pytest.mark.parametrize("plan", ["auto", "sort the matches", "walk the sort index"])
@pytest.mark.parametrize("sort", SORTS)
def test_every_filter_and_sort_matches_the_reference(
    world: World, sort: str, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if plan != "auto":
        monkeypatch.setattr(Reader, "_few_matches", lambda *_args: plan == "sort the matches")
    with world.store.read() as reader:
        for case_filter in some_filters(world):
            expected = python_list(world, case_filter, sort)
            page = reader.list_cases(case_filter, sort=sort, offset=0, limit=500)
            assert [row.id for row in page.items] == expected, (case_filter, sort)
            assert page.total is None and not page.has_more
            assert reader.count_cases(case_filter) == len(expected)
            paged = reader.list_cases(case_filter, sort=sort, offset=3, limit=7)
            assert [row.id for row in paged.items] == expected[3:10]
            assert paged.has_more == (len(expected) >= 10)


def test_rows_carry_the_case_and_its_enterprise(world: World) -> None:
    case = world.cases[10]
    owner = world.enterprises[case.enterprise_id]
    with world.store.read() as reader:
        rows = [r for r in reader.list_cases(CaseFilter(enterprise_id=owner.id), limit=500).items if r.id == case.id]
    assert len(rows) == 1
    row = rows[0]
    assert (row.reference, row.title, row.kind, row.status) == (case.reference, case.title, case.kind, case.status)
    assert (row.enterprise_name, row.enterprise_number, row.sector) == (owner.name, owner.number, owner.sector)
    assert (row.commune_nis, row.account_manager, row.attache_post) == (
        case.commune_nis,
        case.account_manager,
        case.attache_post,
    )
    assert (row.due_on, row.updated_at) == (case.due_on, case.updated_at)


def test_unknown_sort_is_refused(world: World) -> None:
    with world.store.read() as reader, pytest.raises(ValidationError) as caught:
        reader.list_cases(sort="colour")
    assert "updated_at" in str(caught.value)
    assert "Tri « colour » inconnu" in caught.value.translated("fr")


def test_every_sort_walks_a_covering_index(tmp_path: Path) -> None:
    """On a filled workspace, a list that walks its sort's index never sorts the whole table
    and reads filters from the index (the plan that keeps a first page under 20 ms)."""
    owners = [make_enterprise(id=new_id(), number=enterprise_number(n), name=f"Zaak {n}") for n in range(300)]
    cases = [make_case(owners[n % 300], f"HD-2026-PLAN-{n:05d}", title=f"Dossier {n % 97}") for n in range(3000)]
    with Store.open(tmp_path / "plan.sqlite") as store:
        with store.bulk_loader() as loader:
            loader.add_enterprises(owners)
            loader.add_cases(cases)
        with store.read() as reader:
            case_filter = CaseFilter(status="new", commune_nis="21004", account_manager="a.dubois")
            where, params = reader._case_where(case_filter, indexed=False)
            for sort in SORTS:
                join = " JOIN enterprise e ON e.id = c.enterprise_id" if "enterprise" in sort else ""
                sql = f'SELECT c.rid FROM "case" c{join} WHERE {where} ORDER BY {order_by(sort)} LIMIT 200'
                plan = " / ".join(
                    row[3] for row in reader.connection.execute(text("EXPLAIN QUERY PLAN " + sql), params)
                )
                assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (sort, plan)
                assert "COVERING INDEX ix_case_list_" in plan, (sort, plan)
