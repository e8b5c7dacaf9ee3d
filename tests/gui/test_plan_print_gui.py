"""The printed plan from the Freins tab: « Mes coordonnées » asked before the first plan, late tasks given a new date,
the « Frein lié » choices after a barrier is ticked, the checklist's keys after a partner, the tab with nobody."""

from __future__ import annotations

from datetime import date

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus, TaskOwner
from ilot_desktop.services import vault
from ilot_desktop.ui.barriers_model import COL_ITEM
from ilot_desktop.ui.barriers_view import COMMAND_COLUMNS
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

ADDRESS = "24 rue Gaston Tessier, 75019 Paris"


def _window(make_window, tmp_path, first_name="Karim", contact=True):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant(first_name=first_name, caseworker="Ariane Morel"))
    if contact:
        session.plan.set_caseworker_contact("Ariane Morel", "01 00 00 00 00", "ariane@example.org", ADDRESS)
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.open_participant(person.id)
    w.tabs.setCurrentWidget(w.barriers)
    w.person_id = person.id
    return w


@pytest.fixture
def window(make_window, tmp_path):
    return _window(make_window, tmp_path)


def _pdf_text(data: bytes) -> str:
    import io

    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().replace("\u00a0", " ").split()) for page in reader.pages)


def _row(page, category, item, column=COL_ITEM):
    return page.model.index(page.model.row_of(category, item), column)


# --- 1. a way to reach the caseworker -------------------------------------------------------------------------------


def test_the_first_plan_asks_for_the_phone_and_the_office_address_then_prints_them(make_window, tmp_path, qtbot):
    w = _window(make_window, tmp_path, contact=False)
    plan = w.barriers.plan
    plan.print_button.click()
    dialog = plan.contact_dialog
    assert dialog is not None and dialog.isVisible() and plan.preview is None
    assert "joindre" in dialog.explanation.text()
    for field in (dialog.name, dialog.phone, dialog.email, dialog.address):
        assert field.accessibleName()
    dialog.name.setText("Ariane Morel")
    dialog.save_button.click()  # the phone and the address are required here
    assert "téléphone" in dialog.error.text() and "adresse du bureau" in dialog.error.text()
    assert plan.preview is None
    dialog.phone.setText("01 00 00 00 00")
    dialog.address.setText(ADDRESS)
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)  # Entrée saves (the default button)
    assert plan.contact_dialog is None
    preview = plan.preview
    assert preview is not None and preview.isVisible()
    text = _pdf_text(preview.data)
    assert "Ma conseillère : Ariane · 01 00 00 00 00" in text and f"L'Îlot, {ADDRESS}" in text
    assert w.session.plan.caseworker_contact()["address"] == ADDRESS  # saved: not asked again
    preview.accept()
    plan.print_button.click()
    assert plan.contact_dialog is None and plan.preview is not None
    plan.preview.accept()


def test_declining_the_contact_shows_no_plan_and_says_why(make_window, tmp_path):
    w = _window(make_window, tmp_path, contact=False)
    plan = w.barriers.plan
    plan.print_button.click()
    plan.contact_dialog.cancel_button.click()
    assert plan.preview is None and plan.contact_dialog is None
    assert "comment vous joindre" in plan.error.text()


# --- 3. a late task gets a new date, or « Date à refixer ensemble » ------------------------------------------------


def _late_tasks(w):
    session = w.session
    late = session.plan.save(Task(w.person_id, "Demander la carte Vitale", TaskOwner.PERSON, date(2026, 11, 20)))
    other = session.plan.save(Task(w.person_id, "Appeler le SIAO", TaskOwner.CASEWORKER, date(2026, 11, 25)))
    session.plan.save(Task(w.person_id, "Préparer un CV", TaskOwner.PERSON, date(2026, 12, 8)))
    w.barriers.plan.refresh()
    return late, other


def test_late_tasks_get_a_new_date_before_the_preview(window, qtbot):
    late, other = _late_tasks(window)
    plan = window.barriers.plan
    plan.print_button.click()
    dialog = plan.late_dialog
    assert dialog is not None and dialog.isVisible() and plan.preview is None
    assert [t.description for t in dialog.tasks] == ["Demander la carte Vitale", "Appeler le SIAO"]
    assert all(field.edit.accessibleName().startswith("Nouvelle date pour") for field in dialog.dates)
    dialog.dates[0].edit.setText("01/11/2026")  # still in the past: refused, nothing saved
    dialog.show_button.click()
    assert "déjà passée" in dialog.error.text() and plan.preview is None
    dialog.dates[0].edit.setText("08/12/2026")
    qtbot.keyClick(dialog.dates[0].edit, Qt.Key.Key_Return)
    assert plan.late_dialog is None
    assert window.session.plan.get(late.id).due_date == date(2026, 12, 8)
    assert window.session.plan.get(other.id).due_date == date(2026, 11, 25)  # left empty: unchanged
    text = _pdf_text(plan.preview.data)
    assert "Demander la carte Vitale pour le mardi 8 décembre" in text
    assert "Appeler le SIAO Date à refixer ensemble" in text
    assert "25 novembre" not in text and "25/11/2026" not in text
    shown = {plan.table.item(r, 0).text(): plan.table.item(r, 2).text() for r in range(plan.table.rowCount())}
    assert shown["Demander la carte Vitale"] == "08/12/2026"  # the panel shows the new date at once
    assert shown["Appeler le SIAO"] == "25/11/2026 (en retard)"
    plan.preview.accept()


