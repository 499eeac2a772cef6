"""Dossier: printable PDF dossiers built with reportlab from plain DTOs."""
