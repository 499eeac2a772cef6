"""Sync use cases: log in and out, sync with progress and cancel, status, conflicts and refused changes.

The server credential is a device-bound refresh token kept only in the OS keyring.
Where no keyring exists, login says so and offers to keep the token in this process's
memory for the session: it is never written to a file. Every function returns plain
DTOs and, when it writes, the `Changes` views refresh from.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import getpass
import json
import platform
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import certifi
import httpx
import keyring
import keyring.errors

from hubdesk import __version__
from hubdesk.domain.changes import Changes
from hubdesk.kernel.errors import HubDeskError, NotFoundError, ValidationError
from hubdesk.kernel.i18n import N_, get_language, gettext
from hubdesk.kernel.jobs import NULL_REPORTER, Reporter
from hubdesk.services.field_labels import field_label
from hubdesk.services.workspace import Workspace
from hubdesk.store import RecordChange
from hubdesk.store import sync_port as port
from hubdesk.store.codec import KINDS, entity_to_fields, fields_to_entity
from hubdesk.sync.client import Api, LoginRequired, ServerRefused
from hubdesk.sync.engine import SyncEngine, SyncReport
from hubdesk.sync.outbox import install
from hubdesk.sync.protocol import DELETED_FIELD, LoginRequest, RefreshRequest, TokenReply, upgrade_mutation

KEYRING_SERVICE = "HubDesk"
HttpFactory = Callable[[str], httpx.Client]


class KeyringUnavailable(HubDeskError):
    """No system keyring: the login cannot be remembered safely."""

    code = "no_keyring"


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Loading the certificate authorities takes ~20 ms: once per process, not once per sync.
    return ssl.create_default_context(cafile=certifi.where())


def default_http(base_url: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        timeout=httpx.Timeout(60.0, connect=10.0),
        headers={"User-Agent": f"HubDesk/{__version__}"},
        verify=_tls_context(),
    )


class Credentials:
    """Where refresh tokens live: the OS keyring, or this process's memory when the user chose so."""

    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        self.access: dict[str, str] = {}  # short-lived access tokens of this process, never stored

    def save(self, account: str, token: str, *, session_only: bool = False) -> bool:
        """Keep the token; True when it went to the keyring, False when kept in memory only."""
        self.access.pop(account, None)
        if session_only:
            self._memory[account] = token
            return False
        try:
            keyring.set_password(KEYRING_SERVICE, account, token)
        except keyring.errors.KeyringError as error:
            raise KeyringUnavailable(
                N_(
                    "No system keyring is available to keep your login safely, and HubDesk never writes it "
                    "to a file. Log in for this session only (you will be asked again next time): {hint}"
                ),
                hint="hubdesk sync --ask-password",
                reason=str(error),
            ) from error
        self._memory.pop(account, None)
        return True

    def load(self, account: str) -> str | None:
        if account in self._memory:
            return self._memory[account]
        try:
            return keyring.get_password(KEYRING_SERVICE, account)
        except keyring.errors.KeyringError:
            return None

    def delete(self, account: str) -> None:
        self._memory.pop(account, None)
        self.access.pop(account, None)
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(KEYRING_SERVICE, account)


def account_name(ws: Workspace, server_url: str | None = None, user: str | None = None) -> str:
    return f"{user or ws.settings.user}@{(server_url or ws.settings.server_url).rstrip('/')}#{ws.device_id}"


def install_outbox(ws: Workspace) -> None:
    """Make every local edit of the workspace queue its outbox row (idempotent)."""
    install(ws.store, ws.device_id)


class _Tokens:
    """Access tokens from the stored refresh token (asked again from the server when expired)."""

    def __init__(
        self,
        http: httpx.Client,
        device_id: str,
        refresh_token: str | None,
        cache: dict[str, str] | None = None,
        account: str = "",
    ) -> None:
        self.http = http
        self.device_id = device_id
        self.refresh_token = refresh_token
        self._cache = cache if cache is not None else {}  # access tokens by account, reused by the next sync
        self._account = account
        self._access: str | None = self._cache.get(account)

    def access_token(self, refresh: bool = False) -> str:
        if self._access is not None and not refresh:
            return self._access
        if not self.refresh_token:
            raise LoginRequired(N_("Log in to the server first (hubdesk login)."))
        body = RefreshRequest(refresh_token=self.refresh_token, device_id=self.device_id)
        api = Api(self.http, None, self.device_id, language=get_language())
        try:
            response = api.request("POST", "/auth/v1/refresh", json=body.model_dump(), auth=False)
        except ServerRefused as error:
            if error.status == 401:
                raise LoginRequired(N_("Your login has expired: log in again (hubdesk login).")) from error
            raise
        self._access = TokenReply.model_validate_json(response.content).access_token
        self._cache[self._account] = self._access
        return self._access


