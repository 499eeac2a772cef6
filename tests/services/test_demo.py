"""The demo generator produces valid, varied Brussels records."""

from __future__ import annotations

from stdnum.be import iban as be_iban

from hubdesk.domain.entities import CaseKind
from hubdesk.domain.identifiers import normalize_enterprise_number, normalize_phone
from hubdesk.domain.reference import load_reference_data
from hubdesk.domain.references import REFERENCE_PATTERN
from hubdesk.domain.workflow import ALLOWED_TRANSITIONS
from hubdesk.services.demo import DemoGenerator


def test_generated_records_pass_the_domain_rules() -> None:
    reference = load_reference_data()
    batches = list(DemoGenerator(reference, seed=7).batches(1200, 2500, batch_size=500))
    enterprises = [e for b in batches for e in b.enterprises]
    cases = [c for b in batches for c in b.cases]
    assert len(enterprises) == 1200 and len(cases) == 2500
    assert len({e.number for e in enterprises}) > 1190
    for enterprise in enterprises:
        assert normalize_enterprise_number(enterprise.number) == enterprise.number
        assert enterprise.iban and be_iban.is_valid(enterprise.iban)  # real bank codes
        assert enterprise.phone and normalize_phone(enterprise.phone) == enterprise.phone
        assert reference.resolve_commune(enterprise.address.postal_code, enterprise.address.commune_nis)
    names = " ".join(e.name for e in enterprises)
    assert any(ch in names for ch in "éèçëï")  # accents present
    assert "Bakkerij" in names or "Slagerij" in names  # Dutch names present
    assert len({c.reference for c in cases}) == len(cases)
    assert all(REFERENCE_PATTERN.match(c.reference) for c in cases)
    assert {c.kind for c in cases} == set(CaseKind)
    assert all((c.attache_post is not None) == (c.kind is CaseKind.EXPORT_SUPPORT) for c in cases)
    changes = [s for b in batches for s in b.status_changes]
    for change in changes:
        if change.from_status is not None:
            assert change.to_status in ALLOWED_TRANSITIONS[change.from_status]
    assert sum(len(b.visits) for b in batches) == 2 * len(cases)


def test_same_seed_same_workspace() -> None:
    reference = load_reference_data()
    first = next(DemoGenerator(reference, seed=3).batches(50, 100))
    second = next(DemoGenerator(reference, seed=3).batches(50, 100))
    assert [e.number for e in first.enterprises] == [e.number for e in second.enterprises]
