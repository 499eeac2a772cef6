"""`hubdesk server ...` through the real command line: migrate, accounts, publishing, upkeep."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from syncsupport import postgres_schema_url, require_postgres

from hubdesk.cli.main import main
from hubdesk.kernel.paths import resources_dir
from hubdesk.server.database import ServerDatabase
from hubdesk.server.pull import list_published


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def test_accounts_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'srv.sqlite'}"
    assert _run(["server", "migrate", "--database-url", url], monkeypatch) == 0
    assert "0001_server_initial" in capsys.readouterr().out
    argv = ["server", "user", "add", "ann", "--role", "advisor", "--scope", "commune:21004", "--scope", "team:north"]
    assert _run([*argv, "--database-url", url], monkeypatch, "a long password\n") == 0
    assert "ann" in capsys.readouterr().out
    assert _run([*argv, "--database-url", url], monkeypatch, "a long password\n") == 2  # exists already
    assert "already exists" in capsys.readouterr().err
    assert (
        _run(
            ["server", "user", "add", "bob", "--role", "advisor", "--scope", "nowhere", "--database-url", url],
            monkeypatch,
            "a long password\n",
        )
        == 2
    )
    assert (
        _run(
            ["server", "user", "scopes", "ann", "--scope", "post:Tokyo", "--role", "attache", "--database-url", url],
            monkeypatch,
        )
        == 0
    )
    capsys.readouterr()
    assert _run(["server", "user", "list", "--json", "--database-url", url], monkeypatch) == 0
    [ann] = json.loads(capsys.readouterr().out)
    assert ann == {"name": "ann", "role": "attache", "scopes": ["post:Tokyo"], "disabled": False}
    assert _run(["server", "user", "disable", "ann", "--database-url", url], monkeypatch) == 0


def test_published_form_is_checked_and_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'srv.sqlite'}"
    shipped = sorted((resources_dir() / "forms").glob("*/v1.json"))[0]
    assert _run(["server", "forms", "publish", str(shipped), "--database-url", url], monkeypatch) == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"form_id": "x"}', encoding="utf-8")
    assert _run(["server", "forms", "publish", str(bad), "--database-url", url], monkeypatch) == 2
    reference = resources_dir() / "reference" / "brussels.json"
    assert _run(["server", "reference", "publish", str(reference), "--database-url", url], monkeypatch) == 0
    items = list_published(ServerDatabase(url), 0).items
    assert [(item.kind, item.name) for item in items] == [
        ("form", f"{shipped.parent.name}/v1.json"),
        ("reference", "brussels.json"),
    ]
    assert items[0].content == shipped.read_text(encoding="utf-8")
    capsys.readouterr()
    assert _run(["server", "purge", "--database-url", url], monkeypatch) == 0
    assert _run(["server", "new-epoch", "--database-url", url], monkeypatch) == 0
    assert "epoch" in capsys.readouterr().out


@pytest.mark.postgres
def test_commands_take_a_postgresql_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_postgres()
    from sqlalchemy import create_engine, text
    from syncsupport import POSTGRES_URL

    schema = "hd_cli_" + tmp_path.name[-8:].replace("-", "_").lower()
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = postgres_schema_url(schema)
        assert (
            _run(
                ["server", "user", "add", "pia", "--role", "admin", "--database-url", url],
                monkeypatch,
                "a long password\n",
            )
            == 0
        )
        assert ServerDatabase(url).revision() == "0001_server_initial"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
