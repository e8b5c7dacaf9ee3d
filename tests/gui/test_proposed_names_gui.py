"""The save dialog proposes a valid Windows file name even when a typed file number holds « / : ? * »."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ilot_desktop.ui import dialogs


def test_a_file_number_with_separators_is_proposed_as_one_valid_name(monkeypatch, qapp):
    seen = []

    def fake_save(parent, title, proposal, filter_text):
        seen.append(proposal)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    assert dialogs.choose_save_path(None, "Copie", "copie-des-donnees-DE/2026:01?.pdf", "PDF (*.pdf)") is None
    proposed = Path(seen[0])
    assert proposed.parent == Path(dialogs.start_folder())
    assert proposed.name == "copie-des-donnees-DE-2026-01-.pdf"
