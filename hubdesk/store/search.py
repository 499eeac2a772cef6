"""Full-text search over enterprises, contacts, cases and visit notes (SQLite FTS5): index DDL and safe queries.

Design:

- One **external-content** FTS5 table per record kind (`content='<table>'`,
  `content_rowid='rid'`), kept current by AFTER INSERT/UPDATE/DELETE triggers. External
  content rather than contentless because the text already lives in the record tables:
  storing it twice would double the file, and a contentless table cannot `rebuild`
  itself from the data. Triggers rather than the unit of work because every path that
  writes rows (the unit of work, `apply_remote` from a sync pull, the bulk loader, a
  migration) then keeps the index right, inside the same transaction, so a crash can
  never leave the index and the data apart. `rid` (INTEGER PRIMARY KEY) is the rowid
  mapping and survives VACUUM.
- Tokenizer `unicode61 remove_diacritics 2` folds case and accents on both sides
  (`cafe` finds `Café`, `CAFÉ` finds `cafe`); `prefix='2 3'` keeps two- and
  three-letter prefix lookups (typing as you search) cheap.
- Enterprise numbers are stored as 10 digits; the query side turns the ways people
  write them (`0403.019.261`, `0403 019 261`, `BE0403019261`, the old 9-digit
  `403.019.261`) into that token, so the formatted number and the digits both match.
- `match_expression` builds the MATCH string from user text: each word is quoted
  (so `"`, `AND(`, `NEAR`, `*`, `-`, `^` are never FTS syntax) and words of two letters
  or more get `*` for prefix matching. All words must match. A word that is the
  French, Dutch or English name of Brussels or of a one-word commune also matches its
  other names (`brussel` finds `Bruxelles`, `elsene` finds `Ixelles`).
- bm25 ranks within a kind; each kind's score is weighed so that a name match comes
  before a mention in a visit note.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

TOKENIZE = "unicode61 remove_diacritics 2"
PREFIX = "2 3"


@dataclass(frozen=True)
class FtsIndex:
    kind: str  # record kind (and content table)
    table: str  # FTS5 table
    columns: tuple[str, ...]  # indexed columns of the content table
    weight: float  # multiplies bm25 (negative: lower is better) to rank kinds against each other


FTS_INDEXES: dict[str, FtsIndex] = {
    "enterprise": FtsIndex("enterprise", "fts_enterprise", ("name", "number"), 2.0),
    "contact": FtsIndex("contact", "fts_contact", ("name", "role"), 1.5),
    "case": FtsIndex("case", "fts_case", ("title", "reference"), 1.6),
    "visit": FtsIndex("visit", "fts_visit", ("notes", "place"), 1.0),
}
# The same as (FTS table, content table, columns) per kind.
FTS_TABLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    kind: (index.table, index.kind, index.columns) for kind, index in FTS_INDEXES.items()
}
# Ranking is bounded to the newest SEARCH_WINDOW matches of each kind (see Reader.search).
SEARCH_WINDOW = 1000
MAX_TOKENS = 12

# Bilingual place names of the Region written as one word (folded), each with its other names.
_PLACE_NAMES = (
    ("bruxelles", "brussel", "brussels"),
    ("ixelles", "elsene"),
    ("schaerbeek", "schaarbeek"),
    ("uccle", "ukkel"),
    ("auderghem", "oudergem"),
    ("forest", "vorst"),
)
SAME_PLACE: dict[str, tuple[str, ...]] = {name: names for names in _PLACE_NAMES for name in names}
_VAT_PREFIX = re.compile(r"\bBE[\s.]?(?=[01]?\d{3}[.\s]?\d{3}[.\s]?\d{3}\b)", re.IGNORECASE)
_SPACED_NUMBER = re.compile(r"(?<!\d)([01]?\d{3}) (\d{3}) (\d{3})(?!\d)")
_DOTTED = re.compile(r"(?<=\d)\.(?=\d)")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def create_statements() -> list[str]:
    """DDL of the FTS tables and their triggers (the same as the frozen 0001 migration)."""
    statements = []
    for index in FTS_INDEXES.values():
        statements.append(
            f"CREATE VIRTUAL TABLE {index.table} USING fts5({', '.join(index.columns)}, "
            f"content='{index.kind}', content_rowid='rid', tokenize='{TOKENIZE}', prefix='{PREFIX}')"
        )
        statements += trigger_statements(index)
    return statements


def trigger_statements(index: FtsIndex) -> list[str]:
    fts, cols = index.table, ", ".join(index.columns)
    new = ", ".join(f"new.{c}" for c in index.columns)
    old = ", ".join(f"old.{c}" for c in index.columns)
    return [
        f'CREATE TRIGGER {fts}_ai AFTER INSERT ON "{index.kind}" BEGIN '
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rid, {new}); END",
        f'CREATE TRIGGER {fts}_ad AFTER DELETE ON "{index.kind}" BEGIN '
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rid, {old}); END",
        f'CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON "{index.kind}" BEGIN '
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rid, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rid, {new}); END",
    ]


def trigger_names() -> list[str]:
    return [f"{index.table}_{suffix}" for index in FTS_INDEXES.values() for suffix in ("ai", "ad", "au")]


def rebuild(connection: Connection) -> None:
    """Rebuild every index from its table (after a bulk load with the triggers off)."""
    for index in FTS_INDEXES.values():
        connection.exec_driver_sql(f"INSERT INTO {index.table}({index.table}) VALUES ('rebuild')")


def normalize_query(query: str) -> str:
    """User text with enterprise numbers written the way the index stores them (10 digits)."""
    text = _VAT_PREFIX.sub("", query)
    text = _SPACED_NUMBER.sub(r"\1\2\3", text)
    return _DOTTED.sub("", text)


def query_tokens(query: str) -> list[str]:
    tokens = _TOKEN.findall(normalize_query(query))[:MAX_TOKENS]
    # An old 9-digit enterprise number is the 10-digit one without its leading 0.
    return ["0" + t if len(t) == 9 and t.isdigit() else t for t in tokens]


def _term(token: str) -> str:
    quoted = f'"{token}"*' if len(token) >= 2 else f'"{token}"'
    names = SAME_PLACE.get(fold(token))
    if names is None:
        return quoted
    return "(" + " OR ".join(f'"{name}"*' for name in names) + ")"


def match_expression(query: str) -> str | None:
    """A safe FTS5 MATCH expression for free text, or None when the text has no word at all."""
    tokens = query_tokens(query)
    if not tokens:
        return None
    return " AND ".join(_term(token) for token in tokens)


def indexes_for(kinds: Sequence[str] | None) -> list[FtsIndex]:
    return [index for kind, index in FTS_INDEXES.items() if kinds is None or kind in kinds]


def fold(text: str) -> str:
    """Lower case without accents, one character per character (so positions stay valid)."""
    return "".join((unicodedata.normalize("NFD", ch)[:1] or ch).lower()[:1] for ch in text)


def snippet(body: str, query: str, width: int = 80) -> str:
    """The part of `body` around the first matched word, that word in [brackets], accents ignored."""
    folded = fold(body)
    best = -1
    needles = [name for token in query_tokens(query) for name in SAME_PLACE.get(fold(token), (fold(token),))]
    for needle in needles:
        for match in re.finditer(re.escape(needle), folded):
            start = match.start()
            if start == 0 or not folded[start - 1].isalnum():  # a word start, like FTS prefixes
                if best < 0 or start < best:
                    best = start
                break
    if best < 0:
        return body[:width] + ("…" if len(body) > width else "")
    end_of_word = best
    while end_of_word < len(body) and body[end_of_word].isalnum():
        end_of_word += 1
    start = max(0, best - width // 3)
    end = min(len(body), end_of_word + width // 2)
    marked = body[start:best] + "[" + body[best:end_of_word] + "]" + body[end_of_word:end]
    return ("…" if start else "") + marked + ("…" if end < len(body) else "")
