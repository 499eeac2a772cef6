"""A snapshot loaded into an empty workspace (the bulk path) holds what record-by-record pulls would write."""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pytest

from hubdesk.kernel.ids import new_id
from hubdesk.kernel.jobs import NULL_REPORTER
from hubdesk.services.workspace import Workspace
from hubdesk.store import sync_port
from hubdesk.sync.client import Api, SyncError
from hubdesk.sync.engine import SyncEngine, SyncReport
from hubdesk.sync.protocol import Change, ScopeInfo, ScopeSum, SnapshotInfo, scope_checksum

SCOPE = ScopeInfo(name="commune:21004", keys=["commune:21004"], digest="d")
KEYS = ["*", "commune:21004"]
ODD = 'Café “Ωmega” 😀 \u2028 \\ "cité" \t\u001f\u0000 軟件 عربي'


def _enterprise(name: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": "0403019261",
        "name": name,
        "legal_form": "SRL/BV",
        "nace_codes": [{"code": "62.010", "version": "2025"}, {"code": "62.01", "version": "2008"}],
        "sector": "ict",
        "address": {
            "street": "Rue Haute 1",
            "postal_code": "1000",
            "commune_nis": "21004",
            "city": "",
            "country": "BE",
        },
        "language": "fr",
        "vat_number": None,
        "iban": "BE76320003533395",
        "email": "info@example.be",
        "phone": "+32493840775",
        "figures": {"headcount": "5", "turnover_eur": "6201000", "balance_sheet_eur": None},
        "related": [
            {
                "name": ODD,
                "relation": "partner",
                "share_percent": "25.5",
                "figures": {"headcount": "5", "turnover_eur": None, "balance_sheet_eur": None},
                "number": None,
            }
        ],
        "account_manager": "ann",
    }
    data.update(fields)
    return data


def _case(enterprise_id: str, title: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reference": "HD-2026-K7QM-0042",
        "enterprise_id": enterprise_id,
        "title": title,
        "kind": "permit_assistance",
        "status": "new",
        "account_manager": "ann",
        "commune_nis": "21004",
        "attache_post": None,
        "opened_on": "2026-07-17",
        "due_on": "2027-01-17",
        "closed_on": None,
    }
    data.update(fields)
    return data


def _records() -> list[tuple[str, str, int, Any, list[str]]]:
    first, second, third = new_id(), new_id(), new_id()
    missing = _enterprise("Sans chiffres", number="0403019262")
    del missing["figures"], missing["related"]  # goes in through the entity: default values
    return [
        ("enterprise", first, 3, _enterprise(ODD), KEYS),
        ("enterprise", second, 1, missing, KEYS),
        ("enterprise", third, 2, _enterprise("Troisième", number="0403019263", related=[]), KEYS),
        ("case", new_id(), 1, _case(first, f"Terrasse {ODD}"), KEYS),
        (
            "case",
            new_id(),
            2,
            {k: v for k, v in _case(second, "Sans poste", reference="R-2").items() if k != "attache_post"},
            KEYS,
        ),
        ("case", new_id(), 1, _case(third, "Ailleurs", reference="R-3", commune_nis="21015"), ["*", "commune:21015"]),
    ]


def _write_snapshot(
    path: Path, records: list[tuple[str, str, int, Any, list[str]]], *, end: bool = True, extra: Sequence[str] = ()
) -> None:
    lines = [json.dumps({"format": 1, "scope": SCOPE.name, "cursor": "9.a", "keys": SCOPE.keys})]
    lines += [json.dumps(list(record), ensure_ascii=False) for record in records] + list(extra)
    if end:
        lines.append(json.dumps({"end": True, "count": len(lines) - 1}))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))


def _engine(workspace: Workspace, work_dir: Path) -> SyncEngine:
    engine = SyncEngine(workspace.store, "device", cast(Api, None), work_dir=work_dir)
    engine.scopes = [SCOPE]
    return engine


def _apply(engine: SyncEngine, path: Path) -> None:
    info = SnapshotInfo(id="s", scope=SCOPE.name, cursor="9.a", count=0, size=0, sha256="")
    engine._apply_snapshot(SCOPE, info, path, SyncReport(), NULL_REPORTER)