def test_cancelling_the_late_tasks_opens_no_preview(window):
    _late_tasks(window)
    plan = window.barriers.plan
    plan.print_button.click()
    plan.late_dialog.reject()
    assert plan.preview is None and plan.late_dialog is None


# --- 7. the preview's title ------------------------------------------------------------------------------------------


def test_the_preview_title_elides_before_a_vowel(make_window, tmp_path):
    w = _window(make_window, tmp_path, first_name="Éric")
    plan = w.barriers.plan
    plan.print_button.click()
    assert plan.preview.windowTitle() == "Plan d'action d'Éric"
    assert "Plan d'action d'Éric" in _pdf_text(plan.preview.data)
    plan.preview.accept()


# --- 4. « Frein lié » follows the checklist ----------------------------------------------------------------------


def test_a_barrier_ticked_a_minute_ago_is_in_the_frein_lie_list(window, qtbot):
    page, plan = window.barriers, window.barriers.plan
    plan.description.setText("Faire une demande d'hébergement au SIAO")  # being typed: kept
    page.table.setFocus()
    page.table.setCurrentIndex(_row(page, BarrierCategory.HOUSING, "Squat"))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.session.barriers.for_participant(window.person_id) != [])
    choices = [plan.barrier.itemText(i) for i in range(plan.barrier.count())]
    assert any(text.endswith("Squat") for text in choices), choices
    assert plan.description.text() == "Faire une demande d'hébergement au SIAO"
    plan.barrier.setCurrentIndex(choices.index(next(t for t in choices if t.endswith("Squat"))))
    plan.add_button.click()
    task = window.session.plan.tasks(window.person_id)[0]
    squat = window.session.barriers.for_participant(window.person_id)[0]
    assert task.barrier_id == squat.id


# --- 5. after a partner and Entrée, the checklist's keys work again ------------------------------------------------


def test_after_typing_a_partner_and_entree_space_and_digits_work_on_the_checklist(window, qtbot):
    page = window.barriers
    page.table.setFocus()
    page.table.setCurrentIndex(_row(page, BarrierCategory.HOUSING, "Squat"))
    qtbot.keyClick(page.table, Qt.Key.Key_3)  # ticked, Orienté asks for the partner: its cell opens
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "115 SAMU social")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    def barrier(item):
        return next((b for b in window.session.barriers.for_participant(window.person_id) if b.item == item), None)

    qtbot.waitUntil(lambda: barrier("Squat") is not None and barrier("Squat").status is BarrierStatus.ORIENTED)
    QApplication.processEvents()
    current = page.table.currentIndex()
    assert current.column() in COMMAND_COLUMNS and current.row() == page.model.row_of(BarrierCategory.HOUSING, "Squat")
    assert QApplication.focusWidget() is page.table  # back on the list's row, not in a cell's editor
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)  # ticks « Hébergé chez un tiers »
    qtbot.waitUntil(lambda: barrier("Hébergé chez un tiers") is not None)
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: barrier("Hébergé chez un tiers").status is BarrierStatus.IN_PROGRESS)
    assert barrier("Squat").partner == "115 SAMU social"


# --- 6. nobody chosen ------------------------------------------------------------------------------------------------


def test_the_freins_tab_with_nobody_chosen_says_to_choose_someone(window, qtbot):
    page = window.barriers
    assert page.stack.currentWidget() is page.content
    window.ws.show_new_file()  # a new file, not saved yet: nobody on the per-person pages
    window.ws.tabs.setCurrentWidget(page)
    assert page.stack.currentWidget() is page.nobody
    assert "Choisissez une personne" in page.nobody_text.text()
    assert not page.table.isVisible() and not page.plan.isVisible()
    page.to_list_button.click()
    assert QApplication.focusWidget() is window.ws.list_panel.search
    window.open_participant(window.person_id)
    assert page.stack.currentWidget() is page.content
