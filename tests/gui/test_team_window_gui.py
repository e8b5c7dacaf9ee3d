"""Team work in the window (issue 15): Préférences → « Dossier d'équipe », Fichier → « Envoyer et recevoir » with a
team folder and its summary, the proposal at unlock, « Transmettre à une collègue… » and the Fiche's « Transmis à »,
and the funder dialog naming whose data it counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant
from tests.gui.test_team_conflicts_gui import TEAM, open_vault


def test_preferences_set_the_team_folder_and_passphrase_once(make_window, qtbot, answers, tmp_path):
    folder = tmp_path / "donnees"
    open_vault(folder, "AB").close()
    shared = tmp_path / "OneDrive - Association" / "Equipe"
    shared.mkdir(parents=True)
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.edit_preferences()
    dialog = window.preferences_dialog
    section = dialog.team_section
    assert section is not None and section.title() == "Dossier d'équipe"
    assert not section.needs_code.isVisibleTo(dialog)  # the laptop has its code
    for field in (section.folder_edit, section.passphrase, section.again, section.choose_button):
        assert field.accessibleName(), field
    assert section.passphrase.nextInFocusChain() is section.again  # typed twice in a row
    answers.queue(shared)
    qtbot.mouseClick(section.choose_button, Qt.MouseButton.LeftButton)
    assert section.folder_edit.text() == str(shared)
    assert section.folder_status.text() == "✓ Dossier accessible."
    qtbot.keyClicks(section.passphrase, TEAM)
    qtbot.keyClicks(section.again, TEAM + "x")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "différentes" in dialog.error.text()
    section.again.clear()
    qtbot.keyClicks(section.again, TEAM)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # closed and gone
    status = window.session.team.status()
    assert status.joined and Path(status.folder) == shared
    window.edit_preferences()  # once kept, the passphrase is never asked nor shown again
    again = window.preferences_dialog.team_section
    assert again.joined and not again.passphrase.isVisibleTo(window.preferences_dialog)
    assert again.change_button is not None and again.change_button.isVisibleTo(window.preferences_dialog)
    window.preferences_dialog.reject()


def test_team_work_waits_for_the_laptop_code(make_window, qtbot, answers, tmp_path):
    folder = tmp_path / "donnees"
    vault.create(folder, PASSWORD, clock=lambda: TODAY)[0].close()  # no laptop code
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.edit_preferences()
    dialog = window.preferences_dialog
    section = dialog.team_section
    assert section.needs_code.isVisibleTo(dialog) and not section.choose_button.isEnabled()
    qtbot.keyClicks(dialog.laptop_code.edit, "ab")
    assert not section.needs_code.isVisibleTo(dialog) and section.choose_button.isEnabled()
    dialog.reject()
    window.send_and_receive()  # the code is not stored yet: said, nothing sent
    name, (_title, text, *_rest) = answers.calls[-1]
    assert name == "inform" and "code de cet ordinateur" in text


@pytest.fixture
def team_folder(tmp_path):
    """AB's laptop (in the team, its team folder set: Karim, sent; Lina, not yet) and CD's, whose package waits in the
    folder: Karim back, and Zoé, whose number (typed, the old way) is Lina's here."""
    shared = tmp_path / "equipe"
    shared.mkdir()
    ab_dir, cd_dir = tmp_path / "portable-ab", tmp_path / "portable-cd"
    ab, cd = open_vault(ab_dir, "AB"), open_vault(cd_dir, "CD")
    try:
        ab.team.set_passphrase(TEAM)
        ab.team.set_folder(shared)
        karim = ab.participants.save(make_participant(file_number="DE-2026-AB-001"))
        ab.team.sync(shared)
        cd.team.sync(shared, passphrase=TEAM)  # CD joins the team through AB's package
        cd.participants.save(make_participant(file_number="DE-2026-002", last_name="Autrepersonne", first_name="Zoé"))
        cd.team.sync(shared)
        ab.participants.save(make_participant(file_number="DE-2026-002", last_name="Lina", first_name="Ada"))
    finally:
        ab.close()
        cd.close()
    return ab_dir, shared, karim.id


