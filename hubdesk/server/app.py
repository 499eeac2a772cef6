"""The HTTP face of the sync server (FastAPI): routes, authentication, errors, compression, logs.

`create_app(db, config)` builds the application on a server database; uvicorn runs it
(`hubdesk server run`) and the tests call it in process. The OpenAPI schema is served at
`/openapi.json`, health at `/health`.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import re
import time
import weakref
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Annotated, Any, ParamSpec, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, Header, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Select, bindparam, select, text, true, update
from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hubdesk import __version__
from hubdesk.kernel.errors import HubDeskError, StorageError, ValidationError
from hubdesk.kernel.i18n import N_, normalize_language
from hubdesk.server import blobs, pull
from hubdesk.server import tables as t
from hubdesk.server.auth import SESSION_USER, Accounts, CallerOf, Claim
from hubdesk.server.compression import CompressJson
from hubdesk.server.config import ServerConfig, version_tuple
from hubdesk.server.database import ServerDatabase
from hubdesk.server.errors import ForbiddenError, ThrottledError, UpgradeRequired, http_status
from hubdesk.server.push import error_info, push
from hubdesk.server.scopes import scopes_of
from hubdesk.sync.protocol import (
    DEFAULT_PULL,
    MAX_CLOCK_AHEAD_MS,
    MAX_PUSH,
    MUTATION_SCHEMA,
    MUTATION_SCHEMA_MIN,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    BlobStart,
    BlobStatus,
    Checksum,
    HelloReply,
    HelloRequest,
    LoginRequest,
    PublishedReply,
    PullReply,
    PushReply,
    PushRequest,
    RefreshRequest,
    SnapshotInfo,
    TokenReply,
)

log = logging.getLogger("hubdesk.server")
P = ParamSpec("P")
T = TypeVar("T")
MAX_GROUP = 5000
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


def _language(request: Request) -> str:
    header = request.headers.get("accept-language", "")
    return normalize_language(header.split(",")[0].split(";")[0].strip() or None)


def _range(header: str | None) -> tuple[int, int | None]:
    if not header:
        return 0, None
    match = _RANGE.match(header.strip())
    if match is None:
        raise ValidationError(N_("The requested byte range is outside the file."), field="range")
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _json(reply: BaseModel) -> Response:
    """A reply serialised once: returned as a model, FastAPI would dump, validate and dump it again
    (a page of 1,000 changes or 500 push results costs milliseconds each time)."""
    return Response(reply.model_dump_json(), media_type="application/json")


class RequestLog:
    """Logs every request with its status and duration (plain ASGI: Starlette's `BaseHTTPMiddleware`
    costs a task group and two memory streams per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            device = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-hubdesk-device"), "")
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                    "device": device,
                },
            )


def _hello_state() -> Select[Any]:
    """Everything a hello reports about the device and the log, and the caller's session and user
    (`SESSION_USER`), in one statement (one snapshot, one round trip)."""
    log = t.counters.alias("log_counter")
    published = t.counters.alias("published_counter")
    caller = SESSION_USER.subquery("caller")
    return (
        select(
            t.devices.c.id.label("device_id"),
            t.devices.c.app_version,
            t.devices.c.last_seen_ms,
            t.devices.c.last_seq,
            select(t.server_meta.c.value).where(t.server_meta.c.key == "epoch").scalar_subquery().label("epoch"),
            log.c.value.label("log_seq"),
            select(t.change_log.c.tag).where(t.change_log.c.seq == log.c.value).scalar_subquery().label("log_tag"),
            published.c.value.label("published"),
            *caller.c,
        )
        .select_from(log)
        .join(published, published.c.name == "published")
        .outerjoin(t.devices, t.devices.c.id == bindparam("device"))
        .outerjoin(caller, true())
        .where(log.c.name == "log")
    )


_HELLO_STATE = _hello_state()  # built once: SQLAlchemy finds it compiled at every hello


async def _claim(request: Request, authorization: Annotated[str | None, Header()] = None) -> Claim:
    """The verified access token; its session is read by the route, in the route's worker thread."""
    token = authorization.removeprefix("Bearer ").strip() if authorization else None
    accounts: Accounts = request.app.state.accounts
    return accounts.verify(token)


Claimed = Annotated[Claim, Depends(_claim)]


class BlockingRoutes:
    """Runs the routes that block (database work) on a small thread pool of the app's own.

    Not FastAPI's default (anyio's worker threads): its hand-off (a queue with a condition,
    a capacity limiter, a cancel scope per call) took about a tenth of the server's CPU with
    100 clients syncing; `run_in_executor` hands a call over through a C queue.
    """

    def __init__(self, threads: int) -> None:
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="hubdesk-request")

    def __call__(self, route: Callable[P, T]) -> Callable[P, Coroutine[Any, Any, T]]:
        @functools.wraps(route)
        async def run(*args: P.args, **kwargs: P.kwargs) -> T:
            return await self.run(functools.partial(route, *args, **kwargs))

        return run

    async def run(self, call: Callable[[], T]) -> T:
        context = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(self.executor, context.run, call)

    def close(self) -> None:
        self.executor.shutdown(wait=False)


