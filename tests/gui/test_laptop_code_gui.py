"""The laptop code chosen in the window: on the creation page and in Préférences; the next new file carries it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def _new_number(window) -> str:
    window.new_participant()
    return window.form.editors["file_number"].text()


def test_the_creation_page_sets_the_laptop_code(make_window, qtbot):
    window = make_window()
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    field = page.laptop_code
    assert field.edit.accessibleName() == "Code de cet ordinateur"
    assert "DE-2026-001" in field.status.text()  # empty: the old numbers, said
    page.passwords.first.setText(PASSWORD)
    page.passwords.second.setText(PASSWORD)
    qtbot.keyClicks(field.edit, "a1")
    assert field.edit.text() == "A1"  # typed in capitals
    assert "2 à 4 lettres" in field.status.text()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is page  # refused before anything is created
    assert "2 à 4 lettres majuscules, sans accent, par exemple vos initiales" in page.error.text()
    assert not vault.status(window.paths.data_dir).exists
    field.edit.clear()
    qtbot.keyClicks(field.edit, "ab")
    assert field.status.text() == "✓ Prochain numéro\u00a0: DE-2026-AB-001"
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.code_page
    window.code_page.confirm.setChecked(True)
    window.code_page.continue_button.click()
    assert window.session.participants.laptop_code() == "AB"
    assert window.statusBar().currentMessage() == ""  # nothing to invite
    assert _new_number(window) == "DE-2026-AB-001"


def test_left_empty_at_creation_the_old_numbers_go_on(make_window, qtbot):
    window = make_window()
    window.welcome.create_button.click()
    window.create_vault(PASSWORD)
    window.code_page.confirm.setChecked(True)
    window.code_page.continue_button.click()
    assert window.session.participants.laptop_code() == ""
    assert "Fichier → Préférences" in window.statusBar().currentMessage()  # invited to choose one
    assert _new_number(window) == "DE-2026-001"


@pytest.fixture
def without_code(tmp_path):
    """A file from before laptop codes: one person numbered the old way."""
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(file_number="DE-2026-001"))
    session.close()
    return folder


def test_preferences_set_the_code_and_the_next_new_file_carries_it(make_window, qtbot, without_code):
    window = make_window(without_code)
    window.unlock(PASSWORD)
    invitation = window.statusBar().currentMessage()
    assert "DE-2026-002" in invitation and "Préférences" in invitation  # invited to choose one
    window.edit_preferences()
    dialog = window.preferences_dialog
    field = dialog.laptop_code
    assert field is not None and field.edit.text() == ""
    assert field.edit.accessibleName() == "Code de cet ordinateur"
    assert "Les numéros déjà donnés ne changent pas" in " ".join(
        label.text() for label in dialog.findChildren(type(field.status))
    )
    qtbot.keyClicks(field.edit, "c")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "2 à 4 lettres" in dialog.error.text()  # refused, the dialog stays
    qtbot.keyClicks(field.edit, "d")
    assert field.status.text() == "✓ Prochain numéro\u00a0: DE-2026-CD-001"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.session.participants.laptop_code() == "CD"
    assert window.statusBar().currentMessage() == ""  # the invitation goes once a code is chosen
    assert _new_number(window) == "DE-2026-CD-001"
    assert [s.file_number for s in window.session.participants.summaries()] == ["DE-2026-001"]  # not renumbered


def test_preferences_without_a_file_open_show_no_code(make_window, without_code):
    window = make_window(without_code)
    window.edit_preferences()
    assert window.preferences_dialog.laptop_code is None
    window.preferences_dialog.reject()
