"""Barriers checklist by keyboard, the shared action plan, its preview and printing, through the widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ilot_desktop.domain.vocabulary import (
    BarrierCategory,
    BarrierStatus,
    TaskOwner,
    TaskStatus,
    WorkConstraint,
)
from ilot_desktop.services import vault
from ilot_desktop.ui.barriers_model import COL_ITEM, COL_PARTNER, COL_TICK
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(
        make_participant(work_constraints={WorkConstraint.NO_ALCOHOL_ENV}, work_constraints_notes="Pas de bar")
    )
    session.plan.set_caseworker_contact(
        "Ariane Morel", "01 00 00 00 00", "ariane@example.org", "24 rue Gaston Tessier, 75019 Paris"
    )
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.open_participant(person.id)
    w.tabs.setCurrentWidget(w.barriers)
    w.person_id = person.id
    return w


def row_index(page, category, item, column=COL_ITEM):
    return page.model.index(page.model.row_of(category, item), column)


def press(page, index, key):
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    page.table.keyPressEvent(_key(key))
    QApplication.processEvents()


def _key(key):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


def test_constraints_shown_and_checklist_lists_every_category(window):
    page = window.barriers
    assert "Pas de poste au contact de l'alcool" in page.constraints.text()
    assert "Pas de bar" in page.constraints.text()
    headings = [r.category for r in page.model.rows if r.is_heading]
    assert headings == list(BarrierCategory)
    assert page.model.row_of(BarrierCategory.DEBTS, "Bordereau des dettes") is not None


def test_tick_and_set_statuses_with_the_keyboard(window):
    page = window.barriers
    index = row_index(page, BarrierCategory.HOUSING, "Sans abri")
    press(page, index, Qt.Key.Key_Space)
    barriers = window.session.barriers.for_participant(window.person_id)
    assert [(b.category, b.item, b.status) for b in barriers] == [
        (BarrierCategory.HOUSING, "Sans abri", BarrierStatus.IDENTIFIED)
    ]
    assert "Enregistré" in page.message.text()
    press(page, row_index(page, BarrierCategory.HOUSING, "Sans abri"), Qt.Key.Key_2)
    assert window.session.barriers.for_participant(window.person_id)[0].status is BarrierStatus.IN_PROGRESS
    press(page, row_index(page, BarrierCategory.HOUSING, "Sans abri"), Qt.Key.Key_4)
    lifted = window.session.barriers.for_participant(window.person_id)[0]
    assert lifted.status is BarrierStatus.LIFTED and lifted.lifted_on == TODAY
    history = [page.history.item(i).text() for i in range(page.history.count())]
    assert history == ["27/11/2026 · Identifié", "27/11/2026 · En cours", "27/11/2026 · Levé"]


def test_oriented_needs_a_partner_and_says_so(window):
    page = window.barriers
    press(page, row_index(page, BarrierCategory.ADDICTIONS, "Alcool"), Qt.Key.Key_Space)
    press(page, row_index(page, BarrierCategory.ADDICTIONS, "Alcool"), Qt.Key.Key_3)
    assert "partenaire" in page.message.text()
    barrier = window.session.barriers.for_participant(window.person_id)[0]
    assert barrier.status is BarrierStatus.IDENTIFIED
    index = row_index(page, BarrierCategory.ADDICTIONS, "Alcool", COL_PARTNER)
    page.model.setData(index, "CSAPA Paris 18e", Qt.ItemDataRole.EditRole)
    QApplication.processEvents()
    press(page, row_index(page, BarrierCategory.ADDICTIONS, "Alcool"), Qt.Key.Key_3)
    barrier = window.session.barriers.for_participant(window.person_id)[0]
    assert (barrier.status, barrier.partner) == (BarrierStatus.ORIENTED, "CSAPA Paris 18e")


def test_untick_a_barrier_with_history_asks_first(window, answers):
    page = window.barriers
    press(page, row_index(page, BarrierCategory.DEBTS, "Bordereau des dettes"), Qt.Key.Key_Space)
    press(page, row_index(page, BarrierCategory.DEBTS, "Bordereau des dettes"), Qt.Key.Key_2)
    answers.queue(False)
    press(page, row_index(page, BarrierCategory.DEBTS, "Bordereau des dettes", COL_TICK), Qt.Key.Key_Space)
    assert len(window.session.barriers.for_participant(window.person_id)) == 1
    answers.queue(True)
    press(page, row_index(page, BarrierCategory.DEBTS, "Bordereau des dettes", COL_TICK), Qt.Key.Key_Space)
    assert window.session.barriers.for_participant(window.person_id) == []


def test_custom_barrier(window):
    page = window.barriers
    page.add_category.set_value(BarrierCategory.FAMILY)
    page.add_item.setText("Garde des enfants le mercredi")
    page.add_button.click()
    assert page.model.row_of(BarrierCategory.FAMILY, "Garde des enfants le mercredi") is not None
    page.add_item.setText("Garde des enfants le mercredi")
    page.add_button.click()
    assert "déjà noté" in page.message.text()


def test_add_tasks_mark_done_and_overdue_shows_in_ma_semaine(window):
    plan = window.barriers.plan
    plan.description.setText("Demander le bordereau des dettes au Trésor Public")
    plan.owner.set_value(TaskOwner.PERSON)
    plan.due.set_value(date(2026, 11, 20))  # already late
    plan.description.returnPressed.emit()
    plan.description.setText("Appeler le SIAO")
    plan.owner.set_value(TaskOwner.CASEWORKER)
    plan.add_button.click()
    plan.description.setText("")
    plan.add_button.click()
    assert plan.error.text()  # an empty task is refused, in French
    tasks = window.session.plan.tasks(window.person_id)
    assert [(t.description, t.owner) for t in tasks][:2] == [
        ("Demander le bordereau des dettes au Trésor Public", TaskOwner.PERSON),
        ("Appeler le SIAO", TaskOwner.CASEWORKER),
    ]
    assert plan.table.item(0, 2).text() == "20/11/2026 (en retard)"
    window.home.refresh()
    overdue = window.home.lists["overdue"]
    assert overdue.count() == 1 and "7 jours de retard" in overdue.item(0).text()
    combo = plan.table.cellWidget(1, 3)
    combo.set_value(TaskStatus.DONE)
    combo.activated.emit(combo.currentIndex())
    QApplication.processEvents()
    done = next(t for t in window.session.plan.tasks(window.person_id) if t.description == "Appeler le SIAO")
    assert done.status is TaskStatus.DONE and done.done_on == TODAY


def test_preview_print_and_save_the_plan(window, answers, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    plan = window.barriers.plan
    plan.description.setText("Préparer un CV")
    plan.add_button.click()
    plan.print_button.click()
    preview = plan.preview
    assert preview is not None and preview.isVisible()
    assert preview.height() <= 768 - 60  # its buttons stay on a laptop screen
    assert preview.document.pageCount() >= 1 and not preview.page_labels[0].pixmap().isNull()
    printed = tmp_path / "imprime.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    answers.queue(printer)
    preview.print_button.click()
    assert printed.read_bytes().startswith(b"%PDF") and "Envoyé à l'impression" in preview.status.text()
    saved = tmp_path / "plan.pdf"
    answers.queue(saved)
    preview.save_button.click()
    assert saved.read_bytes().startswith(b"%PDF")
    preview.accept()


def test_lock_clears_barriers_and_plan(window, qtbot):
    window.lock()
    assert window.barriers.model.rowCount() == 0
    assert window.barriers.plan.table.rowCount() == 0
    assert not window.barriers.table.isEnabled()


def test_text_and_dates_are_typed_not_taken_for_commands(window, qtbot):
    from PySide6.QtWidgets import QLineEdit

    page = window.barriers
    press(page, row_index(page, BarrierCategory.HOUSING, "Squat"), Qt.Key.Key_3)  # ticks, asks for the partner
    QApplication.processEvents()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), type(editor)  # the partner cell is open for typing
    assert page.table.isAncestorOf(editor), editor.accessibleName()
    qtbot.keyClicks(editor, "115 SAMU social")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits, then the page saves: both queued

    def oriented():
        barrier = window.session.barriers.for_participant(window.person_id)[0]
        return (barrier.status, barrier.partner) == (BarrierStatus.ORIENTED, "115 SAMU social")

    qtbot.waitUntil(oriented, timeout=2000)
    # a digit typed in the comment column is text, not a status
    comment = row_index(page, BarrierCategory.HOUSING, "Squat", 6)
    page.table.setCurrentIndex(comment)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_2)  # opens the cell's editor with the digit typed in it
    QApplication.processEvents()
    editor = QApplication.focusWidget()
    assert page.table.isAncestorOf(editor)
    qtbot.keyClicks(editor, " nuits")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.barriers.for_participant(window.person_id)[0].comment == "2 nuits")
    assert window.session.barriers.for_participant(window.person_id)[0].status is BarrierStatus.ORIENTED


def test_tab_leaves_the_checklist(window, qtbot):
    page = window.barriers
    page.table.setFocus()
    page.table.setCurrentIndex(row_index(page, BarrierCategory.HOUSING, "Squat"))
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.table


def test_choosing_a_suggestion_does_not_add_it_twice(window):
    plan = window.barriers.plan
    plan._suggestion_chosen("Préparer un CV")
    plan.description.returnPressed.emit()  # the Entrée that chose the suggestion
    assert window.session.plan.tasks(window.person_id) == []
    plan.description.returnPressed.emit()
    plan.description.setText("Préparer un CV")
    plan.description.returnPressed.emit()
    assert len(window.session.plan.tasks(window.person_id)) == 1
    assert "déjà dans le plan" in plan.error.text()


def test_entree_in_the_open_suggestion_list_only_chooses(window, qtbot):
    """The real key sequence: Qt gives the Entrée to the field first, then the completer fills it in."""
    plan = window.barriers.plan
    plan.description.setFocus()
    qtbot.keyClicks(plan.description, "Demander")
    popup = plan.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.session.plan.tasks(window.person_id) == []
    chosen = plan.description.text()
    assert chosen.startswith("Demander ") and not popup.isVisible()
    qtbot.wait(20)  # a person's next key press comes after the event loop has run
    qtbot.keyClick(plan.description, Qt.Key.Key_Return)  # now Entrée adds it, once
    assert [task.description for task in window.session.plan.tasks(window.person_id)] == [chosen]


def test_entree_with_the_list_open_but_nothing_highlighted_adds_what_was_typed(window, qtbot):
    plan = window.barriers.plan
    plan.description.setFocus()
    qtbot.keyClicks(plan.description, "Demander")
    qtbot.waitUntil(plan.completer.popup().isVisible)
    assert not plan.completer.popup().currentIndex().isValid()
    qtbot.keyClick(plan.completer.popup(), Qt.Key.Key_Return)  # one Entrée is enough
    assert [task.description for task in window.session.plan.tasks(window.person_id)] == ["Demander"]


def test_a_draft_task_stays_with_its_person_and_nothing_survives_a_lock(window):
    plan = window.barriers.plan
    plan.description.setText("Appeler le bailleur")
    other = window.session.participants.save(
        make_participant(file_number="DE-2026-077", last_name="Autre", first_name="Personne")
    )
    window.open_participant(other.id)
    assert plan.description.text() == ""
    plan.description.setText("Brouillon")
    assert window.lock()
    assert plan.description.text() == "" and plan.barrier.count() == 0
    assert plan.completer.model().rowCount() == 0
    assert window.barriers.constraints.text() == ""


def test_ctrl_arrows_jump_from_category_to_category(window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    page = window.barriers
    categories = list(BarrierCategory)
    page.table.setFocus()
    page.table.setCurrentIndex(row_index(page, categories[0], page.model.rows[1].item))
    control = Qt.KeyboardModifier.ControlModifier
    page.table.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, control))
    current = page.table.currentIndex()
    assert page.model.rows[current.row() - 1] == page.model.rows[page.model.row_of(categories[1], None)]
    assert current.column() == COL_ITEM and page.model.rows[current.row()].category is categories[1]
    first = current.row()
    page.table.setCurrentIndex(page.model.index(first + 1, COL_ITEM))
    page.table.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Up, control))
    assert page.table.currentIndex().row() == first  # back to the first item under the heading above
    assert window.session.barriers.for_participant(window.person_id) == []  # moving ticks nothing