def create_app(db: ServerDatabase, config: ServerConfig | None = None) -> FastAPI:
    settings = config or ServerConfig()
    accounts = Accounts(db, settings)
    blocking = BlockingRoutes(settings.request_threads)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Streamed answers still iterate on anyio's threads: as few as the app's own.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
        await blocking.run(accounts.load_key)
        yield
        blocking.close()

    app = FastAPI(
        title="HubDesk sync server", version=__version__, summary="Offline-first sync, protocol 1", lifespan=lifespan
    )
    app.state.db = db
    app.state.config = settings
    app.state.accounts = accounts
    weakref.finalize(app, blocking.close)  # apps served without a lifespan (tests) end their threads too
    app.add_middleware(CompressJson)

    app.add_middleware(RequestLog)

    @app.exception_handler(HubDeskError)
    async def hubdesk_error(request: Request, error: HubDeskError) -> JSONResponse:
        status = http_status(error)
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, ThrottledError) else None
        if status >= 500:
            log.error("request failed: %s", error.msgid, extra={"path": request.url.path, "status": status})
        body = {"error": error_info(error, _language(request)).model_dump()}
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, error: DBAPIError) -> JSONResponse:
        if not error.connection_invalidated:
            raise error
        # The database dropped a pooled connection (restarted, or a network cut): the pool has
        # discarded its connections and the client's retry gets a fresh one.
        log.warning("database connection lost", extra={"path": request.url.path})
        lost = StorageError(N_("The server lost its database connection: try again in a moment."))
        body = {"error": error_info(lost, _language(request)).model_dump()}
        return JSONResponse(body, status_code=http_status(lost), headers={"Retry-After": "1"})

    @app.get("/health")
    @blocking
    def health() -> dict[str, str]:
        with db.read() as connection:
            connection.execute(text("SELECT 1"))
            epoch = db.meta(connection, "epoch") or ""
        return {"status": "ok", "version": __version__, "epoch": epoch, "database": db.dialect}

    @app.post("/auth/v1/login")
    @blocking
    def login(body: LoginRequest, request: Request) -> TokenReply:
        return accounts.login(body, request.client.host if request.client else "")

    @app.post("/auth/v1/refresh")
    @blocking
    def refresh(body: RefreshRequest) -> TokenReply:
        return accounts.refresh(body)

    @app.post("/auth/v1/logout", status_code=204)
    @blocking
    def logout(claim: Claimed) -> Response:
        accounts.logout(accounts.principal_of(claim))
        return Response(status_code=204)

    @app.post("/sync/v1/hello", response_model=HelloReply)
    @blocking
    def hello(body: HelloRequest, claim: Claimed) -> Response:
        low, high = max(PROTOCOL_MIN, body.protocol[0]), min(PROTOCOL_MAX, body.protocol[1])
        if low > high:
            raise UpgradeRequired(
                N_("This server speaks sync protocol {low} to {high}; update HubDesk."),
                low=PROTOCOL_MIN,
                high=PROTOCOL_MAX,
            )
        if body.device_id != claim.device_id:
            raise ForbiddenError(N_("This login belongs to another device."))
        now = settings.clock()
        with db.read(autocommit=True) as connection:
            state = connection.execute(
                _HELLO_STATE, {"device": claim.device_id, "session": claim.session_id, "user": claim.user_id}
            ).one()
            caller = accounts.principal_from(state, claim)
            if state.device_id is None:
                raise ForbiddenError(N_("This device is not registered: log in again."))
            scopes = scopes_of(connection, caller)  # a query only for a team not known at this users count
        if state.app_version != body.app_version or state.last_seen_ms < now - 60_000:
            # Written only when it says something new (last_seen is kept to the minute): a hello
            # that changes nothing writes nothing.
            with db.write() as connection:
                connection.execute(
                    update(t.devices)
                    .where(t.devices.c.id == caller.device_id)
                    .values(app_version=body.app_version, last_seen_ms=now)
                )
        last_seq, epoch = state.last_seq, state.epoch or ""
        log_seq, log_tag, published_cursor = int(state.log_seq), str(state.log_tag or ""), int(state.published)
        skew = now - body.clock
        reply = HelloReply(
            protocol=high,
            server_time=now,
            clock_skew_ms=skew,
            clock_flagged=abs(skew) > MAX_CLOCK_AHEAD_MS,
            min_app_version=settings.min_app_version,
            downloads_allowed=version_tuple(body.app_version) >= version_tuple(settings.min_app_version),
            user=caller.name,
            role=caller.role,
            scopes=scopes,
            max_offline_days=settings.max_offline_days,
            epoch=epoch,
            device_last_seq=int(last_seq),
            mutation_schemas=(MUTATION_SCHEMA_MIN, MUTATION_SCHEMA),
            log_cursor=pull.make_cursor(log_seq, log_tag),
            published_cursor=published_cursor,
        )
        return _json(reply)

    @app.post("/sync/v1/push", response_model=PushReply)
    @blocking
    def push_route(body: PushRequest, claim: Claimed, request: Request) -> Response:
        caller = CallerOf(accounts, claim)
        groups = {m.group_id for m in body.mutations}
        if len(body.mutations) > MAX_PUSH and (len(groups) > 1 or len(body.mutations) > MAX_GROUP):
            raise ValidationError(N_("Send at most {count} changes per request."), field="mutations", count=MAX_PUSH)
        results = push(db, settings, caller, body.device_id, body.mutations, _language(request))
        statuses: dict[str, int] = {}
        for result in results:
            statuses[result.status] = statuses.get(result.status, 0) + 1
        user = caller.principal.name if caller.principal else claim.user_id
        log.info("push", extra={"user": user, "device": claim.device_id, "count": len(results), "statuses": statuses})
        return _json(PushReply(results=results, server_time=settings.clock()))

    @app.get("/sync/v1/pull", response_model=PullReply)
    @blocking
    def pull_route(
        claim: Claimed,
        scope: str,
        cursor: str = "",
        limit: Annotated[int, Query(ge=1, le=5000)] = DEFAULT_PULL,
    ) -> Response:
        page = pull.pull(db, settings, CallerOf(accounts, claim), scope, cursor, limit)
        return Response(page.to_json(), media_type="application/json")

    @app.get("/sync/v1/checksum")
    @blocking
    def checksum_route(claim: Claimed, scope: str) -> Checksum:
        return pull.checksum(db, accounts.principal_of(claim), scope)

    @app.post("/sync/v1/snapshot")
    @blocking
    def snapshot_route(claim: Claimed, scope: str) -> SnapshotInfo:
        return pull.create_snapshot(db, settings, accounts.principal_of(claim), scope)

    @app.get("/sync/v1/snapshot")
    @blocking
    def snapshot_stream(claim: Claimed, scope: str) -> StreamingResponse:
        """The scope's snapshot file, sent as the server reads it (first sync into an empty workspace)."""
        with db.read(autocommit=True) as connection:
            principal = accounts.principal(connection, claim)
            pull.check_scope_access(connection, settings, principal, scope)  # refused before the answer starts
        return StreamingResponse(pull.stream_snapshot(db, settings, principal, scope), media_type="application/gzip")

    @app.get("/sync/v1/snapshot/{snapshot_id}")
    @blocking
    def snapshot_bytes(
        snapshot_id: str, claim: Claimed, range_header: Annotated[str | None, Header(alias="range")] = None
    ) -> StreamingResponse:
        start, end = _range(range_header)
        part = pull.read_snapshot(db, accounts.principal_of(claim), snapshot_id, start, end)
        headers = {
            "Accept-Ranges": "bytes",
            "Content-Length": str(part.end - part.start),
            "X-Snapshot-Sha256": part.info.sha256,
            "X-Snapshot-Cursor": part.info.cursor,
            "X-Snapshot-Count": str(part.info.count),
        }
        status = 200
        if range_header:
            status = 206
            headers["Content-Range"] = f"bytes {part.start}-{max(part.start, part.end - 1)}/{part.info.size}"
        return StreamingResponse(part.chunks, status_code=status, media_type="application/gzip", headers=headers)

    @app.post("/sync/v1/blobs/{sha256}")
    @blocking
    def blob_start(sha256: str, body: BlobStart, claim: Claimed) -> BlobStatus:
        return blobs.start(db, settings, accounts.principal_of(claim), sha256, body.size)

    @app.get("/sync/v1/blobs/{sha256}/status")
    @blocking
    def blob_status(sha256: str, claim: Claimed) -> BlobStatus:
        accounts.principal_of(claim)
        return blobs.status(db, sha256)

    @app.put("/sync/v1/blobs/{sha256}")
    async def blob_put(sha256: str, offset: int, request: Request, claim: Claimed) -> BlobStatus:
        data = await request.body()

        def put() -> BlobStatus:
            accounts.principal_of(claim)
            return blobs.put_chunk(db, sha256, offset, data)

        return await blocking.run(put)

    @app.get("/sync/v1/blobs/{sha256}")
    @blocking
    def blob_get(
        sha256: str, claim: Claimed, range_header: Annotated[str | None, Header(alias="range")] = None
    ) -> StreamingResponse:
        start, end = _range(range_header)
        part = blobs.read(db, accounts.principal_of(claim), sha256, start, end)
        headers = {"Accept-Ranges": "bytes", "Content-Length": str(part.end - part.start)}
        status = 200
        if range_header:
            status = 206
            headers["Content-Range"] = f"bytes {part.start}-{max(part.start, part.end - 1)}/{part.size}"
        return StreamingResponse(
            part.chunks, status_code=status, media_type="application/octet-stream", headers=headers
        )

    @app.get("/sync/v1/published")
    @blocking
    def published(claim: Claimed, cursor: int = 0) -> PublishedReply:
        accounts.principal_of(claim)
        return pull.list_published(db, cursor)

    return app
