"""Sync benchmark: a real `hubdesk server` on PostgreSQL, laptops as separate processes, figures printed.

Measures, in one run, against a server started with `python -m hubdesk server run` on
loopback and a database of its own (`hubdesk_bench`, created and dropped here):

1. First sync of one scope into an empty workspace, in a client process of its own:
   seconds, records/s, bytes on the wire (every request and response body as it
   crossed the socket, compressed; counted by an httpx transport wrapper), and the
   client's peak resident memory (VmHWM of that process, which includes the interpreter
   and its imports; the resident size before the sync is printed beside it). Not
   `ru_maxrss`: Linux carries it across exec from the process that spawned the client,
   here the benchmark holding the seeded rows.
   Two scopes: the issue's 50,000 enterprises and 100,000 cases (150,000 records,
   what the targets are set on), then a realistic scope with the same numbers plus
   the contacts, status changes, visits and tasks the demo generator gives them.
2. The raw limit, measured in the same run: the same rows `executemany`'d into plain
   tables of a fresh SQLite file (one transaction, no index, no trigger) plus the
   same number of bytes sent through a loopback socket; and HubDesk's share of it.
3. A no-change sync (hello, push, pull, published files): median of several.
4. Pushing 1,000 edits (1,000 saves, one mutation each).
5. 100 simulated clients at once, each its own user and device, in teams of ten: 5 rounds
   of hello, a push of 10 edits and a pull of their own and their team's files (50 edits
   each; a pull brings the team's edits of the round).

The server is seeded straight into its tables with PostgreSQL COPY, writing exactly the
rows a push of the same new records writes (records, scope keys, change log, per-key
checksums); seeding is not measured. The client verifies the scope checksum at the
end of every sync, so a seed that differed from what the server would hold shows up
as a warning and a second download.

    .venv/bin/python tests/benchmarks/sync_bench.py [--enterprises 50000] [--cases 100000]
        [--skip-full] [--clients 100] [--keep-logs]

Targets (issue 3): first sync >= 22,000 records/s, <= 29 MB on the wire, <= 150 MB client
memory (aim: >= 0.25 of the raw limit); no-change sync <= 10 ms; 1,000 edits <= 0.4 s;
100 clients with 0 errors and p99 <= 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gzip
import json
import os
import resource
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psycopg
from sqlalchemy.engine import make_url

from hubdesk.domain.reference import load_reference_data
from hubdesk.kernel.ids import new_id
from hubdesk.kernel.jsonable import compact_json
from hubdesk.server.auth import Accounts
from hubdesk.server.config import ServerConfig
from hubdesk.server.database import ServerDatabase
from hubdesk.services.demo import DemoGenerator
from hubdesk.store.codec import entity_to_fields, kind_of
from hubdesk.sync.protocol import Hlc, key_hash, own_scope_keys, parent_of

ADMIN_URL = os.environ.get("HUBDESK_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
BENCH_DB = "hubdesk_bench"
PASSWORD = "benchmark password"
FAST_ARGON2 = ServerConfig(argon2_time_cost=1, argon2_memory_kib=8192)
LOAD_COMMUNE = "21004"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# ---------------------------------------------------------------------- the server database


@contextmanager
def bench_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this run (dropped at the end); yields its SQLAlchemy URL."""
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    url = make_url(ADMIN_URL).set(drivername="postgresql+psycopg", database=BENCH_DB)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


