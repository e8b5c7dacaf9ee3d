"""A window left open past midnight: Ma semaine and the Bilan move to the new day (a date chosen stays)."""

from __future__ import annotations

from datetime import date, timedelta

from ilot_desktop.domain.dates import format_date, format_long_date
from ilot_desktop.paths import app_paths
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def _window(qtbot, tmp_path, day: list[date]):
    from ilot_desktop.settings import LocalSettings
    from ilot_desktop.ui.main_window import MainWindow

    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(planned_release_date=None))
    session.close()
    paths = app_paths(folder)
    window = MainWindow(paths, LocalSettings(paths.settings_file), today=lambda: day[0])
    qtbot.addWidget(window)
    window.show()
    window.unlock(PASSWORD)
    return window


def test_ma_semaine_and_the_bilan_move_to_the_new_day(qtbot, tmp_path):
    day = [TODAY]
    window = _window(qtbot, tmp_path, day)
    workspace = window.workspace
    assert workspace.day_timer.isActive() and workspace.day_timer.interval() == 60_000
    assert format_long_date(TODAY) in workspace.home.heading.text()
    workspace.results_tabs.setCurrentWidget(workspace.bilan)
    workspace.tabs.setCurrentWidget(workspace.results_tabs)
    assert workspace.bilan.as_of.text() == format_date(TODAY)
    workspace.check_day()  # the same day: nothing moves
    assert workspace.bilan.as_of.text() == format_date(TODAY)
    day[0] = TODAY + timedelta(days=1)
    workspace.check_day()
    assert format_long_date(day[0]) in workspace.home.heading.text()
    assert workspace.bilan.as_of.text() == format_date(day[0])
    assert workspace.bilan.indicators is not None and workspace.bilan.indicators.as_of == day[0]


def test_a_date_the_person_chose_stays_and_the_new_year_is_offered(qtbot, tmp_path):
    day = [date(2026, 12, 31)]
    window = _window(qtbot, tmp_path, day)
    bilan = window.workspace.bilan
    window.workspace.results_tabs.setCurrentWidget(bilan)
    window.workspace.tabs.setCurrentWidget(window.workspace.results_tabs)
    bilan.as_of.set_value(date(2026, 6, 30))
    day[0] = date(2027, 1, 1)
    window.workspace.check_day()
    assert bilan.as_of.text() == "30/06/2026"  # chosen by the person: kept
    assert bilan.year.findData(2027) >= 0 and bilan.year.currentData() == 2026
