"""The server's HTTP face: health, schema, accounts, tokens, throttling, hello and version negotiation."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url
from syncsupport import PASSWORD, POSTGRES_URL, Device, Server, add_user

from hubdesk.kernel.errors import ConflictError, ValidationError
from hubdesk.kernel.ids import new_id
from hubdesk.server.auth import Accounts
from hubdesk.server.config import ServerConfig
from hubdesk.server.tables import sessions, users


def test_health_and_openapi(server: Server) -> None:
    http = server.client()
    health = http.get("/health").json()
    assert health["status"] == "ok" and health["epoch"]
    schema = http.get("/openapi.json").json()
    for path in ("/sync/v1/hello", "/sync/v1/push", "/sync/v1/pull", "/sync/v1/snapshot", "/auth/v1/login"):
        assert path in schema["paths"]


def test_passwords_are_argon2_hashes_never_the_password(server: Server) -> None:
    with server.db.read() as connection:
        stored = connection.execute(users.select().where(users.c.name == "ann")).one()
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


def test_wrong_password_is_refused_and_throttled(server: Server) -> None:
    http = server.client()
    for _attempt in range(5):
        response = http.post("/auth/v1/login", json={"user": "ann", "password": "nope", "device_id": "d1"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
    locked = http.post("/auth/v1/login", json={"user": "ann", "password": PASSWORD, "device_id": "d1"})
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0
    server.clock.advance(server.config.login_lock_seconds + 1)
    again = http.post("/auth/v1/login", json={"user": "ann", "password": PASSWORD, "device_id": "d1"})
    assert again.status_code == 200


def test_throttle_is_shared_by_every_server_process(server: Server) -> None:
    http = server.client()
    for _attempt in range(5):
        http.post("/auth/v1/login", json={"user": "bob", "password": "bad", "device_id": "d2"})
    other = Server.start(server.db, server.clock)  # a second app: its own memory, the same database
    response = other.client().post("/auth/v1/login", json={"user": "bob", "password": PASSWORD, "device_id": "d2"})
    assert response.status_code == 429


def test_messages_come_in_the_callers_language(server: Server) -> None:
    response = server.client().post(
        "/auth/v1/login",
        json={"user": "ann", "password": "nope", "device_id": "d1"},
        headers={"Accept-Language": "fr-BE"},
    )
    assert response.json()["error"]["message"] == "Nom d’utilisateur ou mot de passe incorrect."
    assert response.json()["error"]["msgid"] == "Wrong user name or password."


def test_access_token_expires_and_refresh_token_renews_it(server: Server) -> None:
    device = Device(server, "ann")
    assert device.get("/sync/v1/checksum", scope="own").status_code == 200
    server.clock.advance(server.config.access_token_seconds + 1)
    expired = device.get("/sync/v1/checksum", scope="own")
    assert expired.status_code == 401
    fresh = server.client().post("/auth/v1/refresh", json={"refresh_token": device.refresh, "device_id": device.id})
    assert fresh.status_code == 200
    device.access = fresh.json()["access_token"]
    assert device.get("/sync/v1/checksum", scope="own").status_code == 200


def test_refresh_token_is_bound_to_its_device_and_outlives_the_offline_period(server: Server) -> None:
    device = Device(server, "ann")
    stolen = server.client().post("/auth/v1/refresh", json={"refresh_token": device.refresh, "device_id": "other"})
    assert stolen.status_code == 401
    server.clock.advance(server.config.max_offline_days * 86400 + 3600)
    still = server.client().post("/auth/v1/refresh", json={"refresh_token": device.refresh, "device_id": device.id})
    assert still.status_code == 200


def test_logout_ends_the_session_everywhere(server: Server) -> None:
    device = Device(server, "ann")
    assert device.http.post("/auth/v1/logout", headers=device.headers).status_code == 204
    _assert_locked_out(device)
    refused = server.client().post("/auth/v1/refresh", json={"refresh_token": device.refresh, "device_id": device.id})
    assert refused.status_code == 401
    with server.db.read() as connection:
        row = connection.execute(sessions.select().where(sessions.c.device_id == device.id)).one()
    assert row.revoked_ms is not None
    assert row.token_hash != device.refresh  # only the hash is stored


def test_disabled_account_is_locked_out_at_once(server: Server) -> None:
    device = Device(server, "cid")
    Accounts(server.db, ServerConfig()).set_disabled("cid", True)
    _assert_locked_out(device)


def _assert_locked_out(device: Device) -> None:
    """Every route reads the session, each in its own way (hello, push and pull with their own statements)."""
    assert device.get("/sync/v1/checksum", scope="own").status_code == 401
    assert device.get("/sync/v1/pull", scope="own", cursor="").status_code == 401
    hello = {"device_id": device.id, "app_version": "9.9.9", "clock": 0}
    assert device.http.post("/sync/v1/hello", json=hello, headers=device.headers).status_code == 401
    push = {"device_id": device.id, "mutations": []}
    assert device.http.post("/sync/v1/push", json=push, headers=device.headers).status_code == 401


def test_forged_token_is_refused(server: Server) -> None:
    device = Device(server, "ann")
    body, signature = device.access.split(".")
    forged = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + signature
    response = device.http.get(
        "/sync/v1/checksum", params={"scope": "own"}, headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgres"], indirect=True)  # a SQLite file has no connection to drop
def test_a_connection_the_database_dropped_answers_503_and_the_retry_works(server: Server) -> None:
    device = Device(server, "ann")
    device.hello()
    server.db.engine.dispose()
    with server.db.engine.connect() as connection:  # the pool's only connection from now on
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    with psycopg.connect(make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(False)) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    lost = device.http.post(
        "/sync/v1/hello",
        json={"device_id": device.id, "app_version": "0.1.0", "clock": server.clock.now},
        headers={**device.headers, "Accept-Language": "nl"},
    )
    assert lost.status_code == 503 and lost.headers["retry-after"] == "1"
    assert lost.json()["error"]["code"] == "storage"
    assert lost.json()["error"]["message"].startswith("De server")
    assert device.hello()["user"] == "ann"


def test_hello_negotiates_and_reports_scopes_skew_and_epoch(server: Server) -> None:
    device = Device(server, "bob")
    reply = device.hello(protocol=[1, 3], clock=server.clock.now - 120_000)
    assert reply["protocol"] == 1
    assert reply["clock_skew_ms"] == 120_000 and not reply["clock_flagged"]
    assert [s["name"] for s in reply["scopes"]] == ["own", "commune:21004", "commune:21015"]
    assert reply["scopes"][0]["keys"] == ["advisor:bob"]
    assert reply["epoch"] and reply["device_last_seq"] == 0
    far = device.hello(clock=server.clock.now - 3 * 86_400_000)
    assert far["clock_flagged"]
    too_new = device.http.post(
        "/sync/v1/hello",
        json={"device_id": device.id, "app_version": "0.1.0", "clock": 0, "protocol": [7, 9]},
        headers=device.headers,
    )
    assert too_new.status_code == 426


def test_outdated_app_may_upload_but_not_download(db: object, tmp_path: object) -> None:
    from hubdesk.server.database import ServerDatabase

    assert isinstance(db, ServerDatabase)
    add_user(db, "old", "advisor", ["commune:21004"])
    server = Server.start(db, min_app_version="9.0")
    device = Device(server, "old")
    reply = device.hello()
    assert reply["downloads_allowed"] is False
    record = new_id()
    results = device.push(
        device.mutation(
            "enterprise",
            record,
            {
                "number": "0403019261",
                "name": "Vieux",
                "address": {"commune_nis": "21004", "street": "", "postal_code": "1000", "city": "", "country": "BE"},
            },
        )
    )
    assert results[0]["status"] == "applied"
    refused = device.get("/sync/v1/pull", scope="own")
    assert refused.status_code == 426
    server.transport.stop()


def test_accounts_validate_names_roles_scopes_and_passwords(server: Server) -> None:
    accounts = Accounts(server.db, ServerConfig(argon2_time_cost=1, argon2_memory_kib=8192))
    with pytest.raises(ValidationError):
        accounts.add_user("eve", "short", "advisor", [])
    with pytest.raises(ValidationError):
        accounts.add_user("eve", PASSWORD, "pilot", [])
    with pytest.raises(ValidationError):
        accounts.add_user("eve", PASSWORD, "advisor", ["commune:1000"])
    with pytest.raises(ConflictError):
        accounts.add_user("ann", PASSWORD, "advisor", [])
    user = accounts.add_user("eve", PASSWORD, "attache", ["post:Tokyo"])
    assert user.scopes == ("post:Tokyo",)