class Seeder:
    """Writes new records into the server tables as a push of them would, with COPY."""

    def __init__(self, db: ServerDatabase, device: str) -> None:
        self.db = db
        self.device = device
        self.now = time.time_ns() // 1_000_000
        self.clock = Hlc(self.now, 0, device).encode()
        self.keys: dict[tuple[str, str], set[str]] = {}
        self.checksums: dict[str, list[int]] = {}
        self.case_keys: dict[str, set[str]] = {}  # enterprise id -> keys of its cases in the batch
        with db.read() as connection:
            self.seq = int(connection.exec_driver_sql("SELECT value FROM counters WHERE name = 'log'").scalar_one())

    def write(self, records: list[tuple[str, str, dict[str, Any]]]) -> int:
        """Records (kind, id, fields) with parents before children; enterprises after their cases are known."""
        raw = self.db.engine.raw_connection()
        try:
            driver: Any = raw.driver_connection
            with driver.cursor() as cursor:
                rows, key_rows, log_rows, change_keys = [], [], [], []
                for kind, record_id, data in records:
                    parent = parent_of(kind, data)
                    keys = self._keys(kind, record_id, data, parent)
                    self.seq += 1
                    keys_json = compact_json(sorted(keys))
                    rows.append(
                        (
                            kind,
                            record_id,
                            1,
                            compact_json(data),
                            '{"*":1}',
                            compact_json({"*": self.clock}),
                            keys_json,
                            False,
                            parent[0] if parent else None,
                            parent[1] if parent else None,
                            self.device,
                            self.seq,
                            self.now,
                        )
                    )
                    log_rows.append(
                        (self.seq, kind, record_id, 1, False, self.device, secrets.token_hex(4), keys_json, self.now)
                    )
                    for key in keys:
                        key_rows.append((key, kind, record_id))
                        change_keys.append((key, self.seq))
                        entry = self.checksums.setdefault(key, [0, 0])
                        entry[0] += 1
                        entry[1] += key_hash(kind, record_id, 1, key)
                self._copy(
                    cursor,
                    "records (entity, id, version, data, fver, fclk, scope_keys, deleted, parent_entity, parent_id, "
                    "updated_by, updated_seq, updated_ms)",
                    rows,
                )
                self._copy(cursor, "record_keys (key, entity, id)", key_rows)
                self._copy(
                    cursor,
                    "change_log (seq, entity, id, version, deleted, origin, tag, scope_keys, created_ms)",
                    log_rows,
                )
                self._copy(cursor, "change_keys (key, seq)", change_keys)
                cursor.execute("UPDATE counters SET value = %s WHERE name = 'log'", (self.seq,))
            driver.commit()
        finally:
            raw.close()
        return len(rows)

    def _keys(self, kind: str, record_id: str, data: dict[str, Any], parent: tuple[str, str] | None) -> set[str]:
        if kind in ("enterprise", "case"):
            keys = own_scope_keys(kind, data)
            if kind == "enterprise":
                keys |= self.case_keys.get(record_id, set())
        else:
            keys = set(self.keys[parent]) if parent is not None else own_scope_keys(kind, data)
        if kind in ("enterprise", "case"):
            self.keys[(kind, record_id)] = keys
        return keys

    @staticmethod
    def _copy(cursor: Any, target: str, rows: list[tuple[Any, ...]]) -> None:
        with cursor.copy(f"COPY {target} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self) -> None:
        with self.db.write() as connection:
            for key, (count, total) in sorted(self.checksums.items()):
                connection.exec_driver_sql(
                    "INSERT INTO key_checksums (key, count, total) VALUES (%(k)s, %(c)s, %(t)s) "
                    "ON CONFLICT (key) DO UPDATE SET count = key_checksums.count + excluded.count, "
                    "total = key_checksums.total + excluded.total",
                    {"k": key, "c": count, "t": total},
                )
        self.checksums.clear()


def seed_scope(seeder: Seeder, manager: str, enterprises: int, cases: int, *, children: bool, seed: int) -> int:
    """Generate demo records owned by `manager` and write them; returns how many."""
    generator = DemoGenerator(load_reference_data(), seed=seed)
    total = 0
    for batch in generator.batches(enterprises, cases):
        ents = [dataclasses.replace(e, account_manager=manager) for e in batch.enterprises]
        case_list = [dataclasses.replace(c, account_manager=manager) for c in batch.cases]
        # An enterprise carries its cases' keys: work them out before writing the enterprise.
        seeder.case_keys = {}
        for case in case_list:
            fields = entity_to_fields(case)
            seeder.case_keys.setdefault(case.enterprise_id, set()).update(own_scope_keys("case", fields))
        groups: list[list[Any]] = [ents, case_list]
        if children:
            groups[1:1] = [batch.contacts]
            groups += [batch.status_changes, batch.visits, batch.tasks]
        records = [(kind_of(e), e.id, entity_to_fields(e)) for group in groups for e in group]
        total += seeder.write(records)
    seeder.finish()
    return total


def settle(url: str) -> None:
    """Bring the seeded database to the steady state of a server in use before anything is measured.

    Seeding writes hundreds of megabytes at once; PostgreSQL then flushes them and autovacuum
    walks the new tables, and a first sync measured meanwhile took 8.3 s instead of 5.1 s
    (its client competed for the disk). A server in use did that long ago.
    """
    with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False), autocommit=True) as db:
        db.execute("VACUUM (ANALYZE)")
        db.execute("CHECKPOINT")


