"""Faults between a laptop and the server: every one ends with the replicas equal to the server."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from syncsupport import Replica, Server, comparable, enterprise_number, server_records

from hubdesk.kernel.errors import Interrupted
from hubdesk.kernel.jobs import CancelToken, Progress, Reporter
from hubdesk.server import tables
from hubdesk.services import records
from hubdesk.services import sync as sync_service
from hubdesk.store import sync_port
from hubdesk.sync.client import ServerUnreachable

Make = Callable[..., Replica]


def _enterprises(replica: Replica, first: int, count: int, postal: str = "1000") -> list[str]:
    ids = []
    for index in range(first, first + count):
        values = {"number": enterprise_number(index), "name": f"Atelier {index}", "postal_code": postal}
        ids.append(records.add_enterprise(replica.ws, values).value.id)
    return ids


def _converged(server: Server, *replicas: Replica) -> None:
    for replica in replicas:
        replica.sync()
    for replica in replicas:
        keys = {key for scope in _scopes(replica) for key in scope["keys"]}
        assert comparable(replica.records()) == comparable(server_records(server.db, keys)), replica.user
        assert replica.outbox_size() == 0


def _scopes(replica: Replica) -> list[dict[str, object]]:
    with replica.ws.store.unit_of_work() as uow:
        scopes: list[dict[str, object]] = sync_port.state_json(uow.connection, "scopes", [])
    return scopes


def _stored_mutations(server: Server) -> int:
    with server.db.read() as connection:
        return len(connection.execute(tables.mutations.select()).all())


def test_connection_dropped_before_request(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprises(ann, 0, 3)
    ann.transport.inject("/sync/v1/push", "drop_request", times=2)
    result = ann.sync()
    assert result.pushed == {"applied": 3}
    assert ann.transport.count("/sync/v1/push", "drop_request") == 2
    assert len(ann.delays) == 2 and ann.delays[1] > ann.delays[0] * 0.9  # backoff grows (with jitter)
    ann.transport.inject("/sync/v1/push", "down", times=10)
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "Atelier zéro"})
    with pytest.raises(ServerUnreachable):
        ann.sync()
    assert ann.outbox_size() == 1  # kept for the next sync
    ann.transport.faults.clear()
    _converged(server, ann, bob)
    assert _stored_mutations(server) == 4


def test_response_lost_after_commit(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprises(ann, 0, 2)
    ann.transport.inject("/sync/v1/push", "drop_response")
    result = ann.sync()
    assert result.pushed == {"applied": 2}  # the stored results, read back on the retry
    assert ann.transport.count("/sync/v1/push", "drop_response") == 1
    assert _stored_mutations(server) == 2
    assert {version for version, _data in server_records(server.db).values()} == {1}
    _converged(server, ann, bob)


def test_pull_interrupted_mid_page(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    bob.sync()
    _enterprises(ann, 0, 7)
    ann.sync()
    bob.options = {"pull_limit": 2}
    bob.transport.inject("/sync/v1/pull", "cut_body", times=2)
    bob.sync()
    assert bob.transport.count("/sync/v1/pull", "cut_body") == 2
    _converged(server, ann, bob)
    records.update_enterprise(ann.ws, enterprise_number(3), {"name": "Atelier trois"})
    ann.sync()
    bob.transport.inject("/sync/v1/pull", "cut_body", times=6)  # more than the retry budget
    with pytest.raises(ServerUnreachable):
        bob.sync()
    _converged(server, ann, bob)


def test_same_batch_twice(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    sent: list[bytes] = []

    def keep(request: httpx.Request) -> None:
        if request.url.path == "/sync/v1/push":
            sent.append(request.read())

    ann.transport.on_request = keep
    _enterprises(ann, 0, 3)
    ann.sync()
    before = server_records(server.db)
    refresh = ann.credentials.load(sync_service.account_name(ann.ws))
    token = server.client().post("/auth/v1/refresh", json={"refresh_token": refresh, "device_id": ann.ws.device_id})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    again = server.client().post(
        "/sync/v1/push", content=sent[0], headers={**headers, "Content-Type": "application/json"}
    )
    assert [r["status"] for r in again.json()["results"]] == ["duplicate"] * 3
    assert [r["original"] for r in again.json()["results"]] == ["applied"] * 3
    assert server_records(server.db) == before
    _converged(server, ann, bob)


def test_client_killed_mid_apply(server: Server, replica: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    ann, bob = replica("ann"), replica("bob")
    bob.sync()
    _enterprises(ann, 0, 6)
    ann.sync()
    calls = {"n": 0}
    real = sync_port.meta_set

    def die_on_the_fourth(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("killed")  # the process dies inside the page's transaction
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_port, "meta_set", die_on_the_fourth)
    with pytest.raises(SystemExit):
        bob.sync()
    monkeypatch.setattr(sync_port, "meta_set", real)
    bob.reopen()  # the same SQLite file, as after a restart
    assert not [key for key in bob.records() if key[0] == "enterprise"]  # the page did not half-apply
    _converged(server, ann, bob)
    assert len([key for key in bob.records() if key[0] == "enterprise"]) == 6


def test_server_restarted_mid_sync(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprises(ann, 0, 3)
    restarted = {"done": False}

    def restart_on_first_pull(request: httpx.Request) -> None:
        if request.url.path == "/sync/v1/pull" and not restarted["done"]:
            restarted["done"] = True
            server.restart()

    ann.transport.on_request = restart_on_first_pull
    ann.transport.inject("/sync/v1/pull", "down", times=3)  # down while it restarts
    ann.sync()
    assert restarted["done"] and ann.transport.count("/sync/v1/pull", "down") == 3
    _converged(server, ann, bob)


def test_sleep_resume(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    _enterprises(ann, 0, 2)
    slept = {"done": False}

    def fall_asleep_before_the_pull(request: httpx.Request) -> None:
        if request.url.path == "/sync/v1/pull" and not slept["done"]:
            slept["done"] = True
            server.clock.advance(8 * 3600)  # the lid closes for a night: the access token expires

    ann.transport.on_request = fall_asleep_before_the_pull
    ann.sync()
    assert ann.transport.count("/sync/v1/pull", "401") == 1
    assert ann.transport.count("/auth/v1/refresh", "200") == 2
    _converged(server, ann, bob)


def test_wrong_laptop_clock(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    [enterprise] = _enterprises(bob, 0, 1)
    bob.sync()
    ann.sync()
    ann.clock_offset_ms = 365 * 86_400_000  # the laptop's clock jumps a year ahead, then it works offline
    records.update_enterprise(ann.ws, enterprise_number(0), {"name": "Ann (futur)"})
    first = ann.sync()
    assert any("clock" in warning for warning in first.warnings)
    records.update_enterprise(bob.ws, enterprise_number(0), {"name": "Bob (maintenant)"})  # later, not seen Ann's
    bob.sync()
    _converged(server, ann, bob)
    # Unclamped, the clock a year ahead would have won; clamped to the server's time, the later edit wins.
    assert server_records(server.db)[("enterprise", enterprise)][1]["name"] == "Bob (maintenant)"
    conflicts = [data for (kind, _id), (_v, data) in bob.records().items() if kind == "conflict"]
    assert [(c["field"], c["mine"], c["theirs"]) for c in conflicts] == [("name", "Bob (maintenant)", "Ann (futur)")]
    records.update_enterprise(ann.ws, enterprise_number(0), {"legal_form": "SRL"})  # after the hello: corrected
    with ann.ws.store.unit_of_work() as uow:
        [row] = sync_port.outbox_pending(uow.connection, 10)
    assert abs(int(row.payload["hlc"][:15]) - server.clock.now) < 86_400_000


def test_cancel_and_resume(server: Server, replica: Make) -> None:
    ann, bob = replica("ann"), replica("bob")
    bob.sync()
    _enterprises(ann, 0, 6)
    ann.sync()
    token = CancelToken()
    seen: list[Progress] = []

    def sink(progress: Progress) -> None:
        seen.append(progress)
        if progress.done >= 2:
            token.cancel()

    bob.options = {"pull_limit": 2}
    with pytest.raises(Interrupted):
        sync_service.sync(
            bob.ws, bob.credentials, http=bob.http, reporter=Reporter(sink, token, interval=0), options=bob.options
        )
    partial = len([key for key in bob.records() if key[0] == "enterprise"])
    assert 2 <= partial < 6
    _converged(server, ann, bob)
