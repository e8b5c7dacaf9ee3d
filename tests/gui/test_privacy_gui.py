"""A whole session through the window leaves no typed name or note in clear anywhere under the data folder."""

from __future__ import annotations

from datetime import datetime

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import Housing, JusticeSituation, Referrer, Sex
from tests.conftest import PASSWORD
from tests.integration.test_no_plaintext import MARKERS, _scan


def test_window_session_leaves_no_plaintext(make_window, answers, tmp_path):
    window = make_window()
    window.create_vault(PASSWORD)
    window.code_page.confirm.setChecked(True)
    window.code_page.continue_button.click()
    window.new_participant()
    form = window.form
    form.editors["last_name"].setText(MARKERS[0])
    form.editors["first_name"].setText(MARKERS[1])
    form.editors["notes"].setPlainText(MARKERS[3])
    form.editors["birth_date"].edit.setText("01/02/1980")
    for name, value in (
        ("sex", Sex.FEMALE),
        ("referrer", Referrer.SPIP),
        ("justice_situation", JusticeSituation.OPEN_CUSTODY),
        ("housing_at_entry", Housing.SQUAT),
    ):
        form.editors[name].set_value(value)
    assert form.save()
    window.session.followup.save(
        Appointment(participant_id=form.current.id, start=datetime(2026, 11, 26, 10, 0), report=MARKERS[2])
    )
    window.week.refresh()
    window.home.refresh()
    # a bug report written during the session carries no marker either
    from ilot_desktop.logs import write_crash_report

    try:
        raise ValueError(f"valeur saisie : {MARKERS[0]}")
    except ValueError as exc:
        assert write_crash_report(window.paths.crash_dir, exc) is not None
    window.lock()
    window.settings.save()
    window.open_demo()
    window.lock()
    assert (window.paths.data_dir / "journaux" / "rapports").is_dir()
    assert (window.paths.demo_dir / "ilot.db").exists()
    assert _scan(window.paths.data_dir) == []