def _table(path: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2')
        names = [column[0] for column in cursor.description]
        keep = [i for i, name in enumerate(names) if name not in ("rid", "updated_at")]
        return [tuple(row[i] for i in keep) for row in cursor]


def test_a_snapshot_loads_as_record_by_record_pulls_write_it(tmp_path: Path) -> None:
    snapshot = tmp_path / "snapshot.gz"
    records = _records()
    _write_snapshot(snapshot, records)
    with Workspace.open(tmp_path / "bulk") as bulk, Workspace.open(tmp_path / "pulled") as pulled:
        loaded = _engine(bulk, tmp_path)
        _apply(loaded, snapshot)
        oracle = _engine(pulled, tmp_path)
        with gzip.open(snapshot, "rt") as handle:
            lines = [json.loads(line) for line in handle][1:-1]
        with pulled.store.unit_of_work() as uow:
            oracle.apply_changes(
                uow,
                [Change(seq=0, entity=e, id=i, version=v, data=d, keys=k) for e, i, v, d, k in lines],
            )
        for table in ("enterprise", "case", "record_meta"):
            assert _table(bulk.store.path, table) == _table(pulled.store.path, table), table
        assert loaded._loaded[SCOPE.name] == loaded.local_checksum(SCOPE)
        with bulk.store.read() as reader:
            assert [hit.title for hit in reader.search("terrasse café")] == [f"HD-2026-K7QM-0042 Terrasse {ODD}"]


@pytest.mark.parametrize(
    "odd",
    [
        pytest.param([{"share": float("nan"), "big": 2**70, "small": 1e-07}], id="orjson-refuses-the-line"),
        # orjson reads an integer beyond 64 bits as a float without an error: caught before it reads
        pytest.param([{"big": 2**70, "negative": -(2**65), "text": "0" * 25}], id="orjson-would-read-floats"),
    ],
)
def test_values_orjson_cannot_read_are_stored_as_json_wrote_them(tmp_path: Path, odd: list[dict[str, Any]]) -> None:
    snapshot = tmp_path / "snapshot.gz"
    number = new_id()
    line = f'["enterprise","{number}",1,{json.dumps(_enterprise("Odd", related=odd))},["*"]]'
    _write_snapshot(snapshot, [], extra=[line])
    with Workspace.open(tmp_path / "ws") as workspace:
        _apply(_engine(workspace, tmp_path), snapshot)
        with sqlite3.connect(workspace.store.path) as connection:
            stored = connection.execute("SELECT related FROM enterprise WHERE id = ?", (number,)).fetchone()[0]
    assert stored == json.dumps(odd, ensure_ascii=False, separators=(",", ":"))


def test_a_cut_snapshot_leaves_the_workspace_empty(tmp_path: Path) -> None:
    snapshot = tmp_path / "snapshot.gz"
    _write_snapshot(snapshot, _records(), end=False)
    with Workspace.open(tmp_path / "ws") as workspace:
        with sqlite3.connect(workspace.store.path) as connection:
            schema = sorted(connection.execute("SELECT type, name, sql FROM sqlite_master"))
        with pytest.raises(SyncError):
            _apply(_engine(workspace, tmp_path), snapshot)
        with workspace.store.unit_of_work() as uow:
            assert not sync_port.has_records(uow.connection)
        with sqlite3.connect(workspace.store.path) as connection:  # indexes and triggers are back
            assert sorted(connection.execute("SELECT type, name, sql FROM sqlite_master")) == schema


def test_an_error_alongside_the_index_build_rolls_the_load_back(tmp_path: Path) -> None:
    def fail() -> None:
        raise RuntimeError("checksum")

    with Workspace.open(tmp_path / "ws") as workspace:
        with pytest.raises(RuntimeError, match="checksum"), workspace.store.unit_of_work() as uow:
            sync_port.bulk_insert(uow, iter(_records()[:1]), alongside=fail)
        with workspace.store.unit_of_work() as uow:
            assert not sync_port.has_records(uow.connection)


def test_scope_sum_is_the_scope_checksum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ScopeSum, "CHUNK", 3)
    rows = [("case", new_id(), n, ["*", f"commune:{n % 3}"]) for n in range(10)]
    rows += [("case", "line\nbreak", 4, ["commune:1"]), ("enterprise", "é", 1, ["commune:2", "*"])]
    for keys in (["*"], ["commune:1", "commune:2"], ["none"]):
        summed = ScopeSum(keys)
        for row in rows:
            summed.add(*row)
        assert summed.finish() == scope_checksum(rows, keys)
