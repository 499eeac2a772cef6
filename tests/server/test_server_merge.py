"""Pushes on the server: per-field merge, conflicts, replays, ordering, groups, permissions, clocks."""

from __future__ import annotations

from typing import Any

from syncsupport import Device, Server, case_fields, enterprise_fields

from hubdesk.kernel.ids import new_id
from hubdesk.sync.protocol import Hlc


def _state(device: Device, scope: str, entity: str, record_id: str) -> dict[str, Any]:
    changes, _cursor = device.pull_all(scope)
    return changes[(entity, record_id)]


def _conflicts(device: Device, scope: str) -> list[dict[str, Any]]:
    changes, _cursor = device.pull_all(scope)
    return [c["data"] for (entity, _id), c in changes.items() if entity == "conflict" and c["data"]]


def _setup_enterprise(device: Device) -> str:
    record = new_id()
    [result] = device.push(device.mutation("enterprise", record, enterprise_fields()))
    assert result["status"] == "applied" and result["version"] == 1
    return record


def test_different_fields_merge_without_conflict(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    [a] = ann.push(ann.mutation("enterprise", record, {"phone": "+3222222222"}, base=1))
    [b] = bob.push(bob.mutation("enterprise", record, {"email": "info@cafe.be"}, base=1))
    assert a["status"] == "applied" and a["covers"]
    assert b["status"] == "merged" and not b["conflicts"] and not b["covers"]
    state = _state(ann, "commune:21004", "enterprise", record)
    assert state["data"]["phone"] == "+3222222222" and state["data"]["email"] == "info@cafe.be"
    assert state["version"] == 3
    assert _conflicts(ann, "commune:21004") == []


def test_same_field_conflict_keeps_both_values_and_later_clock_wins(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    late, early = Hlc(server.clock.now + 20, 0, ann.id).encode(), Hlc(server.clock.now + 10, 0, bob.id).encode()
    ann.push(ann.mutation("enterprise", record, {"name": "Café Ann"}, base=1, hlc=late))
    [result] = bob.push(bob.mutation("enterprise", record, {"name": "Café Bob"}, base=1, hlc=early))
    assert result["status"] == "conflict" and len(result["conflicts"]) == 1
    assert _state(ann, "commune:21004", "enterprise", record)["data"]["name"] == "Café Ann"
    [conflict] = _conflicts(bob, "commune:21004")
    assert conflict["field"] == "name" and conflict["record_id"] == record
    assert (conflict["mine"], conflict["theirs"], conflict["winner"]) == ("Café Bob", "Café Ann", "theirs")
    assert conflict["authors"]["mine"] == "bob" and conflict["authors"]["theirs"] == "ann"
    assert conflict["clocks"] == {"mine": early, "theirs": late}


def test_equal_values_are_no_conflict(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    ann.push(ann.mutation("enterprise", record, {"name": "Same"}, base=1))
    [result] = bob.push(bob.mutation("enterprise", record, {"name": "Same"}, base=1))
    assert result["status"] == "merged" and not result["conflicts"]


def test_long_visit_notes_keep_both_versions(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    enterprise = _setup_enterprise(ann)
    case, visit = new_id(), new_id()
    ann.push(ann.mutation("case", case, case_fields(enterprise)))
    visit_fields = {
        "case_id": case,
        "occurred_at": "2026-11-02T10:00:00+00:00",
        "channel": "visit",
        "notes": "Terrasse 12 m²",
    }
    ann.push(ann.mutation("visit", visit, visit_fields))
    ann.push(ann.mutation("visit", visit, {"notes": "Terrasse 12 m², plans reçus"}, base=1))
    [result] = bob.push(bob.mutation("visit", visit, {"notes": "Terrasse 12 m² — voisins d'accord"}, base=1))
    assert result["status"] == "conflict"
    notes = _state(ann, "commune:21004", "visit", visit)["data"]["notes"]
    assert "plans reçus" in notes and "voisins d'accord" in notes and "——— ann ———" in notes
    [conflict] = _conflicts(ann, "commune:21004")
    assert conflict["winner"] == "both"


def test_offline_chain_from_one_device_is_no_conflict(server: Server) -> None:
    ann = Device(server, "ann")
    record = _setup_enterprise(ann)
    results = ann.push(
        ann.mutation("enterprise", record, {"name": "Un"}, base=1),
        ann.mutation("enterprise", record, {"name": "Deux"}, base=1),
        ann.mutation("enterprise", record, {"name": "Trois"}, base=1),
    )
    assert [r["status"] for r in results] == ["applied"] * 3
    assert _state(ann, "commune:21004", "enterprise", record)["data"]["name"] == "Trois"


def test_replayed_mutation_returns_stored_result_and_reused_id_is_refused(server: Server) -> None:
    ann = Device(server, "ann")
    record = new_id()
    mutation = ann.mutation("enterprise", record, enterprise_fields())
    [first] = ann.push(mutation)
    [again] = ann.push(mutation)
    assert first["status"] == "applied"
    assert again["status"] == "duplicate" and again["original"] == "applied" and again["version"] == 1
    tampered = {**mutation, "fields": {**mutation["fields"], "name": {**mutation["fields"]["name"], "value": "Autre"}}}
    [refused] = ann.push(tampered)
    assert refused["status"] == "rejected" and refused["error"]["field"] == "mutation_id"
    assert _state(ann, "commune:21004", "enterprise", record)["data"]["name"] == "Café Nouveau"


def test_stale_base_version_conflicts_only_where_others_wrote(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    ann.push(ann.mutation("enterprise", record, {"name": "v2"}, base=1))
    ann.push(ann.mutation("enterprise", record, {"phone": "+3222000000"}, base=2))
    # bob still holds version 1 and edits name and email
    [result] = bob.push(bob.mutation("enterprise", record, {"name": "bob", "email": "b@cafe.be"}, base=1))
    assert result["status"] == "conflict"
    state = _state(bob, "commune:21004", "enterprise", record)
    assert state["data"]["email"] == "b@cafe.be" and state["data"]["phone"] == "+3222000000"
    assert [c["field"] for c in _conflicts(bob, "commune:21004")] == ["name"]


def test_update_before_create_is_held_then_applied(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = new_id()
    [held] = bob.push(bob.mutation("enterprise", record, {"phone": "+3222111111"}, base=1))
    assert held["status"] == "held"
    [created] = ann.push(ann.mutation("enterprise", record, enterprise_fields()))
    assert created["status"] == "applied"
    state = _state(ann, "commune:21004", "enterprise", record)
    assert state["data"]["phone"] == "+3222111111" and state["version"] == 2
    [replay] = bob.push(bob.mutation("enterprise", new_id(), {"phone": "+3222999999"}, base=3))
    assert replay["status"] == "held"


def test_child_before_its_parent_waits_for_it(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    enterprise = _setup_enterprise(ann)
    case = new_id()
    task = new_id()
    [held] = bob.push(bob.mutation("task", task, {"case_id": case, "title": "Plans"}))
    assert held["status"] == "held"
    ann.push(ann.mutation("case", case, case_fields(enterprise)))
    changes, _ = ann.pull_all("commune:21004")
    assert changes[("task", task)]["data"]["title"] == "Plans"
    assert "commune:21004" in changes[("task", task)]["keys"]


def test_delete_against_concurrent_edit_becomes_a_conflict(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    bob.push(bob.mutation("enterprise", record, {"phone": "+3222333333"}, base=1))
    [result] = ann.push(ann.mutation("enterprise", record, op="delete", base=1))
    assert result["status"] == "conflict"
    state = _state(ann, "commune:21004", "enterprise", record)
    assert not state["deleted"] and state["data"]["phone"] == "+3222333333"
    [conflict] = _conflicts(ann, "commune:21004")
    assert conflict["field"] == "_deleted" and conflict["mine"] == "deleted"


def test_edit_after_a_concurrent_delete_brings_the_record_back(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    [deleted] = ann.push(ann.mutation("enterprise", record, op="delete", base=1))
    assert deleted["status"] == "applied"
    [result] = bob.push(bob.mutation("enterprise", record, {"phone": "+3222444444"}, base=1))
    assert result["status"] == "conflict"
    state = _state(ann, "commune:21004", "enterprise", record)
    assert not state["deleted"] and state["data"]["phone"] == "+3222444444"
    assert [(c["field"], c["theirs"]) for c in _conflicts(ann, "commune:21004")] == [("_deleted", "deleted")]


def test_deleting_a_case_with_a_colleagues_new_task_is_a_conflict(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    enterprise = _setup_enterprise(ann)
    case = new_id()
    ann.push(ann.mutation("case", case, case_fields(enterprise)))
    _seen, cursor = ann.pull_all("commune:21004")
    seen_seq = int(cursor.split(".")[0])
    bob.push(bob.mutation("task", new_id(), {"case_id": case, "title": "Plans"}))
    delete = ann.mutation("case", case, op="delete", base=1)
    delete["seen_seq"] = seen_seq
    [result] = ann.push(delete)
    assert result["status"] == "conflict"
    changes, _ = ann.pull_all("commune:21004")
    assert not changes[("case", case)]["deleted"]


def test_a_plain_delete_cascades_to_children(server: Server) -> None:
    ann = Device(server, "ann")
    enterprise = _setup_enterprise(ann)
    case, task = new_id(), new_id()
    ann.push(
        ann.mutation("case", case, case_fields(enterprise)),
        ann.mutation("task", task, {"case_id": case, "title": "Plans"}),
    )
    [result] = ann.push(ann.mutation("case", case, op="delete", base=1))
    assert result["status"] == "applied"
    changes, _ = Device(server, "bob").pull_all("commune:21004")
    assert changes[("case", case)]["deleted"] and changes[("task", task)]["deleted"]


def test_deleting_three_levels_in_one_save(server: Server) -> None:
    ann = Device(server, "ann")
    enterprise = _setup_enterprise(ann)
    case, task = new_id(), new_id()
    ann.push(
        ann.mutation("case", case, case_fields(enterprise)),
        ann.mutation("task", task, {"case_id": case, "title": "Plans"}),
    )
    group = new_id()  # the laptop deletes the enterprise: the task, the case, then the enterprise
    results = ann.push(
        ann.mutation("task", task, op="delete", base=1, group=group),
        ann.mutation("case", case, op="delete", base=1, group=group),
        ann.mutation("enterprise", enterprise, op="delete", base=1, group=group),
    )
    assert [r["status"] for r in results] == ["applied"] * 3
    changes, _ = Device(server, "bob").pull_all("commune:21004")
    assert all(changes[key]["deleted"] for key in (("enterprise", enterprise), ("case", case), ("task", task)))


def test_one_save_is_all_or_nothing(server: Server) -> None:
    ann = Device(server, "ann")
    enterprise = _setup_enterprise(ann)
    group = new_id()
    case = new_id()
    good = ann.mutation("case", case, case_fields(enterprise), group=group)
    bad = ann.mutation("task", new_id(), {"case_id": case, "title": "x", "done": "maybe"}, group=group)
    results = ann.push(good, bad)
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert results[1]["error"]["field"] == "done"
    changes, _ = ann.pull_all("commune:21004")
    assert ("case", case) not in changes


def test_invalid_values_are_refused_with_the_field_named(server: Server) -> None:
    ann = Device(server, "ann")
    [result] = ann.push(ann.mutation("enterprise", new_id(), enterprise_fields(number="0403019262")))
    assert result["status"] == "rejected"
    assert result["error"]["field"] == "number" and result["error"]["code"] == "invalid"
    [unknown] = ann.push(ann.mutation("enterprise", new_id(), {**enterprise_fields(), "colour": "red"}))
    assert unknown["status"] == "rejected" and unknown["error"]["field"] == "colour"


def test_records_outside_the_users_scopes_are_refused(server: Server) -> None:
    ann = Device(server, "ann")
    [outside] = ann.push(ann.mutation("enterprise", new_id(), enterprise_fields(commune="21015")))
    assert outside["status"] == "rejected" and outside["error"]["code"] == "forbidden"
    [own] = ann.push(ann.mutation("enterprise", new_id(), enterprise_fields(commune="21015", account_manager="ann")))
    assert own["status"] == "applied"


def test_edits_made_in_scope_count_after_the_record_left_it(server: Server) -> None:
    ann, bob, cid = Device(server, "ann"), Device(server, "bob"), Device(server, "cid")
    enterprise = _setup_enterprise(ann)
    case = new_id()
    ann.push(ann.mutation("case", case, case_fields(enterprise)))
    bob.push(bob.mutation("case", case, {"commune_nis": "21015"}, base=1))
    [late] = ann.push(ann.mutation("case", case, {"title": "Terrasse et enseigne"}, base=1))
    assert late["status"] == "merged"
    assert _state(cid, "commune:21015", "case", case)["data"]["title"] == "Terrasse et enseigne"
    [now_outside] = ann.push(ann.mutation("case", case, {"title": "encore"}, base=3))
    assert now_outside["status"] == "rejected" and now_outside["error"]["code"] == "forbidden"


def test_moving_a_case_moves_its_family_between_scopes(server: Server) -> None:
    ann, bob, cid = Device(server, "ann"), Device(server, "bob"), Device(server, "cid")
    enterprise = _setup_enterprise(ann)
    case, visit = new_id(), new_id()
    ann.push(
        ann.mutation("case", case, case_fields(enterprise)),
        ann.mutation("visit", visit, {"case_id": case, "occurred_at": "2026-11-02T10:00:00+00:00", "channel": "phone"}),
    )
    _, ann_cursor = ann.pull_all("commune:21004")
    _, cid_cursor = cid.pull_all("commune:21015")
    bob.push(bob.mutation("case", case, {"commune_nis": "21015"}, base=1))
    ann_changes, _ = ann.pull_all("commune:21004", ann_cursor)
    cid_changes, _ = cid.pull_all("commune:21015", cid_cursor)
    assert ann_changes[("case", case)]["exit"] and ann_changes[("visit", visit)]["exit"]
    assert not ann_changes[("enterprise", enterprise)]["exit"]  # its own address is in 21004
    assert cid_changes[("case", case)]["data"]["commune_nis"] == "21015"
    assert cid_changes[("visit", visit)]["data"]["channel"] == "phone"
    assert "commune:21015" in cid_changes[("enterprise", enterprise)]["keys"]
    order = [key for key in cid_changes]
    assert order.index(("enterprise", enterprise)) < order.index(("case", case)) < order.index(("visit", visit))


def test_a_clock_far_ahead_is_clamped_and_loses_fairly(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    next_year = Hlc(server.clock.now + 365 * 86_400_000, 0, ann.id).encode()
    [wrong] = ann.push(ann.mutation("enterprise", record, {"name": "from the future"}, base=1, hlc=next_year))
    assert wrong["clamped"]
    server.clock.advance(60)
    [right] = bob.push(bob.mutation("enterprise", record, {"name": "from now"}, base=1))
    assert right["status"] == "conflict"
    assert _state(ann, "commune:21004", "enterprise", record)["data"]["name"] == "from now"


def test_a_clamped_edit_staged_again_after_a_refused_save_replays_as_a_duplicate(server: Server) -> None:
    """The clock is clamped on a copy: the edit kept as sent still matches its replay."""
    ann = Device(server, "ann")
    record = _setup_enterprise(ann)
    next_year = Hlc(server.clock.now + 365 * 86_400_000, 0, ann.id).encode()
    clamped = ann.mutation("enterprise", record, {"name": "from the future"}, base=1, hlc=next_year)
    group = new_id()  # refused as a whole, so the batch is staged again without it
    first, _kept, _refused = ann.push(
        clamped,
        ann.mutation("enterprise", record, {"phone": "+32 2 000 00 00"}, base=2, group=group),
        ann.mutation("no-such-kind", new_id(), {"x": 1}, group=group),
    )
    assert first["status"] == "applied" and first["clamped"]
    [again] = ann.push(clamped)
    assert again["status"] == "duplicate" and again["original"] == "applied"


def test_resolving_a_conflict_is_an_ordinary_synced_edit(server: Server) -> None:
    ann, bob = Device(server, "ann"), Device(server, "bob")
    record = _setup_enterprise(ann)
    ann.push(ann.mutation("enterprise", record, {"name": "A"}, base=1))
    [result] = bob.push(bob.mutation("enterprise", record, {"name": "B"}, base=1))
    [conflict_id] = result["conflicts"]
    changes, _ = bob.pull_all("commune:21004")
    version = changes[("conflict", conflict_id)]["version"]
    [resolved] = bob.push(
        bob.mutation("enterprise", record, {"name": "A et B"}, base=3),
        bob.mutation(
            "conflict",
            conflict_id,
            {"resolved_at": "2026-11-03T09:00:00+00:00", "resolution": {"keep": "value"}},
            base=version,
        ),
    )[1:]
    assert resolved["status"] == "applied"
    changes, _ = ann.pull_all("commune:21004")
    assert changes[("conflict", conflict_id)]["data"]["resolved_at"] == "2026-11-03T09:00:00+00:00"
    assert changes[("enterprise", record)]["data"]["name"] == "A et B"
    [refused] = bob.push(bob.mutation("conflict", new_id(), {"resolved_at": "x"}))
    assert refused["status"] == "rejected"


SIGN_PERMIT = {
    "premises": "1000",
    "zone": "prohibited",
    "illuminated": True,
    "width_m": 2.5,
    "start_on": "2026-06-01",
    "beyond_regulation": False,
    "third_party_brand": False,
    "granted_on": "2026-05-15",
}


def _form_fields(case: str, answers: dict[str, Any], status: str) -> dict[str, Any]:
    return {
        "case_id": case,
        "form_id": "sign_permit",
        "form_version": 1,
        "answers": answers,
        "status": status,
    }


def test_a_submitted_application_is_validated_by_the_server_with_the_form_engine(server: Server) -> None:
    ann = Device(server, "ann")
    enterprise = _setup_enterprise(ann)
    case = new_id()
    ann.push(ann.mutation("case", case, case_fields(enterprise)))
    incomplete = {key: value for key, value in SIGN_PERMIT.items() if key != "zone"}
    draft = new_id()
    [kept] = ann.push(ann.mutation("form_answers", draft, _form_fields(case, incomplete, "draft")))
    assert kept["status"] == "applied"  # drafts may be incomplete
    [refused] = ann.push(ann.mutation("form_answers", draft, {"status": "submitted"}, base=1))
    assert refused["status"] == "rejected" and refused["error"]["field"] == "answers"
    assert "zone" in refused["error"]["message"] and "kept as a draft" in refused["error"]["message"]
    assert _state(ann, "commune:21004", "form_answers", draft)["data"]["status"] == "draft"
    [fixed] = ann.push(ann.mutation("form_answers", draft, {"answers": SIGN_PERMIT, "status": "submitted"}, base=1))
    assert fixed["status"] == "applied"
    [created] = ann.push(ann.mutation("form_answers", new_id(), _form_fields(case, SIGN_PERMIT, "submitted")))
    assert created["status"] == "applied"


def test_a_refused_submission_speaks_the_callers_language_and_names_unknown_versions(server: Server) -> None:
    ann = Device(server, "ann")
    enterprise = _setup_enterprise(ann)
    case = new_id()
    ann.push(ann.mutation("case", case, case_fields(enterprise)))
    response = ann.http.post(
        "/sync/v1/push",
        json={
            "device_id": ann.id,
            "mutations": [ann.mutation("form_answers", new_id(), _form_fields(case, {}, "submitted"))],
        },
        headers={**ann.headers, "Accept-Language": "nl"},
    )
    [dutch] = response.json()["results"]
    assert dutch["status"] == "rejected" and "ontwerp" in dutch["error"]["message"]
    unknown = {**_form_fields(case, SIGN_PERMIT, "submitted"), "form_version": 99}
    [result] = ann.push(ann.mutation("form_answers", new_id(), unknown))
    assert result["status"] == "rejected" and result["error"]["field"] == "form_version"