# ---------------------------------------------------------------------- login / logout


@dataclass(frozen=True)
class LoginResult:
    server_url: str
    user: str
    role: str
    remembered: bool  # False: kept for this session only


def login(
    ws: Workspace,
    server_url: str,
    user: str,
    password: str,
    credentials: Credentials,
    *,
    session_only: bool = False,
    http: HttpFactory = default_http,
) -> LoginResult:
    """Log this device in; the refresh token goes to the keyring (or memory, when asked)."""
    url = server_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValidationError(N_("The server address must start with http:// or https://."), field="server")
    if not user.strip():
        raise ValidationError(N_("The user name cannot be empty."), field="user")
    body = LoginRequest(
        user=user.strip(),
        password=password,
        device_id=ws.device_id,
        device_name=platform.node() or "HubDesk",
        app_version=__version__,
    )
    with http(url) as client:
        response = Api(client, None, ws.device_id, language=get_language()).request(
            "POST", "/auth/v1/login", json=body.model_dump(), auth=False
        )
    reply = TokenReply.model_validate_json(response.content)
    account = account_name(ws, url, reply.user)
    # The server and the user are kept first: without a keyring the token is refused a place, and
    # `hubdesk sync --ask-password` then logs in for one run with them.
    ws.update_settings(ws.settings.with_changes(server_url=url, user=reply.user))
    remembered = credentials.save(account, reply.refresh_token or "", session_only=session_only)
    install_outbox(ws)
    return LoginResult(url, reply.user, reply.role, remembered)


def logout(ws: Workspace, credentials: Credentials, *, http: HttpFactory = default_http) -> None:
    """Forget the login here and end the session on the server when it can be reached."""
    if not ws.settings.server_url:
        return
    account = account_name(ws)
    token = credentials.load(account)
    if token:
        try:
            with http(ws.settings.server_url) as client:
                api = Api(client, _Tokens(client, ws.device_id, token), ws.device_id, attempts=1)
                api.request("POST", "/auth/v1/logout")
        except HubDeskError:
            pass  # offline: the token is forgotten here anyway and expires on the server
    credentials.delete(account)


def password_from(stream: Any) -> str:
    """The password: asked without echo on a terminal, else the first line of the stream."""
    if stream.isatty():
        return getpass.getpass(gettext("Password: "))
    return str(stream.readline()).rstrip("\r\n")


# ---------------------------------------------------------------------- sync


@dataclass(frozen=True)
class SyncResult:
    pushed: dict[str, int]
    pulled: int
    new_conflicts: int
    rejected: int
    resynced: tuple[str, ...]
    verified: tuple[str, ...]  # scopes whose checksum matched the server's
    published: tuple[str, ...]
    warnings: tuple[str, ...]  # translated
    changes: Changes
    bytes_up: int
    bytes_down: int


def make_engine(
    ws: Workspace,
    credentials: Credentials,
    client: httpx.Client,
    *,
    sleep: Callable[[float], None] | None = None,
    **options: Any,
) -> SyncEngine:
    if not ws.settings.server_url or not ws.settings.user:
        raise LoginRequired(N_("Log in to the server first (hubdesk login)."))
    install_outbox(ws)
    account = account_name(ws)
    tokens = _Tokens(client, ws.device_id, credentials.load(account), credentials.access, account)
    api_options: dict[str, Any] = {"language": get_language()}
    if sleep is not None:
        api_options["sleep"] = sleep
    api = Api(client, tokens, ws.device_id, **api_options)
    return SyncEngine(
        ws.store,
        ws.device_id,
        api,
        work_dir=ws.data_dir / "sync",
        forms_dir=ws.forms_dir,
        reference_dir=ws.data_dir / "reference",
        **options,
    )


def _result(report: SyncReport) -> SyncResult:
    return SyncResult(
        pushed=dict(report.pushed),
        pulled=report.pulled,
        new_conflicts=report.new_conflicts,
        rejected=report.rejected,
        resynced=tuple(report.resynced),
        verified=tuple(report.verified),
        published=tuple(report.published),
        warnings=tuple(gettext(msgid).format(**params) for msgid, params in report.warnings),
        changes=report.changes,
        bytes_up=report.bytes_up,
        bytes_down=report.bytes_down,
    )


def sync(
    ws: Workspace,
    credentials: Credentials,
    *,
    reporter: Reporter = NULL_REPORTER,
    http: HttpFactory = default_http,
    sleep: Callable[[float], None] | None = None,
    options: dict[str, Any] | None = None,
) -> SyncResult:
    """Send the outbox and receive what changed; interrupted, the next call resumes.

    `options` tune the engine (page and batch sizes, chunk size, clock) for tools and tests.
    """
    with http(ws.settings.server_url or "http://invalid") as client:
        engine = make_engine(ws, credentials, client, sleep=sleep, **(options or {}))
        return _result(engine.sync(reporter))


