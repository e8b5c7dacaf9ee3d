"""Team work through session.team on two and three real vaults in tmp_path (packages, merge, conflicts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.errors import TeamPackageError, TeamPassphraseError
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

PHRASE = "Phrase d'équipe du programme 2026"


def laptop(tmp_path: Path, code: str):
    opened, _code = vault.create(tmp_path / f"coffre-{code}", PASSWORD, clock=lambda: TODAY)
    opened.participants.set_laptop_code(code)
    return opened


@pytest.fixture
def pair(tmp_path):
    a, b = laptop(tmp_path, "AB"), laptop(tmp_path, "CD")
    yield a, b
    a.close()
    b.close()


def send(src, dst, tmp_path: Path, name: str = "p.ilotpkg", everything: bool = False):
    out = tmp_path / name
    src.team.export_package(out, everything=everything, passphrase=PHRASE)
    return dst.team.import_package(out, passphrase=PHRASE), out


def people(session) -> dict[str, tuple[str, str, str]]:
    """uid -> (number, last name, notes)."""
    out = {}
    for s in session.participants.summaries():
        p = session.participants.get(s.id)
        out[p.uid] = (p.file_number, p.last_name, p.notes)
    return out


def test_export_import_both_ways_and_the_same_package_twice_changes_nothing(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant(file_number="DE-2026-AB-001", last_name="Benali"))
    a.followup.save(Appointment(participant_id=karim.id, start=datetime(2026, 12, 3, 10, 0), report="Premier"))
    result, out = send(a, b, tmp_path)
    assert (result.new, result.from_code, result.already_taken) == (2, "AB", False)
    assert result.summary_lines() == ["Reçu de AB\u00a0: 2 nouveaux enregistrements, 0 mis à jour, 0 inchangé."]
    assert people(b) == people(a)
    again = b.team.import_package(out, passphrase=PHRASE)
    assert again.already_taken and again.summary_lines() == ["Paquet de AB déjà pris en compte\u00a0: rien n'a changé."]
    zoe = b.participants.save(make_participant(file_number="DE-2026-CD-001", last_name="Autrepersonne"))
    back, _ = send(b, a, tmp_path, "q.ilotpkg")
    assert back.new == 1 and back.conflicts == 0
    assert people(a) == people(b) and zoe.uid in people(a)
    assert len(a.followup.timeline(karim.id)) == 1


def test_a_both_sides_edit_is_a_conflict_listed_with_both_values_and_settled_by_a_choice(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant(last_name="Benali", notes="Début"))
    send(a, b, tmp_path)
    a.participants.save(replace(a.participants.get(karim.id), notes="Vu au parloir"))
    on_b = b.participants.summaries()[0].id
    b.participants.save(replace(b.participants.get(on_b), notes="Appel du SPIP", phone="06 11 11 11 11"))
    result, _ = send(b, a, tmp_path, "b1.ilotpkg")
    assert result.conflicts == 1
    here = a.participants.get(karim.id)
    assert (here.notes, here.phone) == ("Vu au parloir", "06 11 11 11 11")  # one side only: taken
    [conflict] = a.team.conflicts()
    assert (conflict.field, conflict.field_label, conflict.record_label) == ("notes", "Notes", "Fiche")
    assert conflict.person == "BENALI Zéphyrin (DE-2026-001)" and conflict.can_keep_both
    assert [(v.text, v.by_code, v.here) for v in conflict.values] == [
        ("Vu au parloir", "AB", True),
        ("Appel du SPIP", "CD", False),
    ]
    assert conflict.values[1].at is not None
    send(a, b, tmp_path, "a1.ilotpkg")
    assert [c.key for c in b.team.conflicts()] == [conflict.key]  # listed on both laptops
    assert b.participants.get(on_b).notes == "Appel du SPIP"  # nothing changed under her feet
    a.team.resolve(conflict.key, 1)
    assert a.participants.get(karim.id).notes == "Appel du SPIP" and a.team.conflicts() == []
    send(a, b, tmp_path, "a2.ilotpkg")
    assert b.team.conflicts() == [] and b.participants.get(on_b).notes == "Appel du SPIP"
    assert a.team.status().conflicts == 0
    actions = [e.action for e in a.audit.events()]
    assert AuditAction.TEAM_CONFLICT_SETTLED.value in actions


def test_keep_both_joins_the_texts(pair, tmp_path):
    a, b = pair
    karim = a.participants.save(make_participant(notes="Début"))
    send(a, b, tmp_path)
    a.participants.save(replace(a.participants.get(karim.id), notes="Ici"))
    on_b = b.participants.summaries()[0].id
    b.participants.save(replace(b.participants.get(on_b), notes="Là-bas"))
    send(b, a, tmp_path, "b.ilotpkg")
    [conflict] = a.team.conflicts()
    a.team.resolve(conflict.key, "both")
    assert a.participants.get(karim.id).notes == "Ici\n\n— Reçu de CD le 27/11/2026\u00a0:\nLà-bas"


def test_a_package_of_another_team_or_passphrase_is_refused_and_the_vault_unchanged(pair, tmp_path):
    a, b = pair
    a.participants.save(make_participant())
    b.participants.save(make_participant(file_number="DE-2026-CD-001"))
    b.team.export_package(tmp_path / "b.ilotpkg", passphrase="Une autre équipe, une autre phrase")
    send(a, a, tmp_path, "mine.ilotpkg")  # A has a team now
    before = people(a)
    with pytest.raises(TeamPackageError):
        a.team.import_package(tmp_path / "b.ilotpkg", passphrase=PHRASE)
    a.team.export_package(tmp_path / "a.ilotpkg", everything=True)
    c = laptop(tmp_path, "EF")
    try:
        with pytest.raises(TeamPassphraseError):  # a new colleague mistyping the passphrase
            c.team.import_package(tmp_path / "a.ilotpkg", passphrase="mauvaise")
        with pytest.raises(TeamPassphraseError):  # none given
            c.team.import_package(tmp_path / "a.ilotpkg")
        assert people(c) == {} and not c.team.status().joined
    finally:
        c.close()
    damaged = bytearray((tmp_path / "a.ilotpkg").read_bytes())
    damaged[-3] ^= 1
    (tmp_path / "d.ilotpkg").write_bytes(bytes(damaged))
    with pytest.raises(TeamPackageError):
        a.team.import_package(tmp_path / "d.ilotpkg")
    assert people(a) == before


def test_access_log_records_sent_and_received_with_counts_and_no_names(pair, tmp_path):
    a, b = pair
    a.participants.save(make_participant(last_name="Benali"))
    send(a, b, tmp_path)
    sent = [e for e in a.audit.events() if e.action == AuditAction.TEAM_SENT.value]
    received = [e for e in b.audit.events() if e.action == AuditAction.TEAM_RECEIVED.value]
    assert [e.detail for e in sent] == ["1 dossier, de AB"]
    assert [e.detail for e in received] == ["1 dossier, de AB"]
    assert all("Benali" not in e.detail and "Zéphyrin" not in e.detail for e in a.audit.events() + b.audit.events())
    assert [(p.code, p.last_package_at is not None) for p in b.team.status().peers] == [("AB", True)]


def test_the_team_folder_is_checked_then_used_by_sync(pair, tmp_path):
    from ilot_desktop.errors import ValidationError

    a, _b = pair
    with pytest.raises(ValidationError, match="introuvable"):
        a.team.set_folder(tmp_path / "absent")
    shared = tmp_path / "equipe"
    shared.mkdir()
    a.team.set_folder(shared)
    a.team.set_passphrase(PHRASE)
    a.participants.save(make_participant())
    status = a.team.status()
    assert (status.folder, status.joined, status.laptop_code, status.last_sent_at) == (shared, True, "AB", None)
    sent = a.team.sync().sent
    assert sent is not None and sent.path.parent == shared and sent.path.name.startswith("equipe-")
    assert a.team.sync().sent is None  # nothing changed since: nothing written
    assert a.team.status().last_sent_at is not None
