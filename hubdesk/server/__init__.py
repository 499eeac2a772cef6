"""Server: the central HTTP sync service (FastAPI) with its own tables and migrations."""
