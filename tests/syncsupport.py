"""Test support for the server and sync suites: databases, in-process HTTP, faults, keyring, users.

- `server_database(kind, tmp_path)`: a migrated server database on SQLite (a file) or on
  PostgreSQL (a schema of its own, dropped afterwards).
- `AppTransport`: a synchronous httpx transport that calls the real ASGI app in process.
- `FaultyTransport`: wraps a transport and drops requests, responses or bodies on cue.
- `MemoryKeyring`: a real keyring backend kept in memory (registered with keyring.set_keyring).
- `live_server(url, log)`: `hubdesk server run` in processes of its own on loopback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx
import keyring
import keyring.backend
import keyring.errors
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hubdesk.kernel.ids import new_id
from hubdesk.server.app import create_app
from hubdesk.server.auth import Accounts
from hubdesk.server.config import ServerConfig
from hubdesk.server.database import ServerDatabase
from hubdesk.sync.protocol import Hlc

POSTGRES_URL = os.environ.get("HUBDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "correct horse battery"
FAST_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_kib": 8192}


def postgres_available() -> bool:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


def require_postgres() -> None:
    """Skip without PostgreSQL, except under CI where a missing database is a failure."""
    if postgres_available():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required under CI and is not reachable at {POSTGRES_URL}")
    pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")


def postgres_schema_url(schema: str) -> str:
    url = make_url(POSTGRES_URL)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@contextmanager
def server_database(kind: str, tmp_path: Path) -> Iterator[ServerDatabase]:
    if kind == "sqlite":
        db = ServerDatabase(f"sqlite:///{tmp_path / 'server.sqlite'}")
        db.migrate()
        try:
            yield db
        finally:
            db.close()
        return
    require_postgres()
    schema = f"hd_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    db = ServerDatabase(postgres_schema_url(schema))
    try:
        db.migrate()
        yield db
    finally:
        db.close()
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


DATABASES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


class Clock:
    """A server clock the test moves by hand (milliseconds)."""

    def __init__(self, start: int | None = None) -> None:
        self.now = start if start is not None else time.time_ns() // 1_000_000

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += int(seconds * 1000)


def server_config(clock: Clock | None = None, **options: Any) -> ServerConfig:
    values: dict[str, Any] = {**FAST_ARGON2, **options}
    if clock is not None:
        values["clock"] = clock
    return ServerConfig(**values)


def add_user(db: ServerDatabase, name: str, role: str = "advisor", scopes: list[str] | None = None) -> None:
    Accounts(db, ServerConfig(**FAST_ARGON2)).add_user(name, PASSWORD, role, scopes or [])


# ---------------------------------------------------------------------- HTTP in process


class AppTransport(httpx.BaseTransport):
    """Send each request to the ASGI app in this process (through httpx's ASGI transport)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._portal_cm: AbstractContextManager[Any] = anyio.from_thread.start_blocking_portal()
        self._portal = self._portal_cm.__enter__()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        return self._portal.call(self._send, request.method, str(request.url), dict(request.headers), body)

    async def _send(self, method: str, url: str, headers: dict[str, str], body: bytes) -> httpx.Response:
        transport = httpx.ASGITransport(app=self.app)
        request = httpx.Request(method, url, headers=headers, content=body)
        response = await transport.handle_async_request(request)
        content = b"".join([chunk async for chunk in response.aiter_raw()])  # still compressed
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    def close(self) -> None:
        """Clients close their transport when done; the app keeps serving until `stop()`."""

    def stop(self) -> None:
        self._portal_cm.__exit__(None, None, None)


@dataclass
class Fault:
    """What to do to the next request whose path contains `path`."""

    path: str
    action: str  # "drop_request" | "drop_response" | "cut_body" | "status:503" | "down"
    times: int = 1


@dataclass
class FaultyTransport(httpx.BaseTransport):
    """A transport that injects network faults on cue, and counts what went through."""

    inner: httpx.BaseTransport
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, what happened)
    on_request: Callable[[httpx.Request], None] | None = None
    rewrite: Callable[[httpx.Request], httpx.Request] | None = None

    def inject(self, path: str, action: str, times: int = 1) -> None:
        self.faults.append(Fault(path, action, times))

    def _take(self, request: httpx.Request) -> str | None:
        for fault in self.faults:
            if fault.path in request.url.path and fault.times > 0:
                fault.times -= 1
                if fault.times == 0:
                    self.faults.remove(fault)
                return fault.action
        return None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.on_request is not None:
            self.on_request(request)
        if self.rewrite is not None:
            request = self.rewrite(request)
        action = self._take(request)
        path = request.url.path
        if action in ("drop_request", "down"):
            self.log.append((request.method, path, action))
            raise httpx.ConnectError("connection dropped before the request", request=request)
        if action is not None and action.startswith("status:"):
            self.log.append((request.method, path, action))
            return httpx.Response(int(action.split(":")[1]), json={"error": {"code": "down", "message": "down"}})
        response = self.inner.handle_request(request)
        response.read()
        if action == "drop_response":
            self.log.append((request.method, path, action))
            raise httpx.ReadError("connection dropped after the server answered", request=request)
        if action == "cut_body":
            self.log.append((request.method, path, action))
            raise httpx.RemoteProtocolError("connection cut in the middle of the body", request=request)
        if action == "cut_stream":  # half the body arrives, then the connection breaks
            self.log.append((request.method, path, action))
            half = response.content[: len(response.content) // 2]
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
            return httpx.Response(response.status_code, headers=headers, stream=_CutStream(half, request))
        self.log.append((request.method, path, str(response.status_code)))
        return response

    def count(self, path: str, what: str | None = None) -> int:
        return sum(1 for _m, p, w in self.log if path in p and (what is None or w == what))


class _CutStream(httpx.SyncByteStream):
    """A body that gives its first bytes, then fails as a dropped connection does."""

    def __init__(self, first: bytes, request: httpx.Request) -> None:
        self.first = first
        self.request = request

    def __iter__(self) -> Iterator[bytes]:
        yield self.first
        raise httpx.RemoteProtocolError("connection cut in the middle of the body", request=self.request)


def no_sleep(delays: list[float] | None = None) -> Callable[[float], None]:
    """A pause function that records the pauses instead of sleeping."""

    def pause(seconds: float) -> None:
        if delays is not None:
            delays.append(seconds)

    return pause


# ---------------------------------------------------------------------- keyring


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working keyring backend that keeps passwords in this process's memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.passwords:
            raise keyring.errors.PasswordDeleteError(username)
        del self.passwords[(service, username)]


@dataclass
class Server:
    """A server app in process on one database, with a transport clients can share."""

    db: ServerDatabase
    clock: Clock
    config: ServerConfig
    app: Any
    transport: AppTransport

    @classmethod
    def start(cls, db: ServerDatabase, clock: Clock | None = None, **options: Any) -> Server:
        moment = clock or Clock()
        config = server_config(moment, **options)
        app = create_app(db, config)
        return cls(db, moment, config, app, AppTransport(app))

    def restart(self) -> None:
        """A new app (and database engine) on the same database: nothing kept in memory survives."""
        self.db.close()
        self.db = ServerDatabase(self.db.url)
        self.app = create_app(self.db, self.config)
        self.transport.app = self.app

    def client(self, transport: httpx.BaseTransport | None = None) -> httpx.Client:
        return httpx.Client(base_url="http://hubdesk.test", transport=transport or self.transport)

    def login(self, user: str, device: str, client: httpx.Client | None = None) -> dict[str, str]:
        http = client or self.client()
        response = http.post("/auth/v1/login", json={"user": user, "password": PASSWORD, "device_id": device})
        response.raise_for_status()
        body: dict[str, str] = response.json()
        return body


# ---------------------------------------------------------------------- raw protocol devices


class Device:
    """One device speaking the protocol by hand (the tests write mutations themselves)."""

    def __init__(self, server: Server, user: str, device_id: str | None = None) -> None:
        self.server = server
        self.user = user
        self.id = device_id or new_id()
        self.http = server.client()
        tokens = server.login(user, self.id, self.http)
        self.access = tokens["access_token"]
        self.refresh = tokens["refresh_token"]
        self.seq = 0
        self.wall = server.clock.now
        self.hello()

    def renew(self) -> None:
        """A new access token from the refresh token (after the test clock jumped)."""
        response = self.http.post("/auth/v1/refresh", json={"refresh_token": self.refresh, "device_id": self.id})
        response.raise_for_status()
        self.access = response.json()["access_token"]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access}"}

    def hlc(self) -> str:
        self.wall += 1
        return Hlc(self.wall, 0, self.id).encode()

    def mutation(
        self,
        entity: str,
        record_id: str,
        fields: dict[str, Any] | None = None,
        *,
        base: int = 0,
        op: str = "upsert",
        group: str | None = None,
        hlc: str | None = None,
    ) -> dict[str, Any]:
        self.seq += 1
        clock = hlc or self.hlc()
        return {
            "mutation_id": new_id(),
            "device_id": self.id,
            "device_seq": self.seq,
            "group_id": group or new_id(),
            "entity": entity,
            "id": record_id,
            "op": op,
            "fields": {k: {"value": v, "hlc": clock, "base_version": base} for k, v in (fields or {}).items()},
            "base_version": base,
            "hlc": clock,
        }

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.http.post(
            "/sync/v1/push", json={"device_id": self.id, "mutations": list(mutations)}, headers=self.headers
        )
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def hello(self, **extra: Any) -> dict[str, Any]:
        body = {"device_id": self.id, "app_version": "0.1.0", "clock": int(time.time() * 1000), **extra}
        response = self.http.post("/sync/v1/hello", json=body, headers=self.headers)
        assert response.status_code == 200, response.text
        reply: dict[str, Any] = response.json()
        return reply

    def pull(self, scope: str, cursor: str = "", limit: int = 1000) -> dict[str, Any]:
        response = self.http.get(
            "/sync/v1/pull", params={"scope": scope, "cursor": cursor, "limit": limit}, headers=self.headers
        )
        assert response.status_code == 200, response.text
        reply: dict[str, Any] = response.json()
        return reply

    def pull_all(
        self, scope: str, cursor: str = "", limit: int = 1000
    ) -> tuple[dict[tuple[str, str], dict[str, Any]], str]:
        """Follow the cursor to the end; the last change seen per record and the final cursor."""
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        while True:
            reply = self.pull(scope, cursor, limit)
            assert not reply["resync"], reply
            for change in reply["changes"]:
                seen[(change["entity"], change["id"])] = change
            cursor = reply["cursor"]
            if not reply["more"]:
                return seen, cursor

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.http.get(path, params=params, headers=self.headers)


