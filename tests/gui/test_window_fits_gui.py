"""No page pushes the window past a laptop's screen: 1366 × 768 (about 1366 × 740 inside a window manager's
frame), and 1920 × 1080 at 150 % (1280 × 720 logical pixels, about 690 high with a panel).

A person in their first month with a long name, many appointments and a long collective action: every tab and
sub-tab is shown in turn. The Suivi page once widened the window to 1,474 px (its heading, the rhythm and four
buttons on one line that could not wrap); the Fiche then went to two columns with « Enregistrer » off the screen.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget, QWidget

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import ActionType, AppointmentKind
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

LAPTOP = (1366, 740)  # 1366 × 768 less the window manager's title bar
SCALED = (1280, 690)  # 1920 × 1080 at 150 %: 1280 × 720 logical, less a panel
MOST = (1280, 700)  # the most any page may ask for, whatever the data
LONG_LAST = "Bensaïd-Vandenberghe de la Tour-Montgolfier"
LONG_FIRST = "Marie-Christine Éléonore"


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    entry = TODAY - timedelta(days=6)  # the first month: weekly, whatever rhythm was chosen
    person = session.participants.save(
        make_participant(last_name=LONG_LAST, first_name=LONG_FIRST, entry_date=entry, consent_date=entry)
    )
    place = "Centre pénitentiaire de Paris-La Santé, parloir des avocats, bâtiment B"
    for week in range(-1, 11):
        session.followup.save(
            Appointment(
                participant_id=person.id,
                start=datetime(2026, 11, 23, 9) + timedelta(days=7 * week),
                kind=AppointmentKind.IN_DETENTION,
                place=place,
            )
        )
    action = session.actions.save(
        CollectiveAction(
            reference="AC-2026-001",
            action_type=ActionType.TRE_WORKSHOP,
            title="Atelier de techniques de recherche d'emploi et de préparation aux entretiens d'embauche",
            start=datetime(2026, 11, 25, 14),
            place=place,
            partner="Association régionale pour l'insertion et la qualification professionnelle",
        )
    )
    session.actions.register(action.id, person.id)
    session.close()
    w = make_window(folder)
    w.resize(*LAPTOP)
    w.unlock(PASSWORD)
    w.ids = {"person": person.id, "action": action.id}
    return w


def every_page(window):
    """Show each tab and sub-tab in turn; yield its name once it is laid out."""
    tabs = window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        if isinstance(page, QTabWidget):
            for sub in range(page.count()):
                page.setCurrentIndex(sub)
                QApplication.processEvents()
                yield f"{tabs.tabText(index)} → {page.tabText(sub)}"
        else:
            QApplication.processEvents()
            yield tabs.tabText(index)


def show_suivi(window) -> None:
    window.tabs.setCurrentWidget(window.dossier_tabs)
    window.dossier_tabs.setCurrentWidget(window.timeline)
    window.timeline.table.selectRow(0)
    QApplication.processEvents()


def inside_window(window, widget: QWidget) -> bool:
    """The whole widget is within the window, and the window within the screen."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    shown = QRect(top_left, widget.size())
    return QRect(QPoint(0, 0), window.size()).contains(shown)


@pytest.mark.parametrize("size", [LAPTOP, SCALED], ids=["1366x740", "1280x690"])
def test_no_page_asks_for_more_than_the_screen(window, size):
    window.resize(*size)
    window.workspace.show_action(window.ids["action"])  # its long title, place and partner shown in the form
    window.open_participant(window.ids["person"])
    show_suivi(window)
    for name in every_page(window):
        hint = window.minimumSizeHint()
        assert hint.width() <= MOST[0], f"{name}: the window asks for {hint.width()} px of width"
        assert hint.height() <= MOST[1], f"{name}: the window asks for {hint.height()} px of height"
        assert (window.width(), window.height()) == size, f"{name}: the window grew"
    for page in (window.form, window.timeline, window.home, window.barriers, window.week, window.actions_page):
        hint = page.minimumSizeHint()
        assert hint.width() <= MOST[0] - window.list_panel.minimumWidth(), type(page).__name__


@pytest.mark.parametrize("size", [LAPTOP, SCALED], ids=["1366x740", "1280x690"])
def test_the_suivi_page_of_a_first_month_person_keeps_the_window_and_its_buttons(window, size):
    window.resize(*size)
    window.open_participant(window.ids["person"])
    show_suivi(window)
    timeline = window.timeline
    assert "premier mois" in timeline.cadence_label.text()
    hint = window.minimumSizeHint()
    assert hint.width() <= MOST[0] and hint.height() <= MOST[1], hint
    assert (window.width(), window.height()) == size
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width()
    for widget in (
        timeline.new_button,
        timeline.open_button,
        timeline.done_button,
        timeline.absent_button,
        timeline.details,
        timeline.heading,
        timeline.cadence_label,
    ):
        assert inside_window(window, widget), widget.accessibleName() or getattr(widget, "text", str)()
    for button in timeline.findChildren(QPushButton):  # none cut: each has at least the width its text needs
        if button.isVisible():
            assert button.width() >= button.minimumSizeHint().width(), button.text()


@pytest.mark.parametrize("size", [LAPTOP, SCALED], ids=["1366x740", "1280x690"])
def test_the_fiche_keeps_enregistrer_on_screen_after_the_suivi_page(window, size):
    window.resize(*size)
    window.open_participant(window.ids["person"])
    show_suivi(window)
    window.dossier_tabs.setCurrentWidget(window.form)
    QApplication.processEvents()
    form = window.form
    assert (window.width(), window.height()) == size
    assert inside_window(window, form.save_button)
    assert inside_window(window, form.revert_button)
    assert form.fields.minimumSizeHint().width() <= form.scroll_area.viewport().width()  # nothing cut on the right


def test_the_fiche_goes_to_two_columns_when_wide_and_comes_back(window):
    window.open_participant(window.ids["person"])
    form = window.form
    window.resize(1900, 1000)
    QApplication.processEvents()
    assert form.fields._two_columns
    assert form.fields.minimumSizeHint().width() <= form.scroll_area.viewport().width()
    window.resize(*SCALED)
    QApplication.processEvents()
    assert not form.fields._two_columns  # back to one column: nothing cut, Enregistrer on screen
    assert form.fields.minimumSizeHint().width() <= form.scroll_area.viewport().width()
    assert inside_window(window, form.save_button)


def test_a_page_that_asks_too_much_cannot_push_the_window_off_the_screen(window, qtbot):
    """The safety net under the pages: whatever one asks for, the window stays within the screen."""
    window.open_participant(window.ids["person"])
    window.dossier_tabs.setCurrentWidget(window.form)
    window.form.title.setMinimumWidth(3000)  # a page gone wrong
    screen = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: window.layout().totalMinimumSize().width() > 3000, timeout=2000)
    for _ in range(3):
        QApplication.processEvents()
        assert window.width() <= screen.width()
        assert window.minimumWidth() <= screen.width()
    window.form.title.setMinimumWidth(220)
    qtbot.waitUntil(lambda: window.minimumWidth() <= MOST[0], timeout=2000)  # back once the page asks less
    assert window.width() <= screen.width()
