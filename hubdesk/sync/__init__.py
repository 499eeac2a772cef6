"""Sync: the wire protocol shared with the server and the client sync engine."""