def enterprise_fields(number: str = "0403019261", commune: str = "21004", **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "name": extra.pop("name", "Café Nouveau"),
        "address": {
            "street": "Rue Haute 1",
            "postal_code": "1000",
            "commune_nis": commune,
            "city": "Bruxelles",
            "country": "BE",
        },
        **extra,
    }


def case_fields(enterprise_id: str, commune: str = "21004", **extra: Any) -> dict[str, Any]:
    return {
        "reference": extra.pop("reference", f"HD-2026-TEST-{new_id()[-4:]}"),
        "enterprise_id": enterprise_id,
        "title": extra.pop("title", "Terrasse"),
        "kind": "permit_assistance",
        "status": "new",
        "commune_nis": commune,
        **extra,
    }


# ---------------------------------------------------------------------- client workspaces


def server_records(
    db: ServerDatabase, keys: set[str] | None = None
) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
    """Live records on the server (in any of `keys`): (entity, id) -> (version, fields)."""
    import json

    from hubdesk.server import tables

    found: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    with db.read() as connection:
        for row in connection.execute(tables.records.select().where(tables.records.c.deleted.is_(False))):
            record_keys = set(json.loads(row.scope_keys))
            if keys is None or record_keys & keys:
                found[(row.entity, row.id)] = (row.version, json.loads(row.data))
    return found


