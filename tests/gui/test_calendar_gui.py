"""Week view, appointment dialog, Ma semaine, timeline and collective actions, through the widgets."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    JusticeSituation,
)
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

MONDAY = date(2026, 11, 23)  # TODAY is Friday 27/11/2026


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    inside = session.participants.save(make_participant())  # in detention, release 15/12/2026
    outside = session.participants.save(
        make_participant(
            file_number="DE-2026-002",
            last_name="Ndiaye",
            first_name="Awa",
            birth_date=date(1992, 6, 1),
            justice_situation=JusticeSituation.OPEN_CUSTODY,
            planned_release_date=None,
            entry_date=date(2026, 9, 1),
            consent_date=date(2026, 9, 1),
        )
    )
    session.followup.save(
        Appointment(
            participant_id=outside.id,
            start=datetime(2026, 11, 24, 10, 0),
            duration_min=60,
            kind=AppointmentKind.INDIVIDUAL,
            place="Locaux de L'Îlot",
        )
    )
    session.followup.save(
        Appointment(
            participant_id=inside.id,
            start=datetime(2026, 11, 24, 10, 0),
            duration_min=90,
            kind=AppointmentKind.IN_DETENTION,
            place="La Santé",
        )
    )
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    assert w.stack.currentWidget() is w.workspace
    w.ids = {"inside": inside.id, "outside": outside.id}
    return w


def cell(week, day: date, hour: int, minute: int = 0):
    column = week.model.days.index(day)
    row = week.model.slots.index(datetime(2000, 1, 1, hour, minute).time())
    return week.model.index(row, column)


def test_ma_semaine_is_first_and_lists_this_week(window):
    assert window.tabs.currentWidget() is window.home
    to_record = window.home.lists["to_record"]  # Tuesday's two, still « prévu » on Friday: to note, at the top
    texts = [to_record.item(i).text() for i in range(to_record.count())]
    assert len(texts) == 2 and all("10:00" in t and t.startswith("⚠ À noter") for t in texts)
    releases = window.home.lists["releases"]
    assert releases.count() == 1 and "15/12/2026" in releases.item(0).text()
    # a line opens the right participant
    releases.itemActivated.emit(releases.item(0))
    assert window.tabs.currentWidget() is window.dossier_tabs
    assert window.form.current.id == window.ids["inside"]


def test_week_shows_both_appointments_at_the_same_time(window):
    week = window.week
    assert week.title.text() == "Semaine du 23 au 29 novembre 2026"
    index = cell(week, date(2026, 11, 24), 10)
    text = index.data()
    assert "MARQUEUR Zéphyrin" in text and "NDIAYE Awa" in text
    # each line closed by a left-to-right mark: a name in Arabic script cannot pull the next line's time
    assert [line[-1] for line in text.split("\n")] == ["\u200e", "\u200e"]
    assert window.week.table.rowHeight(index.row()) > window.week.table.rowHeight(0)
    accessible = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Entretien en détention" in accessible and "Entretien individuel" in accessible
    following = cell(week, date(2026, 11, 24), 11)  # the 90-minute one goes on
    assert following.data(Qt.ItemDataRole.BackgroundRole) is not None and not following.data()


def test_navigate_weeks(window, qtbot):
    week = window.week
    qtbot.mouseClick(week.next_button, Qt.MouseButton.LeftButton)
    assert week.monday == MONDAY + timedelta(days=7)
    assert week.title.text() == "Semaine du 30 novembre au 6 décembre 2026"
    qtbot.mouseClick(week.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(week.previous_button, Qt.MouseButton.LeftButton)
    assert week.monday == MONDAY - timedelta(days=7)
    qtbot.mouseClick(week.today_button, Qt.MouseButton.LeftButton)
    assert week.monday == MONDAY
    week.jump.edit.setText("03/02/2027")
    week.jump.changed.emit()
    assert week.monday == date(2027, 2, 1)
    week.jump.edit.setText("31/02/2027")
    week.jump.edit.returnPressed.emit()
    assert "n'existe pas" in week.jump_error.text()


def test_create_by_double_click_then_mark_done(window, qtbot, answers):
    week = window.week
    index = cell(week, date(2026, 11, 26), 14)
    week.open_index(index)  # what a double-click or Entrée does on a free slot
    dialog = week.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.date.text() == "26/11/2026" and dialog.time.time().hour() == 14
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Choisissez la personne" in dialog.errors["participant"].text()
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["outside"]))
    dialog.report.setPlainText("CV commencé ensemble")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert week.dialog is None
    assert "NDIAYE Awa" in cell(week, date(2026, 11, 26), 14).data()
    week.table.setCurrentIndex(cell(week, date(2026, 11, 26), 14))
    qtbot.mouseClick(week.done_button, Qt.MouseButton.LeftButton)
    assert cell(week, date(2026, 11, 26), 14).data().startswith("✓")
    timeline = window.session.followup.timeline(window.ids["outside"])
    assert any(
        v.appointment.status is AppointmentStatus.DONE and v.appointment.report == "CV commencé ensemble"
        for v in timeline
    )


def test_future_appointment_cannot_be_marked_done_and_typed_text_stays(window, qtbot, answers):
    week = window.week
    week.go_to(date(2026, 12, 2))
    week.open_index(cell(week, date(2026, 12, 2), 9))
    dialog = week.dialog
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["outside"]))
    dialog.status.set_value(AppointmentStatus.DONE)
    dialog.report.setPlainText("Texte à ne pas perdre")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "à venir" in dialog.errors["status"].text()
    assert dialog.isVisible() and dialog.report.toPlainText() == "Texte à ne pas perdre"
    dialog.status.set_value(AppointmentStatus.PLANNED)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert week.dialog is None


def test_detention_appointment_defaults_to_the_facility(window):
    week = window.week
    week.open_index(cell(week, date(2026, 11, 25), 9))
    dialog = week.dialog
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["inside"]))
    assert dialog.kind.value() is AppointmentKind.IN_DETENTION
    assert dialog.place.text() == "Centre pénitentiaire de Paris-La Santé"
    dialog._dirty = False
    dialog.reject()


def test_timeline_from_the_participant_file(window, qtbot):
    window.open_participant(window.ids["outside"])
    window.dossier_tabs.setCurrentWidget(window.timeline)
    timeline = window.timeline
    assert timeline.table.rowCount() == 1
    assert timeline.cadence_label.text() == "Rythme\u00a0: hebdomadaire, un contact tous les 7 jours"
    assert "Choisissez un rendez-vous" in timeline.details.placeholderText()
    timeline.table.selectRow(0)
    assert "Pas de compte rendu" in timeline.details.toPlainText()
    qtbot.mouseClick(timeline.absent_button, Qt.MouseButton.LeftButton)
    assert "Absent" in timeline.table.item(0, 3).text()
    assert "✗" in cell(window.week, date(2026, 11, 24), 10).data()  # the week view followed


def test_collective_action_attendance(window, qtbot):
    window.tabs.setCurrentWidget(window.calendar_tabs)
    page = window.actions_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.reference.text() == "AC-2026-001"
    page.title.setText("Atelier CV et lettre de motivation")
    page.action_type.set_value(ActionType.TRE_WORKSHOP)
    page.date.set_value(date(2026, 11, 26))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.state.text().startswith("✓ Enregistrée")
    assert page.list.rowCount() == 1
    page.people_box.search.setText("DE-2026-002")  # NDIAYE Awa, found by her file number
    qtbot.mouseClick(page.people_box.register_button, Qt.MouseButton.LeftButton)
    assert page.people_box.registrations.rowCount() == 1
    combo = page.people_box.registrations.cellWidget(0, 2)
    assert combo.isEnabled()
    combo.set_value(Attendance.PRESENT)
    combo.activated.emit(combo.currentIndex())  # what a person's choice sends (the wheel alone does not)
    QApplication.processEvents()
    assert page.list.item(0, 5).text() == "1"
    lines = window.session.actions.for_participant(window.ids["outside"])
    assert lines[0].attendance is Attendance.PRESENT
    # the action shows in the week view
    assert "Atelier CV" in cell(window.week, date(2026, 11, 26), 14).data()


def test_lock_clears_the_calendar(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.week.model.rowCount() == 0 or window.week.model.columnCount() == 0
    assert all(w.count() == 0 for w in window.home.lists.values())
    assert window.actions_page.list.rowCount() == 0


def test_a_real_double_click_opens_exactly_one_window(window, qtbot):
    from ilot_desktop.ui.appointment_dialog import AppointmentDialog

    week = window.week
    index = cell(week, date(2026, 11, 26), 15)
    center = week.table.visualRect(index).center()
    viewport = week.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=center)
    open_windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, AppointmentDialog) and w.isVisible()]
    assert len(open_windows) == 1
    week.dialog._dirty = False
    week.dialog.reject()


def test_keyboard_shortcuts_mark_the_chosen_appointment(window, qtbot):
    week = window.week
    window.tabs.setCurrentWidget(window.calendar_tabs)
    week.table.setFocus()
    week.table.setCurrentIndex(cell(week, date(2026, 11, 24), 10))
    entries = [e for e in week.current_entries() if e.appointment]
    assert len(entries) == 2  # two at the same time: a menu lets the person choose
    week.go_to(date(2026, 11, 24))
    only = window.session.followup.save(
        Appointment(participant_id=window.ids["outside"], start=datetime(2026, 11, 25, 16, 0))
    )
    week.refresh()
    week.table.setCurrentIndex(cell(week, date(2026, 11, 25), 16))
    qtbot.keyClick(week.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.followup.get(only.id).appointment.status is AppointmentStatus.ABSENT


def test_editing_an_action_survives_registering_someone(window):
    page = window.actions_page
    page.new_action()
    page.title.setText("Atelier CV")
    page.action_type.set_value(ActionType.TRE_WORKSHOP)
    page.date.set_value(date(2026, 11, 26))
    assert page.save()
    page.title.setText("Atelier CV et lettre de motivation")
    page.title.textEdited.emit(page.title.text())
    page.people_box.search.setText("DE-2026-002")  # NDIAYE Awa, found by her file number
    page.people_box.register_button.click()
    assert page.people_box.registrations.rowCount() == 1
    assert page.title.text() == "Atelier CV et lettre de motivation"  # nothing typed is lost


def test_leaving_an_edited_action_asks(window, answers):
    page = window.actions_page
    page.new_action()
    page.title.setText("Sortie au musée")
    page.title.textEdited.emit(page.title.text())
    answers.queue(dialogs_answer("CANCEL"))
    page.new_action()
    assert page.title.text() == "Sortie au musée"
    answers.queue(dialogs_answer("CANCEL"))
    assert not window.close()  # quitting asks (locking does not: the typing is kept as a draft)
    answers.queue(dialogs_answer("DISCARD"))
    assert window.close()


def dialogs_answer(name):
    from ilot_desktop.ui import dialogs

    return getattr(dialogs.Answer, name)


def test_the_mouse_wheel_never_records_attendance(window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    page = window.actions_page
    page.new_action()
    page.title.setText("Atelier")
    page.action_type.set_value(ActionType.TRE_WORKSHOP)
    page.date.set_value(date(2026, 11, 26))
    page.save()
    page.people_box.search.setText("DE-2026-002")  # NDIAYE Awa, found by her file number
    page.people_box.register_button.click()
    combo = page.people_box.registrations.cellWidget(0, 2)
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, event)
    QApplication.processEvents()
    assert window.session.actions.registrations(page.action.id)[0].attendance is None


def test_renaming_someone_redraws_the_week(window):
    window.open_participant(window.ids["outside"])
    window.form.editors["last_name"].setText("Diallo")
    window.form.editors["last_name"].textEdited.emit("Diallo")
    assert window.form.save()
    assert "DIALLO Awa" in cell(window.week, date(2026, 11, 24), 10).data()


def test_nothing_with_a_name_survives_a_lock(window, qtbot):
    from PySide6.QtWidgets import (
        QComboBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QMenu,
        QPlainTextEdit,
        QTableWidget,
    )

    week = window.week
    week.table.setCurrentIndex(cell(week, date(2026, 11, 24), 10))
    week._context_menu(week.table.visualRect(week.table.currentIndex()).center())
    week.open_index(cell(week, date(2026, 11, 24), 10))  # two there: a choice menu
    QApplication.processEvents()
    for menu in QApplication.topLevelWidgets():
        if isinstance(menu, QMenu):
            menu.close()
    week.open_index(cell(week, date(2026, 11, 26), 9))
    week.dialog._dirty = False
    week.dialog.reject()
    window.tabs.setCurrentWidget(window.calendar_tabs)
    window.calendar_tabs.setCurrentWidget(window.actions_page)
    QApplication.processEvents()
    assert window.lock()
    from PySide6.QtCore import QEvent

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # closed menus and dialogs go
    QApplication.processEvents()

    def belongs_to_window(widget) -> bool:
        while widget is not None:
            if widget is window:
                return True
            widget = widget.parent()
        return False

    texts = []
    for widget in filter(belongs_to_window, QApplication.allWidgets()):
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit | QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            texts += [
                widget.item(r, c).text()
                for r in range(widget.rowCount())
                for c in range(widget.columnCount())
                if widget.item(r, c)
            ]
        elif isinstance(widget, QMenu):
            texts += [action.text() for action in widget.actions()]
    leaks = [t for t in texts if "Ndiaye" in t or "NDIAYE" in t or "Marqueur" in t or "MARQUEUR" in t]
    assert leaks == []


def test_closing_a_file_offers_to_cancel_later_appointments(window, answers):
    later = window.session.followup.save(
        Appointment(participant_id=window.ids["outside"], start=datetime(2026, 12, 2, 10, 0))
    )
    window.open_participant(window.ids["outside"])
    window.form.editors["end_date"].edit.setText("27/11/2026")
    window.form.editors["end_date"].changed.emit()
    answers.queue(True)
    assert window.form.save()
    assert answers.calls[-1][0] == "confirm" and "Annuler le rendez-vous prévu" in answers.calls[-1][1][1]
    assert window.session.followup.get(later.id).appointment.status is AppointmentStatus.CANCELLED
