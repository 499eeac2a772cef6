"""Human case references that stay unique across devices working offline.

A reference is `HD-<year>-<device code>-<sequence>`, e.g. `HD-2026-K7QM-0042`: the device
code comes from the device id, so two laptops never hand out the same reference
without talking to each other, and the sequence is per device and year.
"""

from __future__ import annotations

import hashlib
import re

# Crockford-style alphabet without I, L, O, U: no confusion when read aloud over the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PATTERN = re.compile(r"^HD-(\d{4})-([0-9A-Z]{4})-(\d{4,})$")


def device_code(device_id: str) -> str:
    """Four characters derived from the device id (32**4 ≈ one million codes)."""
    digest = int.from_bytes(hashlib.sha256(device_id.encode()).digest()[:4], "big")
    chars = []
    for _ in range(4):
        digest, index = divmod(digest, len(_ALPHABET))
        chars.append(_ALPHABET[index])
    return "".join(chars)


def make_case_reference(code: str, year: int, sequence: int) -> str:
    return f"HD-{year}-{code}-{sequence:04d}"


def normalize_case_reference(text: str) -> str:
    """Upper-case and trimmed, so `hd-2026-k7qm-0042` finds its case."""
    return text.strip().upper()
