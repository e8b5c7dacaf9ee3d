"""Ma semaine, where Monday starts (issue 13): the past appointments to note stand out and are noted right there,
with buttons or the calendar's shortcuts; an appointment line opens the appointment; Aujourd'hui shows ✓ / ✗."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import AppointmentStatus, JusticeSituation
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(make_window, tmp_path):
    """Friday 27/11/2026: Tuesday's and Wednesday's appointments were never noted; two this morning (at
    midnight: their time has come whatever the hour of the test), one tomorrow."""
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    inside = session.participants.save(make_participant())
    outside = session.participants.save(
        make_participant(
            file_number="DE-2026-002",
            last_name="Ndiaye",
            first_name="Awa",
            justice_situation=JusticeSituation.OPEN_CUSTODY,
            planned_release_date=None,
        )
    )
    ids = {}
    for name, person, start in (
        ("tuesday", outside, datetime(2026, 11, 24, 10, 0)),
        ("wednesday", inside, datetime(2026, 11, 25, 14, 0)),
        ("morning", outside, datetime.combine(TODAY, time(0, 0))),
        ("morning_2", inside, datetime.combine(TODAY, time(0, 30))),
        ("tomorrow", outside, datetime(2026, 11, 28, 10, 0)),
    ):
        ids[name] = session.followup.save(Appointment(participant_id=person.id, start=start, place="Locaux")).id
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.ids = ids
    w.people = {"inside": inside.id, "outside": outside.id}
    return w


def status_of(window, name):
    return window.session.followup.get(window.ids[name]).appointment.status


def texts(widget):
    return [widget.item(i).text() for i in range(widget.count())]


def click_line(qtbot, widget, row):
    widget.setFocus()
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualItemRect(widget.item(row)).center())


def test_the_lines_to_note_stand_out_at_the_top(window):
    home = window.home
    assert window.tabs.currentWidget() is home
    to_record = home.lists["to_record"]
    assert home.boxes["to_record"].isVisible()
    assert home.boxes["to_record"].title() == "Rendez-vous passés à noter\u00a0: réalisé ou absent\u00a0? (2)"
    lines = texts(to_record)
    assert len(lines) == 2 and all(t.startswith("⚠ À noter · ") for t in lines)  # a sign and words
    assert "mar. 24/11 10:00  NDIAYE Awa (DE-2026-002)" in lines[0]
    assert all(to_record.item(i).font().bold() for i in range(2))  # and the type, not the colour alone
    assert to_record.item(0).background().color().name() == "#fff1c2"
    assert not any("24/11" in t or "25/11" in t for t in texts(home.lists["week"]))  # not twice


def test_monday_notes_realise_and_absent_with_the_buttons(window, qtbot):
    home = window.home
    to_record = home.lists["to_record"]
    assert not home.done_button.isEnabled()  # nothing chosen yet
    click_line(qtbot, to_record, 0)
    assert home.done_button.isEnabled() and home.absent_button.isEnabled()
    qtbot.mouseClick(home.done_button, Qt.MouseButton.LeftButton)
    assert status_of(window, "tuesday") is AppointmentStatus.DONE
    # the next line to note is chosen: one click more notes it
    assert texts(to_record) == [to_record.currentItem().text()] and "25/11" in to_record.currentItem().text()
    qtbot.mouseClick(home.absent_button, Qt.MouseButton.LeftButton)
    assert status_of(window, "wednesday") is AppointmentStatus.ABSENT
    assert not home.boxes["to_record"].isVisible()  # everything noted: the box goes
    # through the follow-up service like the calendar: the access log has it, the other pages followed
    events = window.session.audit.events(participant_id=window.people["outside"])
    assert any(e.action == AuditAction.PARTICIPANT_UPDATED and e.detail == "rendez-vous" for e in events)
    window.week.go_to(date(2026, 11, 24))
    shown = [window.week.model.index(r, c).data() or "" for r in range(window.week.model.rowCount()) for c in (1, 2)]
    assert any(t.startswith("✓") and "NDIAYE" in t for t in shown)
    assert any(t.startswith("✗") and "MARQUEUR" in t for t in shown)


def test_monday_notes_with_the_calendars_shortcuts(window, qtbot):
    home = window.home
    to_record = home.lists["to_record"]
    assert home.file_button.nextInFocusChain().nextInFocusChain() is to_record  # Tab after the buttons
    to_record.setFocus(Qt.FocusReason.TabFocusReason)  # reached by Tab: its first line is chosen
    assert QApplication.focusWidget() is to_record and to_record.currentRow() == 0
    assert home.done_button.isEnabled()
    qtbot.keyClick(to_record, Qt.Key.Key_R, CTRL_SHIFT)
    assert status_of(window, "tuesday") is AppointmentStatus.DONE
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL_SHIFT)
    assert status_of(window, "wednesday") is AppointmentStatus.ABSENT


def test_today_shows_the_marks_once_noted(window, qtbot):
    today = window.home.lists["today"]
    lines = texts(today)
    assert lines[0].startswith("⚠ 00:00  NDIAYE Awa") and lines[0].endswith("— à noter")
    click_line(qtbot, today, 0)
    qtbot.keyClick(today, Qt.Key.Key_R, CTRL_SHIFT)
    click_line(qtbot, today, 1)
    qtbot.mouseClick(window.home.absent_button, Qt.MouseButton.LeftButton)
    lines = texts(today)
    assert lines[0].startswith("✓ 00:00  NDIAYE Awa") and lines[0].endswith("— Réalisé")
    assert lines[1].startswith("✗ 00:30  MARQUEUR Zéphyrin") and lines[1].endswith("— Absent")


def test_a_future_appointment_cannot_be_noted_from_ma_semaine(window, qtbot):
    home = window.home
    week = home.lists["week"]
    row = next(i for i, t in enumerate(texts(week)) if "28/11" in t)
    click_line(qtbot, week, row)
    assert not home.done_button.isEnabled() and "pas encore eu lieu" in home.done_button.toolTip()
    qtbot.keyClick(week, Qt.Key.Key_R, CTRL_SHIFT)
    assert status_of(window, "tomorrow") is AppointmentStatus.PLANNED


def test_a_double_click_opens_the_appointment_itself(window, qtbot):
    from ilot_desktop.ui.appointment_dialog import AppointmentDialog

    home = window.home

    def double_click(widget, row):
        center = widget.visualItemRect(widget.item(row)).center()
        qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=center)
        QApplication.processEvents()
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, AppointmentDialog) and w.isVisible()]

    opened = double_click(home.lists["today"], 0)
    assert window.tabs.currentWidget() is home  # the file was not opened instead
    assert len(opened) == 1 and opened[0].appointment.id == window.ids["morning"]
    opened[0].reject()
    to_record = home.lists["to_record"]
    opened = double_click(to_record, 0)
    assert len(opened) == 1 and home.dialog is opened[0]
    assert home.dialog.appointment.id == window.ids["tuesday"]
    # noted in the dialog: Ma semaine follows
    home.dialog.status.set_value(AppointmentStatus.DONE)
    qtbot.mouseClick(home.dialog.save_button, Qt.MouseButton.LeftButton)
    assert home.dialog is None and status_of(window, "tuesday") is AppointmentStatus.DONE
    assert len(texts(to_record)) == 1
    # « Dossier de la personne » still opens the file from an appointment line
    click_line(qtbot, to_record, 0)
    qtbot.mouseClick(home.file_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert window.tabs.currentWidget() is window.dossier_tabs
    assert window.form.current.id == window.people["inside"]


def test_the_lock_closes_the_appointment_opened_from_ma_semaine(window, qtbot):
    from ilot_desktop.ui.appointment_dialog import AppointmentDialog

    home = window.home
    click_line(qtbot, home.lists["to_record"], 0)
    qtbot.mouseClick(home.done_button, Qt.MouseButton.LeftButton)  # the note names nobody
    home.open_current()
    assert isinstance(home.dialog, AppointmentDialog) and home.dialog.isVisible()
    assert window.lock()
    QApplication.processEvents()
    visible = [w for w in QApplication.topLevelWidgets() if isinstance(w, AppointmentDialog) and w.isVisible()]
    assert visible == [] and home.dialog is None
    assert all(w.count() == 0 for w in home.lists.values()) and "NDIAYE" not in home.note.text()
    assert not home.done_button.isEnabled()
