"""Locking at once (Ctrl+L, the menu, the idle watcher): no question over the records, every editor's unsaved
typing kept encrypted, told and put back after unlock, never saved as a record before the person saves."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import AppointmentKind, BarrierCategory, OutcomeType
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

REAL_MESSAGE_BOX_EXEC = QMessageBox.exec  # the GUI tests refuse every box: these tests open real ones
REAL_GET_SAVE_FILE_NAME = QFileDialog.getSaveFileName
REPORT = "Zorglub : la personne a trouvé un logement, rappeler le SIAO lundi."


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant(file_number="DE-2026-004"))
    appointment = session.followup.save(
        Appointment(
            participant_id=person.id,
            start=datetime(2026, 11, 27, 10, 0),
            kind=AppointmentKind.INDIVIDUAL,
            place="Locaux de L'Îlot",
        )
    )
    session.barriers.save(
        Barrier(
            participant_id=person.id, category=BarrierCategory.MOBILITY, item="Permis de conduire", identified_on=TODAY
        )
    )
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.person_id, w.appointment_id = person.id, appointment.id
    return w


def _unlock_and_read_message(window, answers) -> str:
    """Unlock; the message saying what was kept comes once the window is on screen."""
    window.unlock(PASSWORD)
    QApplication.processEvents()
    told = [call for call in answers.calls if call[0] == "inform"]
    assert len(told) == 1, answers.calls
    title, text, detail = told[0][1]
    assert title == "Saisie retrouvée"
    return f"{text}\n{detail}"


def _safety_timer(window, slot, ms: int = 4_000) -> QTimer:
    """Ends a test that would otherwise hang on a real dialog; stopped by the test (it must not outlive it)."""
    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.timeout.connect(slot)
    timer.start(ms)
    return timer


def _open_appointment(window, qtbot):
    window.week.edit_appointment(window.appointment_id)
    dialog = window.week.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.report.setPlainText(REPORT)  # textChanged marks the dialog as edited
    assert dialog.is_dirty()
    return dialog


def test_ctrl_l_locks_at_once_and_the_compte_rendu_comes_back(window, qtbot, answers):
    dialog = _open_appointment(window, qtbot)
    window.lock_action.trigger()  # Ctrl+L and « Verrouiller »
    assert window.session is None and window.stack.currentWidget() is window.unlock_page
    assert answers.calls == []  # no "Modifications non enregistrées" question over the records
    assert window.week.dialog is None
    from shiboken6 import isValid

    QApplication.sendPostedEvents(None, 52)  # DeferredDelete
    assert not isValid(dialog)
    assert b"Zorglub" not in (window.paths.data_dir / "ilot.db").read_bytes()  # kept encrypted
    message = _unlock_and_read_message(window, answers)
    assert "Compte rendu du rendez-vous du 27/11/2026 avec DE-2026-004" in message
    assert "pas encore enregistré" in message or "n'est encore enregistré" in message
    again = window.week.dialog
    assert again is not None and again.isVisible()
    assert again.report.toPlainText() == REPORT and again.is_dirty()
    assert again.draft_note.isVisible() and "Brouillon retrouvé" in again.draft_note.text()
    assert window.session.followup.get(window.appointment_id).appointment.report == ""  # not saved
    assert again.save()
    assert window.session.followup.get(window.appointment_id).appointment.report == REPORT


def test_the_ctrl_l_key_itself_locks_with_a_participant_file_being_typed(window, qtbot, answers):
    window.open_participant(window.person_id)
    notes = window.form.editors["notes"]
    notes.setPlainText("Zorglub : note tapée, pas enregistrée")
    assert window.form.is_dirty()
    window.activateWindow()
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None and answers.calls == []
    message = _unlock_and_read_message(window, answers)
    assert "Fiche du dossier DE-2026-004" in message
    assert window.form.current.id == window.person_id
    assert window.form.editors["notes"].toPlainText().startswith("Zorglub")
    assert window.form.is_dirty() and "pas encore enregistré" in window.form.state_label.text()
    assert window.tabs.currentWidget() is window.dossier_tabs
    assert window.session.participants.get(window.person_id).notes == "Premier entretien au parloir"  # not saved
    window.form._set_dirty(False)
    window.lock()
    window.unlock(PASSWORD)
    QApplication.processEvents()
    assert window.form.current is None  # handed back once


def test_a_collective_action_a_result_and_a_plan_task_come_back(window, answers):
    window.actions_page.new_action()
    window.actions_page.title.setText("Atelier Zorglub")
    window.actions_page.title.textEdited.emit("Atelier Zorglub")
    window.open_participant(window.person_id, window.results_tabs)
    outcomes = window.outcomes
    outcomes.new_outcome()
    outcomes.outcome_type.set_value(OutcomeType.CDI)
    outcomes.employer.setText("Boulangerie Zorglub")
    outcomes.employer.textEdited.emit("Boulangerie Zorglub")
    plan = window.barriers.plan
    plan.description.setText("Déposer le dossier Zorglub à la CAF")
    plan.due.edit.setText("04/12/2026")
    window.request_lock()
    assert window.session is None and answers.calls == []
    message = _unlock_and_read_message(window, answers)
    assert "Action collective «\u00a0Atelier Zorglub\u00a0» (nouvelle)" in message
    assert "Nouveau résultat pour DE-2026-004" in message
    assert "Tâche «\u00a0Déposer le dossier Zorglub à la CAF\u00a0» du plan d'action de DE-2026-004" in message
    assert window.actions_page.title.text() == "Atelier Zorglub" and window.actions_page._dirty
    assert "Brouillon retrouvé" in window.actions_page.state.text()
    assert outcomes.employer.text() == "Boulangerie Zorglub" and outcomes.outcome_type.value() is OutcomeType.CDI
    assert outcomes.is_dirty() and "Brouillon retrouvé" in outcomes.state.text()
    assert plan.description.text() == "Déposer le dossier Zorglub à la CAF" and plan.due.text() == "04/12/2026"
    assert not plan.draft_note.isHidden()
    session = window.session
    assert session.actions.summaries() == []  # nothing saved as a record
    assert session.outcomes.for_participant(window.person_id) == []
    assert session.plan.tasks(window.person_id) == []
    plan.add_task()
    assert len(session.plan.tasks(window.person_id)) == 1 and plan.draft_note.isHidden()


def test_a_barrier_cell_being_typed_and_the_caseworker_details_come_back(window, qtbot, answers):
    from ilot_desktop.ui.barriers_model import COL_COMMENT

    window.open_participant(window.person_id, window.barriers)
    page = window.barriers
    row = page.model.row_of(BarrierCategory.MOBILITY, "Permis de conduire")
    index = page.model.index(row, COL_COMMENT)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = next(e for e in page.table.viewport().findChildren(type(page.add_item)) if not e.isHidden())
    editor.setText("Zorglub : auto-école solidaire")
    window.edit_contact()
    contact = window.contact_dialog
    contact.phone.setText("01 23 45 67 89")
    window.request_lock()
    assert window.session is None and answers.calls == []
    message = _unlock_and_read_message(window, answers)
    assert "Commentaire du frein «\u00a0Permis de conduire\u00a0» de DE-2026-004" in message
    assert "Mes coordonnées (modifications non enregistrées)" in message
    assert window.contact_dialog.isVisible() and window.contact_dialog.phone.text() == "01 23 45 67 89"
    window.contact_dialog.done(0)
    assert "auto-école solidaire" in page.message.text()
    [barrier] = window.session.barriers.for_participant(window.person_id)
    assert barrier.comment == ""  # not saved
    page.table.edit(page.table.currentIndex())
    editor = next(e for e in page.table.viewport().findChildren(type(page.add_item)) if not e.isHidden())
    assert editor.text() == "Zorglub : auto-école solidaire"  # the cell opens with what was typed


def test_a_question_box_really_open_does_not_delay_the_lock(window, qtbot, monkeypatch):
    """The idle period runs out while "Modifications non enregistrées" waits for an answer: the box is answered
    « Annuler », its exec returns, and the lock follows at once (not a whole period later)."""
    monkeypatch.setattr(QMessageBox, "exec", REAL_MESSAGE_BOX_EXEC)
    dialog = _open_appointment(window, qtbot)
    window.watcher.timer.setInterval(20)
    seen = []

    def period_runs_out():
        seen.append(type(QApplication.activeModalWidget()).__name__)
        window.watcher.last_activity -= window.watcher.minutes * 60 + 1
        ran_out.append(True)

    def never_hang():
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                box.done(0)

    ran_out: list[bool] = []
    QTimer.singleShot(100, period_runs_out)
    safety = _safety_timer(window, never_hang)
    dialog.reject()  # "Annuler" with a compte rendu typed: the question opens, in its own event loop
    safety.stop()
    assert seen == ["QMessageBox"]
    # at once: a whole idle period later (minutes) would miss this wait by far
    qtbot.waitUntil(lambda: window.session is None, timeout=3_000)
    assert len(ran_out) == 1
    assert window.stack.currentWidget() is window.unlock_page
    from tests.gui.conftest import _refuse

    monkeypatch.setattr(QMessageBox, "exec", _refuse)
    from ilot_desktop.ui import dialogs

    told = []
    monkeypatch.setattr(dialogs, "inform", lambda *args: told.append(args))
    window.unlock(PASSWORD)
    QApplication.processEvents()
    assert told and "Compte rendu du rendez-vous du 27/11/2026 avec DE-2026-004" in told[0][3]
    assert window.week.dialog.report.toPlainText() == REPORT
    window.week.dialog._dirty = False  # the window closes after the test


def test_a_file_chooser_left_open_is_cancelled_and_the_lock_follows(window, qtbot, monkeypatch):
    from ilot_desktop.ui import dialogs

    monkeypatch.setattr(QFileDialog, "getSaveFileName", REAL_GET_SAVE_FILE_NAME)
    answered = []

    def lock_while_open():
        answered.append(type(QApplication.activeModalWidget()).__name__)
        window.auto_lock()
        assert window.session is not None  # not under the code waiting for the file name

    QTimer.singleShot(200, lock_while_open)
    safety = _safety_timer(
        window, lambda: [w.reject() for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]
    )
    chosen = dialogs.choose_save_path(window, "Exporter", "export.xlsx", "Classeur (*.xlsx)")
    safety.stop()
    assert answered == ["QFileDialog"] and chosen is None
    assert dialogs.confirm(window, "Encore une question", "?", "", "Oui") is False  # answered at once, not shown
    qtbot.waitUntil(lambda: window.session is None, timeout=2_000)


def test_every_dialog_over_the_records_closes_with_the_lock(window, qtbot):
    """Not a list of attribute names: any dialog of the window, wherever it was opened from."""
    window.open_participant(window.person_id, window.dossier_tabs)
    stray = QDialog(window.timeline)
    stray.setWindowTitle("Un dialogue de plus")
    stray.open()
    window._show_about()
    window.open_funder_dialog()
    assert stray.isVisible() and window.about_dialog.isVisible()
    window.lock()
    assert window.session is None
    assert not stray.isVisible()
    assert window.about_dialog is None and window.funder_dialog is None


def test_quitting_still_asks(window, answers):
    """Closing the window is not a lock: the person is there, the question stays (and « Annuler » keeps it open)."""
    from ilot_desktop.ui import dialogs

    window.open_participant(window.person_id)
    window.form.editors["notes"].setPlainText("Une note")
    answers.queue(dialogs.Answer.CANCEL)
    window.close()
    assert window.session is not None and window.isVisible()
    assert [call[0] for call in answers.calls] == ["ask_unsaved"]
    window.form._set_dirty(False)


def test_the_date_of_a_new_appointment_names_the_draft(window, qtbot, answers):
    window.week.create_at(None, window.person_id)
    dialog = window.week.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.date.set_value(date(2026, 12, 3))
    dialog.date.changed.emit()
    dialog.report.setPlainText("Préparer l'entretien")
    window.request_lock()
    message = _unlock_and_read_message(window, answers)
    assert "Nouveau rendez-vous et son compte rendu du 03/12/2026 avec DE-2026-004" in message
    assert window.week.dialog.date.text() == "03/12/2026"
    assert window.session.followup.timeline(window.person_id)[0].appointment.id == window.appointment_id
    assert len(window.session.followup.timeline(window.person_id)) == 1  # the new one is not saved
    window.week.dialog._dirty = False  # the window closes after the test


def test_ctrl_l_typed_in_the_appointment_dialog_locks(window, qtbot, answers):
    """The dialog blocks the window (and its shortcuts): the key still locks, from inside the dialog."""
    dialog = _open_appointment(window, qtbot)
    dialog.activateWindow()
    dialog.report.setFocus()
    qtbot.keyClick(dialog.report, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None and answers.calls == []
    assert "Compte rendu du rendez-vous du 27/11/2026" in _unlock_and_read_message(window, answers)
    window.week.dialog._dirty = False  # the window closes after the test


def test_a_draft_that_cannot_be_kept_does_not_stop_the_lock(window, monkeypatch):
    from ilot_desktop.errors import StorageEnvironmentError

    def full_disk(*args):
        raise StorageEnvironmentError("Le disque est plein.")

    monkeypatch.setattr(type(window.session), "keep_draft", full_disk)
    window.actions_page.new_action()
    window.actions_page.title.setText("Atelier")
    window.actions_page.title.textEdited.emit("Atelier")
    window.request_lock()
    assert window.session is None and window.actions_page.title.text() == ""
    assert window.unlock_page.error.text() == "La saisie en cours n'a pas pu être gardée\u00a0: Le disque est plein."


def test_a_draft_whose_record_is_gone_is_said(window, qtbot, answers):
    _open_appointment(window, qtbot)
    window.request_lock()
    session = vault.unlock(window.paths.data_dir, PASSWORD, clock=lambda: TODAY)
    session.followup.delete(window.appointment_id)  # e.g. restored from the command line meanwhile
    session.close()
    message = _unlock_and_read_message(window, answers)
    assert "n'a pas pu être remis à l'écran" in message
    assert "Compte rendu du rendez-vous du 27/11/2026 avec DE-2026-004" in message
    assert window.week.dialog is None


def test_an_end_of_accompaniment_typed_but_not_applied_comes_back(window, answers):
    from ilot_desktop.domain.vocabulary import EndReason

    window.open_participant(window.person_id, window.results_tabs)
    page = window.outcomes
    page.end_date.edit.setText("30/11/2026")
    page.end_reason.set_value(EndReason.PERIOD_OVER)
    window.request_lock()
    message = _unlock_and_read_message(window, answers)
    assert "Fin d'accompagnement pas encore appliquée pour DE-2026-004" in message
    assert page.end_date.text() == "30/11/2026" and page.end_reason.value() is EndReason.PERIOD_OVER
    assert "pas encore appliquée" in page.end_note.text() and not page.end_note.isHidden()
    assert window.session.participants.get(window.person_id).end_date is None  # not applied
    assert window.tabs.currentWidget() is window.results_tabs


def test_a_new_participant_file_being_typed_comes_back_unsaved(window, answers):
    window.new_participant()
    window.form.editors["last_name"].setText("Zorglub")
    window.form.editors["last_name"].textEdited.emit("Zorglub")
    window.request_lock()
    message = _unlock_and_read_message(window, answers)
    assert "Nouveau dossier (pas encore enregistré)" in message
    assert window.form.current.id is None and window.form.editors["last_name"].text() == "Zorglub"
    assert window.form.is_dirty()
    assert len(window.session.participants.summaries()) == 1  # only the one made by the fixture