# ---------------------------------------------------------------------- status


@dataclass(frozen=True)
class ScopeStatus:
    name: str
    last_pull: datetime | None
    verified: bool


@dataclass(frozen=True)
class SyncStatus:
    server_url: str
    user: str
    logged_in: bool
    outbox_size: int
    oldest_unsent: datetime | None
    oldest_unsent_age_seconds: float | None
    last_sync: datetime | None
    scopes: tuple[ScopeStatus, ...]
    open_conflicts: int
    rejected: int
    stalled_syncs: int
    warnings: tuple[str, ...]


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def status(ws: Workspace, credentials: Credentials | None = None, *, now: datetime | None = None) -> SyncStatus:
    """Outbox size, the oldest unsent change, the last pull per scope, conflicts and warnings."""
    moment = now or datetime.now(UTC)
    install_outbox(ws)
    with ws.store.unit_of_work() as uow:
        c = uow.connection
        size, oldest_text = port.outbox_size(c)
        scopes = port.state_json(c, "scopes", [])
        scope_states = tuple(
            ScopeStatus(
                name=s["name"],
                last_pull=_when(port.state_get(c, f"pulled_at/{s['name']}")),
                verified=port.state_get(c, f"verified/{s['name']}") is not None,
            )
            for s in scopes
        )
        last_sync = _when(port.state_get(c, "last_sync"))
        open_conflicts = len(port.conflicts(c))
        rejected = len(port.state_items(c, "rejected/"))
        stalled = int(port.state_get(c, "push.stalled") or 0)
    oldest = _when(oldest_text)
    warnings: list[str] = []
    if stalled >= 2:
        warnings.append(gettext(N_("The last {count} syncs sent none of the waiting changes.")).format(count=stalled))
    if rejected:
        warnings.append(
            gettext(N_("{count} changes were refused by the server; see hubdesk conflicts list.")).format(
                count=rejected
            )
        )
    logged_in = bool(ws.settings.server_url and credentials and credentials.load(account_name(ws)))
    return SyncStatus(
        server_url=ws.settings.server_url,
        user=ws.settings.user,
        logged_in=logged_in,
        outbox_size=size,
        oldest_unsent=oldest,
        oldest_unsent_age_seconds=(moment - oldest).total_seconds() if oldest else None,
        last_sync=last_sync,
        scopes=scope_states,
        open_conflicts=open_conflicts,
        rejected=rejected,
        stalled_syncs=stalled,
        warnings=tuple(warnings),
    )


# ---------------------------------------------------------------------- conflicts


@dataclass(frozen=True)
class ConflictView:
    """A conflict to decide, or a change the server refused (`kind` "conflict" or "rejected")."""

    id: str
    kind: str
    entity: str
    record_id: str
    record_label: str
    field: str
    mine: Any
    theirs: Any
    winner: str | None
    authors: dict[str, Any] = dataclasses.field(default_factory=dict)
    base: Any = None  # the value before both changes, when the server knew it
    created_at: str = ""
    resolved: bool = False
    message: str = ""

    @property
    def field_label(self) -> str:
        """The field's name in the current language ("Name", "Naam")."""
        return field_label(self.entity, self.field)


def _label(reader: Any, entity: str, record_id: str) -> str:
    record = reader.get(entity, record_id) if entity in KINDS else None
    if record is None:
        return record_id
    for name in ("reference", "name", "title"):
        value = getattr(record, name, None)
        if value:
            return f"{value}" if name != "reference" else f"{value} {getattr(record, 'title', '')}".strip()
    return record_id


def list_conflicts(ws: Workspace, *, include_resolved: bool = False) -> list[ConflictView]:
    views: list[ConflictView] = []
    with ws.store.unit_of_work() as uow:
        c = uow.connection
        for row in port.conflicts(c, include_resolved=include_resolved):
            views.append(
                ConflictView(
                    id=row.id,
                    kind="conflict",
                    entity=row.entity,
                    record_id=row.record_id,
                    record_label=_label(uow.reader, row.entity, row.record_id),
                    field=row.field,
                    mine=row.mine,
                    theirs=row.theirs,
                    winner=row.winner,
                    authors=row.authors,
                    base=row.base,
                    created_at=row.created_at,
                    resolved=row.resolved_at is not None,
                )
            )
        for _key, value in port.state_items(c, "rejected/"):
            entry = json.loads(value)
            mutation = upgrade_mutation(entry["mutation"])
            error = entry.get("error") or {}
            message = error.get("message", "")
            source = error.get("msgid")
            if source:
                message = gettext(source).format(**(error.get("params") or {}))
            views.append(
                ConflictView(
                    id=mutation.mutation_id,
                    kind="rejected",
                    entity=mutation.entity,
                    record_id=mutation.id,
                    record_label=_label(uow.reader, mutation.entity, mutation.id),
                    field=error.get("field") or ", ".join(sorted(mutation.fields)) or mutation.op,
                    mine={name: change.value for name, change in mutation.fields.items()} or mutation.op,
                    theirs=None,
                    winner="theirs",
                    created_at=entry.get("at", ""),
                    message=message,
                )
            )
    return views


