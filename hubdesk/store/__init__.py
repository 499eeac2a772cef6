"""Store: the local SQLAlchemy/SQLite workspace, its migrations, search and unit of work."""
