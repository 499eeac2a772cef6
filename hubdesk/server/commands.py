"""`hubdesk server ...`: run the server, manage accounts, publish forms and reference data, upkeep.

Registered into the `hubdesk` command line by `hubdesk.cli.commands.server` when the
server extra is installed. Every subcommand takes `--database-url` (SQLite file by
default, or `postgresql+psycopg://...`).
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_, _
from hubdesk.kernel.paths import default_data_dir
from hubdesk.server.database import ServerDatabase, default_database_url

DATABASE_ENV = "HUBDESK_SERVER_DATABASE_URL"


def database_url(args: argparse.Namespace) -> str:
    url = getattr(args, "database_url", None) or os.environ.get(DATABASE_ENV)
    if url:
        return str(url)
    folder = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir() / "server"
    return default_database_url(folder)


def _database(args: argparse.Namespace) -> ServerDatabase:
    db = ServerDatabase(database_url(args))
    db.migrate()
    return db


def _password(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def cmd_run(args: argparse.Namespace) -> int:
    from hubdesk.server.app import create_app
    from hubdesk.server.config import ServerConfig
    from hubdesk.server.logs import configure_logging
    from hubdesk.server.serving import serve

    configure_logging(args.log_level)
    db = _database(args)
    config = ServerConfig(max_offline_days=args.max_offline_days, min_app_version=args.min_app_version)
    workers = max(1, int(args.workers))
    db.close()  # each worker opens its own connections (a pooled connection must not cross a fork)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # IPPROTO_TCP spelled out: asyncio turns Nagle off only on sockets that say so, and with Nagle on
    # every answer on a kept-alive connection waits ~40 ms for the client's delayed ACK.
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(2048)
    host, port = listener.getsockname()[:2]
    print(
        _("HubDesk server listening on http://{host}:{port} ({database})").format(
            host=host, port=port, database=db.safe_url
        ),
        flush=True,
    )
    serve(lambda: create_app(db, config), listener, workers)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    db = _database(args)
    print(_("The server database is at revision {revision}.").format(revision=db.revision()))
    return 0


def _accounts(args: argparse.Namespace) -> Any:
    from hubdesk.server.auth import Accounts
    from hubdesk.server.config import ServerConfig

    return Accounts(_database(args), ServerConfig())


def cmd_user_add(args: argparse.Namespace) -> int:
    password = _password(_("Password: "))
    user = _accounts(args).add_user(args.name, password, args.role, args.scope or [])
    print(
        _("User {name} added ({role}; scopes: {scopes}).").format(
            name=user.name, role=user.role, scopes=", ".join(user.scopes) or "-"
        )
    )
    return 0


def cmd_user_scopes(args: argparse.Namespace) -> int:
    user = _accounts(args).set_scopes(args.name, args.scope or [], args.role)
    print(
        _("User {name} now has the role {role} and the scopes {scopes}.").format(
            name=user.name, role=user.role, scopes=", ".join(user.scopes) or "-"
        )
    )
    return 0


def cmd_user_password(args: argparse.Namespace) -> int:
    _accounts(args).set_password(args.name, _password(_("New password: ")))
    print(_("Password of {name} changed.").format(name=args.name))
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    _accounts(args).set_disabled(args.name, not args.enable)
    message = _("User {name} can log in again.") if args.enable else _("User {name} can no longer log in.")
    print(message.format(name=args.name))
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    users = _accounts(args).list_users()
    if args.json:
        rows = [{"name": u.name, "role": u.role, "scopes": list(u.scopes), "disabled": u.disabled} for u in users]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for user in users:
        state = _("disabled") if user.disabled else ""
        print(f"{user.name}\t{user.role}\t{', '.join(user.scopes) or '-'}\t{state}".rstrip())
    return 0


def _read_json(path: Path) -> tuple[str, Any]:
    try:
        content = path.read_text(encoding="utf-8")
        return content, json.loads(content)
    except (OSError, ValueError) as error:
        raise ValidationError(
            N_("The file {path} cannot be read as JSON: {reason}"), field="file", path=str(path), reason=str(error)
        ) from error


def cmd_forms_publish(args: argparse.Namespace) -> int:
    from hubdesk.forms.definition import definition_from_dict
    from hubdesk.server.config import ServerConfig
    from hubdesk.server.pull import publish

    content, data = _read_json(Path(args.file))
    definition = definition_from_dict(data)  # the same checks the clients apply
    name = f"{definition.form_id}/v{definition.version}.json"
    item = publish(_database(args), ServerConfig(), "form", name, content, str(definition.version), definition.form_id)
    print(
        _("Form {form_id} version {version} published; clients receive it on their next sync.").format(
            form_id=definition.form_id, version=item.version
        )
    )
    return 0


def cmd_reference_publish(args: argparse.Namespace) -> int:
    from hubdesk.server.config import ServerConfig
    from hubdesk.server.pull import publish

    path = Path(args.file)
    content, data = _read_json(path)
    if not isinstance(data, dict) or "communes" not in data:
        raise ValidationError(N_("The file {path} is not HubDesk reference data."), field="file", path=str(path))
    version = str((data.get("_meta") or {}).get("version") or hashlib.sha256(content.encode()).hexdigest()[:12])
    publish(_database(args), ServerConfig(), "reference", path.name, content, version, None)
    print(_("Reference data {name} published; clients receive it on their next sync.").format(name=path.name))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from hubdesk.server.config import ServerConfig
    from hubdesk.server.pull import purge

    counts = purge(_database(args), ServerConfig(max_offline_days=args.max_offline_days))
    print(
        _("Purged {log} log rows, {tombstones} deleted records and {snapshots} old snapshots.").format(
            log=counts.get("log", 0), tombstones=counts.get("tombstones", 0), snapshots=counts.get("snapshots", 0)
        )
    )
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    from hubdesk.server.pull import new_epoch

    epoch = new_epoch(_database(args))
    print(
        _("New server epoch {epoch}: every client downloads its scopes again and resends what it holds.").format(
            epoch=epoch
        )
    )
    return 0


def _database_option(parser: argparse.ArgumentParser, default: Any = argparse.SUPPRESS) -> None:
    parser.add_argument(
        "--database-url",
        metavar="URL",
        default=default,
        help=_("server database (default: a SQLite file; or postgresql+psycopg://user@host/db)"),
    )


RUN_DEFAULTS: dict[str, Any] = {
    "host": "127.0.0.1",
    "port": 8765,
    "log_level": "info",
    "min_app_version": "0.1.0",
    "max_offline_days": 60,
    "workers": 1,
}


def _run_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """Options of `run`, also accepted before it (`hubdesk server --port 9000`)."""

    def default(name: str) -> Any:
        return RUN_DEFAULTS[name] if defaults else argparse.SUPPRESS

    parser.add_argument("--host", default=default("host"), help=_("address to listen on"))
    parser.add_argument("--port", type=int, default=default("port"), help=_("port to listen on (0: any free port)"))
    parser.add_argument("--log-level", default=default("log_level"), choices=("debug", "info", "warning", "error"))
    parser.add_argument("--min-app-version", default=default("min_app_version"), metavar="VERSION")
    parser.add_argument("--max-offline-days", type=int, default=default("max_offline_days"), metavar="DAYS")
    parser.add_argument(
        "--workers",
        type=int,
        default=default("workers"),
        metavar="N",
        help=_("server processes sharing the port (one core each; default 1)"),
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = subparsers.add_parser("server", help=_("run and manage the central sync server"))
    _database_option(server, default=None)
    _run_options(server, defaults=True)
    server.set_defaults(handler=cmd_run)
    actions = server.add_subparsers(dest="server_action", metavar="ACTION")

    run = actions.add_parser("run", help=_("serve the sync API (the default)"))
    _database_option(run)
    _run_options(run, defaults=False)
    run.set_defaults(handler=cmd_run)

    migrate = actions.add_parser("migrate", help=_("create or upgrade the server database"))
    _database_option(migrate)
    migrate.set_defaults(handler=cmd_migrate)

    user = actions.add_parser("user", help=_("manage accounts"))
    user_actions = user.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    add = user_actions.add_parser("add", help=_("add an account (password from standard input)"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("advisor", "teamlead", "attache", "admin"))
    add.add_argument("--scope", action="append", metavar="SCOPE", help=_("commune:NIS, team:NAME or post:CITY"))
    _database_option(add)
    add.set_defaults(handler=cmd_user_add)
    scopes = user_actions.add_parser("scopes", help=_("replace an account's scopes (and role)"))
    scopes.add_argument("name")
    scopes.add_argument("--scope", action="append", metavar="SCOPE")
    scopes.add_argument("--role", choices=("advisor", "teamlead", "attache", "admin"))
    _database_option(scopes)
    scopes.set_defaults(handler=cmd_user_scopes)
    password = user_actions.add_parser("password", help=_("set an account's password (from standard input)"))
    password.add_argument("name")
    _database_option(password)
    password.set_defaults(handler=cmd_user_password)
    disable = user_actions.add_parser("disable", help=_("stop an account from logging in"))
    disable.add_argument("name")
    disable.add_argument("--enable", action="store_true", help=_("allow it again"))
    _database_option(disable)
    disable.set_defaults(handler=cmd_user_disable)
    listing = user_actions.add_parser("list", help=_("list accounts"))
    listing.add_argument("--json", action="store_true")
    _database_option(listing)
    listing.set_defaults(handler=cmd_user_list)

    forms = actions.add_parser("forms", help=_("publish form definitions"))
    forms_actions = forms.add_subparsers(dest="forms_action", metavar="ACTION", required=True)
    publish_form = forms_actions.add_parser("publish", help=_("publish a form definition file to every client"))
    publish_form.add_argument("file")
    _database_option(publish_form)
    publish_form.set_defaults(handler=cmd_forms_publish)

    reference = actions.add_parser("reference", help=_("publish reference data"))
    reference_actions = reference.add_subparsers(dest="reference_action", metavar="ACTION", required=True)
    publish_reference = reference_actions.add_parser("publish", help=_("publish a reference data file to every client"))
    publish_reference.add_argument("file")
    _database_option(publish_reference)
    publish_reference.set_defaults(handler=cmd_reference_publish)

    purge = actions.add_parser("purge", help=_("drop tombstones and log rows older than the offline period"))
    _database_option(purge)
    purge.set_defaults(handler=cmd_purge)

    epoch = actions.add_parser("new-epoch", help=_("after restoring a backup: make every client download again"))
    _database_option(epoch)
    epoch.set_defaults(handler=cmd_new_epoch)
