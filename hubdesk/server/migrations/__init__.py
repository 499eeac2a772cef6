"""Alembic migrations of the server database (SQLite or PostgreSQL)."""
