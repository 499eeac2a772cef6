"""Partial replication and recovery: scopes, snapshots, checksums, restored servers, old outboxes, forms."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
from syncsupport import Replica, Server, backup_server, comparable, enterprise_number, restore_server, server_records

from hubdesk.kernel.ids import new_id
from hubdesk.kernel.paths import resources_dir
from hubdesk.server.auth import Accounts
from hubdesk.server.config import ServerConfig
from hubdesk.server.pull import new_epoch, publish
from hubdesk.services import records
from hubdesk.services.forms import registry
from hubdesk.store import sync_port
from hubdesk.sync.protocol import Change, Hlc, ScopeInfo

Make = Callable[..., Replica]


def _enterprise(replica: Replica, index: int, postal: str = "1000") -> str:
    values = {"number": enterprise_number(index), "name": f"Atelier {index}", "postal_code": postal}
    return records.add_enterprise(replica.ws, values).value.id


def _scopes(replica: Replica) -> list[dict[str, Any]]:
    with replica.ws.store.unit_of_work() as uow:
        scopes: list[dict[str, Any]] = sync_port.state_json(uow.connection, "scopes", [])
    return scopes


def _assert_converged(server: Server, *replicas: Replica) -> None:
    for replica in replicas:
        replica.sync()
    for replica in replicas:
        keys = {k for s in _scopes(replica) for k in s["keys"]}
        assert comparable(replica.records()) == comparable(server_records(server.db, keys)), replica.user
        assert replica.outbox_size() == 0


def _kinds(replica: Replica, kind: str) -> set[str]:
    return {record for (entity, record) in replica.records() if entity == kind}


def test_scope_exit_with_unsent_edits(server: Server, replica: Make) -> None:
    ann, bob, cid = replica("ann"), replica("bob"), replica("cid")
    _enterprise(ann, 0)
    case = records.add_case(ann.ws, enterprise_number(0), "Terrasse", "permit_assistance", account_manager="bob").value
    for laptop in (ann, bob, cid):
        laptop.sync()
    moved = records.find_case(bob.ws, case.reference)
    with bob.ws.store.unit_of_work() as uow:  # Bob hands the case over to Schaerbeek
        uow.save(replace(moved, commune_nis="21015"))
    bob.sync()
    mine = records.find_case(ann.ws, case.reference)
    with ann.ws.store.unit_of_work() as uow:  # meanwhile Ann, offline, still works on it
        uow.save(replace(mine, title="Terrasse (plans reçus)"))
    # The exit is announced while Ann's edit is unsent: the case stays until the edit is out.
    with ann.http("http://hubdesk.test") as client:
        engine = ann.engine(client)
        engine.scopes = [ScopeInfo.model_validate(s) for s in _scopes(ann)]
        with ann.ws.store.unit_of_work() as uow:
            exit_ = Change(seq=0, entity="case", id=case.id, version=2, exit=True, keys=["*", "commune:21015"])
            engine.apply_changes(uow, [exit_])
    assert case.id in _kinds(ann, "case")
    result = ann.sync()
    assert result.pushed == {"merged": 1}  # made while the case was hers: accepted
    assert case.id not in _kinds(ann, "case")  # then it leaves her laptop
    assert _kinds(ann, "status_change") == set()
    _assert_converged(server, ann, bob, cid)
    assert records.find_case(cid.ws, case.reference).title == "Terrasse (plans reçus)"


def test_scopes_changed_by_an_administrator(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    inside = _enterprise(bob, 0, "1000")
    outside = _enterprise(bob, 1, "1030")
    bob.sync()
    ann.sync()
    assert _kinds(ann, "enterprise") == {inside}
    accounts = Accounts(server.db, ServerConfig())
    accounts.set_scopes("ann", ["commune:21004", "commune:21015"])
    result = ann.sync()
    assert "commune:21015" in result.resynced  # a new scope comes as a snapshot
    assert _kinds(ann, "enterprise") == {inside, outside}
    accounts.set_scopes("ann", ["commune:21015"])
    ann.sync()
    assert _kinds(ann, "enterprise") == {outside}  # what no scope covers any more leaves
    _assert_converged(server, ann, bob)


def test_first_sync_is_one_snapshot(server: Server, replica: Make) -> None:
    ann = replica("ann")
    for index in range(25):
        _enterprise(ann, index)
    ann.sync()
    bob = replica("bob")
    result = bob.sync()
    snapshots = [(method, path) for method, path, _what in bob.transport.log if "snapshot" in path]
    # Streamed while the workspace is empty ("own" holds nothing, so the next scope streams too);
    # a scope that comes after records are in is a stored snapshot, merged record by record.
    assert snapshots[:2] == [("GET", "/sync/v1/snapshot")] * 2
    assert snapshots[2:4] == [("POST", "/sync/v1/snapshot"), ("GET", snapshots[3][1])]
    assert snapshots[3][1].startswith("/sync/v1/snapshot/") and len(snapshots) == 4
    assert bob.transport.count("/sync/v1/pull") == 3  # then one pull per scope from the snapshot position
    assert len(_kinds(bob, "enterprise")) == 25 and result.pulled >= 25
    with bob.ws.store.read() as reader:  # the bulk load rebuilt the full-text index
        assert [hit.title for hit in reader.search("atelier 17")] == ["Atelier 17"]
    _assert_converged(server, ann, bob)


def test_a_first_sync_stream_cut_half_way_leaves_nothing_and_a_stored_snapshot_follows(
    server: Server, replica: Make
) -> None:
    ann = replica("ann")
    made = set()
    for index in range(40):
        values = {"number": enterprise_number(index), "name": f"Atelier {index}", "postal_code": "1000"}
        made.add(records.add_enterprise(ann.ws, {**values, "account_manager": "ann"}).value.id)
    ann.sync()
    laptop = replica("ann", "ann-second-laptop")  # its first scope, "own", holds the 40 files
    laptop.transport.inject("/sync/v1/snapshot", "cut_stream")  # that stream breaks half-way through
    loaded: list[int] = []
    original = sync_port.bulk_insert

    def counting(uow: Any, records: Any, alongside: Any = None) -> int:
        def counted() -> Any:
            for record in records:
                loaded.append(1)
                yield record

        return original(uow, counted(), alongside)

    sync_port.bulk_insert = counting  # type: ignore[assignment]
    try:
        result = laptop.sync()
    finally:
        sync_port.bulk_insert = original  # type: ignore[assignment]
    log = [(method, path, what) for method, path, what in laptop.transport.log if "snapshot" in path]
    assert log[0] == ("GET", "/sync/v1/snapshot", "cut_stream")
    assert log[1][:2] == ("POST", "/sync/v1/snapshot")  # the same scope, as a stored, resumable file
    assert log[2][1].startswith("/sync/v1/snapshot/")
    assert 0 < len(loaded) - 40 < 40  # the cut stream had loaded some files: all of them were rolled back
    assert not result.warnings, result.warnings
    assert made <= _kinds(laptop, "enterprise")
    _assert_converged(server, ann, laptop)


def test_checksum_drift_redownloads_only_that_scope(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(bob, 0, "1000")
    lost = _enterprise(bob, 1, "1030")
    bob.sync()
    with bob.ws.store.unit_of_work() as uow:  # a record silently lost from the laptop's database
        uow.apply_remote("enterprise", lost, {}, version=0, deleted=True)
    _enterprise(ann, 2, "1000")
    ann.sync()
    snapshots: list[str] = []

    def watch(request: httpx.Request) -> None:
        if request.method == "POST" and request.url.path == "/sync/v1/snapshot":
            snapshots.append(request.url.params["scope"])

    bob.transport.on_request = watch
    result = bob.sync()
    assert snapshots == ["commune:21015"]
    assert any("commune:21015" in warning for warning in result.warnings)
    assert lost in _kinds(bob, "enterprise")
    assert sorted(result.verified) == ["commune:21004", "commune:21015", "own"]
    _assert_converged(server, ann, bob)


def test_server_restored_from_backup(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann, 0)
    for laptop in (ann, bob):
        laptop.sync()
    backup = backup_server(server.db)
    after_backup = [_enterprise(ann, 1)]
    ann.sync()
    after_backup.append(_enterprise(bob, 2))
    records.update_enterprise(bob.ws, enterprise_number(0), {"name": "Atelier zéro"})
    bob.sync()
    ann.sync()
    restore_server(server.db, backup)  # last night's backup: both laptops' latest work is gone
    records.update_enterprise(ann.ws, enterprise_number(1), {"phone": "02 422 00 20"})  # the outbox is not wiped
    result = ann.sync()
    assert any("restored" in warning for warning in result.warnings)
    bob.sync()
    _assert_converged(server, ann, bob)
    on_server = server_records(server.db)
    for record in after_backup:
        assert ("enterprise", record) in on_server
    assert records.find_enterprise(ann.ws, enterprise_number(0)).name == "Atelier zéro"
    assert records.find_enterprise(bob.ws, enterprise_number(1)).phone == "+3224220020"
    new_epoch(server.db)  # what the operator runs after a restore: every laptop downloads again
    resynced = ann.sync()
    assert sorted(resynced.resynced) == ["commune:21004", "own"]
    _assert_converged(server, ann, bob)


def test_upgrade_with_old_schema_outbox(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    enterprise = _enterprise(ann, 0)
    ann.sync()
    bob.sync()
    with ann.ws.store.unit_of_work() as uow:  # rows the previous release wrote, in its own shape
        connection = uow.connection
        group = new_id()
        clock = Hlc(ann.wall_ms(), 0, ann.ws.device_id).encode()
        for name, changes in (("enterprise", {"name": "Ancien format"}), ("contact", None)):
            record = enterprise if name == "enterprise" else new_id()
            if changes is None:
                changes = {
                    "enterprise_id": enterprise,
                    "name": "Marie Dupont",
                    "role": "gérante",
                    "phone": None,
                    "email": None,
                }
            old = {
                "schema": 1,
                "mutation_id": new_id(),
                "device_id": ann.ws.device_id,
                "device_seq": sync_port.next_device_seq(connection),
                "group_id": group,
                "entity": name,
                "id": record,
                "op": "upsert",
                "changes": changes,
                "base_version": 1 if name == "enterprise" else 0,
                "hlc": clock,
            }
            row = sync_port.OutboxRow(
                old["mutation_id"], old["device_seq"], group, name, record, "upsert", old, sync_port.now_iso()
            )
            sync_port.outbox_add(connection, [row])
    result = ann.sync()
    assert result.pushed == {"applied": 2}
    bob.sync()
    assert records.find_enterprise(bob.ws, enterprise_number(0)).name == "Ancien format"
    with bob.ws.store.read() as reader:
        assert [c.name for c in reader.contacts_of(enterprise)] == ["Marie Dupont"]
    _assert_converged(server, ann, bob)


def test_published_forms_and_reference_reach_the_workspace(server: Server, replica: Make) -> None:
    ann = replica("ann")
    shipped = sorted((resources_dir() / "forms").glob("*/v1.json"))[0]
    definition = json.loads(shipped.read_text(encoding="utf-8"))
    definition["version"] = 2
    form_id = definition["form_id"]
    publish(server.db, server.config, "form", f"{form_id}/v2.json", json.dumps(definition), "2", form_id)
    reference = (resources_dir() / "reference" / "brussels.json").read_text(encoding="utf-8")
    publish(server.db, server.config, "reference", "brussels.json", reference, "2026-11", None)
    result = ann.sync()
    assert sorted(result.published) == sorted([f"{form_id}/v2.json", "brussels.json"])
    assert registry(ann.ws).versions(form_id) == [1, 2]
    assert registry(ann.ws).load(form_id).version == 2
    assert ann.ws.reference_path == ann.data_dir / "reference" / "brussels.json"
    assert ann.sync().published == ()  # received once


def test_record_created_and_moved_out_before_one_push_leaves_the_laptop(server: Server, replica: Make) -> None:
    ann, cid = replica("ann"), replica("cid")
    ann.sync()
    for index, first_sync in ((0, False), (2, True)):
        laptop = ann if not first_sync else replica("ann", "ann-new-laptop")  # a snapshot taken after the push
        enterprise = _enterprise(laptop, index, "1000")
        records.update_enterprise(laptop.ws, enterprise_number(index), {"postal_code": "1030"})  # to Schaerbeek
        staying = _enterprise(laptop, index + 1, "1000")
        laptop.sync()  # the creates and the move reach the server in one push
        assert enterprise not in _kinds(laptop, "enterprise")  # not hers any more: it leaves her laptop
        assert staying in _kinds(laptop, "enterprise")  # while what stays in her scope stays
        _assert_converged(server, laptop, cid)
        assert enterprise in _kinds(cid, "enterprise")


def test_new_scope_from_an_older_snapshot_keeps_newer_records(server: Server, replica: Make) -> None:
    ann, cid = replica("ann"), replica("cid")
    _enterprise(ann, 0, "1000")
    case = records.add_case(ann.ws, enterprise_number(0), "Terrasse", "permit_assistance").value
    ann.sync()  # her first sync takes the snapshot of commune:21004, the case in it at version 1
    cid.sync()
    moved = records.find_case(ann.ws, case.reference)
    with ann.ws.store.unit_of_work() as uow:  # handed over to Cid, in Anderlecht
        uow.save(replace(moved, account_manager="cid", commune_nis="21001", title="Terrasse (Cid)"))
    ann.sync()
    cid.sync()
    assert records.find_case(cid.ws, case.reference).title == "Terrasse (Cid)"
    Accounts(server.db, ServerConfig()).set_scopes("cid", ["commune:21015", "commune:21004"])
    result = cid.sync()  # the new scope comes as that (reused) snapshot, older than what Cid holds
    assert records.find_case(cid.ws, case.reference).title == "Terrasse (Cid)"
    assert result.resynced == ("commune:21004",) and not result.warnings  # no drift to repair afterwards
    _assert_converged(server, ann, cid)
