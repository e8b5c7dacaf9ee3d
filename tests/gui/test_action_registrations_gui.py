"""Registering people on a collective action and noting their attendance, with the keyboard (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from ilot_desktop.domain.vocabulary import ActionType, Attendance, JusticeSituation
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

PEOPLE = (  # file number, last name, first name
    ("DE-2026-002", "Ndiaye", "Awa"),
    ("DE-2026-003", "Lefèvre", "Stéphane"),
    ("DE-2026-004", "Dubois-Marchand", "Anthony"),
    ("DE-2026-005", "D'Almeida", "Fabrice"),
    ("DE-2026-006", "Mansouri", "Bilal"),
)


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    ids = {}
    for number, last, first in PEOPLE:
        person = session.participants.save(
            make_participant(
                file_number=number,
                last_name=last,
                first_name=first,
                justice_situation=JusticeSituation.OPEN_CUSTODY,
                planned_release_date=None,
            )
        )
        ids[number] = person.id
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.ids = ids
    return w


def _saved_workshop(window, qtbot, day=date(2026, 11, 26)):
    window.tabs.setCurrentWidget(window.calendar_tabs)
    window.calendar_tabs.setCurrentWidget(window.actions_page)
    page = window.actions_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.title.setText("Atelier CV")
    page.action_type.set_value(ActionType.TRE_WORKSHOP)
    page.date.set_value(day)
    assert page.save()
    return page


def _shown(box) -> list[str]:
    return [box.matches.item(r).text() for r in range(box.matches.count()) if not box.matches.item(r).isHidden()]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("006", "DE-2026-006"),
        ("DE-2026-006", "DE-2026-006"),
        ("de2026006", "DE-2026-006"),
        ("2026-006", "DE-2026-006"),
        ("mansou", "DE-2026-006"),  # a part of the surname
        ("BILAL", "DE-2026-006"),  # the first name, any case
        ("lefevre", "DE-2026-003"),  # accents ignored
        ("stéph", "DE-2026-003"),
        ("marchand", "DE-2026-004"),  # a part of a double name
        ("dalmeida", "DE-2026-005"),  # the apostrophe need not be typed
    ],
)
def test_the_search_finds_a_person_by_any_part_of_the_name_or_file_number(window, qtbot, typed, found):
    box = _saved_workshop(window, qtbot).people_box
    box.search.setText(typed)  # typed (QTest cannot type accented letters)
    shown = _shown(box)
    assert len(shown) == 1 and shown[0].endswith(found)
    assert box.matches.currentItem().text() == shown[0]  # highlighted: Entrée takes it


def test_enter_registers_the_highlighted_person_and_the_next_name_can_be_typed(window, qtbot):
    page = _saved_workshop(window, qtbot)
    box = page.people_box
    box.search.setFocus()
    qtbot.keyClicks(box.search, "006")
    qtbot.keyClick(box.search, Qt.Key.Key_Return)
    assert [r.file_number for r in window.session.actions.registrations(page.action.id)] == ["DE-2026-006"]
    assert box.search.text() == "" and box.registrations.rowCount() == 1
    # Bas moves the highlight from the field; someone registered is no longer offered
    qtbot.keyClicks(box.search, "2026-00")
    assert not any(text.endswith("DE-2026-006") for text in _shown(box))
    qtbot.keyClick(box.search, Qt.Key.Key_Down)
    qtbot.keyClick(box.search, Qt.Key.Key_Return)
    assert len(window.session.actions.registrations(page.action.id)) == 2
    assert page.list.item(0, 4).text() == "2"  # the list's count followed


def test_nobody_found_says_so_and_enter_registers_nobody(window, qtbot):
    page = _saved_workshop(window, qtbot)
    qtbot.keyClicks(page.people_box.search, "999")
    qtbot.keyClick(page.people_box.search, Qt.Key.Key_Return)
    assert window.session.actions.registrations(page.action.id) == []
    assert "Aucune personne suivie ne correspond" in page.people_box.attendance_note.text()


def test_all_present_in_one_action_keeps_an_absence_already_noted(window, qtbot):
    page = _saved_workshop(window, qtbot)
    box = page.people_box
    for number, _last, _first in PEOPLE:
        qtbot.keyClicks(box.search, number)
        qtbot.keyClick(box.search, Qt.Key.Key_Return)
    assert box.registrations.rowCount() == 5
    window.session.actions.set_attendance(page.action.id, window.ids["DE-2026-002"], Attendance.ABSENT)
    box.redraw()
    qtbot.mouseClick(box.all_present_button, Qt.MouseButton.LeftButton)
    attendance = {r.file_number: r.attendance for r in window.session.actions.registrations(page.action.id)}
    assert attendance["DE-2026-002"] is Attendance.ABSENT
    assert [a for n, a in attendance.items() if n != "DE-2026-002"] == [Attendance.PRESENT] * 4
    assert "4 personnes notées présentes" in box.attendance_note.text()
    QApplication.processEvents()
    assert page.list.item(0, 5).text() == "4"
    combos = [box.registrations.cellWidget(r, 2) for r in range(5)]
    assert sorted(c.value().label for c in combos) == ["Absent"] + ["Présent"] * 4


def test_all_present_waits_for_the_day_of_the_action(window, qtbot):
    page = _saved_workshop(window, qtbot, day=date(2026, 12, 3))
    qtbot.keyClicks(page.people_box.search, "006")
    qtbot.keyClick(page.people_box.search, Qt.Key.Key_Return)
    assert not page.people_box.all_present_button.isEnabled()
    with pytest.raises(Exception, match="jour de l'action"):
        window.session.actions.mark_all_present(page.action.id)


def test_ctrl_s_saves_the_action_shown(window, qtbot):
    page = _saved_workshop(window, qtbot)
    page.title.setFocus()
    page.title.selectAll()
    qtbot.keyClicks(page.title, "Atelier lettre de motivation")
    assert page._dirty
    qtbot.keyClick(page.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page._dirty and page.state.text().startswith("✓ Enregistrée")
    assert window.session.actions.get(page.action.id).title == "Atelier lettre de motivation"
    # elsewhere, Ctrl+S still saves the participant file
    window.open_participant(window.ids["DE-2026-006"])
    window.form.editors["last_name"].setText("Mansouri-Alaoui")
    window.form.editors["last_name"].textEdited.emit("Mansouri-Alaoui")
    qtbot.keyClick(window.form.editors["last_name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.session.participants.get(window.ids["DE-2026-006"]).last_name == "Mansouri-Alaoui"


def test_typing_006_then_enter_in_the_field_registers_de_2026_006(window, qtbot):
    """What the guide promises, by real key presses in the field named « Personne à inscrire » (whatever widget
    holds it): « 006 » then Entrée registers DE-2026-006."""
    from PySide6.QtWidgets import QComboBox, QLineEdit

    page = _saved_workshop(window, qtbot)
    field = next(w for w in page.findChildren(QWidget) if w.accessibleName() == "Personne à inscrire")
    typed = field.lineEdit() if isinstance(field, QComboBox) else field
    assert isinstance(typed, QLineEdit)
    typed.setFocus()
    qtbot.keyClicks(typed, "006")
    qtbot.keyClick(typed, Qt.Key.Key_Return)
    assert [r.file_number for r in window.session.actions.registrations(page.action.id)] == ["DE-2026-006"]


def test_ctrl_s_on_the_actions_tab_without_an_action_saves_nothing_hidden(window, qtbot):
    """No collective action chosen: the participant form behind the tab (a blank one: its validation errors
    would show out of sight) is neither saved nor checked; the status bar says what Ctrl+S would do."""
    window.tabs.setCurrentWidget(window.calendar_tabs)
    window.calendar_tabs.setCurrentWidget(window.actions_page)
    assert window.actions_page.action is None
    saved = []
    window.form.save = lambda: saved.append(True)
    qtbot.keyClick(window.actions_page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved == []
    assert "action collective" in window.statusBar().currentMessage()
