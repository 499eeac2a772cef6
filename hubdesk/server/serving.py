"""Serving the app on a bound socket: in this process, or in several forked worker processes.

Python runs one thread of a process at a time, so a busy server uses one core per process.
With several workers the parent accepts every connection and hands it (its file descriptor,
over a Unix socket pair) to the worker holding the fewest open connections. Left to the
kernel, a shared listening socket split 100 kept-alive clients 40/60 between two workers, and
every client of the busier one waited half as long again (see the README's Decisions).
The workers share nothing else: the app keeps no state in memory that another process needs,
so each worker builds its own app, database pool and token key after the fork.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import selectors
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("hubdesk.server")

OPENED = b"+"  # parent to worker, with one connection's descriptor
CLOSED = b"-"  # worker to parent: one of the connections it was handed has closed


def serve(make_app: Callable[[], Any], listener: socket.socket, workers: int = 1) -> None:
    """Serve until SIGTERM or SIGINT; with `workers` > 1 (where the OS can fork), in that many processes."""
    if workers <= 1 or not hasattr(os, "fork") or not hasattr(socket, "send_fds"):
        _serve_here(make_app, listener=listener)
        return
    pool: list[_Worker] = []
    stopping: list[int] = []

    def forward(signum: int, _frame: Any) -> None:
        stopping.append(signum)
        for worker in pool:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signum)

    # Installed before the first fork, so a stop that comes while workers start reaches them.
    previous = {signum: signal.signal(signum, forward) for signum in (signal.SIGTERM, signal.SIGINT)}
    for _ in range(workers):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # a worker: serve, then leave without running the parent's clean-up
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            listener.close()
            ours.close()
            for sibling in pool:
                sibling.channel.close()
            code = 0
            try:
                _serve_here(make_app, channel=theirs)
            except BaseException:
                log.exception("server worker failed")
                code = 1
            finally:
                os._exit(code)
        theirs.close()
        pool.append(_Worker(pid, ours))
    log.info("serving", extra={"workers": workers, "pids": [worker.pid for worker in pool]})
    _dispatch(listener, pool, stopping)
    for worker in pool:
        os.waitpid(worker.pid, 0)


def _stopped(_signum: int, _frame: Any) -> None:
    """The stop signal, raised again after a clean shutdown: nothing is left to do."""


@dataclass
class _Worker:
    pid: int
    channel: socket.socket
    connections: int = 0
    alive: bool = True


def _dispatch(listener: socket.socket, pool: list[_Worker], stopping: list[int]) -> None:
    """Accept connections and hand each to the least busy worker, until every worker has ended."""
    wake_read, wake_write = socket.socketpair()
    wake_read.setblocking(False)
    wake_write.setblocking(False)
    previous_wakeup = signal.set_wakeup_fd(wake_write.fileno(), warn_on_full_buffer=False)
    listener.setblocking(False)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, None)
    selector.register(wake_read, selectors.EVENT_READ, None)
    for worker in pool:
        selector.register(worker.channel, selectors.EVENT_READ, worker)
    turn = 0
    try:
        while any(worker.alive for worker in pool):
            if stopping and listener.fileno() >= 0:
                selector.unregister(listener)
                listener.close()  # no new connections; the workers finish what they hold
            for key, _events in selector.select():
                worker = key.data
                if key.fileobj is wake_read:
                    with contextlib.suppress(BlockingIOError):
                        wake_read.recv(512)
                elif worker is None:
                    turn = _accept(listener, pool, turn)
                elif isinstance(worker, _Worker):
                    _read_reports(selector, worker)
    finally:
        signal.set_wakeup_fd(previous_wakeup)
        selector.close()
        wake_read.close()
        wake_write.close()


def _accept(listener: socket.socket, pool: list[_Worker], turn: int) -> int:
    """Hand every waiting connection to the live worker with the fewest; ties go round in turn."""
    while True:
        try:
            connection, _address = listener.accept()
        except (BlockingIOError, InterruptedError):
            return turn
        except OSError as error:  # out of descriptors, a connection reset before it was taken
            log.warning("accept failed: %s", error)
            return turn
        with connection:
            while True:
                live = [worker for worker in pool if worker.alive]
                if not live:
                    return turn
                turn += 1
                worker = min(live, key=lambda w: (w.connections, (pool.index(w) - turn) % len(pool)))
                try:
                    socket.send_fds(worker.channel, [OPENED], [connection.fileno()])
                except OSError:  # the worker has gone: the next one takes the connection
                    worker.alive = False
                    continue
                worker.connections += 1
                break


def _read_reports(selector: selectors.BaseSelector, worker: _Worker) -> None:
    try:
        report = worker.channel.recv(4096)
    except (BlockingIOError, InterruptedError):
        return
    except OSError:
        report = b""
    if not report:  # the worker has ended
        worker.alive = False
        selector.unregister(worker.channel)
        worker.channel.close()
        return
    worker.connections = max(0, worker.connections - report.count(CLOSED))


def _serve_here(
    make_app: Callable[[], Any], *, listener: socket.socket | None = None, channel: socket.socket | None = None
) -> None:
    """Serve in this process: on `listener`, or on the connections the parent sends down `channel`."""
    import uvicorn

    config = uvicorn.Config(make_app(), log_config=None, access_log=False, timeout_keep_alive=30)
    # What is alive now (modules, the app, its schemas: most of the heap) lives as long as the
    # process: frozen, it is no longer walked by every full garbage collection. A push of 500
    # mutations met one that took 110 ms; with the start-up objects frozen, collections cost
    # half as much.
    gc.freeze()
    # uvicorn raises the stop signal again once it has shut down, for its default action to end
    # the process (status 143); a server that was asked to stop and stopped cleanly exits with 0.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _stopped)
    if channel is None:
        assert listener is not None
        uvicorn.Server(config).run(sockets=[listener])
    else:
        _handed_server(config, channel).run(sockets=[])


def _handed_server(config: Any, channel: socket.socket) -> Any:
    """uvicorn's server with no listening socket of its own: it serves the connections handed to it."""
    import uvicorn

    class HandedServer(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=[])
            if self.started:
                _take_connections(self, channel)

    return HandedServer(config)