def test_send_and_receive_from_the_team_folder(make_window, qtbot, answers, team_folder):
    folder, shared, _karim = team_folder
    window = make_window(folder)
    window.unlock(PASSWORD)
    proposal = window.team_proposal  # the folder is reachable: offered in the status bar, never forced
    assert proposal is not None and proposal.isVisible()
    action = window.menus.sync_action
    assert action.text().replace("&", "") == "Envoyer et recevoir"
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    before = len(window.session.participants.summaries())
    (shared / "equipe-00000000000000ff.ilotpkg").write_bytes(b"ILOTEQ\x00\x01" + bytes(80))  # damaged
    qtbot.mouseClick(proposal.go, Qt.MouseButton.LeftButton)
    assert not proposal.isVisible()
    summary = window.team_summary
    assert summary is not None and summary.isVisible()
    text = summary.text.text()
    assert "CD" in text
    assert "Paquet refusé (equipe-00000000000000ff.ilotpkg)\u00a0: " in text  # said, and the rest taken in
    assert "DE-2026-002" in text and "DE-2026-CD-002" in text  # Zoé's number is Lina's here: renumbered, said
    assert len(window.session.participants.summaries()) == before + 1  # nobody overwritten
    assert window.list_panel.visible_count() == before + 1
    zoe = window.session.participants.by_file_number("DE-2026-CD-002")
    assert zoe is not None and zoe.last_name == "Autrepersonne" and zoe.former_numbers == "DE-2026-002"
    window.open_participant(zoe.id)
    assert window.form.team_label.text() == "Ancien numéro\u00a0: DE-2026-002"
    summary.close_button.click()
    window.menus.sync_action.trigger()  # again: nothing new
    assert "Aucun paquet nouveau de vos collègues." in window.team_summary.text.text()
    window.team_summary.close_button.click()


def test_no_proposal_without_a_reachable_folder(make_window, tmp_path, team_folder):
    folder, shared, _karim = team_folder
    shared.rename(shared.with_name("ailleurs"))  # the USB key is not there
    window = make_window(folder)
    window.unlock(PASSWORD)
    assert window.team_proposal is None or not window.team_proposal.isVisible()