class Replica:
    """One advisor's laptop: a real workspace folder, logged in to the in-process server."""

    def __init__(self, server: Server, data_dir: Path, user: str, clock_offset_ms: int = 0) -> None:
        from hubdesk.services import sync as sync_service

        self.server = server
        self.data_dir = data_dir
        self.user = user
        self.transport = FaultyTransport(server.transport)
        self.delays: list[float] = []
        self.options: dict[str, Any] = {}
        self.clock_offset_ms = clock_offset_ms
        self.credentials = sync_service.Credentials()
        self._open()
        sync_service.login(self.ws, "http://hubdesk.test", user, PASSWORD, self.credentials, http=self.http)

    def wall_ms(self) -> int:
        """This laptop's clock (possibly wrong by `clock_offset_ms`)."""
        return time.time_ns() // 1_000_000 + self.clock_offset_ms

    def _open(self) -> None:
        from hubdesk.services.workspace import Workspace
        from hubdesk.sync.outbox import install

        self.ws = Workspace.open(self.data_dir)
        install(self.ws.store, self.ws.device_id, self.wall_ms)

    def http(self, base_url: str) -> httpx.Client:
        return httpx.Client(base_url=base_url, transport=self.transport)

    def sync(self, **extra: Any) -> Any:
        from hubdesk.services import sync as sync_service

        options = {"clock_ms": self.wall_ms, **self.options, **extra.pop("options", {})}
        return sync_service.sync(
            self.ws, self.credentials, http=self.http, sleep=no_sleep(self.delays), options=options, **extra
        )

    def engine(self, client: httpx.Client, **options: Any) -> Any:
        from hubdesk.services import sync as sync_service

        return sync_service.make_engine(
            self.ws, self.credentials, client, sleep=no_sleep(self.delays), clock_ms=self.wall_ms, **options
        )

    def reopen(self) -> None:
        """Close the workspace and open the same folder again (a restarted program)."""
        self.ws.close()
        self._open()

    def reopen_after_crash(self) -> Any:
        """Open the same folder again without closing the workspace (a killed process); returns the old one.

        The caller closes the old workspace when the test ends, only to release its files.
        """
        crashed = self.ws
        self._open()
        return crashed

    def close(self) -> None:
        self.ws.close()

    def records(self) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
        """Every record of the workspace: (entity, id) -> (version, fields)."""
        from hubdesk.store import sync_port
        from hubdesk.store.codec import KINDS, entity_to_fields, from_row

        found: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
        with self.ws.store.unit_of_work() as uow:
            for kind in KINDS:
                for row in uow.connection.execute(text(f'SELECT * FROM "{kind}"')).mappings():
                    entity = from_row(kind, dict(row))
                    found[(kind, entity.id)] = (entity.version, entity_to_fields(entity))
            for conflict in sync_port.conflicts(uow.connection, include_resolved=True):
                found[("conflict", conflict.id)] = (conflict.version, sync_port.conflict_fields(conflict))
        return found

    def outbox_size(self) -> int:
        from hubdesk.store import sync_port

        with self.ws.store.unit_of_work() as uow:
            return sync_port.outbox_size(uow.connection)[0]


