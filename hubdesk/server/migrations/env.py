"""Alembic environment of the server: runs on the connection the server hands over."""

from __future__ import annotations

from alembic import context

from hubdesk.server.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table="hubdesk_server_version",
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
