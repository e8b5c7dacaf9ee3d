"""Backups and restore, the person's rights (access copy, erasure) and retention, through the window."""

from __future__ import annotations

from datetime import date

import pytest

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant())
    old = session.participants.save(
        make_participant(
            file_number="DE-2022-001",
            last_name="Ancien",
            first_name="Dossier",
            birth_date=date(1970, 1, 1),
            entry_date=date(2022, 1, 10),
            consent_date=date(2022, 1, 10),
            planned_release_date=date(2022, 3, 1),
            end_date=date(2022, 7, 1),
        )
    )
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.person_id, w.old_id = person.id, old.id
    return w


@pytest.mark.auto_backup
def test_unlock_made_a_daily_backup_and_save_to_a_usb_key(window, qtbot, answers, tmp_path):
    assert window.stack.currentWidget() is window.workspace
    qtbot.waitUntil(lambda: len(window.session.backups.list()) == 1)  # just after the window shows
    backups = window.session.backups.list()
    assert backups[0].kind == "auto" and "Sauvegarde automatique faite" in window.statusBar().currentMessage()
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    answers.queue(usb)
    window.save_backup_to()
    written = list(usb.iterdir())
    assert len(written) == 1 and (written[0] / "ilot.db").exists() and (written[0] / "ilot.key").exists()
    assert not (written[0] / "ilot.db").read_bytes().startswith(b"SQLite format 3")


def test_restore_a_backup_after_a_mistake(window, answers, tmp_path):
    from PySide6.QtWidgets import QApplication

    usb = tmp_path / "cle"
    usb.mkdir()
    answers.queue(usb)
    window.save_backup_to()
    window.session.participants.delete(window.person_id)  # the mistake
    answers.queue(usb)
    window.open_restore()
    assert window.session is None  # locked first
    dialog = window.restore_dialog
    dialog.choose_other()
    dialog.other = next(usb.iterdir())
    dialog.table.clearSelection()
    dialog.password.setText(PASSWORD)
    answers.queue(True)
    assert dialog.restore()
    QApplication.processEvents()
    window.unlock(PASSWORD)
    assert any(s.id == window.person_id for s in window.session.participants.summaries())
    assert any(info.kind == "avant-restauration" for info in window.session.backups.list()) or list(
        (window.paths.data_dir / "sauvegardes").glob("*avant-restauration*")
    )


def test_access_copy_and_erasure(window, answers, tmp_path):
    window.open_participant(window.person_id)
    target = tmp_path / "copie.pdf"
    answers.queue(target)
    window.participant_access_copy()
    assert target.read_bytes().startswith(b"%PDF")
    answers.queue(True)
    window.erase_participant()
    assert all(s.id != window.person_id for s in window.session.participants.summaries())
    assert window.form.current is None
    informed = [call for call in answers.calls if call[0] == "inform"]
    assert "effacé" in informed[-1][1][1] and "Sauvegardes automatiques" in informed[-1][1][2]


def test_retention_lists_old_closed_files_and_anonymises_them(window, answers):
    window.open_retention()
    dialog = window.retention_dialog
    assert dialog.checked_ids() == [window.old_id]
    answers.queue(True)
    assert dialog.anonymise()
    anonymised = window.session.participants.get(window.old_id)
    assert anonymised.last_name != "Ancien" and anonymised.file_number != "DE-2022-001"