def enterprise_number(index: int) -> str:
    """A valid Belgian enterprise number (mod-97 check), different for each index."""
    body = 2_000_000 + index * 79
    return f"{body:08d}{97 - body % 97:02d}"


def backup_server(db: ServerDatabase) -> dict[str, list[dict[str, Any]]]:
    """Every row of every server table (what a nightly backup holds)."""
    from hubdesk.server.tables import metadata

    with db.read() as connection:
        return {
            table.name: [dict(row._mapping) for row in connection.execute(table.select())]
            for table in metadata.sorted_tables
        }


def restore_server(db: ServerDatabase, backup: dict[str, list[dict[str, Any]]]) -> None:
    """Put the database back as the backup held it (everything written since is lost)."""
    from hubdesk.server.tables import metadata

    with db.write() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
        for table in metadata.sorted_tables:
            if backup[table.name]:
                connection.execute(table.insert(), backup[table.name])


def comparable(
    records: dict[tuple[str, str], tuple[int, dict[str, Any]]],
) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
    """Records as both sides must agree on them (conflicts compared by their synced fields)."""
    result = {}
    for key, (version, data) in records.items():
        if key[0] == "conflict":
            data = {k: data.get(k) for k in ("entity", "record_id", "field", "mine", "theirs", "resolved_at")}
        result[key] = (version, data)
    return result


@dataclass(frozen=True)
class LiveServer:
    address: str  # http://127.0.0.1:PORT
    pid: int
    workers: list[int]  # worker process ids (empty with one worker: the server serves itself)


@contextmanager
def live_server(url: str, log: Path, port: int = 0, workers: int = 2) -> Iterator[LiveServer]:
    """`hubdesk server run` in its own processes on loopback (a free port by default).

    Two workers by default, so every request may land on either process; stopping the
    server must stop them all, with exit status 0.
    """
    env = {**os.environ, "HUBDESK_LANG": "en"}
    command = [sys.executable, "-m", "hubdesk", "server", "run", "--port", str(port), "--database-url", url]
    command += ["--workers", str(workers)]
    with log.open("ab") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env)
    children: list[int] = []
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode()
        assert "listening on http://127.0.0.1:" in line, line + log.read_text(errors="replace")
        if workers > 1:
            children = _children(process.pid, workers)
            assert len(children) == workers, children
        yield LiveServer(line.split("listening on ")[1].split()[0], process.pid, children)
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0
        for child in children:
            assert not Path(f"/proc/{child}").exists(), f"worker {child} outlived the server"


def _children(pid: int, expected: int) -> list[int]:
    listed: list[int] = []
    for _attempt in range(100):
        listed = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        if len(listed) >= expected:
            break
        time.sleep(0.05)
    return listed