def _take_connections(server: Any, channel: socket.socket) -> None:
    """Serve each connection the parent sends; tell it of each one that closes."""
    loop = asyncio.get_running_loop()
    config = server.config
    base = config.http_protocol_class

    def report_closed() -> None:
        with contextlib.suppress(OSError):  # the parent has gone: nobody is counting
            channel.send(CLOSED)

    class Counted(base):  # type: ignore[misc, valid-type]
        def connection_lost(self, exc: Exception | None) -> None:
            super().connection_lost(exc)
            report_closed()

    def protocol() -> asyncio.Protocol:
        state = server.lifespan.state
        made: asyncio.Protocol = Counted(config=config, server_state=server.server_state, app_state=state)
        return made

    def settled(task: asyncio.Task[Any]) -> None:
        if not task.cancelled() and task.exception() is not None:  # closed before it was served
            report_closed()

    def handed() -> None:
        try:
            message, descriptors, _flags, _address = socket.recv_fds(channel, 64, 64)
        except (BlockingIOError, InterruptedError):
            return
        if not message:  # the parent has gone: finish what is open, then stop
            loop.remove_reader(channel.fileno())
            server.should_exit = True
            return
        for descriptor in descriptors:
            connection = socket.socket(fileno=descriptor)
            # Nagle off: an answer on a kept-alive connection would otherwise wait for the client's delayed ACK.
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection.setblocking(False)
            task = loop.create_task(loop.connect_accepted_socket(protocol, connection))
            task.add_done_callback(settled)

    channel.setblocking(False)
    loop.add_reader(channel.fileno(), handed)
