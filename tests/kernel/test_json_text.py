"""Compact JSON text: what Python's json writes, by orjson or, where orjson refuses or differs, by json."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hubdesk.kernel.jsonable import compact_json


def _stdlib(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.parametrize(
    "value",
    [
        {"name": "Café « Le Coin » 東京", "phone": "+32 2 123", "n": 3, "x": 1.5, "ok": True, "none": None},
        {"address": {"street": 'a "b" \\ c\n', "commune_nis": "21004"}, "tags": ["x", "y"]},
        ["all", "advisor:ann", "commune:21004"],
        {"*": 1, "phone": 2**40},
        2**70,  # beyond 64 bits: orjson refuses, json writes it
        {"bad": "\ud800"},  # a lone surrogate
        {"x": [float("nan"), float("inf")], "y": None},  # orjson would write null
    ],
)
def test_compact_json_writes_what_json_writes(value: Any) -> None:
    text = compact_json(value)
    assert text == _stdlib(value)


def test_compact_json_keeps_integer_keys_as_json_does() -> None:
    assert compact_json({1: "a"}) == _stdlib({1: "a"})
