"""Team work's rules on real vaults: renumbering, joined actions, erasure and anonymisation travelling, order-free
exchanges between three laptops, hand-over, a restored backup's new replica id, the figures after exchange."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import ActionType, Attendance, EndReason
from ilot_desktop.errors import TeamPassphraseError
from tests.factories import make_participant
from tests.integration.test_team_service import PHRASE, laptop, people, send

WORKSHOP = datetime(2026, 11, 12, 14, 0)


@pytest.fixture
def pair(tmp_path):
    a, b = laptop(tmp_path, "AB"), laptop(tmp_path, "CD")
    yield a, b
    a.close()
    b.close()


def uid_of(session, pid: int) -> str:
    return session.participants.get(pid).uid


def pid_of(session, uid: str) -> int:
    return next(s.id for s in session.participants.summaries() if session.participants.get(s.id).uid == uid)


def test_a_colliding_incoming_file_is_renumbered_and_keeps_its_former_number(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant(file_number="DE-2025-001", last_name="Benali"))
    zoe = b.participants.save(make_participant(file_number="DE-2025-001", last_name="Autrepersonne"))
    result, _ = send(a, b, tmp_path)
    assert result.renumbered == (("DE-2025-001", "DE-2025-AB-001"),)
    assert "le dossier DE-2025-001 devient DE-2025-AB-001" in " ".join(result.summary_lines())
    on_b = b.participants.get(pid_of(b, karim.uid))
    assert (on_b.last_name, on_b.file_number, on_b.former_numbers) == ("Benali", "DE-2025-AB-001", "DE-2025-001")
    assert b.participants.get(zoe.id).file_number == "DE-2025-001"  # hers untouched
    send(b, a, tmp_path, "b.ilotpkg")
    assert people(a) == people(b)  # the renumbering travelled back: both laptops agree
    assert a.participants.get(karim.id).former_numbers == "DE-2025-001"


def test_a_collective_action_recorded_on_both_laptops_is_joined_with_every_registration(pair, tmp_path):
    a, b = pair
    for session, name in ((a, "Benali"), (b, "Dupont")):
        person = session.participants.save(make_participant(file_number=f"DE-2026-{name[:2]}-001", last_name=name))
        action = session.actions.save(
            CollectiveAction(
                reference=f"AC-{name[:2]}", action_type=ActionType.TRE_WORKSHOP, title="Atelier CV", start=WORKSHOP
            )
        )
        session.actions.register(action.id, person.id)
        session.actions.set_attendance(action.id, person.id, Attendance.PRESENT)
    result, _ = send(a, b, tmp_path)
    assert result.joined_actions == 1
    # same day, type and title: one action; its two references are listed for a person to choose
    [conflict] = b.team.conflicts()
    assert (conflict.field_label, [v.text for v in conflict.values]) == ("Réf. action", ["AC-DU", "AC-BE"])
    b.team.resolve(conflict.key, 0)
    send(b, a, tmp_path, "b.ilotpkg")
    assert a.team.conflicts() == []
    for session in (a, b):
        [summary] = session.actions.summaries()
        assert len(session.actions.registrations(summary.action.id)) == 2 and summary.registered == 2
    assert a.indicators.compute(2026) == b.indicators.compute(2026)


def test_an_erasure_travels_and_a_stale_package_never_brings_her_back(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant(last_name="Benali"))
    a.followup.save(Appointment(participant_id=karim.id, start=datetime(2026, 12, 3, 10, 0), report="Confidentiel"))
    _, stale = send(a, b, tmp_path, everything=True)
    a.privacy.erase(karim.id)
    result, _ = send(a, b, tmp_path, "erase.ilotpkg")
    assert result.erased == 1 and people(b) == {}
    erased = [e for e in b.audit.events() if e.action == AuditAction.PARTICIPANT_ERASED.value]
    assert erased and "reçu de AB" in erased[0].detail and "Benali" not in erased[0].detail
    b.team.import_package(stale)  # already taken: nothing
    c = laptop(tmp_path, "EF")
    try:
        c.team.import_package(stale, passphrase=PHRASE)  # a third laptop got the old package first
        assert len(people(c)) == 1
        send(b, c, tmp_path, "b.ilotpkg", everything=True)
        assert people(c) == {}
        c.team.import_package(stale)  # and again: she does not come back
        assert people(c) == {}
    finally:
        c.close()


def test_an_anonymisation_travels(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(
        make_participant(
            last_name="Benali",
            entry_date=date(2022, 1, 10),
            end_date=date(2023, 3, 1),
            end_reason=EndReason.PERIOD_OVER,
        )
    )
    send(a, b, tmp_path)
    on_b = pid_of(b, karim.uid)
    b.participants.save(replace(b.participants.get(on_b), notes="Note écrite sur CD"))
    assert a.privacy.anonymise([karim.id]) == 1
    result, _ = send(a, b, tmp_path, "anon.ilotpkg")
    person = b.participants.get(on_b)
    assert person.last_name == "Anonyme" and person.anonymised_on is not None and person.notes == ""
    assert result.anonymised == 0  # it came as the anonymised file itself
    assert b.team.conflicts() == []  # nothing about her waits with her old words
    send(b, a, tmp_path, "b.ilotpkg")
    assert people(a) == people(b) and a.team.conflicts() == []


def test_three_laptops_in_any_order_converge(tmp_path):
    laptops = [laptop(tmp_path, code) for code in ("AB", "CD", "EF")]
    try:
        for i, session in enumerate(laptops):
            session.participants.save(make_participant(file_number=f"DE-2026-{i}", last_name=f"Personne{i}"))
        for n, (src, dst) in enumerate(((0, 1), (1, 2), (2, 0), (0, 1), (1, 2))):  # a ring, delta packages
            send(laptops[src], laptops[dst], tmp_path, f"r{n}.ilotpkg")
        assert people(laptops[0]) == people(laptops[1]) == people(laptops[2])
        assert len(people(laptops[0])) == 3
    finally:
        for session in laptops:
            session.close()


def test_order_free_two_packages_taken_in_either_order_give_the_same_file(tmp_path):
    a, b, c, d = (laptop(tmp_path, code) for code in ("AB", "CD", "EF", "GH"))
    try:
        base = a.participants.save(make_participant(notes="Début"))
        _, first = send(a, b, tmp_path, "base.ilotpkg")
        for session in (c, d):
            session.team.import_package(first, passphrase=PHRASE)
        a.participants.save(replace(a.participants.get(base.id), notes="A", phone="01 23 45 67 89"))
        on_b = b.participants.summaries()[0].id
        b.participants.save(replace(b.participants.get(on_b), notes="B", email="b@example.org"))
        from_a, from_b = tmp_path / "a.ilotpkg", tmp_path / "b.ilotpkg"
        a.team.export_package(from_a)
        b.team.export_package(from_b)
        for session, order in ((c, (from_a, from_b)), (d, (from_b, from_a))):
            for path in order:
                session.team.import_package(path)
        assert people(c) == people(d)
        assert [x.key for x in c.team.conflicts()] == [x.key for x in d.team.conflicts()]
    finally:
        for session in (a, b, c, d):
            session.close()


def test_hand_over_sends_the_files_whole_and_the_sender_keeps_a_trace(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant(last_name="Benali"))
    a.participants.save(make_participant(file_number="DE-2026-002", last_name="Gardée"))
    a.followup.save(Appointment(participant_id=karim.id, start=datetime(2026, 12, 3, 10, 0)))
    out = tmp_path / "transmis.ilotpkg"
    result = a.team.hand_over([karim.id], "CD", out, passphrase=PHRASE)
    assert result.records == 2
    b.team.import_package(out, passphrase=PHRASE)
    assert [p[1] for p in people(b).values()] == ["Benali"]
    assert len(b.followup.timeline(pid_of(b, karim.uid))) == 1
    [(to, at)] = a.team.handovers(karim.id)
    assert to == "CD" and at.date() == date(2026, 11, 27)
    assert AuditAction.TEAM_HANDOVER.value in [e.action for e in a.audit.events()]


def test_funder_figures_after_exchange_equal_the_one_vault_figures(pair, tmp_path):
    a, b = pair
    whole = laptop(tmp_path, "EF")
    try:
        for session, names in ((a, ("Un", "Deux")), (b, ("Trois",))):
            for name in names:
                for target in (session, whole):
                    person = target.participants.save(
                        make_participant(file_number=f"DE-2026-{name}", last_name=name, entry_date=date(2026, 3, 1))
                    )
                    target.followup.save(
                        Appointment(participant_id=person.id, start=datetime(2026, 4, 2, 10, 0), duration_min=45)
                    )
        send(a, b, tmp_path)
        send(b, a, tmp_path, "b.ilotpkg")
        assert a.indicators.compute(2026) == b.indicators.compute(2026) == whole.indicators.compute(2026)
    finally:
        whole.close()


def test_deleted_here_and_edited_there_is_listed_then_settled(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant())
    appointment = a.followup.save(Appointment(participant_id=karim.id, start=datetime(2026, 12, 3, 10, 0), report="R"))
    send(a, b, tmp_path)
    a.followup.delete(appointment.id)
    on_b = b.followup.timeline(pid_of(b, karim.uid))[0].appointment
    b.followup.save(replace(on_b, report="Compte rendu écrit sur CD"))
    result, _ = send(b, a, tmp_path, "b.ilotpkg")
    assert result.conflicts == 1
    [conflict] = a.team.conflicts()
    assert conflict.deletion and conflict.record_label.startswith("Rendez-vous du 03/12/2026")
    assert [(v.value, v.here, v.by_code) for v in conflict.values] == [("delete", True, "AB"), ("keep", False, "CD")]
    assert a.followup.timeline(karim.id) == []  # nothing changed under her feet
    a.team.resolve(conflict.key, 1)  # keep it, with the report written on CD
    [kept] = a.followup.timeline(karim.id)
    assert kept.appointment.report == "Compte rendu écrit sur CD"
    send(a, b, tmp_path, "a.ilotpkg")
    assert a.team.conflicts() == b.team.conflicts() == []
    assert len(b.followup.timeline(pid_of(b, karim.uid))) == 1


def test_a_deletion_seen_by_the_other_side_travels(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant())
    appointment = a.followup.save(Appointment(participant_id=karim.id, start=datetime(2026, 12, 3, 10, 0)))
    send(a, b, tmp_path)
    a.followup.delete(appointment.id)
    result, _ = send(a, b, tmp_path, "del.ilotpkg")
    assert result.conflicts == 0 and b.followup.timeline(pid_of(b, karim.uid)) == []


def test_a_restored_backup_draws_a_new_replica_id(tmp_path):
    from ilot_desktop.services import vault
    from ilot_desktop.services.backup import restore
    from tests.conftest import PASSWORD, TODAY

    a = laptop(tmp_path, "AB")
    a.participants.save(make_participant())
    a.team.export_package(tmp_path / "p.ilotpkg", passphrase=PHRASE)
    folder = a.backups.write()
    with a._database.unit_of_work() as uow:
        before = uow.settings.get("team.replica_id")
    a.close()
    restore(tmp_path / "coffre-AB", folder, PASSWORD)
    again = vault.unlock(tmp_path / "coffre-AB", PASSWORD, clock=lambda: TODAY)
    try:
        again.team.export_package(tmp_path / "q.ilotpkg")
        with again._database.unit_of_work() as uow:
            after = uow.settings.get("team.replica_id")
        assert before and after and before != after
    finally:
        again.close()


def test_a_changed_passphrase_is_asked_for_then_adopted(pair, tmp_path):
    a, b = pair
    a.participants.save(make_participant())
    send(a, b, tmp_path)
    a.team.export_package(tmp_path / "old.ilotpkg", everything=True)  # sealed before the change
    with pytest.raises(TeamPassphraseError):
        a.team.change_passphrase("pas la bonne", "Nouvelle phrase 2027")
    a.team.change_passphrase(PHRASE, "Nouvelle phrase 2027")
    a.participants.save(make_participant(file_number="DE-2026-002", last_name="Seconde"))
    a.team.export_package(tmp_path / "new.ilotpkg")
    with pytest.raises(TeamPassphraseError):
        b.team.import_package(tmp_path / "new.ilotpkg")  # the salt changed: asked for
    assert b.team.import_package(tmp_path / "new.ilotpkg", passphrase="Nouvelle phrase 2027").new == 1
    b.team.export_package(tmp_path / "back.ilotpkg")  # with the new key, without typing it again
    a.team.import_package(tmp_path / "back.ilotpkg")
    with pytest.raises(TeamPassphraseError):  # a script still holding the replaced passphrase
        b.team.import_package(tmp_path / "old.ilotpkg", passphrase=PHRASE)
    with pytest.raises(TeamPassphraseError):  # sealed with the replaced passphrase: refused (F1's rule)
        b.team.import_package(tmp_path / "old.ilotpkg")
    b.team.export_package(tmp_path / "again.ilotpkg")
    a.team.import_package(tmp_path / "again.ilotpkg")


def test_sync_through_a_folder_skips_a_damaged_package_and_says_why(pair, tmp_path):
    a, b = pair
    shared = tmp_path / "equipe"
    shared.mkdir()
    a.participants.save(make_participant())
    first = a.team.sync(shared, passphrase=PHRASE)
    assert first.sent is not None and first.received == () and first.refused == ()
    (shared / "equipe-0000000000000000.ilotpkg").write_bytes(b"ILOTEQ\x00\x01 abime")
    got = b.team.sync(shared, passphrase=PHRASE)
    assert [r.from_code for r in got.received] == ["AB"] and len(people(b)) == 1
    assert got.refused and "incomplet" in got.refused[0][1]
    assert a.team.sync(shared).sent is None or people(a) == people(b)
    assert [p.code for p in a.team.programme_scope()] == ["AB", "CD"]


def test_an_action_renamed_onto_another_actions_reference_is_joined_with_it(pair, tmp_path):
    """Rule 1: two actions with the same Réf. are the same action: joined (never a refused package), every
    registration kept (one person registered in both: one registration), the differing values listed."""
    a, b = pair
    karim = a.participants.save(make_participant(file_number="DE-2026-AB-001", last_name="Benali"))
    first = a.actions.save(
        CollectiveAction(reference="AC-1", action_type=ActionType.TRE_WORKSHOP, title="Atelier CV", start=WORKSHOP)
    )
    a.actions.register(first.id, karim.id)
    send(a, b, tmp_path)
    a.actions.save(replace(a.actions.get(first.id), reference="AC-3"))
    other = b.actions.save(
        CollectiveAction(
            reference="AC-3", action_type=ActionType.TRE_WORKSHOP, title="Autre atelier", start=datetime(2026, 11, 20)
        )
    )
    on_b = pid_of(b, karim.uid)
    b.actions.register(other.id, on_b)
    dupont = b.participants.save(make_participant(file_number="DE-2026-CD-001", last_name="Dupont"))
    b.actions.register(other.id, dupont.id)
    result, _ = send(a, b, tmp_path, "a.ilotpkg")
    assert result.joined_actions == 1
    [joined] = b.actions.summaries()
    assert joined.action.reference == "AC-3" and joined.registered == 2
    assert {c.field for c in b.team.conflicts()} >= {"title"}
    for n in range(2):
        send(b, a, tmp_path, f"b{n}.ilotpkg")
        send(a, b, tmp_path, f"a{n + 1}.ilotpkg")
    for session in (a, b):
        [summary] = session.actions.summaries()
        assert summary.action.reference == "AC-3" and summary.registered == 2
    assert [c.field for c in a.team.conflicts()] == [c.field for c in b.team.conflicts()]


def test_editing_a_field_in_conflict_keeps_the_colleagues_value_listed(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant(last_name="Benali", notes="Début"))
    send(a, b, tmp_path)
    a.participants.save(replace(a.participants.get(karim.id), notes="A : vu au parloir"))
    on_b = pid_of(b, karim.uid)
    b.participants.save(replace(b.participants.get(on_b), notes="B : appel du SPIP"))
    send(b, a, tmp_path, "b.ilotpkg")
    a.participants.save(replace(a.participants.get(karim.id), notes="A : vu au parloir. RDV pris"))
    [conflict] = a.team.conflicts()  # the edit replaced only this laptop's value: the colleague's still waits
    assert [v.value for v in conflict.values] == ["A : vu au parloir. RDV pris", "B : appel du SPIP"]
    send(a, b, tmp_path, "a.ilotpkg")
    assert b.participants.get(on_b).notes == "B : appel du SPIP"  # never overwritten before a choice
    [on_other] = b.team.conflicts()
    assert {v.value for v in on_other.values} == {"A : vu au parloir. RDV pris", "B : appel du SPIP"}
    a.team.resolve(conflict.key, 1)
    send(a, b, tmp_path, "a2.ilotpkg")
    assert a.team.conflicts() == b.team.conflicts() == []
    assert b.participants.get(on_b).notes == a.participants.get(karim.id).notes == "B : appel du SPIP"


def test_her_own_file_renumbered_by_a_colleagues_package_is_told(pair, tmp_path):
    a, b = pair
    xavier = a.participants.save(make_participant(file_number="DE-2026-001", last_name="Xavier"))
    b.participants.save(make_participant(file_number="DE-2026-001", last_name="Yann"))
    send(a, b, tmp_path)  # on CD, Xavier's file (made on AB) becomes DE-2026-AB-001
    result, _ = send(b, a, tmp_path, "b.ilotpkg")
    assert a.participants.get(xavier.id).file_number == "DE-2026-AB-001"
    assert ("DE-2026-001", "DE-2026-AB-001") in result.renumbered
    assert "le dossier DE-2026-001 devient DE-2026-AB-001" in " ".join(result.summary_lines())


def test_records_already_held_as_they_are_are_skipped_before_any_merge(pair, tmp_path, monkeypatch):
    from ilot_desktop.services import team_apply

    a, b = pair
    karim = a.participants.save(make_participant())
    for day in range(1, 6):
        a.followup.save(Appointment(participant_id=karim.id, start=datetime(2026, 12, day, 10, 0)))
    send(a, b, tmp_path)
    merges: list[object] = []
    real = team_apply.merge_records
    monkeypatch.setattr(team_apply, "merge_records", lambda x, y: merges.append(1) or real(x, y))
    result, _ = send(b, a, tmp_path, "b.ilotpkg", everything=True)  # a first package forwards everything
    assert (result.unchanged, result.updated, result.new) == (6, 0, 0)
    assert merges == []


def _person_deleted_here_and_changed_there(a, b, tmp_path):
    karim = a.participants.save(make_participant(last_name="Benali", notes="Début"))
    a.followup.save(Appointment(participant_id=karim.id, start=datetime(2026, 12, 1, 10, 0), report="CR un"))
    send(a, b, tmp_path, "base.ilotpkg")
    on_b = pid_of(b, karim.uid)
    b.participants.save(replace(b.participants.get(on_b), notes="CD la garde"))
    b.followup.save(Appointment(participant_id=on_b, start=datetime(2026, 12, 2, 10, 0), report="CR deux sur CD"))
    a.participants.delete(karim.id)
    a.team.export_package(tmp_path / "del.ilotpkg", passphrase=PHRASE)
    result = b.team.import_package(tmp_path / "del.ilotpkg", passphrase=PHRASE)
    assert result.conflicts == 1
    reports = sorted(v.appointment.report for v in b.followup.timeline(on_b))
    assert reports == ["CR deux sur CD", "CR un"]  # nothing deleted on CD before a person chose
    return karim, on_b


def _reports(session, uid):
    ids = [s.id for s in session.participants.summaries() if session.participants.get(s.id).uid == uid]
    return sorted(v.appointment.report for v in session.followup.timeline(ids[0])) if ids else None


def test_a_person_deleted_here_and_changed_there_comes_back_with_all_her_records_when_kept(pair, tmp_path):
    a, b = pair
    karim, _on_b = _person_deleted_here_and_changed_there(a, b, tmp_path)
    send(b, a, tmp_path, "b1.ilotpkg")
    [conflict] = a.team.conflicts()
    assert conflict.deletion
    a.team.resolve(conflict.key, 1)  # kept, with CD's changes
    for n in range(2):
        send(a, b, tmp_path, f"a{n}.ilotpkg")
        send(b, a, tmp_path, f"b{n + 2}.ilotpkg")
    assert _reports(a, karim.uid) == _reports(b, karim.uid) == ["CR deux sur CD", "CR un"]
    assert a.team.conflicts() == b.team.conflicts() == []


def test_a_person_deleted_here_and_changed_there_is_deleted_everywhere_when_the_deletion_is_chosen(pair, tmp_path):
    a, b = pair
    karim, _on_b = _person_deleted_here_and_changed_there(a, b, tmp_path)
    [conflict] = b.team.conflicts()
    b.team.resolve(conflict.key, next(i for i, v in enumerate(conflict.values) if v.value == "delete"))
    for n in range(2):
        send(b, a, tmp_path, f"b{n}.ilotpkg")
        send(a, b, tmp_path, f"a{n}.ilotpkg")
    assert _reports(a, karim.uid) is None and _reports(b, karim.uid) is None
    assert a.team.conflicts() == b.team.conflicts() == []


def test_a_person_deleted_here_and_changed_there_kept_on_the_laptop_that_changed_her(pair, tmp_path):
    a, b = pair
    karim, _on_b = _person_deleted_here_and_changed_there(a, b, tmp_path)
    [conflict] = b.team.conflicts()
    b.team.resolve(conflict.key, next(i for i, v in enumerate(conflict.values) if v.value == "keep"))
    for n in range(2):
        send(b, a, tmp_path, f"b{n}.ilotpkg")
        send(a, b, tmp_path, f"a{n}.ilotpkg")
    assert _reports(a, karim.uid) == _reports(b, karim.uid) == ["CR deux sur CD", "CR un"]
    assert a.team.conflicts() == b.team.conflicts() == []


def test_a_barrier_renamed_onto_another_barrier_of_the_same_person_is_joined_with_it(pair, tmp_path):
    from ilot_desktop.domain.barriers import Barrier
    from ilot_desktop.domain.vocabulary import BarrierCategory

    a, b = pair
    karim = a.participants.save(make_participant(last_name="Benali"))
    housing = BarrierCategory.HOUSING
    first = a.barriers.save(Barrier(participant_id=karim.id, category=housing, item="Sans logement"))
    send(a, b, tmp_path)
    a.barriers.save(replace(a.barriers.get(first.id), item="Hébergé chez un tiers"))
    on_b = pid_of(b, karim.uid)
    b.barriers.save(Barrier(participant_id=on_b, category=housing, item="Hébergé chez un tiers", comment="Vu sur CD"))
    result, _ = send(a, b, tmp_path, "a.ilotpkg")  # never refused: the same barrier, joined
    assert result.conflicts == 1
    for n in range(2):
        send(b, a, tmp_path, f"b{n}.ilotpkg")
        send(a, b, tmp_path, f"a{n + 1}.ilotpkg")
    for session, pid in ((a, karim.id), (b, on_b)):
        [barrier] = session.barriers.for_participant(pid)
        assert barrier.item == "Hébergé chez un tiers"
        assert [c.field for c in session.team.conflicts()] == ["comment"]
