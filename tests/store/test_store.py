"""The store on real SQLite files: round trips, versions, rollback, listeners, deletes, remote writes, bulk loads."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session
from store_factories import enterprise_number, make_case, make_enterprise

from hubdesk.domain.entities import (
    Address,
    Attachment,
    CaseStatus,
    Channel,
    Contact,
    Enterprise,
    FormAnswers,
    FormStatus,
    Language,
    NaceCode,
    RelatedEnterprise,
    Relation,
    SizeFigures,
    StatusChange,
    Task,
    Visit,
)
from hubdesk.kernel.errors import ConflictError, ValidationError
from hubdesk.kernel.ids import new_id
from hubdesk.store import RecordChange, Store
from hubdesk.store.codec import KINDS, entity_to_fields, fields_to_entity, kind_of
from hubdesk.store.models import OutboxModel

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def every_kind() -> list[object]:
    owner = make_enterprise()
    case = make_case(owner)
    return [
        owner,
        case,
        Contact(new_id(), owner.id, "Zoë Peeters", "zaakvoerder", "+32470123456", "zoe@example.be"),
        Visit(new_id(), case.id, NOW, Channel.LINE_1819, "Rue Haute", "Notes: café & <terrasse>", "a.dubois"),
        Task(new_id(), case.id, "Plans", date(2026, 4, 1)),
        Attachment(new_id(), case.id, "plan.pdf", "application/pdf", 1234, "a" * 64, NOW),
        StatusChange(new_id(), case.id, None, CaseStatus.NEW, NOW, "a.dubois"),
        FormAnswers(new_id(), case.id, "terrace", 1, {"surface": "12.5", "items": [{"a": "é"}]}, FormStatus.DRAFT),
    ]


def without_stamps(entity: object) -> object:
    changes: dict[str, object] = {"version": 0}
    if hasattr(entity, "updated_at"):
        changes["updated_at"] = None
    return replace(entity, **changes)  # type: ignore[type-var]


def test_every_kind_round_trips(store: Store) -> None:
    originals = every_kind()
    assert {kind_of(x) for x in originals} == set(KINDS)
    with store.unit_of_work() as uow:
        saved = [uow.save(x) for x in originals]
    with store.read() as reader:
        for original, written in zip(originals, saved, strict=True):
            loaded = reader.get(kind_of(original), original.id)  # type: ignore[attr-defined]
            assert loaded == written
            assert written.version == 1  # type: ignore[attr-defined]
            assert without_stamps(written) == without_stamps(original)


def test_codec_fields_round_trip_every_kind() -> None:
    for original in every_kind():
        kind = kind_of(original)
        fields = entity_to_fields(original)
        assert "id" not in fields and "version" not in fields and "updated_at" not in fields
        rebuilt = fields_to_entity(kind, {**fields, "id": original.id})  # type: ignore[attr-defined]
        assert rebuilt == original
    enterprise_fields = entity_to_fields(make_enterprise())
    assert enterprise_fields["figures"] == {"headcount": "4.5", "turnover_eur": "350000.00", "balance_sheet_eur": None}
    assert enterprise_fields["nace_codes"] == [{"code": "47.240", "version": "2025"}]
    assert enterprise_fields["language"] == "fr"
    assert enterprise_fields["related"][0]["share_percent"] == "60"


decimals = st.none() | st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
enterprises = st.builds(
    Enterprise,
    id=st.builds(new_id),
    number=st.integers(0, 9_999_999).map(enterprise_number),
    name=st.text(min_size=1, max_size=60),
    legal_form=st.sampled_from(["", "SRL", "SA", "BV", "ASBL"]),
    nace_codes=st.lists(
        st.builds(NaceCode, st.from_regex(r"\d{2}\.\d{3}", fullmatch=True), st.sampled_from(["2008", "2025"])),
        max_size=3,
    ).map(tuple),
    sector=st.none() | st.sampled_from(["horeca", "retail", "digital"]),
    address=st.builds(
        Address,
        st.text(max_size=40),
        st.sampled_from(["1000", "1030", "1050"]),
        st.none() | st.sampled_from(["21004", "21015"]),
        st.text(max_size=20),
    ),
    language=st.sampled_from(list(Language)),
    vat_number=st.none() | st.just("BE0403019261"),
    email=st.none() | st.emails(),
    figures=st.builds(SizeFigures, decimals, decimals, decimals),
    related=st.lists(
        st.builds(
            RelatedEnterprise,
            st.text(min_size=1, max_size=20),
            st.sampled_from(list(Relation)),
            st.decimals(min_value=0, max_value=100, places=1),
            st.builds(SizeFigures, decimals, decimals, decimals),
        ),
        max_size=2,
    ).map(tuple),
    account_manager=st.none() | st.text(min_size=1, max_size=10),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(value=enterprises)
def test_any_enterprise_round_trips(store: Store, value: Enterprise) -> None:
    with store.unit_of_work() as uow:
        saved = uow.save(value)
    with store.read() as reader:
        assert reader.get_enterprise(value.id) == saved
    assert without_stamps(saved) == without_stamps(value)
    assert fields_to_entity("enterprise", {**entity_to_fields(value), "id": value.id}) == value


def test_update_bumps_version_and_reports_only_changed_fields(store: Store) -> None:
    seen: list[list[RecordChange]] = []
    store.add_write_listener(lambda _session, records: seen.append(records))
    with store.unit_of_work() as uow:
        first = uow.save(make_enterprise())
    with store.unit_of_work() as uow:
        second = uow.save(replace(first, name="Boulangerie Lefèvre & Fils"))
        assert uow.changes.upserted == {"enterprise": frozenset({first.id})}
    assert (first.version, second.version) == (1, 2)
    assert second.updated_at is not None and first.updated_at is not None
    assert second.updated_at >= first.updated_at
    assert seen[0][0].op == "upsert" and seen[0][0].base_version == 0
    assert seen[0][0].fields == entity_to_fields(first)  # everything on insert
    assert seen[1] == [
        RecordChange(
            "enterprise", first.id, "upsert", {"name": "Boulangerie Lefèvre & Fils"}, 1, {"name": "Boulangerie Lefèvre"}
        )
    ]
    with store.unit_of_work() as uow:
        unchanged = uow.save(second)
    assert unchanged.version == 2 and len(seen) == 2  # nothing changed, nothing written or reported
    with pytest.raises(ConflictError), store.unit_of_work() as uow:
        uow.save(replace(first, name="stale edit"))  # edited from version 1, now 2
    with store.read() as reader:
        assert reader.get_enterprise(first.id) == second


def test_updated_at_comes_from_the_store_clock(tmp_path: Path) -> None:
    ticks = iter(NOW + timedelta(minutes=n) for n in range(100))
    with Store.open(tmp_path / "clock.sqlite", clock=lambda: next(ticks)) as store:
        with store.unit_of_work() as uow:
            saved = uow.save(make_enterprise())
        assert saved.updated_at is not None and saved.updated_at.tzinfo is not None
        assert NOW <= saved.updated_at < NOW + timedelta(hours=2)


def test_rollback_leaves_nothing(store: Store) -> None:
    owner = make_enterprise()
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        uow.save(owner)
        uow.save(make_case(owner))
        uow.next_sequence("case-2026")
        raise RuntimeError("boom")
    with store.read() as reader:
        assert set(reader.counts().values()) == {0}
        assert reader.search("boulangerie") == []  # the index rolled back with the rows
        assert reader.connection.execute(text("SELECT count(*) FROM sequence")).scalar() == 0


def test_listener_gets_the_session_inside_the_transaction_and_can_veto(store: Store) -> None:
    def outbox(session: Session, records: list[RecordChange]) -> None:
        assert session.in_transaction()
        for seq, record in enumerate(records, start=1):
            # what the sync outbox does: rows added through the same session
            session.add(
                OutboxModel(
                    mutation_id=new_id(),
                    device_seq=seq,
                    group_id=None,
                    entity=record.kind,
                    record_id=record.id,
                    op=record.op,
                    payload="{}",
                    created_at=NOW.isoformat(),
                )
            )

    store.add_write_listener(outbox)
    with store.unit_of_work() as uow:
        saved = uow.save(make_enterprise())
    with store.read() as reader:
        rows = reader.connection.execute(text("SELECT entity, record_id, op FROM outbox")).all()
    assert [tuple(r) for r in rows] == [("enterprise", saved.id, "upsert")]

    def veto(_session: Session, _records: list[RecordChange]) -> None:
        raise RuntimeError("outbox full")

    store.remove_write_listener(outbox)
    store.add_write_listener(veto)
    with pytest.raises(RuntimeError, match="outbox full"), store.unit_of_work() as uow:
        uow.save(replace(saved, name="Nouveau nom"))
    with store.read() as reader:
        assert reader.get_enterprise(saved.id) == saved
        assert reader.search("nouveau") == []


def test_listener_not_called_when_nothing_was_written(store: Store) -> None:
    calls: list[object] = []
    store.add_write_listener(lambda _s, records: calls.append(records))
    with store.unit_of_work() as uow:
        uow.set_setting("theme", "dark")
    assert calls == []


def test_delete_cascades_and_reports_every_record(store: Store) -> None:
    owner = make_enterprise()
    case = make_case(owner)
    contact = Contact(new_id(), owner.id, "Jan Janssens")
    task = Task(new_id(), case.id, "x")
    with store.unit_of_work() as uow:
        for entity in (owner, case, contact, task):
            uow.save(entity)
    seen: list[list[RecordChange]] = []
    store.add_write_listener(lambda _s, records: seen.append(records))
    with store.unit_of_work() as uow:
        assert uow.delete("enterprise", owner.id)
        assert not uow.delete("enterprise", owner.id)
        assert uow.changes.deleted == {
            "enterprise": frozenset({owner.id}),
            "contact": frozenset({contact.id}),
            "case": frozenset({case.id}),
            "task": frozenset({task.id}),
        }
    order = [(r.kind, r.op) for r in seen[0]]
    assert order.index(("task", "delete")) < order.index(("case", "delete")) < order.index(("enterprise", "delete"))
    with store.read() as reader:
        assert set(reader.counts().values()) == {0}
    with pytest.raises(ValidationError), store.unit_of_work() as uow:
        uow.delete("nonsense", owner.id)


def test_sequences_and_settings(store: Store) -> None:
    with store.unit_of_work() as uow:
        assert [uow.next_sequence("case-2026") for _ in range(3)] == [1, 2, 3]
        assert uow.next_sequence("case-2027") == 1
        uow.set_setting("last", "x")
        uow.set_setting("last", "y")
    with store.unit_of_work() as uow:
        assert uow.next_sequence("case-2026") == 4
    with store.read() as reader:
        assert reader.get_setting("last") == "y"
        assert reader.get_setting("missing") is None


def test_reader_entity_queries(store: Store) -> None:
    owner = make_enterprise()
    case = make_case(owner, "HD-2026-QQQQ-0007")
    later, sooner = Task(new_id(), case.id, "b", date(2026, 5, 1)), Task(new_id(), case.id, "a", date(2026, 4, 1))
    done = Task(new_id(), case.id, "c", date(2026, 1, 1), done=True, done_on=date(2026, 1, 2))
    visit = Visit(new_id(), case.id, NOW, Channel.PHONE, notes="Appel")
    form = FormAnswers(new_id(), case.id, "terrace", 2, {"seats": 12})
    with store.unit_of_work() as uow:
        for entity in (owner, case, later, sooner, done, visit, form):
            uow.save(entity)
        uow.add_status_change(StatusChange(new_id(), case.id, None, CaseStatus.NEW, NOW))
        uow.add_status_change(StatusChange(new_id(), case.id, CaseStatus.NEW, CaseStatus.IN_PROGRESS, NOW))
    with store.read() as reader:
        assert reader.find_enterprise_by_number("0403019261") is not None
        assert reader.find_case_by_reference("HD-2026-QQQQ-0007") is not None
        assert [c.id for c in reader.cases_of(owner.id)] == [case.id]
        assert [t.title for t in reader.tasks_of(case.id)] == ["a", "b", "c"]
        assert [t.title for t in reader.open_tasks()] == ["a", "b"]
        assert [v.id for v in reader.visits_of(case.id)] == [visit.id]
        assert [s.to_status for s in reader.status_history(case.id)] == [CaseStatus.NEW, CaseStatus.IN_PROGRESS]
        assert [f.answers for f in reader.forms_of(case.id)] == [{"seats": 12}]
        assert reader.get_form_answers(form.id) is not None
        assert reader.get_case(new_id()) is None
        counts = reader.counts()
    assert counts["task"] == 3 and counts["status_change"] == 2 and set(counts) == set(KINDS)


def test_apply_remote_writes_without_listeners_and_keeps_the_given_version(store: Store) -> None:
    seen: list[list[RecordChange]] = []
    store.add_write_listener(lambda _s, records: seen.append(records))
    owner = make_enterprise()
    with store.unit_of_work() as uow:
        uow.apply_remote("enterprise", owner.id, entity_to_fields(owner), version=7)
        assert uow.changes.upserted == {"enterprise": frozenset({owner.id})}
    with store.unit_of_work() as uow:
        uow.apply_remote("enterprise", owner.id, {"name": "Bakkerij Lefèvre"}, version=8)  # only that field
    assert seen == []
    with store.read() as reader:
        stored = reader.get_enterprise(owner.id)
        assert stored is not None and stored.version == 8
        assert stored.name == "Bakkerij Lefèvre" and stored.figures == owner.figures
        assert [h.id for h in reader.search("bakkerij")] == [owner.id]
    with store.unit_of_work() as uow:  # a local edit afterwards is based on the server's version
        uow.save(replace(stored, legal_form="BV"))
    assert seen[0][0].base_version == 8
    with store.unit_of_work() as uow:
        uow.apply_remote("enterprise", owner.id, {}, version=10, deleted=True)
        uow.apply_remote("enterprise", new_id(), {}, version=1, deleted=True)  # unknown: no error
    with store.read() as reader:
        assert reader.get_enterprise(owner.id) is None
    assert len(seen) == 1


def test_apply_remote_refuses_bad_input(store: Store) -> None:
    with pytest.raises(ValidationError), store.unit_of_work() as uow:
        uow.apply_remote("enterprise", new_id(), {"name": "Sans numéro"}, version=1)  # a new record needs `number`
    with pytest.raises(ValidationError), store.unit_of_work() as uow:
        uow.apply_remote("enterprise", new_id(), {"colour": "blue"}, version=1)
    with pytest.raises(ValidationError), store.unit_of_work() as uow:
        uow.apply_remote("spaceship", new_id(), {}, version=1)


def test_apply_remote_child_before_parent_with_deferred_keys(store: Store) -> None:
    owner = make_enterprise()
    case = make_case(owner)
    with store.unit_of_work() as uow:
        uow.defer_foreign_keys()
        uow.apply_remote("case", case.id, entity_to_fields(case), version=1)
        uow.apply_remote("enterprise", owner.id, entity_to_fields(owner), version=1)
    with store.read() as reader:
        assert reader.get_case(case.id) is not None
    orphan = make_case(make_enterprise(id=new_id()), "HD-2026-AAAA-0002")
    with pytest.raises(ConflictError, match="FOREIGN KEY"), store.unit_of_work() as uow:
        uow.defer_foreign_keys()
        uow.apply_remote("case", orphan.id, entity_to_fields(orphan), version=1)
    with store.read() as reader:
        assert reader.get_case(orphan.id) is None


def test_bulk_loader_loads_indexes_and_rolls_back_whole(store: Store) -> None:
    owners = [make_enterprise(id=new_id(), number=enterprise_number(n), name=f"Frituur Nr {n}") for n in range(300)]
    cases = [make_case(o, f"HD-2026-BULK-{n:04d}", title=f"Dossier Éléonore {n}") for n, o in enumerate(owners)]
    with store.bulk_loader() as loader:
        loader.add_enterprises(owners)
        loader.add_cases(cases)
    with store.read() as reader:
        assert reader.counts()["enterprise"] == 300 and reader.counts()["case"] == 300
        assert len(reader.search("frituur", limit=500, kinds=["enterprise"])) == 300
        assert len(reader.search("eleonore", limit=500, kinds=["case"])) == 300
        loaded = reader.get_enterprise(owners[5].id)
        assert loaded is not None and loaded.version == 1 and loaded.related == owners[5].related
        assert reader.connection.execute(text("SELECT count(*) FROM sqlite_stat1")).scalar()  # ANALYZE ran
    with pytest.raises(RuntimeError), store.bulk_loader() as loader:
        loader.add_enterprises([make_enterprise(id=new_id(), number=enterprise_number(999), name="Perdu")])
        raise RuntimeError("cancelled")
    with store.read() as reader:
        assert reader.counts()["enterprise"] == 300
    with store.unit_of_work() as uow:  # the triggers are back: ordinary writes are indexed again
        uow.save(make_enterprise(id=new_id(), number=enterprise_number(1000), name="Nachtwinkel Zoë"))
    with store.read() as reader:
        assert [h.title for h in reader.search("nachtwinkel")] == ["Nachtwinkel Zoë"]


def test_attachments_are_content_addressed(store: Store, tmp_path: Path) -> None:
    first = store.save_attachment_bytes(b"photo")
    source = tmp_path / "same.bin"
    source.write_bytes(b"photo")
    assert store.save_attachment_bytes(source) == first
    path = store.attachment_path(first)
    assert path.read_bytes() == b"photo"
    assert path.parent.parent == store.attachments_dir == tmp_path / "attachments"
    assert path.parent.name == first[:2]
    assert [p for p in store.attachments_dir.rglob("*") if p.is_file()] == [path]  # stored once, no temp left
    for bad in ("../../etc/passwd", "A" * 64, first[:-1]):
        with pytest.raises(ValidationError):
            store.attachment_path(bad)


def test_a_clash_with_a_unique_key_is_a_conflict_and_writes_nothing(store: Store) -> None:
    owner = make_enterprise()
    with store.unit_of_work() as uow:
        uow.save(owner)
        uow.save(make_case(owner, "HD-2026-AAAA-0001"))
    with pytest.raises(ConflictError) as caught, store.unit_of_work() as uow:
        uow.save(make_case(owner, "HD-2026-AAAA-0002"))
        uow.save(make_case(owner, "HD-2026-AAAA-0001"))  # same reference, another id
    assert "case.reference" in str(caught.value)
    assert "entre en conflit" in caught.value.translated("fr")
    with store.read() as reader:
        assert reader.counts()["case"] == 1
