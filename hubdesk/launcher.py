"""The `hubdesk` program: the window when no command is given, the command line otherwise.

It sits above the faces (GUI and CLI are siblings that must not import each other) and
loads Qt only when the window is asked for.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence


def wants_window(argv: Sequence[str]) -> bool:
    """True when no subcommand is named (only global options such as --data-dir)."""
    if "--self-test" in argv:
        return True
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return False
    options_with_value = {"--data-dir", "--lang"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in options_with_value:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_window(args):
        try:
            gui_app = importlib.import_module("hubdesk.gui.app")
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("hubdesk.gui"):
                raise
            from hubdesk.kernel.i18n import _

            print(_("The desktop window is not available in this build."), file=sys.stderr)
            return 1
        return int(gui_app.run(args))
    from hubdesk.cli.main import main as cli_main

    return cli_main(args)


def entry_point() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
