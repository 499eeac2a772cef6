"""Random work on three laptops with faults: every replica ends equal to the server, no overwrite silent.

The property of the sync design (design/sync-protocol.md, "A property-based test"): a
Hypothesis state machine drives three real client workspaces (ann, bob and cid, each a
SQLite file) against the real server app in process, on SQLite and on PostgreSQL. Its
steps create, edit and delete enterprises, cases and tasks, edit the same field on two
or three laptops from the same base version, move cases and enterprises between
communes, change a user's scopes, sync, and inject faults: a request dropped before it
reaches the server, a response lost after the server committed, a push delivered twice
(at once, or replayed much later), a client killed in the middle of a sync and reopened
on the same file, a server restarted.

When the steps are done, faults off, every laptop syncs until a whole round moves
nothing. Then each replica must hold exactly the server's records of its scopes (field
values, versions and conflict records) with an empty outbox, and every concurrent
overwrite -- one field edited on two laptops from the same base version with different
values, both edits accepted -- must be a conflict record on the server. The model
learns what each edit sent from the outbox row the edit wrote.

`HUBDESK_STATEFUL_EXAMPLES=200 HUBDESK_STATEFUL_RANDOM=1` explores further than CI's
fixed, derandomised run.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from sqlalchemy import select, text
from syncsupport import (
    MemoryKeyring,
    Replica,
    Server,
    backup_server,
    comparable,
    enterprise_number,
    restore_server,
    server_records,
)

from hubdesk.server import tables
from hubdesk.server.auth import Accounts
from hubdesk.services import records
from hubdesk.services.workspace import Workspace
from hubdesk.store import sync_port
from hubdesk.sync.client import SyncError
from hubdesk.sync.protocol import DELETED_FIELD

USERS = ("ann", "bob", "cid")
COMMUNES = {"21004": "1000", "21015": "1030", "21001": "1070"}  # NIS code -> a postal code of it
EDITABLE = {"enterprise": ("name", "legal_form"), "case": ("title", "due_on"), "task": ("title",)}
ACCEPTED = frozenset({"applied", "merged", "conflict"})
SCOPE_REFUSALS = frozenset(
    {
        "This record is outside your scopes.",
        "Refused with the other changes of the same save.",
        "The record this belongs to was deleted.",
    }
)
SETTLE_ROUNDS = 8
# The port functions a sync writes through: a kill lands on the k-th call of any of them.
KILL_POINTS = (
    "state_set",
    "state_set_json",
    "state_delete",
    "meta_set",
    "state_set_many",
    "meta_raise_versions",
    "meta_delete",
    "outbox_remove",
    "conflict_put",
    "bulk_insert",
)

MACHINE_SETTINGS = settings(
    max_examples=int(os.environ.get("HUBDESK_STATEFUL_EXAMPLES", "30")),
    stateful_step_count=30,
    deadline=None,
    derandomize=os.environ.get("HUBDESK_STATEFUL_RANDOM", "") != "1",
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

users = st.sampled_from(USERS)
picks = st.integers(min_value=0, max_value=10_000)
kinds = st.sampled_from(sorted(EDITABLE))
communes = st.sampled_from(sorted(COMMUNES))


class Killed(SystemExit):
    """The laptop's process dies here (raised from inside the sync's own transaction)."""


@dataclass(frozen=True)
class Write:
    """One outbox row a laptop wrote: what the model knows about an edit."""

    user: str
    device: str
    mutation_id: str
    entity: str
    record_id: str
    op: str
    base: int
    fields: dict[str, tuple[Any, int]]  # name -> (value, base version)


@dataclass
class Laptop:
    replica: Replica
    seen_seq: int = 0
    push_requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    deliver_twice: bool = False
    restart_on: str | None = None  # the server restarts when this laptop next requests this path
    abandoned: list[Workspace] = field(default_factory=list)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _describe_difference(local: dict[tuple[str, str], Any], remote: dict[tuple[str, str], Any], limit: int = 6) -> str:
    lines = [f"missing here: {key} = {remote[key]}" for key in sorted(remote.keys() - local.keys())]
    lines += [f"extra here: {key} = {local[key]}" for key in sorted(local.keys() - remote.keys())]
    lines += [
        f"differs: {key}: here {local[key]} / server {remote[key]}"
        for key in sorted(local.keys() & remote.keys())
        if local[key] != remote[key]
    ]
    return "\n".join(lines[:limit]) + (f"\n... {len(lines) - limit} more" if len(lines) > limit else "")


def make_machine(server: Server, root: Path, baseline: dict[str, list[dict[str, Any]]]) -> type[RuleBasedStateMachine]:
    examples = iter(range(1_000_000))

    class SyncMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            restore_server(server.db, baseline)  # every example starts from the same empty server
            self.folder = root / f"example-{next(examples)}"
            self.counter = 0
            self.writes: list[Write] = []
            self.laptops: dict[str, Laptop] = {}
            for user in USERS:
                laptop = Laptop(Replica(server, self.folder / user, user))
                laptop.replica.transport.on_request = self._watcher(laptop)
                self.laptops[user] = laptop

        # -------------------------------------------------------------- helpers

        def _watcher(self, laptop: Laptop) -> Callable[[httpx.Request], None]:
            def watch(request: httpx.Request) -> None:
                if laptop.restart_on is not None and laptop.restart_on in request.url.path:
                    laptop.restart_on = None
                    server.restart()  # nothing the old app or its engine held in memory survives
                if request.url.path != "/sync/v1/push":
                    return
                body = request.read()
                laptop.push_requests.append((dict(request.headers), body))
                if laptop.deliver_twice:
                    laptop.deliver_twice = False
                    copy = httpx.Request(request.method, request.url, headers=request.headers, content=body)
                    first = server.transport.handle_request(copy)  # its answer is lost on the way back
                    assert first.status_code == 200, first.read()

            return watch

        def _next(self) -> int:
            self.counter += 1
            return self.counter

        def _ws(self, user: str) -> Workspace:
            return self.laptops[user].replica.ws

        def _held(self, user: str, kind: str) -> list[str]:
            with self._ws(user).store.unit_of_work() as uow:
                rows = uow.connection.execute(text(f'SELECT id FROM "{kind}" ORDER BY id'))
                return [str(row[0]) for row in rows]

        def _pick(self, user: str, kind: str, pick: int) -> str | None:
            held = self._held(user, kind)
            return held[pick % len(held)] if held else None

        def _capture(self, user: str) -> None:
            """Note the outbox rows the last local edit wrote (the model's view of that edit)."""
            laptop = self.laptops[user]
            with laptop.replica.ws.store.unit_of_work() as uow:
                rows = sync_port.outbox_pending(uow.connection, 1_000_000, laptop.seen_seq)
            for row in rows:
                laptop.seen_seq = max(laptop.seen_seq, row.device_seq)
                payload = row.payload
                changes = payload.get("fields") or {}
                self.writes.append(
                    Write(
                        user=user,
                        device=laptop.replica.ws.device_id,
                        mutation_id=row.mutation_id,
                        entity=row.entity,
                        record_id=row.record_id,
                        op=row.op,
                        base=int(payload.get("base_version") or 0),
                        fields={
                            name: (change.get("value"), int(change.get("base_version") or 0))
                            for name, change in changes.items()
                        },
                    )
                )

        def _value(self, user: str, kind: str, name: str) -> Any:
            """A value no other edit of the run writes (so no two edits agree by chance)."""
            number = self._next()
            if name == "due_on":
                return date(2027, 1, 1) + timedelta(days=number)
            return f"{kind} {name} {user} {number}"

        def _edit(self, user: str, kind: str, record_id: str, name: str, value: Any) -> bool:
            with self._ws(user).store.unit_of_work() as uow:
                current = uow.reader.get(kind, record_id)
                if current is None:
                    return False
                uow.save(dataclasses.replace(current, **{name: value}))
            self._capture(user)
            return True

        def _delete(self, user: str, kind: str, record_id: str) -> None:
            with self._ws(user).store.unit_of_work() as uow:
                uow.delete(kind, record_id)
            self._capture(user)

        def _sync(self, user: str) -> Any:
            return self.laptops[user].replica.sync()

        @contextmanager
        def _kill_at(self, call: int) -> Iterator[None]:
            calls = {"n": 0}
            originals = {name: getattr(sync_port, name) for name in KILL_POINTS}

            def wrap(name: str) -> Callable[..., Any]:
                real = originals[name]

                def dying(*args: Any, **kwargs: Any) -> Any:
                    calls["n"] += 1
                    if calls["n"] == call:
                        raise Killed(f"killed in {name}")
                    return real(*args, **kwargs)

                return dying

            for name in KILL_POINTS:
                setattr(sync_port, name, wrap(name))
            try:
                yield
            finally:
                for name, real in originals.items():
                    setattr(sync_port, name, real)

        # -------------------------------------------------------------- the first records

        @initialize(
            pull_limits=st.tuples(*[st.sampled_from([2, 5, 1000])] * len(USERS)),
            push_limits=st.tuples(*[st.sampled_from([1, 3, 500])] * len(USERS)),
        )
        def start(self, pull_limits: tuple[int, ...], push_limits: tuple[int, ...]) -> None:
            """Small pages and batches on some laptops; one enterprise with a case each; synced twice."""
            for user, pull_limit, push_limit in zip(USERS, pull_limits, push_limits, strict=True):
                self.laptops[user].replica.options = {"pull_limit": pull_limit, "push_limit": push_limit}
            for user, nis in zip(USERS, ("21004", "21015", "21015"), strict=True):
                self.create_enterprise(user, nis)
                self.create_case(user, 0)
            for _round in range(2):
                for user in USERS:
                    self._sync(user)

        # -------------------------------------------------------------- local work

        @rule(user=users, nis=communes)
        def create_enterprise(self, user: str, nis: str) -> None:
            number = self._next()
            values = {
                "number": enterprise_number(number),
                "name": f"Atelier {user} {number}",
                "postal_code": COMMUNES[nis],
            }
            records.add_enterprise(self._ws(user), values)
            self._capture(user)

        @rule(user=users, pick=picks)
        def create_case(self, user: str, pick: int) -> None:
            enterprise_id = self._pick(user, "enterprise", pick)
            if enterprise_id is None:
                return
            with self._ws(user).store.read() as reader:
                number = reader.get("enterprise", enterprise_id).number
            records.add_case(self._ws(user), number, f"Dossier {user} {self._next()}", "permit_assistance")
            self._capture(user)

        @rule(user=users, pick=picks)
        def create_task(self, user: str, pick: int) -> None:
            case_id = self._pick(user, "case", pick)
            if case_id is None:
                return
            with self._ws(user).store.read() as reader:
                reference = reader.get("case", case_id).reference
            records.add_task(self._ws(user), reference, f"Tâche {user} {self._next()}")
            self._capture(user)

        @rule(user=users, kind=kinds, pick=picks, which=st.integers(0, 1))
        def edit(self, user: str, kind: str, pick: int, which: int) -> None:
            record_id = self._pick(user, kind, pick)
            if record_id is not None:
                name = EDITABLE[kind][which % len(EDITABLE[kind])]
                self._edit(user, kind, record_id, name, self._value(user, kind, name))

        @rule(kind=kinds, pick=picks, which=st.integers(0, 1), everyone=st.booleans())
        def edit_concurrently(self, kind: str, pick: int, which: int, everyone: bool) -> None:
            """The same field of one record, changed on two (or all) laptops holding it before they sync."""
            holders: dict[str, list[str]] = {}
            for user in USERS:
                for record_id in self._held(user, kind):
                    holders.setdefault(record_id, []).append(user)
            shared = sorted(record_id for record_id, users in holders.items() if len(users) > 1)
            if not shared:
                return
            record_id = shared[pick % len(shared)]
            editors = holders[record_id] if everyone else holders[record_id][:2]
            name = EDITABLE[kind][which % len(EDITABLE[kind])]
            for user in editors:
                self._edit(user, kind, record_id, name, self._value(user, kind, name))

        @rule(user=users, kind=kinds, pick=picks)
        def delete(self, user: str, kind: str, pick: int) -> None:
            record_id = self._pick(user, kind, pick)
            if record_id is not None:
                self._delete(user, kind, record_id)

        @rule(deleter=users, editor=users, kind=kinds, pick=picks, which=st.integers(0, 1), parent=st.booleans())
        def delete_against_edit(
            self, deleter: str, editor: str, kind: str, pick: int, which: int, parent: bool
        ) -> None:
            """One laptop edits a record while another deletes it (or, by cascade, its parent)."""
            shared = sorted(set(self._held(deleter, kind)) & set(self._held(editor, kind)))
            if deleter == editor or not shared:
                return
            record_id = shared[pick % len(shared)]
            name = EDITABLE[kind][which % len(EDITABLE[kind])]
            self._edit(editor, kind, record_id, name, self._value(editor, kind, name))
            target = (kind, record_id)
            if parent and kind != "enterprise":
                with self._ws(deleter).store.read() as reader:
                    record = reader.get(kind, record_id)
                target = ("case", record.case_id) if kind == "task" else ("enterprise", record.enterprise_id)
            self._delete(deleter, *target)

        @rule(user=users, pick=picks, nis=communes, manager=st.sampled_from([None, *USERS]))
        def move_case(self, user: str, pick: int, nis: str, manager: str | None) -> None:
            """Hand a case to another commune (and maybe another advisor): it may leave laptops' scopes."""
            case_id = self._pick(user, "case", pick)
            if case_id is None:
                return
            with self._ws(user).store.unit_of_work() as uow:
                current = uow.reader.get("case", case_id)
                changes: dict[str, Any] = {"commune_nis": nis}
                if manager is not None:
                    changes["account_manager"] = manager
                uow.save(dataclasses.replace(current, **changes))
            self._capture(user)

        @rule(user=users, pick=picks, nis=communes)
        def move_enterprise(self, user: str, pick: int, nis: str) -> None:
            enterprise_id = self._pick(user, "enterprise", pick)
            if enterprise_id is None:
                return
            with self._ws(user).store.read() as reader:
                number = reader.get("enterprise", enterprise_id).number
            records.update_enterprise(self._ws(user), number, {"postal_code": COMMUNES[nis]})
            self._capture(user)

        # -------------------------------------------------------------- the administrator

        @rule(user=users, granted=st.sets(communes, max_size=3))
        def change_scopes(self, user: str, granted: set[str]) -> None:
            Accounts(server.db, server.config).set_scopes(user, [f"commune:{nis}" for nis in sorted(granted)])

        # -------------------------------------------------------------- syncs and faults

        @rule(user=users)
        def sync(self, user: str) -> None:
            self._sync(user)

        @rule(first=users)
        def sync_everyone(self, first: str) -> None:
            start = USERS.index(first)
            for user in USERS[start:] + USERS[:start]:
                self._sync(user)

        @rule(
            user=users,
            path=st.sampled_from(["/sync/v1/hello", "/sync/v1/push", "/sync/v1/pull", "/sync/v1/snapshot"]),
            action=st.sampled_from(["drop_request", "drop_response", "cut_body", "status:503", "restart"]),
            times=st.integers(1, 7),
        )
        def sync_with_faults(self, user: str, path: str, action: str, times: int) -> None:
            """The network fails `times` times in a row on one kind of request (6 tries per request).

            "restart": the server restarts when that request comes, and is down meanwhile.
            """
            laptop = self.laptops[user]
            if action == "restart":
                laptop.restart_on = path
            laptop.replica.transport.inject(path, "down" if action == "restart" else action, times)
            try:
                self._sync(user)
            except SyncError:
                event(f"sync gave up after {action} on {path}")
            finally:
                laptop.replica.transport.faults.clear()
                laptop.restart_on = None

        @rule(user=users)
        def push_delivered_twice(self, user: str) -> None:
            self.laptops[user].deliver_twice = True
            try:
                self._sync(user)
            finally:
                self.laptops[user].deliver_twice = False

        @rule(user=users, pick=picks)
        def old_push_replayed(self, user: str, pick: int) -> None:
            """A push the network kept arrives again, long after: what the server stored answers it."""
            sent = self.laptops[user].push_requests
            if not sent:
                return
            headers, body = sent[pick % len(sent)]
            ids = [m["mutation_id"] for m in json.loads(body)["mutations"]]
            with server.db.read() as connection:
                stored = dict(
                    connection.execute(
                        select(tables.mutations.c.mutation_id, tables.mutations.c.status).where(
                            tables.mutations.c.mutation_id.in_(ids)
                        )
                    ).all()
                )
            request = httpx.Request("POST", "http://hubdesk.test/sync/v1/push", headers=headers, content=body)
            response = server.transport.handle_request(request)
            response.read()
            assert response.status_code == 200, response.text
            for result in response.json()["results"]:
                if result["mutation_id"] in stored:
                    assert result["status"] == "duplicate", result
                    assert result["original"] == stored[result["mutation_id"]], result

        @rule(user=users, call=st.integers(1, 40))
        def killed_mid_sync(self, user: str, call: int) -> None:
            """The process dies inside one of the sync's transactions; the laptop restarts on its file."""
            laptop = self.laptops[user]
            try:
                with self._kill_at(call):
                    self._sync(user)
            except Killed as killed:
                event(f"killed in {str(killed).split()[-1]}")
                laptop.abandoned.append(laptop.replica.reopen_after_crash())

        # -------------------------------------------------------------- the end

        def teardown(self) -> None:
            try:
                if sys.exc_info()[0] is None:  # only after steps that all passed
                    self._settle()
                    self._check_replicas()
                    self._check_server()
            finally:
                for laptop in self.laptops.values():
                    laptop.replica.close()
                    for workspace in laptop.abandoned:
                        workspace.close()
                shutil.rmtree(self.folder, ignore_errors=True)

        def _settle(self) -> None:
            for laptop in self.laptops.values():
                laptop.replica.transport.faults.clear()
                laptop.deliver_twice = False
            for _round in range(SETTLE_ROUNDS):
                quiet = True
                for user in USERS:
                    result = self._sync(user)
                    quiet &= not result.pushed and not result.pulled and not result.resynced
                if quiet:
                    return
            raise AssertionError(f"the laptops still exchange changes after {SETTLE_ROUNDS} rounds of syncs")

        def _check_replicas(self) -> None:
            for user, laptop in self.laptops.items():
                replica = laptop.replica
                assert replica.outbox_size() == 0, f"{user}'s outbox is not empty"
                with replica.ws.store.unit_of_work() as uow:
                    scopes = sync_port.state_json(uow.connection, "scopes", [])
                keys = {key for scope in scopes for key in scope["keys"]}
                local = comparable(replica.records())
                remote = comparable(server_records(server.db, keys))
                assert local == remote, f"{user} differs from the server:\n{_describe_difference(local, remote)}"

        def _check_server(self) -> None:
            with server.db.read() as connection:
                results = {row.mutation_id: row for row in connection.execute(tables.mutations.select())}
                rows = list(connection.execute(tables.records.select()))
                held = connection.execute(tables.backlog.select()).all()
            status = {mutation_id: row.status for mutation_id, row in results.items()}
            # Only what waits (maybe through another held record) for a record whose creation was
            # refused may stay held: it comes in if that creation is sent again and accepted.
            blocked = {
                (w.entity, w.record_id) for w in self.writes if w.base == 0 and status.get(w.mutation_id) == "rejected"
            }
            waiting = {(row.entity, row.id): (row.waits_entity, row.waits_id) for row in held}
            while any(record not in blocked and waits in blocked for record, waits in waiting.items()):
                blocked |= {record for record, waits in waiting.items() if waits in blocked}
            stuck = [row.payload for row in held if (row.entity, row.id) not in blocked]
            assert not stuck, f"held on the server for nothing: {stuck}"
            parents = {(r.entity, r.id): (r.parent_entity, r.parent_id) for r in rows if r.parent_entity}
            conflicts = [json.loads(r.data) for r in rows if r.entity == "conflict"]  # tombstones too
            unaccepted: set[tuple[str, str, str]] = set()  # (device, entity, id) whose creation was refused or held
            for write in self.writes:
                if write.base == 0 and status.get(write.mutation_id) == "rejected":
                    message = (json.loads(results[write.mutation_id].result).get("error") or {}).get("msgid")
                    # Refused only for scopes; an edit of a record whose creation the server never took
                    # is refused too (it lacks the fields a creation needs).
                    assert message in SCOPE_REFUSALS or (write.device, write.entity, write.record_id) in unaccepted, (
                        f"a change was refused for another reason: {results[write.mutation_id].result} {write}"
                    )
                if write.base == 0 and status.get(write.mutation_id) in ("rejected", "held"):
                    unaccepted.add((write.device, write.entity, write.record_id))
            for row in results.values():
                if row.status == "rejected" and row.mutation_id not in {
                    w.mutation_id for w in self.writes if w.base == 0
                }:
                    message = (json.loads(row.result).get("error") or {}).get("msgid")
                    assert message in SCOPE_REFUSALS, f"a change was refused for another reason: {row.result}"
            accepted = [w for w in self.writes if status.get(w.mutation_id) in ACCEPTED]
            overwrites = self._overwrites(accepted)
            for entity, record_id, name, first, second in overwrites:
                devices = {first.device, second.device}
                found = any(
                    c["entity"] == entity
                    and c["record_id"] == record_id
                    and (
                        (c["field"] == name and c["authors"]["mine_device"] in devices)
                        or (c["field"] == DELETED_FIELD and isinstance(c["mine"], dict) and name in c["mine"])
                    )
                    for c in conflicts
                )
                assert found, (
                    f"{first.user} and {second.user} both changed {entity} {record_id} {name} from version "
                    f"{first.fields[name][1]} ({first.fields[name][0]!r}, {second.fields[name][0]!r}; "
                    f"{status[first.mutation_id]}, {status[second.mutation_id]}): no conflict among "
                    f"{[c for c in conflicts if c['record_id'] == record_id]}"
                )
            for entity, record_id, deleter, editor in self._deletes_against_edits(accepted):
                family = [(entity, record_id)]
                while family[-1] in parents:
                    family.append(parents[family[-1]])
                found = status[editor.mutation_id] == "conflict" or any(
                    c["field"] == DELETED_FIELD and (c["entity"], c["record_id"]) in family for c in conflicts
                )
                history = [
                    (w.user, w.op, sorted(w.fields), w.base, status.get(w.mutation_id))
                    for w in self.writes
                    if w.record_id == record_id
                ]
                assert found, (
                    f"{deleter.user} deleted {entity} {record_id} that {editor.user} edited: no conflict; "
                    f"writes: {history}; conflicts: {[c for c in conflicts if (c['entity'], c['record_id']) in family]}"
                )
            event(f"concurrent overwrites checked: {min(len(overwrites), 10)}{'+' if len(overwrites) >= 10 else ''}")
            event(f"conflict records: {min(len(conflicts), 10)}{'+' if len(conflicts) >= 10 else ''}")

        def _overwrites(self, accepted: list[Write]) -> list[tuple[str, str, str, Write, Write]]:
            """Pairs of accepted edits of one field from two laptops, same base version, different values."""
            by_field: dict[tuple[str, str, str], list[Write]] = {}
            written: dict[tuple[str, str, str], list[str]] = {}
            for write in self.writes:
                for name, (value, _base) in write.fields.items():
                    written.setdefault((write.entity, write.record_id, name), []).append(_canonical(value))
            for write in accepted:
                if write.op == "upsert":
                    for name in write.fields:
                        by_field.setdefault((write.entity, write.record_id, name), []).append(write)
            found = []
            for (entity, record_id, name), edits in by_field.items():
                values = written[(entity, record_id, name)]
                for first, second in combinations(edits, 2):
                    (value_1, base_1), (value_2, base_2) = first.fields[name], second.fields[name]
                    if first.device == second.device or base_1 != base_2 or base_1 == 0:
                        continue
                    one, two = _canonical(value_1), _canonical(value_2)
                    if one == two or values.count(one) > 1 or values.count(two) > 1:
                        continue  # a value written twice (a commune, a manager) may be agreed on by chance
                    found.append((entity, record_id, name, first, second))
            return found

        def _deletes_against_edits(self, accepted: list[Write]) -> list[tuple[str, str, Write, Write]]:
            """Pairs of an accepted delete and an accepted edit of one record, from two laptops, same base.

            An edit its own laptop deleted afterwards is left out: that laptop wanted the record gone too.
            """
            found = []
            position = {write.mutation_id: index for index, write in enumerate(self.writes)}
            deleted_later = {
                (w.device, w.entity, w.record_id): position[w.mutation_id] for w in self.writes if w.op == "delete"
            }
            deletes = [w for w in accepted if w.op == "delete" and w.base > 0]
            edits = [w for w in accepted if w.op == "upsert" and w.fields]
            for deleter in deletes:
                for editor in edits:
                    same = (editor.entity, editor.record_id) == (deleter.entity, deleter.record_id)
                    if not same or editor.device == deleter.device or editor.base != deleter.base:
                        continue
                    if (
                        deleted_later.get((editor.device, editor.entity, editor.record_id), -1)
                        > position[editor.mutation_id]
                    ):
                        continue
                    found.append((deleter.entity, deleter.record_id, deleter, editor))
            return found

    return SyncMachine


def test_replicas_converge_under_random_work_and_faults(
    server: Server, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    baseline = backup_server(server.db)
    run_state_machine_as_test(make_machine(server, tmp_path, baseline), settings=MACHINE_SETTINGS)
