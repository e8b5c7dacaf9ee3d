"""First start, creation with the password rule, the recovery code page, unlock and recovery."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY


def test_first_start_offers_create_or_demo(make_window):
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.create_button.text() == "Créer mon fichier chiffré"
    assert window.welcome.demo_button.text() == "Essayer avec des données fictives"
    assert not window.lock_action.isEnabled()


def test_create_vault_through_the_pages(make_window, qtbot, answers, tmp_path):
    window = make_window()
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    assert window.stack.currentWidget() is page
    page.passwords.first.setText("Grenade2026")
    page.passwords.second.setText("Grenade2026")
    assert not page.create_button.isEnabled()
    assert "Trop faible" in page.passwords.hints.text()
    page.passwords.first.setText(PASSWORD)
    assert not page.create_button.isEnabled()  # the two entries differ
    assert "différentes" in page.passwords.match.text()
    page.passwords.second.setText(PASSWORD)
    assert page.create_button.isEnabled()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)

    code_page = window.code_page
    assert window.stack.currentWidget() is code_page
    assert len(code_page.code.split("-")) == 14
    assert not code_page.continue_button.isEnabled()
    sheet = tmp_path / "feuille.pdf"
    answers.queue(sheet)
    qtbot.mouseClick(code_page.save_button, Qt.MouseButton.LeftButton)
    assert sheet.read_bytes().startswith(b"%PDF")
    assert "Feuille enregistrée" in code_page.saved_label.text()
    assert not window.demo_action.isEnabled()  # not while the recovery code is on screen
    code_page.confirm.setChecked(True)
    qtbot.mouseClick(code_page.continue_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace
    assert code_page.code == ""  # shown once, then forgotten
    assert window.lock_action.isEnabled()


def test_demo_opens_fictional_people_apart_from_real_records(make_window, qtbot):
    window = make_window()
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace
    assert window.is_demo and window.demo_banner.isVisibleTo(window)
    assert window.list_panel.model.rowCount() >= 45
    assert "Démonstration" in window.windowTitle()
    assert not vault.status(window.paths.data_dir).exists  # the real vault is not created
    window.lock()
    assert window.stack.currentWidget() is window.welcome


@pytest.fixture
def existing(tmp_path):
    folder = tmp_path / "donnees"
    session, code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.close()
    return folder, code


def test_unlock_wrong_then_right_password(make_window, qtbot, existing):
    window = make_window(existing[0])
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert page.error.text() == "Saisissez votre mot de passe."
    page.password.setText("Pas-Le-Bon-2026!")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.error.text() == "Mot de passe incorrect."
    assert window.session is None
    page.password.setText(PASSWORD)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.workspace
    assert page.password.text() == ""  # nothing kept once unlocked


def test_damaged_file_says_so_on_the_unlock_page(make_window, qtbot, existing):
    db = existing[0] / "ilot.db"
    db.write_bytes(db.read_bytes()[:3000])
    window = make_window(existing[0])
    window.unlock_page.password.setText(PASSWORD)
    qtbot.mouseClick(window.unlock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert "endommagé" in window.unlock_page.error.text()
    assert "incorrect" not in window.unlock_page.error.text()


def test_forgotten_password_with_recovery_code(make_window, qtbot, answers, existing):
    folder, code = existing
    window = make_window(folder)
    page = window.unlock_page
    qtbot.mouseClick(page.forgot_button, Qt.MouseButton.LeftButton)
    assert page.recovery_box.isVisibleTo(window) and not page.password_box.isVisibleTo(window)
    page.code.setText(code.replace("-", " ").lower())
    page.new_passwords.first.setText("Nouveau-Secret-2027!")
    page.new_passwords.second.setText("Nouveau-Secret-2027!")
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace
    assert answers.calls[0][0] == "inform"
    window.lock()
    vault.unlock(folder, "Nouveau-Secret-2027!").close()


def test_missing_keyfile_goes_straight_to_recovery(make_window, existing):
    (existing[0] / "ilot.key").unlink()
    window = make_window(existing[0])
    assert window.unlock_page.recovery_box.isVisibleTo(window)
    assert "introuvable" in window.unlock_page.error.text()


def test_typo_in_recovery_code_is_explained(make_window, qtbot, existing):
    folder, code = existing
    window = make_window(folder)
    page = window.unlock_page
    page.show_recovery(True)
    page.code.setText(("1" if code[0] != "1" else "2") + code[1:])
    page.new_passwords.first.setText("Nouveau-Secret-2027!")
    page.new_passwords.second.setText("Nouveau-Secret-2027!")
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    assert "faute de frappe" in page.error.text()
    assert window.session is None


def test_qt_itself_speaks_french(make_window):
    from PySide6.QtCore import QCoreApplication, QLocale

    make_window()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert QLocale().language() == QLocale.Language.French


def test_closing_with_unsaved_edits_can_be_cancelled(make_window, qtbot, answers, existing):
    from ilot_desktop.ui import dialogs

    window = make_window(existing[0])
    window.unlock(PASSWORD)
    window.new_participant()
    window.form.editors["last_name"].setText("Brouillon")
    window.form.editors["last_name"].textEdited.emit("Brouillon")
    answers.queue(dialogs.Answer.CANCEL)
    assert not window.close()
    assert window.session is not None and window.form.editors["last_name"].text() == "Brouillon"
    answers.queue(dialogs.Answer.DISCARD)
    assert window.close()
    assert window.session is None


def test_closing_on_the_recovery_code_page_asks_first(make_window, answers):
    window = make_window()
    window.create_vault(PASSWORD)
    assert window.stack.currentWidget() is window.code_page
    answers.queue(False)  # "Annuler": stay
    assert not window.close()
    assert window.stack.currentWidget() is window.code_page and window.code_page.code
    assert answers.calls[-1][0] == "confirm" and "plus jamais affiché" in answers.calls[-1][1][1]
    window.code_page.confirm.setChecked(True)
    assert window.close()


def test_orphan_key_file_is_not_overwritten_from_the_welcome_page(make_window, existing):
    folder, _code = existing
    (folder / "ilot.db").unlink()
    window = make_window(folder)
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.orphan.isVisibleTo(window)
    assert not window.welcome.create_button.isEnabled()


def test_recovery_sheet_is_refused_beside_the_vault(make_window, answers, tmp_path):
    window = make_window()
    window.create_vault(PASSWORD)
    answers.queue(window.paths.data_dir / "feuille.pdf")
    window.save_recovery_sheet()
    assert answers.calls[-1][0] == "show_error"
    assert not (window.paths.data_dir / "feuille.pdf").exists()


def test_the_demo_stays_within_reach_once_a_real_file_exists(make_window, qtbot, existing):
    window = make_window(existing[0])
    assert window.stack.currentWidget() is window.unlock_page
    assert window.demo_action.isEnabled()
    window.demo_action.trigger()
    assert window.is_demo and window.stack.currentWidget() is window.workspace
    assert not window.demo_action.isEnabled()  # not over an open file
    window.lock()
    assert window.stack.currentWidget() is window.unlock_page  # back to the real file, untouched
    assert not window.is_demo and window.demo_action.isEnabled()


def test_a_folder_filled_by_the_demo_command_opens_as_the_demonstration(make_window, answers, tmp_path, monkeypatch):
    """``ilot-desktop demo`` marks the vault (``services/demo_marker``): the window shows it as the demonstration."""
    from ilot_desktop.cli import main

    folder = tmp_path / "demo-console"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "demo"]) == 0
    window = make_window(folder)
    answers.queue(*[None] * 3)
    window.unlock(PASSWORD)
    assert window.stack.currentWidget() is window.workspace
    assert window.is_demo and window.demo_banner.isVisibleTo(window)
    assert "Démonstration" in window.windowTitle()
