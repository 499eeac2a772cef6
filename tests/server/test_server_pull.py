"""What clients download: scoped pulls, cursors, checksums, tombstones, snapshots, blobs, published files."""

from __future__ import annotations

import gzip
import hashlib
import json

from syncsupport import PASSWORD, Device, Server, add_user, case_fields, enterprise_fields

from hubdesk.kernel.ids import new_id
from hubdesk.kernel.jsonable import compact_json
from hubdesk.server.auth import Accounts
from hubdesk.server.config import ServerConfig
from hubdesk.server.database import ServerDatabase
from hubdesk.server.pull import PullPage, _changes, new_epoch, publish, purge
from hubdesk.sync.protocol import Change, Checksum, PullReply, scope_checksum


def _fill(device: Device, commune: str, count: int, manager: str | None = None) -> list[str]:
    ids = []
    for index in range(count):
        record = new_id()
        fields = enterprise_fields(commune=commune, name=f"Entreprise {index}")
        if manager:
            fields["account_manager"] = manager
        [result] = device.push(device.mutation("enterprise", record, fields))
        assert result["status"] == "applied", result
        ids.append(record)
    return ids


def test_an_advisor_never_pulls_outside_their_scopes(server: Server) -> None:
    bob, ann = Device(server, "bob"), Device(server, "ann")
    inside = _fill(bob, "21004", 2)
    outside = _fill(bob, "21015", 2)
    forbidden = ann.get("/sync/v1/pull", scope="commune:21015")
    assert forbidden.status_code == 403
    changes, _ = ann.pull_all("commune:21004")
    assert {record for _kind, record in changes} == set(inside)
    own, _ = ann.pull_all("own")
    assert not own
    snapshot = ann.http.post("/sync/v1/snapshot", params={"scope": "commune:21015"}, headers=ann.headers)
    assert snapshot.status_code == 403
    assert outside


def test_pages_follow_the_cursor_and_end_with_the_scope_checksum(server: Server) -> None:
    bob = Device(server, "bob")
    _fill(bob, "21004", 7)
    seen: dict[tuple[str, str], dict[str, object]] = {}
    cursor, pages = "", 0
    while True:
        reply = bob.pull("commune:21004", cursor, limit=3)
        pages += 1
        for change in reply["changes"]:
            seen[(change["entity"], change["id"])] = change
        cursor = reply["cursor"]
        if not reply["more"]:
            break
        assert reply["checksum"] is None
    assert pages == 3 and len(seen) == 7
    rows = [(entity, record, int(c["version"]), c["keys"]) for (entity, record), c in seen.items()]
    assert reply["checksum"] == scope_checksum(rows, ["commune:21004"]).model_dump()
    again = bob.pull("commune:21004", cursor)
    assert again["changes"] == [] and again["cursor"] == cursor


def test_a_cursor_the_server_cannot_vouch_for_gets_resync(server: Server) -> None:
    bob = Device(server, "bob")
    _fill(bob, "21004", 2)
    _, cursor = bob.pull_all("commune:21004")
    seq, tag = cursor.split(".")
    assert bob.pull("commune:21004", f"{seq}.bad")["reason"] == "diverged"
    assert bob.pull("commune:21004", f"{int(seq) + 50}.{tag}")["reason"] == "unknown"
    assert bob.pull("commune:21004", "nonsense")["resync"]


def test_tombstones_reach_clients_then_expire_with_the_horizon(server: Server) -> None:
    bob, ann = Device(server, "bob"), Device(server, "ann")
    [gone, kept] = _fill(bob, "21004", 2)
    _, old_cursor = ann.pull_all("commune:21004")
    bob.push(bob.mutation("enterprise", gone, op="delete", base=1))
    changes, recent_cursor = ann.pull_all("commune:21004", old_cursor)
    assert changes[("enterprise", gone)]["deleted"]
    server.clock.advance(server.config.max_offline_days * 86400 + 60)
    counts = purge(server.db, server.config)
    assert counts["tombstones"] == 1 and counts["log"] >= 3
    ann.renew()
    expired = ann.pull("commune:21004", old_cursor)
    assert expired["resync"] and expired["reason"] == "expired"
    assert not ann.pull("commune:21004", recent_cursor)["resync"]  # the newest position is still known
    assert ann.pull("commune:21004", "")["reason"] == "expired"  # from scratch: a snapshot, not the log
    snapshot = ann.http.post("/sync/v1/snapshot", params={"scope": "commune:21004"}, headers=ann.headers).json()
    body = ann.get(f"/sync/v1/snapshot/{snapshot['id']}").content
    lines = gzip.decompress(body).decode().splitlines()
    assert [json.loads(line)[1] for line in lines[1:-1]] == [kept]


