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


# --- fix round 15: replaced passphrase, damaged packages, one programme under two team ids, a code worn twice ---

NEW_PHRASE = "Nouvelle phrase après un départ, 2027"


def _settings(session, key: str):
    with session.team._db.unit_of_work() as uow:
        return uow.settings.get(key)


def test_a_package_sealed_with_a_replaced_passphrase_is_refused_everywhere(tmp_path):
    """A colleague who left keeps the old phrase: what she seals after the change is refused on every laptop (import:
    exit 3; sync: listed as refused); only the old salt is kept, never the old key; the laptop that changed the phrase
    and the one that adopted it each send everything again, under the new key."""
    a, b, c = laptop(tmp_path, "AB"), laptop(tmp_path, "CD"), laptop(tmp_path, "EF")
    try:
        karim = a.participants.save(make_participant(last_name="Benali"))
        base = a.team.export_package(tmp_path / "base.ilotpkg", everything=True, passphrase=PHRASE).path
        b.team.import_package(base, passphrase=PHRASE)
        c.team.import_package(base, passphrase=PHRASE)
        a.team.change_passphrase(PHRASE, NEW_PHRASE)
        assert _settings(a, "team.old_keys") is None and _settings(a, "team.retired_salts")
        after = a.team.export_package(tmp_path / "apres.ilotpkg", passphrase=NEW_PHRASE)
        assert after.records == 1  # nothing changed, yet everything again: under the new key
        assert c.team.import_package(after.path, passphrase=NEW_PHRASE).unchanged == 1
        assert c.team.export_package(tmp_path / "ef.ilotpkg").records == 1  # EF adopted it: everything again too
        assert a.team.export_package(tmp_path / "ab2.ilotpkg").records == 0  # once only
        b.privacy.erase(next(s.id for s in b.participants.summaries()))
        b.participants.save(make_participant(last_name="Injecte", file_number="DE-2026-099"))
        forged = b.team.export_package(tmp_path / "depart.ilotpkg", passphrase=PHRASE).path
        folder = tmp_path / "equipe"
        folder.mkdir()
        (folder / "equipe-0123456789abcdef.ilotpkg").write_bytes(forged.read_bytes())
        for session in (a, c):
            before = people(session)
            with pytest.raises(TeamPassphraseError, match="ancienne phrase de passe d'équipe\u00a0: ignoré"):
                session.team.import_package(forged)
            with pytest.raises(TeamPassphraseError, match="ancienne"):
                session.team.import_package(forged, passphrase=NEW_PHRASE)
            result = session.team.sync(folder)
            assert "CD" not in {r.from_code for r in result.received} and "ancienne phrase" in result.refused[0][1]
            assert people(session) == before and karim.uid in before
    finally:
        for session in (a, b, c):
            session.close()


def _flipped(data: bytes, offset: int) -> bytes:
    bad = bytearray(data)
    bad[offset] ^= 1
    return bytes(bad)


