"""Compact JSON text: what Python's json writes, by orjson or, where orjson refuses or differs, by json."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hubdesk.kernel.jsonable import canonical_json, compact_json


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


def test_compact_json_writes_small_floats_as_decimals_the_same_number() -> None:
    assert compact_json({"rate": 1e-05}) == '{"rate":0.00001}'
    assert json.loads(compact_json({"rate": 1e-05})) == {"rate": 1e-05}


@pytest.mark.parametrize(
    "value",
    [
        {"z": 1, "a": {"y": "é 東京", "b": [3, "x", None, True]}, "m": ""},
        {"fields": {"rate": [1e-05, "h", 0]}, "id": "r"},  # a float: json writes it, as before
        {"when": date(2026, 12, 6), "n": Decimal("1.10")},  # objects json turns into text
        {"big": 2**70},
        {2: "a", 1: "b"},
    ],
)
def test_canonical_json_is_the_text_json_wrote(value: Any) -> None:
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    assert canonical_json(value) == expected


class _Fields(dict[str, Any]):
    pass


def test_compact_json_finds_a_nan_deep_in_subclassed_containers() -> None:
    value = {"a": _Fields(b=[1, (2, {"c": float("-inf")})]), "d": None}
    assert compact_json(value) == _stdlib(value)
