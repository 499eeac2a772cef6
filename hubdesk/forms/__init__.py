"""Forms: the declarative form engine (definitions as data, validation, computed fields)."""