def _parse_value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def resolve_conflict(ws: Workspace, conflict_id: str, keep: str, value: str | None = None) -> Changes:
    """Decide a conflict with an ordinary edit (`keep` mine, theirs or value), or a refused change.

    For a refused change, "theirs" drops it and "mine" makes it again as a new edit.
    """
    if keep not in ("mine", "theirs", "value"):
        raise ValidationError(N_("Keep “mine”, “theirs” or “value”."), field="keep")
    if keep == "value" and value is None:
        raise ValidationError(N_("Give the value to keep with --value."), field="value")
    install_outbox(ws)
    with ws.store.unit_of_work() as uow:
        c = uow.connection
        row = port.get_conflict(c, conflict_id)
        if row is None:
            return _resolve_rejected(ws, uow, conflict_id, keep)
        if row.resolved_at is not None:
            raise ValidationError(N_("This conflict is already resolved."), field="id")
        chosen = row.mine if keep == "mine" else row.theirs if keep == "theirs" else _parse_value(value or "")
        if row.field == DELETED_FIELD:
            if chosen == "deleted" and uow.reader.get(row.entity, row.record_id) is not None:
                uow.delete(row.entity, row.record_id)
        else:
            current = uow.reader.get(row.entity, row.record_id)
            if current is None:
                raise NotFoundError(N_("The record of this conflict is no longer here."))
            fields = entity_to_fields(current)
            if fields.get(row.field) != chosen:
                fields[row.field] = chosen
                try:
                    updated = fields_to_entity(row.entity, {**fields, "id": current.id, "version": current.version})
                except (TypeError, ValueError, ArithmeticError) as error:
                    raise ValidationError(
                        N_("“{value}” does not fit the field {name}."), field="value", value=str(chosen), name=row.field
                    ) from error
                uow.save(updated)
        resolved = port.conflict_fields(row)
        resolution = {"keep": keep, "value": chosen}
        resolved.update(resolved_at=datetime.now(UTC).isoformat(), resolution=resolution)
        port.conflict_put(c, row.id, resolved, row.version)
        meta = port.meta_get(c, "conflict", row.id)
        uow.records.append(
            RecordChange(
                "conflict",
                row.id,
                "upsert",
                {"resolved_at": resolved["resolved_at"], "resolution": resolution},
                meta[0] if meta else row.version,
            )
        )
        return uow.changes.merge(Changes.of("conflict", row.id))


def _resolve_rejected(ws: Workspace, uow: Any, mutation_id: str, keep: str) -> Changes:
    c = uow.connection
    for key, value in port.state_items(c, "rejected/"):
        entry = json.loads(value)
        mutation = upgrade_mutation(entry["mutation"])
        if mutation.mutation_id != mutation_id:
            continue
        port.state_delete(c, key)
        if keep == "mine":
            values = {name: change.value for name, change in mutation.fields.items()}
            current = uow.reader.get(mutation.entity, mutation.id)
            if mutation.op == "delete":
                if current is not None:
                    uow.delete(mutation.entity, mutation.id)
            elif current is None:
                uow.save(fields_to_entity(mutation.entity, {**values, "id": mutation.id, "version": 0}))
            else:
                fields = {**entity_to_fields(current), **values}
                uow.save(fields_to_entity(mutation.entity, {**fields, "id": current.id, "version": current.version}))
        changes: Changes = uow.changes
        return changes
    raise NotFoundError(N_("No conflict or refused change with id {id}."), id=mutation_id)


# ---------------------------------------------------------------------- attachments


def fetch_attachment(ws: Workspace, credentials: Credentials, sha256: str, *, http: HttpFactory = default_http) -> Path:
    """The local file of an attachment, downloaded from the server the first time it is opened."""
    path = ws.store.attachment_path(sha256)
    if path.exists():
        return path
    with http(ws.settings.server_url) as client:
        engine = make_engine(ws, credentials, client)
        status = engine.api.request("GET", f"/sync/v1/blobs/{sha256}/status").json()
        partial = ws.data_dir / "sync" / f"{sha256}.part"
        engine.api.download(f"/sync/v1/blobs/{sha256}", partial, int(status["size"]), sha256)
    ws.store.save_attachment_bytes(partial)
    partial.unlink(missing_ok=True)
    return ws.store.attachment_path(sha256)
