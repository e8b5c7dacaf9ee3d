"""« Répéter » through the widgets: the first month's weekly appointments in one dialog, clashes unticked, the
office after the release, the type proposing its place, a series changed from one occurrence, and « Réalisé » /
« Absent » only once the appointment's time has come (calendar and timeline)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt

from ilot_desktop.domain.followup import OFFICE, Appointment
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

PRISON = "Centre pénitentiaire de Paris-La Santé"


@pytest.fixture
def window(make_window, tmp_path):
    """A person who entered today (first month), in detention until 15/12/2026, with one appointment on
    Tuesday 08/12 at 14:00 already."""
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant(entry_date=TODAY, consent_date=TODAY))
    existing = session.followup.save(
        Appointment(
            participant_id=person.id,
            start=datetime(2026, 12, 8, 14, 0),
            kind=AppointmentKind.IN_DETENTION,
            place=PRISON,
        )
    )
    past = session.followup.save(
        Appointment(participant_id=person.id, start=datetime(2026, 11, 24, 10, 0), kind=AppointmentKind.IN_DETENTION)
    )
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.ids = {"person": person.id, "existing": existing.id, "past": past.id}
    return w


def cell(week, day: date, hour: int):
    column = week.model.days.index(day)
    row = week.model.slots.index(datetime(2000, 1, 1, hour, 0).time())
    return week.model.index(row, column)


def test_the_first_month_in_one_dialog(window, qtbot):
    """Before: one dialog per appointment, four dialogs (~24 actions). Now: 5 actions for the whole month."""
    actions = 0
    week = window.week
    week.go_to(date(2026, 12, 1))
    week.open_index(cell(week, date(2026, 12, 1), 10))  # 1: double-click the first slot (day and hour)
    actions += 1
    dialog = week.dialog
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["person"]))  # 2-3: type the name, choose
    actions += 2
    assert (dialog.kind.value(), dialog.place.text()) == (AppointmentKind.IN_DETENTION, PRISON)
    assert not dialog.repeat.body.isVisible()
    box = dialog.repeat.enabled
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    actions += 1  # 4: « Répéter ce rendez-vous »
    panel = dialog.repeat
    assert panel.is_on() and panel.body.isVisible()
    assert not dialog.report.isVisible()  # nothing to report on dates still to come
    assert panel.frequency.currentText() == "Chaque semaine" and panel.count.value() == 4  # first month: weekly
    assert "premier mois" in panel.proposal.text()
    texts = [panel.dates.item(i).text() for i in range(panel.dates.count())]
    assert texts[0] == "mardi 01/12/2026 à 10:00"
    assert texts[1].startswith("mardi 08/12/2026 à 10:00 — déjà un rendez-vous ce jour-là à 14:00")
    assert texts[2] == "mardi 15/12/2026 à 10:00 · après la libération\u00a0: entretien individuel, Locaux de L'Îlot"
    checked = [panel.dates.item(i).checkState() is Qt.CheckState.Checked for i in range(4)]
    assert checked == [True, False, True, True]  # the clash is shown and skipped unless ticked again
    assert panel.summary.text().startswith("3 rendez-vous seront créés. 1 date tombe le même jour")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    actions += 1  # 5: Enregistrer
    assert week.dialog is None
    stored = sorted(
        (v.appointment for v in window.session.followup.timeline(window.ids["person"])), key=lambda a: a.start
    )
    created = [a for a in stored if a.series_id is not None]
    assert [(a.start.day, a.kind, a.place) for a in created] == [
        (1, AppointmentKind.IN_DETENTION, PRISON),
        (15, AppointmentKind.INDIVIDUAL, OFFICE),
        (22, AppointmentKind.INDIVIDUAL, OFFICE),
    ]
    assert len({a.series_id for a in created}) == 1
    assert actions == 5


def test_a_skipped_clash_can_be_kept_and_the_rule_changed(window):
    week = window.week
    week.go_to(date(2026, 12, 1))
    week.open_index(cell(week, date(2026, 12, 1), 10))
    dialog = week.dialog
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["person"]))
    dialog.repeat.enabled.setChecked(True)
    panel = dialog.repeat
    panel.dates.item(1).setCheckState(Qt.CheckState.Checked)
    assert len(panel.chosen_starts()) == 4
    panel.frequency.setCurrentIndex(panel.frequency.findText("Chaque mois"))
    assert panel.proposal.text() == ""  # her rule now, not the rhythm's
    assert [panel.dates.item(i).text()[:24] for i in range(panel.dates.count())] == [
        "mardi 01/12/2026 à 10:00",
        "vendredi 01/01/2027 à 10",
        "lundi 01/02/2027 à 10:00",
        "lundi 01/03/2027 à 10:00",
    ]
    panel.until.edit.setText("15/12/2026")
    panel.until.changed.emit()
    assert panel.by_date.isChecked() and panel.dates.count() == 1 and "doit suivre" not in panel.error.text()
    dialog._dirty = False
    dialog.reject()


def test_the_type_proposes_its_place_unless_one_was_typed(window):
    week = window.week
    week.go_to(date(2026, 12, 1))
    week.open_index(cell(week, date(2026, 12, 1), 10))
    dialog = week.dialog
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["person"]))
    dialog.kind.set_value(AppointmentKind.PHONE)
    assert dialog.place.text() == "Par téléphone"
    dialog.kind.set_value(AppointmentKind.INDIVIDUAL)
    assert dialog.place.text() == OFFICE
    dialog.place.setText("Mission locale")
    dialog.place.textEdited.emit("Mission locale")
    dialog.kind.set_value(AppointmentKind.PHONE)
    assert dialog.place.text() == "Mission locale"
    dialog._dirty = False
    dialog.reject()


def test_after_the_release_the_dialog_proposes_the_office(window):
    week = window.week
    week.go_to(date(2026, 12, 16))
    week.open_index(cell(week, date(2026, 12, 16), 10))
    dialog = week.dialog
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["person"]))
    assert (dialog.kind.value(), dialog.place.text()) == (AppointmentKind.INDIVIDUAL, OFFICE)
    dialog.date.edit.setText("10/12/2026")
    dialog.date.changed.emit()
    assert (dialog.kind.value(), dialog.place.text()) == (AppointmentKind.IN_DETENTION, PRISON)
    dialog._dirty = False
    dialog.reject()


def test_an_occurrence_edited_for_the_whole_series(window, qtbot, monkeypatch):
    from ilot_desktop.domain.appointment_series import Scope  # here: the file also runs against older code

    session = window.session
    first = session.followup.new_draft(window.ids["person"], datetime(2026, 12, 2, 9, 0))
    saved = session.followup.save_series(first, [datetime(2026, 12, d, 9, 0) for d in (2, 9, 16)])
    asked = []
    monkeypatch.setattr(
        "ilot_desktop.ui.appointment_dialog.ask_scope",
        lambda _parent, action, others: asked.append((action, others)) or Scope.UPCOMING,
    )
    dialog = window.week.open_appointment(session.followup.get(saved[0].id).appointment)
    assert dialog.series_note.isVisible() and not dialog.repeat.isVisible()
    dialog.time.setTime(dialog.time.time().addSecs(3600))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == [("modifier", 2)]
    hours = [session.followup.get(a.id).appointment.start.hour for a in saved]
    assert hours == [10, 10, 10]


def test_done_and_absent_wait_for_the_appointment_time(window, qtbot):
    week = window.week
    week.go_to(date(2026, 12, 8))
    week.table.setCurrentIndex(cell(week, date(2026, 12, 8), 14))
    assert not week.done_button.isEnabled() and not week.absent_button.isEnabled()
    assert week.done_button.toolTip() == (
        "Ce rendez-vous n'a pas encore eu lieu\u00a0: « Réalisé » ou « Absent » pourra être noté "
        "à partir du mardi 08/12/2026 à 14:00."
    )
    week.go_to(date(2026, 11, 24))
    week.table.setCurrentIndex(cell(week, date(2026, 11, 24), 10))
    assert week.done_button.isEnabled() and "Ctrl+Maj+R" in week.done_button.toolTip()

    window.open_participant(window.ids["person"])
    timeline = window.timeline
    rows = {timeline.table.item(r, 0).text(): r for r in range(timeline.table.rowCount())}
    timeline.table.selectRow(rows["mar. 08/12/2026"])
    assert not timeline.done_button.isEnabled() and "pas encore eu lieu" in timeline.absent_button.toolTip()
    timeline.table.selectRow(rows["mar. 24/11/2026"])
    assert timeline.done_button.isEnabled()
    qtbot.mouseClick(timeline.done_button, Qt.MouseButton.LeftButton)
    assert window.session.followup.get(window.ids["past"]).appointment.status is AppointmentStatus.DONE


def test_cancelling_or_deleting_from_one_occurrence_reaches_the_series_to_come(window, monkeypatch, answers):
    from ilot_desktop.domain.appointment_series import Scope

    session = window.session
    first = session.followup.new_draft(window.ids["person"], datetime(2026, 12, 2, 9, 0))
    saved = session.followup.save_series(first, [datetime(2026, 12, d, 9, 0) for d in (2, 9, 16, 23)])
    monkeypatch.setattr("ilot_desktop.ui.week_page.ask_scope", lambda *_args: Scope.UPCOMING)
    week = window.week
    week.go_to(date(2026, 12, 16))
    week.table.setCurrentIndex(cell(week, date(2026, 12, 16), 9))
    [entry] = [e for e in week.current_entries() if e.appointment]
    week._mark(entry, AppointmentStatus.CANCELLED)  # the right-click « Annulé », for the whole series to come
    assert [session.followup.get(a.id).appointment.status for a in saved] == [AppointmentStatus.CANCELLED] * 4

    again = session.followup.save_series(first, [datetime(2026, 12, d, 11, 0) for d in (2, 9, 16)])
    session.followup.set_status(again[2].id, AppointmentStatus.CANCELLED)  # cancelled alone before
    monkeypatch.setattr("ilot_desktop.ui.appointment_dialog.ask_scope", lambda *_args: Scope.UPCOMING)
    answers.queue(True)  # « Supprimer » confirmed
    dialog = week.open_appointment(session.followup.get(again[1].id).appointment)
    dialog.delete_button.click()
    assert "et l'autre rendez-vous à venir de la série" in answers.calls[-1][1][1]
    left = [v.appointment for v in session.followup.timeline(window.ids["person"]) if v.appointment.start.hour == 11]
    assert [a.id for a in left] == [again[2].id]  # a cancelled occurrence is not « à venir »: it stays


def test_ticking_repeat_before_choosing_the_person_says_what_to_do(window):
    week = window.week
    week.go_to(date(2026, 12, 1))
    week.open_index(cell(week, date(2026, 12, 1), 10))
    dialog = week.dialog
    dialog.repeat.enabled.setChecked(True)
    assert dialog.repeat.dates.count() == 0
    assert dialog.repeat.summary.text().startswith("Choisissez la personne")
    dialog.person.setCurrentIndex(dialog._people.index(window.ids["person"]))
    assert dialog.repeat.dates.count() == 4 and dialog.repeat.count.value() == 4
    dialog._dirty = False
    dialog.reject()
