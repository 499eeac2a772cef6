"""End to end: `hubdesk server run` under uvicorn on loopback, laptops driven by the `hubdesk` command line.

Also the real `kill -9`: a sync process killed in the middle of applying a page, and the
same SQLite file opened again by a new process.
"""

from __future__ import annotations

import io
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from syncsupport import DATABASES, PASSWORD, MemoryKeyring, enterprise_number, live_server, server_database

from hubdesk.cli.main import main
from hubdesk.services import records
from hubdesk.services.sync import install_outbox
from hubdesk.services.workspace import Workspace


class Cli:
    """`hubdesk ...` through `main(argv)`, standard input given, output captured."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.monkeypatch = monkeypatch
        self.capsys = capsys

    def __call__(self, *argv: str, stdin: str = "") -> tuple[int, str]:
        self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(argv))
        out = self.capsys.readouterr()
        return code, out.out + out.err

    def on(self, folder: str, *argv: str, stdin: str = "") -> tuple[int, str]:
        return self("--data-dir", folder, *argv, stdin=stdin)

    def json(self, folder: str, *argv: str) -> Any:
        code, out = self.on(folder, *argv)
        assert code == 0, out
        return json.loads(out)

    def add_user(self, url: str, name: str, scope: str) -> None:
        argv = ("server", "user", "add", name, "--role", "advisor", "--scope", scope, "--database-url", url)
        code, out = self(*argv, stdin=PASSWORD + "\n")
        assert code == 0, out

    def login(self, folder: str, address: str, user: str, password: str = PASSWORD) -> tuple[int, str]:
        return self.on(folder, "login", "--server", address, "--user", user, stdin=password + "\n")


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(monkeypatch, capsys)


@pytest.mark.parametrize("kind", DATABASES)
def test_end_to_end_through_uvicorn_and_the_command_line(
    kind: str, tmp_path: Path, memory_keyring: MemoryKeyring, cli: Cli
) -> None:
    with server_database(kind, tmp_path) as db:
        for user in ("ann", "bob"):
            cli.add_user(db.url, user, "commune:21004")
        ann, bob = str(tmp_path / "ann"), str(tmp_path / "bob")
        number = enterprise_number(7)
        with live_server(db.url, tmp_path / "server.log") as server:
            address = server.address
            assert cli.login(ann, address, "ann")[0] == 0
            code, out = cli.login(bob, address, "bob", "wrong password")
            assert code == 1 and "Wrong user name or password" in out
            assert cli.login(bob, address, "bob")[0] == 0
            added = cli.on(
                ann, "enterprise", "add", "--number", number, "--name", "Café Nouveau", "--postal-code", "1000"
            )
            assert added[0] == 0, added[1]
            assert cli.json(ann, "sync", "--status", "--json")["outbox_size"] == 1
            code, out = cli.on(ann, "sync")
            assert code == 0 and "Changes sent: 1;" in out, out
            assert cli.on(bob, "sync")[0] == 0
            assert cli.json(bob, "enterprise", "show", number, "--json")["name"] == "Café Nouveau"
            assert cli.on(ann, "enterprise", "set", number, "--name", "Café d'Ann")[0] == 0
            assert cli.on(bob, "enterprise", "set", number, "--name", "Café de Bob")[0] == 0
            cli.on(ann, "sync")
            assert "New conflicts to decide: 1" in cli.on(bob, "sync")[1]
        # the server process restarts at the same address; the laptops carry on
        with live_server(db.url, tmp_path / "server.log", port=int(address.rsplit(":", 1)[1])):
            cli.on(ann, "sync")
            [conflict] = cli.json(ann, "conflicts", "list", "--json")
            assert conflict["field"] == "name" and conflict["authors"]["mine"] == "bob"
            decided = cli.on(
                ann, "conflicts", "resolve", conflict["id"], "--keep", "value", "--value", "Café d'Ann et Bob"
            )
            assert decided[0] == 0, decided[1]
            cli.on(ann, "sync")
            cli.on(bob, "sync")
            assert cli.json(bob, "enterprise", "show", number, "--json")["name"] == "Café d'Ann et Bob"
            assert cli.json(bob, "conflicts", "list", "--json") == []
            code, out = cli.on(bob, "sync", "--status")
            assert "0 changes waiting to be sent" in out and "scope commune:21004: last pull" in out
            assert cli.on(bob, "logout")[0] == 0
            code, out = cli.on(bob, "sync")
            assert code == 1 and "Log in" in out
        entries = [
            json.loads(line) for line in (tmp_path / "server.log").read_text().splitlines() if line.startswith("{")
        ]
        assert any(e.get("path") == "/sync/v1/push" and e.get("status") == 200 for e in entries)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from hubdesk.services import sync
    from hubdesk.services.workspace import Workspace
    from hubdesk.store import sync_port

    folder, address, password = sys.argv[1], sys.argv[2], sys.argv[3]
    real, calls = sync_port.meta_set, [0]

    def meta_set(*args, **kwargs):
        calls[0] += 1
        if calls[0] == 5:  # half-way through applying the page
            os.kill(os.getpid(), signal.SIGKILL)
        real(*args, **kwargs)

    sync_port.meta_set = meta_set
    ws = Workspace.open(Path(folder))
    credentials = sync.Credentials()
    sync.login(ws, address, "bob", password, credentials, session_only=True)
    sync.sync(ws, credentials, options={"pull_limit": 10})
    """
)


