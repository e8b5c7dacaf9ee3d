"""The session-events hub and the window's parts: a write anywhere redraws every page that shows it (no list
by hand), the lock reaches every page and every open dialog without naming them, and the workspace is built
at the first unlock, not behind the start page."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QVBoxLayout

from ilot_desktop.domain.vocabulary import EndReason
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant
from tests.start_probe import loaded_at_start


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(
        make_participant(entry_date=date(2026, 3, 2), consent_date=date(2026, 3, 2), file_number="DE-2026-007")
    )
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.open_participant(person.id)
    w.person_id = person.id
    return w


def _people_offered_for_actions(window) -> list[str]:
    found = next(w for w in window.actions_page.findChildren(QListWidget) if w.accessibleName() == "Personnes trouvées")
    return [found.item(i).text() for i in range(found.count())]


def test_a_file_closed_on_the_results_tab_leaves_the_collective_actions_choices(window, answers):
    """The old lists disagreed: the collective actions redrew after a save of the file, not after the same
    file was closed on the Résultats tab (the person stayed offered for registration)."""
    assert any("DE-2026-007" in text for text in _people_offered_for_actions(window))
    page = window.outcomes
    page.end_date.set_value(date(2026, 11, 20))
    page.end_reason.set_value(EndReason.POSITIVE)
    page.close_button.click()
    assert window.session.participants.get(window.person_id).end_date == date(2026, 11, 20)
    assert not any("DE-2026-007" in text for text in _people_offered_for_actions(window))
    # …and every other view of the file follows, the list and the file's form included
    assert window.form.current.end_date == date(2026, 11, 20)
    assert window.list_panel.model._rows[0].end_date == date(2026, 11, 20)


def test_a_write_on_one_page_redraws_the_others_not_itself(window, monkeypatch):
    """Each page subscribes itself: an appointment written on the week redraws Ma semaine, the timeline, the
    plan and the Bilan, and not the week over itself."""
    redrawn = []
    for name, page in (
        ("home", window.home),
        ("week", window.week),
        ("timeline", window.timeline),
        ("plan", window.barriers.plan),
        ("bilan", window.bilan),
        ("actions", window.actions_page),
    ):
        monkeypatch.setattr(page, "refresh", lambda *_a, name=name, **_k: redrawn.append(name))
    window.week.changed.emit()
    assert sorted(redrawn) == ["bilan", "home", "plan", "timeline"]
    redrawn.clear()
    window.actions_page.changed.emit()  # a registration: the week shows the action's people
    assert sorted(redrawn) == ["bilan", "home", "plan", "timeline", "week"]


def test_the_lock_discards_every_page_edits_and_closes_dialogs_no_list_names(window, monkeypatch):
    discarded = []
    for page in (*window.workspace.pages(), window.form):
        original = page.discard_edits
        monkeypatch.setattr(
            page, "discard_edits", lambda original=original, page=page: (discarded.append(page), original())
        )
    # a dialog showing a record, kept by nobody and with no parent: no attribute, no list, not a child
    loose = QDialog()
    loose.setWindowTitle("Fiche ouverte à part")
    QVBoxLayout(loose).addWidget(QLabel(window.form.current.last_name, loose))
    loose.show()
    child = QDialog(window.barriers)  # and one under a page, kept by nobody either
    child.open()
    assert loose.isVisible() and child.isVisible()
    assert window.lock()
    assert window.session is None
    assert set(map(id, discarded)) == {id(page) for page in (*window.workspace.pages(), window.form)}
    assert not loose.isVisible() and not child.isVisible()


def test_the_workspace_is_built_at_the_first_unlock_and_kept(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.close()
    window = make_window(folder)
    assert window.stack.currentWidget() is window.unlock_page
    assert window.workspace is None
    window.unlock_page.password.setText("pas le bon")
    window.unlock("pas le bon mot de passe")
    assert window.session is None and window.stack.currentWidget() is window.unlock_page
    window.unlock(PASSWORD)
    workspace = window.workspace
    assert workspace is not None and window.stack.currentWidget() is workspace
    assert window.lock()
    window.unlock(PASSWORD)
    assert window.workspace is workspace  # built once, cleared at lock, shown again


def test_the_start_page_loads_no_page_of_the_workspace(tmp_path):
    """The pages' modules are loaded at the first unlock: the start page shows without them."""
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.close()
    pages = ("participant_form", "week_page", "actions_page", "barriers_page", "bilan_page", "workspace")
    assert loaded_at_start(folder, "unlock_page", tuple(f"ilot_desktop.ui.{p}" for p in pages)) == []
