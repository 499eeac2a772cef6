"""Full-text search: accents both ways, prefixes, Dutch and French names, numbers, hostile text, ranking."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_factories import enterprise_number

from hubdesk.domain.entities import Address, Case, CaseKind, Channel, Contact, Enterprise, Visit
from hubdesk.kernel.ids import new_id
from hubdesk.store import CaseFilter, Store
from hubdesk.store.search import match_expression, snippet

NAMES = [
    ("Café Zoë", "Bruxelles"),
    ("Brasserie De Brussel", "Brussel"),
    ("Bakkerij Peeters", "Elsene"),
    ("Pâtisserie Lefèvre", "Ixelles"),
    ("Atelier Bruxelles Nord", "Schaerbeek"),
    ("Kapsalon Sofie", "Ukkel"),
    ("Boucherie Müller & Fils", "Uccle"),
    ("Frituur 't Hoekske", "Anderlecht"),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "hubdesk.sqlite")
    with store.unit_of_work() as uow:
        for index, (name, city) in enumerate(NAMES):
            enterprise = uow.save(
                Enterprise(new_id(), enterprise_number(index), name, address=Address("Rue X 1", "1000", None, city))
            )
            case = uow.save(
                Case(
                    new_id(), f"HD-2026-SRCH-{index:04d}", enterprise.id, f"Terrasse {name}", CaseKind.PERMIT_ASSISTANCE
                )
            )
            uow.save(Contact(new_id(), enterprise.id, f"Hélène Dubois {index}", "gérante"))
            uow.save(
                Visit(
                    new_id(),
                    case.id,
                    datetime.now(UTC),
                    Channel.VISIT,
                    place="Flagey",
                    notes="Rencontre au café du coin à Bruxelles ; extraction de fumées à vérifier.",
                )
            )
    yield store
    store.close()


def titles(store: Store, query: str, kind: str | None = None) -> list[str]:
    with store.read() as reader:
        return [h.title for h in reader.search(query, kinds=[kind] if kind else None)]


def test_accents_both_ways(store: Store) -> None:
    assert titles(store, "cafe", "enterprise") == ["Café Zoë"]
    assert titles(store, "CAFÉ", "enterprise") == ["Café Zoë"]
    assert titles(store, "zoe", "enterprise") == ["Café Zoë"]
    assert titles(store, "patisserie lefevre", "enterprise") == ["Pâtisserie Lefèvre"]
    assert titles(store, "muller", "enterprise") == ["Boucherie Müller & Fils"]
    assert titles(store, "Hélène", "contact") == titles(store, "helene", "contact")
    assert len(titles(store, "helene", "contact")) == len(NAMES)


def test_prefixes(store: Store) -> None:
    assert titles(store, "caf", "enterprise") == ["Café Zoë"]
    assert titles(store, "bakk pee", "enterprise") == ["Bakkerij Peeters"]
    assert titles(store, "pât", "enterprise") == ["Pâtisserie Lefèvre"]
    assert titles(store, "bou", "enterprise") == ["Boucherie Müller & Fils"]


def test_dutch_and_french_names(store: Store) -> None:
    assert titles(store, "brasserie", "enterprise") == ["Brasserie De Brussel"]
    assert titles(store, "kapsalon", "enterprise") == ["Kapsalon Sofie"]
    assert titles(store, "frituur hoekske", "enterprise") == ["Frituur 't Hoekske"]
    assert titles(store, "'t hoekske", "enterprise") == ["Frituur 't Hoekske"]


def test_brussels_in_either_language(store: Store) -> None:
    both = {"Brasserie De Brussel", "Atelier Bruxelles Nord"}
    assert set(titles(store, "brussel", "enterprise")) == both
    assert set(titles(store, "Bruxelles", "enterprise")) == both
    assert set(titles(store, "brussels", "enterprise")) == both
    assert titles(store, "atelier brussel", "enterprise") == ["Atelier Bruxelles Nord"]


def test_enterprise_number_in_every_writing(store: Store) -> None:
    number = enterprise_number(2)  # Bakkerij Peeters
    formatted = f"{number[:4]}.{number[4:7]}.{number[7:]}"
    for query in (number, formatted, f"BE{number}", f"BE {formatted}", f"{number[:4]} {number[4:7]} {number[7:]}"):
        assert titles(store, query, "enterprise") == ["Bakkerij Peeters"], query
    assert titles(store, number[1:], "enterprise") == ["Bakkerij Peeters"]  # the old 9-digit form
    assert titles(store, number[:6], "enterprise")  # typing the first digits
    assert titles(store, f"{number[:4]}.{number[4:6]}", "enterprise")  # typing the formatted number


def test_case_reference_and_title(store: Store) -> None:
    assert titles(store, "HD-2026-SRCH-0003", "case") == ["HD-2026-SRCH-0003 Terrasse Pâtisserie Lefèvre"]
    assert titles(store, "srch-0003", "case") == ["HD-2026-SRCH-0003 Terrasse Pâtisserie Lefèvre"]
    assert len(titles(store, "terrasse", "case")) == len(NAMES)


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '""',
        "AND(",
        "*",
        "caf\u00e9 OR NOT",
        "NEAR(a b)",
        "-",
        "'; DROP TABLE enterprise; --",
        "^a",
        "name:cafe",
        "{name number}: x",
        "a\x00b",
        "(((",
        "a" * 5000,
        "ﷺ ☕ 🙂",
        " OR ",
        "NOT cafe",
        "cafe*",
        "+cafe -zoe",
    ],
)
def test_hostile_text_never_breaks_search(store: Store, hostile: str) -> None:
    with store.read() as reader:
        reader.search(hostile)
        reader.list_cases(CaseFilter(text=hostile))
        reader.list_enterprises(text_prefix=hostile)
        reader.count_cases(CaseFilter(text=hostile))


def test_operators_in_user_text_are_plain_words(store: Store) -> None:
    assert titles(store, "cafe*", "enterprise") == ["Café Zoë"]
    assert titles(store, "NOT cafe", "enterprise") == []  # "not" is a word to find, not an operator
    assert titles(store, '"cafe', "enterprise") == ["Café Zoë"]


def test_a_name_ranks_above_a_mention_in_notes(store: Store) -> None:
    with store.read() as reader:
        hits = reader.search("cafe")
    assert hits[0].kind == "enterprise" and hits[0].title == "Café Zoë"
    visits = [h for h in hits if h.kind == "visit"]
    assert visits and all("[café]" in h.snippet for h in visits)
    assert hits.index(visits[0]) > 0
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_hits_carry_their_case_and_enterprise(store: Store) -> None:
    with store.read() as reader:
        visit = reader.search("extraction", kinds=["visit"], limit=1)[0]
        case = reader.get_case(visit.case_id or "")
        assert case is not None and visit.enterprise_id == case.enterprise_id
        assert visit.title.startswith(case.reference)
        enterprise = reader.search("kapsalon", kinds=["enterprise"])[0]
        assert enterprise.enterprise_id == enterprise.id and enterprise.case_id is None
        assert enterprise.snippet.count(".") == 2  # the formatted enterprise number
        contact = reader.search("dubois 5", kinds=["contact"])[0]
        assert contact.snippet == "gérante · Kapsalon Sofie"
        assert len(reader.search("helene", limit=3)) == 3
        assert reader.search("   ") == [] and reader.search("!!!") == []


def test_search_follows_edits_and_deletes(store: Store) -> None:
    with store.read() as reader:
        hit = reader.search("kapsalon", kinds=["enterprise"])[0]
        enterprise = reader.get_enterprise(hit.id)
    assert enterprise is not None
    from dataclasses import replace

    with store.unit_of_work() as uow:
        uow.save(replace(enterprise, name="Coiffure Sofie"))
    assert titles(store, "kapsalon", "enterprise") == []
    assert titles(store, "coiffure", "enterprise") == ["Coiffure Sofie"]
    with store.unit_of_work() as uow:
        uow.delete("enterprise", enterprise.id)
    assert titles(store, "coiffure") == [] and titles(store, "sofie") == []


def test_enterprise_list_by_prefix_and_case_list_by_text(store: Store) -> None:
    with store.read() as reader:
        assert [r.name for r in reader.list_enterprises("bru").items] == [
            "Atelier Bruxelles Nord",
            "Brasserie De Brussel",
        ]
        assert len(reader.list_enterprises().items) == len(NAMES)
        rows = reader.list_cases(CaseFilter(text="bakkerij"))
        assert [r.enterprise_name for r in rows.items] == ["Bakkerij Peeters"]
        assert reader.count_cases(CaseFilter(text="terrasse")) == len(NAMES)


def test_match_expression_quotes_everything() -> None:
    assert match_expression('caf "x') == '"caf"* AND "x"'
    assert match_expression("0403.019.261") == '"0403019261"*'
    assert match_expression("uccle") == '("uccle"* OR "ukkel"*)'
    assert match_expression("  ") is None
    assert match_expression("a AND(b") == '"a" AND "AND"* AND "b"'


def test_snippet_marks_the_first_matching_word() -> None:
    text = "Rendez-vous à Bruxelles avec la gérante du café du coin, longtemps après la fermeture."
    assert snippet(text, "cafe").count("[café]") == 1
    assert "[Bruxelles]" in snippet(text, "brussel")
    assert snippet("Rien à voir", "zzz") == "Rien à voir"
