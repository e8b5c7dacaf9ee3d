"""The team merge (domain/team_merge.py): dots, merge, conflicts, deletions, tombstones, aliases, numbers."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ilot_desktop.domain import team_merge as tm

AT = "2026-12-02T10:00:00"


def write(rec, replica, **values):
    return tm.local_write(rec, "participant", replica, values, AT)


def ship(rec: tm.SyncRecord) -> tm.SyncRecord:
    """Through the real payload encoding, as a package would carry it."""
    pkg = tm.Package("p", "r", "AB", AT, False, {"u": rec}, {}, {})
    doc = json.loads(json.dumps(tm.encode_payload(pkg)))
    return tm.decode_payload(doc).records["u"]


def test_a_field_changed_on_one_side_only_is_taken():
    base = write(None, "A", notes="début", phone="01")
    b = ship(base)
    a2 = write(base, "A", notes="suite")
    merged = tm.merge_records(b, ship(a2))
    assert tm.current_values(merged) == {"notes": "suite", "phone": "01"}
    assert tm.conflicting_fields(merged) == []


def test_a_field_changed_on_both_sides_is_a_conflict_with_both_values_and_moments():
    base = write(None, "A", notes="début")
    a2 = write(base, "A", notes="ici")
    b2 = tm.local_write(ship(base), "participant", "B", {"notes": "là-bas"}, "2026-12-03T09:00:00")
    merged = tm.merge_records(a2, ship(b2))
    assert tm.conflicting_fields(merged) == ["notes"]
    values = tm.distinct_values(merged.fields["notes"])
    assert [v for v, _ in values] == ["ici", "là-bas"]
    assert values[1][1] == [(("B", 1), "2026-12-03T09:00:00")]
    # the other laptop lists the same conflict: the conflict set travels
    assert tm.same_record(merged, tm.merge_records(ship(b2), a2))
    # this laptop keeps its value until a person chooses
    assert tm.current_values(merged, prefer={"notes": "ici"})["notes"] == "ici"
    assert tm.current_values(merged, prefer={"notes": "là-bas"})["notes"] == "là-bas"


def test_equal_values_on_both_sides_are_no_conflict():
    base = write(None, "A", notes="début")
    a2 = write(base, "A", notes="même")
    b2 = tm.local_write(ship(base), "participant", "B", {"notes": "même"}, AT)
    merged = tm.merge_records(a2, b2)
    assert len(merged.fields["notes"]) == 2
    assert tm.conflicting_fields(merged) == []


def test_a_choice_is_a_write_that_settles_the_conflict_everywhere():
    base = write(None, "A", notes="début")
    a2 = write(base, "A", notes="ici")
    b2 = tm.local_write(ship(base), "participant", "B", {"notes": "là-bas"}, AT)
    on_a = tm.merge_records(a2, b2)
    chosen = write(on_a, "A", notes="là-bas")
    on_b = tm.merge_records(tm.merge_records(b2, a2), ship(chosen))
    assert tm.conflicting_fields(on_b) == []
    assert tm.current_values(on_b) == {"notes": "là-bas"}


def test_merge_is_commutative_associative_idempotent():
    base = write(None, "A", notes="x", phone="1")
    a = write(base, "A", notes="a")
    b = tm.local_write(ship(base), "participant", "B", {"phone": "2"}, AT)
    c = tm.local_write(ship(base), "participant", "C", {"notes": "c", "phone": "3"}, AT)
    ab = tm.merge_records(a, b)
    assert tm.same_record(ab, tm.merge_records(b, a))
    assert tm.same_record(tm.merge_records(ab, c), tm.merge_records(a, tm.merge_records(b, c)))
    assert tm.same_record(tm.merge_records(ab, ab), ab)
    assert tm.same_record(tm.merge_records(ab, b), ab)


def test_deletion_seen_everywhere_and_delete_versus_edit_listed():
    base = tm.local_write(None, "appointment", "A", {"report": "r"}, AT)
    deleted = tm.delete_write(base, "A", AT)
    assert tm.is_deleted(deleted) and not tm.deletion_conflict(deleted)
    edited = tm.local_write(ship(base), "appointment", "B", {"report": "r2"}, AT)
    merged = tm.merge_records(deleted, edited)
    assert tm.is_deleted(merged)
    assert tm.deletion_conflict(merged) and tm.edited_after_deletion(merged) == ["report"]
    # an edit the deleter had seen is no conflict
    assert not tm.deletion_conflict(tm.merge_records(tm.delete_write(edited, "A", AT), edited))
    # bringing it back (a choice) is a write of _del = None covering everything
    back = tm.local_write(merged, "appointment", "A", {tm.DEL: None, "report": "r2"}, AT)
    assert not tm.is_deleted(back) and not tm.deletion_conflict(tm.merge_records(back, edited))


def test_tombstones_union_the_stronger_wins():
    a = {"u": tm.Tombstone.of(tm.ANONYMISED, "2026-01-01", "A")}
    b = {"u": tm.Tombstone.of(tm.ERASED, "2025-01-01", "B"), "v": tm.Tombstone.of(tm.ERASED, "2026-02-02", "B")}
    assert tm.merge_tombstones(a, b) == tm.merge_tombstones(b, a)
    assert tm.merge_tombstones(a, b)["u"].reason == tm.ERASED
    assert tm.merge_tombstones(a, {})["u"].reason == tm.ANONYMISED


def test_aliases_point_at_the_smallest_uid_whatever_the_order():
    m1 = tm.merge_aliases(tm.join_aliases("c", "b"), tm.join_aliases("b", "a"))
    m2 = tm.merge_aliases(tm.join_aliases("a", "b"), tm.join_aliases("c", "b"))
    assert m1 == m2 == {"b": "a", "c": "a"}
    assert tm.canonical("c", m1) == "a" and tm.canonical("z", m1) == "z"


def test_renumbering_carries_the_code_of_the_laptop_she_was_created_on():
    taken = {"DE-2025-AB-001"}
    assert tm.renumbered("DE-2025-001", "AB", lambda n: False) == "DE-2025-AB-001"
    assert tm.renumbered("DE-2025-001", "AB", taken.__contains__) == "DE-2025-AB-001-2"
    assert tm.renumbered("DOSSIER 7", "cd", lambda n: False) == "DOSSIER 7-CD"
    assert tm.renumbered("DE-2025-AB-001", "AB", lambda n: False) == "DE-2025-AB-001-AB"


def test_keep_both_joins_the_texts_and_says_where_the_other_came_from():
    text = tm.keep_both_text("ici", "là", "AB", date(2026, 12, 2))
    assert text == "ici\n\n— Reçu de AB le 02/12/2026\u00a0:\nlà"


def test_payload_round_trip_and_refusals():
    rec = tm.local_write(None, "task", "A", {"description": "Appeler", "due_date": "2026-12-03"}, AT)
    pkg = tm.Package(
        "id1", "A", "AB", AT, True, {"u1": rec}, {"u2": tm.Tombstone.of(tm.ERASED, "2026-12-01", "A")}, {"x": "w"}
    )
    back = tm.decode_payload(json.loads(json.dumps(tm.encode_payload(pkg))))
    assert tm.same_record(back.records["u1"], rec)
    assert back.tombstones == pkg.tombstones and back.aliases == {"x": "w"} and back.from_code == "AB"
    for bad in ({}, {"format": 2}, {**tm.encode_payload(pkg), "records": {"u": {"k": "nope", "c": {}, "f": {}}}}):
        with pytest.raises(tm.PayloadError):
            tm.decode_payload(bad)


def test_merge_states_reports_only_what_changed():
    rec = write(None, "A", notes="x")
    assert tm.merge_states({"u": rec}, [("u", ship(rec))]) == {}
    newer = write(rec, "A", notes="y")
    assert set(tm.merge_states({"u": rec}, [("u", newer), ("v", rec)])) == {"u", "v"}


def test_value_hash_is_stable_and_short():
    assert tm.value_hash({"b": 1, "a": [1, 2]}) == tm.value_hash({"a": [1, 2], "b": 1})
    assert len(tm.value_hash("x")) == 12 and tm.value_hash("x") != tm.value_hash("y")


def test_two_deletions_that_saw_different_edits_are_no_conflict():
    base = tm.local_write(None, "appointment", "A", {"report": "r"}, AT)
    on_b = ship(base)
    edited = tm.local_write(base, "appointment", "A", {"report": "r2"}, AT)
    merged = tm.merge_records(tm.delete_write(edited, "A", AT), tm.delete_write(on_b, "B", AT))
    assert tm.is_deleted(merged) and not tm.deletion_conflict(merged)
    # a deletion undone on one side (a choice: keep) while deleted on another is one
    kept = tm.local_write(tm.delete_write(edited, "A", AT), "appointment", "A", {tm.DEL: None}, AT)
    assert tm.deletion_conflict(tm.merge_records(kept, tm.delete_write(on_b, "B", AT)))
