"""Attachments (resumable upload, lazy download) and the login kept in the keyring, never in a file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import httpx
import keyring
import keyring.backends.fail
import pytest
from syncsupport import PASSWORD, MemoryKeyring, Replica, Server, enterprise_number

from hubdesk.kernel.i18n import set_language
from hubdesk.server import tables
from hubdesk.services import records
from hubdesk.services import sync as sync_service
from hubdesk.services.workspace import Workspace
from hubdesk.sync.client import LoginRequired, ServerUnreachable

Make = Callable[..., Replica]


def _case(replica: Replica) -> str:
    records.add_enterprise(replica.ws, {"number": enterprise_number(0), "name": "Atelier", "postal_code": "1000"})
    return records.add_case(replica.ws, enterprise_number(0), "Terrasse", "permit_assistance").value.reference


def test_attachment_upload_resumed_at_60_percent(server: Server, replica: Make, tmp_path: Path) -> None:
    ann, bob = replica("ann"), replica("bob")
    reference = _case(ann)
    data = (b"plan de la terrasse " * 52429)[:1_000_000]
    photo = tmp_path / "terrasse.pdf"
    photo.write_bytes(data)
    sha = records.attach_file(ann.ws, reference, photo).value.sha256
    ann.options = {"blob_chunk": 100_000}
    sent: list[int] = []

    def count_and_cut(request: httpx.Request) -> None:
        if request.method == "PUT" and request.url.path.startswith("/sync/v1/blobs/"):
            sent.append(len(request.read()))
            if sum(sent) > 600_000:  # the line drops after 60 %
                ann.transport.inject("/sync/v1/blobs/", "down", times=100)

    ann.transport.on_request = count_and_cut
    with pytest.raises(ServerUnreachable):
        ann.sync()
    with server.db.read() as connection:
        blob = connection.execute(tables.blobs.select()).one()
    assert blob.received == 600_000 and not blob.complete
    assert ann.outbox_size() == 4  # enterprise, case, status change, attachment: none sent before the file
    ann.transport.faults.clear()
    sent.clear()
    result = ann.sync()
    assert sum(sent) == 400_000  # only what was missing
    assert result.pushed == {"applied": 4}
    with server.db.read() as connection:
        assert connection.execute(tables.blobs.select()).one().complete
    bob.sync()
    assert not bob.ws.store.attachment_path(sha).exists()  # downloaded lazily, when opened
    path = sync_service.fetch_attachment(bob.ws, bob.credentials, sha, http=bob.http)
    assert path.read_bytes() == data and hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_login_token_lives_in_the_keyring_only(server: Server, memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    ann = Replica(server, tmp_path / "ann", "ann")
    try:
        [(service, account)] = list(memory_keyring.passwords)
        token = memory_keyring.passwords[(service, account)]
        assert service == "HubDesk" and account.startswith("ann@http://hubdesk.test#")
        for file in (tmp_path / "ann").rglob("*"):
            if file.is_file():
                assert token.encode() not in file.read_bytes(), file
        assert sync_service.status(ann.ws, ann.credentials).logged_in
        ann.sync()
        sync_service.logout(ann.ws, ann.credentials, http=ann.http)
        assert memory_keyring.passwords == {}
        with pytest.raises(LoginRequired):
            ann.sync()
        refused = server.client().post("/auth/v1/refresh", json={"refresh_token": token, "device_id": ann.ws.device_id})
        assert refused.status_code == 401  # the session ended on the server too
    finally:
        ann.close()


def test_no_keyring_asks_for_each_session(server: Server, tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    ws = Workspace.open(tmp_path / "ann")
    http = lambda url: httpx.Client(base_url=url, transport=server.transport)  # noqa: E731
    try:
        set_language("fr")
        with pytest.raises(sync_service.KeyringUnavailable) as refused:
            sync_service.login(ws, "http://hubdesk.test", "ann", PASSWORD, sync_service.Credentials(), http=http)
        assert "trousseau" in str(refused.value) and "fichier" in str(refused.value)
        assert (ws.settings.server_url, ws.settings.user) == ("http://hubdesk.test", "ann")  # for --ask-password
        set_language("en")
        credentials = sync_service.Credentials()
        result = sync_service.login(
            ws, "http://hubdesk.test", "ann", PASSWORD, credentials, session_only=True, http=http
        )
        assert not result.remembered
        sync_service.sync(ws, credentials, http=http)
        assert sync_service.status(ws, credentials).logged_in
        assert not sync_service.status(ws, sync_service.Credentials()).logged_in  # a new session must log in again
        with pytest.raises(LoginRequired):
            sync_service.sync(ws, sync_service.Credentials(), http=http)
    finally:
        set_language("en")
        ws.close()
        keyring.set_keyring(previous)


def test_status_reports_the_outbox_scopes_and_conflicts(server: Server, replica: Make) -> None:
    ann = replica("ann")
    before = sync_service.status(ann.ws, ann.credentials)
    assert before.outbox_size == 0 and before.last_sync is None and before.scopes == ()
    _case(ann)
    waiting = sync_service.status(ann.ws, ann.credentials)
    assert waiting.outbox_size == 3 and waiting.oldest_unsent is not None
    assert waiting.oldest_unsent_age_seconds is not None and waiting.oldest_unsent_age_seconds >= 0
    ann.sync()
    after = sync_service.status(ann.ws, ann.credentials)
    assert after.outbox_size == 0 and after.last_sync is not None and after.open_conflicts == 0
    assert [(s.name, s.last_pull is not None, s.verified) for s in after.scopes] == [
        ("own", True, True),
        ("commune:21004", True, True),
    ]
