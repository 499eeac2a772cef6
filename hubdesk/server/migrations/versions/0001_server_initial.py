"""Accounts, devices, sessions, records with their change log, mutations, blobs, published files.

Revision ID: 0001_server_initial
Revises:
"""

from __future__ import annotations

import secrets
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0001_server_initial"
down_revision = None
branch_labels = None
depends_on = None

# Frozen at this revision: later model changes get their own revision.
ID = 64
KEY = 200


def upgrade() -> None:
    op.create_table(
        "server_meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False)
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("scopes", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("user_id", sa.String(ID), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
        sa.Column("last_seen_ms", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.String(ID), nullable=False, index=True),
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
        sa.Column("expires_ms", sa.BigInteger, nullable=False),
        sa.Column("revoked_ms", sa.BigInteger),
    )
    op.create_table(
        "login_failures",
        sa.Column("key", sa.String(KEY), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("window_start_ms", sa.BigInteger, nullable=False),
        sa.Column("locked_until_ms", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("entity", sa.String(32), primary_key=True),
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("fver", sa.Text, nullable=False),
        sa.Column("fclk", sa.Text, nullable=False),
        sa.Column("scope_keys", sa.Text, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("parent_entity", sa.String(32)),
        sa.Column("parent_id", sa.String(ID)),
        sa.Column("updated_by", sa.String(ID), nullable=False),
        sa.Column("updated_seq", sa.BigInteger, nullable=False),
        sa.Column("updated_ms", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_records_parent", "records", ["parent_entity", "parent_id"])
    op.create_table(
        "record_keys",
        sa.Column("key", sa.String(KEY), primary_key=True),
        sa.Column("entity", sa.String(32), primary_key=True),
        sa.Column("id", sa.String(ID), primary_key=True),
    )
    op.create_index("ix_record_keys_record", "record_keys", ["entity", "id"])
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("origin", sa.String(ID)),
        sa.Column("tag", sa.String(16), nullable=False),
        sa.Column("scope_keys", sa.Text, nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_change_log_record", "change_log", ["entity", "id", "version"])
    op.create_table(
        "change_keys",
        sa.Column("key", sa.String(KEY), primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    )
    op.create_table(
        "mutations",
        sa.Column("mutation_id", sa.String(ID), primary_key=True),
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("device_seq", sa.BigInteger, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_mutations_device", "mutations", ["device_id", "device_seq"])
    op.create_table(
        "backlog",
        sa.Column("mutation_id", sa.String(ID), primary_key=True),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("waits_entity", sa.String(32), nullable=False),
        sa.Column("waits_id", sa.String(ID), nullable=False),
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("device_seq", sa.BigInteger, nullable=False),
        sa.Column("user_id", sa.String(ID), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_backlog_waits", "backlog", ["waits_entity", "waits_id"])
    op.create_table(
        "key_checksums",
        sa.Column("key", sa.String(KEY), primary_key=True),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("received", sa.BigInteger, nullable=False),
        sa.Column("complete", sa.Boolean, nullable=False),
        sa.Column("uploaded_by", sa.String(ID), nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "blob_chunks",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("offset", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "blob_refs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("entity", sa.String(32), primary_key=True),
        sa.Column("id", sa.String(ID), primary_key=True),
    )
    op.create_table(
        "published",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("form_id", sa.String(100)),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("published_ms", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("digest", sa.String(32), nullable=False, index=True),
        sa.Column("scope_keys", sa.Text, nullable=False),
        sa.Column("cursor", sa.String(64), nullable=False),
        sa.Column("records", sa.BigInteger, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_ms", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "snapshot_chunks",
        sa.Column("snapshot_id", sa.String(ID), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    meta = sa.table("server_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(
        meta,
        [
            {"key": "epoch", "value": str(uuid.uuid4())},
            {"key": "token_secret", "value": secrets.token_hex(32)},
            {"key": "horizon_seq", "value": "0"},
        ],
    )
    counter = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger))
    op.bulk_insert(counter, [{"name": "log", "value": 0}, {"name": "published", "value": 0}])


def downgrade() -> None:
    for table in (
        "snapshot_chunks",
        "snapshots",
        "published",
        "blob_refs",
        "blob_chunks",
        "blobs",
        "key_checksums",
        "backlog",
        "mutations",
        "change_keys",
        "change_log",
        "record_keys",
        "records",
        "login_failures",
        "sessions",
        "devices",
        "users",
        "counters",
        "server_meta",
    ):
        op.drop_table(table)
