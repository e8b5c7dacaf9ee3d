"""« Conflits à régler » driven through its real widgets (issue 15, « a GUI test of the conflicts page »): two vaults
made through the services edit the same fields of the same person, exchange packages, and the window of the first
shows each conflict side by side; a person keeps one side, keeps both texts, and the list is then empty while the
values chosen are saved in the file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

TEAM = "Équipe Dynamiques Emploi, printemps 2026"


def open_vault(folder: Path, code: str):
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.participants.set_laptop_code(code)
    return session


def person_by_uid(session, uid: str):
    for summary in session.participants.summaries():
        person = session.participants.get(summary.id)
        if person.uid == uid:
            return person
    raise AssertionError("no such person")


def conflicting_laptops(tmp_path: Path, take_in: bool = True) -> tuple[Path, str, Path]:
    """Laptop AB created Karim and sent him to CD; both then changed his phone and his notes differently; AB took in
    CD's package (unless ``take_in`` is False): two conflicts wait on AB. (AB's folder, Karim's uid, CD's package.)"""
    ab_dir, cd_dir = tmp_path / "portable-ab", tmp_path / "portable-cd"
    ab, cd = open_vault(ab_dir, "AB"), open_vault(cd_dir, "CD")
    try:
        ab.team.set_passphrase(TEAM)
        karim = ab.participants.save(
            make_participant(file_number="DE-2026-AB-001", phone="06 11 11 11 11", notes="Premier entretien.")
        )
        first = ab.team.export_package(tmp_path / "premier.ilotpkg")
        cd.team.import_package(first.path, passphrase=TEAM)
        there = person_by_uid(cd, karim.uid)
        cd.participants.save(replace(there, phone="07 22 22 22 22", notes="Vu au SPIP : projet cuisine."))
        back = cd.team.export_package(tmp_path / "retour.ilotpkg")
        here = ab.participants.get(karim.id)
        ab.participants.save(replace(here, phone="06 33 33 33 33", notes="Vu au parloir : projet logistique."))
        if take_in:
            assert ab.team.import_package(back.path).conflicts == 2
    finally:
        ab.close()
        cd.close()
    return ab_dir, karim.uid, back.path


@pytest.fixture
def laptops(tmp_path):
    folder, uid, _package = conflicting_laptops(tmp_path)
    return folder, uid


def test_the_conflicts_page_shows_both_sides_and_settles_them(make_window, qtbot, answers, laptops):
    folder, uid = laptops
    window = make_window(folder)
    window.unlock(PASSWORD)
    assert window.menus.conflicts_action.isEnabled()
    window.menus.conflicts_action.trigger()
    dialog = window.conflicts_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Conflits à régler"
    assert dialog.list.count() == 2
    assert dialog.intro.text().startswith("2 conflits attendent votre choix\u00a0:")
    labels = [dialog.conflicts[row].field_label for row in range(2)]
    phone_row = next(row for row, c in enumerate(dialog.conflicts) if c.field == "phone")
    dialog.list.setCurrentRow(phone_row)
    here, there = dialog.sides
    assert here.title() == "Sur cet ordinateur"
    assert there.title().startswith("Reçu de CD le ")
    assert here.text.text() == "06 33 33 33 33" and there.text.text() == "07 22 22 22 22"
    assert here.author.text().startswith("Modifié sur cet ordinateur (AB) le ")
    assert there.author.text().startswith("Modifié par CD le ")
    assert dialog.keep_both is None  # a phone number is not a free text
    assert all(side.keep.text() == "Garder celle-ci" for side in dialog.sides)
    assert "Téléphone" in labels
    qtbot.mouseClick(there.keep, Qt.MouseButton.LeftButton)  # CD's number is the right one
    assert dialog.list.count() == 1
    notes = dialog.current()
    assert notes is not None and notes.field == "notes" and notes.can_keep_both
    assert dialog.keep_both is not None and dialog.keep_both.isVisible()
    qtbot.mouseClick(dialog.keep_both, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0
    assert dialog.pages.currentWidget() is dialog.empty and dialog.empty.isVisible()
    assert "Aucun conflit n'attend de choix" in dialog.empty.text()
    assert dialog.settled_count == 2
    assert window.session.team.conflicts() == []
    assert window.session.team.status().conflicts == 0
    karim = person_by_uid(window.session, uid)
    assert karim.phone == "07 22 22 22 22"
    assert karim.notes.startswith("Vu au parloir : projet logistique.\n\n— Reçu de CD le ")
    assert karim.notes.endswith("Vu au SPIP : projet cuisine.")
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_the_conflicts_page_says_when_none_wait(make_window, tmp_path):
    folder = tmp_path / "donnees"
    open_vault(folder, "AB").close()
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.open_conflicts()
    dialog = window.conflicts_dialog
    assert dialog.list.count() == 0
    assert dialog.empty.isVisible() and "Aucun conflit" in dialog.empty.text()
    assert dialog.close_button.isDefault()


def test_the_fiche_shows_a_former_number(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session = open_vault(folder, "AB")
    person = session.participants.save(make_participant(file_number="DE-2025-CD-001", former_numbers="DE-2025-001"))
    session.close()
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.open_participant(person.id)
    label = window.form.team_label
    assert label.isVisible() and label.text() == "Ancien numéro\u00a0: DE-2025-001"


def test_the_summary_leads_to_the_conflicts(make_window, qtbot, answers, tmp_path):
    folder, _uid, package = conflicting_laptops(tmp_path, take_in=False)
    window = make_window(folder)
    window.unlock(PASSWORD)
    answers.queue(package)
    window.receive_team_package()
    summary = window.team_summary
    assert "2 conflits attendent votre choix" in summary.conflicts_label.text()
    assert summary.conflicts_button.isVisible() and summary.conflicts_button.isDefault()
    qtbot.mouseClick(summary.conflicts_button, Qt.MouseButton.LeftButton)
    dialog = window.conflicts_dialog
    assert dialog is not None and dialog.isVisible() and dialog.list.count() == 2
    qtbot.mouseClick(dialog.opener, Qt.MouseButton.LeftButton)  # the person's file, the page closed
    assert not dialog.isVisible()
    assert window.form.current is not None and window.form.current.file_number == "DE-2026-AB-001"


def test_a_deletion_conflict_is_worded_deleted_here_changed_there(make_window, qtbot, tmp_path):
    """AB deleted an appointment that CD went on writing the report of: « Supprimé ici, modifié là », each side with
    its own button; AB keeps the deletion and nothing waits any more. The funder dialog said meanwhile that a conflict
    waited."""
    from datetime import datetime

    ab_dir, cd_dir = tmp_path / "portable-ab", tmp_path / "portable-cd"
    ab, cd = open_vault(ab_dir, "AB"), open_vault(cd_dir, "CD")
    try:
        ab.team.set_passphrase(TEAM)
        karim = ab.participants.save(make_participant(file_number="DE-2026-AB-001"))
        meeting = ab.followup.save(ab.followup.new_draft(karim.id, datetime(2026, 12, 3, 10, 0)))
        cd.team.import_package(ab.team.export_package(tmp_path / "premier.ilotpkg").path, passphrase=TEAM)
        there = person_by_uid(cd, karim.uid)
        (view,) = cd.followup.timeline(there.id)
        cd.followup.save(replace(view.appointment, report="Préparé le CV ensemble."))
        back = cd.team.export_package(tmp_path / "retour.ilotpkg")
        ab.followup.delete(meeting.id)
        assert ab.team.import_package(back.path).conflicts == 1
    finally:
        ab.close()
        cd.close()
    window = make_window(ab_dir)
    window.unlock(PASSWORD)
    window.open_funder_dialog()
    assert "1 conflit attend un choix" in window.funder_dialog.scope.text()
    window.funder_dialog.reject()
    window.open_conflicts()
    dialog = window.conflicts_dialog
    assert dialog.list.count() == 1
    conflict = dialog.current()
    assert conflict.deletion and conflict.record_label.startswith("Rendez-vous")
    shown = " ".join(label.text() for label in dialog.page.findChildren(type(dialog.intro)))
    assert "Supprimé ici, modifié là" in shown
    here, there = dialog.sides
    assert here.keep.text() == "Garder la suppression" and here.author.text().startswith("Supprimé sur cet ordinateur")
    assert there.keep.text() == "Garder celle-ci" and there.title().startswith("Reçu de CD le ")
    qtbot.mouseClick(here.keep, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0 and dialog.empty.isVisible()
    assert window.session.followup.timeline(karim.id) == []
    assert window.session.team.status().conflicts == 0


def test_three_values_offer_no_keep_both_and_the_intro_says_several_laptops(make_window, tmp_path):
    """AB, CD and EF each wrote Karim's notes differently: three values side by side, « Garder les deux » is not
    offered (it joins exactly two texts) and the intro does not speak of two laptops."""
    dirs = {code: tmp_path / f"portable-{code.lower()}" for code in ("AB", "CD", "EF")}
    ab, cd, ef = (open_vault(dirs[code], code) for code in ("AB", "CD", "EF"))
    try:
        ab.team.set_passphrase(TEAM)
        karim = ab.participants.save(make_participant(file_number="DE-2026-AB-001", notes="Premier entretien."))
        first = ab.team.export_package(tmp_path / "premier.ilotpkg")
        packages = []
        for code, other in (("CD", cd), ("EF", ef)):
            other.team.import_package(first.path, passphrase=TEAM)
            there = person_by_uid(other, karim.uid)
            other.participants.save(replace(there, notes=f"Écrit sur {code}."))
            packages.append(other.team.export_package(tmp_path / f"{code}.ilotpkg").path)
        ab.participants.save(replace(ab.participants.get(karim.id), notes="Écrit sur AB."))
        for package in packages:
            ab.team.import_package(package)
    finally:
        for session in (ab, cd, ef):
            session.close()
    window = make_window(dirs["AB"])
    window.unlock(PASSWORD)
    window.open_conflicts()
    dialog = window.conflicts_dialog
    assert dialog.list.count() == 1
    assert len(dialog.sides) == 3 and not dialog.current().can_keep_both
    assert dialog.keep_both is None
    assert "deux ordinateurs" not in dialog.intro.text() and "plusieurs ordinateurs" in dialog.intro.text()
    dialog.resize(1100, 600)
    dialog.grab().save(str(tmp_path / "conflits-trois.png"))
    if Path("/tmp/f2shots").is_dir():
        dialog.grab().save("/tmp/f2shots/conflits-trois.png")


def test_the_fiche_says_a_conflict_waits_for_this_person_and_leads_to_the_page(make_window, qtbot, laptops):
    folder, uid = laptops
    window = make_window(folder)
    window.unlock(PASSWORD)
    karim = person_by_uid(window.session, uid)
    window.open_participant(karim.id)
    form = window.form
    assert form.conflict_label.isVisible()
    assert form.conflict_label.text() == "Un conflit attend pour ce dossier\u00a0: Fichier → Conflits à régler…"
    assert form.conflict_button.isVisible() and form.conflict_button.accessibleName()
    form.grab().save(str(folder.parent / "fiche-conflit.png"))
    if Path("/tmp/f2shots").is_dir():
        form.grab().save("/tmp/f2shots/fiche-conflit.png")
    qtbot.mouseClick(form.conflict_button, Qt.MouseButton.LeftButton)
    dialog = window.conflicts_dialog
    assert dialog is not None and dialog.isVisible() and dialog.list.count() == 2
    for _ in range(2):
        dialog.choose(0)
    dialog.close_button.click()
    window.open_participant(karim.id)
    assert not form.conflict_label.isVisible() and not form.conflict_button.isVisible()
