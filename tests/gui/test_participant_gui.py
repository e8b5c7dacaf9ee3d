"""Create, edit, validate, search participants through the real widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from ilot_desktop.domain.vocabulary import Housing, JusticeSituation, Referrer, Right, RightStatus, Sex
from ilot_desktop.services import vault
from ilot_desktop.ui import dialogs
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(file_number="DE-2026-001", last_name="Lefèvre", first_name="Éric"))
    session.participants.save(
        make_participant(
            file_number="DE-2026-002",
            last_name="Ndiaye",
            first_name="Awa",
            sex=Sex.FEMALE,
            birth_date=date(1992, 6, 1),
        )
    )
    session.participants.save(
        make_participant(
            file_number="DE-2025-010",
            last_name="Martin",
            first_name="Paul",
            birth_date=date(1970, 1, 1),
            entry_date=date(2025, 3, 1),
            consent_date=date(2025, 3, 1),
            justice_situation=JusticeSituation.OPEN_CUSTODY,
            planned_release_date=None,
            end_date=date(2025, 9, 1),
        )
    )
    session.close()
    w = make_window(folder)
    w.unlock_page.password.setText(PASSWORD)
    w.unlock_page.unlock_button.click()
    assert w.stack.currentWidget() is w.workspace
    return w


def choose(panel, participant_id):
    """Click a row: the window handles the request once the selection change is over."""
    panel.select(participant_id)
    QApplication.processEvents()


def fill(form, **values):
    for name, value in values.items():
        editor = form.editors[name]
        if isinstance(editor, QLineEdit):
            editor.setText(value)
            editor.textEdited.emit(value)
        elif hasattr(editor, "edit"):  # DateEdit
            editor.edit.setText(value)
            editor.edit.textEdited.emit(value)
        elif hasattr(editor, "setPlainText"):
            editor.setPlainText(value)
        else:
            editor.set_value(value)


def test_list_filters_and_search(window, qtbot):
    panel = window.list_panel
    assert panel.filter.currentText() == "En cours"
    assert panel.visible_count() == 2  # Martin's accompaniment has ended
    panel.filter.setCurrentIndex(2)  # Tous
    assert panel.visible_count() == 3
    panel.filter.setCurrentIndex(1)  # Terminés
    assert panel.visible_count() == 1
    panel.filter.setCurrentIndex(2)
    panel.search.setText("lefevre")  # accents and case ignored
    assert panel.visible_count() == 1
    panel.search.setText("eric LEF")
    assert panel.visible_count() == 1
    panel.search.setText("de-2026")
    assert panel.visible_count() == 2
    panel.search.setText("personne")
    assert panel.visible_count() == 0
    assert panel.count_label.text() == "0 dossier affiché sur 3"


def test_sorting_by_entry_date(window):
    panel = window.list_panel
    panel.filter.setCurrentIndex(2)
    panel.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    first = panel.proxy.index(0, 0).data()
    assert first == "DE-2025-010"


def test_create_participant_through_the_form(window, qtbot, answers):
    qtbot.mouseClick(window.list_panel.new_button, Qt.MouseButton.LeftButton)
    form = window.form
    assert form.editors["file_number"].text() == "DE-2026-003"
    assert form.editors["entry_date"].text() == "27/11/2026"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors["last_name"].text() == "Le nom est obligatoire."
    assert form.errors["sex"].isVisibleTo(form)
    assert "Rien de ce qui a été saisi n'est perdu" in form.error_summary.text()
    assert "(Nom, Prénom, Sexe, Date de naissance, Orienteur" in form.error_summary.text()
    # a message goes as soon as its field is corrected, by typing or by choosing
    qtbot.keyClicks(form.editors["last_name"], "Bensaid")
    assert not form.errors["last_name"].isVisibleTo(form)
    qtbot.keyClick(form.editors["sex"], Qt.Key.Key_Down)
    assert not form.errors["sex"].isVisibleTo(form)
    assert form.error_summary.isVisibleTo(form)  # other fields still to correct
    fill(
        form,
        last_name="Bensaïd",
        first_name="Yacine",
        sex=Sex.MALE,
        birth_date="03/04/1990",
        referrer=Referrer.SPIP,
        justice_situation=JusticeSituation.DETENTION,
        facility="Maison d'arrêt de Fresnes",
        planned_release_date="15/12/2026",
        housing_at_entry=Housing.DETENTION,
    )
    form.right_combos[Right.IDENTITY].set_value(RightStatus.MISSING)
    form.editors["housing_at_entry"].set_value(None)
    assert not form.save()  # the only field left is far down the form: it is brought into view and named
    assert "1 champ à corriger (Hébergement à l'entrée)" in form.error_summary.text()
    assert form.scroll_area.verticalScrollBar().value() > 0
    form.editors["housing_at_entry"].set_value(Housing.DETENTION)
    assert form.is_dirty()
    assert "Dedans : libération prévue le 15/12/2026" in form.phase_label.text()
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.is_dirty()
    assert form.state_label.text().startswith("✓ Enregistré à")
    assert window.list_panel.model.rowCount() == 4
    saved = window.session.participants.get(form.current.id)
    assert (saved.last_name, saved.birth_date, saved.rights[Right.IDENTITY]) == (
        "Bensaïd",
        date(1990, 4, 3),
        RightStatus.MISSING,
    )
    assert window.list_panel.table.currentIndex().data() == "DE-2026-003"


def test_invalid_date_is_explained_and_nothing_is_lost(window, qtbot):
    choose(window.list_panel, window.list_panel.model._rows[0].id)
    form = window.form
    fill(form, birth_date="31/02/1990", notes="")
    form.editors["notes"].setPlainText("Note importante à garder")
    form.editors["birth_date"].edit.editingFinished.emit()
    assert "n'existe pas" in form.errors["birth_date"].text()
    assert not form.save()
    assert form.editors["notes"].toPlainText() == "Note importante à garder"
    assert form.editors["birth_date"].text() == "31/02/1990"
    assert form.is_dirty()
    # every other problem is shown at the same time, not one at a time
    fill(form, last_name="", email="x@y")
    assert not form.save()
    assert form.errors["last_name"].text() == "Le nom est obligatoire."
    assert "nom@exemple.fr" in form.errors["email"].text()
    assert "n'existe pas" in form.errors["birth_date"].text()
    assert form.editors["birth_date"].accessibleDescription() == form.errors["birth_date"].text()
    # picking a valid date clears its message at once
    form.editors["birth_date"]._pick(QDate(1990, 2, 28))
    assert not form.errors["birth_date"].isVisibleTo(form)


def test_switching_with_unsaved_edits_asks_first(window, qtbot, answers):
    panel = window.list_panel
    rows = panel.model._rows
    choose(panel, rows[0].id)
    form = window.form
    first_id = form.current.id
    fill(form, phone="06 00 00 00 99")
    answers.queue(dialogs.Answer.CANCEL)
    choose(panel, rows[1].id)
    assert form.current.id == first_id and form.is_dirty()
    assert panel.table.currentIndex().data(Qt.ItemDataRole.UserRole + 2).id == first_id
    answers.queue(dialogs.Answer.SAVE)
    choose(panel, rows[1].id)
    assert form.current.id == rows[1].id
    assert window.session.participants.get(first_id).phone == "06 00 00 00 99"
    fill(form, phone="06 00 00 00 11")
    answers.queue(dialogs.Answer.DISCARD)
    choose(panel, rows[0].id)
    assert window.session.participants.get(rows[1].id).phone != "06 00 00 00 11"
    assert [c[0] for c in answers.calls] == ["ask_unsaved"] * 3


def test_duplicate_warning_opens_the_existing_file(window, qtbot, answers):
    window.new_participant()
    form = window.form
    fill(
        form,
        last_name="LEFEVRE",
        first_name="eric",
        sex=Sex.MALE,
        birth_date="12/04/1985",
        referrer=Referrer.SPIP,
        justice_situation=JusticeSituation.OPEN_CUSTODY,
        housing_at_entry=Housing.SQUAT,
    )
    answers.queue(dialogs.Answer.OPEN_EXISTING)
    assert not form.save()
    assert form.current.last_name == "Lefèvre"
    assert window.list_panel.model.rowCount() == 3
    window.new_participant()
    fill(
        window.form,
        last_name="LEFEVRE",
        first_name="eric",
        sex=Sex.MALE,
        birth_date="12/04/1985",
        referrer=Referrer.SPIP,
        justice_situation=JusticeSituation.OPEN_CUSTODY,
        housing_at_entry=Housing.SQUAT,
    )
    answers.queue(dialogs.Answer.CREATE_ANYWAY)
    assert window.form.save()
    assert window.list_panel.model.rowCount() == 4


def test_lock_drops_everything_shown(window, qtbot):
    choose(window.list_panel, window.list_panel.model._rows[0].id)
    assert window.form.editors["last_name"].text()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None
    assert window.stack.currentWidget() is window.unlock_page
    assert window.list_panel.model.rowCount() == 0
    assert window.form.current is None
    assert all(e.text() == "" for e in window.form.editors.values() if isinstance(e, QLineEdit))
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    shown = [lab.text() for lab in window.form.findChildren(QLabel) if lab.text()]
    assert not any("Lefèvre" in t or "Dedans" in t or " ans" in t or "LEFÈVRE" in t for t in shown)
    assert all(e.toPlainText() == "" for e in window.form.findChildren(QPlainTextEdit))
    assert not window.new_action.isEnabled()


def test_every_input_has_an_accessible_name(window):
    window.new_participant()
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QPlainTextEdit

    unnamed = [
        type(w).__name__
        for w in window.form.findChildren(QLineEdit)
        + window.form.findChildren(QComboBox)
        + window.form.findChildren(QPlainTextEdit)
        + window.form.findChildren(QAbstractButton)
        if not w.accessibleName() and w.isVisibleTo(window) and not w.parent().inherits("QComboBox")
    ]
    assert unnamed == []


def test_a_blank_new_file_is_left_without_a_question(window, answers):
    window.new_participant()
    assert not window.form.is_dirty()
    choose(window.list_panel, window.list_panel.model._rows[0].id)
    assert window.form.current.id == window.list_panel.model._rows[0].id
    assert answers.calls == []


def test_duplicate_found_while_switching_keeps_the_screen_coherent(window, answers):
    panel = window.list_panel
    window.new_participant()
    fill(
        window.form,
        last_name="LEFEVRE",
        first_name="eric",
        sex=Sex.MALE,
        birth_date="12/04/1985",
        referrer=Referrer.SPIP,
        justice_situation=JusticeSituation.OPEN_CUSTODY,
        housing_at_entry=Housing.SQUAT,
    )
    other = next(r for r in panel.model._rows if r.last_name == "Ndiaye")
    existing = next(r for r in panel.model._rows if r.last_name == "Lefèvre")
    answers.queue(dialogs.Answer.SAVE, dialogs.Answer.OPEN_EXISTING)
    choose(panel, other.id)
    assert window.form.current.id == existing.id  # the existing file is open…
    assert panel.table.currentIndex().data(Qt.ItemDataRole.UserRole + 2).id == existing.id  # …and highlighted
    assert panel.model.rowCount() == 3  # no duplicate was created


def test_closed_files_show_no_phase(window):
    panel = window.list_panel
    panel.filter.setCurrentIndex(1)  # Terminés
    assert panel.proxy.index(0, 2).data() == "—"
