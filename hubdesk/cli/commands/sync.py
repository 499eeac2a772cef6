"""Sync commands: login, logout, sync (with progress, --status), conflicts list and resolve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hubdesk.kernel.errors import Interrupted
from hubdesk.kernel.i18n import _, ngettext
from hubdesk.kernel.jobs import Reporter


def _workspace(args: argparse.Namespace) -> Any:
    from hubdesk.services.workspace import Workspace

    return Workspace.open(Path(args.data_dir) if args.data_dir else None)


def _print_json(value: Any) -> None:
    from hubdesk.services.serialize import as_json

    json.dump(as_json(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_login(args: argparse.Namespace) -> int:
    from hubdesk.services import sync

    password = sync.password_from(sys.stdin)
    with _workspace(args) as ws:
        result = sync.login(ws, args.server, args.user, password, sync.Credentials(), session_only=args.session_only)
    if result.remembered:
        print(
            _("Logged in to {server} as {user}; the login is kept in the system keyring.").format(
                server=result.server_url, user=result.user
            )
        )
    else:
        print(
            _("Logged in to {server} as {user} for this session only.").format(
                server=result.server_url, user=result.user
            )
        )
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    from hubdesk.services import sync

    with _workspace(args) as ws:
        sync.logout(ws, sync.Credentials())
    print(_("Logged out."))
    return 0


def _print_status(status: Any) -> None:
    if status.server_url:
        print(_("Server: {server} ({user})").format(server=status.server_url, user=status.user or "?"))
    else:
        print(_("Not connected to a server (hubdesk login)."))
    line = ngettext("{count} change waiting to be sent", "{count} changes waiting to be sent", status.outbox_size)
    if status.oldest_unsent_age_seconds is not None:
        hours = status.oldest_unsent_age_seconds / 3600
        line += " " + _("(oldest {hours:.1f} h ago)").format(hours=hours)
    print(line.format(count=status.outbox_size))
    print(
        _("Last sync: {when}").format(
            when=status.last_sync.isoformat(timespec="seconds") if status.last_sync else _("never")
        )
    )
    for scope in status.scopes:
        when = scope.last_pull.isoformat(timespec="seconds") if scope.last_pull else _("never")
        check = _("verified") if scope.verified else _("not verified yet")
        print(_("  scope {scope}: last pull {when}, {check}").format(scope=scope.name, when=when, check=check))
    print(_("Open conflicts: {count}").format(count=status.open_conflicts))
    print(_("Refused changes: {count}").format(count=status.rejected))
    for warning in status.warnings:
        print(_("Warning: {message}").format(message=warning))


def cmd_sync(args: argparse.Namespace) -> int:
    from hubdesk.cli.progress import ProgressBar
    from hubdesk.services import sync

    credentials = sync.Credentials()
    with _workspace(args) as ws:
        if args.status:
            status = sync.status(ws, credentials)
            if args.json:
                _print_json(status)
            else:
                _print_status(status)
            return 0
        if args.ask_password:
            if not ws.settings.server_url or not ws.settings.user:
                print(_("Log in once with hubdesk login --server URL --user NAME."), file=sys.stderr)
                return 2
            password = sync.password_from(sys.stdin)
            sync.login(ws, ws.settings.server_url, ws.settings.user, password, credentials, session_only=True)
        bar = ProgressBar(_("Syncing"))
        try:
            result = sync.sync(ws, credentials, reporter=Reporter(bar))
        except (KeyboardInterrupt, Interrupted):
            bar.finish()
            print(_("Sync interrupted; run hubdesk sync again to resume where it stopped."), file=sys.stderr)
            return 130
        bar.finish()
    if args.json:
        _print_json(result)
        return 0
    sent = sum(result.pushed.values())
    print(_("Changes sent: {sent}; received: {received}.").format(sent=sent, received=result.pulled))
    if result.new_conflicts:
        print(_("New conflicts to decide: {count} (hubdesk conflicts list).").format(count=result.new_conflicts))
    if result.rejected:
        print(_("Changes refused by the server: {count} (hubdesk conflicts list).").format(count=result.rejected))
    for warning in result.warnings:
        print(_("Warning: {message}").format(message=warning))
    return 0


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    from hubdesk.services import sync

    with _workspace(args) as ws:
        views = sync.list_conflicts(ws, include_resolved=args.all)
    if args.json:
        _print_json(views)
        return 0
    if not views:
        print(_("No conflicts."))
        return 0
    for view in views:
        if view.kind == "rejected":
            print(
                _("{id}  refused  {label}  {field}: {message}").format(
                    id=view.id, label=view.record_label, field=view.field_label, message=view.message
                )
            )
            print("    " + _("yours: {mine}").format(mine=_value(view.mine)))
            continue
        print(_("{id}  {label}  {field}").format(id=view.id, label=view.record_label, field=view.field_label))
        print("    " + _("mine ({who}): {value}").format(who=view.authors.get("mine", "?"), value=_value(view.mine)))
        print(
            "    " + _("theirs ({who}): {value}").format(who=view.authors.get("theirs", "?"), value=_value(view.theirs))
        )
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from hubdesk.services import sync

    with _workspace(args) as ws:
        sync.resolve_conflict(ws, args.id, args.keep, args.value)
    print(_("Resolved; the decision goes to the server with the next sync."))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = subparsers.add_parser("login", help=_("log this computer in to the sync server"))
    login.add_argument("--server", required=True, metavar="URL", help=_("server address, e.g. https://sync.example"))
    login.add_argument("--user", required=True, metavar="NAME")
    login.add_argument(
        "--session-only",
        action="store_true",
        help=_("keep the login in memory for this run only (when there is no system keyring)"),
    )
    login.set_defaults(handler=cmd_login)

    logout = subparsers.add_parser("logout", help=_("forget the login on this computer"))
    logout.set_defaults(handler=cmd_logout)

    sync = subparsers.add_parser("sync", help=_("send your changes and receive your colleagues'"))
    sync.add_argument("--status", action="store_true", help=_("show what waits to be sent and the last pulls"))
    sync.add_argument("--json", action="store_true", help=_("print JSON with the domain's field names"))
    sync.add_argument(
        "--ask-password",
        action="store_true",
        help=_("log in for this run only (password from standard input) when no keyring keeps it"),
    )
    sync.set_defaults(handler=cmd_sync)

    conflicts = subparsers.add_parser("conflicts", help=_("list and decide sync conflicts"))
    actions = conflicts.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list open conflicts and refused changes"))
    listing.add_argument("--json", action="store_true", help=_("print JSON with the domain's field names"))
    listing.add_argument("--all", action="store_true", help=_("include resolved conflicts"))
    listing.set_defaults(handler=cmd_conflicts_list)
    resolve = actions.add_parser("resolve", help=_("decide a conflict"))
    resolve.add_argument("id", metavar="ID")
    resolve.add_argument("--keep", required=True, choices=("mine", "theirs", "value"))
    resolve.add_argument("--value", metavar="TEXT", help=_("the value to keep with --keep value (JSON or text)"))
    resolve.set_defaults(handler=cmd_conflicts_resolve)
