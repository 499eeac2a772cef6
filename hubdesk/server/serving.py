"""Serving the app on a bound socket: in this process, or in several forked worker processes.

Python runs one thread of a process at a time, so a busy server uses one core per process.
Workers share the listening socket (the kernel hands each connection to one of them) and
nothing else: the app keeps no state in memory that another process needs, so each worker
builds its own app, database pool and token key after the fork.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
from collections.abc import Callable
from typing import Any

log = logging.getLogger("hubdesk.server")


def serve(make_app: Callable[[], Any], listener: socket.socket, workers: int = 1) -> None:
    """Serve until SIGTERM or SIGINT; with `workers` > 1 (where the OS can fork), in that many processes."""
    if workers <= 1 or not hasattr(os, "fork"):
        _serve_here(make_app, listener)
        return
    children: list[int] = []

    def forward(signum: int, _frame: Any) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signum)

    # Installed before the first fork, so a stop that comes while workers start reaches them.
    previous = {signum: signal.signal(signum, forward) for signum in (signal.SIGTERM, signal.SIGINT)}
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: serve, then leave without running the parent's clean-up
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            code = 0
            try:
                _serve_here(make_app, listener)
            except BaseException:
                log.exception("server worker failed")
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    log.info("serving", extra={"workers": workers, "pids": children})
    for child in children:
        os.waitpid(child, 0)


def _serve_here(make_app: Callable[[], Any], listener: socket.socket) -> None:
    import uvicorn

    config = uvicorn.Config(make_app(), log_config=None, access_log=False, timeout_keep_alive=30)
    # What is alive now (modules, the app, its schemas: most of the heap) lives as long as the
    # process: frozen, it is no longer walked by every full garbage collection. A push of 500
    # mutations met one that took 110 ms; with the start-up objects frozen, collections cost
    # half as much.
    gc.freeze()
    uvicorn.Server(config).run(sockets=[listener])
