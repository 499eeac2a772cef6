"""Server schema revisions, oldest first."""
