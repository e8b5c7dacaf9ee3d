"""The recovery code is typed masked, with an « Afficher » box; the password hints say why a password is guessable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from ilot_desktop.ui.password_fields import PasswordPair
from ilot_desktop.ui.start_pages import UnlockPage

CODE = "7K3M-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX"


def _page(qtbot, tmp_path):
    page = UnlockPage(tmp_path / "donnees")
    qtbot.addWidget(page)
    page.resize(720, 760)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.show_recovery(True)  # puts the focus on the code
    qtbot.waitUntil(page.code.hasFocus)
    return page


def test_the_recovery_code_is_masked_until_shown(qtbot, tmp_path):
    page = _page(qtbot, tmp_path)
    qtbot.keyClicks(page.code, CODE)
    assert page.code.text() == CODE
    assert page.code.echoMode() == QLineEdit.EchoMode.Password
    assert CODE not in page.code.displayText()
    assert page.show_code.text() == "Afficher"
    assert page.show_code.accessibleName() == "Afficher le code de secours"
    # reached from the code with Tab, toggled with Space
    qtbot.keyClick(page.code, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.show_code
    qtbot.keyClick(page.show_code, Qt.Key.Key_Space)
    assert page.code.echoMode() == QLineEdit.EchoMode.Normal
    assert page.code.displayText() == CODE
    page.grab().save(str(tmp_path / "code-affiche.png"))
    qtbot.keyClick(page.show_code, Qt.Key.Key_Space)
    assert page.code.echoMode() == QLineEdit.EchoMode.Password
    # the next step after the box is the new password
    qtbot.keyClick(page.show_code, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.new_passwords.first


def test_reset_masks_the_code_again(qtbot, tmp_path):
    page = _page(qtbot, tmp_path)
    page.code.setText(CODE)
    page.show_code.setChecked(True)
    page.reset()
    assert page.code.text() == ""
    assert not page.show_code.isChecked()
    assert page.code.echoMode() == QLineEdit.EchoMode.Password


def test_the_hints_say_why_a_password_meeting_the_recipe_is_refused(qtbot):
    pair = PasswordPair("Mot de passe")
    qtbot.addWidget(pair)
    for password in ("P@ssw0rd2024!", "Ilot2024Paris!"):
        pair.first.setText(password)
        pair.second.setText(password)
        assert not pair.is_valid()
        text = pair.hints.text()
        assert "Ce mot de passe ressemble à " in text
        assert "il serait deviné en moins d" in text
        assert password not in text
    pair.first.setText("cheval agrafe batterie correcte lune orange piano")
    pair.second.setText("cheval agrafe batterie correcte lune orange piano")
    assert pair.is_valid()
    assert "Mot de passe suffisamment robuste." in pair.hints.text()