def test_snapshot_is_a_resumable_file_taken_at_a_known_position(server: Server) -> None:
    bob = Device(server, "bob")
    ids = _fill(bob, "21004", 30)
    info = bob.http.post("/sync/v1/snapshot", params={"scope": "commune:21004"}, headers=bob.headers).json()
    assert info["count"] == 30
    half = info["size"] // 2
    first = bob.http.get(f"/sync/v1/snapshot/{info['id']}", headers={**bob.headers, "Range": f"bytes=0-{half - 1}"})
    assert first.status_code == 206 and len(first.content) == half
    rest = bob.http.get(f"/sync/v1/snapshot/{info['id']}", headers={**bob.headers, "Range": f"bytes={half}-"})
    assert rest.headers["content-range"] == f"bytes {half}-{info['size'] - 1}/{info['size']}"
    body = first.content + rest.content
    assert hashlib.sha256(body).hexdigest() == info["sha256"]
    lines = gzip.decompress(body).decode().splitlines()
    header, records, end = json.loads(lines[0]), [json.loads(line) for line in lines[1:-1]], json.loads(lines[-1])
    assert header["cursor"] == info["cursor"] and end == {"end": True, "count": 30}
    assert sorted(r[1] for r in records) == sorted(ids)
    reused = bob.http.post("/sync/v1/snapshot", params={"scope": "commune:21004"}, headers=bob.headers).json()
    assert reused["id"] == info["id"]
    after, _ = bob.pull_all("commune:21004", info["cursor"])
    assert after == {}
    cid = Device(server, "cid")
    assert cid.get(f"/sync/v1/snapshot/{info['id']}").status_code == 403


def test_a_streamed_snapshot_is_the_stored_snapshot_sent_as_it_is_read(server: Server) -> None:
    bob = Device(server, "bob")
    _fill(bob, "21004", 12)
    streamed = bob.http.get("/sync/v1/snapshot", params={"scope": "commune:21004"}, headers=bob.headers)
    assert streamed.status_code == 200 and streamed.headers["content-type"] == "application/gzip"
    info = bob.http.post("/sync/v1/snapshot", params={"scope": "commune:21004"}, headers=bob.headers).json()
    stored = bob.http.get(f"/sync/v1/snapshot/{info['id']}", headers=bob.headers).content
    assert gzip.decompress(streamed.content) == gzip.decompress(stored)  # header (cursor), lines, end
    cid = Device(server, "cid")
    refused = cid.http.get("/sync/v1/snapshot", params={"scope": "commune:21004"}, headers=cid.headers)
    assert refused.status_code == 403 and refused.json()["error"]["code"]


def test_snapshot_lines_hold_the_stored_json_as_it_is(server: Server) -> None:
    """PostgreSQL writes the lines through COPY: backslashes, quotes, escaped control characters
    and non-Latin text must come out exactly as stored, each record on one line."""
    bob = Device(server, "bob")
    odd = 'Café « Chez \\ Moi » "1030"\n\t\x01\x02 日本 ,;'
    record = new_id()
    [result] = bob.push(bob.mutation("enterprise", record, enterprise_fields(commune="21004", name=odd)))
    assert result["status"] == "applied", result
    info = bob.http.post("/sync/v1/snapshot", params={"scope": "commune:21004"}, headers=bob.headers).json()
    body = bob.http.get(f"/sync/v1/snapshot/{info['id']}", headers=bob.headers).content
    lines = gzip.decompress(body).decode().split("\n")
    assert lines[-1] == "" and json.loads(lines[-2]) == {"end": True, "count": 1}
    [line] = lines[1:-2]
    kind, record_id, _version, data, _keys = json.loads(line)
    assert (kind, record_id, data["name"]) == ("enterprise", record, odd)


