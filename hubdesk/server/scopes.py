"""Scopes: which records a user may pull and change, as sets of record scope keys.

A user holds scope names ("own", "commune:21004", "team:north", "post:Tokyo", or "all"
for an administrator); each name stands for record keys ("advisor:ann",
"commune:21004", ...). A team stands for the own files of every member (a member is a
user holding that team scope), so its keys change when the team does: the digest of
the keys then changes and clients download that scope again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, bindparam, select

from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_
from hubdesk.server import tables as t
from hubdesk.sync.protocol import ALL_KEY, ScopeInfo, scope_digest

ROLES = ("advisor", "teamlead", "attache", "admin")
_SCOPE = re.compile(r"^(commune:\d{5}|team:[\w.-]{1,64}|post:[\w .'-]{1,64})$", re.UNICODE)


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a request: a user on one device."""

    user_id: str
    name: str
    role: str
    scopes: tuple[str, ...]  # granted scope names, as stored ("commune:21004", ...)
    device_id: str
    session_id: str
    users_version: int | None = None  # the users' counter as read with the session (see `team_members`)


# Who is asking: known already, or read on the connection of the request's own transaction
# (one connection and one statement fewer than reading it first).
Who = Principal | Callable[[Connection], Principal]


def principal_on(connection: Connection, who: Who) -> Principal:
    return who if isinstance(who, Principal) else who(connection)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(
            N_("Unknown role “{role}”: use one of {roles}."), field="role", role=role, roles=", ".join(ROLES)
        )
    return role


def check_scope(scope: str) -> str:
    value = scope.strip()
    if not _SCOPE.match(value):
        raise ValidationError(
            N_("“{scope}” is not a scope: write commune:NIS (5 digits), team:NAME or post:CITY."),
            field="scope",
            scope=scope,
        )
    return value


def scope_names(role: str, granted: tuple[str, ...] | list[str]) -> list[str]:
    """The scopes a user pulls: an administrator everything, others their own files plus grants."""
    if role == "admin":
        return ["all"]
    names = ["own"]
    for scope in granted:
        if scope not in names:
            names.append(scope)
    return names


# Built once (asked at every pull of a team's scope): candidates whose scope list holds the text.
_CANDIDATES = select(t.users.c.name, t.users.c.scopes).where(
    t.users.c.disabled.is_(False), t.users.c.scopes.contains(bindparam("quoted"))
)


# Team members by engine and team, with the users' counter they were read at. The counter goes
# up in the transaction of every change to a user's scopes or access (`Accounts`), and each
# request reads it with its session, so a list read at another value is never used: a change
# made through another process is seen at the next request, as without the cache.
_TEAMS: WeakKeyDictionary[Engine, dict[str, tuple[int, list[str]]]] = WeakKeyDictionary()


def team_members(connection: Connection, team: str, users_version: int | None = None) -> list[str]:
    if users_version is not None:
        known = _TEAMS.get(connection.engine, {}).get(team)
        if known is not None and known[0] == users_version:
            return list(known[1])
    wanted = f"team:{team}"
    members = []
    for name, scopes in connection.execute(_CANDIDATES, {"quoted": json.dumps(wanted)}):
        if wanted in json.loads(scopes):
            members.append(str(name))
    members.sort()
    if users_version is not None:
        _TEAMS.setdefault(connection.engine, {})[team] = (users_version, list(members))
    return members


def keys_of_scope(connection: Connection, scope: str, user_name: str, users_version: int | None = None) -> list[str]:
    if scope == "all":
        return [ALL_KEY]
    if scope == "own":
        return [f"advisor:{user_name}"]
    kind, _, value = scope.partition(":")
    if kind == "team":
        return [f"advisor:{member}" for member in team_members(connection, value, users_version)]
    return [scope]


def scopes_of(connection: Connection, principal: Principal) -> list[ScopeInfo]:
    infos = []
    for name in scope_names(principal.role, principal.scopes):
        keys = keys_of_scope(connection, name, principal.name, principal.users_version)
        infos.append(ScopeInfo(name=name, keys=keys, digest=scope_digest(keys)))
    return infos


def allowed_keys(connection: Connection, principal: Principal) -> set[str]:
    keys: set[str] = set()
    for info in scopes_of(connection, principal):
        keys.update(info.keys)
    return keys
