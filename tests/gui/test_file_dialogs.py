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
    """Qt 6.12's French file lacks the accelerated labels of its own file chooser: ours fills them."""
    from PySide6.QtWidgets import QLabel

    dialog = QFileDialog(None, "Choisir")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Voir dans\u00a0:" in labels and "&Type de fichier\u00a0:" in labels
    assert not any("Look in" in text or "Files of" in text for text in labels)
    dialog.deleteLater()