def team_of(index: int) -> str:
    """The concurrent clients work in teams of ten: each pulls its own files and its team's."""
    return f"team:load{index // 10}"


def seed_load_users(seeder: Seeder, clients: int, per_client: int) -> list[str]:
    """Small scopes for the concurrent clients: each user owns `per_client` enterprises in one commune."""
    generator = DemoGenerator(load_reference_data(), seed=99)
    names = [f"load{index:03d}" for index in range(clients)]
    records: list[tuple[str, str, dict[str, Any]]] = []
    seeder.case_keys = {}
    batch = next(iter(generator.batches(clients * per_client, 0, batch_size=clients * per_client)))
    for index, enterprise in enumerate(batch.enterprises):
        owned = dataclasses.replace(
            enterprise,
            account_manager=names[index % clients],
            address=dataclasses.replace(enterprise.address, commune_nis=LOAD_COMMUNE, postal_code="1000"),
        )
        records.append(("enterprise", owned.id, entity_to_fields(owned)))
    seeder.write(records)
    seeder.finish()
    return names


# ---------------------------------------------------------------------- the server process


@contextmanager
def live_server(url: str, log: Path, workers: int = 1) -> Iterator[str]:
    env = {**os.environ, "HUBDESK_LANG": "en"}
    command = [sys.executable, "-m", "hubdesk", "server", "run", "--port", "0", "--database-url", url]
    command += ["--workers", str(workers)]
    with log.open("ab") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode()
        if "listening on http://" not in line:
            raise RuntimeError(line + log.read_text(errors="replace"))
        yield line.split("listening on ")[1].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=30)


# ---------------------------------------------------------------------- one laptop (a process of its own)


