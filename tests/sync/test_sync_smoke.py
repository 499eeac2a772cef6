"""Smoke: two laptops share an enterprise through the real server."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
from syncsupport import Replica, Server, comparable, server_records

from hubdesk.services import records


def test_two_laptops_share_an_enterprise(server: Server, replica: Callable[[str], Replica]) -> None:
    ann, bob = replica("ann"), replica("bob")
    saved = records.add_enterprise(ann.ws, {"number": "0403.019.261", "name": "Café Nouveau", "postal_code": "1000"})
    first = ann.sync()
    assert first.pushed == {"applied": 1}
    bob.sync()
    assert ("enterprise", saved.value.id) in bob.records()
    records.update_enterprise(ann.ws, "0403019261", {"name": "Café Neuf"})
    records.update_enterprise(bob.ws, "0403019261", {"phone": "02 422 00 20"})
    ann.sync()
    bob.sync()
    ann.sync()
    assert comparable(ann.records()) == comparable(bob.records()) == comparable(server_records(server.db))


def test_a_save_larger_than_the_push_limit_goes_in_one_request(
    server: Server, replica: Callable[[str], Replica]
) -> None:
    """The engine reads one row past the limit; a save straddling it is read (and sent) whole."""
    ann = replica("ann")
    saved = records.add_enterprise(ann.ws, {"number": "0403.019.261", "name": "Café Nouveau", "postal_code": "1000"})
    records.add_case(ann.ws, "0403019261", "Terrasse", "permit_assistance")
    ann.sync()
    with ann.ws.store.unit_of_work() as uow:
        uow.delete("enterprise", saved.value.id)  # one save of three deletes: status change, case, enterprise
    records.add_enterprise(ann.ws, {"number": "0202.239.951", "name": "Atelier", "postal_code": "1000"})
    sent: list[list[tuple[str, str]]] = []

    def record(request: httpx.Request) -> None:
        if request.url.path == "/sync/v1/push":
            body = json.loads(request.read())
            sent.append([(m["group_id"], m["op"]) for m in body["mutations"]])

    ann.transport.on_request = record
    result = ann.sync(options={"push_limit": 1})
    assert [[op for _group, op in batch] for batch in sent] == [["delete", "delete", "delete"], ["upsert"]]
    assert len({group for group, _op in sent[0]}) == 1
    assert result.pushed == {"applied": 4}
