"""Large JSON answers go out gzip-compressed to clients that accept it; everything else as it is."""

from __future__ import annotations

import asyncio
import gzip
import json

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from hubdesk.server.compression import MINIMUM_SIZE, CompressJson

LARGE = {"changes": [{"id": f"é-{n}", "data": {"name": "Café"}} for n in range(200)]}


async def large(_request: Request) -> Response:
    return JSONResponse(LARGE)


async def small(_request: Request) -> Response:
    return JSONResponse({"ok": True})


async def streamed(_request: Request) -> Response:
    async def parts():  # type: ignore[no-untyped-def]
        yield b"x" * MINIMUM_SIZE
        yield b"y" * MINIMUM_SIZE

    return StreamingResponse(parts(), media_type="application/json")


async def binary(_request: Request) -> Response:
    return Response(b"\0" * 5000, media_type="application/octet-stream")


APP = CompressJson(Starlette(routes=[Route(f"/{f.__name__}", f) for f in (large, small, streamed, binary)]))


def _get(path: str, encoding: str | None) -> httpx.Response:
    async def run() -> httpx.Response:
        headers = {"Accept-Encoding": encoding} if encoding else {"Accept-Encoding": "identity"}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=APP), base_url="http://test") as client:
            response = await client.get(path, headers=headers)
            await response.aread()
            return response

    return asyncio.run(run())


def test_a_large_json_answer_is_gzip_for_a_client_that_accepts_it() -> None:
    response = _get("/large", "gzip, deflate")
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < len(json.dumps(LARGE)) / 4
    assert response.json() == LARGE  # httpx unpacked it
    assert json.loads(gzip.decompress(_raw("/large"))) == LARGE


def _raw(path: str) -> bytes:
    async def run() -> bytes:
        transport = httpx.ASGITransport(app=APP)
        request = httpx.Request("GET", f"http://test{path}", headers={"Accept-Encoding": "gzip"})
        response = await transport.handle_async_request(request)
        return b"".join([part async for part in response.stream])  # type: ignore[union-attr]

    return asyncio.run(run())


def test_other_answers_go_out_as_they_are() -> None:
    assert "content-encoding" not in _get("/large", None).headers  # the client did not ask
    assert "content-encoding" not in _get("/small", "gzip").headers  # too small to gain
    streamed = _get("/streamed", "gzip")
    assert "content-encoding" not in streamed.headers
    assert streamed.content == b"x" * MINIMUM_SIZE + b"y" * MINIMUM_SIZE
    assert "content-encoding" not in _get("/binary", "gzip").headers
