"""Alembic migrations of the workspace database, shipped inside the package."""