def test_attachments_upload_in_resumable_chunks_and_are_stored_once(server: Server) -> None:
    ann, cid = Device(server, "ann"), Device(server, "cid")
    data = bytes(range(256)) * 400
    sha = hashlib.sha256(data).hexdigest()
    status = ann.http.post(f"/sync/v1/blobs/{sha}", json={"size": len(data)}, headers=ann.headers).json()
    assert status["received"] == 0
    put = ann.http.put(f"/sync/v1/blobs/{sha}", params={"offset": 0}, content=data[:40000], headers=ann.headers)
    assert put.json()["received"] == 40000
    wrong = ann.http.put(f"/sync/v1/blobs/{sha}", params={"offset": 0}, content=data[:10], headers=ann.headers)
    assert wrong.status_code == 409
    again = ann.http.post(f"/sync/v1/blobs/{sha}", json={"size": len(data)}, headers=ann.headers).json()
    assert again["received"] == 40000
    done = ann.http.put(f"/sync/v1/blobs/{sha}", params={"offset": 40000}, content=data[40000:], headers=ann.headers)
    assert done.json()["complete"]
    twice = cid.http.post(f"/sync/v1/blobs/{sha}", json={"size": len(data)}, headers=cid.headers).json()
    assert twice["complete"]  # identical bytes: nothing to send
    enterprise, case, attachment = new_id(), new_id(), new_id()
    ann.push(ann.mutation("enterprise", enterprise, enterprise_fields()))
    ann.push(ann.mutation("case", case, case_fields(enterprise)))
    fields = {"case_id": case, "name": "plan.pdf", "media_type": "application/pdf", "size": len(data), "sha256": sha}
    [result] = ann.push(ann.mutation("attachment", attachment, fields))
    assert result["status"] == "applied"
    bob = Device(server, "bob")
    ranged = bob.http.get(f"/sync/v1/blobs/{sha}", headers={**bob.headers, "Range": "bytes=100-199"})
    assert ranged.status_code == 206 and ranged.content == data[100:200]
    assert bob.get(f"/sync/v1/blobs/{sha}").content == data
    assert Device(server, "root").get(f"/sync/v1/blobs/{sha}").status_code == 200
    eve_data = b"not uploaded"
    [missing] = ann.push(
        ann.mutation("attachment", new_id(), {**fields, "sha256": hashlib.sha256(eve_data).hexdigest()})
    )
    assert missing["status"] == "rejected" and missing["error"]["field"] == "blobs"


def test_a_corrupt_upload_is_thrown_away(server: Server) -> None:
    ann = Device(server, "ann")
    data = b"x" * 1000
    sha = hashlib.sha256(data).hexdigest()
    ann.http.post(f"/sync/v1/blobs/{sha}", json={"size": 1000}, headers=ann.headers)
    status = ann.http.put(f"/sync/v1/blobs/{sha}", params={"offset": 0}, content=b"y" * 1000, headers=ann.headers)
    assert status.json() == {"sha256": sha, "size": 1000, "received": 0, "complete": False}


def test_team_scope_covers_the_members_own_files_and_follows_the_team(server: Server) -> None:
    add_user(server.db, "tia", "teamlead", ["team:north"])
    add_user(server.db, "uma", "advisor", ["team:north"])
    uma = Device(server, "uma")
    [own] = _fill(uma, "21015", 1, manager="uma")
    tia = Device(server, "tia")
    scopes = {s["name"]: s for s in tia.hello()["scopes"]}
    assert scopes["team:north"]["keys"] == ["advisor:tia", "advisor:uma"]
    changes, _ = tia.pull_all("team:north")
    assert ("enterprise", own) in changes
    Accounts(server.db, ServerConfig(argon2_time_cost=1, argon2_memory_kib=8192)).set_scopes(
        "ann", ["commune:21004", "team:north"]
    )
    assert {s["name"]: s for s in tia.hello()["scopes"]}["team:north"]["digest"] != scopes["team:north"]["digest"]


