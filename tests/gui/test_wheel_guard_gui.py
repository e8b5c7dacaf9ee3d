"""The mouse wheel scrolls the page; it changes a drop-down, a spin box or a time only once it has the focus.

The application is prepared by ``app.install_application_wide`` (tests/gui/conftest.py), as ``create_application``
prepares the real one.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from ilot_desktop.domain.vocabulary import Right, RightStatus
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(
        make_participant(entry_date=TODAY - timedelta(days=6), consent_date=TODAY - timedelta(days=6))
    )
    session.close()
    w = make_window(folder)
    w.resize(1366, 740)
    w.unlock(PASSWORD)
    w.open_participant(person.id)
    w.activateWindow()
    QApplication.processEvents()
    return w


def wheel_down(widget: QWidget) -> None:
    """One notch of the wheel down, with the pointer over the widget."""
    inside = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        inside,
        QPointF(widget.mapToGlobal(inside)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=1000)


def test_the_wheel_over_an_unfocused_drop_down_scrolls_the_fiche_and_changes_nothing(window, qtbot):
    form = window.form
    combo = form.right_combos[Right.SOCIAL_SECURITY]
    assert combo.value() is None  # « Non renseigné »
    focus(qtbot, form.editors["last_name"])
    bar = form.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # the Fiche is taller than the window: it scrolls
    before = bar.value()
    wheel_down(combo)
    assert combo.value() is None
    assert combo.currentIndex() == 0
    assert not form.is_dirty()
    assert not window.isWindowModified()
    assert bar.value() > before  # the page scrolled instead
    # the wheel does not give it the focus either: a click or Tab does
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert not combo.hasFocus()


def test_a_focused_drop_down_still_follows_the_wheel(window, qtbot):
    form = window.form
    combo = form.right_combos[Right.SOCIAL_SECURITY]
    focus(qtbot, combo)
    wheel_down(combo)
    assert combo.value() is RightStatus.OK  # the next entry, chosen on purpose
    assert form.is_dirty()


def test_every_date_and_choice_of_the_fiche_ignores_an_unfocused_wheel(window, qtbot):
    form = window.form
    focus(qtbot, form.editors["last_name"])
    before = form.snapshot()
    for editor in [*form.editors.values(), *form.right_combos.values()]:
        wheel_down(editor)
    assert form.snapshot() == before
    assert not form.is_dirty()


def test_the_appointment_dialog_time_and_duration_ignore_an_unfocused_wheel(window, qtbot):
    window.dossier_tabs.setCurrentWidget(window.timeline)
    window.timeline.new_appointment()
    dialog = window.timeline.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    dialog.time.setTime(QTime(10, 0))
    duration, kind = dialog.duration.value(), dialog.kind.value()
    focus(qtbot, dialog.place)
    wheel_down(dialog.time)
    wheel_down(dialog.duration)
    wheel_down(dialog.kind)
    assert dialog.time.time() == QTime(10, 0)
    assert dialog.duration.value() == duration
    assert dialog.kind.value() is kind
    focus(qtbot, dialog.time)
    wheel_down(dialog.time)
    assert dialog.time.time() != QTime(10, 0)  # focused: the wheel steps the time on purpose
    dialog.discard_edits()
    dialog.reject()


def test_a_date_in_any_form_ignores_an_unfocused_wheel(qtbot):
    from PySide6.QtWidgets import QDateEdit, QScrollArea, QSpinBox, QVBoxLayout

    page = QWidget()
    column = QVBoxLayout(page)
    day = QDateEdit()
    day.setDate(date(2026, 11, 27))
    number = QSpinBox()
    column.addWidget(day)
    column.addWidget(number)
    column.addSpacing(2000)
    area = QScrollArea()
    area.setWidget(page)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    wheel_down(day)
    wheel_down(number)
    assert day.date().toPython() == date(2026, 11, 27)
    assert number.value() == 0
    assert area.verticalScrollBar().value() > 0