def test_client_killed_with_sigkill_mid_apply_resumes_on_the_same_file(
    tmp_path: Path, memory_keyring: MemoryKeyring, cli: Cli
) -> None:
    with server_database("sqlite", tmp_path) as db:
        for user in ("ann", "bob"):
            cli.add_user(db.url, user, "commune:21004")
        ann, bob = str(tmp_path / "ann"), str(tmp_path / "bob")
        with live_server(db.url, tmp_path / "server.log") as server:
            address = server.address
            cli.login(ann, address, "ann")
            with Workspace.open(Path(ann)) as ws:
                install_outbox(ws)
                for index in range(12):
                    values = {"number": enterprise_number(index), "name": f"Atelier {index}", "postal_code": "1000"}
                    records.add_enterprise(ws, values)
            cli.on(ann, "sync")
            cli.login(bob, address, "bob")
            cli.on(bob, "sync")  # Bob's first sync: a snapshot
            with Workspace.open(Path(ann)) as ws:
                install_outbox(ws)
                for index in range(12):
                    records.update_enterprise(ws, enterprise_number(index), {"name": f"Atelier {index} (bis)"})
            cli.on(ann, "sync")
            killed = subprocess.run(
                [sys.executable, "-c", KILLER, bob, address, PASSWORD], capture_output=True, timeout=120
            )
            assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
            database = sqlite3.connect(Path(bob) / "hubdesk.sqlite")
            assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            names = [name for (name,) in database.execute("SELECT name FROM enterprise ORDER BY name")]
            database.close()
            assert len(names) == 12 and not any(name.endswith("(bis)") for name in names)  # the page rolled back
            # The killed process had logged in for its session only: log in again, sync on the same file.
            cli.login(bob, address, "bob")
            code, out = cli.on(bob, "sync")
            assert code == 0, out
            rows = cli.json(bob, "enterprise", "list", "--json")
            assert sorted(row["name"] for row in rows) == sorted(f"Atelier {i} (bis)" for i in range(12))


def test_without_a_keyring_the_command_line_logs_in_for_one_run(tmp_path: Path, cli: Cli) -> None:
    """`hubdesk login` refuses to keep the token and says how to go on; `sync --ask-password` then works."""
    import keyring
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with server_database("sqlite", tmp_path) as db:
            cli.add_user(db.url, "ann", "commune:21004")
            ann = str(tmp_path / "ann")
            with live_server(db.url, tmp_path / "server.log") as server:
                code, out = cli.login(ann, server.address, "ann")
                assert code == 1 and "hubdesk sync --ask-password" in out
                code, out = cli.on(ann, "sync", "--ask-password", stdin=PASSWORD + "\n")
                assert code == 0, out
                assert "Changes sent: 0" in out
    finally:
        keyring.set_keyring(previous)