def test_a_team_change_made_through_another_server_process_counts_at_the_next_request(server: Server) -> None:
    """Each process remembers a team's members while no user changes; a change counts everywhere at once."""
    add_user(server.db, "tia", "teamlead", ["team:north"])
    add_user(server.db, "uma", "advisor", ["team:north"])
    tia = Device(server, "tia")

    def team() -> list[str]:
        keys: list[str] = {s["name"]: s for s in tia.hello()["scopes"]}["team:north"]["keys"]
        return keys

    assert team() == team() == ["advisor:tia", "advisor:uma"]  # the second one from memory
    elsewhere = ServerDatabase(server.db.url)  # another process: its own engine and memory
    try:
        accounts = Accounts(elsewhere, ServerConfig(argon2_time_cost=1, argon2_memory_kib=8192))
        accounts.add_user("vic", PASSWORD, "advisor", ["team:north"])
        assert team() == ["advisor:tia", "advisor:uma", "advisor:vic"]
        [vics] = _fill(Device(server, "vic"), "21015", 1, manager="vic")
        changes, _ = tia.pull_all("team:north")
        assert ("enterprise", vics) in changes
        accounts.set_scopes("uma", ["commune:21015"])
        assert team() == ["advisor:tia", "advisor:vic"]
        accounts.set_disabled("vic", True)
        assert team() == ["advisor:tia"]
        assert tia.pull("team:north")["changes"] == []  # vic's file left with vic
    finally:
        elsewhere.close()


def test_published_forms_reach_every_client_once(server: Server) -> None:
    ann = Device(server, "ann")
    assert ann.get("/sync/v1/published").json() == {"items": [], "cursor": 0}
    publish(server.db, server.config, "form", "terrace/v2.json", '{"form_id": "terrace"}', "2", "terrace")
    reply = ann.get("/sync/v1/published").json()
    assert [(i["name"], i["version"]) for i in reply["items"]] == [("terrace/v2.json", "2")]
    assert ann.get("/sync/v1/published", cursor=reply["cursor"]).json()["items"] == []


def test_a_new_epoch_is_announced_in_hello(server: Server) -> None:
    ann = Device(server, "ann")
    before = ann.hello()["epoch"]
    new_epoch(server.db)
    assert ann.hello()["epoch"] != before


def _log_row(seq: int, record_id: str, data: dict | None, keys: list[str], *, deleted: bool = False) -> tuple:
    """A row as `_changes` reads it, in the statement's column order: the log entry, then the
    record's current state (seq, tag, entity, id, origin, logged version, version, deleted, data, keys)."""
    stored = None if data is None else compact_json(data)
    return (seq, "0a1b2c3d", "enterprise", record_id, None, seq, seq + 1, deleted, stored, compact_json(keys))


def test_page_json_is_what_the_protocol_models_say() -> None:
    """Changes are written as JSON text from the stored record JSON; the client reads the same page."""
    odd = {
        "name": 'Café « Chez \\ Moi » "1030" 日本',
        "figures": {"turnover_eur": 1.5e16, "headcount": None},
        "tags": [],
    }
    rows = [
        _log_row(1, "a-1", odd, ["*", "advisor:ann"]),
        _log_row(2, "a-2", {"name": "x"}, ["*", "advisor:bob"]),  # left the caller's scopes
        _log_row(3, "a-3", None, [], deleted=True),
        _log_row(4, "a-1", odd, ["*", "advisor:ann"]),  # the same record again: sent once
    ]
    page = PullPage(changes=_changes(rows, {"advisor:ann"}), cursor="4.0a1b2c3d", checksum=Checksum(count=1, total=7))
    reply = page.reply()
    assert reply == PullReply(
        changes=[
            Change(seq=1, entity="enterprise", id="a-1", version=2, data=odd, keys=["*", "advisor:ann"]),
            Change(seq=2, entity="enterprise", id="a-2", version=3, exit=True, keys=["*", "advisor:bob"]),
            Change(seq=3, entity="enterprise", id="a-3", version=4, deleted=True, keys=[]),
        ],
        cursor="4.0a1b2c3d",
        checksum=Checksum(count=1, total=7),
    )
    assert json.loads(page.to_json()) == json.loads(reply.model_dump_json())
    assert PullPage(resync=True, reason="expired", cursor="9.x").reply() == PullReply(
        resync=True, reason="expired", cursor="9.x"
    )
