"""The server's own tables (SQLAlchemy Core), used by every query; migrations freeze their DDL.

Times are integer milliseconds since the epoch (UTC) so that SQLite and PostgreSQL
compare them the same way. Nothing here is shared with the client database.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = 64  # ids are UUIDv7 strings (36) but device ids and names may be longer
KEY = 200

server_meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("scopes", Text, nullable=False),  # JSON list: "commune:21004", "team:north", "post:Tokyo"
    Column("disabled", Boolean, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("user_id", String(ID), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("app_version", String(32), nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Column("last_seen_ms", BigInteger, nullable=False),
)

sessions = Table(  # one device-bound refresh token each
    "sessions",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", String(ID), nullable=False, index=True),
    Column("device_id", String(ID), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
    Column("revoked_ms", BigInteger),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start_ms", BigInteger, nullable=False),
    Column("locked_until_ms", BigInteger, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("entity", String(32), primary_key=True),
    Column("id", String(ID), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),  # JSON of the synced fields
    Column("fver", Text, nullable=False),  # JSON {field: version it last changed at, "*": default}
    Column("fclk", Text, nullable=False),  # JSON {field: HLC of its value, "*": default}
    Column("scope_keys", Text, nullable=False),  # JSON list of scope keys
    Column("deleted", Boolean, nullable=False),
    Column("parent_entity", String(32)),
    Column("parent_id", String(ID)),
    Column("updated_by", String(ID), nullable=False),  # device of the last data change
    Column("updated_seq", BigInteger, nullable=False),  # log sequence of the last data change
    Column("updated_ms", BigInteger, nullable=False),
    Index("ix_records_parent", "parent_entity", "parent_id"),
)

record_keys = Table(
    "record_keys",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("entity", String(32), primary_key=True),
    Column("id", String(ID), primary_key=True),
    Index("ix_record_keys_record", "entity", "id"),
)

change_log = Table(
    "change_log",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("entity", String(32), nullable=False),
    Column("id", String(ID), nullable=False),
    Column("version", Integer, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("origin", String(ID)),
    Column("tag", String(16), nullable=False),
    Column("scope_keys", Text, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Index("ix_change_log_record", "entity", "id", "version"),
)

change_keys = Table(
    "change_keys",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
)

mutations = Table(
    "mutations",
    metadata,
    Column("mutation_id", String(ID), primary_key=True),
    Column("device_id", String(ID), nullable=False),
    Column("device_seq", BigInteger, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("result", Text, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Index("ix_mutations_device", "device_id", "device_seq"),
)

backlog = Table(  # updates that arrived before the record (or its parent) existed
    "backlog",
    metadata,
    Column("mutation_id", String(ID), primary_key=True),
    Column("entity", String(32), nullable=False),
    Column("id", String(ID), nullable=False),
    Column("waits_entity", String(32), nullable=False),
    Column("waits_id", String(ID), nullable=False),
    Column("device_id", String(ID), nullable=False),
    Column("device_seq", BigInteger, nullable=False),
    Column("user_id", String(ID), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Index("ix_backlog_waits", "waits_entity", "waits_id"),
)

key_checksums = Table(
    "key_checksums",
    metadata,
    Column("key", String(KEY), primary_key=True),
    Column("count", BigInteger, nullable=False),
    Column("total", BigInteger, nullable=False),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("complete", Boolean, nullable=False),
    Column("uploaded_by", String(ID), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)

blob_chunks = Table(
    "blob_chunks",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("offset", BigInteger, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)

blob_refs = Table(
    "blob_refs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("entity", String(32), primary_key=True),
    Column("id", String(ID), primary_key=True),
)

published = Table(
    "published",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("form_id", String(100)),
    Column("version", String(32), nullable=False),
    Column("content", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("published_ms", BigInteger, nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("digest", String(32), nullable=False, index=True),
    Column("scope_keys", Text, nullable=False),
    Column("cursor", String(64), nullable=False),
    Column("records", BigInteger, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)

snapshot_chunks = Table(
    "snapshot_chunks",
    metadata,
    Column("snapshot_id", String(ID), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)