class CountingTransport(httpx.HTTPTransport):
    """Counts every request body and every response body as it crossed the socket (still compressed)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.up = 0
        self.down = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.up += len(request.read())
        response = super().handle_request(request)
        inner = response.stream
        transport = self

        class Counted(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                for chunk in inner:  # type: ignore[union-attr]
                    transport.down += len(chunk)
                    yield chunk

            def close(self) -> None:
                inner.close()  # type: ignore[union-attr]

        response.stream = Counted()
        return response


def rss_kib() -> int:
    return memory_kib()["VmRSS"]


def memory_kib() -> dict[str, int]:
    """Resident memory of this process: total, anonymous (heap) and file-backed (libraries, mapped files)."""
    found = {"VmRSS": 0, "VmHWM": 0, "RssAnon": 0, "RssFile": 0}
    with open("/proc/self/status") as handle:
        for line in handle:
            name = line.split(":", 1)[0]
            if name in found:
                found[name] = int(line.split()[1])
    return found


class PeakSampler:
    """Samples this process's resident memory every 5 ms in a thread and keeps the peaks."""

    def __init__(self) -> None:
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, value in memory_kib().items():
                self.peaks[name] = max(self.peaks.get(name, 0), value)
            self._stop.wait(0.005)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def client_main(config: dict[str, Any]) -> dict[str, Any]:
    """First sync into an empty workspace; then, when asked, no-change syncs and 1,000 pushed edits."""
    from hubdesk.services import sync as sync_service
    from hubdesk.services.workspace import Workspace

    transport = CountingTransport()

    def http(base_url: str) -> httpx.Client:
        return httpx.Client(base_url=base_url, transport=transport, timeout=httpx.Timeout(300.0, connect=10.0))

    ws = Workspace.open(Path(config["folder"]))
    credentials = sync_service.Credentials()
    sync_service.login(ws, config["server"], config["user"], PASSWORD, credentials, session_only=True, http=http)
    out: dict[str, Any] = {"rss_before_kib": rss_kib()}
    transport.up = transport.down = 0
    with PeakSampler() as sampler:
        started = time.perf_counter()
        result = sync_service.sync(ws, credentials, http=http)
        out["seconds"] = time.perf_counter() - started
    out["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["hwm_kib"] = memory_kib()["VmHWM"]
    out["peak_anon_kib"] = sampler.peaks.get("RssAnon", 0)
    out["peak_file_kib"] = sampler.peaks.get("RssFile", 0)
    out.update(
        pulled=result.pulled,
        bytes_up=transport.up,
        bytes_down=transport.down,
        warnings=list(result.warnings),
        verified=list(result.verified),
    )
    with ws.store.read() as reader:
        out["counts"] = reader.counts()
    if config.get("more"):
        out.update(more_rounds(ws, credentials, http))
    ws.close()
    return out


def more_rounds(ws: Any, credentials: Any, http: Any) -> dict[str, Any]:
    from sqlalchemy import text

    from hubdesk.services import sync as sync_service

    out: dict[str, Any] = {}
    sync_service.sync(ws, credentials, http=http)  # warm: the first no-change sync verifies the checksum
    times = []
    for _ in range(20):
        started = time.perf_counter()
        result = sync_service.sync(ws, credentials, http=http)
        times.append((time.perf_counter() - started) * 1000)
        if result.pulled or result.pushed:
            raise RuntimeError(f"a no-change sync moved records: {result}")
    out["no_change_ms"] = times
    with ws.store.read() as reader:
        ids = [row[0] for row in reader.connection.execute(text("SELECT id FROM enterprise ORDER BY id LIMIT 1000"))]
    for index, record_id in enumerate(ids):
        with ws.store.unit_of_work() as uow:
            current = uow.reader.get("enterprise", record_id)
            uow.save(dataclasses.replace(current, phone=f"+3225{index:07d}"))
    with http(ws.settings.server_url) as client:
        engine = sync_service.make_engine(ws, credentials, client)
        pushing = engine.push_all
        spent: list[float] = []

        def timed_push(*args: Any) -> None:
            started = time.perf_counter()
            pushing(*args)
            spent.append(time.perf_counter() - started)

        engine.push_all = timed_push  # type: ignore[method-assign, assignment]
        started = time.perf_counter()
        report = engine.sync()
        out["edits_sync_s"] = time.perf_counter() - started
    out["edits_push_s"] = spent[0]
    out["edits_pushed"] = report.pushed
    out["edits_warnings"] = report.warnings
    return out


def run_client(config: dict[str, Any]) -> dict[str, Any]:
    process = subprocess.run(
        [sys.executable, __file__, "--client", json.dumps(config)], capture_output=True, text=True, check=False
    )
    if process.returncode != 0:
        raise RuntimeError(process.stderr)
    return dict(json.loads(process.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------------- the raw limit


def raw_insert_seconds(workspace_file: Path, scratch: Path) -> tuple[float, int]:
    """Time to executemany the workspace's record rows into plain tables of a fresh SQLite file."""
    from hubdesk.store.codec import KINDS

    source = sqlite3.connect(f"file:{workspace_file}?mode=ro", uri=True)
    tables = []
    for kind in KINDS:
        sql = source.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (kind,)).fetchone()[0]
        rows = source.execute(f'SELECT * FROM "{kind}"').fetchall()
        tables.append((kind, sql, rows))
    source.close()
    target_file = scratch / "raw.sqlite"
    target_file.unlink(missing_ok=True)
    started = time.perf_counter()
    target = sqlite3.connect(target_file)
    count = 0
    with target:
        for kind, sql, rows in tables:
            target.execute(sql)
            if rows:
                marks = ", ".join("?" for _ in rows[0])
                target.executemany(f'INSERT INTO "{kind}" VALUES ({marks})', rows)
                count += len(rows)
    target.close()
    return time.perf_counter() - started, count


def loopback_seconds(size: int) -> float:
    """Time to send `size` bytes from one socket to another on loopback."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    blob = os.urandom(min(size, 1 << 20))

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            left = size
            while left > 0:
                sent = connection.send(memoryview(blob)[: min(left, len(blob))])
                left -= sent

    thread = threading.Thread(target=serve)
    thread.start()
    started = time.perf_counter()
    with socket.create_connection(listener.getsockname()) as client:
        received = 0
        buffer = bytearray(1 << 20)
        while received < size:
            got = client.recv_into(buffer)
            if not got:
                break
            received += got
    elapsed = time.perf_counter() - started
    thread.join()
    listener.close()
    return elapsed


# ---------------------------------------------------------------------- 100 clients at once


class LeanResponse:
    """What the load clients read of an answer: status, body, JSON."""

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.content)

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise httpx.HTTPStatusError(f"HTTP {self.status_code}: {self.text[:200]}", request=None, response=None)  # type: ignore[arg-type]


class LeanHttp:
    """A keep-alive HTTP/1.1 client on asyncio streams, for the 100 simulated clients.

    httpx's AsyncClient cost about 4.6 ms of CPU per request, a third of this two-core
    machine at 100 clients, taken from the server being measured; real laptops bring
    their own CPUs. This one speaks what the load needs (JSON bodies, gzip answers,
    Content-Length or chunked) at a fraction of that, so the figures are the server's.
    """

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        address = httpx.URL(base_url)
        self.host, self.port = address.host, address.port or 80
        self.timeout = timeout
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> LeanResponse:
        try:
            return await asyncio.wait_for(self._exchange(method, path, headers, json, params), self.timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as error:
            await self.aclose()
            raise httpx.TransportError(f"{type(error).__name__}: {error}") from error

    async def _exchange(
        self, method: str, path: str, headers: dict[str, str] | None, body: Any, params: dict[str, Any] | None
    ) -> LeanResponse:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
            self._streams[1].get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        reader, writer = self._streams
        target = path + ("?" + urlencode(params) if params else "")
        payload = compact_json(body).encode() if body is not None else b""
        head = [f"{method} {target} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept-Encoding: gzip"]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body is not None:
            head += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
        status_line, *lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        fields = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines if line)}
        if fields.get("transfer-encoding") == "chunked":
            content = b""
            while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
                content += (await reader.readexactly(size + 2))[:-2]
            await reader.readuntil(b"\r\n")
        else:
            content = await reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("content-encoding") == "gzip":
            content = gzip.decompress(content)
        if fields.get("connection") == "close":
            await self.aclose()
        return LeanResponse(int(status_line.split()[1]), content)

    async def get(self, path: str, **options: Any) -> LeanResponse:
        return await self.request("GET", path, **options)

    async def post(self, path: str, **options: Any) -> LeanResponse:
        return await self.request("POST", path, **options)

    async def aclose(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()


@dataclasses.dataclass
class LoadClient:
    user: str
    device: str
    http: LeanHttp
    access: str = ""
    seq: int = 0
    wall: int = 0
    cursors: dict[str, str] = dataclasses.field(default_factory=dict)
    versions: dict[str, int] = dataclasses.field(default_factory=dict)
    scopes: list[str] = dataclasses.field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access}"}

    def hlc(self) -> str:
        self.wall = max(self.wall + 1, time.time_ns() // 1_000_000)
        return Hlc(self.wall, 0, self.device).encode()


@dataclasses.dataclass
class LoadFigures:
    latencies: list[float] = dataclasses.field(default_factory=list)  # ms, every request
    by_path: dict[str, list[float]] = dataclasses.field(default_factory=dict)  # ms, by request kind
    rounds: list[float] = dataclasses.field(default_factory=list)  # ms, hello + push + pulls
    errors: list[str] = dataclasses.field(default_factory=list)
    statuses: dict[str, int] = dataclasses.field(default_factory=dict)
    requests: int = 0


async def timed_request(figures: LoadFigures, client: LoadClient, method: str, path: str, **kw: Any) -> Any:
    started = time.perf_counter()
    try:
        response = await client.http.request(method, path, headers=client.headers, **kw)
    except httpx.HTTPError as error:
        figures.errors.append(f"{path}: {type(error).__name__}")
        return None
    finally:
        elapsed = (time.perf_counter() - started) * 1000
        figures.latencies.append(elapsed)
        figures.by_path.setdefault(path.rsplit("/", 1)[-1], []).append(elapsed)
        figures.requests += 1
    if response.status_code != 200:
        figures.errors.append(f"{path}: HTTP {response.status_code} {response.text[:200]}")
        return None
    return response.json()


async def pull_scopes(figures: LoadFigures | None, client: LoadClient) -> None:
    for scope in client.scopes:
        while True:
            params: dict[str, Any] = {"scope": scope, "cursor": client.cursors.get(scope, ""), "limit": 1000}
            if figures is None:
                response = await client.http.get("/sync/v1/pull", params=params, headers=client.headers)
                response.raise_for_status()
                reply = response.json()
            else:
                reply = await timed_request(figures, client, "GET", "/sync/v1/pull", params=params)
                if reply is None:
                    return
            for change in reply["changes"]:
                if (
                    change["entity"] == "enterprise"
                    and change["data"]
                    and change["data"]["account_manager"] == client.user
                ):
                    client.versions[change["id"]] = change["version"]
            client.cursors[scope] = reply["cursor"]
            if not reply["more"]:
                break


async def hello(figures: LoadFigures | None, client: LoadClient) -> Any:
    body = {"device_id": client.device, "app_version": "9.9.9", "clock": time.time_ns() // 1_000_000}
    if figures is None:
        response = await client.http.post("/sync/v1/hello", json=body, headers=client.headers)
        response.raise_for_status()
        return response.json()
    return await timed_request(figures, client, "POST", "/sync/v1/hello", json=body)


async def prepare_client(address: str, user: str) -> LoadClient:
    client = LoadClient(user, new_id(), LeanHttp(address))
    response = await client.http.post(
        "/auth/v1/login", json={"user": user, "password": PASSWORD, "device_id": client.device, "app_version": "9.9.9"}
    )
    response.raise_for_status()
    client.access = response.json()["access_token"]
    reply = await hello(None, client)
    client.scopes = [scope["name"] for scope in reply["scopes"]]
    await pull_scopes(None, client)
    return client


async def client_rounds(
    figures: LoadFigures, client: LoadClient, rounds: int, edits: int, start: asyncio.Event
) -> None:
    await start.wait()
    mine = sorted(client.versions)
    for round_index in range(rounds):
        began = time.perf_counter()
        if await hello(figures, client) is None:
            continue
        mutations = []
        group = new_id()
        for offset in range(edits):
            record_id = mine[(round_index * edits + offset) % len(mine)]
            clock = client.hlc()
            client.seq += 1
            base = client.versions[record_id]
            mutations.append(
                {
                    "mutation_id": new_id(),
                    "device_id": client.device,
                    "device_seq": client.seq,
                    "group_id": group,
                    "entity": "enterprise",
                    "id": record_id,
                    "op": "upsert",
                    "fields": {
                        "phone": {"value": f"+3225{client.seq:03d}{offset:04d}", "hlc": clock, "base_version": base}
                    },
                    "base_version": base,
                    "hlc": clock,
                }
            )
        reply = await timed_request(
            figures, client, "POST", "/sync/v1/push", json={"device_id": client.device, "mutations": mutations}
        )
        if reply is not None:
            for result, mutation in zip(reply["results"], mutations, strict=True):
                status = str(result["status"])
                figures.statuses[status] = figures.statuses.get(status, 0) + 1
                record_id = str(mutation["id"])
                if result.get("version"):
                    client.versions[record_id] = max(client.versions[record_id], int(result["version"]))
        await pull_scopes(figures, client)
        figures.rounds.append((time.perf_counter() - began) * 1000)


async def many_clients(address: str, users: list[str], rounds: int, edits: int) -> tuple[LoadFigures, float]:
    clients = []
    for start in range(0, len(users), 10):
        clients += await asyncio.gather(*(prepare_client(address, user) for user in users[start : start + 10]))
    figures = LoadFigures()
    go = asyncio.Event()
    tasks = [asyncio.create_task(client_rounds(figures, client, rounds, edits, go)) for client in clients]
    await asyncio.sleep(0.1)
    started = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.http.aclose()
    return figures, elapsed


# ---------------------------------------------------------------------- the run


def first_sync_lines(label: str, result: dict[str, Any], raw_insert: float, raw_rows: int, wire: float) -> list[str]:
    seconds = result["seconds"]
    wire_bytes = result["bytes_up"] + result["bytes_down"]
    raw_seconds = raw_insert + wire
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in result["counts"].items() if count)
    return [
        f"first sync, {label}: {result['pulled']:,} records ({kinds})",
        f"  HubDesk: {seconds:.2f} s, {result['pulled'] / seconds:,.0f} records/s, "
        f"{wire_bytes / 1e6:.1f} MB on the wire ({result['bytes_down'] / 1e6:.1f} MB down, "
        f"{result['bytes_up'] / 1e3:.1f} kB up), "
        f"client peak memory {result['hwm_kib'] / 1024:.0f} MB (VmHWM of the client process; "
        f"{result['rss_before_kib'] / 1024:.0f} MB resident before the sync; sampled peaks: "
        f"anonymous {result['peak_anon_kib'] / 1024:.0f} MB, file-backed {result['peak_file_kib'] / 1024:.0f} MB; "
        f"ru_maxrss {result['maxrss_kib'] / 1024:.0f} MB also counts the benchmark process it was started from)",
        f"  raw limit: {raw_seconds:.2f} s = executemany of {raw_rows:,} rows into a fresh SQLite file "
        f"{raw_insert:.2f} s "
        f"+ {wire_bytes / 1e6:.1f} MB over a loopback socket {wire:.3f} s -> {raw_rows / raw_seconds:,.0f} records/s",
        f"  HubDesk / raw: {raw_seconds / seconds:.2f}",
        f"  checksum verified: {', '.join(result['verified']) or 'no'}; warnings: {result['warnings'] or 'none'}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--enterprises", type=int, default=50_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--skip-full", action="store_true", help="only the 150,000-record scope")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--edits", type=int, default=10, help="edits per push of each concurrent client")
    parser.add_argument("--keep-logs", action="store_true")
    parser.add_argument(
        "--server-workers", type=int, default=os.cpu_count() or 1, help="server processes (default: one per core)"
    )
    args = parser.parse_args()
    if args.client:
        print(json.dumps(client_main(json.loads(args.client))))
        return
    scratch = Path(tempfile.mkdtemp(prefix="hubdesk-sync-bench-"))
    lines: list[str] = []
    with bench_database() as url:
        db = ServerDatabase(url)
        db.migrate()
        accounts = Accounts(db, FAST_ARGON2)
        accounts.add_user("lean", PASSWORD, "advisor", [])
        accounts.add_user("bench", PASSWORD, "advisor", [])
        started = time.perf_counter()
        seeder = Seeder(db, "seed-" + new_id())
        seeded = seed_scope(seeder, "lean", args.enterprises, args.cases, children=False, seed=1)
        if not args.skip_full:
            seeded += seed_scope(seeder, "bench", args.enterprises, args.cases, children=True, seed=2)
        users = seed_load_users(seeder, args.clients, 20)
        for index, user in enumerate(users):
            accounts.add_user(user, PASSWORD, "advisor", [team_of(index)])
        db.close()
        settle(url)
        print(f"seeded {seeded:,} records in {time.perf_counter() - started:.1f} s (not measured)", flush=True)
        log = scratch / "server.log"
        with live_server(url, log, args.server_workers) as address:
            runs = [("lean", "the issue's scope", False)]
            if not args.skip_full:
                runs.append(("bench", "the realistic scope", True))
            else:
                runs = [("lean", "the issue's scope", True)]
            last: dict[str, Any] = {}
            for user, label, more in runs:
                folder = scratch / user
                result = run_client({"folder": str(folder), "server": address, "user": user, "more": more})
                raw_insert, raw_rows = raw_insert_seconds(folder / "hubdesk.sqlite", scratch)
                wire = loopback_seconds(result["bytes_up"] + result["bytes_down"])
                block = first_sync_lines(label, result, raw_insert, raw_rows, wire)
                print("\n".join(block), flush=True)
                lines += block
                last = result
            no_change = last["no_change_ms"]
            block = [
                f"no-change sync ({last['pulled']:,}-record workspace): median {statistics.median(no_change):.1f} ms, "
                f"min {min(no_change):.1f} ms, max {max(no_change):.1f} ms over {len(no_change)} syncs",
                f"1,000 edits: push {last['edits_push_s']:.3f} s; whole sync (hello, push, pull back, verify) "
                f"{last['edits_sync_s']:.3f} s; results {last['edits_pushed']}",
            ]
            print("\n".join(block), flush=True)
            lines += block
            figures, elapsed = asyncio.run(many_clients(address, users, args.rounds, args.edits))
            edits = sum(figures.statuses.values())
            block = [
                f"{len(users)} clients at once, each {args.rounds} x (hello, push {args.edits} edits, pull 2 scopes): "
                f"{elapsed:.2f} s, {edits / elapsed:,.0f} edits/s, {figures.requests / elapsed:,.0f} requests/s",
                f"  request latency p50 {percentile(figures.latencies, 0.5):.0f} ms, "
                f"p99 {percentile(figures.latencies, 0.99):.0f} ms, max {max(figures.latencies):.0f} ms; "
                f"sync round p50 {percentile(figures.rounds, 0.5):.0f} ms, "
                f"p99 {percentile(figures.rounds, 0.99):.0f} ms",
                "  by request: "
                + "; ".join(
                    f"{kind} p50 {percentile(values, 0.5):.0f} ms, p99 {percentile(values, 0.99):.0f} ms"
                    for kind, values in figures.by_path.items()
                ),
                f"  errors: {len(figures.errors)}{' (' + figures.errors[0] + ')' if figures.errors else ''}; "
                f"mutation results {figures.statuses}",
            ]
            print("\n".join(block), flush=True)
        if args.keep_logs:
            print(f"server log: {log}")
    if not args.keep_logs:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main()