def test_a_damaged_salt_or_half_copied_package_never_stops_the_exchange(tmp_path):
    """One byte of the salt damaged is « endommagé », not a wrong passphrase, when the passphrase given is the team's;
    in the team folder no package stops the others; a new colleague joins through the packages her phrase opens."""
    a, b, c = laptop(tmp_path, "AB"), laptop(tmp_path, "CD"), laptop(tmp_path, "EF")
    folder = tmp_path / "equipe"
    folder.mkdir()
    try:
        a.participants.save(make_participant(last_name="Benali"))
        sent = a.team.sync(folder, passphrase=PHRASE).sent
        b.team.sync(folder, passphrase=PHRASE)
        assert sent is not None
        data = sent.path.read_bytes()
        salt = tmp_path / "sel.ilotpkg"
        salt.write_bytes(_flipped(data, 40))
        with pytest.raises(TeamPackageError, match="endommagé ou scellé avec une autre phrase de passe"):
            b.team.import_package(salt, passphrase=PHRASE)
        with pytest.raises(TeamPassphraseError, match="incorrecte"):
            b.team.import_package(salt, passphrase="Pas la phrase de l'équipe")
        with pytest.raises(TeamPassphraseError, match="nouvelle phrase de passe"):
            b.team.import_package(salt)
        (folder / "equipe-0000000000000000.ilotpkg").write_bytes(_flipped(data, 40))  # sorted first
        (folder / "equipe-0000000000000001.ilotpkg").write_bytes(data[: len(data) // 2])  # half copied
        (folder / "equipe-0000000000000002.ilotpkg").write_bytes(b"")  # a placeholder of a sync client
        a.participants.save(make_participant(last_name="Second", file_number="DE-2026-002"))
        a.team.sync(folder)
        asked = b.team.sync(folder)  # no passphrase given: the unknown salt waits for it, the rest is taken in
        assert asked.needs_passphrase and len(asked.received) == 1 and len(people(b)) == 2
        reasons = dict(asked.refused)
        assert "nouvelle phrase de passe" in reasons["equipe-0000000000000000.ilotpkg"]
        assert "endommagé" in reasons["equipe-0000000000000001.ilotpkg"]
        assert "pas un paquet" in reasons["equipe-0000000000000002.ilotpkg"]
        given = b.team.sync(folder, passphrase=PHRASE)
        assert (
            not given.needs_passphrase
            and "endommagé ou scellé" in dict(given.refused)["equipe-0000000000000000.ilotpkg"]
        )
        assert _settings(b, "team.full_next") is None and not _settings(b, "team.retired_salts")  # key kept
        joined = c.team.sync(folder, passphrase=PHRASE)  # a new colleague: the damaged copy comes first
        assert c.team.status().joined and len(people(c)) == 2 and len(joined.refused) == 3
        d = laptop(tmp_path, "GH")
        try:
            with pytest.raises(TeamPassphraseError, match="incorrecte"):
                d.team.sync(folder, passphrase="Pas la phrase de l'équipe")
            assert not d.team.status().joined and people(d) == {}
        finally:
            d.close()
    finally:
        for session in (a, b, c):
            session.close()


def test_two_laptops_that_sent_before_receiving_end_in_one_team(tmp_path):
    """Each laptop created its team offline from the same passphrase: the larger team id joins the smaller one and
    sends everything again; the smaller waits for it; a package the passphrase does not open stays foreign."""
    a, b = laptop(tmp_path, "AB"), laptop(tmp_path, "CD")
    fa, fb = tmp_path / "copie-a", tmp_path / "copie-b"
    fa.mkdir()
    fb.mkdir()
    try:
        a.participants.save(make_participant(last_name="Xavier"))
        b.participants.save(make_participant(last_name="Yann", file_number="DE-2026-002"))
        a.team.sync(fa, passphrase=PHRASE)
        b.team.sync(fb, passphrase=PHRASE)
        ids = {s: _settings(s, "team.id") for s in (a, b)}
        small, large = sorted((a, b), key=ids.__getitem__)
        for path in [*fa.iterdir(), *fb.iterdir()]:
            for other in (fa, fb):
                if not (other / path.name).exists():
                    (other / path.name).write_bytes(path.read_bytes())
        waiting = small.team.sync(fa if small is a else fb, passphrase=PHRASE)
        assert waiting.received == () and "rejoint l'équipe à son prochain envoi" in waiting.refused[0][1]
        joined = large.team.sync(fa if large is a else fb, passphrase=PHRASE)
        assert joined.refused == () and len(joined.received) == 1 and joined.sent is not None
        assert _settings(large, "team.id") == ids[small] and joined.sent.records == 2  # everything, under the team
        for path in [*fa.iterdir(), *fb.iterdir()]:
            for other in (fa, fb):
                if not (other / path.name).exists():
                    (other / path.name).write_bytes(path.read_bytes())
        done = small.team.sync(fa if small is a else fb, passphrase=PHRASE)
        assert done.refused == () and len(people(small)) == len(people(large)) == 2
        assert small.team.sync(fa if small is a else fb).refused == ()  # the waiting package was superseded
        stranger = laptop(tmp_path, "EF")
        try:
            stranger.participants.save(make_participant(last_name="Zed", file_number="DE-2026-003"))
            out = stranger.team.export_package(tmp_path / "autre.ilotpkg", passphrase="Une autre équipe, 2026")
            with pytest.raises(TeamPackageError, match="autre équipe"):
                small.team.import_package(out.path, passphrase=PHRASE)
        finally:
            stranger.close()
    finally:
        a.close()
        b.close()


def test_a_laptop_code_worn_by_two_laptops_is_said(tmp_path):
    (tmp_path / "autre").mkdir()
    a, b = laptop(tmp_path, "AB"), laptop(tmp_path / "autre", "AB")
    try:
        a.participants.save(make_participant(last_name="Benali"))
        result, _out = send(a, b, tmp_path)
        assert result.same_code == "AB"
        assert (
            "Un autre ordinateur porte aussi le code AB\u00a0: changez l'un des deux dans Préférences."
            in result.summary_lines()
        )
        assert b.team.status().same_code_elsewhere and not a.team.status().same_code_elsewhere
    finally:
        a.close()
        b.close()
