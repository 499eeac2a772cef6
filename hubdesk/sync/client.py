"""The sync engine's HTTP side: requests with retry, backoff and jitter, token refresh, resumable downloads.

Every request the engine makes is idempotent, so a timeout, a dropped connection or a
5xx answer simply repeats it after a growing, jittered pause (the pause function is
injected: tests never sleep). A 401 refreshes the access token once. Downloads resume
from the bytes already on disk with an HTTP range.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import httpx

from hubdesk.kernel.errors import HubDeskError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.jobs import NULL_REPORTER, Reporter

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class SyncError(HubDeskError):
    """The sync could not finish; what was done stays done and the next sync resumes."""

    code = "sync"


class ServerUnreachable(SyncError):
    code = "unreachable"


class LoginRequired(SyncError):
    code = "login_required"


class ServerRefused(SyncError):
    """The server answered with an error (its message, in this device's language)."""

    def __init__(self, msgid: str, status: int, code: str = "refused", **params: Any) -> None:
        super().__init__(msgid, **params)
        self.status = status
        self.code = code


class TokenSource(Protocol):
    def access_token(self, refresh: bool = False) -> str:
        """A valid access token (a new one when `refresh`); raises LoginRequired when impossible."""
        ...


def _refusal(response: httpx.Response) -> ServerRefused:
    try:
        error = response.json().get("error") or {}
    except ValueError:
        error = {}
    msgid = error.get("msgid") or error.get("message")
    params = {k: v for k, v in (error.get("params") or {}).items() if isinstance(k, str)}
    if not msgid:
        return ServerRefused(
            N_("The server refused the request (HTTP {status})."),
            response.status_code,
            status_code=response.status_code,
        )
    if response.status_code == 401:
        return ServerRefused(msgid, 401, "login_required", **params)
    return ServerRefused(msgid, response.status_code, str(error.get("code") or "refused"), **params)


class Api:
    """Calls to one sync server on behalf of one device."""

    def __init__(
        self,
        http: httpx.Client,
        tokens: TokenSource | None,
        device_id: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        attempts: int = 6,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        rng: random.Random | None = None,
        language: str = "en",
    ) -> None:
        self.http = http
        self.tokens = tokens
        self.device_id = device_id
        self.sleep = sleep
        self.attempts = attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.rng = rng or random.Random()
        self.language = language
        self.bytes_up = 0
        self.bytes_down = 0
        self.reporter: Reporter = NULL_REPORTER
        self._token: str | None = None

    def _headers(self, auth: bool, extra: Mapping[str, str] | None) -> dict[str, str]:
        headers = {"Accept-Language": self.language, "X-HubDesk-Device": self.device_id}
        if auth:
            if self.tokens is None:
                raise LoginRequired(N_("Log in to the server first (hubdesk login)."))
            if self._token is None:
                self._token = self.tokens.access_token()
            headers["Authorization"] = f"Bearer {self._token}"
        if extra:
            headers.update(extra)
        return headers

    def backoff(self, attempt: int) -> float:
        delay = min(self.max_delay, self.base_delay * float(2**attempt))
        return float(delay * (0.5 + self.rng.random() / 2))

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        accept: frozenset[int] = frozenset(),
    ) -> httpx.Response:
        """Send until a definite answer: 2xx (or a status in `accept`) is returned, others raise."""
        refreshed = False
        last_error: Exception | None = None
        for attempt in range(self.attempts):
            self.reporter.check()
            try:
                request = self.http.build_request(
                    method, path, json=json, params=params, content=content, headers=self._headers(auth, headers)
                )
                self.bytes_up += len(request.content or b"")
                response = self.http.send(request)
                self.bytes_down += response.num_bytes_downloaded
            except httpx.TransportError as error:
                last_error = error
                self.sleep(self.backoff(attempt))
                continue
            if response.status_code == 401 and auth and not refreshed and self.tokens is not None:
                refreshed = True
                self._token = self.tokens.access_token(refresh=True)
                continue
            if response.status_code in RETRY_STATUS and response.status_code not in accept:
                last_error = _refusal(response)
                retry_after = response.headers.get("retry-after")
                pause = float(retry_after) if retry_after and retry_after.isdigit() else self.backoff(attempt)
                self.sleep(min(pause, self.max_delay))
                continue
            if response.is_success or response.status_code in accept:
                return response
            raise _refusal(response)
        if isinstance(last_error, ServerRefused):
            raise last_error
        raise ServerUnreachable(
            N_("The server {url} cannot be reached ({reason}); your changes stay queued."),
            url=str(self.http.base_url),
            reason=type(last_error).__name__ if last_error else "?",
        )

    @contextmanager
    def stream(self, path: str, params: Mapping[str, Any]) -> Iterator[Iterator[bytes]]:
        """GET `path` and give its body's bytes as they arrive. One attempt, no retry: a caller
        streams only where it has another way (a refusal or a cut raises)."""
        self.reporter.check()
        try:
            with self.http.stream("GET", path, params=params, headers=self._headers(True, None)) as response:
                if not response.is_success:
                    response.read()
                    raise _refusal(response)
                try:
                    yield response.iter_bytes()
                finally:
                    self.bytes_down += response.num_bytes_downloaded
        except httpx.HTTPError as error:
            raise ServerUnreachable(
                N_("The server {url} cannot be reached ({reason}); your changes stay queued."),
                url=str(self.http.base_url),
                reason=type(error).__name__,
            ) from error

    def download(self, path: str, target: Path, size: int, sha256: str, chunk: int = 1 << 20) -> None:
        """Fetch `path` into `target`, resuming from the bytes already there; checks the hash."""
        target.parent.mkdir(parents=True, exist_ok=True)
        for _round in range(self.attempts):
            have = target.stat().st_size if target.exists() else 0
            if have > size:
                target.unlink()
                have = 0
            while have < size:
                end = min(size, have + chunk) - 1
                response = self.request("GET", path, headers={"Range": f"bytes={have}-{end}"})
                data = response.content
                if not data:
                    break
                with target.open("ab") as handle:
                    handle.write(data)
                have += len(data)
                self.reporter.report(have, size)
            digest = hashlib.sha256()
            with target.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            if digest.hexdigest() == sha256:
                return
            target.unlink()
        raise SyncError(N_("The downloaded file does not match its checksum; try again."))
