"""Conflicts between laptops, end to end through workspaces: merged, recorded, resolved, never silent."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
from syncsupport import (
    Replica,
    Server,
    backup_server,
    comparable,
    enterprise_number,
    restore_server,
    server_records,
)

from hubdesk.server import tables
from hubdesk.server.auth import Accounts
from hubdesk.server.config import ServerConfig
from hubdesk.services import records
from hubdesk.services import sync as sync_service
from hubdesk.store import sync_port

Make = Callable[..., Replica]


def _enterprise(replica: Replica, index: int = 0, postal: str = "1000") -> str:
    values = {"number": enterprise_number(index), "name": f"Atelier {index}", "postal_code": postal}
    return records.add_enterprise(replica.ws, values).value.id


def _sync_all(*replicas: Replica, rounds: int = 2) -> None:
    for _round in range(rounds):
        for replica in replicas:
            replica.sync()


def _assert_converged(server: Server, *replicas: Replica) -> None:
    for replica in replicas:
        with replica.ws.store.unit_of_work() as uow:
            keys = {k for s in sync_port.state_json(uow.connection, "scopes", []) for k in s["keys"]}
        assert comparable(replica.records()) == comparable(server_records(server.db, keys)), replica.user
        assert replica.outbox_size() == 0


def _conflicts(replica: Replica) -> list[dict[str, Any]]:
    return [data for (kind, _id), (_v, data) in sorted(replica.records().items()) if kind == "conflict"]


def _name(replica: Replica, index: int = 0) -> str:
    return records.find_enterprise(replica.ws, enterprise_number(index)).name


def test_different_fields_merge(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann)
    _sync_all(ann, bob, rounds=1)
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "Atelier Ann"})
    records.update_enterprise(bob.ws, enterprise_number(0), {"phone": "02 422 00 20", "headcount": "4"})
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    merged = records.find_enterprise(ann.ws, enterprise_number(0))
    assert merged.name == "Atelier Ann" and merged.phone == "+3224220020" and str(merged.figures.headcount) == "4"
    assert _conflicts(ann) == _conflicts(bob) == []


def test_same_field_conflict(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann)
    _sync_all(ann, bob, rounds=1)
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "Chez Ann"})
    records.update_enterprise(bob.ws, enterprise_number(0), {"name": "Chez Bob"})
    ann.sync()
    result = bob.sync()
    assert result.new_conflicts == 1 and result.pushed == {"conflict": 1}
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    [conflict] = _conflicts(ann)
    assert conflict["field"] == "name" and {conflict["mine"], conflict["theirs"]} == {"Chez Ann", "Chez Bob"}
    assert _name(ann) == _name(bob) == ("Chez Bob" if conflict["winner"] == "mine" else "Chez Ann")
    [view] = sync_service.list_conflicts(ann.ws)
    assert view.kind == "conflict" and view.record_label == _name(ann) and view.authors["mine"] == "bob"
    sync_service.resolve_conflict(ann.ws, view.id, "value", "Chez Ann et Bob")
    assert _name(ann) == "Chez Ann et Bob"
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    assert _name(bob) == "Chez Ann et Bob"
    assert sync_service.list_conflicts(bob.ws) == []
    [resolved] = sync_service.list_conflicts(bob.ws, include_resolved=True)
    assert resolved.resolved


def test_offline_chain_in_and_out_of_order(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann)
    first = records.add_case(ann.ws, enterprise_number(0), "Terrasse", "permit_assistance").value
    second = records.add_case(ann.ws, enterprise_number(0), "Enseigne", "permit_assistance").value
    _sync_all(ann, bob, rounds=1)
    for case in (first, second):  # Ann works offline on both cases, Bob edits in between
        records.change_status(ann.ws, case.reference, "in_progress")
        current = records.find_case(ann.ws, case.reference)
        with ann.ws.store.unit_of_work() as uow:
            uow.save(replace(current, title=f"{case.title} (Ann 1)"))
        current = records.find_case(bob.ws, case.reference)
        with bob.ws.store.unit_of_work() as uow:
            uow.save(replace(current, title=f"{case.title} (Bob)", due_on=current.opened_on))
        bob.sync()
        current = records.find_case(ann.ws, case.reference)
        with ann.ws.store.unit_of_work() as uow:
            uow.save(replace(current, title=f"{case.title} (Ann 2)"))

    def reverse_the_batch(request: httpx.Request) -> httpx.Request:
        if request.url.path != "/sync/v1/push":
            return request
        body = json.loads(request.read())
        body["mutations"].reverse()
        return httpx.Request(request.method, request.url, headers=request.headers, json=body)

    ann.transport.rewrite = reverse_the_batch  # the whole chain arrives last first
    ann.sync()
    ann.transport.rewrite = None
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    for case in (first, second):
        final = records.find_case(bob.ws, case.reference)
        assert final.status == "in_progress" and final.due_on == case.opened_on  # merged from both
        assert final.title == f"{case.title} (Ann 2)"  # the chain ends with Ann's last edit
        titles = [(c["mine"], c["theirs"]) for c in _conflicts(bob) if c["record_id"] == case.id]
        assert (f"{case.title} (Ann 1)", f"{case.title} (Bob)") in titles  # Bob's overwrite is not silent
    with bob.ws.store.read() as reader:
        history = [step.to_status for step in reader.status_history(first.id)]
    assert history == ["new", "in_progress"]


def test_update_before_create(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _sync_all(ann, bob, rounds=1)
    backup = backup_server(server.db)
    enterprise = _enterprise(ann)
    ann.sync()
    bob.sync()
    records.update_enterprise(bob.ws, enterprise_number(0), {"phone": "02 422 00 20"})
    restore_server(server.db, backup)  # the server forgets the enterprise, not Ann's laptop
    bob_result = bob.sync()
    assert bob_result.pushed == {"held": 1}  # Bob's update arrived before the create
    with server.db.read() as connection:
        assert len(connection.execute(tables.backlog.select()).all()) == 1
    ann_result = ann.sync()
    assert ann_result.pushed == {"applied": 1}  # Ann's laptop sends the lost create again
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    assert records.find_enterprise(bob.ws, enterprise_number(0)).phone == "+3224220020"
    assert server_records(server.db)[("enterprise", enterprise)][0] == 2


def test_delete_against_edit(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann)
    kept = records.add_case(ann.ws, enterprise_number(0), "Terrasse", "permit_assistance").value
    records.add_task(ann.ws, kept.reference, "Plans")
    revived = records.add_case(ann.ws, enterprise_number(0), "Enseigne", "permit_assistance").value
    _sync_all(ann, bob, rounds=1)
    # 1. the edit reaches the server first: the delete that comes later is held back
    records.add_task(bob.ws, kept.reference, "Voisins")
    with ann.ws.store.unit_of_work() as uow:
        uow.delete("case", kept.id)
    bob.sync()
    assert ann.sync().new_conflicts == 1
    # 2. the delete reaches the server first: the edit that comes later brings the record back
    with ann.ws.store.unit_of_work() as uow:
        uow.delete("case", revived.id)
    current = records.find_case(bob.ws, revived.reference)
    with bob.ws.store.unit_of_work() as uow:
        uow.save(replace(current, title="Enseigne lumineuse"))
    ann.sync()
    assert bob.sync().new_conflicts == 1
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    with ann.ws.store.read() as reader:
        assert reader.get_case(kept.id) is not None
        assert sorted(t.title for t in reader.tasks_of(kept.id)) == ["Plans", "Voisins"]
        assert reader.get_case(revived.id).title == "Enseigne lumineuse"
    fields = sorted((c["record_id"], c["field"]) for c in _conflicts(bob))
    assert fields == sorted([(kept.id, "_deleted"), (revived.id, "_deleted")])
    # a person decides: Ann confirms one deletion, the other record stays
    decision = next(v for v in sync_service.list_conflicts(ann.ws) if v.record_id == kept.id)
    sync_service.resolve_conflict(ann.ws, decision.id, "value", '"deleted"')
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    with bob.ws.store.read() as reader:
        assert reader.get_case(kept.id) is None and reader.get_case(revived.id) is not None


def test_replay_same_mutation(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann)
    ann.sync()
    with ann.ws.store.unit_of_work() as uow:  # as if Ann's laptop had died before clearing its outbox
        [(key, value)] = sync_port.state_items(uow.connection, "sent/")
        entry = json.loads(value)
        sync_port.state_delete(uow.connection, key)
        mutation = entry["mutation"]
        row = sync_port.OutboxRow(
            mutation["mutation_id"], mutation["device_seq"], mutation["group_id"], mutation["entity"],
            mutation["id"], mutation["op"], mutation, entry["created_at"],
        )  # fmt: skip
        sync_port.outbox_add(uow.connection, [row])
    before = server_records(server.db)
    result = ann.sync()
    assert result.pushed == {"applied": 1}  # the stored result of the first delivery
    assert server_records(server.db) == before
    with server.db.read() as connection:
        assert len(connection.execute(tables.mutations.select()).all()) == 1
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)


def test_same_id_different_payload_refused(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    enterprise = _enterprise(ann)
    ann.sync()
    with ann.ws.store.unit_of_work() as uow:  # a buggy client reuses a mutation id for another change
        [(_key, value)] = sync_port.state_items(uow.connection, "sent/")
        mutation = json.loads(value)["mutation"]
        mutation["fields"]["name"]["value"] = "Autre chose"
        row = sync_port.OutboxRow(
            mutation["mutation_id"], mutation["device_seq"] + 1000, mutation["group_id"], "enterprise",
            enterprise, "upsert", mutation, sync_port.now_iso(),
        )  # fmt: skip
        sync_port.outbox_add(uow.connection, [row])
        uow.connection.execute(
            __import__("sqlalchemy").text("UPDATE enterprise SET name = 'Autre chose' WHERE id = :i"), {"i": enterprise}
        )
    result = ann.sync()
    assert result.rejected == 1
    assert _name(ann) == "Atelier 0"  # reverted to what the server holds
    [refused] = sync_service.list_conflicts(ann.ws)
    assert refused.kind == "rejected" and refused.field == "mutation_id" and "different content" in refused.message
    assert refused.mine["name"] == "Autre chose"  # kept and shown, never dropped
    assert sync_service.status(ann.ws).rejected == 1
    sync_service.resolve_conflict(ann.ws, refused.id, "theirs")
    assert sync_service.list_conflicts(ann.ws) == []
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)


def test_stale_base_version(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann)
    _sync_all(ann, bob, rounds=1)
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "v2"})
    ann.sync()
    records.update_enterprise(ann.ws, enterprise_number(0), {"legal_form": "SRL"})
    ann.sync()
    # Bob never pulled: his edit is based on version 1 and touches a field Ann changed and one she did not
    records.update_enterprise(bob.ws, enterprise_number(0), {"name": "Bob", "email": "info@atelier.be"})
    result = bob.sync()
    assert result.pushed == {"conflict": 1} and result.new_conflicts == 1
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    final = records.find_enterprise(ann.ws, enterprise_number(0))
    assert final.email == "info@atelier.be" and final.legal_form == "SRL"
    assert [c["field"] for c in _conflicts(ann)] == ["name"]


def test_one_advisor_two_laptops(server: Server, replica: Make) -> None:
    desk, travel = replica("ann", "ann-desk"), replica("ann", "ann-travel")
    assert desk.ws.device_id != travel.ws.device_id
    _enterprise(desk)
    _sync_all(desk, travel, rounds=1)
    records.update_enterprise(desk.ws, enterprise_number(0), {"name": "Bureau", "phone": "02 422 00 20"})
    records.update_enterprise(travel.ws, enterprise_number(0), {"name": "Voyage", "email": "ann@atelier.be"})
    _sync_all(desk, travel)
    _assert_converged(server, desk, travel)
    [conflict] = _conflicts(desk)
    assert conflict["field"] == "name"
    authors = conflict["authors"]
    assert authors["mine"] == authors["theirs"] == "ann"
    assert {authors["mine_device"], authors["theirs_device"]} == {desk.ws.device_id, travel.ws.device_id}
    final = records.find_enterprise(travel.ws, enterprise_number(0))
    assert final.phone == "+3224220020" and final.email == "ann@atelier.be"


def test_refused_change_is_kept_and_shown(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprise(ann)
    _sync_all(ann, bob, rounds=1)
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "Pendant le congé"})
    Accounts(server.db, ServerConfig()).set_scopes("ann", [])  # Ann's commune is taken away meanwhile
    result = ann.sync()
    assert result.rejected == 1
    [refused] = sync_service.list_conflicts(ann.ws)
    assert refused.kind == "rejected" and refused.mine == {"name": "Pendant le congé"}
    assert "outside your scopes" in refused.message
    assert [key for key in ann.records() if key[0] == "enterprise"] == []  # no longer hers to hold
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    assert _name(bob) == "Atelier 0"


def test_edit_reviving_a_deleted_record_still_merges_its_fields(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    enterprise = _enterprise(ann)
    _sync_all(ann, bob, rounds=1)
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "Chez Ann"})
    ann.sync()
    with ann.ws.store.unit_of_work() as uow:  # then Ann deletes it, knowing her own name
        uow.delete("enterprise", enterprise)
    ann.sync()
    records.update_enterprise(bob.ws, enterprise_number(0), {"name": "Chez Bob"})  # from the first version
    assert bob.sync().pushed == {"conflict": 1}
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    fields = sorted(c["field"] for c in _conflicts(bob))
    assert fields == ["_deleted", "name"]  # the record comes back, and the name overwrite is not silent
    [name] = [c for c in _conflicts(bob) if c["field"] == "name"]
    assert (name["mine"], name["theirs"]) == ("Chez Bob", "Chez Ann")
    assert _name(ann) == _name(bob) == ("Chez Bob" if name["winner"] == "mine" else "Chez Ann")


def test_delete_after_winning_a_conflict_still_meets_the_other_edit(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    enterprise = _enterprise(ann)
    _sync_all(ann, bob, rounds=1)
    records.update_enterprise(bob.ws, enterprise_number(0), {"name": "Chez Bob"})
    bob.sync()
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "Chez Ann"})  # later: her name wins
    with ann.ws.store.unit_of_work() as uow:  # then, still offline, she deletes it: she never saw Bob's edit
        uow.delete("enterprise", enterprise)
    assert ann.sync().pushed == {"conflict": 2}
    _sync_all(ann, bob)
    _assert_converged(server, ann, bob)
    assert sorted(c["field"] for c in _conflicts(bob)) == ["_deleted", "name"]  # Bob's edit is not lost unseen
    assert _name(bob) == "Chez Ann"
