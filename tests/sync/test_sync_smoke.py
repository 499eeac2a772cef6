"""Smoke: two laptops share an enterprise through the real server."""

from __future__ import annotations

from collections.abc import Callable

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
