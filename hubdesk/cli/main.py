"""The `hubdesk` command: parses arguments and dispatches to one module per command group."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol

from hubdesk import __version__
from hubdesk.kernel.errors import HubDeskError
from hubdesk.kernel.i18n import LANGUAGES, _, set_language

# Each module exposes `register(subparsers)`; a parsed command carries its handler in
# `args.handler(args) -> int`. Listed explicitly so the PyInstaller bundle finds them.
COMMAND_MODULES: tuple[str, ...] = (
    "hubdesk.cli.commands.workspace",
    "hubdesk.cli.commands.forms",
    "hubdesk.cli.commands.dossier",
    "hubdesk.cli.commands.sync",
    "hubdesk.cli.commands.server",
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2  # bad input: nothing was written


class _Registrar(Protocol):
    def register(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hubdesk",
        description=_("HubDesk: the offline-first workstation of hub.brussels advisors."),
    )
    parser.add_argument("--version", action="version", version=f"HubDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("workspace folder (default: $HUBDESK_DATA_DIR or the user data folder)"),
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages"))
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("open the window offscreen, exercise the main screens and exit"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        try:
            module: _Registrar = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers)
    return parser


def apply_language(argv: Sequence[str]) -> None:
    """Use `--lang`, else the workspace setting, for every message of this run."""
    language = _language_from_argv(argv)
    if not language:
        from hubdesk.cli.settings import language_from_workspace

        language = language_from_workspace(argv)
    set_language(language)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 failure, 2 bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    apply_language(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        handler = args.handler
        return int(handler(args))
    except HubDeskError as error:
        print(_("Error: {message}").format(message=error), file=sys.stderr)
        bad_input = {"invalid", "invalid_transition", "not_found", "conflict"}
        return EXIT_USAGE if error.code in bad_input else EXIT_ERROR
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return 130
