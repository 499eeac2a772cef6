"""Accounts and sessions: argon2 passwords, throttled logins, device-bound refresh tokens, access tokens.

A login registers the device and hands out a refresh token bound to it (stored only as
its SHA-256) that lives through the maximum offline period and is extended each time it
is used, plus a short access token: an HMAC-signed statement of user, device, session and
expiry, checked on every request together with the session (so a logout or a disabled
account takes effect at once, in every server process).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, bindparam, delete, select, update

from hubdesk.kernel.errors import ConflictError, NotFoundError, ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.ids import new_id
from hubdesk.server import tables as t
from hubdesk.server.config import ServerConfig
from hubdesk.server.database import ServerDatabase
from hubdesk.server.errors import AuthError, ThrottledError
from hubdesk.server.scopes import Principal, check_role, check_scope
from hubdesk.sync.protocol import LoginRequest, RefreshRequest, TokenReply

MIN_PASSWORD = 8
USERS_COUNTER = "users"  # counters row: goes up with every change to who holds which scope


def _hasher(config: ServerConfig) -> PasswordHasher:
    return PasswordHasher(time_cost=config.argon2_time_cost, memory_cost=config.argon2_memory_kib)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class UserInfo:
    id: str
    name: str
    role: str
    scopes: tuple[str, ...]
    disabled: bool


def _user_info(row: object) -> UserInfo:
    return UserInfo(
        id=row.id,  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        role=row.role,  # type: ignore[attr-defined]
        scopes=tuple(json.loads(row.scopes)),  # type: ignore[attr-defined]
        disabled=bool(row.disabled),  # type: ignore[attr-defined]
    )


class Accounts:
    """User accounts, logins and tokens on one server database."""

    def __init__(self, db: ServerDatabase, config: ServerConfig) -> None:
        self.db = db
        self.config = config
        self._secret: bytes | None = None

    # ------------------------------------------------------------------ users

    def add_user(self, name: str, password: str, role: str, scopes: list[str]) -> UserInfo:
        name = name.strip()
        if not name or len(name) > 128 or ":" in name:
            raise ValidationError(N_("A user name must be 1 to 128 characters, without “:”."), field="name")
        if len(password) < MIN_PASSWORD:
            raise ValidationError(
                N_("The password must have at least {count} characters."), field="password", count=MIN_PASSWORD
            )
        check_role(role)
        checked = [check_scope(scope) for scope in scopes]
        password_hash = _hasher(self.config).hash(password)

        def work(connection: Connection) -> UserInfo:
            if connection.execute(select(t.users.c.id).where(t.users.c.name == name)).first():
                raise ConflictError(N_("A user named {name} already exists."), name=name)
            user_id = new_id()
            connection.execute(
                t.users.insert().values(
                    id=user_id,
                    name=name,
                    password_hash=password_hash,
                    role=role,
                    scopes=json.dumps(checked),
                    disabled=False,
                    created_ms=self.config.clock(),
                )
            )
            self._users_changed(connection)
            return UserInfo(user_id, name, role, tuple(checked), False)

        return self.db.run_write(work, attempts=1)

    def set_scopes(self, name: str, scopes: list[str], role: str | None = None) -> UserInfo:
        checked = [check_scope(scope) for scope in scopes]
        if role is not None:
            check_role(role)

        def work(connection: Connection) -> UserInfo:
            row = connection.execute(select(t.users).where(t.users.c.name == name)).first()
            if row is None:
                raise NotFoundError(N_("No user named {name}."), name=name)
            values: dict[str, object] = {"scopes": json.dumps(checked)}
            if role is not None:
                values["role"] = role
            connection.execute(update(t.users).where(t.users.c.id == row.id).values(**values))
            self._users_changed(connection)
            return UserInfo(row.id, row.name, role or row.role, tuple(checked), bool(row.disabled))

        return self.db.run_write(work)

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise ValidationError(
                N_("The password must have at least {count} characters."), field="password", count=MIN_PASSWORD
            )
        password_hash = _hasher(self.config).hash(password)

        def work(connection: Connection) -> None:
            done = connection.execute(update(t.users).where(t.users.c.name == name).values(password_hash=password_hash))
            if done.rowcount == 0:
                raise NotFoundError(N_("No user named {name}."), name=name)

        self.db.run_write(work)

    def set_disabled(self, name: str, disabled: bool) -> None:
        def work(connection: Connection) -> None:
            done = connection.execute(update(t.users).where(t.users.c.name == name).values(disabled=disabled))
            if done.rowcount == 0:
                raise NotFoundError(N_("No user named {name}."), name=name)
            self._users_changed(connection)

        self.db.run_write(work)

    def _users_changed(self, connection: Connection) -> None:
        """Count a change to who holds which scope: every process reads the count with each session,
        and drops what it remembers of teams read at another count (`scopes.team_members`)."""
        self.db.upsert(connection, t.counters, [{"name": USERS_COUNTER, "value": 1}], ["name"], add=["value"])

    def list_users(self) -> list[UserInfo]:
        with self.db.read() as connection:
            return [_user_info(row) for row in connection.execute(select(t.users).order_by(t.users.c.name))]

    # ------------------------------------------------------------------ logins

    def _check_throttle(self, connection: Connection, keys: list[str], now: int) -> None:
        rows = connection.execute(select(t.login_failures).where(t.login_failures.c.key.in_(keys))).all()
        for row in rows:
            if row.locked_until_ms > now:
                wait = max(1, (row.locked_until_ms - now + 999) // 1000)
                raise ThrottledError(
                    N_("Too many failed logins: try again in {seconds} seconds."), retry_after=wait, seconds=wait
                )

    def _record_failure(self, keys: list[str], now: int) -> None:
        config = self.config

        def work(connection: Connection) -> None:
            for key in keys:
                row = connection.execute(
                    select(t.login_failures).where(t.login_failures.c.key == key).with_for_update()
                ).first()
                if row is None or now - row.window_start_ms > config.login_window_seconds * 1000:
                    count, start = 1, now
                else:
                    count, start = row.failures + 1, row.window_start_ms
                # Past the limit, every further failure doubles the wait (capped at a day).
                excess = count - config.login_max_failures
                locked = (
                    now + min(86_400_000, config.login_lock_seconds * 1000 * 2 ** max(0, excess)) if excess >= 0 else 0
                )
                self.db.upsert(
                    connection,
                    t.login_failures,
                    [{"key": key, "failures": count, "window_start_ms": start, "locked_until_ms": locked}],
                    ["key"],
                    replace=["failures", "window_start_ms", "locked_until_ms"],
                )

        self.db.run_write(work)

    def login(self, request: LoginRequest, client: str = "") -> TokenReply:
        now = self.config.clock()
        keys = [f"user:{request.user.strip().lower()}"] + ([f"ip:{client}"] if client else [])
        with self.db.read() as connection:
            self._check_throttle(connection, keys, now)
            row = connection.execute(select(t.users).where(t.users.c.name == request.user.strip())).first()
        valid = False
        if row is not None and not row.disabled:
            try:
                valid = _hasher(self.config).verify(row.password_hash, request.password)
            except (VerificationError, InvalidHashError):
                valid = False
        else:
            _hasher(self.config).hash(request.password)  # same cost whether or not the user exists
        if not valid or row is None:
            self._record_failure(keys, now)
            raise AuthError(N_("Wrong user name or password."))
        refresh = secrets.token_urlsafe(32)
        session_id = new_id()

        def work(connection: Connection) -> None:
            connection.execute(delete(t.login_failures).where(t.login_failures.c.key.in_(keys)))
            device = connection.execute(select(t.devices).where(t.devices.c.id == request.device_id)).first()
            if device is None:
                connection.execute(
                    t.devices.insert().values(
                        id=request.device_id,
                        user_id=row.id,
                        name=request.device_name,
                        app_version=request.app_version,
                        last_seq=0,
                        created_ms=now,
                        last_seen_ms=now,
                    )
                )
            else:
                connection.execute(
                    update(t.devices)
                    .where(t.devices.c.id == request.device_id)
                    .values(user_id=row.id, last_seen_ms=now, app_version=request.app_version or device.app_version)
                )
                # A device has one user at a time: earlier sessions on it end.
                connection.execute(
                    update(t.sessions)
                    .where(t.sessions.c.device_id == request.device_id, t.sessions.c.revoked_ms.is_(None))
                    .values(revoked_ms=now)
                )
            connection.execute(
                t.sessions.insert().values(
                    id=session_id,
                    token_hash=_token_hash(refresh),
                    user_id=row.id,
                    device_id=request.device_id,
                    created_ms=now,
                    expires_ms=now + self.config.refresh_token_ms,
                    revoked_ms=None,
                )
            )

        self.db.run_write(work)
        return TokenReply(
            access_token=self._access_token(row.id, request.device_id, session_id, now),
            refresh_token=refresh,
            expires_in=self.config.access_token_seconds,
            user=row.name,
            role=row.role,
        )

    def refresh(self, request: RefreshRequest) -> TokenReply:
        now = self.config.clock()

        def work(connection: Connection) -> TokenReply:
            session = connection.execute(
                select(t.sessions).where(t.sessions.c.token_hash == _token_hash(request.refresh_token))
            ).first()
            if (
                session is None
                or session.revoked_ms is not None
                or session.expires_ms <= now
                or session.device_id != request.device_id
            ):
                raise AuthError(N_("This login is no longer valid: log in again."))
            user = connection.execute(select(t.users).where(t.users.c.id == session.user_id)).first()
            if user is None or user.disabled:
                raise AuthError(N_("This login is no longer valid: log in again."))
            connection.execute(
                update(t.sessions)
                .where(t.sessions.c.id == session.id)
                .values(expires_ms=now + self.config.refresh_token_ms)
            )
            return TokenReply(
                access_token=self._access_token(user.id, session.device_id, session.id, now),
                expires_in=self.config.access_token_seconds,
                user=user.name,
                role=user.role,
            )

        return self.db.run_write(work)

    def logout(self, principal: Principal) -> None:
        now = self.config.clock()

        def work(connection: Connection) -> None:
            connection.execute(update(t.sessions).where(t.sessions.c.id == principal.session_id).values(revoked_ms=now))

        self.db.run_write(work)

    # ------------------------------------------------------------------ access tokens

    def _key(self) -> bytes:
        if self._secret is None:
            with self.db.read() as connection:
                secret = self.db.meta(connection, "token_secret")
            if secret is None:
                raise AuthError(N_("The server is not initialised."))
            self._secret = bytes.fromhex(secret)
        return self._secret

    def _access_token(self, user_id: str, device_id: str, session_id: str, now: int) -> str:
        payload = json.dumps(
            {"u": user_id, "d": device_id, "s": session_id, "e": now + self.config.access_token_seconds * 1000},
            separators=(",", ":"),
        ).encode()
        body = base64.urlsafe_b64encode(payload).rstrip(b"=")
        signature = base64.urlsafe_b64encode(hmac.digest(self._key(), body, "sha256")).rstrip(b"=")
        return (body + b"." + signature).decode()

    def principal_of(self, claim: Claim) -> Principal:
        """The caller behind a verified claim, on a connection of its own."""
        with self.db.read(autocommit=True) as connection:
            return self.principal(connection, claim)

    def verify(self, token: str | None) -> Claim:
        """What a token says, once its signature and expiry are checked (no database: cheap enough for
        the event loop, so a request crosses to a worker thread once, not once for this and once more)."""
        if not token:
            raise AuthError(N_("Log in first."))
        try:
            body, signature = token.encode().split(b".", 1)
            expected = base64.urlsafe_b64encode(hmac.digest(self._key(), body, "sha256")).rstrip(b"=")
            if not hmac.compare_digest(expected, signature):
                raise ValueError("signature")
            payload = json.loads(base64.urlsafe_b64decode(body + b"=" * (-len(body) % 4)))
        except (ValueError, TypeError):
            raise AuthError(N_("Log in first.")) from None
        if int(payload["e"]) <= self.config.clock():
            raise AuthError(N_("The access token has expired."))
        return Claim(user_id=str(payload["u"]), device_id=str(payload["d"]), session_id=str(payload["s"]))

    def principal(self, connection: Connection, claim: Claim) -> Principal:
        """The caller behind a verified claim, read with its session: a logout or a disabled account
        takes effect at once, in every server process."""
        row = connection.execute(SESSION_USER, {"session": claim.session_id, "user": claim.user_id}).first()
        return self.principal_from(row, claim)

    def principal_from(self, row: Any, claim: Claim) -> Principal:
        """The caller from a row of `SESSION_USER`'s columns (None or all None: no such session)."""
        if (
            row is None
            or row.id is None
            or row.disabled
            or row.revoked_ms is not None
            or row.expires_ms <= self.config.clock()
        ):
            raise AuthError(N_("This login is no longer valid: log in again."))
        return Principal(
            user_id=row.id,
            name=row.name,
            role=row.role,
            scopes=tuple(json.loads(row.scopes)),
            device_id=claim.device_id,
            session_id=claim.session_id,
            users_version=int(row.users_version or 0),
        )

    def load_key(self) -> None:
        """Read the token key now (at start-up) rather than at the first request."""
        with contextlib.suppress(AuthError):
            self._key()


