"""The outbox: written by the store's write listener, in the same transaction as the edit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from syncsupport import enterprise_number

from hubdesk.services import records
from hubdesk.services.workspace import Workspace
from hubdesk.store import sync_port
from hubdesk.sync.outbox import install
from hubdesk.sync.protocol import Hlc, upgrade_mutation


def _outbox(ws: Workspace) -> list[sync_port.OutboxRow]:
    with ws.store.unit_of_work() as uow:
        return sync_port.outbox_pending(uow.connection, 1000)


def test_every_workspace_records_its_edits_in_the_outbox(tmp_path: Path) -> None:
    """Workspace.open registers the outbox writer: an edit made by any face is queued for sync."""
    with Workspace.open(tmp_path / "ws") as ws:
        records.add_enterprise(ws, {"number": enterprise_number(1), "name": "Atelier", "postal_code": "1000"})
        assert [row.entity for row in _outbox(ws)] == ["enterprise"]


def test_one_save_is_one_group_with_clocks_and_base_versions(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        install(ws.store, ws.device_id)
        install(ws.store, ws.device_id)  # idempotent: one row per edit, not two
        records.add_enterprise(ws, {"number": enterprise_number(1), "name": "Atelier", "postal_code": "1000"})
        case = records.add_case(ws, enterprise_number(1), "Terrasse", "permit_assistance").value
        with ws.store.unit_of_work() as uow:
            sync_port.meta_set(uow.connection, "case", case.id, 4, ["*"])  # the server holds version 4
        records.change_status(ws, case.reference, "in_progress")
        rows = _outbox(ws)
    assert [(r.entity, r.op) for r in rows] == [
        ("enterprise", "upsert"),
        ("case", "upsert"),
        ("status_change", "upsert"),
        ("case", "upsert"),
        ("status_change", "upsert"),
    ]
    assert rows[1].group_id == rows[2].group_id != rows[0].group_id
    assert rows[3].group_id == rows[4].group_id
    mutations = [upgrade_mutation(r.payload) for r in rows]
    assert [m.device_seq for m in mutations] == sorted(m.device_seq for m in mutations)
    clocks = [Hlc.decode(m.hlc) for m in mutations]
    assert clocks == sorted(clocks) and len(set(clocks)) == len(clocks)
    status_edit = mutations[3]
    assert set(status_edit.fields) == {"status"} and status_edit.fields["status"].base_version == 4
    assert mutations[1].fields["title"].value == "Terrasse" and mutations[1].base_version == 0


def test_a_rolled_back_edit_leaves_no_outbox_row(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        install(ws.store, ws.device_id)
        saved = records.add_enterprise(ws, {"number": enterprise_number(1), "name": "Atelier", "postal_code": "1000"})
        with pytest.raises(RuntimeError), ws.store.unit_of_work() as uow:
            uow.save(replace(saved.value, name="Jamais"))
            raise RuntimeError("the save fails after the edit")
        assert len(_outbox(ws)) == 1
        assert records.find_enterprise(ws, enterprise_number(1)).name == "Atelier"


def test_a_delete_queues_the_children_it_takes_along(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        install(ws.store, ws.device_id)
        saved = records.add_enterprise(ws, {"number": enterprise_number(1), "name": "Atelier", "postal_code": "1000"})
        records.add_case(ws, enterprise_number(1), "Terrasse", "permit_assistance")
        with ws.store.unit_of_work() as uow:
            uow.delete("enterprise", saved.value.id)
        deletes = [(r.entity, r.op) for r in _outbox(ws)][-3:]
    assert deletes == [("status_change", "delete"), ("case", "delete"), ("enterprise", "delete")]


def test_sync_state_lists_a_prefix_or_only_what_comes_after_a_position(tmp_path: Path) -> None:
    """A hello reads only the acknowledged changes above what the server holds, not the whole history."""
    with Workspace.open(tmp_path / "ws") as ws, ws.store.unit_of_work() as uow:
        c = uow.connection
        sync_port.state_set_many(c, [(f"sent/{seq:012d}", str(seq)) for seq in (1, 9, 10, 11, 100)])
        sync_port.state_set_many(c, [("sent", "no"), ("sent0", "no"), ("rejected/000000000002", "other")])
        assert [v for _k, v in sync_port.state_items(c, "sent/")] == ["1", "9", "10", "11", "100"]
        assert [v for _k, v in sync_port.state_items(c, "sent/", after=f"{10:012d}")] == ["11", "100"]
        assert sync_port.state_items(c, "sent/", after=f"{100:012d}") == []
