"""Auto-lock with an encrypted draft, password change, a new recovery code, one instance per data folder."""

from __future__ import annotations

import pytest

from ilot_desktop.errors import WrongRecoveryCodeError
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant())
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.person_id = person.id
    w.old_code = code
    return w


def test_auto_lock_keeps_the_typing_encrypted_and_gives_it_back(window, answers):
    window.open_participant(window.person_id)
    window.form.editors["notes"].setPlainText("Zorglubinette : note tapée avant de partir")
    window.form.editors["birth_date"].edit.setText("31/02/1985")  # invalid: could not have been saved
    window.form._set_dirty(True)
    window.watcher.idle.emit()
    assert window.session is None and window.stack.currentWidget() is window.unlock_page
    assert window.form.editors["notes"].toPlainText() == ""  # nothing decrypted left on screen
    assert b"Zorglubinette" not in (window.paths.data_dir / "ilot.db").read_bytes()
    window.unlock(PASSWORD)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert [call[0] for call in answers.calls] == ["inform"]  # told what was kept
    assert window.form.current.id == window.person_id
    assert window.form.editors["notes"].toPlainText().startswith("Zorglubinette")
    assert window.form.editors["birth_date"].text() == "31/02/1985"
    assert window.form.is_dirty() and "Brouillon retrouvé" in window.form.state_label.text()
    window.form._set_dirty(False)
    window.lock()
    window.unlock(PASSWORD)
    assert window.form.current is None  # the draft was handed back once
    QApplication.processEvents()
    assert [call[0] for call in answers.calls] == ["inform"]  # and told once


def test_inactivity_delay_is_a_setting(window):
    window.set_auto_lock_minutes(12)
    assert window.watcher.minutes == 12
    window.watcher.last_activity -= 11 * 60
    window.watcher.check()
    assert window.session is not None  # 11 minutes: not yet
    window.watcher.last_activity -= 2 * 60  # 13 minutes, e.g. a laptop asleep with its lid closed
    window.watcher.check()
    assert window.session is None
    from ilot_desktop.settings import AUTO_LOCK_MINUTES, LocalSettings

    assert LocalSettings(window.paths.settings_file).get(AUTO_LOCK_MINUTES) == 12


def test_change_password_dialog(window, answers, tmp_path):
    """The dialog checks the current password; the window locks, re-keys, reopens and says what became of the
    backups. Afterwards the old password opens nothing, and the re-encrypted backup opens with the new one."""
    from ilot_desktop.services.backup import check_backup, list_backups
    from ilot_desktop.ui.security_dialogs import ChangePasswordDialog

    window.session.backups.write()
    window.change_password()
    dialog = window.password_dialog
    assert isinstance(dialog, ChangePasswordDialog)
    assert dialog.policy_box.isVisible() and "sauvegarde" in dialog.policy_box.title()
    assert dialog.policy() == vault.OldBackups.REENCRYPT.value  # the recommended choice is the default
    dialog.grab().save(str(tmp_path / "changer-mot-de-passe.png"))
    dialog.current.setText("Pas-Le-Bon-2026!")
    dialog.passwords.first.setText("Tortue-Violon-Brique-47")
    dialog.passwords.second.setText("Tortue-Violon-Brique-47")
    assert not dialog.change() and "incorrect" in dialog.error.text()
    assert window.stack.currentWidget() is window.workspace  # nothing happened
    dialog.current.setText(PASSWORD)
    assert dialog.change()
    assert window.session is not None and window.stack.currentWidget() is window.workspace
    title, lines = next(call for call in answers.calls if call[0] == "inform")[1][:2]
    assert title == "Mot de passe changé" and "rechiffré" in lines
    window.lock()
    window.unlock(PASSWORD)
    assert window.session is None  # the old password opens nothing any more
    window.unlock("Tortue-Violon-Brique-47")
    assert window.session is not None
    [backup] = list_backups(window.paths.data_dir)
    assert check_backup(backup.path, "Tortue-Violon-Brique-47").ok


def test_new_recovery_code_is_shown_once_and_the_old_one_retired(window, answers):
    assert window.make_new_recovery_code(PASSWORD)
    assert window.stack.currentWidget() is window.code_page
    new_code = window.code_page.code
    assert new_code and new_code != window.old_code
    window.code_page.confirm.setChecked(True)
    window.code_page.continue_button.click()
    assert window.stack.currentWidget() is window.workspace
    window.lock()
    with pytest.raises(WrongRecoveryCodeError):
        vault.unlock_with_recovery_code(window.paths.data_dir, window.old_code)
    vault.unlock_with_recovery_code(window.paths.data_dir, new_code).close()


def test_one_instance_per_data_folder(tmp_path):
    from ilot_desktop.app import acquire_instance_lock
    from ilot_desktop.instance_lock import LockState
    from ilot_desktop.paths import app_paths

    paths = app_paths(tmp_path / "donnees")
    first = acquire_instance_lock(paths)
    assert first.state is LockState.ACQUIRED
    assert acquire_instance_lock(paths).state is LockState.IN_USE  # a second window would be refused
    first.release()
    again = acquire_instance_lock(paths)
    assert again.state is LockState.ACQUIRED
    again.release()


def test_dialogs_over_the_records_close_with_the_lock(window):
    window.open_funder_dialog()
    dialog = window.funder_dialog
    assert dialog.isVisible()
    window.watcher.idle.emit()
    assert window.session is None and window.funder_dialog is None


def test_an_outcome_being_typed_is_asked_about_when_quitting(window, answers):
    from ilot_desktop.ui import dialogs

    window.open_participant(window.person_id)
    window.tabs.setCurrentWidget(window.results_tabs)
    page = window.outcomes
    page.new_outcome()
    page.employer.setText("Eiffage")
    page.employer.textEdited.emit("Eiffage")
    answers.queue(dialogs.Answer.CANCEL)
    assert not window.close()
    assert page.employer.text() == "Eiffage"


def test_a_code_never_confirmed_as_seen_is_said_at_unlock(window, answers):
    window.lock()
    vault.new_recovery_code(window.paths.data_dir, PASSWORD)  # as if the window died before showing it
    window.unlock(PASSWORD)
    assert window.session is not None
    titles = [call[1][0] for call in answers.calls if call[0] == "inform"]
    assert "Code de secours à refaire" in titles
    assert window.make_new_recovery_code(PASSWORD)
    window.code_page.confirm.setChecked(True)
    window.code_page.continue_button.click()
    assert not vault.recovery_code_pending(window.paths.data_dir)


def test_a_code_created_in_the_window_counts_as_seen_only_after_continuer(make_window, tmp_path):
    window = make_window(tmp_path / "neuf")
    window.create_vault(PASSWORD)
    assert window.stack.currentWidget() is window.code_page
    assert vault.recovery_code_pending(window.paths.data_dir)  # a crash now would be said at the next unlock
    window.code_page.confirm.setChecked(True)
    window.code_page.continue_button.click()
    assert window.stack.currentWidget() is window.workspace
    assert not vault.recovery_code_pending(window.paths.data_dir)
