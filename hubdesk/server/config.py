"""Server settings: offline period, token lifetimes, minimum app version, login throttling, clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class ServerConfig:
    max_offline_days: int = 60  # tombstones and cursors live at least this long
    access_token_seconds: int = 15 * 60
    refresh_grace_days: int = 30  # a refresh token outlives the offline period by this much
    min_app_version: str = "0.1.0"  # older clients may still upload, but not download
    snapshot_reuse_seconds: int = 600
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    login_lock_seconds: int = 5 * 60
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    # Threads per process for the blocking work of requests. Few: a push holds the change-log
    # counter until it commits, and among dozens of threads waiting for the interpreter lock it
    # waited its turn between every statement (100 clients at once: p99 7.9 s with 40, 1.7 s with 4).
    request_threads: int = 4
    clock: Callable[[], int] = field(default=wall_ms)  # milliseconds since the epoch

    @property
    def refresh_token_ms(self) -> int:
        return (self.max_offline_days + self.refresh_grace_days) * 86_400_000

    @property
    def max_offline_ms(self) -> int:
        return self.max_offline_days * 86_400_000


def version_tuple(version: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in version.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)