class CallerOf:
    """The caller behind a claim, read once on the connection of the request's transaction."""

    def __init__(self, accounts: Accounts, claim: Claim) -> None:
        self.accounts = accounts
        self.claim = claim
        self.principal: Principal | None = None

    def __call__(self, connection: Connection) -> Principal:
        if self.principal is None:
            self.principal = self.accounts.principal(connection, self.claim)
        return self.principal

    def from_row(self, row: Any) -> Principal:
        """The caller from `SESSION_USER`'s columns read along with a route's own statement."""
        self.principal = self.accounts.principal_from(row, self.claim)
        return self.principal


@dataclass(frozen=True)
class Claim:
    """What a valid access token states: the user, the device and the session it was issued to."""

    user_id: str
    device_id: str
    session_id: str


# Built once: the statement every authenticated request runs (SQLAlchemy then finds it compiled);
# a route may read its columns inside a statement of its own (see `pull`).
SESSION_USER = (
    select(t.users.c.id, t.users.c.name, t.users.c.role, t.users.c.scopes, t.users.c.disabled)
    .add_columns(t.sessions.c.revoked_ms, t.sessions.c.expires_ms)
    .add_columns(
        select(t.counters.c.value).where(t.counters.c.name == USERS_COUNTER).scalar_subquery().label("users_version")
    )
    .join(t.sessions, t.sessions.c.user_id == t.users.c.id)
    .where(t.sessions.c.id == bindparam("session"), t.users.c.id == bindparam("user"))
)
