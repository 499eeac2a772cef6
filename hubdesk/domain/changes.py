"""What a write changed (record kinds and ids), so views refresh only that."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Ids upserted and deleted per record kind ("enterprise", "case", "visit", ...)."""

    upserted: dict[str, frozenset[str]] = field(default_factory=dict)
    deleted: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.upserted.values()) and not any(self.deleted.values())

    def kinds(self) -> frozenset[str]:
        return frozenset(k for k, v in self.upserted.items() if v) | frozenset(k for k, v in self.deleted.items() if v)

    def merge(self, other: Changes) -> Changes:
        def union(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
            return {k: a.get(k, frozenset()) | b.get(k, frozenset()) for k in a.keys() | b.keys()}

        return Changes(union(self.upserted, other.upserted), union(self.deleted, other.deleted))

    @staticmethod
    def of(kind: str, *ids: str, deleted: bool = False) -> Changes:
        if deleted:
            return Changes(deleted={kind: frozenset(ids)})
        return Changes(upserted={kind: frozenset(ids)})