def test_hand_over_chosen_files_to_a_colleague(make_window, qtbot, answers, tmp_path, team_folder):
    folder, _shared, karim = team_folder
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.team_proposal.later.click()
    window.open_participant(karim)
    window.menus.handover_action.trigger()
    dialog = window.handover_dialog
    assert dialog.chosen_ids() == [karim]  # the file shown is ticked
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "nom de la collègue" in dialog.error.text()
    qtbot.keyClicks(dialog.colleague, "Amina B.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Choisissez où enregistrer" in dialog.error.text()
    answers.queue(usb / "paquet")
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert dialog.where.text() == str(usb / "paquet.ilotpkg")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert (usb / "paquet.ilotpkg").is_file()
    name, (title, text, *_rest) = answers.calls[-1]
    assert (name, title) == ("inform", "Dossiers transmis") and "1 dossier transmis à Amina B." in text
    label = window.form.team_label
    assert label.isVisible() and label.text().startswith("Transmis à Amina B. le ")
    assert window.session.team.handovers(karim)[0][0] == "Amina B."


def test_the_funder_dialog_names_whose_data_it_counts(make_window, answers, team_folder):
    folder, _shared, _karim = team_folder
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.team_proposal.go.click()
    window.team_summary.close_button.click()
    window.open_funder_dialog()
    scope = window.funder_dialog.scope
    assert scope.isVisible()
    assert "cet ordinateur (AB)" in scope.text() and "CD" in scope.text()


def test_no_team_work_in_the_demonstration(make_window, qtbot):
    window = make_window()
    window.open_demo()
    assert not window.menus.sync_action.isEnabled() and not window.menus.handover_action.isEnabled()
    assert window.team_proposal is None or not window.team_proposal.isVisible()


def test_a_new_colleague_types_the_passphrase_once_at_the_first_exchange(
    make_window, qtbot, answers, monkeypatch, tmp_path, team_folder
):
    """A laptop never in the team: « Envoyer et recevoir » asks where (no folder set) and then the passphrase, once
    per exchange (never in a loop): a wrong one is said; the next exchange asks again; then the laptop is in the
    team and its key kept (not asked next time)."""
    from ilot_desktop.ui import team_actions

    _ab, shared, _karim = team_folder
    folder = tmp_path / "portable-ef"
    open_vault(folder, "EF").close()
    asked: list[str] = []
    typed = iter(["une phrase qui n'est pas la bonne", TEAM])

    def ask(_parent, reason):
        asked.append(reason)
        return next(typed)

    monkeypatch.setattr(team_actions, "ask_passphrase", ask)
    window = make_window(folder)
    window.unlock(PASSWORD)
    assert window.team_proposal is None  # no team folder set here
    answers.queue(shared)  # where to send and receive this time
    window.menus.sync_action.trigger()
    name, (error,) = answers.calls[-1]
    assert len(asked) == 1 and name == "show_error" and "incorrecte" in str(error)  # said once, not asked again
    assert not window.session.team.status().joined
    answers.queue(shared)
    window.menus.sync_action.trigger()
    assert len(asked) == 2
    assert window.session.team.status().joined
    text = window.team_summary.text.text()
    assert "AB" in text and "CD" in text
    assert len(window.session.participants.summaries()) == 2  # Karim and Zoé (Lina was never sent)
    window.team_summary.close_button.click()
    answers.queue(shared)
    window.menus.sync_action.trigger()
    assert len(asked) == 2  # the key is kept: not asked again
    window.team_summary.close_button.click()


def test_receive_a_package_from_a_usb_key(make_window, answers, tmp_path, team_folder):
    folder, _shared, _karim = team_folder
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    cd = vault.unlock(tmp_path / "portable-cd", PASSWORD, clock=lambda: TODAY)
    package = cd.team.export_package(usb / "de-cd.ilotpkg", everything=True).path  # carried by hand
    cd.close()
    window = make_window(folder)
    window.unlock(PASSWORD)
    answers.queue(package)
    window.menus.receive_action.trigger()
    assert answers.calls[-1][0] == "choose_open_path"
    summary = window.team_summary
    assert summary.windowTitle() == "Paquet reçu" and "CD" in summary.text.text()
    summary.close_button.click()
    answers.queue(package)
    window.menus.receive_action.trigger()  # the same package again: nothing changes
    assert "déjà" in window.team_summary.text.text()


def test_the_head_of_programme_changes_the_team_passphrase(make_window, qtbot, answers, tmp_path, team_folder):
    from ilot_desktop.errors import TeamPassphraseError

    folder, _shared, _karim = team_folder
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.edit_preferences()
    preferences = window.preferences_dialog
    qtbot.mouseClick(preferences.team_section.change_button, Qt.MouseButton.LeftButton)
    dialog = preferences.change_dialog
    assert dialog.isVisible() and dialog.ok_button.isDefault()
    new = "Nouvelle phrase de l'equipe, decembre 2026"  # typed: QTest types ASCII only
    qtbot.keyClicks(dialog.old, "pas la bonne phrase du tout")
    qtbot.keyClicks(dialog.new, new)
    qtbot.keyClicks(dialog.again, new)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "incorrecte" in dialog.error.text()
    dialog.old.clear()
    qtbot.keyClicks(dialog.old, TEAM)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    name, (title, *_rest) = answers.calls[-1]
    assert (name, title) == ("inform", "Phrase de passe d'équipe changée")
    preferences.reject()
    with pytest.raises(TeamPassphraseError):  # the old phrase no longer seals anything here
        window.session.team.export_package(tmp_path / "essai.ilotpkg", passphrase=TEAM)
    window.session.team.export_package(tmp_path / "essai.ilotpkg", passphrase=new)


def test_a_lost_team_passphrase_is_replaced_with_this_files_password(
    make_window, qtbot, answers, tmp_path, team_folder
):
    """Nobody remembers the team passphrase: a laptop of the team (it holds the key) sets a new one when its person
    gives her file's password; a wrong password changes nothing."""
    from ilot_desktop.errors import TeamPassphraseError

    folder, _shared, _karim = team_folder
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.edit_preferences()
    preferences = window.preferences_dialog
    qtbot.mouseClick(preferences.team_section.change_button, Qt.MouseButton.LeftButton)
    dialog = preferences.change_dialog
    assert dialog.lost.isVisibleTo(dialog)
    dialog.lost.setChecked(True)
    label = dialog.form.labelForField(dialog.old)
    assert label.text() == "Mot de passe de ce fichier\u00a0:"
    assert dialog.old.accessibleName() == "Mot de passe de ce fichier"
    new = "Phrase refaite apres la perte, decembre 2026"
    qtbot.keyClicks(dialog.old, "pas le mot de passe du fichier")
    qtbot.keyClicks(dialog.new, new)
    qtbot.keyClicks(dialog.again, new)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "incorrect" in dialog.error.text()
    window.session.team.export_package(tmp_path / "avant.ilotpkg", passphrase=TEAM)  # nothing changed yet
    dialog.old.setText(PASSWORD)  # typed: QTest types ASCII only
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    name, (title, *_rest) = answers.calls[-1]
    assert (name, title) == ("inform", "Phrase de passe d'équipe changée")
    preferences.reject()
    with pytest.raises(TeamPassphraseError):  # the lost phrase no longer seals anything here
        window.session.team.export_package(tmp_path / "essai.ilotpkg", passphrase=TEAM)
    window.session.team.export_package(tmp_path / "essai.ilotpkg", passphrase=new)


def test_a_folder_gone_before_saving_is_said_and_the_passphrase_kept(make_window, qtbot, answers, tmp_path):
    folder = tmp_path / "donnees"
    open_vault(folder, "AB").close()
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.edit_preferences()
    dialog = window.preferences_dialog
    section = dialog.team_section
    answers.queue(usb)
    section.choose_button.click()
    usb.rmdir()  # the key pulled out meanwhile
    qtbot.keyClicks(section.passphrase, "phrase de l'equipe 2026")
    qtbot.keyClicks(section.again, "phrase de l'equipe 2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    name, (error,) = answers.calls[-1]
    assert name == "show_error" and "introuvable" in str(error)
    status = window.session.team.status()
    assert status.joined and status.folder is None


def test_a_package_with_an_unknown_salt_asks_the_passphrase_once_and_never_loops(
    make_window, answers, monkeypatch, team_folder
):
    """Fix round 15: a damaged salt (or a new passphrase) in the team folder: the rest is taken in, the passphrase
    is asked once for that exchange, the exchange run again with it, and the package that still does not open is
    said in the summary (« endommagé »), never asked for again in a loop."""
    from ilot_desktop.ui import team_actions

    folder, shared, _karim = team_folder
    good = sorted(shared.iterdir())[0].read_bytes()
    bad = bytearray(good)
    bad[40] ^= 1  # one byte of the salt
    (shared / "equipe-0000000000000000.ilotpkg").write_bytes(bytes(bad))
    asked: list[str] = []
    typed = iter([TEAM, TEAM, TEAM])

    def ask(_parent, reason):
        asked.append(reason)
        return next(typed)

    monkeypatch.setattr(team_actions, "ask_passphrase", ask)
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.menus.sync_action.trigger()
    assert len(asked) == 1 and "phrase de passe que cet ordinateur ne connaît pas" in asked[0]
    text = window.team_summary.text.text()
    assert "CD" in text and "equipe-0000000000000000.ilotpkg" in text and "endommagé ou scellé" in text
    window.team_summary.close_button.click()
