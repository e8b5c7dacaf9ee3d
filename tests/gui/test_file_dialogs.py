"""File dialogs open in the user's Documents (or home), never in the working directory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ilot_desktop.ui import dialogs


def test_a_suggested_name_is_placed_in_documents_and_a_full_path_is_kept(monkeypatch, tmp_path):
    seen = []

    def fake_save(parent, title, proposal, filter_text):
        seen.append(proposal)
        return proposal, filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    monkeypatch.chdir(tmp_path)  # the working directory must not be where documents land
    chosen = dialogs.choose_save_path(None, "Enregistrer", "plan-DE-2026-001.pdf", "PDF (*.pdf)")
    start = Path(dialogs.start_folder())
    assert start.is_dir() and start != tmp_path
    assert chosen == start / "plan-DE-2026-001.pdf"
    kept = tmp_path / "ailleurs" / "bilan.xlsx"
    assert dialogs.choose_save_path(None, "Enregistrer", str(kept), "Classeur (*.xlsx)") == kept


def test_open_and_folder_dialogs_start_in_documents(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda p, t, folder, f: (seen.append(folder), ("", ""))[1])
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda p, t, folder: seen.append(folder)))
    monkeypatch.chdir(tmp_path)
    assert dialogs.choose_open_path(None, "Ouvrir", "Classeur (*.xlsx)") is None
    assert dialogs.choose_folder(None, "Dossier") is None
    assert seen == [dialogs.start_folder(), dialogs.start_folder()]


def test_qt_file_chooser_labels_are_french(qapp):
    """Qt's French file (6.11 as 6.12) lacks the accelerated labels of its own file chooser: ours fills them."""
    from PySide6.QtWidgets import QLabel

    dialog = QFileDialog(None, "Choisir")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Voir dans\u00a0:" in labels and "&Type de fichier\u00a0:" in labels
    assert not any("Look in" in text or "Files of" in text for text in labels)
    dialog.deleteLater()


def test_a_folder_synchronised_online_is_named_before_saving_personal_data(monkeypatch, tmp_path):
    """Documents is often OneDrive (Windows 11) or iCloud (macOS): a recovery sheet or an export must not
    leave the computer by accident."""
    onedrive = tmp_path / "OneDrive - L'Îlot" / "Documents" / "feuille.pdf"
    local = tmp_path / "cle-usb" / "feuille.pdf"
    offered = iter([str(onedrive), str(onedrive), str(local)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (next(offered), "")))
    asked = []

    def confirm(parent, title, text, detail, action):
        asked.append(text)
        return len(asked) == 2  # refused once, then accepted

    monkeypatch.setattr(dialogs, "confirm", confirm)
    assert dialogs.choose_save_path(None, "Feuille", "feuille.pdf", "PDF (*.pdf)", sensitive=True) == onedrive
    assert asked == ["Ce dossier est synchronisé avec un service en ligne («\u00a0OneDrive - L'Îlot\u00a0»)."] * 2
    asked.clear()
    assert dialogs.choose_save_path(None, "Feuille", "feuille.pdf", "PDF (*.pdf)", sensitive=True) == local
    assert asked == []  # a local folder: no question
    # not sensitive (the funder file has no personal data): no question either
    offered = iter([str(onedrive)])
    assert dialogs.choose_save_path(None, "Bilan", "bilan.xlsx", "Classeur (*.xlsx)") == onedrive


def test_synced_services_are_recognised():
    assert dialogs.synced_service(Path("/Users/camille/Library/Mobile Documents/com~apple~CloudDocs/x.pdf"))
    assert dialogs.synced_service(Path("C:/Users/camille/OneDrive/Documents/x.pdf")) == "OneDrive"
    assert dialogs.synced_service(Path("/home/camille/Dropbox/x.pdf")) == "Dropbox"
    assert dialogs.synced_service(Path("/media/camille/CLE-USB/x.pdf")) is None


def test_documents_is_the_start_folder_when_it_exists(monkeypatch):
    documents = Path.home() / "Documents"  # HOME is a temporary folder in the tests
    # Qt finds Documents under HOME on Linux, but through the shell's known folder on Windows (not HOME):
    # it is named here, the same on every system.
    from PySide6.QtCore import QStandardPaths

    real = QStandardPaths.writableLocation
    documents_location = QStandardPaths.StandardLocation.DocumentsLocation
    monkeypatch.setattr(
        QStandardPaths,
        "writableLocation",
        lambda location: str(documents) if location == documents_location else real(location),
    )
    assert dialogs.start_folder() == str(Path.home())  # none yet: the home folder
    documents.mkdir()
    assert Path(dialogs.start_folder()) == documents
