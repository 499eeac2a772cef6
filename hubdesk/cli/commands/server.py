"""`hubdesk server ...`: the server's own commands, present when the server extra is installed.

The command line and the server are sibling faces that do not import each other; the
server registers its commands here by name, the way `cli.main` loads command modules.
"""

from __future__ import annotations

import argparse
import importlib

SERVER_COMMANDS = "hubdesk.server.commands"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    try:
        module = importlib.import_module(SERVER_COMMANDS)
    except ModuleNotFoundError as error:  # a client-only install (no FastAPI, uvicorn, argon2)
        if error.name and error.name.startswith(("fastapi", "uvicorn", "argon2", "starlette", "psycopg")):
            return
        raise
    module.register(subparsers)
