"""Aide → À propos: the version, the encryption library, the data folder; copying them for a bug report."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from ilot_desktop import __version__


def test_about_shows_the_version_and_copies_the_details_without_personal_data(make_window, qtbot):
    from pathlib import Path

    data = Path.home() / "Documents" / "IlotDesktop"  # under the home folder, whose name is often the user's
    window = make_window(data)
    about = next(action for action in window.menuBar().actions() if action.text() == "&Aide").menu()
    entry = next(action for action in about.actions() if "propos" in action.text())
    entry.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)

    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"Version {__version__}" in texts
    cipher = dict(dialog.details)["SQLCipher"]
    assert cipher[0].isdigit(), cipher  # a real SQLCipher build, not "absent"
    assert "~/Documents/IlotDesktop" in texts.replace("\\", "/")

    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Îlot desktop\nVersion\u00a0: ")
    assert "Dossier des données\u00a0: ~" in copied
    assert str(Path.home()) not in copied  # the user's name is not in what is sent
    assert dialog.copied.text() == "✓ Copié"
    dialog.reject()


def test_windows_fit_a_1366_by_768_laptop_screen(make_window, qtbot):
    from PySide6.QtGui import QGuiApplication

    from ilot_desktop.ui.widgets import fit_to_screen

    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert (screen.width(), screen.height()) == (1366, 768)  # tests/offscreen-screen.json
    window = make_window()
    assert window.height() <= 768 - 60 and window.width() <= 1366
    from PySide6.QtWidgets import QDialog

    dialog = QDialog(window)
    fit_to_screen(dialog, 900, 1200)
    assert dialog.height() == 768 - 60 and dialog.width() == 900
